//! The local web catalogue (`landscape serve`): a JSON API and server-rendered HTML pages over
//! one catalogue directory, read-only.
//!
//! ```text
//! GET /                      search page: box, facet sidebar, result cards, export links
//! GET /projects/{key}        one record with every label, probability and evidence
//! GET /landscape             pillar x sector heat map, digital projects by year and region
//! GET /guide                 the decision guide of `landscape advise` as a flowchart
//! GET /api/search            results with snippets, labels, evidence and facet counts
//! GET /api/projects/{key}    one record
//! GET /api/stats             counts by facet, cross-tabs, digital share by year
//! GET /api/export            the matching records as CSV or JSON Lines
//! GET /api/openapi.json      the API description
//! GET /assets/{style.css, app.js}
//! ```
//!
//! Safety: every value from the catalogue is untrusted text, escaped by [`html::esc`] in
//! pages and made inert in JSON ([`api::json`]); query strings are parsed by
//! [`params`] with bounds on every value; assets are compiled in (no file is ever served
//! from disk, so no path can traverse); the catalogue is opened for reading only; the server
//! listens on 127.0.0.1 unless told otherwise.

pub mod api;
mod app;
mod charts;
mod error;
mod guide_page;
pub mod html;
mod landscape_page;
pub mod links;
pub mod params;
mod project_page;
mod search_page;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::oneshot;

pub use app::{router, AppState, Landscape};
pub use error::{Result, ServeError};

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The catalogue directory (opened read-only).
    pub catalogue: PathBuf,
    /// Address to listen on; `127.0.0.1:8080` by default. Port 0 picks a free port.
    pub addr: SocketAddr,
}

impl ServeConfig {
    /// Serve `catalogue` on 127.0.0.1 and `port`.
    pub fn local(catalogue: PathBuf, port: u16) -> Self {
        ServeConfig {
            catalogue,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }
}

/// A server running on its own thread; stopped by [`Running::stop`] or when dropped.
pub struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, finishes the requests in flight and waits for the thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Opens the catalogue, binds the address and serves on a background thread (for tests,
/// benchmarks and embedding). Errors (no catalogue, address in use) come back here.
pub fn start(config: &ServeConfig) -> Result<Running> {
    let (state, listener) = prepare(config)?;
    let addr = listener
        .local_addr()
        .map_err(ServeError::bind(config.addr))?;
    let (tx, rx) = oneshot::channel::<()>();
    let runtime = runtime()?;
    let thread = std::thread::Builder::new()
        .name("landscape-serve".into())
        .spawn(move || {
            runtime.block_on(async move {
                let _ = serve_on(listener, state, async {
                    let _ = rx.await;
                })
                .await;
            })
        })
        .map_err(ServeError::Runtime)?;
    Ok(Running {
        addr,
        stop: Some(tx),
        thread: Some(thread),
    })
}

/// Serves in the foreground until Ctrl-C, calling `ready` with the bound address first.
pub fn run(config: &ServeConfig, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let (state, listener) = prepare(config)?;
    let addr = listener
        .local_addr()
        .map_err(ServeError::bind(config.addr))?;
    ready(addr);
    runtime()?.block_on(serve_on(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    }))
}

fn prepare(config: &ServeConfig) -> Result<(Arc<AppState>, std::net::TcpListener)> {
    let state = Arc::new(AppState::open(&config.catalogue)?);
    let listener =
        std::net::TcpListener::bind(config.addr).map_err(ServeError::bind(config.addr))?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::bind(config.addr))?;
    Ok((state, listener))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("landscape-serve-worker")
        .build()
        .map_err(ServeError::Runtime)
}

async fn serve_on(
    listener: std::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let addr = listener.local_addr().map_err(ServeError::Runtime)?;
    let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::bind(addr))?;
    let reload = tokio::spawn(app::reload_periodically(state.clone()));
    let result = axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServeError::Runtime);
    reload.abort();
    result
}
