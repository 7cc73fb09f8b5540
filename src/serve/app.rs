//! The application: shared state (the read-only catalogue and cached landscape statistics),
//! the routes, and the layers every response goes through (security headers, request limits,
//! timeout, blocking work off the async threads).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::error::{Result, ServeError};
use super::{api, landscape_page, project_page, search_page};
use crate::catalogue::{Catalogue, SearchQuery, Stats};

/// Longest time one request may take.
pub const REQUEST_TIMEOUT_SECS: u64 = 30;
/// Largest accepted request body (the API reads none).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Longest accepted request target (path and query), in bytes.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Most exports running at once.
const MAX_EXPORTS: usize = 2;
/// How often the server picks up commits made by `landscape ingest`.
const RELOAD_EVERY: Duration = Duration::from_secs(10);

/// Statistics of the whole catalogue for the landscape view, computed once per reload.
#[derive(Debug, Clone)]
pub struct Landscape {
    /// Counts by facet, cross-tabs and digital share by year.
    pub stats: Stats,
    /// Digital records (digital 1 or 2) by region, most first.
    pub digital_by_region: Vec<(String, u64)>,
}

/// What every request handler shares.
pub struct AppState {
    /// The catalogue, opened read-only.
    pub catalogue: Catalogue,
    /// Bounds the exports running at once (each holds its file in memory while sent).
    pub(crate) exports: tokio::sync::Semaphore,
    landscape: Mutex<Option<Arc<Landscape>>>,
}

impl AppState {
    /// Opens the catalogue in `dir` for reading (it must exist: serving never creates one).
    pub fn open(dir: &Path) -> Result<AppState> {
        Ok(AppState {
            catalogue: Catalogue::open(dir)?,
            exports: tokio::sync::Semaphore::new(MAX_EXPORTS),
            landscape: Mutex::new(None),
        })
    }

    /// The landscape statistics, computed on first use after a reload.
    pub fn landscape(&self) -> Result<Arc<Landscape>> {
        if let Some(l) = self
            .landscape
            .lock()
            .map_err(|_| ServeError::Internal)?
            .as_ref()
        {
            return Ok(l.clone());
        }
        let stats = self.catalogue.stats()?;
        let digital = self.catalogue.search(&SearchQuery {
            digital: vec![1, 2],
            limit: 0,
            facets: true,
            ..Default::default()
        })?;
        let digital_by_region = digital.facets.get("region").cloned().unwrap_or_default();
        let l = Arc::new(Landscape {
            stats,
            digital_by_region,
        });
        *self.landscape.lock().map_err(|_| ServeError::Internal)? = Some(l.clone());
        Ok(l)
    }

    /// Picks up new commits and forgets the cached statistics.
    pub fn reload(&self) -> Result<()> {
        self.catalogue.reload()?;
        *self.landscape.lock().map_err(|_| ServeError::Internal)? = None;
        Ok(())
    }
}

/// Reloads the catalogue every few seconds, so pages follow `landscape ingest`.
pub(crate) async fn reload_periodically(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(RELOAD_EVERY);
    tick.tick().await;
    loop {
        tick.tick().await;
        let s = state.clone();
        if let Ok(Err(e)) = tokio::task::spawn_blocking(move || s.reload()).await {
            eprintln!("landscape serve: reload failed: {e}");
        }
    }
}

/// Runs catalogue work on the blocking pool, so slow searches never stall the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    f: impl FnOnce(&AppState) -> Result<T> + Send + 'static,
) -> Result<T> {
    let s = state.clone();
    tokio::task::spawn_blocking(move || f(&s))
        .await
        .map_err(|_| ServeError::Internal)?
}

/// Every route, with the limit and header layers.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(search_page::page))
        .route("/projects/{key}", get(project_page::page))
        .route("/landscape", get(landscape_page::page))
        .route("/guide", get(super::guide_page::page))
        .route("/api/search", get(api::search))
        .route("/api/projects/{key}", get(api::project))
        .route("/api/stats", get(api::stats))
        .route("/api/export", get(api::export))
        .route("/api/openapi.json", get(api::openapi))
        .route("/assets/style.css", get(super::html::style))
        .route("/assets/app.js", get(super::html::script))
        .fallback(not_found)
        .layer(middleware::from_fn(guard))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Refuses what no route reads (bodies, long targets, other methods), bounds the time of a
/// request, and adds the security headers.
async fn guard(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    if req.uri().to_string().len() > MAX_URI_BYTES {
        return error_response(
            api,
            StatusCode::URI_TOO_LONG,
            "the request target is too long",
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return error_response(
            api,
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET is allowed: the catalogue is read-only here",
        );
    }
    let has_body = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BODY_BYTES as u64);
    if has_body {
        return error_response(api, StatusCode::PAYLOAD_TOO_LARGE, "request body too large");
    }
    let timeout = Duration::from_secs(REQUEST_TIMEOUT_SECS);
    let mut resp = match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ServeError::Timeout(REQUEST_TIMEOUT_SECS).into_response_for(api),
    };
    secure(resp.headers_mut());
    resp
}

fn secure(h: &mut axum::http::HeaderMap) {
    let csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
               connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

async fn not_found(State(_): State<Arc<AppState>>, req: Request) -> Response {
    let api = req.uri().path().starts_with("/api/");
    error_response(api, StatusCode::NOT_FOUND, "no such page")
}

/// An error as JSON `{"error": ...}` for the API, or as an HTML page.
pub(crate) fn error_response(api: bool, status: StatusCode, message: &str) -> Response {
    match api {
        true => api::json_error(status, message),
        false => super::html::error_page(status, message),
    }
}

impl ServeError {
    /// This error as the response of an API route (`api`) or a page.
    pub(crate) fn into_response_for(self, api: bool) -> Response {
        error_response(api, self.status(), &self.public_message())
    }
}

impl IntoResponse for ServeError {
    fn into_response(self) -> Response {
        self.into_response_for(true)
    }
}
