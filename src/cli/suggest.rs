//! `landscape suggest`: pick the records whose labels would teach the model most and write them
//! as a labelling sheet, predictions pre-filled, for an analyst to correct in a spreadsheet.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::Context;
use landscape::catalogue::Catalogue;
use landscape::classify::Classifier;
use landscape::ingest::{self, Preset, ReadOptions};
use landscape::labels::read_gold;
use landscape::retrain::{resolve_model, sheet, Head, SelectOptions};
use landscape::Proposal;

/// Arguments of `landscape suggest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Proposal files to choose from (any format `ingest` reads); or use `--catalogue`.
    inputs: Vec<PathBuf>,
    /// Choose from the records of this catalogue.
    #[arg(long, conflicts_with = "inputs")]
    catalogue: Option<PathBuf>,
    /// Column layout preset of the input files (default: detected from the header).
    #[arg(long)]
    preset: Option<Preset>,
    /// How many records to suggest.
    #[arg(long, short, default_value_t = 100)]
    n: usize,
    /// The head to learn most about: digital, openness, pillars or sectors.
    #[arg(long, default_value = "digital", value_parser = clap::value_parser!(HeadArg))]
    head: HeadArg,
    /// Labelled files whose records are already labelled and so never suggested (e.g. gold.csv).
    #[arg(long, num_args = 1..)]
    exclude: Vec<PathBuf>,
    /// Weight of the penalty on similarity to records already chosen (0: uncertainty alone).
    #[arg(long, default_value_t = 0.5)]
    diversity: f32,
    /// Seed breaking ties between equally uncertain records.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The model (default: the version named in models/DEFAULT, else models/default).
    #[arg(long)]
    model: Option<PathBuf>,
    /// The sheet to write (CSV).
    #[arg(long, short)]
    out: PathBuf,
}

/// A `--head` value.
#[derive(Debug, Clone, Copy)]
struct HeadArg(Head);

impl std::str::FromStr for HeadArg {
    type Err = landscape::retrain::suggest::UnknownHead;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(HeadArg)
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.inputs.is_empty() && args.catalogue.is_none() {
        anyhow::bail!("give proposal files or --catalogue DIR to choose from");
    }
    let model_dir = resolve_model(args.model.as_deref())?;
    let model = Classifier::load(&model_dir)
        .with_context(|| format!("cannot load the model {}", model_dir.display()))?;
    let mut records = load(&args)?;
    let labelled = labelled_ids(&args.exclude)?;
    let before = records.len();
    records.retain(|p| !labelled.contains(&p.key()));
    eprintln!(
        "choosing {} of {} records ({} already labelled) with {}",
        args.n.min(records.len()),
        records.len(),
        before - records.len(),
        model.name()
    );
    let opts = SelectOptions {
        diversity: args.diversity,
        seed: args.seed,
        ..SelectOptions::default()
    };
    let picked = sheet::suggest(&model, &mut records, args.head.0, args.n, &opts);
    let rows: Vec<_> = picked.iter().map(|(i, u)| (&records[*i], u)).collect();
    sheet::write_sheet(&args.out, &rows)?;
    eprintln!(
        "wrote {} records to {}: correct the label columns (digital, openness, pillars, sectors), \
         then `landscape train --gold ../shared/data/labels/gold.csv {} --out models/NAME`",
        rows.len(),
        args.out.display(),
        args.out.display()
    );
    Ok(())
}

fn load(args: &Args) -> anyhow::Result<Vec<Proposal>> {
    if let Some(dir) = &args.catalogue {
        let cat = Catalogue::open(dir)
            .with_context(|| format!("cannot open the catalogue {}", dir.display()))?;
        return Ok(cat.iter_all().collect::<Result<_, _>>()?);
    }
    let opts = ReadOptions {
        preset: args.preset,
        ..ReadOptions::default()
    };
    let mut out = Vec::new();
    for path in &args.inputs {
        let mut rejected = 0;
        for r in ingest::open(path, &opts)? {
            match r {
                Ok(p) => out.push(p),
                Err(_) => rejected += 1,
            }
        }
        if rejected > 0 {
            eprintln!(
                "{}: {rejected} records rejected (`landscape read` shows why)",
                path.display()
            );
        }
    }
    Ok(out)
}

fn labelled_ids(files: &[PathBuf]) -> anyhow::Result<HashSet<String>> {
    let mut ids = HashSet::new();
    for f in files {
        ids.extend(read_gold(f)?.into_iter().map(|g| g.id));
    }
    Ok(ids)
}
