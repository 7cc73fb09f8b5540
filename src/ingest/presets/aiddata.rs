//! The AidData SDG-IATI layout (`aiddata_sdg_iati_activities.csv`): the text is the title
//! and the first 1,500 characters of the description, the language is the activity's
//! `default-language`.

use crate::proposal::Proposal;

use super::super::dates::{parse_date, parse_year};
use super::super::mapper::{finish, resolve_country, RowMapper};
use super::super::row::{join_text, non_empty, parse_amount, truncate_chars, Row};
use super::extra_except;

const USED: &[&str] = &[
    "iati-identifier",
    "title",
    "description",
    "recipient-country-code",
    "recipient-country",
    "default-language",
    "year",
    "start-actual",
    "end-actual",
    "deflated_dollars",
];

/// Characters of the description that go into the text.
const DESCRIPTION_CHARS: usize = 1500;

/// Maps AidData rows.
pub struct AidData {
    /// The source name.
    pub source: String,
}

impl RowMapper for AidData {
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String> {
        let (title, descr) = (row.get("title"), row.get("description"));
        let start = parse_date(row.get("start-actual"));
        let p = Proposal {
            id: row.get("iati-identifier").to_string(),
            source: self.source.clone(),
            title: title.to_string(),
            description: descr.to_string(),
            text: join_text(&[title, truncate_chars(descr, DESCRIPTION_CHARS)]),
            country_code: resolve_country(
                row.get("recipient-country-code"),
                row.get("recipient-country"),
            ),
            country_name: non_empty(row.get("recipient-country")),
            region: non_empty(row.get("recipient-region")),
            year: parse_year(row.get("year")).or(start.as_ref().map(|d| d.year)),
            start_date: start.and_then(|d| d.iso),
            end_date: parse_date(row.get("end-actual")).and_then(|d| d.iso),
            budget: parse_amount(row.get("deflated_dollars")),
            currency: Some("USD".into()),
            language: non_empty(row.get("default-language")).map(|l| l.to_lowercase()),
            extra: extra_except(row, USED),
            classification: None,
        };
        finish(p)
    }
}
