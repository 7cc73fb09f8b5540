//! Shared set-up: files, the binary in a working directory, a small real labelled file with
//! its text, and a quick training run.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use landscape::ingest::{self, ReadOptions};

use super::common::{root, shared_data};

/// Writes `body` to `dir/name`.
pub fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

/// The binary, run from `dir` (so `models/` means `dir/models`).
pub fn landscape_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("landscape").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// Runs the binary in `dir`; returns (stdout, stderr), panicking with both on failure.
pub fn run_ok(dir: &Path, args: &[&str]) -> (String, String) {
    let out = landscape_in(dir).args(args).output().unwrap();
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    );
    assert!(out.status.success(), "landscape {args:?} failed\n{o}\n{e}");
    (o, e)
}

/// `labels.csv` in `dir`: 160 real World Bank rows of the gold file with their text (so that
/// training needs no large corpus).
pub fn small_labels(dir: &Path) -> PathBuf {
    let corpus = shared_data().join("corpora/worldbank_projects_2025.csv");
    let text: std::collections::HashMap<String, String> =
        ingest::open(&corpus, &ReadOptions::default())
            .unwrap()
            .flatten()
            .map(|p| (p.key(), p.text))
            .collect();
    let gold = landscape::labels::read_gold(&shared_data().join("labels/gold.csv")).unwrap();
    let wb: Vec<_> = gold.iter().filter(|g| text.contains_key(&g.id)).collect();
    let path = dir.join("labels.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(["id", "digital", "openness", "pillars", "sectors", "text"])
        .unwrap();
    for g in wb.iter().step_by(wb.len() / 160).take(160) {
        let l = &g.labels;
        let row = [
            g.id.clone(),
            l.digital.to_string(),
            l.openness.to_string(),
            landscape::labels::Labels::join(&l.pillars),
            landscape::labels::Labels::join(&l.sectors),
            text[&g.id].clone(),
        ];
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
    path
}

/// The sample proposals of `data/` that serve as the corpus of the quick trainings.
pub fn sample_corpus() -> PathBuf {
    root().join("data/sample_proposals.csv")
}

/// Trains `models/NAME` in `dir` from `labels` (relative to `dir`) with small features;
/// returns stderr.
pub fn train(dir: &Path, labels: &[&str], name: &str) -> String {
    train_with(dir, labels, name, &[])
}

/// [`train`] with `extra` arguments.
pub fn train_with(dir: &Path, labels: &[&str], name: &str, extra: &[&str]) -> String {
    let cfg = write(
        dir,
        "small.json",
        r#"{"folds": 3, "features": {"max_word_features": 4000, "max_char_features": 4000}}"#,
    );
    let mut args = vec!["train".to_string(), "--gold".into()];
    args.extend(labels.iter().map(|s| s.to_string()));
    for a in [
        "--examples",
        &root()
            .join("data/schema_examples.csv")
            .display()
            .to_string(),
        "--corpus",
        &sample_corpus().display().to_string(),
        "--config",
        &cfg.display().to_string(),
        "--out",
        &format!("models/{name}"),
    ] {
        args.push(a.to_string());
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run_ok(dir, &refs).1
}
