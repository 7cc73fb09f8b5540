//! The `search`, `show`, `stats` and `export` commands run against a small catalogue.

use assert_cmd::Command;
use predicates::prelude::*;

use super::{build, data};

fn landscape(dir: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("landscape").unwrap();
    cmd.args(args).arg("--catalogue").arg(dir);
    cmd
}

#[test]
fn search_prints_a_table_or_json() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path(), &data());
    let out = landscape(
        dir.path(),
        &[
            "search",
            "mobile",
            "--country",
            "ken,uga",
            "--digital",
            "1,2",
        ],
    )
    .assert()
    .success()
    .get_output()
    .stdout
    .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("2 results, showing 1-2\nKEY"), "{out}");
    assert!(
        out.contains("wb-P1") && out.contains("wb-P4") && !out.contains('\x1b'),
        "{out}"
    );
    let json = landscape(
        dir.path(),
        &["search", "--pillar", "government", "--json", "--facets"],
    )
    .assert()
    .success()
    .get_output()
    .stdout
    .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["total"], 4);
    assert_eq!(v["hits"].as_array().unwrap().len(), 4);
    assert_eq!(
        v["facets"]["pillar"][0],
        serde_json::json!(["government", 4])
    );
}

#[test]
fn bad_input_is_a_clear_error_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path(), &data());
    landscape(dir.path(), &["search", "nosuchfield:x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid query"));
    landscape(dir.path(), &["search", "--year", "2020..2010"])
        .assert()
        .failure();
    landscape(dir.path(), &["search", "--pillar", "banana"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("banana"));
    landscape(dir.path(), &["show", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no record"));
    landscape(&dir.path().join("missing"), &["stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("catalogue.json"));
}

#[test]
fn show_stats_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("cat");
    build(&cat, &data());
    landscape(&cat, &["show", "P3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("wb-P3").and(predicate::str::contains("government, dpi")));
    let json = landscape(&cat, &["show", "wb-P3", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let p: landscape::Proposal = serde_json::from_slice(&json).unwrap();
    assert_eq!(p, data()[2]);
    let stats = landscape(&cat, &["stats", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&stats).unwrap();
    assert_eq!(v["total"], 12);
    landscape(&cat, &["stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("digital share by year"));
    let out = dir.path().join("x.csv");
    landscape(
        &cat,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
            "--source",
            "wb",
        ],
    )
    .assert()
    .success()
    .stderr(predicate::str::contains("exported 5 records"));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 6);
}
