//! Tests of saving and loading, including damaged files.

use super::*;

const DOCS: &[&str] = &[
    "Mobile money for rural women",
    "Mobile money agents and digital payments",
    "Gouvernement électronique et services numériques",
    "Services numériques pour le gouvernement",
    "Förderung der Digitalisierung im ländlichen Raum",
    "Digitalisierung der Verwaltung im ländlichen Raum",
];

fn saved() -> (tempfile::TempDir, Featurizer) {
    let dir = tempfile::tempdir().unwrap();
    let f = Featurizer::fit(DOCS, &FeatureConfig::default()).unwrap();
    f.save(dir.path()).unwrap();
    (dir, f)
}

fn load_err(dir: &Path) -> String {
    Featurizer::load(dir).unwrap_err().to_string()
}

#[test]
fn round_trip_gives_identical_vectors_and_names() {
    let (dir, f) = saved();
    let g = Featurizer::load(dir.path()).unwrap();
    assert_eq!(
        (g.dim(), g.n_docs(), g.config()),
        (f.dim(), f.n_docs(), f.config())
    );
    for d in DOCS.iter().chain(&["unseen text, Dígitos 2024"]) {
        assert_eq!(f.transform(d), g.transform(d));
    }
    for i in 0..f.dim() as u32 {
        assert_eq!(f.feature_name(i), g.feature_name(i));
    }
}

#[test]
fn saving_twice_gives_identical_bytes() {
    let (a, _) = saved();
    let (b, _) = saved();
    for name in [FEATURES_JSON, FEATURES_BIN, TOKENIZER_JSON] {
        let (x, y) = (
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap(),
        );
        assert!(!x.is_empty());
        assert_eq!(x, y, "{name} differs");
    }
}

#[test]
fn saved_tokenizer_splits_like_the_featurizer() {
    let (dir, f) = saved();
    let t = tokenizers::Tokenizer::from_file(dir.path().join(TOKENIZER_JSON)).unwrap();
    let enc = t
        .encode("Mobile-Money: Gouvernement ÉLECTRONIQUE!", false)
        .unwrap();
    assert_eq!(
        enc.get_tokens(),
        ["mobile", "money", "gouvernement", UNK_TOKEN]
    );
    let id = enc.get_ids()[0] as usize;
    assert_eq!(f.word_vocabulary()[id], "mobile");
}

#[test]
fn missing_files_are_named() {
    for name in [FEATURES_JSON, FEATURES_BIN, TOKENIZER_JSON] {
        let (dir, _) = saved();
        fs::remove_file(dir.path().join(name)).unwrap();
        let e = load_err(dir.path());
        assert!(e.contains(name), "{e}");
    }
}

#[test]
fn truncated_or_flipped_vocabulary_is_detected() {
    let (dir, _) = saved();
    let path = dir.path().join(FEATURES_BIN);
    let bytes = fs::read(&path).unwrap();
    for cut in [0, 5, 12, bytes.len() / 2, bytes.len() - 1] {
        fs::write(&path, &bytes[..cut]).unwrap();
        let e = load_err(dir.path());
        assert!(e.contains(FEATURES_BIN), "{e}");
        assert!(
            e.contains("magic") || e.contains("truncated") || e.contains("checksum"),
            "{cut}: {e}"
        );
    }
    let mut flipped = bytes.clone();
    flipped[40] ^= 0x01;
    fs::write(&path, &flipped).unwrap();
    assert!(load_err(dir.path()).contains("checksum"));
    let mut magic = bytes.clone();
    magic[0] = b'X';
    fs::write(&path, &magic).unwrap();
    assert!(load_err(dir.path()).contains("bad magic"));
    let mut version = bytes;
    version[8] = 9;
    fs::write(&path, &version).unwrap();
    assert!(load_err(dir.path()).contains("unsupported version 9"));
}

#[test]
fn bad_json_and_mismatched_files_are_detected() {
    let (dir, _) = saved();
    let json = dir.path().join(FEATURES_JSON);
    let text = fs::read_to_string(&json).unwrap();
    fs::write(&json, &text[..text.len() / 2]).unwrap();
    assert!(load_err(dir.path()).contains(FEATURES_JSON));
    fs::write(&json, text.replace("\"version\": 1", "\"version\": 2")).unwrap();
    assert!(load_err(dir.path()).contains("unsupported version 2"));
    // A vocabulary file from another model.
    fs::write(&json, &text).unwrap();
    let other = tempfile::tempdir().unwrap();
    Featurizer::fit(&DOCS[..4], &FeatureConfig::default())
        .unwrap()
        .save(other.path())
        .unwrap();
    fs::copy(
        other.path().join(FEATURES_BIN),
        dir.path().join(FEATURES_BIN),
    )
    .unwrap();
    assert!(load_err(dir.path()).contains("does not match"));
    // A tokenizer from another model.
    let (dir, _) = saved();
    fs::copy(
        other.path().join(TOKENIZER_JSON),
        dir.path().join(TOKENIZER_JSON),
    )
    .unwrap();
    let e = load_err(dir.path());
    assert!(
        e.contains(TOKENIZER_JSON) && e.contains("vocabulary"),
        "{e}"
    );
}

#[test]
fn saving_replaces_previous_files_atomically() {
    let (dir, _) = saved();
    let g = Featurizer::fit(&DOCS[..4], &FeatureConfig::default()).unwrap();
    g.save(dir.path()).unwrap();
    assert_eq!(Featurizer::load(dir.path()).unwrap().dim(), g.dim());
    let leftovers = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 3, "no temporary files are left behind");
}

#[test]
fn a_featurizer_saved_before_glosses_existed_still_loads() {
    let (dir, f) = saved();
    let path = dir.path().join(FEATURES_JSON);
    let mut meta: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let config = meta["config"].as_object_mut().unwrap();
    assert!(config.remove("gloss").is_some() && config.remove("gloss_repeat").is_some());
    fs::write(&path, serde_json::to_vec_pretty(&meta).unwrap()).unwrap();
    let g = Featurizer::load(dir.path()).unwrap();
    assert!(g.config().gloss.is_empty());
    assert_eq!(g.transform(DOCS[0]), f.transform(DOCS[0]));
}
