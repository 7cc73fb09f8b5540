//! The local web catalogue (`landscape serve`): the JSON API, the HTML pages, escaping of
//! hostile project text, limits and path traversal, and the pages driven in a real headless
//! Chromium. One real server runs over a small catalogue built from `data/` samples plus
//! hostile records.

#[allow(dead_code)] // only `root()` is used here
mod common;

#[path = "serve/support.rs"]
mod support;

#[path = "serve/api.rs"]
mod api;

#[path = "serve/pages.rs"]
mod pages;

#[path = "serve/hostile.rs"]
mod hostile;

#[path = "serve/limits.rs"]
mod limits;

#[path = "serve/browser.rs"]
mod browser;
