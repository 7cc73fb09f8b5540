//! The flat row shared by the CSV and Parquet exports: one column per field, lists of
//! pillars and sectors, labels empty for unclassified records.

use crate::labels::Labels;
use crate::Proposal;

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 19] = [
    "key",
    "id",
    "source",
    "title",
    "description",
    "country_code",
    "country_name",
    "region",
    "year",
    "budget",
    "currency",
    "language",
    "digital",
    "openness",
    "pillars",
    "sectors",
    "p_digital",
    "evidence",
    "model",
];

/// One proposal flattened into columns.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatRow {
    /// `source-id`.
    pub key: String,
    /// Source id.
    pub id: String,
    /// Source name.
    pub source: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// ISO alpha-3 code.
    pub country_code: Option<String>,
    /// Country name as given.
    pub country_name: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Budget.
    pub budget: Option<f64>,
    /// Currency of the budget.
    pub currency: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Digital level when classified.
    pub digital: Option<u8>,
    /// Openness when classified.
    pub openness: Option<String>,
    /// Pillars (empty when unclassified or not digital).
    pub pillars: Vec<String>,
    /// Sectors.
    pub sectors: Vec<String>,
    /// Probability of digital 1 or 2 when classified.
    pub p_digital: Option<f32>,
    /// Evidence as `label: term (+weight)` joined with ` | `.
    pub evidence: String,
    /// Model name when classified.
    pub model: Option<String>,
}

impl From<&Proposal> for FlatRow {
    fn from(p: &Proposal) -> Self {
        let c = p.classification.as_ref();
        let labels: Option<&Labels> = c.map(|c| &c.labels);
        let evidence = c.map_or(String::new(), |c| {
            let items = c
                .evidence
                .iter()
                .map(|e| format!("{}: {} ({:+.2})", e.label, e.term, e.weight));
            items.collect::<Vec<_>>().join(" | ")
        });
        FlatRow {
            key: p.key(),
            id: p.id.clone(),
            source: p.source.clone(),
            title: p.title.clone(),
            description: p.description.clone(),
            country_code: p.country_code.clone(),
            country_name: p.country_name.clone(),
            region: p.region.clone(),
            year: p.year,
            budget: p.budget,
            currency: p.currency.clone(),
            language: p.language.clone(),
            digital: labels.map(|l| l.digital),
            openness: labels.map(|l| l.openness.to_string()),
            pillars: labels.map_or(vec![], |l| {
                l.pillars.iter().map(|x| x.to_string()).collect()
            }),
            sectors: labels.map_or(vec![], |l| {
                l.sectors.iter().map(|x| x.to_string()).collect()
            }),
            p_digital: c.map(|c| c.p_digital()),
            evidence,
            model: c.map(|c| c.model.clone()),
        }
    }
}

impl FlatRow {
    /// The row as CSV fields, in [`CSV_COLUMNS`] order.
    pub fn csv_fields(&self) -> [String; 19] {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let n = |v: Option<String>| v.unwrap_or_default();
        [
            self.key.clone(),
            self.id.clone(),
            self.source.clone(),
            self.title.clone(),
            self.description.clone(),
            o(&self.country_code),
            o(&self.country_name),
            o(&self.region),
            n(self.year.map(|y| y.to_string())),
            n(self.budget.map(|b| b.to_string())),
            o(&self.currency),
            o(&self.language),
            n(self.digital.map(|d| d.to_string())),
            o(&self.openness),
            self.pillars.join(";"),
            self.sectors.join(";"),
            n(self.p_digital.map(|p| format!("{p:.4}"))),
            self.evidence.clone(),
            o(&self.model),
        ]
    }
}
