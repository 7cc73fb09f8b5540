//! The catalogue: an embedded, searchable on-disk store of classified proposals.
//!
//! It owns the catalogue directory and everything in it:
//!
//! ```text
//! DIR/catalogue.json   format version, created/updated times, counts (see [`Meta`])
//! DIR/index/           the tantivy index
//! DIR/rejects.jsonl    records the ingest step refused (written by ingest, see [`Catalogue::rejects_path`])
//! ```
//!
//! Each proposal is one index document: its key and id (raw terms), title, description and
//! text (full text: split on non-alphanumerics, lower-cased, folded to ASCII, ranked by BM25),
//! the whole [`Proposal`](crate::Proposal) as stored JSON (so [`Catalogue::get`] and exports round-trip
//! exactly), a content hash (so re-ingesting an unchanged record rewrites nothing), the year,
//! and every facet value twice: as a lower-cased `name=value` filter term and as a
//! `/name/value` facet path for counting.
//!
//! ## Why tantivy
//! Measured on 100k synthetic project records (p50/p95), tantivy 0.27 answered a broad top-10
//! BM25 query in 0.21/0.55 ms and counted facets over all matches in 0.71/1.29 ms, where SQLite
//! FTS5 took 92/180 ms and 126/195 ms. Search and faceting are what analysts do all day, so the
//! catalogue is a tantivy index; it is pure Rust (no C toolchain on a laptop), commits are
//! atomic (new segments, then one swapped `meta.json`), and an analyst who wants SQL gets it
//! from the Parquet export ([`Catalogue::export`]) in DuckDB or pandas.
//!
//! Measured here with `cargo bench --bench search` (24,889 World Bank and UNDP records, 2
//! shared cores under load): building the catalogue ran at about 13,000 records/s and
//! re-upserting it unchanged at about 17,000 records/s; median search latency was 0.05-0.2
//! ms for a top-10 text query, 0.3-0.6 ms with label and year filters, 1.7 ms with facets over
//! 1,515 matches, 5.7 ms for facets over the whole catalogue, and 6.5 ms for [`Catalogue::stats`].
//!
//! ```
//! use landscape::catalogue::{Catalogue, SearchQuery};
//! use landscape::Proposal;
//! let dir = tempfile::tempdir().unwrap();
//! let cat = Catalogue::create_or_open(dir.path()).unwrap();
//! let mut w = cat.writer().unwrap();
//! let p = Proposal { id: "P1".into(), source: "wb".into(), title: "Mobile money for farmers".into(),
//!                    ..Default::default() };
//! w.upsert(&p).unwrap();
//! w.commit().unwrap();
//! let q = SearchQuery { text: Some("mobile money".into()), ..Default::default() };
//! assert_eq!(cat.search(&q).unwrap().total, 1);
//! assert_eq!(cat.get("wb-P1").unwrap(), Some(p));
//! ```

mod check;
mod error;
mod export;
mod facets;
mod meta;
mod query;
mod schema;
mod search;
mod snippet;
mod stats;
mod store;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::{Index, IndexReader, ReloadPolicy};

pub use check::{check_catalogue, check_model, CheckReport};
pub use error::{CatalogueError, Result};
pub use export::{needs_defang, ExportFormat, FlatRow, CSV_COLUMNS};
pub use facets::Facets;
pub use meta::{Meta, FORMAT_VERSION, META_FILE};
pub use query::{SearchQuery, Sort, MAX_LIMIT, MAX_QUERY_CHARS};
pub use search::{Hit, SearchResults};
pub use snippet::Snippet;
pub use stats::{CrossTab, Stats, YearShare};
pub use writer::{CatalogueWriter, Upsert};

use schema::Fields;

/// Name of the index directory inside a catalogue directory.
pub const INDEX_DIR: &str = "index";

/// Name of the rejects file inside a catalogue directory.
pub const REJECTS_FILE: &str = "rejects.jsonl";

/// An open catalogue directory. Cheap to query from several threads.
pub struct Catalogue {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    meta: Mutex<Meta>,
}

impl Catalogue {
    /// Opens the catalogue in `dir`, creating it (and `dir`) when there is none.
    ///
    /// `catalogue.json` is written last: a process killed while creating leaves an empty
    /// index without it, and the next call completes the creation.
    pub fn create_or_open(dir: &Path) -> Result<Catalogue> {
        if dir.join(META_FILE).exists() {
            return Catalogue::open(dir);
        }
        let index_dir = dir.join(INDEX_DIR);
        let index = if index_dir.join("meta.json").exists() {
            Index::open_in_dir(&index_dir)?
        } else {
            std::fs::create_dir_all(&index_dir).map_err(CatalogueError::io(&index_dir))?;
            Index::create_in_dir(&index_dir, Fields::schema())?
        };
        if index.searchable_segment_metas()?.is_empty() {
            Meta::new().write(dir)?;
        }
        Catalogue::open(dir)
    }

    /// Opens an existing catalogue; fails with a clear error when `dir` is not one, is
    /// corrupt, or was written by a newer version.
    pub fn open(dir: &Path) -> Result<Catalogue> {
        let meta = Meta::read(dir)?;
        let index_dir = dir.join(INDEX_DIR);
        let corrupt = |reason: String| CatalogueError::Corrupt {
            path: index_dir.clone(),
            reason,
        };
        let index = Index::open_in_dir(&index_dir).map_err(|e| corrupt(e.to_string()))?;
        let fields = Fields::from_schema(&index.schema()).map_err(corrupt)?;
        schema::register_tokenizer(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let dir = dir.to_path_buf();
        Ok(Catalogue {
            dir,
            index,
            reader,
            fields,
            meta: Mutex::new(meta),
        })
    }

    /// The catalogue directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the ingest step writes the records it refused.
    pub fn rejects_path(&self) -> PathBuf {
        self.dir.join(REJECTS_FILE)
    }

    /// The metadata as of the last commit.
    pub fn meta(&self) -> Meta {
        self.meta.lock().expect("metadata lock").clone()
    }

    /// Number of records in the catalogue (as of the last commit seen by this handle).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Is the catalogue empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Picks up commits made by other handles or processes.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A web server shares one catalogue between request threads.
    #[test]
    fn catalogue_is_shareable_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Catalogue>();
    }
}
