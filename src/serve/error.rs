//! The server's error type: start-up failures (catalogue, address) and request failures, each
//! request failure with its HTTP status and a message safe to show (never a stack trace).

use std::net::SocketAddr;

use axum::http::StatusCode;

use crate::catalogue::CatalogueError;

/// Anything that can go wrong starting the server or answering a request.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The catalogue could not be opened or read.
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    /// The address could not be bound (in use, not local, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The async runtime or a server thread could not be started or failed.
    #[error("server runtime: {0}")]
    Runtime(std::io::Error),
    /// A request parameter is invalid or out of bounds (400).
    #[error("{0}")]
    BadRequest(String),
    /// The requested record or page does not exist (404).
    #[error("{0}")]
    NotFound(String),
    /// The request took longer than the server allows (503).
    #[error("the request took too long (over {0} s)")]
    Timeout(u64),
    /// Too many requests of one kind are running (503).
    #[error("{0}: try again in a moment")]
    Busy(&'static str),
    /// A worker task failed (500); the message is generic on purpose.
    #[error("internal error")]
    Internal,
}

impl ServeError {
    /// Wraps a bind error with its address.
    pub(crate) fn bind(addr: SocketAddr) -> impl FnOnce(std::io::Error) -> Self {
        move |source| ServeError::Bind { addr, source }
    }

    /// The HTTP status of a request error.
    pub fn status(&self) -> StatusCode {
        match self {
            ServeError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ServeError::NotFound(_) => StatusCode::NOT_FOUND,
            ServeError::Timeout(_) | ServeError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            ServeError::Catalogue(CatalogueError::InvalidQuery(_)) => StatusCode::BAD_REQUEST,
            ServeError::Catalogue(CatalogueError::Ambiguous { .. }) => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message shown to the client: the error itself for client errors, a generic line
    /// for server errors (their detail, such as file paths, goes to the server's log).
    pub fn public_message(&self) -> String {
        if self.status().is_server_error()
            && !matches!(self, ServeError::Timeout(_) | ServeError::Busy(_))
        {
            eprintln!("landscape serve: {self}");
            return "internal error: the catalogue could not answer this request".into();
        }
        self.to_string()
    }
}

/// Result alias for the server.
pub type Result<T, E = ServeError> = std::result::Result<T, E>;
