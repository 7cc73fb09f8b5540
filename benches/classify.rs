//! Classifier speed on real texts: featurising, the fourteen heads, and a whole classification
//! with evidence, per record and in parallel batches (rayon). Reports records/s.
//!
//! `cargo bench --bench classify` (needs `models/default` and `../shared/data`).

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use landscape::classify::Classifier;
use landscape::ingest::{self, ReadOptions};
use rayon::prelude::*;

fn texts(n: usize) -> Vec<String> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpora");
    ["undp_open_projects_2014.csv", "worldbank_projects_2025.csv"]
        .iter()
        .flat_map(|f| {
            ingest::open(&data.join(f), &ReadOptions::default())
                .expect("the shared corpora are beside the repository")
                .flatten()
                .step_by(10)
                .take(n / 2)
                .map(|p| p.text)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = Classifier::load(&root.join("models/default")).expect("models/default loads");
    let texts = texts(2000);
    let mut g = c.benchmark_group("classify");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.sample_size(10);
    g.bench_function("features, 1 thread", |b| {
        b.iter(|| texts.iter().map(|t| model.features(t).nnz()).sum::<usize>())
    });
    g.bench_function("features + heads, 1 thread", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| model.decisions(&model.features(t))[0])
                .sum::<f32>()
        })
    });
    g.bench_function("classify with evidence, 1 thread", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| model.classify(t).labels.digital as u32)
                .sum::<u32>()
        })
    });
    g.bench_function("classify with evidence, rayon", |b| {
        b.iter(|| {
            texts
                .par_iter()
                .map(|t| model.classify(t).labels.digital as u32)
                .sum::<u32>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
