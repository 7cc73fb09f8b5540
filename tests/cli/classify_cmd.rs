//! `landscape classify`: files to CSV and JSON Lines, and JSON Lines from stdin.

use std::collections::BTreeMap;

use landscape::labels::{Labels, Openness, Pillar, Sector};

use super::{keys_in, landscape, sample_csv};

/// The label columns of `LABELS.md`, first in every output.
const LABEL_COLUMNS: [&str; 5] = ["id", "digital", "openness", "pillars", "sectors"];

/// Parses and checks the five label fields as the schema spells them.
fn labels(digital: &str, openness: &str, pillars: &str, sectors: &str) -> Labels {
    let l = Labels {
        digital: Labels::parse_digital(digital).unwrap(),
        openness: openness.parse::<Openness>().unwrap(),
        pillars: Labels::parse_list::<Pillar>(pillars).unwrap(),
        sectors: Labels::parse_list::<Sector>(sectors).unwrap(),
    };
    l.check().unwrap_or_else(|e| panic!("{e}: {l:?}"));
    l
}

#[test]
fn classify_writes_csv_and_json_lines_with_the_same_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let (csv_out, jsonl_out) = (tmp.path().join("out.csv"), tmp.path().join("out.jsonl"));
    let n = keys_in(&sample_csv()).len();
    for out in [&csv_out, &jsonl_out] {
        landscape()
            .args(["classify", "data/sample_proposals.csv", "--out"])
            .arg(out)
            .assert()
            .success()
            .stderr(predicates::str::contains(format!("classified {n} records")));
    }
    // Written by rename: nothing else is left in the directory.
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["out.csv", "out.jsonl"]);

    let text = std::fs::read_to_string(&csv_out).unwrap();
    assert!(
        text.starts_with("id,digital,openness,pillars,sectors"),
        "{}",
        text.lines().next().unwrap_or("")
    );
    let mut rdr = csv::Reader::from_path(&csv_out).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..5], LABEL_COLUMNS);
    let mut from_csv = BTreeMap::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let l = labels(&r[1], &r[2], &r[3], &r[4]);
        assert!(from_csv.insert(r[0].to_string(), l).is_none(), "dup {r:?}");
    }
    assert_eq!(from_csv.len(), n);

    let mut from_jsonl = BTreeMap::new();
    for line in std::fs::read_to_string(&jsonl_out).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let obj = v.as_object().unwrap();
        let fields: Vec<&str> = obj.keys().map(String::as_str).collect();
        for c in header.iter() {
            assert!(obj.contains_key(c), "{c} missing from {line}");
        }
        assert_eq!(fields.len(), header.len(), "{fields:?} vs {header:?}");
        let s = |k: &str| v[k].as_str().unwrap().to_string();
        let l = labels(
            &v["digital"].to_string(),
            &s("openness"),
            &s("pillars"),
            &s("sectors"),
        );
        from_jsonl.insert(s("id"), l);
    }
    assert_eq!(from_jsonl, from_csv);
    // The sample's e-government portal (SP-001) and digital ID (SP-002) are digital.
    assert!(from_csv["SP-001"].is_digital(), "{:?}", from_csv["SP-001"]);
    assert!(from_csv["SP-002"].is_digital(), "{:?}", from_csv["SP-002"]);
}

#[test]
fn classify_streams_json_lines_from_stdin() {
    let input = concat!(
        r#"{"id":"a","title":"E-government portal","description":"Online public services and a digital identity system for citizens"}"#,
        "\n",
        "this line is not JSON\n",
        "\n",
        r#"{"id":"b","title":"Rural roads","description":"Rehabilitation of gravel feeder roads and culverts"}"#,
        "\n",
    );
    let out = landscape()
        .arg("classify")
        .write_stdin(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("rejected: stdin:2"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b"], "{stdout}");
    for r in &rows {
        for c in LABEL_COLUMNS {
            assert!(r.get(c).is_some(), "{c} missing: {r}");
        }
        assert_eq!(r["source"], "stdin", "{r}");
        let s = |k: &str| r[k].as_str().unwrap().to_string();
        labels(
            &r["digital"].to_string(),
            &s("openness"),
            &s("pillars"),
            &s("sectors"),
        );
    }
    assert_ne!(rows[0]["digital"], 0, "{}", rows[0]);
    assert_eq!(rows[1]["digital"], 0, "{}", rows[1]);

    // `-` means stdin as well.
    let out = landscape()
        .args(["classify", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), stdout);
}

/// A caller that sends one line and waits must get its answer while stdin is still open
/// (Spark `pipe` and shell co-processes work this way).
#[test]
fn classify_answers_each_stdin_line_before_stdin_closes() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("landscape"))
        .current_dir(super::root())
        .arg("classify")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(
        stdin,
        r#"{{"id":"first","title":"E-government portal","description":"online services"}}"#
    )
    .unwrap();
    stdin.flush().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        tx.send(line).unwrap();
    });
    // Generous: this checks that an answer comes at all while stdin is open, not how fast.
    let got = rx.recv_timeout(std::time::Duration::from_secs(120));
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    let line = got.expect("no answer to the first line while stdin stayed open");
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["id"], "first");
}

#[test]
fn classify_refuses_files_mixed_with_stdin() {
    landscape()
        .args(["classify", "data/sample_proposals.csv", "-"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("not both"));
}

#[test]
fn classify_stores_what_it_writes_in_a_catalogue() {
    let tmp = tempfile::tempdir().unwrap();
    let (cat, out) = (tmp.path().join("cat"), tmp.path().join("out.csv"));
    // One good record and one without an id, which is rejected and logged in the catalogue.
    let input = tmp.path().join("in.csv");
    std::fs::write(
        &input,
        "id,title,description\nA1,E-government portal,An online portal for permits\n,No id,Text\n",
    )
    .unwrap();
    for _ in 0..2 {
        landscape()
            .args(["classify", "data/sample_proposals.csv"])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .arg("--catalogue")
            .arg(&cat)
            .assert()
            .success();
    }
    let mut written: BTreeMap<String, String> = BTreeMap::new();
    for r in csv::Reader::from_path(&out).unwrap().deserialize() {
        let r: BTreeMap<String, String> = r.unwrap();
        written.insert(r["key"].clone(), r["digital"].clone());
    }
    let hits = super::search_json(&cat, None, &[]);
    let stored: BTreeMap<String, String> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let d = &h["proposal"]["classification"]["labels"]["digital"];
            (h["key"].as_str().unwrap().to_string(), d.to_string())
        })
        .collect();
    assert_eq!(stored.len(), keys_in(&sample_csv()).len() + 1);
    let languages: Vec<&str> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["proposal"]["language"].as_str())
        .collect();
    for l in ["en", "fr", "es"] {
        assert!(
            languages.contains(&l),
            "the catalogue keeps detected languages: {languages:?}"
        );
    }
    assert_eq!(stored, written, "the catalogue holds what the file says");
    let rejects = std::fs::read_to_string(cat.join("rejects.jsonl")).unwrap();
    assert_eq!(rejects.lines().count(), 2, "one reject per run:\n{rejects}");
    assert!(rejects.contains("no id"), "{rejects}");
}

#[test]
fn classify_without_out_writes_only_the_catalogue() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("cat");
    landscape()
        .args(["classify", "data/sample_proposals.csv", "--catalogue"])
        .arg(&cat)
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains(format!(
            "{} records added",
            keys_in(&sample_csv()).len()
        )));
    landscape()
        .args(["classify", "--catalogue"])
        .arg(&cat)
        .write_stdin("{\"id\":\"1\",\"title\":\"t\",\"description\":\"d\"}\n")
        .assert()
        .failure()
        .stderr(predicates::str::contains("give the input files"));
}
