//! The JSON API: search with facets, one record, statistics, export, and the OpenAPI
//! description. JSON is made inert for any context it may be pasted into: `<`, `>`, `&`,
//! line separators and Unicode direction controls inside strings are written as `\u` escapes.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::app::{blocking, AppState, Landscape};
use super::error::{Result, ServeError};
use super::params::{Params, Route, MAX_PAGE};
use crate::catalogue::{ExportFormat, Facets, Hit, SearchResults, Snippet, Stats};
use crate::labels::Classification;
use crate::Proposal;

/// Longest accepted record key, in characters.
pub const MAX_KEY_CHARS: usize = 300;

const OPENAPI: &str = include_str!("openapi.json");

/// One search hit as the API returns it.
#[derive(Serialize)]
struct HitOut<'a> {
    key: &'a str,
    id: &'a str,
    source: &'a str,
    title: &'a str,
    country_code: Option<&'a str>,
    country_name: Option<&'a str>,
    region: Option<&'a str>,
    year: Option<i32>,
    score: f32,
    snippet: &'a Snippet,
    snippet_html: String,
    classification: Option<&'a Classification>,
}

impl<'a> From<&'a Hit> for HitOut<'a> {
    fn from(h: &'a Hit) -> Self {
        let p = &h.proposal;
        HitOut {
            key: &h.key,
            id: &p.id,
            source: &p.source,
            title: &p.title,
            country_code: p.country_code.as_deref(),
            country_name: p.country_name.as_deref(),
            region: p.region.as_deref(),
            year: p.year,
            score: h.score,
            snippet: &h.snippet,
            snippet_html: h.snippet.to_html(),
            classification: p.classification.as_ref(),
        }
    }
}

#[derive(Serialize)]
struct SearchOut<'a> {
    query: BTreeMap<&'static str, Vec<String>>,
    total: u64,
    page: usize,
    per_page: usize,
    pages: usize,
    hits: Vec<HitOut<'a>>,
    facets: &'a Facets,
}

/// Runs a search for the parameters of a request (shared with the search page).
pub(crate) async fn run_search(state: &Arc<AppState>, p: &Params) -> Result<SearchResults> {
    let q = p.to_query(true);
    blocking(state, move |s| Ok(s.catalogue.search(&q)?)).await
}

/// Number of pages for `total` results, at least 1 and at most [`MAX_PAGE`].
pub(crate) fn pages(total: u64, per_page: usize) -> usize {
    (total.div_ceil(per_page as u64) as usize).clamp(1, MAX_PAGE)
}

/// `GET /api/search`.
pub async fn search(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let run = async {
        let p = Params::parse(raw.as_deref(), Route::Search)?;
        let res = run_search(&state, &p).await?;
        let mut query: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        for (k, v) in p.filter_pairs() {
            query.entry(k).or_default().push(v);
        }
        Ok(json(
            StatusCode::OK,
            &SearchOut {
                query,
                total: res.total,
                page: p.page,
                per_page: p.per_page,
                pages: pages(res.total, p.per_page),
                hits: res.hits.iter().map(HitOut::from).collect(),
                facets: &res.facets,
            },
        ))
    };
    run.await.unwrap_or_else(ServeError::into_response)
}

/// Looks a record up by key (or unique bare id); unknown is [`ServeError::NotFound`].
pub(crate) async fn find(state: &Arc<AppState>, key: String) -> Result<Proposal> {
    if key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_control) {
        return Err(ServeError::BadRequest(format!(
            "a record key is at most {MAX_KEY_CHARS} printable characters"
        )));
    }
    blocking(state, move |s| {
        s.catalogue
            .get(&key)?
            .ok_or_else(|| ServeError::NotFound(format!("no record with key `{key}`")))
    })
    .await
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    key: String,
    #[serde(flatten)]
    proposal: &'a Proposal,
}

/// `GET /api/projects/{key}`.
pub async fn project(
    State(state): State<Arc<AppState>>,
    key: std::result::Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let run = async {
        let Path(key) = key.map_err(|e| ServeError::BadRequest(e.body_text()))?;
        let p = find(&state, key).await?;
        Ok(json(
            StatusCode::OK,
            &ProjectOut {
                key: p.key(),
                proposal: &p,
            },
        ))
    };
    run.await.unwrap_or_else(ServeError::into_response)
}

#[derive(Serialize)]
struct StatsOut<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    digital_by_region: &'a [(String, u64)],
}

/// The cached landscape statistics.
pub(crate) async fn landscape(state: &Arc<AppState>) -> Result<Arc<Landscape>> {
    blocking(state, |s| s.landscape()).await
}

/// `GET /api/stats`.
pub async fn stats(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let run = async {
        if raw.is_some_and(|r| !r.is_empty()) {
            return Err(ServeError::BadRequest(
                "`/api/stats` takes no parameters".into(),
            ));
        }
        let l = landscape(&state).await?;
        Ok(json(
            StatusCode::OK,
            &StatsOut {
                stats: &l.stats,
                digital_by_region: &l.digital_by_region,
            },
        ))
    };
    run.await.unwrap_or_else(ServeError::into_response)
}

/// `GET /api/export?format=csv|jsonl&...filters`: every matching record, as a download.
pub async fn export(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let run = async {
        let p = Params::parse(raw.as_deref(), Route::Export)?;
        let format = p
            .format
            .ok_or_else(|| ServeError::BadRequest("`format` is required: csv or jsonl".into()))?;
        let _permit = (state.exports.try_acquire())
            .map_err(|_| ServeError::Busy("too many exports are running"))?;
        let q = p.to_query(false);
        let body = blocking(&state, move |s| export_bytes(s, &q, format)).await?;
        let (mime, ext) = match format {
            ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
            _ => ("application/x-ndjson; charset=utf-8", "jsonl"),
        };
        let disposition = format!("attachment; filename=\"landscape-export.{ext}\"");
        Ok((
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&disposition).map_err(|_| ServeError::Internal)?,
                ),
            ],
            body,
        )
            .into_response())
    };
    run.await.unwrap_or_else(ServeError::into_response)
}

/// Exports through the catalogue's own (atomic) exporter into a private temporary
/// directory and reads the file back.
fn export_bytes(
    s: &AppState,
    q: &crate::catalogue::SearchQuery,
    format: ExportFormat,
) -> Result<Vec<u8>> {
    let tmp = tempfile::Builder::new()
        .prefix("landscape-serve-export-")
        .tempdir()
        .map_err(ServeError::Runtime)?;
    let out = tmp.path().join("export");
    s.catalogue.export(q, format, &out)?;
    std::fs::read(&out).map_err(ServeError::Runtime)
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// A JSON response; see the module doc for the escaping.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(s) => (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            inert_json(&s),
        )
            .into_response(),
        Err(_) => json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal error"),
    }
}

/// `{"error": message}` with `status`.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message, "status": status.as_u16() });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        inert_json(&body.to_string()),
    )
        .into_response()
}

/// Rewrites characters that are dangerous when JSON is embedded in HTML, or that reorder
/// displayed text, as `\u` escapes. They can only occur inside strings, where the escape
/// means the same character, so the JSON value is unchanged.
pub fn inert_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<'
            | '>'
            | '&'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}
