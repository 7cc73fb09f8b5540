//! `landscape ingest`: read proposal files, classify them with a model (unless
//! `--no-classify`), and upsert them into a catalogue; rejects go to `rejects.jsonl` in the
//! catalogue and the rest goes on.

use std::path::PathBuf;

use anyhow::Context;
use landscape::catalogue::{Catalogue, Upsert};
use landscape::classify::Classifier;
use landscape::ingest;
use rayon::prelude::*;

use super::read::ReadArgs;

/// Records classified and written per batch (memory stays flat).
const BATCH: usize = 4096;

/// Arguments of `landscape ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    read: ReadArgs,
    /// The catalogue directory (created if missing).
    #[arg(long, default_value = "catalogue")]
    catalogue: PathBuf,
    /// The model that labels the records.
    /// (default: the version named in models/DEFAULT, else models/default)
    #[arg(long)]
    model: Option<PathBuf>,
    /// Store the records without labels.
    #[arg(long)]
    no_classify: bool,
}

#[derive(Default)]
struct Counts {
    read: u64,
    inserted: u64,
    updated: u64,
    unchanged: u64,
    rejected: u64,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let model_dir = landscape::retrain::resolve_model(args.model.as_deref())?;
    let model = if args.no_classify {
        None
    } else {
        Some(Classifier::load(&model_dir).with_context(|| {
            format!(
                "cannot load the model {} (use --no-classify to store records without labels)",
                model_dir.display()
            )
        })?)
    };
    let cat = Catalogue::create_or_open(&args.catalogue)?;
    let mut writer = cat.writer()?;
    let mut rejects = super::store::rejects_file(&cat)?;
    let mut c = Counts::default();
    let opts = args.read.options();
    for path in &args.read.inputs {
        let bar = super::classify::progress(ingest::total_bytes(path)?, path);
        let mut reader = ingest::open(path, &opts)?;
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            let next = reader.next();
            let done = next.is_none();
            match next {
                Some(Ok(p)) => batch.push(p),
                Some(Err(r)) => {
                    c.rejected += 1;
                    super::store::reject(&r, Some(&mut rejects))?;
                }
                None => {}
            }
            if batch.len() == BATCH || (done && !batch.is_empty()) {
                if let Some(m) = &model {
                    batch
                        .par_iter_mut()
                        .for_each(|p| p.classification = Some(m.classify(&p.text)));
                }
                for p in batch.drain(..) {
                    c.read += 1;
                    match writer.upsert(&p)? {
                        Upsert::Inserted => c.inserted += 1,
                        Upsert::Updated => c.updated += 1,
                        Upsert::Unchanged => c.unchanged += 1,
                    }
                }
                bar.set_position(reader.bytes_read());
            }
            for w in reader.warnings() {
                eprintln!(
                    "warning: {}{}: {}",
                    w.file,
                    w.line.map(|l| format!(":{l}")).unwrap_or_default(),
                    w.message
                );
            }
            if done {
                break;
            }
        }
        writer.commit()?;
        bar.finish_and_clear();
    }
    rejects.sync_all()?;
    eprintln!(
        "{}: read {}, ingested {}, updated {}, unchanged {}, rejected {}{}",
        args.catalogue.display(),
        c.read + c.rejected,
        c.inserted,
        c.updated,
        c.unchanged,
        c.rejected,
        if c.rejected > 0 {
            format!(" (see {})", cat.rejects_path().display())
        } else {
            String::new()
        }
    );
    Ok(())
}
