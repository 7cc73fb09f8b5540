//! The kill loop: runs `landscape ingest` (old and new versions of the same records),
//! classify-into-catalogue (`landscape ingest --model`, with the shipped model and a freshly
//! trained one) and `landscape train --out`, kills each with SIGKILL at a seeded random moment,
//! and checks after every kill that the catalogue passes `landscape check`, holds every record
//! in an old or new state and has lost none, and that the model directory is absent or sound.
//!
//! ```sh
//! scripts/killloop                       # release build, 100 + 60 + 60 kills, seed 1
//! cargo run --release --example killloop -- --bin target/release/landscape --seed 7 \
//!     --ingest 100 --classify 60 --train 60 --records 2000
//! ```
//! Exits 1 when anything was corrupt or lost.

mod inputs;
mod phases;
mod verify;

use std::path::PathBuf;

use anyhow::Context;

/// Settings from the command line.
pub struct Opts {
    /// The `landscape` binary under test.
    pub bin: PathBuf,
    /// Seed of the kill times and input choices.
    pub seed: u64,
    /// Kills of `ingest --no-classify`, of `ingest --model` and of `train`.
    pub kills: [usize; 3],
    /// Old records (the new version has a quarter more).
    pub records: usize,
    /// The repository root (models/default, data/).
    pub root: PathBuf,
    /// The corpus `train` reads.
    pub corpus: PathBuf,
}

fn parse() -> anyhow::Result<Opts> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut o = Opts {
        bin: root.join("target/release/landscape"),
        seed: 1,
        kills: [100, 60, 60],
        records: 2000,
        corpus: root.join("data/sample_proposals.csv"),
        root,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--bin" => o.bin = val()?.into(),
            "--seed" => o.seed = val()?.parse()?,
            "--ingest" => o.kills[0] = val()?.parse()?,
            "--classify" => o.kills[1] = val()?.parse()?,
            "--train" => o.kills[2] = val()?.parse()?,
            "--records" => o.records = val()?.parse()?,
            "--corpus" => o.corpus = val()?.into(),
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    anyhow::ensure!(
        o.bin.is_file(),
        "{} not found (build it first)",
        o.bin.display()
    );
    Ok(o)
}

fn main() -> anyhow::Result<()> {
    let opts = parse()?;
    let work = tempfile::tempdir()?;
    let rows = phases::run_all(&opts, work.path())?;
    println!();
    println!(
        "{:<10} {:>5} {:>7} {:>9} {:>7} {:>9} {:>5} {:>4} {:>10} {:>8}",
        "command",
        "runs",
        "killed",
        "finished",
        "corrupt",
        "warnings",
        "lost",
        "bad",
        "unapplied",
        "seconds"
    );
    let mut failed = false;
    for r in &rows {
        println!(
            "{:<10} {:>5} {:>7} {:>9} {:>7} {:>9} {:>5} {:>4} {:>10} {:>8.1}",
            r.name,
            r.runs,
            r.killed,
            r.finished,
            r.corrupt,
            r.warned,
            r.lost,
            r.bad,
            r.unapplied,
            r.seconds
        );
        failed |= r.corrupt + r.lost + r.bad + r.unapplied > 0;
    }
    let kills: usize = rows.iter().map(|r| r.killed).sum();
    println!("{kills} kills in all, seed {}", opts.seed);
    if failed {
        anyhow::bail!("corrupt or lost data: see above");
    }
    Ok(())
}
