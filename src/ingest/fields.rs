//! The generic field mapping for CSV and JSON Lines: common column names map onto
//! [`Proposal`] fields, `--map field=column` overrides them, and every other non-empty
//! column goes into `extra`.

use crate::proposal::Proposal;

use super::dates::{parse_date, parse_year};
use super::mapper::{finish, resolve_country, RowMapper};
use super::row::{non_empty, parse_amount, Row};
use super::IngestError;

/// The proposal fields a column can feed, with the column names recognised for each
/// (compared after lower-casing and turning `-` and spaces into `_`).
const FIELDS: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "id",
            "project_id",
            "iati_identifier",
            "identifier",
            "activity_id",
            "projectid",
            "proposal_id",
        ],
    ),
    ("title", &["title", "name", "project_title", "project_name"]),
    (
        "description",
        &[
            "description",
            "descr",
            "project_descr",
            "pdo",
            "summary",
            "abstract",
            "objective",
        ],
    ),
    ("text", &["text"]),
    (
        "country",
        &[
            "country",
            "country_name",
            "countryshortname",
            "recipient_country",
            "operating_unit",
        ],
    ),
    (
        "country_code",
        &[
            "country_code",
            "iso3",
            "iso_3",
            "iati_country",
            "recipient_country_code",
            "iso2",
            "operating_unit_id",
        ],
    ),
    ("region", &["region", "regionname", "region_name"]),
    ("year", &["year", "fiscal_year"]),
    (
        "start_date",
        &[
            "start",
            "start_date",
            "boardapprovaldate",
            "start_actual",
            "start_planned",
            "approval_date",
        ],
    ),
    (
        "end_date",
        &[
            "end",
            "end_date",
            "closingdate",
            "end_actual",
            "end_planned",
            "closing_date",
        ],
    ),
    (
        "budget",
        &[
            "budget",
            "amount",
            "curr_total_commitment",
            "total_commitment",
            "commitment",
        ],
    ),
    ("currency", &["currency", "budget_currency"]),
    ("language", &["language", "lang", "default_language"]),
];

/// Which column feeds which field, resolved against one header.
#[derive(Debug, Clone)]
pub struct FieldMap {
    /// Per entry of [`FIELDS`], the column used, if any.
    columns: Vec<Option<String>>,
    source: String,
}

/// Checks that each `--map` pair names a known field.
pub fn check_maps(maps: &[(String, String)]) -> Result<(), IngestError> {
    for (field, _) in maps {
        if field_index(field).is_none() {
            return Err(IngestError::BadArgument {
                what: "--map field",
                value: field.clone(),
                expected: FIELDS
                    .iter()
                    .map(|(f, _)| *f)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    Ok(())
}

/// Parses one `--map` argument, `field=column` (the column may contain `=`).
pub fn parse_map(arg: &str) -> Result<(String, String), IngestError> {
    let bad = || IngestError::BadArgument {
        what: "--map",
        value: arg.to_string(),
        expected: "FIELD=COLUMN".into(),
    };
    let (field, column) = arg.split_once('=').ok_or_else(bad)?;
    let (field, column) = (field.trim(), column.trim());
    if field.is_empty() || column.is_empty() {
        return Err(bad());
    }
    let pair = vec![(field.to_string(), column.to_string())];
    check_maps(&pair)?;
    Ok(pair.into_iter().next().expect("one pair"))
}

fn field_index(field: &str) -> Option<usize> {
    let f = match field {
        "start" => "start_date",
        "end" => "end_date",
        other => other,
    };
    FIELDS.iter().position(|(name, _)| *name == f)
}

fn canonical(column: &str) -> String {
    column
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['-', ' '], "_")
}

impl FieldMap {
    /// Resolves the fields against the column names; `maps` win over the automatic names.
    pub fn new(names: &[String], maps: &[(String, String)], source: &str) -> Self {
        let canon: Vec<String> = names.iter().map(|n| canonical(n)).collect();
        let mut columns: Vec<Option<String>> = FIELDS
            .iter()
            .map(|(_, aliases)| {
                aliases
                    .iter()
                    .find_map(|a| canon.iter().position(|c| c == a))
                    .map(|i| names[i].clone())
            })
            .collect();
        for (field, column) in maps {
            if let Some(i) = field_index(field) {
                columns[i] = Some(column.clone());
            }
        }
        FieldMap {
            columns,
            source: source.to_string(),
        }
    }

    /// The column feeding `field`, if any.
    pub fn column(&self, field: &str) -> Option<&str> {
        field_index(field).and_then(|i| self.columns[i].as_deref())
    }

    /// `Some(missing field)` when the header cannot give an id or any text.
    pub fn missing(&self) -> Option<&'static str> {
        if self.column("id").is_none() {
            return Some("id");
        }
        let has_text = ["title", "description", "text"]
            .iter()
            .any(|f| self.column(f).is_some());
        (!has_text).then_some("text")
    }

    fn value<'a>(&self, row: &Row<'a>, field: &str) -> &'a str {
        self.column(field).map_or("", |c| row.get(c))
    }
}

impl RowMapper for FieldMap {
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String> {
        let v = |f: &str| self.value(row, f);
        let start = parse_date(v("start_date"));
        let end = parse_date(v("end_date"));
        let used: Vec<&str> = self.columns.iter().flatten().map(String::as_str).collect();
        let extra = row
            .iter()
            .filter(|(n, val)| !used.contains(n) && !val.trim().is_empty())
            .map(|(n, val)| (n.to_string(), val.trim().to_string()))
            .collect();
        let p = Proposal {
            id: v("id").to_string(),
            source: self.source.clone(),
            title: v("title").to_string(),
            description: v("description").to_string(),
            text: v("text").to_string(),
            country_code: resolve_country(v("country_code"), v("country")),
            country_name: non_empty(v("country")),
            region: non_empty(v("region")),
            year: parse_year(v("year")).or(start.as_ref().map(|d| d.year)),
            start_date: start.and_then(|d| d.iso),
            end_date: end.and_then(|d| d.iso),
            budget: parse_amount(v("budget")),
            currency: non_empty(v("currency")),
            language: non_empty(v("language")).map(|l| l.to_lowercase()),
            extra,
            classification: None,
        };
        finish(p)
    }
}
