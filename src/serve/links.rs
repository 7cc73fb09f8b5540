//! Links that carry the current search: the query string of a [`Params`], and the same search
//! with one facet value added or removed (for the sidebar, the heat map and the pager).

use super::params::{Params, DEFAULT_PER_PAGE};
use crate::catalogue::Sort;

impl Params {
    /// `(name, value)` pairs of the text and filters, in a stable order.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![];
        if let Some(q) = self.q.as_deref().filter(|q| !q.trim().is_empty()) {
            out.push(("q", q.to_string()));
        }
        out.extend(self.digital.iter().map(|d| ("digital", d.to_string())));
        out.extend(self.openness.iter().map(|o| ("openness", o.to_string())));
        out.extend(self.pillar.iter().map(|p| ("pillar", p.to_string())));
        out.extend(self.sector.iter().map(|s| ("sector", s.to_string())));
        out.extend(self.region.iter().map(|r| ("region", r.clone())));
        out.extend(self.country.iter().map(|c| ("country", c.clone())));
        if let Some(y) = self.year {
            out.push(("year", year_value(y)));
        }
        out.extend(self.source.iter().map(|s| ("source", s.clone())));
        out
    }

    /// The query string (without `?`) of the text and filters, plus sort and paging when
    /// they differ from the defaults.
    pub fn query_string(&self) -> String {
        let mut pairs = self.filter_pairs();
        if self.sort != Sort::Relevance {
            pairs.push(("sort", sort_value(self.sort).into()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        if self.page != 1 {
            pairs.push(("page", self.page.to_string()));
        }
        encode(&pairs)
    }

    /// `path?query` for this search.
    pub fn href(&self, path: &str) -> String {
        match self.query_string() {
            q if q.is_empty() => path.to_string(),
            q => format!("{path}?{q}"),
        }
    }

    /// Is `value` selected for the filter `key`?
    pub fn has(&self, key: &str, value: &str) -> bool {
        self.filter_pairs()
            .iter()
            .any(|(k, v)| *k == key && v.eq_ignore_ascii_case(value))
    }

    /// The same search with `value` of `key` added, or removed when selected; back to page 1.
    /// A value that does not parse leaves the search unchanged.
    pub fn toggled(&self, key: &str, value: &str) -> Params {
        let mut pairs = self.filter_pairs();
        let selected = self.has(key, value);
        pairs.retain(|(k, v)| !(*k == key && (key == "year" || v.eq_ignore_ascii_case(value))));
        if !selected {
            pairs.push((leak_key(key), value.to_string()));
        }
        let mut next = Params::parse(Some(&encode(&pairs)), super::params::Route::Search)
            .unwrap_or_else(|_| self.clone());
        next.sort = self.sort;
        next.per_page = self.per_page;
        next.page = 1;
        next
    }

    /// The same search on another page.
    pub fn on_page(&self, page: usize) -> Params {
        Params {
            page,
            ..self.clone()
        }
    }
}

/// The static name of a filter key (so pairs can hold `&'static str`).
fn leak_key(key: &str) -> &'static str {
    super::params::FILTERS
        .iter()
        .chain(&["q"])
        .find(|k| **k == key)
        .copied()
        .unwrap_or("q")
}

/// `2015` or `2015..2020`.
pub fn year_value((lo, hi): (i32, i32)) -> String {
    match lo == hi {
        true => lo.to_string(),
        false => format!("{lo}..{hi}"),
    }
}

/// The URL spelling of a sort order.
pub fn sort_value(s: Sort) -> &'static str {
    match s {
        Sort::Relevance => "relevance",
        Sort::YearDesc => "year_desc",
        Sort::YearAsc => "year_asc",
    }
}

/// `application/x-www-form-urlencoded` pairs.
pub fn encode(pairs: &[(&str, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// A path segment, percent-encoded (everything but unreserved characters).
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
