//! The error type of the DPG map and the gap report.

use std::path::PathBuf;

use crate::catalogue::CatalogueError;
use crate::ingest::IngestError;

/// Result with [`GapError`].
pub type Result<T, E = GapError> = std::result::Result<T, E>;

/// What can go wrong building the DPG map or the gap report.
#[derive(Debug, thiserror::Error)]
pub enum GapError {
    /// A file could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The registry file could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The catalogue could not be read.
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    /// The registry has no usable row.
    #[error(
        "{path}: no digital public good could be read from the registry ({rejected} rows rejected)"
    )]
    EmptyRegistry {
        /// The registry file.
        path: PathBuf,
        /// Rows the reader refused.
        rejected: usize,
    },
    /// An option is out of range.
    #[error("invalid option {name} = {value}: {expected}")]
    BadOption {
        /// The option.
        name: &'static str,
        /// Its value.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
}

impl GapError {
    /// An I/O error on `path`.
    pub fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> GapError + '_ {
        move |source| GapError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
