//! Facet counting: one tantivy facet collector over the `/name/value` paths of every
//! dimension, turned into plain (value, count) lists.

use std::collections::BTreeMap;

use tantivy::collector::{FacetCollector, FacetCounts};
use tantivy::query::Query;
use tantivy::Searcher;

use super::error::Result;
use super::schema::FACET_NAMES;

/// Counts by facet name (`digital`, `openness`, `pillar`, `sector`, `country`, `region`,
/// `year`, `source`): each value with the number of matching records that have it, most
/// frequent first (years in calendar order, `unknown` last). Missing country, region or
/// year count as `unknown`; unclassified records count as digital `unclassified` and have
/// no openness, pillar or sector.
pub type Facets = BTreeMap<String, Vec<(String, u64)>>;

/// Counts the facets of the records matching `query`, for the given dimensions.
pub(crate) fn count(searcher: &Searcher, query: &dyn Query, names: &[&str]) -> Result<Facets> {
    let mut collector = FacetCollector::for_field("facets");
    for name in names {
        collector.add_facet(format!("/{name}").as_str());
    }
    let counts = searcher.search(query, &collector)?;
    Ok(names
        .iter()
        .map(|n| (n.to_string(), values(&counts, n)))
        .collect())
}

/// Counts every facet dimension.
pub(crate) fn count_all(searcher: &Searcher, query: &dyn Query) -> Result<Facets> {
    count(searcher, query, &FACET_NAMES)
}

/// The (value, count) list of one dimension, most frequent first, then by value; years in
/// calendar order, `unknown` last.
fn values(counts: &FacetCounts, name: &str) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = counts
        .get(format!("/{name}").as_str())
        .map(|(facet, n)| {
            (
                facet
                    .to_path()
                    .last()
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                n,
            )
        })
        .collect();
    match name {
        "year" => out.sort_by_key(|(v, _)| (v.parse::<i32>().is_err(), v.clone())),
        _ => out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))),
    }
    out
}
