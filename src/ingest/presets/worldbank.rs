//! The World Bank projects layout (`worldbank_projects_2025.csv`): the text is the project
//! name and its Project Development Objective; regional "countries" keep their name but
//! get no ISO code.

use crate::country;
use crate::proposal::Proposal;

use super::super::dates::parse_date;
use super::super::mapper::{finish, RowMapper};
use super::super::row::{join_text, non_empty, parse_amount, Row};
use super::extra_except;

const USED: &[&str] = &[
    "id",
    "project_name",
    "pdo",
    "countryshortname",
    "regionname",
    "boardapprovaldate",
    "curr_total_commitment",
];

/// Maps World Bank rows.
pub struct WorldBank {
    /// The source name.
    pub source: String,
}

impl RowMapper for WorldBank {
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String> {
        let (name, pdo) = (row.get("project_name"), row.get("pdo"));
        let approval = parse_date(row.get("boardapprovaldate"));
        let p = Proposal {
            id: row.get("id").to_string(),
            source: self.source.clone(),
            title: name.to_string(),
            description: pdo.to_string(),
            text: join_text(&[name, pdo]),
            country_code: country::by_name(row.get("countryshortname"))
                .map(|c| c.alpha3.to_string()),
            country_name: non_empty(row.get("countryshortname")),
            region: non_empty(row.get("regionname")),
            year: approval.as_ref().map(|d| d.year),
            start_date: approval.and_then(|d| d.iso),
            end_date: parse_date(row.get("closingdate")).and_then(|d| d.iso),
            budget: parse_amount(row.get("curr_total_commitment")),
            currency: Some("USD".into()),
            language: None,
            extra: extra_except(row, USED),
            classification: None,
        };
        finish(p)
    }
}
