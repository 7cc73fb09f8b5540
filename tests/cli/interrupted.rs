//! An ingest killed half-way leaves a catalogue that still opens, searches and takes writes.

use std::process::Stdio;
use std::time::Duration;

use super::{hit_keys, keys_in, root, run_ok, sample_csv, search_json, shared_data, stats_total};

#[test]
fn a_killed_ingest_leaves_a_usable_catalogue() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("cat");
    let sample = keys_in(&sample_csv());
    run_ok(&["ingest", "data/sample_proposals.csv"], &cat);
    assert_eq!(stats_total(&cat), sample.len() as u64);

    // A large real ingest: the World Bank corpus, then the two other large corpora, all of
    // them twice (the second pass re-reads and compares every record), so that it is certainly
    // still running when killed (about 3 s in all on a 2-core machine).
    let corpora = shared_data().join("corpora");
    let big = [
        "worldbank_projects_2025.csv",
        "aiddata_sdg_iati_activities.csv",
        "undp_open_projects_2014.csv",
    ];
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("landscape"))
        .current_dir(root())
        .arg("ingest")
        .args(big.iter().chain(&big).map(|f| corpora.join(f)))
        .args(["--no-classify", "--catalogue"])
        .arg(&cat)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        still_running,
        "the ingest ended ({status}) before it could be killed"
    );
    assert!(!status.success());

    // Searching still works and finds every sample record, classified as before.
    let v = search_json(&cat, None, &["--source", "sample_proposals"]);
    assert_eq!(hit_keys(&v), sample);
    for h in v["hits"].as_array().unwrap() {
        assert!(h["proposal"]["classification"].is_object(), "{h}");
    }
    let v = search_json(&cat, Some("e-government"), &[]);
    assert!(
        hit_keys(&v).contains(&"sample_proposals-SP-001".to_string()),
        "{v}"
    );
    let total = stats_total(&cat);
    assert!(total >= sample.len() as u64, "{total}");

    // The catalogue takes writes again: the dead writer's lock does not block a new ingest.
    let (_, err) = run_ok(&["ingest", "data/sample_proposals.csv"], &cat);
    assert!(
        err.contains(&format!("unchanged {}", sample.len())),
        "{err}"
    );
    assert_eq!(stats_total(&cat), total);
}
