//! `landscape export`: write the records matching the filters to CSV, JSON Lines or a
//! year-partitioned Parquet directory, replacing the output atomically.

use std::path::PathBuf;

use landscape::catalogue::{Catalogue, ExportFormat};

use super::search::FilterArgs;

/// Export records to a file for spreadsheets, scripts or SQL engines.
///
/// Example: `landscape export --format parquet --out digital.parquet --digital 1,2`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: csv, jsonl or parquet (a directory partitioned by year).
    #[arg(long, value_parser = |s: &str| s.parse::<ExportFormat>())]
    pub format: ExportFormat,
    /// Output file (csv, jsonl) or directory (parquet); replaced if it exists.
    #[arg(long)]
    pub out: PathBuf,
    /// Only records matching this search text.
    #[arg(long)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// The catalogue directory.
    #[arg(long, default_value = "./catalogue")]
    pub catalogue: PathBuf,
}

/// Runs `landscape export`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let cat = Catalogue::open(&args.catalogue)?;
    let q = args.filters.to_query(args.query.clone());
    let n = cat.export(&q, args.format, &args.out)?;
    eprintln!(
        "exported {n} records to {} ({})",
        args.out.display(),
        args.format
    );
    Ok(())
}
