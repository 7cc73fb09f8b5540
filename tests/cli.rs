//! The `landscape` binary end to end, with the shipped model (`models/default`) and the sample
//! inputs of `data/`: the demo flow, every input format, bad rows, `classify` to files and as a
//! stream, a missing model and an ingest killed half-way. Each test works in its own temporary
//! directory; the binary runs from the repository root, where the default model path is valid.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use landscape::ingest::{self, ReadOptions};

#[path = "cli/classify_cmd.rs"]
mod classify_cmd;
#[path = "cli/eval_cmd.rs"]
mod eval_cmd;
#[path = "cli/ingest_cmd.rs"]
mod ingest_cmd;
#[path = "cli/interrupted.rs"]
mod interrupted;

#[path = "common/mod.rs"]
mod common;
use common::{root, shared_data};

/// The binary, run from the repository root.
fn landscape() -> Command {
    let mut cmd = Command::cargo_bin("landscape").unwrap();
    cmd.current_dir(root());
    cmd
}

/// Runs the binary with `args` and `--catalogue cat`; returns (stdout, stderr) on success,
/// panics with both otherwise.
fn run_ok(args: &[&str], cat: &Path) -> (String, String) {
    let out = landscape()
        .args(args)
        .arg("--catalogue")
        .arg(cat)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(
        out.status.success(),
        "landscape {args:?} failed ({}):\n{stderr}",
        out.status
    );
    (stdout, stderr)
}

/// `landscape search [query] --json` on `cat` (up to 1000 hits) as JSON.
fn search_json(cat: &Path, query: Option<&str>, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["search"];
    args.extend(query);
    args.extend(["--json", "--limit", "1000"]);
    args.extend(extra);
    let (out, _) = run_ok(&args, cat);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

/// The keys of the hits of a search result.
fn hit_keys(v: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = v["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("no hits array: {v}"))
        .iter()
        .map(|h| h["key"].as_str().unwrap().to_string())
        .collect();
    keys.sort();
    keys
}

/// `landscape stats --json` on `cat`: the record total.
fn stats_total(cat: &Path) -> u64 {
    let (out, _) = run_ok(&["stats", "--json"], cat);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("no total: {v}"))
}

/// Keys of the records the library reads from `path` (what ingest should store).
fn keys_in(path: &Path) -> Vec<String> {
    let mut keys: Vec<String> = ingest::open(path, &ReadOptions::default())
        .unwrap()
        .flatten()
        .map(|p| p.key())
        .collect();
    keys.sort();
    keys
}

/// The sample CSV of the demo.
fn sample_csv() -> PathBuf {
    root().join("data/sample_proposals.csv")
}

#[test]
fn demo_flow_ingest_search_stats_and_idempotent_reingest() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("cat");
    let expected = keys_in(&sample_csv());
    assert!(expected.len() > 10);

    let (_, err) = run_ok(&["ingest", "data/sample_proposals.csv"], &cat);
    assert!(
        err.contains(&format!("ingested {}", expected.len())),
        "{err}"
    );
    assert!(cat.join("catalogue.json").is_file());

    let v = search_json(&cat, Some("e-government"), &[]);
    assert!(v["total"].as_u64().unwrap() >= 1, "{v}");
    let keys = hit_keys(&v);
    assert!(
        keys.contains(&"sample_proposals-SP-001".to_string()),
        "{keys:?}"
    );
    for h in v["hits"].as_array().unwrap() {
        let c = &h["proposal"]["classification"];
        assert!(c.is_object(), "ingest classifies by default: {h}");
        assert!(c["labels"]["digital"].is_u64(), "{h}");
    }
    // The e-government portal is labelled digital with the government pillar.
    let sp1 = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["key"] == "sample_proposals-SP-001")
        .unwrap();
    let labels = &sp1["proposal"]["classification"]["labels"];
    assert_ne!(labels["digital"], 0, "{labels}");
    assert!(
        labels["pillars"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("government")),
        "{labels}"
    );

    let (text, _) = run_ok(&["stats"], &cat);
    assert!(
        text.starts_with(&format!("{} records", expected.len())),
        "{text}"
    );
    assert_eq!(stats_total(&cat), expected.len() as u64);
    assert_eq!(hit_keys(&search_json(&cat, None, &[])), expected);

    // Again: nothing new, nothing changed.
    let (_, err) = run_ok(&["ingest", "data/sample_proposals.csv"], &cat);
    assert!(
        err.contains("ingested 0") && err.contains(&format!("unchanged {}", expected.len())),
        "{err}"
    );
    assert_eq!(stats_total(&cat), expected.len() as u64);
    let v = search_json(&cat, None, &[]);
    assert_eq!(v["total"].as_u64().unwrap(), expected.len() as u64);
    assert_eq!(hit_keys(&v), expected);
}

#[test]
fn a_missing_model_is_an_error_naming_the_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("no-such-model");
    let model_s = model.to_str().unwrap();

    let out = landscape()
        .args(["classify", "data/sample_proposals.csv", "--model", model_s])
        .arg("--out")
        .arg(tmp.path().join("out.csv"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains(model_s), "{err}");
    assert!(!tmp.path().join("out.csv").exists());

    let cat = tmp.path().join("cat");
    let out = landscape()
        .args(["ingest", "data/sample_proposals.csv", "--model", model_s])
        .arg("--catalogue")
        .arg(&cat)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains(model_s), "{err}");
    assert!(err.contains("--no-classify"), "{err}");
    assert!(
        !cat.exists(),
        "no catalogue is created when the model fails"
    );

    // A directory that exists but is not a model is refused too, naming it.
    let empty = tmp.path().join("empty-model");
    std::fs::create_dir(&empty).unwrap();
    landscape()
        .args(["classify", "data/sample_proposals.csv", "--model"])
        .arg(&empty)
        .assert()
        .failure()
        .stderr(predicates::str::contains(empty.to_str().unwrap()));
}
