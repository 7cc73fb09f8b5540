//! Catalogue statistics: counts by every facet, pillar x sector and pillar x region
//! cross-tabulations, and the share of digital records by year.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::query::{AllQuery, Query};

use super::error::Result;
use super::facets::{self, Facets};
use super::query::SearchQuery;
use super::schema::UNCLASSIFIED;
use super::Catalogue;
use crate::labels::Pillar;

/// A cross-tabulation: row value -> column value -> number of records.
pub type CrossTab = BTreeMap<String, BTreeMap<String, u64>>;

/// Digital records in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearShare {
    /// The year, or `unknown`.
    pub year: String,
    /// All records of the year.
    pub records: u64,
    /// Classified records of the year.
    pub classified: u64,
    /// Digital records (digital 1 or 2) of the year.
    pub digital: u64,
    /// `digital / classified`, when any record of the year is classified.
    pub share: Option<f64>,
}

/// The statistics of a whole catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Number of records.
    pub total: u64,
    /// Counts by every facet over all records.
    pub facets: Facets,
    /// Pillar -> sector -> records having both.
    pub pillar_by_sector: CrossTab,
    /// Pillar -> region -> records.
    pub pillar_by_region: CrossTab,
    /// Digital share by year, oldest first (`unknown` last).
    pub digital_by_year: Vec<YearShare>,
}

impl Catalogue {
    /// Computes the statistics of the whole catalogue.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let facets = facets::count_all(&searcher, &AllQuery)?;
        let (mut by_sector, mut by_region) = (CrossTab::new(), CrossTab::new());
        for pillar in Pillar::ALL {
            let q = self.build_query(&SearchQuery {
                pillars: vec![*pillar],
                ..Default::default()
            })?;
            let f = facets::count(&searcher, &*q, &["sector", "region"])?;
            by_sector.insert(pillar.to_string(), to_map(&f["sector"]));
            by_region.insert(pillar.to_string(), to_map(&f["region"]));
        }
        let digital_by_year = self.digital_by_year(&searcher, &facets)?;
        let total = searcher.num_docs();
        Ok(Stats {
            total,
            facets,
            pillar_by_sector: by_sector,
            pillar_by_region: by_region,
            digital_by_year,
        })
    }

    fn digital_by_year(&self, s: &tantivy::Searcher, all: &Facets) -> Result<Vec<YearShare>> {
        let years_of = |q: &dyn Query| -> Result<BTreeMap<String, u64>> {
            Ok(to_map(&facets::count(s, q, &["year"])?["year"]))
        };
        let digital = years_of(&*self.build_query(&SearchQuery {
            digital: vec![1, 2],
            ..Default::default()
        })?)?;
        let unclassified = years_of(&*self.unclassified_query())?;
        let mut out: Vec<YearShare> = all["year"]
            .iter()
            .map(|(year, records)| {
                let classified = records - unclassified.get(year).copied().unwrap_or(0);
                let digital = digital.get(year).copied().unwrap_or(0);
                let share = (classified > 0).then(|| digital as f64 / classified as f64);
                YearShare {
                    year: year.clone(),
                    records: *records,
                    classified,
                    digital,
                    share,
                }
            })
            .collect();
        out.sort_by_key(|y| (y.year.parse::<i32>().is_err(), y.year.clone()));
        Ok(out)
    }

    fn unclassified_query(&self) -> Box<dyn Query> {
        let term = super::schema::filter_term("digital", UNCLASSIFIED);
        let term = tantivy::Term::from_field_text(self.fields.filter, &term);
        Box::new(tantivy::query::TermQuery::new(
            term,
            tantivy::schema::IndexRecordOption::Basic,
        ))
    }
}

fn to_map(values: &[(String, u64)]) -> BTreeMap<String, u64> {
    values.iter().cloned().collect()
}
