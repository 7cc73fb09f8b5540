//! Property round trips. Records read from a generated CSV are stored in a catalogue,
//! exported to CSV and to JSON Lines, and read back: every field the format carries comes
//! back equal. A trained model saved and loaded gives the same predictions.
//!
//! Fields a format does not carry: the CSV export has no `text`, dates or `extra` columns (the
//! reader rebuilds `text` from title and description, and files unknown export columns such
//! as `key` or `digital` under `extra`); a text cell starting with `=`, `+`, `-`, `@`, tab or
//! CR comes back with the leading `'` the export adds against formula injection.

use std::sync::OnceLock;

use landscape::catalogue::{Catalogue, ExportFormat, SearchQuery};
use landscape::classify::{dataset, train, Classifier, TrainConfig};
use landscape::ingest::ReadOptions;
use landscape::Proposal;
use proptest::prelude::*;

use super::{common, read_all, write_temp};

/// A free-text cell: letters, accents, CJK, punctuation, quotes, commas, newlines, and
/// sometimes a leading formula character.
fn cell() -> impl Strategy<Value = String> {
    "[=+@-]?[a-zA-Z0-9éàüñ中 ,;\"'.()\n\t-]{0,40}"
}

/// Rows: unique ids, free text, a country among several spellings, optional year and budget.
fn rows() -> impl Strategy<Value = Vec<[String; 6]>> {
    let row = (
        "[A-Za-z0-9]{1,8}",
        cell(),
        cell(),
        prop::sample::select(vec!["Kenya", "SEN", "", "Côte d'Ivoire", "Narnia"]),
        prop::option::of(1960i32..2030),
        prop::option::of(0u32..5_000_000),
    );
    prop::collection::vec(row, 1..8).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (id, t, d, c, y, b))| {
                let opt = |x: Option<String>| x.unwrap_or_default();
                [
                    format!("{id}-{i}"),
                    t,
                    d,
                    c.to_string(),
                    opt(y.map(|y| y.to_string())),
                    opt(b.map(|b| b.to_string())),
                ]
            })
            .collect()
    })
}

fn write_csv(rows: &[[String; 6]]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "title", "description", "country", "year", "budget"])
        .unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn source(name: &str) -> ReadOptions {
    ReadOptions {
        source: Some(name.into()),
        ..ReadOptions::default()
    }
}

/// The fields both export formats carry.
fn carried(p: &Proposal) -> impl PartialEq + std::fmt::Debug {
    (
        (p.key(), p.title.clone(), p.description.clone()),
        (p.country_code.clone(), p.region.clone(), p.year, p.budget),
    )
}

/// As the CSV export writes a text cell.
fn defanged(s: &str) -> String {
    match s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{s}"),
        false => s.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn catalogue_export_ingest_gives_the_same_records(rows in rows()) {
        let (dir, input) = write_temp("in.csv", &write_csv(&rows));
        let (stored, rejects) = read_all(&input, &source("rt")).unwrap();
        prop_assume!(rejects.is_empty());
        let cat = Catalogue::create_or_open(&dir.path().join("cat")).unwrap();
        let mut w = cat.writer().unwrap();
        for p in &stored {
            w.upsert(p).unwrap();
        }
        w.commit().unwrap();
        drop(w);
        let mut stored = stored;
        stored.sort_by_key(Proposal::key);

        let jsonl = dir.path().join("out.jsonl");
        cat.export(&SearchQuery::default(), ExportFormat::Jsonl, &jsonl).unwrap();
        let (mut back, rejects) = read_all(&jsonl, &source("rt")).unwrap();
        prop_assert!(rejects.is_empty(), "{:?}", rejects);
        back.sort_by_key(Proposal::key);
        prop_assert_eq!(back.len(), stored.len());
        for (a, b) in stored.iter().zip(&back) {
            prop_assert_eq!(carried(a), carried(b));
            prop_assert_eq!(&a.text, &b.text);
        }

        let csv = dir.path().join("out.csv");
        cat.export(&SearchQuery::default(), ExportFormat::Csv, &csv).unwrap();
        let (mut back, rejects) = read_all(&csv, &source("rt")).unwrap();
        prop_assert!(rejects.is_empty(), "{:?}", rejects);
        back.sort_by_key(Proposal::key);
        prop_assert_eq!(back.len(), stored.len());
        for (a, b) in stored.iter().zip(&back) {
            let mut a = a.clone();
            a.title = defanged(&a.title);
            a.description = defanged(&a.description);
            prop_assert_eq!(carried(&a), carried(b));
        }
    }
}

/// A tiny model trained once on the schema examples, and the same model saved and loaded.
fn models() -> &'static (Classifier, Classifier) {
    static M: OnceLock<(Classifier, Classifier)> = OnceLock::new();
    M.get_or_init(|| {
        // Labelled rows with their own text are gold rows: cross-validated, then trained on.
        let examples = common::root().join("data/schema_examples.csv");
        let set = dataset::assemble(&[examples], &[], 0.0).unwrap();
        let mut cfg = TrainConfig {
            folds: 2,
            ..TrainConfig::default()
        };
        cfg.features.max_word_features = 2000;
        cfg.features.max_char_features = 2000;
        let trained = train::train(&set, &cfg, "tiny", &|_| {}).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiny");
        trained
            .classifier
            .save(&path, "card", serde_json::json!({}))
            .unwrap();
        let loaded = Classifier::load(&path).unwrap();
        (trained.classifier, loaded)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn a_saved_and_loaded_model_predicts_the_same(text in "[a-zA-Z éèàñ.,-]{0,200}") {
        let (trained, loaded) = models();
        prop_assert_eq!(trained.classify(&text), loaded.classify(&text));
    }
}

#[test]
fn the_round_trip_model_classifies_an_obvious_case() {
    // Guards the property above against a model that predicts nothing.
    let (trained, _) = models();
    let c = trained.classify("E-government portal: online public services for citizens.");
    assert!(c.labels.digital > 0, "{c:?}");
}
