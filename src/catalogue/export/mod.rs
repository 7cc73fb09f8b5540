//! Exporting the records that match a query's filters to CSV, JSON Lines or Parquet.
//!
//! Every format is a [`RecordSink`] writing into a temporary file (or directory) beside the
//! output; only a complete export is renamed over `out`, so an interrupted export never
//! leaves a truncated file or replaces a good one.

mod csv;
mod flat;
mod jsonl;
mod parquet;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use tantivy::collector::DocSetCollector;

use super::error::{CatalogueError, Result};
use super::query::SearchQuery;
use super::Catalogue;
use crate::Proposal;

pub use csv::needs_defang;
pub use flat::{FlatRow, CSV_COLUMNS};

/// An export file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One row per record with flat columns ([`CSV_COLUMNS`]); lists joined with `;`.
    Csv,
    /// One proposal JSON per line, exactly as stored.
    Jsonl,
    /// A directory of zstd Parquet files partitioned by year: `OUT/year=2014/part-0.parquet`,
    /// `OUT/year=unknown/...` for records without a year.
    Parquet,
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" | "json" | "ndjson" => Ok(ExportFormat::Jsonl),
            "parquet" => Ok(ExportFormat::Parquet),
            other => Err(format!(
                "unknown export format `{other}` (csv, jsonl, parquet)"
            )),
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Parquet => "parquet",
        })
    }
}

/// A destination for exported records, writing into a temporary path until finished.
pub(crate) trait RecordSink {
    /// Writes one record.
    fn write(&mut self, p: &Proposal) -> Result<()>;
    /// Flushes and closes the temporary output.
    fn finish(self: Box<Self>) -> Result<()>;
}

impl Catalogue {
    /// Writes every record matching the query (text and filters; paging and sorting are
    /// ignored) to `out` in index order, replacing `out` atomically. Returns the number of
    /// records written.
    pub fn export(&self, q: &SearchQuery, format: ExportFormat, out: &Path) -> Result<u64> {
        q.validate()?;
        let query = self.build_query(q)?;
        let searcher = self.reader.searcher();
        let mut addrs: Vec<_> = searcher
            .search(&*query, &DocSetCollector)?
            .into_iter()
            .collect();
        addrs.sort();
        let parent = parent_dir(out);
        let tmp = tempfile::Builder::new()
            .prefix(".landscape-export-")
            .tempdir_in(&parent)
            .map_err(CatalogueError::io(&parent))?;
        let staged = tmp.path().join("out");
        let mut sink: Box<dyn RecordSink> = match format {
            ExportFormat::Csv => Box::new(csv::CsvSink::create(&staged)?),
            ExportFormat::Jsonl => Box::new(jsonl::JsonlSink::create(&staged)?),
            ExportFormat::Parquet => Box::new(parquet::ParquetSink::create(&staged)?),
        };
        for addr in &addrs {
            sink.write(&self.load(&searcher, *addr)?)?;
        }
        sink.finish()?;
        replace(&staged, out, tmp.path())?;
        Ok(addrs.len() as u64)
    }
}

fn parent_dir(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Renames `staged` over `out`; an existing directory `out` is first moved into `scratch`
/// (deleted with it), since a rename cannot replace a non-empty directory.
fn replace(staged: &Path, out: &Path, scratch: &Path) -> Result<()> {
    if out.is_dir() {
        let old = scratch.join("previous");
        std::fs::rename(out, &old).map_err(CatalogueError::io(out))?;
    }
    std::fs::rename(staged, out).map_err(CatalogueError::io(out))
}

/// An export error naming the output.
pub(crate) fn export_err(path: &Path, e: impl ToString) -> CatalogueError {
    CatalogueError::Export {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
