//! The search request: free text plus facet filters, sorting and paging; its validation and
//! its translation into a tantivy query. Within one facet values are OR-ed, across facets
//! AND-ed; filters never change the ranking.

use std::ops::Bound;

use serde::{Deserialize, Serialize};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::error::{CatalogueError, Result};
use super::schema::filter_term;
use super::Catalogue;
use crate::labels::{Openness, Pillar, Sector};

/// Longest accepted query text, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;

/// Largest accepted page size.
pub const MAX_LIMIT: usize = 1000;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best BM25 match first (newest first when there is no text).
    #[default]
    Relevance,
    /// Newest first; records without a year last.
    YearDesc,
    /// Oldest first; records without a year last.
    YearAsc,
}

/// A search: text, filters, order and page. `Default` matches everything, 10 per page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Words, "quoted phrases", AND / OR / -term; `None` or blank matches everything.
    pub text: Option<String>,
    /// Digital levels (0, 1, 2) to keep.
    pub digital: Vec<u8>,
    /// Openness values to keep.
    pub openness: Vec<Openness>,
    /// Pillars to keep (a record with any of them).
    pub pillars: Vec<Pillar>,
    /// Sectors to keep (a record with any of them).
    pub sectors: Vec<Sector>,
    /// ISO alpha-3 country codes, any case.
    pub countries: Vec<String>,
    /// Regions, any case.
    pub regions: Vec<String>,
    /// Sources (`wb`, `undp14`, ...), any case.
    pub sources: Vec<String>,
    /// Inclusive year range.
    pub years: Option<(i32, i32)>,
    /// Result order.
    pub sort: Sort,
    /// Number of hits to skip.
    pub offset: usize,
    /// Number of hits to return (at most [`MAX_LIMIT`]; 0 returns only counts and facets).
    pub limit: usize,
    /// Count facet values over all matches?
    pub facets: bool,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: None,
            digital: vec![],
            openness: vec![],
            pillars: vec![],
            sectors: vec![],
            countries: vec![],
            regions: vec![],
            sources: vec![],
            years: None,
            sort: Sort::Relevance,
            offset: 0,
            limit: 10,
            facets: false,
        }
    }
}

impl SearchQuery {
    /// The query text, trimmed, when there is any.
    pub fn text(&self) -> Option<&str> {
        self.text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// The order actually used: relevance means newest first when there is no text.
    pub fn effective_sort(&self) -> Sort {
        match (self.sort, self.text()) {
            (Sort::Relevance, None) => Sort::YearDesc,
            (s, _) => s,
        }
    }

    /// Checks the limits: text length, page size, digital values, year range.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(CatalogueError::InvalidQuery(m));
        let chars = self.text.as_deref().map_or(0, |t| t.chars().count());
        if chars > MAX_QUERY_CHARS {
            return bad(format!(
                "query text has {chars} characters (at most {MAX_QUERY_CHARS})"
            ));
        }
        if self.limit > MAX_LIMIT {
            return bad(format!("limit {} is above {MAX_LIMIT}", self.limit));
        }
        if let Some(d) = self.digital.iter().find(|d| **d > 2) {
            return bad(format!("digital {d} is not 0, 1 or 2"));
        }
        match self.years {
            Some((lo, hi)) if lo > hi => bad(format!("year range {lo}..{hi} is empty")),
            _ => Ok(()),
        }
    }

    /// Every filter as (facet name, values), the facets without a value left out.
    fn filters(&self) -> Vec<(&'static str, Vec<String>)> {
        fn strs<T: ToString>(v: &[T]) -> Vec<String> {
            v.iter().map(T::to_string).collect()
        }
        let all = [
            ("digital", strs(&self.digital)),
            ("openness", strs(&self.openness)),
            ("pillar", strs(&self.pillars)),
            ("sector", strs(&self.sectors)),
            ("country", self.countries.clone()),
            ("region", self.regions.clone()),
            ("source", self.sources.clone()),
        ];
        all.into_iter().filter(|(_, v)| !v.is_empty()).collect()
    }
}

impl Catalogue {
    /// Translates a validated query into a tantivy query: text (scored) AND each filter
    /// (unscored).
    pub(crate) fn build_query(&self, q: &SearchQuery) -> Result<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![];
        if let Some(text) = q.text() {
            clauses.push((Occur::Must, self.parse_text(text)?));
        }
        for (name, values) in q.filters() {
            let terms = values
                .iter()
                .map(|v| Term::from_field_text(self.fields.filter, &filter_term(name, v)))
                .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>);
            clauses.push((
                Occur::Must,
                unscored(Box::new(BooleanQuery::union(terms.collect()))),
            ));
        }
        if let Some((lo, hi)) = q.years {
            let term = |y: i32| Term::from_field_i64(self.fields.year, i64::from(y));
            let range = RangeQuery::new(Bound::Included(term(lo)), Bound::Included(term(hi)));
            clauses.push((Occur::Must, unscored(Box::new(range))));
        }
        Ok(match clauses.len() {
            0 => Box::new(AllQuery),
            1 if q.text().is_some() => clauses.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(clauses)),
        })
    }

    /// Parses the text over title (boost 2), description and text; all words required
    /// unless joined by OR.
    fn parse_text(&self, text: &str) -> Result<Box<dyn Query>> {
        let f = &self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.description, f.text]);
        parser.set_field_boost(f.title, 2.0);
        parser.set_conjunction_by_default();
        let (query, errors) = parser.parse_query_lenient(text);
        match errors.first() {
            None => Ok(query),
            Some(e) => Err(CatalogueError::InvalidQuery(format!("`{text}`: {e}"))),
        }
    }
}

fn unscored(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}
