//! Integration tests of `landscape::ingest`: every format, the presets on the real shared
//! corpora, and each kind of bad input. Inputs are written into temporary directories.

#[path = "ingest/corpora.rs"]
mod corpora;
#[path = "ingest/csv_cases.rs"]
mod csv_cases;
#[path = "ingest/iati_cases.rs"]
mod iati_cases;
#[path = "ingest/json_cases.rs"]
mod json_cases;

use std::path::{Path, PathBuf};

use landscape::ingest::{open, ReadOptions, Reject, Warning};
use landscape::Proposal;

/// Everything one file gave.
pub struct Read {
    pub ok: Vec<Proposal>,
    pub rejects: Vec<Reject>,
    pub warnings: Vec<Warning>,
}

/// Reads a whole file with the given options.
pub fn read(path: &Path, opts: &ReadOptions) -> Read {
    let mut reader = open(path, opts).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let (mut ok, mut rejects) = (Vec::new(), Vec::new());
    for item in &mut reader {
        match item {
            Ok(p) => ok.push(p),
            Err(r) => rejects.push(r),
        }
    }
    let warnings = reader.warnings();
    Read {
        ok,
        rejects,
        warnings,
    }
}

/// Writes `bytes` to `name` in a fresh temporary directory (kept alive by the guard).
pub fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// The shared data folder beside the repository; fails loudly when it is missing.
pub fn shared_corpus(file: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/corpora")
        .join(file);
    assert!(
        path.exists(),
        "shared corpus {} is missing: these tests need ../shared/data beside the repository",
        path.display()
    );
    path
}

/// A file of the repository's own `data/` folder.
pub fn sample(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file)
}

/// Reads with default options.
pub fn read_default(path: &Path) -> Read {
    read(path, &ReadOptions::default())
}
