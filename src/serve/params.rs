//! Query-string parameters of the search, export and page routes: parsed from the raw query
//! string, bounded, validated, and turned into a [`SearchQuery`]; and written back into links.
//!
//! Values of one filter may be repeated (`pillar=dpi&pillar=people`) or comma-separated;
//! empty values are ignored; an unknown parameter, a value out of its domain or a bound
//! exceeded is a [`ServeError::BadRequest`] naming the parameter.

use crate::catalogue::{ExportFormat, SearchQuery, Sort};
use crate::labels::{Openness, Pillar, Sector};

use super::error::{Result, ServeError};

/// Longest query text, in characters.
pub const MAX_Q_CHARS: usize = 500;
/// Largest page size.
pub const MAX_PER_PAGE: usize = 100;
/// Page size when none is given.
pub const DEFAULT_PER_PAGE: usize = 20;
/// Highest page number.
pub const MAX_PAGE: usize = 1000;
/// Most values of one filter.
pub const MAX_VALUES: usize = 20;
/// Longest filter value, in characters.
pub const MAX_VALUE_CHARS: usize = 100;
/// Longest raw query string, in bytes.
pub const MAX_QUERY_STRING: usize = 4096;

/// Which parameters a route takes besides the filters and `q`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Search (API and page): `page`, `per_page`, `sort`.
    Search,
    /// Export: `format`.
    Export,
}

/// The validated parameters of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Query text.
    pub q: Option<String>,
    /// Digital levels.
    pub digital: Vec<u8>,
    /// Openness values.
    pub openness: Vec<Openness>,
    /// Pillars.
    pub pillar: Vec<Pillar>,
    /// Sectors.
    pub sector: Vec<Sector>,
    /// Countries (alpha-3, upper case, or `unknown`).
    pub country: Vec<String>,
    /// Regions.
    pub region: Vec<String>,
    /// Sources.
    pub source: Vec<String>,
    /// Inclusive year range.
    pub year: Option<(i32, i32)>,
    /// Order.
    pub sort: Sort,
    /// Page number, from 1.
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
    /// Export format (export only).
    pub format: Option<ExportFormat>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            q: None,
            digital: vec![],
            openness: vec![],
            pillar: vec![],
            sector: vec![],
            country: vec![],
            region: vec![],
            source: vec![],
            year: None,
            sort: Sort::Relevance,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            format: None,
        }
    }
}

fn bad<T>(msg: String) -> Result<T> {
    Err(ServeError::BadRequest(msg))
}

impl Params {
    /// Parses a raw (still percent-encoded) query string for `route`.
    pub fn parse(raw: Option<&str>, route: Route) -> Result<Params> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_STRING {
            return bad(format!(
                "the query string has {} bytes (at most {MAX_QUERY_STRING})",
                raw.len()
            ));
        }
        let mut p = Params::default();
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let value = value.trim();
            if value.is_empty() {
                p.check_key(&key, route)?;
                continue;
            }
            p.set(&key, value, route)?;
        }
        Ok(p)
    }

    fn check_key(&self, key: &str, route: Route) -> Result<()> {
        let known = FILTERS.contains(&key)
            || key == "q"
            || match route {
                Route::Search => ["page", "per_page", "sort"].contains(&key),
                Route::Export => key == "format",
            };
        match known {
            true => Ok(()),
            false => bad(format!("unknown parameter `{}`", shorten(key))),
        }
    }

    fn set(&mut self, key: &str, value: &str, route: Route) -> Result<()> {
        self.check_key(key, route)?;
        match key {
            "q" => self.q = Some(text(value)?),
            "page" => self.page = number(key, value, 1, MAX_PAGE)?,
            "per_page" => self.per_page = number(key, value, 1, MAX_PER_PAGE)?,
            "sort" => self.sort = sort(value)?,
            "format" => self.format = Some(format(value)?),
            "year" => self.year = Some(years(value)?),
            _ => self.add_filter(key, value)?,
        }
        Ok(())
    }

    fn add_filter(&mut self, key: &str, value: &str) -> Result<()> {
        for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            if v.chars().count() > MAX_VALUE_CHARS || v.chars().any(char::is_control) {
                return bad(format!(
                    "`{key}` values are at most {MAX_VALUE_CHARS} printable characters"
                ));
            }
            let label =
                |e: crate::labels::LabelError| ServeError::BadRequest(format!("{key}: {e}"));
            match key {
                "digital" => push(&mut self.digital, digital(v)?),
                "openness" => push(&mut self.openness, v.parse().map_err(label)?),
                "pillar" => push(&mut self.pillar, v.parse().map_err(label)?),
                "sector" => push(&mut self.sector, v.parse().map_err(label)?),
                "country" => push(&mut self.country, country(v)?),
                "region" => push(&mut self.region, v.to_string()),
                _ => push(&mut self.source, v.to_string()),
            }
        }
        let n = self.count(key);
        match n > MAX_VALUES {
            true => bad(format!("`{key}` has {n} values (at most {MAX_VALUES})")),
            false => Ok(()),
        }
    }

    fn count(&self, key: &str) -> usize {
        match key {
            "digital" => self.digital.len(),
            "openness" => self.openness.len(),
            "pillar" => self.pillar.len(),
            "sector" => self.sector.len(),
            "country" => self.country.len(),
            "region" => self.region.len(),
            _ => self.source.len(),
        }
    }

    /// The search for this page, with facet counts when `facets`.
    pub fn to_query(&self, facets: bool) -> SearchQuery {
        SearchQuery {
            text: self.q.clone(),
            digital: self.digital.clone(),
            openness: self.openness.clone(),
            pillars: self.pillar.clone(),
            sectors: self.sector.clone(),
            countries: self.country.clone(),
            regions: self.region.clone(),
            sources: self.source.clone(),
            years: self.year,
            sort: self.sort,
            offset: (self.page - 1) * self.per_page,
            limit: self.per_page,
            facets,
        }
    }
}

/// The filter parameters, in sidebar order.
pub const FILTERS: [&str; 8] = [
    "digital", "openness", "pillar", "sector", "region", "country", "year", "source",
];

fn push<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(40).collect()
}

fn text(value: &str) -> Result<String> {
    let n = value.chars().count();
    match n > MAX_Q_CHARS {
        true => bad(format!("`q` has {n} characters (at most {MAX_Q_CHARS})")),
        false => Ok(value.to_string()),
    }
}

fn number(key: &str, value: &str, lo: usize, hi: usize) -> Result<usize> {
    match value.parse::<usize>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => bad(format!("`{key}` must be a whole number from {lo} to {hi}")),
    }
}

fn digital(v: &str) -> Result<u8> {
    match v {
        "0" => Ok(0),
        "1" => Ok(1),
        "2" => Ok(2),
        _ => bad("`digital` must be 0, 1 or 2".into()),
    }
}

fn country(v: &str) -> Result<String> {
    let ok = v.eq_ignore_ascii_case("unknown")
        || (v.len() == 3 && v.bytes().all(|b| b.is_ascii_alphabetic()));
    match ok {
        true => Ok(v.to_ascii_uppercase()),
        false => bad("`country` must be an ISO alpha-3 code (for example KEN) or unknown".into()),
    }
}

fn sort(v: &str) -> Result<Sort> {
    match v {
        "relevance" => Ok(Sort::Relevance),
        "year" | "year_desc" => Ok(Sort::YearDesc),
        "year_asc" => Ok(Sort::YearAsc),
        _ => bad("`sort` must be relevance, year_desc or year_asc".into()),
    }
}

fn format(v: &str) -> Result<ExportFormat> {
    match v {
        "csv" => Ok(ExportFormat::Csv),
        "jsonl" => Ok(ExportFormat::Jsonl),
        _ => bad("`format` must be csv or jsonl".into()),
    }
}

/// `2015`, `2015..2020` (inclusive), `2015..` or `..2020`, years from 1900 to 2100.
fn years(v: &str) -> Result<(i32, i32)> {
    let year = |t: &str, default: i32| -> Result<i32> {
        match t.trim() {
            "" => Ok(default),
            t => match t.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => Ok(y),
                _ => bad("`year` must be YYYY or YYYY..YYYY (1900 to 2100)".into()),
            },
        }
    };
    let (lo, hi) = match v.split_once("..") {
        Some((a, b)) => (year(a, 1900)?, year(b, 2100)?),
        None => (year(v, 0)?, year(v, 0)?),
    };
    match lo <= hi {
        true => Ok((lo, hi)),
        false => bad(format!("`year` range {v} is empty")),
    }
}

#[cfg(test)]
#[path = "params_tests.rs"]
mod tests;
