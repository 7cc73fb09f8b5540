//! Tests of the model directory: round trip, atomic replacement and every corruption case.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::codec::{decode_ovr, encode_ovr};
use super::error::ModelError;
use super::manifest::sha256_hex;
use super::store::*;
use super::{FitInfo, LogisticModel, OneVsRest};

fn sample(dir: &Path) -> ModelStore {
    let m = LogisticModel::from_parts(
        vec![0.25, -1.5, 3.0],
        0.5,
        FitInfo {
            iterations: 4,
            converged: true,
        },
    );
    let ovr = OneVsRest::from_parts(vec!["digital".into()], vec![m]).unwrap();
    let files = [
        ("heads.bin", encode_ovr(&ovr)),
        ("vocab.txt", b"data\ndigital\nroad\n".to_vec()),
    ];
    ModelStore::write(
        dir,
        &files,
        json!({"seed": 42, "inputs": [{"file": "gold.csv", "sha256": "ab"}]}),
    )
    .unwrap()
}

/// A temporary directory holding the sample model at `m/`.
fn sample_in_tempdir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    sample(&dir);
    (tmp, dir)
}

fn reason(e: ModelError) -> String {
    e.to_string()
}

#[test]
fn round_trip_keeps_files_manifest_and_model() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("model");
    let written = sample(&dir);
    let opened = ModelStore::open(&dir).unwrap();
    assert_eq!(opened.manifest(), written.manifest());
    let m = opened.manifest();
    assert_eq!(
        (m.format_version, m.schema_version),
        (FORMAT_VERSION, crate::labels::schema::SCHEMA_VERSION)
    );
    assert_eq!(m.extra["seed"], 42);
    assert_eq!(m.files[1].size, 18);
    assert_eq!(m.files[1].sha256, sha256_hex(b"data\ndigital\nroad\n"));
    let ovr = decode_ovr(&opened.read("heads.bin").unwrap()).unwrap();
    assert_eq!(ovr.models()[0].weights(), &[0.25, -1.5, 3.0]);
    assert!(matches!(
        opened.read("nope.bin"),
        Err(ModelError::MissingFile { .. })
    ));
    // Nothing but the model directory is left behind in the parent.
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec!["model"]);
}

#[test]
fn a_file_read_again_is_verified_again() {
    let (_tmp, dir) = sample_in_tempdir();
    let opened = ModelStore::open(&dir).unwrap();
    // The first read hands over what `open` verified; a file changed after that is caught
    // when it is read again, by this store or a clone of it.
    let first = opened.read("vocab.txt").unwrap();
    assert_eq!(first, b"data\ndigital\nroad\n");
    fs::write(dir.join("vocab.txt"), b"data\ndigital\nrail\n").unwrap();
    for store in [&opened, &opened.clone()] {
        let e = store.read("vocab.txt").unwrap_err();
        assert!(reason(e).contains("SHA-256"), "the change is caught");
    }
}

#[test]
fn sha256_matches_a_known_vector() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn replacing_a_model_swaps_it_whole_and_a_failed_write_keeps_the_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("model");
    sample(&dir);
    let err = ModelStore::write(
        &dir,
        &[("ok.bin", b"1".to_vec()), ("../escape", b"2".to_vec())],
        json!(null),
    );
    assert!(reason(err.unwrap_err()).contains("not a valid model file name"));
    assert!(ModelStore::open(&dir).is_ok(), "old model intact");
    ModelStore::write(&dir, &[("only.bin", b"new".to_vec())], json!({"v": 2})).unwrap();
    let opened = ModelStore::open(&dir).unwrap();
    assert_eq!(opened.manifest().files.len(), 1);
    assert!(
        !dir.join("heads.bin").exists(),
        "no stale file from the old model"
    );
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "no temporary left"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn leftovers_of_a_killed_writer_are_cleared_and_a_running_writers_kept() {
    let (root, dir) = sample_in_tempdir();
    // PID 4194304 is above Linux's largest pid_max, so no process has it.
    let dead_tmp = root.path().join(".m.tmp-4194304-abc");
    let dead_old = root.path().join(".m.old-4194304-17");
    let live_tmp = root
        .path()
        .join(format!(".m.tmp-{}-xyz", std::process::id()));
    let other = root.path().join(".n.tmp-4194304-abc");
    for d in [&dead_tmp, &dead_old, &live_tmp, &other] {
        fs::create_dir(d).unwrap();
        fs::write(d.join("heads.bin"), b"partial").unwrap();
    }
    sample(&dir);
    assert!(!dead_tmp.exists() && !dead_old.exists());
    assert!(
        live_tmp.exists(),
        "this process's own directory is not a leftover"
    );
    assert!(
        other.exists(),
        "another model's directories are not touched"
    );
    ModelStore::open(&dir).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_after_a_writer_killed_mid_swap_leaves_one_model_and_nothing_else() {
    let (root, dir) = sample_in_tempdir();
    // Killed between moving the old model aside and moving the new one in.
    fs::rename(&dir, root.path().join(".m.old-4194304-17")).unwrap();
    sample(&dir);
    let names: Vec<_> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec!["m".to_string()]);
    ModelStore::open(&dir).unwrap();
}

#[test]
fn refuses_to_replace_a_directory_that_is_not_a_model() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("thesis.docx"), b"precious").unwrap();
    let err = ModelStore::write(tmp.path(), &[("a.bin", b"1".to_vec())], json!(null)).unwrap_err();
    assert!(reason(err).contains("not a model directory"));
    assert_eq!(
        fs::read(tmp.path().join("thesis.docx")).unwrap(),
        b"precious"
    );
}

#[test]
fn missing_file_is_named() {
    let (_tmp, dir) = sample_in_tempdir();
    fs::remove_file(dir.join("vocab.txt")).unwrap();
    let e = ModelStore::open(&dir).unwrap_err();
    assert!(
        matches!(&e, ModelError::MissingFile { path } if path.ends_with("vocab.txt")),
        "{e}"
    );
    assert!(reason(e).contains("retrain or restore"));
    fs::remove_file(dir.join(MANIFEST)).unwrap();
    assert!(
        matches!(ModelStore::open(&dir), Err(ModelError::MissingFile { path }) if path.ends_with(MANIFEST))
    );
}

#[test]
fn truncated_and_flipped_files_are_corrupt() {
    let (_tmp, dir) = sample_in_tempdir();
    let path = dir.join("heads.bin");
    let good = fs::read(&path).unwrap();
    fs::write(&path, &good[..good.len() - 3]).unwrap();
    let e = reason(ModelStore::open(&dir).unwrap_err());
    assert!(
        e.contains("heads.bin") && e.contains("corrupt") && e.contains("bytes where"),
        "{e}"
    );
    let mut flipped = good.clone();
    flipped[20] ^= 0x01;
    fs::write(&path, &flipped).unwrap();
    let e = reason(ModelStore::open(&dir).unwrap_err());
    assert!(e.contains("heads.bin") && e.contains("SHA-256"), "{e}");
}

fn edit_manifest(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let p = dir.join(MANIFEST);
    let mut v: serde_json::Value = serde_json::from_slice(&fs::read(&p).unwrap()).unwrap();
    f(&mut v);
    fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
}

#[test]
fn newer_versions_and_bad_json_are_reported() {
    let (_tmp, dir) = sample_in_tempdir();
    edit_manifest(&dir, |v| v["format_version"] = json!(FORMAT_VERSION + 1));
    let e = ModelStore::open(&dir).unwrap_err();
    assert!(matches!(
        e,
        ModelError::NewerVersion {
            what: "format_version",
            ..
        }
    ));
    assert!(reason(e).contains("upgrade landscape"));
    sample(&dir);
    edit_manifest(&dir, |v| {
        v["schema_version"] = json!(99);
        v["files"] = json!("a shape this build does not know");
    });
    assert!(matches!(
        ModelStore::open(&dir),
        Err(ModelError::NewerVersion {
            what: "schema_version",
            found: 99,
            ..
        })
    ));
    sample(&dir);
    fs::write(dir.join(MANIFEST), b"{\"format_version\": 1, ").unwrap();
    let e = ModelStore::open(&dir).unwrap_err();
    assert!(matches!(e, ModelError::BadJson { .. }) && reason(e).contains(MANIFEST));
    sample(&dir);
    edit_manifest(&dir, |v| v["files"][0]["name"] = json!("../../etc/passwd"));
    assert!(matches!(
        ModelStore::open(&dir),
        Err(ModelError::Corrupt { .. })
    ));
}
