//! Running a search: total count, one page of hits in the requested order with snippets,
//! and facet counts over all matches.

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Order, Searcher};

use super::error::Result;
use super::facets::{self, Facets};
use super::query::{SearchQuery, Sort};
use super::snippet::{Snippet, SnippetMaker};
use super::Catalogue;
use crate::Proposal;

/// One matching record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The record's key (`source-id`).
    pub key: String,
    /// The stored record.
    pub proposal: Proposal,
    /// BM25 score (0 when sorted by year).
    pub score: f32,
    /// The best-matching passage.
    pub snippet: Snippet,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Number of matching records (all pages).
    pub total: u64,
    /// The requested page.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches (empty unless asked for).
    pub facets: Facets,
}

impl Catalogue {
    /// Searches the catalogue. An invalid query (too long, bad syntax, limit above
    /// [`super::MAX_LIMIT`]) is an error, never a panic.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        q.validate()?;
        let query = self.build_query(q)?;
        let searcher = self.reader.searcher();
        let (total, page) = count_and_page(&searcher, &*query, q)?;
        let facets = match q.facets {
            true => facets::count_all(&searcher, &*query)?,
            false => Facets::new(),
        };
        let snippets = SnippetMaker::new(&searcher, &*query, &self.fields, q.text().is_some())?;
        let hits = page
            .into_iter()
            .map(|(score, addr)| {
                let proposal = self.load(&searcher, addr)?;
                let snippet = snippets.make(&proposal);
                Ok(Hit {
                    key: proposal.key(),
                    proposal,
                    score,
                    snippet,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }
}

/// The number of matches and the requested page of (score, address), in one pass.
fn count_and_page(s: &Searcher, query: &dyn Query, q: &SearchQuery) -> Result<(u64, Page)> {
    // An offset past the last record has no page; checking it first also keeps tantivy
    // from allocating a buffer sized by a huge offset.
    if q.limit == 0 || q.offset as u64 >= s.num_docs() {
        return Ok((s.search(query, &Count)? as u64, vec![]));
    }
    let docs = TopDocs::with_limit(q.limit).and_offset(q.offset);
    let order = match q.effective_sort() {
        Sort::Relevance => {
            let (n, page) = s.search(query, &(Count, docs.order_by_score()))?;
            return Ok((n as u64, page));
        }
        Sort::YearDesc => Order::Desc,
        Sort::YearAsc => Order::Asc,
    };
    let (n, by_year) = s.search(
        query,
        &(Count, docs.order_by_fast_field::<i64>("year", order)),
    )?;
    Ok((
        n as u64,
        by_year.into_iter().map(|(_, addr)| (0.0, addr)).collect(),
    ))
}

/// Hits as (score, address).
type Page = Vec<(f32, DocAddress)>;
