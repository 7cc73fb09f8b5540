//! `landscape split`: write the cross-validation folds (as `landscape train` draws them) and a
//! cross-source split of a labelled file, with each record's text, so that other tools train
//! and test on exactly the same rows and texts (see `benches/compare/`).

use std::path::PathBuf;

use landscape::classify::dataset;
use landscape::classify::heads::RowLabel;
use landscape::labels::split::{self, SplitRow};

/// Arguments of `landscape split`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The labelled file (id,digital,openness,pillars,sectors).
    #[arg(long, default_value = "../shared/data/labels/gold.csv")]
    gold: PathBuf,
    /// The shared data directory holding the corpora with the labelled records' text.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// The directory to write `fold-K/{train,test}.csv` and `cross-source/{train,test}.csv` into.
    #[arg(long)]
    out: PathBuf,
    /// Number of cross-validation folds.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Seed of the folds (the trainer's default is 42).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Also write a split that tests on the records whose key starts with this prefix
    /// (e.g. `undp`) and trains on all the others.
    #[arg(long)]
    cross_source: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let corpora: Vec<PathBuf> = dataset::CORPORA.iter().map(|c| args.data.join(c)).collect();
    let set = dataset::assemble(std::slice::from_ref(&args.gold), &corpora, 0.0)?;
    let rows: Vec<SplitRow> = set
        .rows
        .iter()
        .zip(set.keys.iter().zip(&set.texts))
        .filter_map(|(r, (id, text))| match r {
            RowLabel::Gold(labels) => Some(SplitRow {
                id: id.clone(),
                labels: labels.clone(),
                text: text.clone(),
            }),
            _ => None,
        })
        .collect();
    let folds = split::cv_folds(&rows, args.folds, args.seed)?;
    for (k, fold) in folds.iter().enumerate() {
        split::write_fold(&rows, fold, &args.out.join(format!("fold-{k}")))?;
        println!(
            "fold-{k}: train {}, test {}",
            fold.train.len(),
            fold.test.len()
        );
    }
    if let Some(prefix) = &args.cross_source {
        let fold = split::cross_source(&rows, prefix)?;
        split::write_fold(&rows, &fold, &args.out.join("cross-source"))?;
        println!(
            "cross-source ({prefix}): train {}, test {}",
            fold.train.len(),
            fold.test.len()
        );
    }
    Ok(())
}
