//! The error, reject and warning types of ingestion: [`IngestError`] stops a file,
//! a [`Reject`] drops one record (reading goes on), a [`Warning`] keeps it.

use std::path::PathBuf;

use serde::Serialize;

/// A fatal problem: the file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input file cannot be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The format is neither given nor recognisable from the file name.
    #[error("unknown format for {path}: give one of csv, jsonl, iati, undp-json")]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// A format, preset or `--map` argument that is not recognised.
    #[error("invalid {what} `{value}`: expected {expected}")]
    BadArgument {
        /// Which argument (format, preset, map).
        what: &'static str,
        /// The value given.
        value: String,
        /// What would have been accepted.
        expected: String,
    },
    /// The header has no usable id column or no text column.
    #[error("{path}: the header has no {missing} column (columns: {columns}); use --map {missing}=COLUMN")]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The field that has no column (`id` or `text`).
        missing: &'static str,
        /// The columns found.
        columns: String,
    },
    /// The header row itself cannot be parsed.
    #[error("{path}: cannot read the header: {message}")]
    BadHeader {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl IngestError {
    /// Wraps an I/O error with the file it happened on.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        IngestError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A record that could not be turned into a proposal; one JSON line in `rejects.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reject {
    /// The input file.
    pub file: String,
    /// 1-based line where the record starts, where known.
    pub line: Option<u64>,
    /// Byte offset of the record or of the error, where known.
    pub byte_offset: Option<u64>,
    /// Why it was rejected.
    pub reason: String,
    /// The raw record (or its first line), truncated to 500 characters, where available.
    pub raw: Option<String>,
}

/// Most characters of a raw record kept in a [`Reject`].
pub const RAW_LIMIT: usize = 500;

impl Reject {
    /// A reject at a line (and byte offset, if known) with a reason.
    pub fn at(
        file: &str,
        line: Option<u64>,
        byte_offset: Option<u64>,
        reason: impl Into<String>,
    ) -> Self {
        Reject {
            file: file.to_string(),
            line,
            byte_offset,
            reason: reason.into(),
            raw: None,
        }
    }

    /// Attaches the raw text, cut to 500 characters.
    pub fn with_raw(mut self, raw: &str) -> Self {
        self.raw = Some(super::row::truncate_chars(raw, RAW_LIMIT).to_string());
        self
    }
}

/// Something the reader repaired or guessed while keeping the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The input file.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<u64>,
    /// What happened, e.g. "invalid UTF-8 replaced by U+FFFD".
    pub message: String,
}
