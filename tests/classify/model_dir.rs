//! A damaged model directory is refused with an error that names the damaged file.

use std::path::{Path, PathBuf};

use landscape::classify::Classifier;

use super::default_model_dir;

/// A fresh copy of the shipped model in a temporary directory.
fn copy_model() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join("model");
    std::fs::create_dir(&dst).unwrap();
    for e in std::fs::read_dir(default_model_dir()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    // The unmodified copy loads: any failure below comes from the damage done.
    Classifier::load(&dst).unwrap_or_else(|e| panic!("the intact copy does not load: {e}"));
    (tmp, dst)
}

/// The error of loading `dir`, which must fail.
fn load_error(dir: &Path) -> String {
    match Classifier::load(dir) {
        Ok(_) => panic!("{} loaded although damaged", dir.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_missing_heads_file_is_named() {
    let (_tmp, dir) = copy_model();
    std::fs::remove_file(dir.join("heads.bin")).unwrap();
    let err = load_error(&dir);
    assert!(err.contains("heads.bin"), "{err}");
    assert!(err.contains("missing"), "{err}");
}

#[test]
fn a_truncated_feature_file_is_named() {
    let (_tmp, dir) = copy_model();
    let path = dir.join("features.bin");
    let len = std::fs::metadata(&path).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let err = load_error(&dir);
    assert!(err.contains("features.bin"), "{err}");
}

#[test]
fn a_flipped_byte_in_the_heads_is_named() {
    let (_tmp, dir) = copy_model();
    let path = dir.join("heads.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    let err = load_error(&dir);
    assert!(err.contains("heads.bin"), "{err}");
    assert!(err.contains("corrupt"), "{err}");
}

#[test]
fn a_newer_format_version_is_refused() {
    let (_tmp, dir) = copy_model();
    let path = dir.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(manifest["format_version"].is_u64(), "{manifest}");
    manifest["format_version"] = serde_json::json!(999);
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
    let err = load_error(&dir);
    assert!(
        err.contains("newer") && err.contains("999"),
        "the error should say the model is newer: {err}"
    );
    assert!(err.contains("manifest.json"), "{err}");
}
