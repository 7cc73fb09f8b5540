//! Inputs the fuzzers found (`tests/regressions/TARGET/*`, see `scripts/fuzz`), replayed
//! through the same code path as the fuzz target: reading them ends without a panic.

use std::path::PathBuf;

use landscape::ingest::{Format, ReadOptions};

use super::{common, read_all, write_temp};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = common::root().join("tests/regressions").join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|it| it.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn reader_regressions_read_without_panicking() {
    let mut n = 0;
    for (target, format, ext) in [
        ("read_csv", Format::Csv, "csv"),
        ("read_jsonl", Format::Jsonl, "jsonl"),
        ("read_iati", Format::IatiXml, "xml"),
        ("read_undp_json", Format::UndpJson, "json"),
    ] {
        for path in inputs(target) {
            let bytes = std::fs::read(&path).unwrap();
            let (_d, file) = write_temp(&format!("input.{ext}"), &bytes);
            let opts = ReadOptions {
                format: Some(format),
                ..ReadOptions::default()
            };
            let _ = read_all(&file, &opts); // a clear error or records: both are fine
            n += 1;
        }
    }
    eprintln!("{n} reader regression inputs replayed");
}
