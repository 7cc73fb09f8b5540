//! The catalogue's error type: every failure names the catalogue file or the input at fault.

use std::path::PathBuf;

/// Anything that can go wrong opening, writing, searching or exporting a catalogue.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// `catalogue.json` is missing: the directory is not a catalogue.
    #[error("{path}: not a catalogue (catalogue.json is missing)")]
    Missing {
        /// The expected `catalogue.json`.
        path: PathBuf,
    },
    /// `catalogue.json` or the index could not be read as a catalogue.
    #[error("{path}: corrupt catalogue: {reason}")]
    Corrupt {
        /// The file or directory at fault.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The catalogue was written by a newer version of landscape.
    #[error(
        "{path}: catalogue format version {found} is newer than this build supports ({supported}); \
         upgrade landscape to open it"
    )]
    NewerFormat {
        /// The `catalogue.json` file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Another process holds the catalogue's writer lock.
    #[error("{path}: the catalogue is being written by another process (writer lock held)")]
    Locked {
        /// The catalogue directory.
        path: PathBuf,
    },
    /// The search request is invalid (too long, limit too large, bad syntax).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A proposal cannot be stored (for example an empty id).
    #[error("record `{key}` cannot be stored: {reason}")]
    InvalidRecord {
        /// The record's key.
        key: String,
        /// Why it was refused.
        reason: String,
    },
    /// A bare id given to `get` matches records of several sources.
    #[error("id `{id}` is ambiguous; use one of the keys: {keys}")]
    Ambiguous {
        /// The id looked up.
        id: String,
        /// The matching keys, comma-separated.
        keys: String,
    },
    /// A stored record could not be decoded.
    #[error("{path}: stored record could not be decoded: {source}")]
    Decode {
        /// The catalogue directory.
        path: PathBuf,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// The search engine failed.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// Writing an export failed.
    #[error("export to {path}: {reason}")]
    Export {
        /// The output path.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file at fault.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl CatalogueError {
    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| CatalogueError::Io { path, source }
    }
}

/// Result alias for catalogue operations.
pub type Result<T, E = CatalogueError> = std::result::Result<T, E>;
