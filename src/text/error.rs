//! The error type of the text module: invalid feature configurations and unreadable or
//! corrupt featurizer files. Every file error names the file it is about.

use std::path::PathBuf;

/// Errors raised when configuring, saving or loading a featurizer.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A [`crate::text::FeatureConfig`] value is out of range.
    #[error("invalid feature configuration: {0}")]
    InvalidConfig(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A file exists but its content is not what this version writes.
    #[error("{path}: {what}")]
    Corrupt {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong (truncated, bad magic, unsupported version, checksum mismatch, ...).
        what: String,
    },
}

impl TextError {
    /// Builds a [`TextError::Corrupt`] for `path`.
    pub(crate) fn corrupt(path: impl Into<PathBuf>, what: impl Into<String>) -> Self {
        TextError::Corrupt {
            path: path.into(),
            what: what.into(),
        }
    }

    /// Builds a [`TextError::Io`] for `path`.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        TextError::Io {
            path: path.into(),
            source,
        }
    }
}
