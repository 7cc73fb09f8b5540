//! Fuzzes the model loader on a tiny model trained once from `data/schema_examples.csv`.
//! The first input byte picks a file and a mode, the rest is that file's new content:
//! - mode 0: the file is replaced and the manifest rewritten to match (as a forger would),
//!   so every decoder behind the checksum sees arbitrary bytes: loading must not panic, and
//!   a model that loads must classify;
//! - mode 1: the file is replaced and the manifest left alone: loading must fail unless the
//!   bytes are unchanged;
//! - mode 2: the manifest itself is replaced: loading must not panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use landscape::classify::{dataset, train, Classifier, TrainConfig};
use landscape::model::ModelStore;
use libfuzzer_sys::fuzz_target;

/// The tiny model's files (name, bytes), the manifest last.
fn base() -> &'static Vec<(String, Vec<u8>)> {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/schema_examples.csv");
        let set = dataset::assemble(&[examples.into()], &[], 0.0).expect("examples");
        let mut cfg = TrainConfig { folds: 2, ..TrainConfig::default() };
        cfg.features.max_word_features = 500;
        cfg.features.max_char_features = 500;
        let trained = train::train(&set, &cfg, "tiny", &|_| {}).expect("train");
        let dir = tempfile::tempdir().expect("temporary directory");
        let model = dir.path().join("m");
        trained.classifier.save(&model, "tiny", serde_json::json!({})).expect("save");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&model)
            .expect("model dir")
            .map(|e| {
                let e = e.expect("entry");
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).expect("model file"))
            })
            .collect();
        files.sort_by_key(|(n, _)| n == "manifest.json");
        files
    })
}

fn load_and_use(dir: &Path) -> bool {
    match Classifier::load(dir) {
        Ok(c) => {
            let _ = c.classify("A digital health information system with mobile money.");
            true
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            false
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, content)) = data.split_first() else { return };
    let files = base();
    let (manifest, others) = files.split_last().expect("files");
    let tmp = tempfile::tempdir().expect("temporary directory");
    let dir = tmp.path().join("m");
    let pick = usize::from(sel >> 2) % others.len();
    match sel % 3 {
        0 => {
            let mut fs: Vec<(&str, &[u8])> =
                others.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
            fs[pick].1 = content;
            if ModelStore::write(&dir, &fs, serde_json::json!({})).is_ok() {
                load_and_use(&dir);
            }
        }
        1 => {
            std::fs::create_dir(&dir).expect("dir");
            for (i, (n, b)) in files.iter().enumerate() {
                let bytes = if i == pick { content } else { b.as_slice() };
                std::fs::write(dir.join(n), bytes).expect("write");
            }
            let same = others[pick].1 == content;
            assert_eq!(load_and_use(&dir), same, "a changed {} was not refused", others[pick].0);
        }
        _ => {
            std::fs::create_dir(&dir).expect("dir");
            for (n, b) in others {
                std::fs::write(dir.join(n), b).expect("write");
            }
            std::fs::write(dir.join(&manifest.0), content).expect("write");
            load_and_use(&dir);
        }
    }
});
