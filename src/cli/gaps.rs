//! `landscape gaps`: label the DPG registry with the model, count per DTF pillar × sector the
//! catalogue's digital projects and the DPGs that serve them, and write the gap report
//! (`gaps.md`, `gaps.csv`), the labelled registry (`dpg_map.csv`) and the heat map
//! (`gaps.svg`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use landscape::catalogue::Catalogue;
use landscape::classify::Classifier;
use landscape::gaps::{render_heatmap, write_atomic, DpgMap, GapOptions, GapReport, GroupBy};

use super::advise::DEFAULT_REGISTRY;

/// Arguments of `landscape gaps`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The catalogue of projects (demand).
    #[arg(long, default_value = "./catalogue")]
    catalogue: PathBuf,
    /// The model that labels the registry.
    #[arg(long, default_value = "models/default")]
    model: PathBuf,
    /// The DPG registry CSV (supply).
    #[arg(long, default_value = DEFAULT_REGISTRY)]
    registry: PathBuf,
    /// Also report the gaps per region or per country.
    #[arg(long, value_parser = parse_by)]
    by: Option<GroupBy>,
    /// Where the four files go (created if missing).
    #[arg(long, default_value = "gaps")]
    out_dir: PathBuf,
    /// A gap needs at least this many digital projects in the cell.
    #[arg(long, default_value_t = GapOptions::default().min_demand)]
    min_demand: u64,
    /// A gap has fewer DPGs than this per 100 of the cell's projects.
    #[arg(long, default_value_t = GapOptions::default().max_per_100)]
    max_per_100: f64,
    /// Count nominees under review as supply too (default: certified DPGs only).
    #[arg(long)]
    count_nominees: bool,
}

fn parse_by(s: &str) -> Result<GroupBy, String> {
    s.parse()
        .map_err(|e: landscape::gaps::GapError| e.to_string())
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let options = GapOptions {
        min_demand: args.min_demand,
        max_per_100: args.max_per_100,
        count_nominees: args.count_nominees,
        by: args.by,
    };
    options.validate()?;
    let cat = Catalogue::open(&args.catalogue)?;
    let model = Classifier::load(&args.model)
        .with_context(|| format!("cannot load the model {}", args.model.display()))?;
    let map = DpgMap::classify(&args.registry, &model)?;
    // Streamed: one record in memory at a time; the first read error stops the count.
    let mut failed = None;
    let projects = cat
        .iter_all()
        .map_while(|r| r.map_err(|e| failed = Some(e)).ok());
    let report = GapReport::build(projects, &map, options);
    if let Some(e) = failed {
        return Err(e.into());
    }
    let dir = &args.out_dir;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    write_atomic(&dir.join("gaps.md"), report.to_markdown().as_bytes())?;
    write_atomic(&dir.join("gaps.csv"), report.to_csv().as_bytes())?;
    write_atomic(&dir.join("dpg_map.csv"), map.to_csv().as_bytes())?;
    write_atomic(&dir.join("gaps.svg"), render_heatmap(&report).as_bytes())?;
    summary(&mut std::io::stdout().lock(), &report, &map, dir)?;
    Ok(())
}

/// Prints the counts and the ten largest gaps (a closed pipe is an error the binary ignores).
fn summary(
    out: &mut impl Write,
    report: &GapReport,
    map: &DpgMap,
    dir: &std::path::Path,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} records, {} digital; registry: {} entries ({} certified DPGs, {} nominees, {} rows rejected)",
        report.projects,
        report.digital,
        map.entries.len(),
        report.registry_dpgs,
        report.registry_nominees,
        map.rejected
    )?;
    let gaps = report.gaps("all");
    writeln!(
        out,
        "{} gaps (at least {} projects, fewer than {} DPGs per 100):",
        gaps.len(),
        report.options.min_demand,
        report.options.max_per_100
    )?;
    for c in gaps.iter().take(10) {
        writeln!(
            out,
            "  {:<13} {:<18} {:>6} projects {:>4} DPGs",
            c.pillar, c.sector, c.demand, c.dpgs
        )?;
    }
    writeln!(
        out,
        "wrote gaps.md, gaps.csv, dpg_map.csv, gaps.svg in {}",
        dir.display()
    )?;
    Ok(())
}
