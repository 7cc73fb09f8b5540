//! Training is deterministic: the same data and configuration give the same model directory,
//! byte for byte, whatever the number of threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use landscape::classify::heads::RowLabel;
use landscape::classify::train::train;
use landscape::classify::{dataset, Classifier, TrainConfig};
use landscape::text::FeatureConfig;

use super::shared_data;

/// Gold rows kept for training (every fourth World Bank row of `labels/gold.csv`).
const GOLD_ROWS: usize = 150;

/// Writes a gold file of `GOLD_ROWS` real World Bank rows into `dir`; returns its path and the
/// ids written.
fn small_gold(dir: &Path) -> (PathBuf, Vec<String>) {
    let src = shared_data().join("labels/gold.csv");
    let mut rdr = csv::Reader::from_path(&src).unwrap();
    let header = rdr.headers().unwrap().clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no `{name}` column", src.display()))
    };
    let cols = ["id", "digital", "openness", "pillars", "sectors"].map(col);
    let wb: Vec<csv::StringRecord> = rdr
        .records()
        .map(Result::unwrap)
        .filter(|r| r[cols[0]].starts_with("wb-"))
        .collect();
    assert!(wb.len() >= GOLD_ROWS, "{} wb rows in gold.csv", wb.len());
    let step = wb.len() / GOLD_ROWS;
    let path = dir.join("gold_wb.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(["id", "digital", "openness", "pillars", "sectors"])
        .unwrap();
    let mut ids = Vec::new();
    for r in wb.iter().step_by(step).take(GOLD_ROWS) {
        w.write_record(cols.map(|c| &r[c])).unwrap();
        ids.push(r[cols[0]].to_string());
    }
    w.flush().unwrap();
    (path, ids)
}

fn config() -> TrainConfig {
    TrainConfig {
        folds: 3,
        features: FeatureConfig {
            max_word_features: 5000,
            max_char_features: 5000,
            ..FeatureConfig::default()
        },
        ..TrainConfig::default()
    }
}

/// Every file of a directory with its bytes, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            assert!(e.file_type().unwrap().is_file(), "{:?}", e.path());
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Assembles, trains and saves one model into `out`.
fn train_into(gold: &Path, corpus: &Path, out: &Path) {
    let cfg = config();
    let set = dataset::assemble(&[gold.to_path_buf()], &[corpus.to_path_buf()], 0.0).unwrap();
    let trained = train(&set, &cfg, "determinism@test", &|_| {}).unwrap();
    let card = format!("# determinism\n\n{}", trained.report.to_markdown());
    let extra = serde_json::json!({
        "inputs": set.inputs,
        "config": cfg,
        "cross_validation": trained.report,
    });
    trained.classifier.save(out, &card, extra).unwrap();
}

#[test]
fn training_twice_gives_identical_model_directories() {
    let tmp = tempfile::tempdir().unwrap();
    let (gold, ids) = small_gold(tmp.path());
    let corpus = shared_data().join("corpora/worldbank_projects_2025.csv");

    // The assembled set holds exactly the gold rows written, all of them gold-labelled.
    let set = dataset::assemble(
        std::slice::from_ref(&gold),
        std::slice::from_ref(&corpus),
        0.0,
    )
    .unwrap();
    assert_eq!(set.rows.len(), ids.len());
    assert!(set.rows.iter().all(|r| matches!(r, RowLabel::Gold(_))));
    let mut keys = set.keys.clone();
    keys.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(keys, want);
    let digital = set
        .rows
        .iter()
        .filter(|r| matches!(r, RowLabel::Gold(l) if l.is_digital()))
        .count();
    assert!(
        digital >= 10 && ids.len() - digital >= 10,
        "{digital} digital rows of {}: both classes needed",
        ids.len()
    );
    assert!(set.vocabulary_texts.len() > 10 * ids.len());
    drop(set);

    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    train_into(&gold, &corpus, &a);
    // The second run on a single thread: the result must not depend on the thread count.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| train_into(&gold, &corpus, &b));
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.contains_key("manifest.json") && fa.contains_key("heads.bin"));
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "different file lists"
    );
    for (name, bytes) in &fa {
        let other = &fb[name];
        let first_diff = bytes.iter().zip(other).position(|(x, y)| x != y);
        assert!(
            bytes == other,
            "{name} differs: {} vs {} bytes, first difference at {first_diff:?}",
            bytes.len(),
            other.len()
        );
    }

    // The written model loads and labels consistently.
    let m = Classifier::load(&a).unwrap();
    assert_eq!(m.name(), "determinism@test");
    let c = m.classify("Digital identity and e-government online services platform");
    c.labels.check().unwrap();
    assert_eq!(
        c,
        Classifier::load(&b)
            .unwrap()
            .classify("Digital identity and e-government online services platform")
    );
}
