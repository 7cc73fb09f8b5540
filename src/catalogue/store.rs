//! Reading stored proposals back: by key, by bare id, and all of them in index order.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::error::{CatalogueError, Result};
use super::Catalogue;
use crate::Proposal;

/// How many records sharing a bare id are listed in an ambiguity error.
const MAX_AMBIGUOUS: usize = 10;

impl Catalogue {
    /// The record with this key (`source-id`), or with this bare id when exactly one
    /// record has it; an id shared by several sources is an [`CatalogueError::Ambiguous`].
    pub fn get(&self, key: &str) -> Result<Option<Proposal>> {
        let searcher = self.reader.searcher();
        let by_key = self.lookup(&searcher, self.fields.key, key, 1)?;
        if let Some(addr) = by_key.first() {
            return self.load(&searcher, *addr).map(Some);
        }
        let by_id = self.lookup(&searcher, self.fields.id, key, MAX_AMBIGUOUS)?;
        match by_id.as_slice() {
            [] => Ok(None),
            [one] => self.load(&searcher, *one).map(Some),
            many => {
                let keys = many
                    .iter()
                    .map(|a| self.load(&searcher, *a).map(|p| p.key()))
                    .collect::<Result<Vec<_>>>()?;
                Err(CatalogueError::Ambiguous {
                    id: key.to_string(),
                    keys: keys.join(", "),
                })
            }
        }
    }

    /// Every record, decoded lazily; for reclassifying in place or dumping.
    pub fn iter_all(&self) -> impl Iterator<Item = Result<Proposal>> + 'static {
        let searcher = self.reader.searcher();
        let addrs = all_addresses(&searcher);
        let (json, dir) = (self.fields.json, self.dir.clone());
        addrs
            .into_iter()
            .map(move |a| decode(&searcher, json, a, &dir))
    }

    /// Addresses of the documents whose raw `field` equals `value`.
    fn lookup(&self, s: &Searcher, field: Field, value: &str, n: usize) -> Result<Vec<DocAddress>> {
        let q = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let hits = s.search(&q, &TopDocs::with_limit(n).order_by_score())?;
        Ok(hits.into_iter().map(|(_, a)| a).collect())
    }

    /// Decodes the stored proposal of one document.
    pub(crate) fn load(&self, searcher: &Searcher, addr: DocAddress) -> Result<Proposal> {
        decode(searcher, self.fields.json, addr, &self.dir)
    }
}

/// Addresses of every live document, segment by segment.
pub(crate) fn all_addresses(searcher: &Searcher) -> Vec<DocAddress> {
    let mut out = Vec::with_capacity(searcher.num_docs() as usize);
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        out.extend(seg.doc_ids_alive().map(|d| DocAddress::new(ord as u32, d)));
    }
    out
}

fn decode(s: &Searcher, json: Field, addr: DocAddress, dir: &std::path::Path) -> Result<Proposal> {
    let doc: TantivyDocument = s.doc(addr)?;
    let text = doc
        .get_first(json)
        .and_then(|v| v.as_str())
        .ok_or_else(|| CatalogueError::Corrupt {
            path: dir.to_path_buf(),
            reason: format!("document {addr:?} has no stored record"),
        })?;
    serde_json::from_str(text).map_err(|source| CatalogueError::Decode {
        path: dir.to_path_buf(),
        source,
    })
}
