//! `landscape models`: the model versions under `models/`: list them, choose the default, and
//! compare two on a labelled file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use landscape::classify::{dataset, Classifier};
use landscape::retrain::{compare, registry};

/// Arguments of `landscape models`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory holding the model versions.
    #[arg(long, global = true, default_value = registry::MODELS_DIR)]
    models_dir: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the versions: name, created, schema, training rows, headline F1, default.
    List,
    /// Make a version the default of every command run without `--model`.
    Use {
        /// The version (a directory name under the models directory).
        name: String,
    },
    /// Per-label precision, recall and F1 of two versions side by side on a labelled file,
    /// and the records they label differently.
    Compare {
        /// The first version (name under the models directory, or a path).
        a: String,
        /// The second version.
        b: String,
        /// The labelled file to score on (ideally not used to train either version).
        #[arg(long)]
        gold: PathBuf,
        /// The shared data directory holding the corpora with the labelled records' text.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Corpus files to read instead of the three project corpora under `--data`.
        #[arg(long, num_args = 1..)]
        corpus: Vec<PathBuf>,
        /// Write the records labelled differently to this CSV.
        #[arg(long)]
        changed: Option<PathBuf>,
    },
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        Command::List => list(&args.models_dir),
        Command::Use { name } => {
            registry::set_default(&args.models_dir, &name)?;
            println!("default model: {}", args.models_dir.join(&name).display());
            Ok(())
        }
        Command::Compare {
            a,
            b,
            gold,
            data,
            corpus,
            changed,
        } => {
            let corpora = if corpus.is_empty() {
                dataset::CORPORA.iter().map(|c| data.join(c)).collect()
            } else {
                corpus
            };
            let load = |n: &str| -> anyhow::Result<Classifier> {
                let dir = version_dir(&args.models_dir, n);
                Classifier::load(&dir)
                    .with_context(|| format!("cannot load the model {}", dir.display()))
            };
            let (ma, mb) = (load(&a)?, load(&b)?);
            let set = dataset::assemble(std::slice::from_ref(&gold), &corpora, 0.0)?;
            let cmp = compare::compare(&ma, &mb, &set);
            print!("{}", cmp.to_text());
            if let Some(path) = changed {
                cmp.write_changed(&path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                println!("records labelled differently: {}", path.display());
            }
            Ok(())
        }
    }
}

/// A version name under `models_dir`, or a path as given.
fn version_dir(models_dir: &Path, name: &str) -> PathBuf {
    let under = models_dir.join(name);
    if under.is_dir() {
        under
    } else {
        PathBuf::from(name)
    }
}

fn list(models_dir: &Path) -> anyhow::Result<()> {
    let versions = registry::list(models_dir)?;
    if versions.is_empty() {
        println!("no model versions in {}", models_dir.display());
        return Ok(());
    }
    println!(
        "{:<2}{:<20} {:<21} {:>6} {:>6}  {:>10} {:>8} {:>8}",
        "", "NAME", "CREATED", "SCHEMA", "GOLD", "DIGITAL F1", "PILLARS", "SECTORS"
    );
    for v in versions {
        let [d, p, s] = v.headline;
        println!(
            "{:<2}{:<20} {:<21} {:>6} {:>6}  {:>10.3} {:>8.3} {:>8.3}",
            if v.is_default { "*" } else { "" },
            v.name,
            v.created,
            v.schema_version,
            v.gold_rows,
            d,
            p,
            s
        );
    }
    println!("\n* default (models/DEFAULT; change it with `landscape models use NAME`)");
    Ok(())
}
