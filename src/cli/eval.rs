//! `landscape eval`: score a model against a labelled file: per-label precision, recall, F1 and
//! support, micro and macro averages, confusion matrices, and the worst errors with evidence.

use std::path::PathBuf;

use anyhow::Context;
use landscape::classify::heads::RowLabel;
use landscape::classify::report::CvReport;
use landscape::classify::{classifier::decide, dataset, Classifier, TrainConfig};

/// Arguments of `landscape eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The labelled file (id,digital,openness,pillars,sectors).
    #[arg(long, default_value = "../shared/data/labels/gold.csv")]
    gold: PathBuf,
    /// The model directory.
    /// (default: the version named in models/DEFAULT, else models/default)
    #[arg(long)]
    model: Option<PathBuf>,
    /// The shared data directory holding the corpora with the labelled records' text.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let model_dir = landscape::retrain::resolve_model(args.model.as_deref())?;
    let model = Classifier::load(&model_dir)
        .with_context(|| format!("cannot load the model {}", model_dir.display()))?;
    let corpora: Vec<PathBuf> = dataset::CORPORA.iter().map(|c| args.data.join(c)).collect();
    let mut set = dataset::assemble(std::slice::from_ref(&args.gold), &corpora, 0.0)?;
    let gold: Vec<usize> = (0..set.rows.len())
        .filter(|&i| matches!(set.rows[i], RowLabel::Gold(_)))
        .collect();
    set.keys = gold.iter().map(|&i| set.keys[i].clone()).collect();
    set.texts = gold.iter().map(|&i| set.texts[i].clone()).collect();
    set.languages = gold.iter().map(|&i| set.languages[i].clone()).collect();
    set.rows = gold.iter().map(|&i| set.rows[i].clone()).collect();
    let decisions: Vec<Option<Vec<f32>>> = set
        .texts
        .iter()
        .map(|t| Some(model.decisions(&model.features(t))))
        .collect();
    let cfg = TrainConfig {
        folds: 0,
        ..TrainConfig::default()
    };
    let lexicon = model.lexicon();
    let report = CvReport::from_oof(&set, &decisions, &|d, t| decide(d, lexicon, t), &cfg);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    if trained_on(&model_dir, &args.gold) {
        println!(
            "note: {} was trained on {}: these are training-set scores, not an estimate of \
             quality; the cross-validated figures are in {}/MODEL.md\n",
            model.name(),
            args.gold.display(),
            model_dir.display()
        );
    }
    println!(
        "model {} on {} ({} records)\n",
        model.name(),
        args.gold.display(),
        set.rows.len()
    );
    for (k, v) in report.headline() {
        println!("{k:<20} {v:.3}");
    }
    for (name, r) in &report.heads {
        println!("\n== {name}\n{}", r.to_text());
    }
    println!("\n== worst errors (digital)");
    let mut errs: Vec<(f32, usize)> = set
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let RowLabel::Gold(l) = r else { return None };
            let d = decisions[i].as_ref()?[0];
            ((d > 0.0) != l.is_digital()).then_some((d.abs(), i))
        })
        .collect();
    errs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, i) in errs.into_iter().take(20) {
        let c = model.classify(&set.texts[i]);
        let RowLabel::Gold(l) = &set.rows[i] else {
            continue;
        };
        let ev: Vec<String> = c
            .evidence
            .iter()
            .filter(|e| e.head == "digital")
            .map(|e| format!("{} ({:+.2})", e.term, e.weight))
            .collect();
        println!(
            "{}  gold {} predicted {} (p={:.2})  evidence: {}\n    {}",
            set.keys[i],
            l.digital,
            c.labels.digital,
            c.p_digital(),
            ev.join(", "),
            set.texts[i].chars().take(160).collect::<String>()
        );
    }
    Ok(())
}

/// Was the model trained on this very file (same SHA-256 among its manifest's inputs)?
fn trained_on(model: &std::path::Path, gold: &std::path::Path) -> bool {
    use sha2::Digest;
    let (Ok(manifest), Ok(bytes)) = (
        std::fs::read(model.join("manifest.json")),
        std::fs::read(gold),
    ) else {
        return false;
    };
    let sha = format!("{:x}", sha2::Sha256::digest(&bytes));
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&manifest) else {
        return false;
    };
    v["extra"]["inputs"]
        .as_array()
        .is_some_and(|a| a.iter().any(|i| i["sha256"] == sha.as_str()))
}
