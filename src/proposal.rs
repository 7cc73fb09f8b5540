//! The normalised proposal record that every reader produces and every sink consumes.
//!
//! A [`Proposal`] is source-agnostic: readers in [`crate::ingest`] map their format onto it,
//! the classifier reads [`Proposal::text`], and the catalogue stores it with its
//! [`Classification`]. Its identity is the pair (source, id), rendered by [`Proposal::key`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::labels::Classification;

/// One project proposal, normalised from any input format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Proposal {
    /// The record's id in its source (never empty).
    pub id: String,
    /// Where the record came from: a preset's short name (`undp14`, `wb`, `aid`) or the
    /// input file's stem.
    pub source: String,
    /// Title (may be empty when the description carries the text).
    pub title: String,
    /// The main description.
    pub description: String,
    /// The text the classifier reads: title, description and any further narrative
    /// (for example UNDP output titles and descriptions), composed by the reader.
    pub text: String,
    /// ISO 3166-1 alpha-3 code where it can be derived.
    pub country_code: Option<String>,
    /// The country (or other recipient) name as given in the source.
    pub country_name: Option<String>,
    /// Region as given by the source or derived from the country.
    pub region: Option<String>,
    /// Year (of start, approval or the source's own year field).
    pub year: Option<i32>,
    /// Start date, ISO 8601 (`YYYY-MM-DD`) where it could be parsed.
    pub start_date: Option<String>,
    /// End date, ISO 8601 where it could be parsed.
    pub end_date: Option<String>,
    /// Budget or commitment amount.
    pub budget: Option<f64>,
    /// ISO 4217 currency code of `budget`.
    pub currency: Option<String>,
    /// ISO 639-1 language code of the text where known or detected.
    pub language: Option<String>,
    /// Source fields that have no place above, kept verbatim.
    pub extra: BTreeMap<String, String>,
    /// Labels, probabilities and evidence once classified.
    pub classification: Option<Classification>,
}

impl Proposal {
    /// The catalogue key: `source-id`. For the presets this equals the ids in
    /// `labels/gold.csv` (`undp14-00011031`, `wb-P000001`, `aid-...`).
    pub fn key(&self) -> String {
        format!("{}-{}", self.source, self.id)
    }

    /// Builds [`Proposal::text`] from title and description when a reader has nothing more.
    pub fn default_text(title: &str, description: &str) -> String {
        match (title.trim(), description.trim()) {
            ("", d) => d.to_string(),
            (t, "") => t.to_string(),
            (t, d) => format!("{t}. {d}"),
        }
    }
}
