//! The UNDP open.undp.org 2014 layout (`undp_open_projects_2014.csv`, and the per-project
//! JSON files once flattened to the same columns). The text is what the annotators read:
//! title, description, the first 500 characters of the output titles and the first 700 of
//! the output descriptions.

use crate::country;
use crate::proposal::Proposal;

use super::super::dates::parse_date;
use super::super::mapper::{finish, RowMapper};
use super::super::row::{join_text, non_empty, parse_amount, truncate_chars, Row};
use super::extra_except;

/// The columns of the 2014 CSV, in order; the JSON reader flattens projects to these.
pub const UNDP_COLUMNS: &[&str] = &[
    "project_id",
    "project_title",
    "project_descr",
    "operating_unit",
    "operating_unit_id",
    "iati_country",
    "region_id",
    "start",
    "end",
    "budget",
    "expenditure",
    "inst_descr",
    "fiscal_years",
    "n_outputs",
    "output_titles",
    "output_descrs",
    "outputs_truncated",
    "crs_codes",
    "crs_descrs",
    "gender_descrs",
];

/// Columns that become proposal fields rather than `extra`.
const USED: &[&str] = &[
    "project_id",
    "project_title",
    "project_descr",
    "operating_unit",
    "start",
    "end",
    "budget",
];

/// Characters of `output_titles` and `output_descrs` that go into the text.
const OUTPUT_TITLES_CHARS: usize = 500;
const OUTPUT_DESCRS_CHARS: usize = 700;

/// Maps UNDP 2014 rows.
pub struct Undp {
    /// The source name.
    pub source: String,
}

/// The regional bureau's name for a `region_id`.
fn bureau(region_id: &str) -> Option<String> {
    let name = match region_id {
        "" => return None,
        "RBA" => "Africa",
        "RBAP" => "Asia and the Pacific",
        "RBAS" | "PAPP" => "Arab States",
        "RBEC" => "Europe and Central Asia",
        "RBLAC" => "Latin America and the Caribbean",
        "global" => "Global",
        other => other,
    };
    Some(name.to_string())
}

/// The alpha-3 code of an operating unit; global and headquarters units (`998`) have none.
fn unit_country(row: &Row<'_>) -> Option<String> {
    let iati = row.get("iati_country");
    if iati == "998" {
        return None;
    }
    country::by_alpha3(row.get("operating_unit_id"))
        .or_else(|| country::by_alpha2(iati))
        .or_else(|| country::by_name(row.get("operating_unit")))
        .map(|c| c.alpha3.to_string())
}

impl RowMapper for Undp {
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String> {
        let (title, descr) = (row.get("project_title"), row.get("project_descr"));
        let text = join_text(&[
            title,
            descr,
            truncate_chars(row.get("output_titles"), OUTPUT_TITLES_CHARS),
            truncate_chars(row.get("output_descrs"), OUTPUT_DESCRS_CHARS),
        ]);
        let start = parse_date(row.get("start"));
        let p = Proposal {
            id: row.get("project_id").to_string(),
            source: self.source.clone(),
            title: title.to_string(),
            description: descr.to_string(),
            text,
            country_code: unit_country(row),
            country_name: non_empty(row.get("operating_unit")),
            region: bureau(row.get("region_id")),
            year: start.as_ref().map(|d| d.year),
            start_date: start.and_then(|d| d.iso),
            end_date: parse_date(row.get("end")).and_then(|d| d.iso),
            budget: parse_amount(row.get("budget")),
            currency: Some("USD".into()),
            language: None,
            extra: extra_except(row, USED),
            classification: None,
        };
        finish(p)
    }
}
