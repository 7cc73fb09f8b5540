//! The error type of the model module: invalid hyper-parameters, malformed training data,
//! and every way a model directory or encoded model can be unreadable.

use std::path::PathBuf;

/// Everything that can go wrong while training, encoding or loading a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A hyper-parameter is out of range; nothing was trained.
    #[error("invalid hyper-parameter: {0}")]
    InvalidParams(String),
    /// The training or evaluation data do not fit together (lengths, classes, values).
    #[error("invalid data: {0}")]
    InvalidData(String),
    /// An error reported by linfa's dataset machinery.
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file listed in the manifest is absent.
    #[error("{}: file missing from the model directory; retrain or restore the model", path.display())]
    MissingFile {
        /// The missing file.
        path: PathBuf,
    },
    /// A file exists but its content is not what was written.
    #[error("{}: corrupt ({reason}); retrain or restore the model", path.display())]
    Corrupt {
        /// The corrupt file.
        path: PathBuf,
        /// What was found wrong.
        reason: String,
    },
    /// The model was written by a newer landscape than this one.
    #[error("{}: {what} {found} is newer than this build supports ({supported}); upgrade landscape or retrain the model", path.display())]
    NewerVersion {
        /// The file holding the version.
        path: PathBuf,
        /// Which version (`format_version`, `schema_version`, codec version).
        what: &'static str,
        /// The version found.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A manifest or metadata file is not valid JSON of the expected shape.
    #[error("{}: bad JSON ({source}); retrain or restore the model", path.display())]
    BadJson {
        /// The file concerned.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// Bytes given to a decoder are not a valid encoding.
    #[error("cannot decode {what}: {reason}")]
    Codec {
        /// What was being decoded.
        what: &'static str,
        /// What was found wrong.
        reason: String,
    },
}

impl ModelError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ModelError::Io {
            path: path.into(),
            source,
        }
    }
}
