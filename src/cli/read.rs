//! `landscape read`: reads input files with the ingest readers and writes the normalised
//! (unclassified) proposals as JSON Lines, and the rejected records to `rejects.jsonl`:
//! a way to check a file, or a mapping, before ingesting it.
//!
//! ```text
//! landscape read projects.csv --map id=ref --map title=label --out proposals.jsonl
//! ```
//!
//! [`ReadArgs`] holds the reading options and can be flattened into other commands.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use landscape::ingest::{self, parse_map, Format, Preset, ReadOptions};

/// How to read the inputs (shared with commands that ingest).
#[derive(Debug, Clone, clap::Args)]
pub struct ReadArgs {
    /// Input files: CSV, JSON Lines, IATI XML or open.undp.org project JSON.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Input format: csv, jsonl, iati, undp-json (default: from the file extension).
    #[arg(long)]
    pub format: Option<Format>,
    /// Column layout: undp-open-2014, worldbank, aiddata, dpg, who-dha, dial-tools
    /// (default: detected from the header).
    #[arg(long)]
    pub preset: Option<Preset>,
    /// Map a field to a column, e.g. `--map id=ref` (repeatable; fields: id, title,
    /// description, text, country, country_code, region, year, start_date, end_date,
    /// budget, currency, language).
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = parse_map)]
    pub maps: Vec<(String, String)>,
    /// Source name for the records (default: the preset's, else the file name).
    #[arg(long)]
    pub source: Option<String>,
}

impl ReadArgs {
    /// The library's read options.
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            format: self.format,
            preset: self.preset,
            maps: self.maps.clone(),
            source: self.source.clone(),
            skip_language: false,
        }
    }
}

/// Arguments of `landscape read`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    read: ReadArgs,
    /// Where to write the proposals (JSON Lines; default: standard output).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Where to write the rejected records (JSON Lines).
    #[arg(long, default_value = "rejects.jsonl")]
    rejects: PathBuf,
}

/// Reads every input, writes proposals and rejects, reports counts on standard error.
pub fn run(args: Args) -> anyhow::Result<()> {
    let opts = args.read.options();
    let total = args
        .read
        .inputs
        .iter()
        .map(|p| ingest::total_bytes(p))
        .sum::<Result<u64, _>>()?;
    let bar = ProgressBar::new(total).with_style(ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {msg}",
    )?);
    let mut out = Output::create(args.out.as_deref())?;
    let mut rejects = Output::create(Some(&args.rejects))?;
    let mut done = 0;
    for path in &args.read.inputs {
        let mut reader = ingest::open(path, &opts)?;
        let (mut ok, mut bad) = (0u64, 0u64);
        while let Some(item) = reader.next() {
            match item {
                Ok(p) => {
                    ok += 1;
                    out.line(&p)?;
                }
                Err(r) => {
                    bad += 1;
                    rejects.line(&r)?;
                }
            }
            if (ok + bad) % 1000 == 0 {
                bar.set_position(done + reader.bytes_read());
            }
        }
        let warnings = reader.warnings();
        for w in warnings.iter().take(20) {
            bar.suspend(|| {
                eprintln!(
                    "warning: {}:{}: {}",
                    w.file,
                    w.line.map_or("-".into(), |l| l.to_string()),
                    w.message
                )
            });
        }
        done += ingest::total_bytes(path)?;
        bar.suspend(|| {
            eprintln!(
                "{}: {ok} proposals, {bad} rejects, {} warnings",
                path.display(),
                warnings.len()
            )
        });
    }
    bar.finish_and_clear();
    out.commit()?;
    rejects.commit()
}

/// An output written to a temporary file and renamed into place when complete, or stdout.
struct Output {
    writer: BufWriter<Box<dyn Write>>,
    target: Option<(tempfile::TempPath, PathBuf)>,
}

impl Output {
    fn create(path: Option<&Path>) -> anyhow::Result<Output> {
        let Some(path) = path else {
            return Ok(Output {
                writer: BufWriter::new(Box::new(std::io::stdout().lock())),
                target: None,
            });
        };
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = landscape::atomic::temp_file_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        let (file, temp_path): (File, _) = temp.into_parts();
        Ok(Output {
            writer: BufWriter::new(Box::new(file)),
            target: Some((temp_path, path.to_path_buf())),
        })
    }

    fn line<T: serde::Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.writer, value)?;
        Ok(self.writer.write_all(b"\n")?)
    }

    fn commit(mut self) -> anyhow::Result<()> {
        self.writer.flush()?;
        drop(self.writer);
        if let Some((temp, path)) = self.target {
            temp.persist(&path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}
