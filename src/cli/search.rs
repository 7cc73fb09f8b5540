//! `landscape search`: full-text search with facet filters; an aligned table on a terminal
//! (matched words in bold), JSON for scripts. Also owns the filter options shared with
//! `landscape export` and the small table helpers shared with `show` and `stats`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use landscape::catalogue::{Catalogue, Facets, Hit, SearchQuery, SearchResults, Sort};
use landscape::labels::{Openness, Pillar, Sector};

/// Search the catalogue.
///
/// Examples: `landscape search "mobile money" --digital 1,2 --country KEN --year 2015..2020`,
/// `landscape search --pillar government --sort year --json`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words, "quoted phrases", AND / OR / -word; leave out to list everything, newest first.
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of results to show (at most 1000).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Number of results to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Result order: relevance, year (newest first) or year-asc.
    #[arg(long, default_value = "relevance", value_parser = parse_sort)]
    pub sort: Sort,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also count the values of every facet over all matches.
    #[arg(long)]
    pub facets: bool,
    /// The catalogue directory.
    #[arg(long, default_value = "./catalogue")]
    pub catalogue: PathBuf,
}

/// Facet filters: values within one option are OR-ed (comma-separated or repeated), options
/// are AND-ed.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Digital levels: 0, 1, 2.
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u8).range(0..=2))]
    pub digital: Vec<u8>,
    /// Openness: open, closed, mixed, unknown, n/a.
    #[arg(long, value_delimiter = ',')]
    pub openness: Vec<Openness>,
    /// Pillars: people, connectivity, government, regulation, economy, dpi.
    #[arg(long, value_delimiter = ',')]
    pub pillar: Vec<Pillar>,
    /// Sectors: healthcare, environment, climate_energy, crisis_resilience, smart_cities,
    /// digital_finance.
    #[arg(long, value_delimiter = ',')]
    pub sector: Vec<Sector>,
    /// ISO alpha-3 country codes (any case).
    #[arg(long, value_delimiter = ',')]
    pub country: Vec<String>,
    /// Regions as the sources spell them (any case).
    #[arg(long, value_delimiter = ',')]
    pub region: Vec<String>,
    /// Sources: wb, undp14, aid, or an input file's stem.
    #[arg(long, value_delimiter = ',')]
    pub source: Vec<String>,
    /// Years: 2015, 2015..2020, 2015.. or ..2020 (inclusive).
    #[arg(long, value_parser = parse_years)]
    pub year: Option<(i32, i32)>,
}

impl FilterArgs {
    /// A query with these filters and the given text.
    pub fn to_query(&self, text: Option<String>) -> SearchQuery {
        SearchQuery {
            text,
            digital: self.digital.clone(),
            openness: self.openness.clone(),
            pillars: self.pillar.clone(),
            sectors: self.sector.clone(),
            countries: self.country.clone(),
            regions: self.region.clone(),
            sources: self.source.clone(),
            years: self.year,
            ..Default::default()
        }
    }
}

/// Runs `landscape search`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let cat = Catalogue::open(&args.catalogue)?;
    let q = SearchQuery {
        sort: args.sort,
        offset: args.offset,
        limit: args.limit,
        facets: args.facets,
        ..args.filters.to_query(args.query.clone())
    };
    let res = cat.search(&q)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &res).context("writing JSON")?;
        writeln!(out)?;
        return Ok(());
    }
    print_table(&mut out, &res, &q, std::io::stdout().is_terminal())?;
    if args.facets {
        print_facets(&mut out, &res.facets)?;
    }
    Ok(())
}

fn print_table(
    out: &mut impl Write,
    res: &SearchResults,
    q: &SearchQuery,
    tty: bool,
) -> std::io::Result<()> {
    let (first, last) = (q.offset + 1, q.offset + res.hits.len());
    match res.hits.len() {
        0 => writeln!(out, "{} results", res.total)?,
        _ => writeln!(out, "{} results, showing {first}-{last}", res.total)?,
    }
    let kw = res
        .hits
        .iter()
        .map(|h| h.key.chars().count())
        .max()
        .unwrap_or(3)
        .clamp(3, 28);
    let title_w = terminal_width().saturating_sub(kw + 20).max(20);
    if !res.hits.is_empty() {
        writeln!(
            out,
            "{:<kw$}  {:<4}  {:<7}  {:<3}  TITLE",
            "KEY", "YEAR", "COUNTRY", "DIG"
        )?;
    }
    let (open, close) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    for hit in res.hits.iter() {
        writeln!(out, "{}", row(hit, kw, title_w))?;
        let snippet = hit.snippet.marked(open, close).replace(['\n', '\r'], " ");
        writeln!(out, "{:kw$}  {snippet}", "")?;
    }
    Ok(())
}

fn row(hit: &Hit, kw: usize, title_w: usize) -> String {
    let p = &hit.proposal;
    let year = p.year.map_or("-".to_string(), |y| y.to_string());
    let country = p
        .country_code
        .as_deref()
        .or(p.country_name.as_deref())
        .unwrap_or("-");
    let country = truncate(country, 7);
    let digital = p
        .classification
        .as_ref()
        .map_or("?".to_string(), |c| c.labels.digital.to_string());
    let key = truncate(&hit.key, kw);
    format!(
        "{key:<kw$}  {year:<4}  {country:<7}  {digital:<3}  {}",
        truncate(&p.title, title_w)
    )
}

/// Prints facet counts, one facet a line: `pillar: government 12, dpi 4`.
pub(crate) fn print_facets(out: &mut impl Write, facets: &Facets) -> std::io::Result<()> {
    for (name, values) in facets {
        let list: Vec<String> = values.iter().map(|(v, n)| format!("{v} {n}")).collect();
        let list = if list.is_empty() {
            "-".to_string()
        } else {
            list.join(", ")
        };
        writeln!(out, "{name:>8}: {list}")?;
    }
    Ok(())
}

/// `s` cut to `n` characters, with an ellipsis when cut.
pub(crate) fn truncate(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n.saturating_sub(1)) {
        Some((i, _)) if s.chars().count() > n => format!("{}…", &s[..i]),
        _ => s.to_string(),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(110)
}

fn parse_sort(s: &str) -> Result<Sort, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "relevance" => Ok(Sort::Relevance),
        "year" | "year-desc" | "newest" => Ok(Sort::YearDesc),
        "year-asc" | "oldest" => Ok(Sort::YearAsc),
        other => Err(format!("`{other}` is not relevance, year or year-asc")),
    }
}

/// Parses `2015`, `2015..2020`, `2015..` or `..2020`.
fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let year = |t: &str, default: i32| match t.trim() {
        "" => Ok(default),
        t => t.parse::<i32>().map_err(|_| format!("`{t}` is not a year")),
    };
    let (lo, hi) = match s.split_once("..") {
        Some((a, b)) => (year(a, i32::MIN)?, year(b, i32::MAX)?),
        None => (year(s, 0)?, year(s, 0)?),
    };
    if lo > hi {
        return Err(format!("year range {s} is empty"));
    }
    Ok((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges() {
        assert_eq!(parse_years("2015..2020"), Ok((2015, 2020)));
        assert_eq!(parse_years("2015"), Ok((2015, 2015)));
        assert_eq!(parse_years("..2020"), Ok((i32::MIN, 2020)));
        assert!(parse_years("2020..2015").is_err());
        assert!(parse_years("soon").is_err());
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("électronique", 5), "élec…");
        assert_eq!(truncate("short", 5), "short");
    }
}
