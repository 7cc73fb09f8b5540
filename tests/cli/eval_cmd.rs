//! `landscape eval`: scores against a labelled file, and says when the model was trained on it.

use super::{landscape, shared_data};

#[test]
fn eval_reports_per_label_scores_and_flags_training_data() {
    let gold = shared_data().join("labels/gold.csv");
    let out = landscape()
        .args(["eval", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("training-set scores"), "{text}");
    for head in [
        "== digital",
        "== pillars",
        "== sectors",
        "== openness",
        "worst errors",
    ] {
        assert!(text.contains(head), "missing {head} in\n{text}");
    }
    assert!(text.contains("confusion"), "{text}");

    // A file the model was not trained on (a subset, so another hash) gets no such note, and
    // its JSON report carries the four heads.
    let dir = tempfile::tempdir().unwrap();
    let subset = dir.path().join("subset.csv");
    let all = std::fs::read_to_string(&gold).unwrap();
    let lines: Vec<&str> = all.lines().take(200).collect();
    std::fs::write(&subset, lines.join("\n") + "\n").unwrap();
    let out = landscape()
        .args(["eval", "--json", "--gold"])
        .arg(&subset)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for head in [
        "digital",
        "digital_levels",
        "openness",
        "pillars",
        "sectors",
    ] {
        assert!(v["heads"][head]["labels"].is_array(), "no {head} in {v}");
    }
}
