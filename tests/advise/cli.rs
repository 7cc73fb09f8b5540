//! `landscape advise` end to end: the shipped example answers files (Global South projects)
//! with their expected outcomes, answers typed at a terminal, JSON and files out, `--graph`,
//! `--check`, and clear failures for a broken guide or answers file.

use std::path::PathBuf;

use assert_cmd::Command;

use super::common::root;

fn landscape() -> Command {
    let mut cmd = Command::cargo_bin("landscape").unwrap();
    cmd.current_dir(root());
    cmd
}

/// Runs `landscape advise ARGS`, returns (status code, stdout, stderr).
fn advise(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = landscape()
        .arg("advise")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

fn example(name: &str) -> String {
    root()
        .join("guide/examples")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn the_shipped_examples_reach_their_outcomes() {
    let cases = [
        ("kenya_county_health_reporting.toml", "reuse_dpg"),
        ("zambia_voter_information_sms.toml", "off_the_shelf"),
        ("malawi_flood_early_warning.toml", "nominate_dpg"),
        ("somalia_cash_transfer_registry.toml", "not_dpg_ready"),
    ];
    let dir = root().join("guide/examples");
    let shipped = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        shipped,
        cases.len(),
        "every example in {} has a case here",
        dir.display()
    );
    for (file, outcome) in cases {
        let (code, out, err) = advise(&["--answers", &example(file), "--json"], "");
        assert_eq!(code, 0, "{file}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["outcome"], outcome, "{file}");
        assert!(v["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| !r["sources"].as_array().unwrap().is_empty()));
    }
}

#[test]
fn numbered_answers_on_stdin_walk_the_guide() {
    // yes, then an invalid answer (asked again), then no: do discovery first.
    let (code, out, err) = advise(&[], "1\nmaybe\n2\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("# Advice: Do discovery first"), "{out}");
    assert!(
        err.contains("Sources: UNDP Digital Standards, #1 Start with the need"),
        "{err}"
    );
    assert!(err.contains("answer 1-2 or one of: yes, no"), "{err}");
    let (code, _, err) = advise(&[], "1\n");
    assert_eq!(code, 2);
    assert!(
        err.contains("`need`") && err.contains("stdin closed"),
        "{err}"
    );
}

#[test]
fn reports_and_graph_are_written_to_the_out_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().display().to_string();
    let (code, out, err) = advise(
        &[
            "--answers",
            &example("malawi_flood_early_warning.toml"),
            "--out-dir",
            &dir,
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(tmp.path().join("advice.md")).unwrap();
    assert_eq!(md, out);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("advice.json")).unwrap())
            .unwrap();
    assert_eq!(json["outcome"], "nominate_dpg");
    let (code, _, err) = advise(&["--graph", "--out-dir", &dir], "");
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(tmp.path().join("decision_guide.svg")).unwrap();
    let dot = std::fs::read_to_string(tmp.path().join("decision_guide.dot")).unwrap();
    assert!(svg.contains("</svg>") && dot.starts_with("digraph"));
    let (code, out, _) = advise(&["--check"], "");
    assert_eq!(code, 0);
    assert!(
        out.contains("valid (version 1.0.0)") && out.contains("paths"),
        "{out}"
    );
}

#[test]
fn a_broken_guide_or_answers_file_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let guide: PathBuf = tmp.path().join("guide.toml");
    let text = landscape::advise::DEFAULT_GUIDE.replacen(
        r#"next = "discovery" }"#,
        r#"next = "nowhere" }"#,
        1,
    );
    std::fs::write(&guide, text).unwrap();
    let (code, _, err) = advise(&["--guide", guide.to_str().unwrap(), "--check"], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("guide.toml") && err.contains("dangling edge") && err.contains("`nowhere`"),
        "{err}"
    );
    let answers = tmp.path().join("answers.toml");
    std::fs::write(&answers, "digital = \"yes\"\nneed = \"perhaps\"\n").unwrap();
    let (code, _, err) = advise(&["--answers", answers.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("`perhaps`") && err.contains("`need`") && err.contains("yes, no"),
        "{err}"
    );
    let (code, _, err) = advise(&["--answers", "no/such/answers.toml"], "");
    assert_eq!(code, 1);
    assert!(err.contains("no/such/answers.toml"), "{err}");
}
