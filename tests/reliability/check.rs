//! `landscape check`: a sound catalogue and model pass; each kind of damage is a named
//! problem and exit code 1; traces of an interrupted process are warnings only.

use std::fs;
use std::path::Path;

use landscape::catalogue::{check_catalogue, check_model, Catalogue};
use landscape::Proposal;

use super::{common, landscape};

/// A catalogue of three records in `dir`.
fn catalogue(dir: &Path) {
    let cat = Catalogue::create_or_open(dir).unwrap();
    let mut w = cat.writer().unwrap();
    for i in 0..3 {
        let p = Proposal {
            id: format!("P{i}"),
            source: "t".into(),
            title: format!("Mobile money {i}"),
            text: format!("Mobile money {i}"),
            ..Default::default()
        };
        w.upsert(&p).unwrap();
    }
    w.commit().unwrap();
}

#[test]
fn a_sound_catalogue_and_model_pass() {
    let tmp = tempfile::tempdir().unwrap();
    catalogue(tmp.path());
    let r = check_catalogue(tmp.path());
    assert!(r.is_sound() && r.warnings.is_empty(), "{r:?}");
    assert_eq!(r.checked, 3);
    let model = common::root().join("models/default");
    let m = check_model(&model);
    assert!(m.is_sound(), "{m:?}");
    assert!(m.checked >= 7, "{m:?}");
    landscape()
        .args(["check", "--catalogue"])
        .arg(tmp.path())
        .arg("--model")
        .arg(&model)
        .assert()
        .success()
        .stdout(predicates::str::contains("sound (3 records checked"));
}

#[test]
fn wrong_counts_of_the_current_commit_are_a_problem_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    catalogue(tmp.path());
    let meta = tmp.path().join("catalogue.json");
    let text = fs::read_to_string(&meta).unwrap();
    fs::write(&meta, text.replace("\"records\": 3", "\"records\": 4")).unwrap();
    let r = check_catalogue(tmp.path());
    assert!(!r.is_sound());
    assert!(r.problems[0].contains("counts 4 records"), "{r:?}");
    landscape()
        .args(["check", "--catalogue"])
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "problem: catalogue.json counts 4",
        ));
}

#[test]
fn counts_of_an_earlier_commit_are_a_warning_and_the_next_writer_refreshes_them() {
    let tmp = tempfile::tempdir().unwrap();
    catalogue(tmp.path());
    let meta = tmp.path().join("catalogue.json");
    let before = fs::read_to_string(&meta).unwrap();
    // As if killed between the index commit and the rewrite of catalogue.json.
    let v: serde_json::Value = serde_json::from_str(&before).unwrap();
    let mut stale = v.clone();
    stale["records"] = 2.into();
    stale["commit"] = (v["commit"].as_u64().unwrap() - 1).into();
    fs::write(&meta, stale.to_string()).unwrap();
    let r = check_catalogue(tmp.path());
    assert!(r.is_sound(), "{r:?}");
    assert!(r.warnings[0].contains("earlier commit"), "{r:?}");
    // A temporary file of a killed rewrite is a warning too.
    fs::write(tmp.path().join(".tmpAbC123"), "{").unwrap();
    assert_eq!(check_catalogue(tmp.path()).warnings.len(), 2);
    let cat = Catalogue::open(tmp.path()).unwrap();
    drop(cat.writer().unwrap());
    let r = check_catalogue(tmp.path());
    assert!(r.is_sound() && r.warnings.is_empty(), "{r:?}");
    assert!(!tmp.path().join(".tmpAbC123").exists());
}

#[test]
fn rejects_lines_are_checked_and_only_a_torn_last_line_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    catalogue(tmp.path());
    let rejects = tmp.path().join("rejects.jsonl");
    let good = r#"{"file":"a.csv","line":2,"byte_offset":10,"reason":"no id","raw":"x"}"#;
    fs::write(&rejects, format!("{good}\n{good}\n{{\"file\":\"a.c")).unwrap();
    let r = check_catalogue(tmp.path());
    assert!(r.is_sound(), "{r:?}");
    assert!(r.warnings[0].contains("rejects.jsonl:3"), "{r:?}");
    fs::write(&rejects, format!("{good}\nnot json\n{good}\n")).unwrap();
    let r = check_catalogue(tmp.path());
    assert!(r.problems[0].contains("rejects.jsonl:2"), "{r:?}");
}

#[test]
fn a_missing_segment_file_and_a_missing_catalogue_are_problems() {
    let tmp = tempfile::tempdir().unwrap();
    catalogue(tmp.path());
    let store = fs::read_dir(tmp.path().join("index"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "store"))
        .unwrap();
    fs::remove_file(store.path()).unwrap();
    let r = check_catalogue(tmp.path());
    assert!(!r.is_sound());
    assert!(r.problems[0].contains(".store"), "{r:?}");
    let r = check_catalogue(&tmp.path().join("nothing-here"));
    assert!(r.problems[0].contains("not a catalogue"), "{r:?}");
}

#[test]
fn a_damaged_model_file_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    for e in fs::read_dir(common::root().join("models/default")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    let lex = dir.join("lexicon.txt");
    let mut bytes = fs::read(&lex).unwrap();
    bytes[100] ^= 0x20;
    fs::write(&lex, bytes).unwrap();
    let r = check_model(&dir);
    assert!(r.problems[0].contains("lexicon.txt"), "{r:?}");
    landscape()
        .args(["check", "--model-only", "--model"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("lexicon.txt"));
}

#[test]
fn a_creation_killed_before_catalogue_json_is_completed_by_the_next_open() {
    let tmp = tempfile::tempdir().unwrap();
    catalogue(tmp.path());
    // Only the empty index was written when the process died.
    let fresh = tmp.path().join("fresh");
    drop(Catalogue::create_or_open(&fresh).unwrap());
    fs::remove_file(fresh.join("catalogue.json")).unwrap();
    let cat = Catalogue::create_or_open(&fresh).unwrap();
    assert!(cat.is_empty());
    assert!(check_catalogue(&fresh).is_sound());
}
