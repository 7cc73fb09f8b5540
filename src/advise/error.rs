//! The error type of the decision guide: a broken guide file, a bad answers file, a missing
//! or invalid answer.

use std::path::PathBuf;

/// Result with [`AdviseError`].
pub type Result<T, E = AdviseError> = std::result::Result<T, E>;

/// What can go wrong loading a guide or walking it.
#[derive(Debug, thiserror::Error)]
pub enum AdviseError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A guide or answers file is not valid TOML of the expected shape.
    #[error("{file}: {message}")]
    Parse {
        /// The file (or `built-in guide`).
        file: String,
        /// The TOML parser's message, with line and column.
        message: String,
    },
    /// The guide breaks one of its rules (dangling edge, cycle, unreachable node, ...).
    #[error("{file}: invalid guide: {message}")]
    Invalid {
        /// The guide file.
        file: String,
        /// What is wrong, naming the nodes.
        message: String,
    },
    /// The walk reached a question that has no answer.
    #[error("no answer to question `{question}` ({text}); allowed answers: {allowed}")]
    MissingAnswer {
        /// The question id.
        question: String,
        /// The question.
        text: String,
        /// The allowed answer ids, comma-separated.
        allowed: String,
    },
    /// An answer is not one of the question's answers.
    #[error("`{value}` is not an answer to question `{question}`; allowed answers: {allowed}")]
    InvalidAnswer {
        /// The question id.
        question: String,
        /// The answer given.
        value: String,
        /// The allowed answer ids, comma-separated.
        allowed: String,
    },
    /// An answers file names a question that the guide does not have.
    #[error("{file}: `{key}` is not a question of the guide (questions: {questions})")]
    UnknownQuestion {
        /// The answers file.
        file: String,
        /// The unknown key.
        key: String,
        /// The guide's question ids.
        questions: String,
    },
}

impl AdviseError {
    /// An I/O error on `path`.
    pub fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> AdviseError + '_ {
        move |source| AdviseError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A rule of the guide is broken.
    pub fn invalid(file: &str, message: impl Into<String>) -> AdviseError {
        AdviseError::Invalid {
            file: file.to_string(),
            message: message.into(),
        }
    }
}
