//! The whole loop on real data: train version `a`, ingest with it, `suggest` a sheet, correct
//! it in place, train version `b` from the gold rows plus the sheet plus a conflicting fix,
//! compare the two versions, make `b` the default and reclassify the catalogue with it.

use std::collections::HashMap;
use std::path::Path;

use landscape::catalogue::Catalogue;
use landscape::classify::Classifier;

use super::common::root;
use super::fixture::{landscape_in, run_ok, small_labels, train, write};

/// Sets every label cell of the sheet to a valid correction (digital 2, open, dpi, digital
/// finance), leaving the other columns as `suggest` wrote them.
fn correct_sheet(path: &Path) -> Vec<String> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let header = rdr.headers().unwrap().clone();
    assert_eq!(
        &header.iter().take(5).collect::<Vec<_>>(),
        &["id", "digital", "openness", "pillars", "sectors"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(&header).unwrap();
    for r in &rows {
        let mut cells: Vec<String> = r.iter().map(str::to_string).collect();
        cells[1..5].clone_from_slice(&[
            "2".into(),
            "open".into(),
            "dpi".into(),
            "digital_finance".into(),
        ]);
        cells[5] = "corrected by hand".into();
        w.write_record(&cells).unwrap();
    }
    w.flush().unwrap();
    rows.iter().map(|r| r[0].to_string()).collect()
}

#[test]
fn suggest_correct_train_compare_use_and_reclassify() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    small_labels(dir);
    train(dir, &["labels.csv"], "a");
    let data = |f: &str| root().join("data").join(f).display().to_string();
    run_ok(
        dir,
        &[
            "ingest",
            &data("sample_proposals.csv"),
            &data("sample.jsonl"),
            "--model",
            "models/a",
            "--catalogue",
            "cat",
        ],
    );

    // suggest: eight records of the catalogue, predictions pre-filled, deterministic.
    let args = [
        "suggest",
        "--catalogue",
        "cat",
        "--model",
        "models/a",
        "--n",
        "8",
        "--out",
        "to_label.csv",
    ];
    run_ok(dir, &args);
    let first = std::fs::read(dir.join("to_label.csv")).unwrap();
    run_ok(dir, &args);
    assert_eq!(
        first,
        std::fs::read(dir.join("to_label.csv")).unwrap(),
        "same seed, same sheet"
    );
    assert_eq!(
        landscape::labels::read_gold(&dir.join("to_label.csv"))
            .unwrap()
            .len(),
        8,
        "accepted as written"
    );
    let ids = correct_sheet(&dir.join("to_label.csv"));

    // A later fix that conflicts with one gold row.
    let gold = landscape::labels::read_gold(&dir.join("labels.csv")).unwrap();
    let victim = gold.iter().find(|g| !g.labels.is_digital()).unwrap();
    write(
        dir,
        "fix.csv",
        &format!(
            "id,digital,openness,pillars,sectors\n{},1,unknown,government,\n",
            victim.id
        ),
    );
    let err = train(dir, &["labels.csv", "to_label.csv", "fix.csv"], "b");
    let conflict = format!(
        "conflict: {}: fix.csv row 1 overrides labels.csv row ",
        victim.id
    );
    assert!(
        err.contains(&conflict) && err.contains("digital, openness, pillars"),
        "{err}"
    );
    let card = std::fs::read_to_string(dir.join("models/b/MODEL.md")).unwrap();
    assert!(
        card.contains("## Label conflicts") && card.contains(&victim.id),
        "{card}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("models/b/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(
        manifest["extra"]["label_conflicts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(manifest["extra"]["inputs"][1]["file"], "to_label.csv");

    // No silent overwrite of a version.
    let out = landscape_in(dir)
        .args(["train", "--gold", "labels.csv", "--out", "models/b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));

    compare_versions(dir, &ids);
    use_and_reclassify(dir);
}

/// `models compare` lists exactly the sheet records on which the two versions disagree.
fn compare_versions(dir: &Path, ids: &[String]) {
    let corpus = root()
        .join("data/sample_proposals.csv")
        .display()
        .to_string();
    let (out, _) = run_ok(
        dir,
        &[
            "models",
            "compare",
            "a",
            "b",
            "--gold",
            "to_label.csv",
            "--corpus",
            &corpus,
            "--changed",
            "changed.csv",
        ],
    );
    assert!(
        out.contains("A = a@") && out.contains("B = b@") && out.contains("on 8 labelled records"),
        "{out}"
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("digital ") && l.contains(" digital "))
        .unwrap();
    let f1: Vec<f64> = line
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    assert_eq!(f1.len(), 8, "{line}"); // support, A P R F1, B P R F1, delta
    assert!((f1[7] - (f1[6] - f1[3])).abs() < 1e-3, "{line}");
    let (a, b) = (
        Classifier::load(&dir.join("models/a")).unwrap(),
        Classifier::load(&dir.join("models/b")).unwrap(),
    );
    let texts: HashMap<String, String> = landscape::labels::read_gold(&dir.join("to_label.csv"))
        .unwrap()
        .into_iter()
        .map(|g| (g.id, g.text.unwrap()))
        .collect();
    let cat = Catalogue::open(&dir.join("cat")).unwrap();
    let mut want: Vec<&String> = ids
        .iter()
        .filter(|id| {
            let text = cat
                .get(id)
                .unwrap()
                .map_or_else(|| texts[*id].clone(), |p| p.text);
            a.classify(&text).labels != b.classify(&text).labels
        })
        .collect();
    want.sort();
    let mut got: Vec<String> = csv::Reader::from_path(dir.join("changed.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    got.sort();
    assert_eq!(got.iter().collect::<Vec<_>>(), want);
    assert!(
        !got.is_empty(),
        "b learnt the corrections: some sheet records must change"
    );
    assert!(
        out.contains(&format!("{} records labelled differently", got.len())),
        "{out}"
    );
}

/// `models use b` makes b the default; `reclassify` without `--model` then re-labels every
/// record with b, in place.
fn use_and_reclassify(dir: &Path) {
    let (list, _) = run_ok(dir, &["models", "list"]);
    assert!(
        list.lines().any(|l| l.starts_with("  a ")) && list.lines().any(|l| l.starts_with("  b ")),
        "{list}"
    );
    let out = landscape_in(dir)
        .args(["models", "use", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("models/nope is not a usable model version")
    );
    run_ok(dir, &["models", "use", "b"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("models/DEFAULT")).unwrap(),
        "b\n"
    );
    let (list, _) = run_ok(dir, &["models", "list"]);
    assert!(list.lines().any(|l| l.starts_with("* b ")), "{list}");

    let (a, b) = (
        Classifier::load(&dir.join("models/a")).unwrap(),
        Classifier::load(&dir.join("models/b")).unwrap(),
    );
    let before: Vec<_> = Catalogue::open(&dir.join("cat"))
        .unwrap()
        .iter_all()
        .map(Result::unwrap)
        .collect();
    assert!(before
        .iter()
        .all(|p| p.classification.as_ref().unwrap().model == a.name()));
    let differ = before
        .iter()
        .filter(|p| a.classify(&p.text).labels != b.classify(&p.text).labels)
        .count();
    let (_, err) = run_ok(dir, &["reclassify", "--catalogue", "cat"]);
    assert!(
        err.contains(&format!(
            "reclassified {} records with {}: labels changed on {differ},",
            before.len(),
            b.name()
        )),
        "{err}"
    );
    let cat = Catalogue::open(&dir.join("cat")).unwrap();
    assert_eq!(cat.len(), before.len() as u64);
    for p in cat.iter_all().map(Result::unwrap) {
        let c = p.classification.clone().unwrap();
        assert_eq!(c.model, b.name());
        assert_eq!(c.labels, b.classify(&p.text).labels, "{}", p.key());
    }
}
