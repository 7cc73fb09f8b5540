//! `landscape gaps` and `landscape advise --id` on a catalogue of the `data/` samples
//! (classified by `models/default`) and the first rows of the shared DPG registry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use landscape::catalogue::Catalogue;

use super::common::{root, shared_data};

/// Registry rows in the slice.
const SLICE: usize = 120;

struct Fixture {
    _dir: tempfile::TempDir,
    catalogue: PathBuf,
    registry: PathBuf,
}

fn landscape() -> Command {
    let mut cmd = Command::cargo_bin("landscape").unwrap();
    cmd.current_dir(root());
    cmd
}

/// The catalogue and the registry slice, built once for every test of this file.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = dir.path().join("cat");
        let samples = [
            "data/sample_proposals.csv",
            "data/sample.jsonl",
            "data/sample_iati.xml",
            "data/sample_undp_project.json",
        ];
        landscape()
            .arg("ingest")
            .args(samples)
            .arg("--catalogue")
            .arg(&catalogue)
            .assert()
            .success();
        let registry = dir.path().join("registry.csv");
        slice_registry(
            &shared_data().join("corpora/dpg_registry_candidates.csv"),
            &registry,
        );
        Fixture {
            _dir: dir,
            catalogue,
            registry,
        }
    })
}

fn slice_registry(from: &Path, to: &Path) {
    let mut r = csv::Reader::from_path(from).unwrap();
    let mut w = csv::Writer::from_path(to).unwrap();
    w.write_record(r.headers().unwrap()).unwrap();
    for rec in r.records().take(SLICE) {
        w.write_record(&rec.unwrap()).unwrap();
    }
    w.flush().unwrap();
}

fn run(args: &[&str]) -> String {
    let f = fixture();
    let out = landscape()
        .args(args)
        .arg("--catalogue")
        .arg(&f.catalogue)
        .arg("--registry")
        .arg(&f.registry)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "landscape {args:?} failed:\n{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head = r.headers().unwrap().clone();
    r.records()
        .map(|x| {
            head.iter()
                .map(String::from)
                .zip(x.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn gaps_writes_tables_map_and_heat_map_with_consistent_counts() {
    let out_dir = tempfile::tempdir().unwrap();
    let stdout = run(&[
        "gaps",
        "--out-dir",
        out_dir.path().to_str().unwrap(),
        "--min-demand",
        "2",
    ]);
    assert!(
        stdout.contains("wrote gaps.md, gaps.csv, dpg_map.csv, gaps.svg"),
        "{stdout}"
    );
    let cells = read_csv(&out_dir.path().join("gaps.csv"));
    assert_eq!(cells.len(), 6 * 7);
    let cat = Catalogue::open(&fixture().catalogue).unwrap();
    let records: Vec<_> = cat.iter_all().map(Result::unwrap).collect();
    let labels: Vec<_> = records
        .iter()
        .filter_map(|p| p.classification.as_ref())
        .filter(|c| c.labels.is_digital())
        .map(|c| &c.labels)
        .collect();
    assert!(!labels.is_empty(), "the samples have digital records");
    let map = read_csv(&out_dir.path().join("dpg_map.csv"));
    assert_eq!(map.len(), SLICE);
    let has = |list: &str, v: &str| {
        if v == "none" {
            list.is_empty()
        } else {
            list.split(';').any(|x| x == v)
        }
    };
    for c in &cells {
        let (p, s) = (c["pillar"].as_str(), c["sector"].as_str());
        let demand = labels
            .iter()
            .filter(|l| l.pillars.iter().any(|x| x.as_str() == p))
            .filter(|l| {
                if s == "none" {
                    l.sectors.is_empty()
                } else {
                    l.sectors.iter().any(|x| x.as_str() == s)
                }
            })
            .count();
        assert_eq!(c["digital_projects"], demand.to_string(), "{p} x {s}");
        let supply = map
            .iter()
            .filter(|d| {
                d["stage"] == "DPG"
                    && d["excluded"] == "0"
                    && has(&d["pillars"], p)
                    && has(&d["sectors"], s)
            })
            .count();
        assert_eq!(c["dpgs"], supply.to_string(), "{p} x {s}");
        let n: f64 = c["digital_projects"].parse().unwrap();
        let gap = n >= 2.0 && supply as f64 * 100.0 / n < 10.0;
        assert_eq!(c["gap"], if gap { "1" } else { "0" }, "{p} x {s}");
    }
    assert!(
        map.iter().all(|d| !d["pillars"].is_empty()),
        "every DPG has a pillar"
    );
    let svg = std::fs::read_to_string(out_dir.path().join("gaps.svg")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&svg);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("gaps.svg is not well-formed: {e}"),
        }
    }
    assert!(svg.contains("government") && svg.contains("digital_finance"));
    let md = std::fs::read_to_string(out_dir.path().join("gaps.md")).unwrap();
    assert!(
        md.contains("| pillar | healthcare |")
            && md.contains("A **gap** is a cell with at least 2 projects")
    );
}

#[test]
fn advise_for_a_catalogued_proposal_prefills_and_lists_dpgs() {
    let tmp = tempfile::tempdir().unwrap();
    let answers = tmp.path().join("answers.toml");
    std::fs::write(&answers, "need = \"yes\"\nreuse = \"yes\"\n").unwrap();
    let out = run(&[
        "advise",
        "--id",
        "sample_proposals-SP-001",
        "--answers",
        answers.to_str().unwrap(),
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["proposal"]["key"], "sample_proposals-SP-001");
    assert_eq!(v["outcome"], "reuse_dpg");
    assert_eq!(v["path"][0]["question"], "digital");
    assert_eq!(v["path"][0]["origin"]["kind"], "classifier");
    let dpgs = v["dpgs"].as_array().unwrap();
    assert!(!dpgs.is_empty(), "no DPG matched: {out}");
    for d in dpgs {
        assert!(
            d["pillars"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p == "government"),
            "{d}"
        );
        assert!(d["stage"] == "DPG" || d["stage"] == "nominee");
    }
    let md = run(&[
        "advise",
        "--id",
        "sample_proposals-SP-001",
        "--answers",
        answers.to_str().unwrap(),
    ]);
    assert!(
        md.contains("pre-filled from the classifier: digital = 2"),
        "{md}"
    );
    assert!(md.contains("## Relevant digital public goods"), "{md}");
}

#[test]
fn an_unknown_id_or_option_fails_clearly() {
    let f = fixture();
    let out = landscape()
        .args(["advise", "--id", "no-such-record", "--catalogue"])
        .arg(&f.catalogue)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no record `no-such-record`"));
    let out = landscape()
        .args(["gaps", "--by", "continent", "--catalogue"])
        .arg(&f.catalogue)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("region or country"));
}

#[test]
fn interactive_advice_keeps_a_prefilled_answer_on_enter_and_shows_the_dpgs() {
    let f = fixture();
    let out = landscape()
        .args([
            "advise",
            "--json",
            "--id",
            "sample_proposals-SP-001",
            "--catalogue",
        ])
        .arg(&f.catalogue)
        .arg("--registry")
        .arg(&f.registry)
        .write_stdin("\n1\n1\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("pre-filled from the classifier: yes"),
        "{stderr}"
    );
    assert!(
        stderr.contains("DPGs of the registry for this proposal: "),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["outcome"], "reuse_dpg");
    assert_eq!(v["path"][0]["origin"]["kind"], "classifier");
    assert_eq!(v["path"][1]["origin"]["kind"], "interactive");
}
