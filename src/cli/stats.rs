//! `landscape stats`: counts by every facet, pillar x sector and pillar x region tables and
//! the digital share by year.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use landscape::catalogue::{Catalogue, CrossTab, Stats};

use super::search::print_facets;

/// Summarise the catalogue.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the statistics as JSON.
    #[arg(long)]
    pub json: bool,
    /// The catalogue directory.
    #[arg(long, default_value = "./catalogue")]
    pub catalogue: PathBuf,
}

/// Runs `landscape stats`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let cat = Catalogue::open(&args.catalogue)?;
    let stats = cat.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats).context("writing JSON")?;
        writeln!(out)?;
        return Ok(());
    }
    let meta = cat.meta();
    writeln!(
        out,
        "{} records (created {}, updated {})\n",
        stats.total, meta.created, meta.updated
    )?;
    print_facets(&mut out, &stats.facets)?;
    write_crosstab(&mut out, "pillar x sector", &stats.pillar_by_sector)?;
    write_crosstab(&mut out, "pillar x region", &stats.pillar_by_region)?;
    write_years(&mut out, &stats)?;
    Ok(())
}

fn write_crosstab(out: &mut impl Write, title: &str, t: &CrossTab) -> std::io::Result<()> {
    let mut cols: Vec<&String> = t.values().flat_map(|r| r.keys()).collect();
    cols.sort();
    cols.dedup();
    writeln!(out, "\n{title}")?;
    if cols.is_empty() {
        return writeln!(out, "  (no classified digital records)");
    }
    let w: Vec<usize> = cols
        .iter()
        .map(|c| c.chars().count().clamp(5, 18))
        .collect();
    write!(out, "{:<13}", "")?;
    for (c, w) in cols.iter().zip(&w) {
        write!(out, " {:>w$}", super::search::truncate(c, *w))?;
    }
    writeln!(out)?;
    for (row, values) in t {
        write!(out, "{row:<13}")?;
        for (c, w) in cols.iter().zip(&w) {
            write!(out, " {:>w$}", values.get(*c).copied().unwrap_or(0))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_years(out: &mut impl Write, stats: &Stats) -> std::io::Result<()> {
    writeln!(out, "\ndigital share by year")?;
    writeln!(
        out,
        "{:<8} {:>8} {:>10} {:>8} {:>6}",
        "year", "records", "classified", "digital", "share"
    )?;
    for y in &stats.digital_by_year {
        let share = y.share.map_or("-".into(), |s| format!("{:.1}%", s * 100.0));
        writeln!(
            out,
            "{:<8} {:>8} {:>10} {:>8} {:>6}",
            y.year, y.records, y.classified, y.digital, share
        )?;
    }
    Ok(())
}
