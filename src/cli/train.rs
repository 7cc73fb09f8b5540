//! `landscape train`: fit every head from labelled files and the corpora, cross-validate, and
//! write a versioned model directory with its card. Labelled files (gold, or sheets from
//! `landscape suggest` after correction) are checked cell by cell and merged by id, later
//! files winning; every conflict is reported and recorded in the manifest and the card.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args as ClapArgs;
use landscape::classify::heads::RowLabel;
use landscape::classify::shift::Shifts;
use landscape::classify::{dataset, glossary, train, TrainConfig};
use landscape::retrain::{labelled, merge_files, registry};

/// Train a model from labelled files and the corpora.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Labelled CSV files (id,digital,openness,pillars,sectors), such as corrected sheets from
    /// `landscape suggest`; merged by id, later files (and later rows) win.
    #[arg(long, visible_alias = "labels", num_args = 1.., default_value = "../shared/data/labels/gold.csv")]
    gold: Vec<PathBuf>,
    /// Labelled examples with their own text, written from the schema's definitions; they
    /// train every head and are never tested.
    #[arg(long, num_args = 0.., default_value = "data/schema_examples.csv")]
    examples: Vec<PathBuf>,
    /// The shared data directory holding `corpora/`.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Corpus files to read instead of the three project corpora under `--data`.
    #[arg(long, num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// Hyper-parameters as JSON (see `TrainConfig`); defaults otherwise.
    #[arg(long)]
    config: Option<PathBuf>,
    /// A glossary to use instead of the shipped one: `english: form form ...` lines, as in
    /// `src/classify/glossary.txt` (French, Spanish, ... words counted as English ones).
    #[arg(long)]
    glossary: Option<PathBuf>,
    /// The model directory to write, e.g. `models/default`.
    #[arg(long)]
    out: PathBuf,
    /// Model name stored with every classification (default: the directory name).
    #[arg(long)]
    name: Option<String>,
    /// Replace an existing model version at `--out`.
    #[arg(long)]
    force: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let cfg: TrainConfig = match &args.config {
        Some(p) => {
            serde_json::from_slice(&std::fs::read(p).with_context(|| p.display().to_string())?)
                .with_context(|| format!("{}: not a valid training configuration", p.display()))?
        }
        None => TrainConfig::default(),
    };
    let cfg = with_glossary(cfg, args.glossary.as_deref())?;
    let corpora = if args.corpus.is_empty() {
        dataset::CORPORA.iter().map(|c| args.data.join(c)).collect()
    } else {
        args.corpus.clone()
    };
    if !args.force && args.out.join("manifest.json").exists() {
        anyhow::bail!(
            "{} already holds a model version; give another --out (e.g. models/NAME-2) or --force to replace it",
            args.out.display()
        );
    }
    let started = std::time::Instant::now();
    let say = |s: &str| eprintln!("[{:>5.1}s] {s}", started.elapsed().as_secs_f32());
    say("reading labelled files");
    let merged = merge_files(&args.gold)?;
    let conflicts: Vec<String> = merged.conflicts.iter().map(|c| c.to_string()).collect();
    for c in &conflicts {
        eprintln!("conflict: {c}");
    }
    if !conflicts.is_empty() {
        eprintln!(
            "{} conflicting rows: the later row was kept each time",
            conflicts.len()
        );
    }
    say("reading corpora");
    let mut set = labelled::training_set(&merged, &corpora, cfg.weak_weight)?;
    dataset::add_examples(&mut set, &args.examples)?;
    let name = args.name.clone().unwrap_or_else(|| {
        args.out
            .file_name()
            .map_or("model".into(), |n| n.to_string_lossy().to_string())
    });
    let name = format!("{name}@{}", env!("CARGO_PKG_VERSION"));
    let trained = train::train(&set, &cfg, &name, &say)?;
    let mut card = model_card(&name, &set, &cfg, &trained.report, trained.shifts);
    card += &conflicts_section(&conflicts);
    let extra = serde_json::json!({
        "name": name,
        "created": registry::iso8601(std::time::SystemTime::now()),
        "label_conflicts": conflicts,
        "inputs": set.inputs,
        "rows": { "gold": set.rows.iter().filter(|r| matches!(r, RowLabel::Gold(_))).count(),
                  "weak": set.rows.iter().filter(|r| matches!(r, RowLabel::WeakDigital(..))).count(),
                  "examples": set.rows.iter().filter(|r| matches!(r, RowLabel::Example(_))).count(),
                  "vocabulary_texts": set.vocabulary_texts.len() },
        "weak_rules": "World Bank ICT sector share >= 50% -> digital; 0% with no digital theme -> not digital",
        "config": cfg,
        "cross_validation": trained.report,
        "threshold_shifts": trained.shifts,
    });
    trained.classifier.save(&args.out, &card, extra)?;
    say(&format!("wrote {}", args.out.display()));
    for (k, v) in trained.report.headline() {
        println!("{k:<20} {v:.3}");
    }
    Ok(())
}

/// `cfg` with the glossary file `path`, if one is given, in place of the shipped glossary.
fn with_glossary(mut cfg: TrainConfig, path: Option<&Path>) -> anyhow::Result<TrainConfig> {
    let Some(path) = path else {
        return Ok(cfg);
    };
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let pairs = glossary::parse(&text).with_context(|| path.display().to_string())?;
    anyhow::ensure!(
        !pairs.is_empty(),
        "{}: the glossary has no entries",
        path.display()
    );
    cfg.glossary = true;
    cfg.features.gloss = pairs;
    cfg.features
        .validated()
        .with_context(|| path.display().to_string())?;
    Ok(cfg)
}

/// The model card's words for the lexicon priors (see `classify::prior`).
fn prior_text(cfg: &TrainConfig) -> String {
    let s = cfg.prior_strength();
    let parts = nonzero(
        &[
            (
                "the `digital` head's weight on each digital concept",
                s.digital,
            ),
            ("each pillar head's weight on its own concept", s.pillars),
            ("each sector head's weight on its own concept", s.sectors),
        ],
        |what, m| format!("{what} towards {m}"),
    );
    if parts.is_empty() {
        return String::new();
    }
    format!(
        " The L2 penalty pulls {} instead of 0: a prior taken from the lexicon's definitions, \
         which the data override where they disagree.",
        parts.join(", ")
    )
}

/// `phrase(name, value)` for each item whose value is not 0.
fn nonzero(items: &[(&str, f32)], phrase: impl Fn(&str, f32) -> String) -> Vec<String> {
    items
        .iter()
        .filter(|(_, v)| *v != 0.0)
        .map(|&(n, v)| phrase(n, v))
        .collect()
}

/// How the sector heads' second views are set, for the model card.
fn views_text(cfg: &TrainConfig) -> String {
    let views: Vec<String> = [
        ("word n-grams", cfg.word_view_sectors),
        ("character n-grams", cfg.char_view_sectors),
    ]
    .iter()
    .filter(|(_, w)| *w > 0.0)
    .map(|(what, w)| format!("{what} alone, weight {w}"))
    .collect();
    if views.is_empty() {
        return String::new();
    }
    let nb = if cfg.nb_views {
        ", Naive-Bayes-scaled"
    } else {
        ""
    };
    format!(
        ", plus a second model of the {}{nb}",
        views.join(" and of the ")
    )
}

fn model_card(
    name: &str,
    set: &dataset::TrainingSet,
    cfg: &TrainConfig,
    report: &landscape::classify::report::CvReport,
    shifts: Shifts,
) -> String {
    format!(
        "# Model card: {name}\n\n\
         Labels `digital`, `openness`, `pillars` and `sectors` by the schema of `LABELS.md`.\n\n\
         ## How it works\n\n\
         TF-IDF of {} (vocabulary and IDF learned from {} \
         corpus texts, frozen), plus a curated multilingual lexicon of {} concepts written from \
         the definitions in `LABELS.md` and `TAXONOMY.md`; fourteen L2 logistic-regression heads \
         (balanced class weights, C = {}; sector heads C = {}{}), each calibrated by Platt \
         scaling on out-of-fold scores; `openness` by stated rules (open-source products and licences against \
         proprietary products and vendor software).{}{} A head says yes when its score is positive.\n\n\
         ## Training data\n\n{} rows: hand-labelled rows and weak labels (World Bank ICT sector \
         share; weight {}).\n\n```json\n{}\n```\n\n## Quality\n\n{}",
        ngrams_text(&cfg.features),
        set.vocabulary_texts.len(),
        landscape::classify::Lexicon::default_with_scale(1.0)
            .names()
            .len(),
        cfg.c,
        cfg.c_sectors.unwrap_or(cfg.c),
        views_text(cfg),
        prior_text(cfg),
        shift_text(shifts),
        set.rows.len(),
        cfg.weak_weight,
        serde_json::to_string_pretty(&set.inputs).unwrap_or_default(),
        report.to_markdown()
    )
}

/// The model card's words for the n-grams: `words and character 4-grams`,
/// `word 1-2-grams and character 3-5-grams`.
fn ngrams_text(f: &landscape::text::FeatureConfig) -> String {
    let orders = |(lo, hi): (usize, usize)| match lo == hi {
        true => format!("{lo}-grams"),
        false => format!("{lo}-{hi}-grams"),
    };
    let words = match f.word_ngrams {
        (1, 1) => "words".to_string(),
        w => format!("word {}", orders(w)),
    };
    match f.char_ngrams {
        Some(c) => format!("{words} and character {}", orders(c)),
        None => words,
    }
}

/// The model card's words for the threshold shifts (see `classify::shift`).
fn shift_text(s: Shifts) -> String {
    let moved = nonzero(&[("pillar", s.pillars), ("sector", s.sectors)], |g, v| {
        format!("the {g} heads' by {v}")
    });
    if moved.is_empty() {
        return String::new();
    }
    format!(
        " Scores are shifted before that, {}: the shift that maximises micro-F1 on the \
         out-of-fold scores (the figures below shift each fold by the shift chosen on the other \
         folds).",
        moved.join(" and ")
    )
}

fn conflicts_section(conflicts: &[String]) -> String {
    if conflicts.is_empty() {
        return "\n## Label conflicts\n\nNone: no record was labelled differently twice.\n".into();
    }
    let lines: Vec<String> = conflicts.iter().map(|c| format!("- {c}")).collect();
    format!(
        "\n## Label conflicts\n\n{} records were labelled differently in the files given; the \
         later row was kept:\n\n{}\n",
        conflicts.len(),
        lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_names_the_ngram_orders_configured() {
        let mut f = landscape::text::FeatureConfig {
            char_ngrams: Some((4, 4)),
            ..Default::default()
        };
        assert_eq!(ngrams_text(&f), "word 1-2-grams and character 4-grams");
        f.char_ngrams = Some((3, 5));
        assert_eq!(ngrams_text(&f), "word 1-2-grams and character 3-5-grams");
        f.word_ngrams = (1, 1);
        assert_eq!(ngrams_text(&f), "words and character 3-5-grams");
        f.char_ngrams = None;
        assert_eq!(ngrams_text(&f), "words");
    }
}
