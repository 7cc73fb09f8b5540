//! `landscape reclassify`: re-label every record of a catalogue in place with another model
//! version; each record keeps the name of the model that produced its labels.

use std::path::PathBuf;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use landscape::catalogue::Catalogue;
use landscape::classify::Classifier;
use landscape::retrain::{reclassify::reclassify, resolve_model};

/// Arguments of `landscape reclassify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The catalogue directory.
    #[arg(long, default_value = "catalogue")]
    catalogue: PathBuf,
    /// The model (default: the version named in models/DEFAULT, else models/default).
    #[arg(long)]
    model: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let dir = resolve_model(args.model.as_deref())?;
    let model = Classifier::load(&dir)
        .with_context(|| format!("cannot load the model {}", dir.display()))?;
    let cat = Catalogue::open(&args.catalogue)
        .with_context(|| format!("cannot open the catalogue {}", args.catalogue.display()))?;
    let bar = ProgressBar::with_draw_target(Some(cat.len()), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} records {msg}").expect("valid template"),
    );
    bar.set_message(format!("with {}", model.name()));
    let done = reclassify(&cat, &model, &|n| bar.set_position(n))?;
    bar.finish_and_clear();
    eprintln!(
        "{}: reclassified {} records with {}: labels changed on {}, rewritten {}",
        args.catalogue.display(),
        done.records,
        model.name(),
        done.labels_changed,
        done.rewritten
    );
    Ok(())
}
