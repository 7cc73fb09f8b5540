//! A short kill loop (the long one is `scripts/killloop`): `landscape ingest` of an old and
//! a new version of the same records, and `landscape train`, are killed with SIGKILL at
//! fixed moments; after each kill `landscape check` passes, every record is in its old or new
//! state and none that was stored before is lost, and a model directory is absent or sound.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use landscape::catalogue::Catalogue;

use super::{common, landscape, write_temp};

/// Runs `landscape args...` and kills it after `ms` milliseconds (if still running).
fn run_and_kill(args: &[&std::ffi::OsStr], ms: u64) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("landscape"))
        .current_dir(common::root())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(ms));
    let _ = child.kill(); // SIGKILL; an error means it had already finished
    child.wait().unwrap();
}

fn csv(version: &str, n: usize) -> Vec<u8> {
    let mut s = String::from("id,title,description\n");
    for i in 0..n {
        s.push_str(&format!(
            "R{i},Record {i} {version},Mobile money and health {version} {i}\n"
        ));
    }
    s.into_bytes()
}

/// `landscape check` exits 0 on `cat`.
fn check_passes(cat: &Path) {
    landscape()
        .args(["check", "--catalogue"])
        .arg(cat)
        .assert()
        .success();
}

#[test]
fn killed_ingests_leave_every_record_old_or_new_and_lose_none() {
    let n = 3000;
    let (dir, old) = write_temp("old.csv", &csv("v1", n));
    let new = dir.path().join("new.csv");
    std::fs::write(&new, csv("v2", n)).unwrap();
    let cat = dir.path().join("cat");
    let mut before: HashSet<String> = HashSet::new();
    for (i, ms) in [5u64, 40, 120, 250, 400, 700, 1000, 1500]
        .into_iter()
        .enumerate()
    {
        let input = if i % 2 == 0 { &new } else { &old };
        let args = [
            "ingest".as_ref(),
            input.as_os_str(),
            "--source".as_ref(),
            "s".as_ref(),
            "--no-classify".as_ref(),
            "--catalogue".as_ref(),
            cat.as_os_str(),
        ];
        run_and_kill(&args, ms);
        if !cat.join("catalogue.json").exists() {
            assert!(before.is_empty());
            continue;
        }
        check_passes(&cat);
        let c = Catalogue::open(&cat).unwrap();
        let mut keys = HashSet::new();
        for p in c.iter_all() {
            let p = p.unwrap();
            let i: usize = p.id[1..].parse().unwrap();
            let ok = ["v1", "v2"].iter().any(|v| {
                p.title == format!("Record {i} {v}")
                    && p.description == format!("Mobile money and health {v} {i}")
            });
            assert!(ok, "{} is neither old nor new: {p:?}", p.key());
            keys.insert(p.key());
        }
        assert!(
            before.is_subset(&keys),
            "records lost after the kill at {ms} ms"
        );
        before = keys;
    }
}

#[test]
fn a_killed_train_leaves_no_half_written_model() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("models/x");
    for ms in [30u64, 150, 300, 600] {
        let args = [
            "train".as_ref(),
            "--gold".as_ref(),
            "data/schema_examples.csv".as_ref(),
            "--examples".as_ref(),
            "--corpus".as_ref(),
            "data/sample_proposals.csv".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        run_and_kill(&args, ms);
        if out.exists() {
            landscape()
                .args(["check", "--model-only", "--model"])
                .arg(&out)
                .assert()
                .success();
        }
    }
}
