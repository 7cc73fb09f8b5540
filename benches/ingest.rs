//! Records per second reading the two main corpora with their presets (CSV parsing,
//! country lookup, language detection, text composition).
//!
//! Run: `cargo bench --bench ingest`. Needs `../shared/data/corpora` beside the repository.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use landscape::ingest::{open, ReadOptions};

fn corpus(file: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/corpora")
        .join(file);
    assert!(
        path.exists(),
        "benchmark corpus {} is missing: put shared/data beside the repository",
        path.display()
    );
    path
}

/// Reads the whole file; returns (proposals, rejects).
fn read_all(path: &Path) -> (usize, usize) {
    let reader = open(path, &ReadOptions::default()).expect("open corpus");
    reader.fold((0, 0), |(ok, bad), r| {
        if r.is_ok() {
            (ok + 1, bad)
        } else {
            (ok, bad + 1)
        }
    })
}

fn bench_corpora(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    for (name, file) in [
        ("undp14", "undp_open_projects_2014.csv"),
        ("worldbank", "worldbank_projects_2025.csv"),
    ] {
        let path = corpus(file);
        let (records, rejects) = read_all(&path);
        assert_eq!(rejects, 0, "{file} must read without rejects");
        group.throughput(Throughput::Elements(records as u64));
        group.bench_function(name, |b| b.iter(|| read_all(&path)));
    }
    group.finish();
}

criterion_group!(benches, bench_corpora);
criterion_main!(benches);
