//! The digital-product layouts: the DPG registry candidates and the two digital-health
//! files (WHO Digital Health Atlas, DIAL tools mapping). Every row describes a digital
//! product; the text is its name, description and software.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::proposal::Proposal;

use super::super::dates::parse_date;
use super::super::mapper::{finish, resolve_country, RowMapper};
use super::super::row::{join_text, non_empty, Row};
use super::{extra_except, slug};

/// Maps `dpg_registry_candidates.csv` rows; the id is the registry file's stem.
pub struct Dpg {
    /// The source name.
    pub source: String,
    /// Ids given so far.
    pub ids: UniqueIds,
}

/// Maps `who_digital_health_atlas_dial.csv` rows; the id is name + country.
pub struct HealthAtlas {
    /// The source name.
    pub source: String,
}

/// Maps `digital_health_tools_mapping_mmphase*.csv` rows; the id is tool + country +
/// phase (`openmrs-nigeria-p1`).
pub struct DialTools {
    /// The source name.
    pub source: String,
    /// Ids given so far.
    pub ids: UniqueIds,
}

/// Keeps ids unique within a file: `id` the first time, then `id-2`, `id-3` ... (the
/// product files repeat a tool for one country, and the DPG file a product in two folders).
#[derive(Debug, Default)]
pub struct UniqueIds(Mutex<HashMap<String, u32>>);

impl UniqueIds {
    fn unique(&self, id: String) -> String {
        let mut seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            id
        } else {
            format!("{id}-{n}")
        }
    }
}

/// The fields the three layouts share.
struct Product<'a> {
    id: String,
    name: &'a str,
    description: &'a str,
    software: &'a str,
    country: &'a str,
    start: &'a str,
    end: &'a str,
}

fn product(source: &str, row: &Row<'_>, p: Product<'_>, used: &[&str]) -> Result<Proposal, String> {
    let start = parse_date(p.start);
    let software = if p.software.is_empty() || p.software == p.name {
        ""
    } else {
        p.software
    };
    let proposal = Proposal {
        id: p.id,
        source: source.to_string(),
        title: p.name.to_string(),
        description: p.description.to_string(),
        text: join_text(&[p.name, p.description, software]),
        country_code: resolve_country("", p.country),
        country_name: non_empty(p.country),
        year: start.as_ref().map(|d| d.year),
        start_date: start.and_then(|d| d.iso),
        end_date: parse_date(p.end).and_then(|d| d.iso),
        extra: extra_except(row, used),
        ..Proposal::default()
    };
    finish(proposal)
}

impl RowMapper for Dpg {
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String> {
        let file = row.get("file");
        let stem = file.strip_suffix(".json").unwrap_or(file);
        let id = if stem.is_empty() {
            slug(&[row.get("name")])
        } else {
            stem.to_string()
        };
        let id = self.ids.unique(id);
        let p = Product {
            id,
            name: row.get("name"),
            description: row.get("description"),
            software: "",
            country: "",
            start: "",
            end: "",
        };
        product(&self.source, row, p, &["name", "description"])
    }
}

impl RowMapper for HealthAtlas {
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String> {
        let (name, country) = (row.get("Name"), row.get("Country"));
        let p = Product {
            id: slug(&[name, country]),
            name,
            description: row.get("Overview of digital health implementation"),
            software: row.get("Software"),
            country,
            start: row.get("Start Date"),
            end: row.get("End Date"),
        };
        let used = [
            "Name",
            "Country",
            "Overview of digital health implementation",
            "Start Date",
            "End Date",
        ];
        product(&self.source, row, p, &used)
    }
}

impl RowMapper for DialTools {
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String> {
        let (tool, country) = (row.get("tool"), row.get("country"));
        let phase = row.get("country phase");
        let phase = if phase.is_empty() {
            String::new()
        } else {
            format!("p{phase}")
        };
        let p = Product {
            id: self.ids.unique(slug(&[tool, country, &phase])),
            name: tool,
            description: row.get("tool_description"),
            software: row.get("software"),
            country,
            start: "",
            end: "",
        };
        product(
            &self.source,
            row,
            p,
            &["tool", "tool_description", "country"],
        )
    }
}
