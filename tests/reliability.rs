//! Reliability: `landscape check` on sound and damaged directories, input limits (huge
//! fields, many rows, hostile XML, odd encodings), property round trips (catalogue → export
//! → ingest, model save → load), a short kill loop, and the fuzzers' regression inputs.

#[path = "reliability/check.rs"]
mod check;
#[path = "reliability/kills.rs"]
mod kills;
#[path = "reliability/limits.rs"]
mod limits;
#[path = "reliability/regressions.rs"]
mod regressions;
#[path = "reliability/roundtrip.rs"]
mod roundtrip;

#[allow(dead_code)] // shared_data() is not needed here
#[path = "common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use landscape::ingest::{self, ReadOptions, Reject};
use landscape::Proposal;

/// Writes `bytes` as `name` in a new temporary directory.
pub fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Reads a whole file: the records and the rejects; a file-level error as `Err`.
pub fn read_all(path: &Path, opts: &ReadOptions) -> Result<(Vec<Proposal>, Vec<Reject>), String> {
    let reader = ingest::open(path, opts).map_err(|e| e.to_string())?;
    let (mut ok, mut rejects) = (Vec::new(), Vec::new());
    for r in reader {
        match r {
            Ok(p) => ok.push(p),
            Err(r) => rejects.push(r),
        }
    }
    Ok((ok, rejects))
}

/// The `landscape` binary, run from the repository root.
pub fn landscape() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("landscape").unwrap();
    c.current_dir(common::root());
    c
}
