//! The hot paths the other benches do not cover, on real texts with the shipped model:
//! splitting words through the model's own `tokenizer.json` (the definition of a word, which
//! the fast path reproduces), predicting from ready feature vectors (the packed fourteen heads
//! against each head's own model, per head), and ingesting CSV rows end to end into a fresh
//! catalogue (read, classify, upsert, commit). Throughput is in records (or heads) per second.
//!
//! Run: `cargo bench --bench hotpaths` (needs `models/default` and `../shared/data`).

use std::io::Write;
use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use landscape::catalogue::Catalogue;
use landscape::classify::Classifier;
use landscape::ingest::{self, ReadOptions};

const ROWS: usize = 1000;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn model() -> Classifier {
    Classifier::load(&root().join("models/default")).expect("models/default loads")
}

/// The first `ROWS` World Bank records and their texts.
fn records() -> Vec<landscape::Proposal> {
    let path = root().join("../shared/data/corpora/worldbank_projects_2025.csv");
    ingest::open(&path, &ReadOptions::default())
        .expect("the shared corpora are beside the repository")
        .flatten()
        .take(ROWS)
        .collect()
}

fn tokenizer_json(c: &mut Criterion) {
    let texts: Vec<String> = records().into_iter().map(|p| p.text).collect();
    let path = root().join("models/default/tokenizer.json");
    let tok = tokenizers::Tokenizer::from_file(&path).expect("the model's tokenizer.json loads");
    let mut g = c.benchmark_group("tokenizer_json");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.sample_size(10);
    g.bench_function("encode", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tok.encode(t.as_str(), false).expect("encodes").len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn predict(c: &mut Criterion) {
    let model = model();
    let xs: Vec<_> = records().iter().map(|p| model.features(&p.text)).collect();
    let mut g = c.benchmark_group("predict");
    g.throughput(Throughput::Elements(xs.len() as u64));
    g.bench_function("14 heads packed", |b| {
        b.iter(|| xs.iter().map(|x| model.decisions(x)[0]).sum::<f32>())
    });
    let heads = model.head_decisions(&xs[0]).len() as u64;
    g.throughput(Throughput::Elements(xs.len() as u64 * heads));
    g.bench_function("per head, own model", |b| {
        b.iter(|| xs.iter().map(|x| model.head_decisions(x)[0]).sum::<f32>())
    });
    g.finish();
}

/// `ROWS` World Bank rows as a small CSV in the corpus's own layout.
fn csv_rows(dir: &Path) -> std::path::PathBuf {
    let src = root().join("../shared/data/corpora/worldbank_projects_2025.csv");
    let mut rdr = csv::Reader::from_path(&src).expect("corpus opens");
    let path = dir.join("rows.csv");
    let mut w = csv::Writer::from_path(&path).expect("temp file");
    w.write_record(rdr.headers().expect("header"))
        .expect("write");
    for rec in rdr.records().take(ROWS) {
        w.write_record(&rec.expect("row")).expect("write");
    }
    w.into_inner().expect("flush").flush().expect("flush");
    path
}

/// Reads, classifies and upserts every row of `path` into a new catalogue, then commits.
fn ingest_into(model: &Classifier, path: &Path, dir: &Path) -> usize {
    let cat = Catalogue::create_or_open(&dir.join("cat")).expect("catalogue");
    let mut w = cat.writer().expect("writer");
    let mut n = 0;
    for mut p in ingest::open(path, &ReadOptions::default())
        .expect("opens")
        .flatten()
    {
        p.classification = Some(model.classify(&p.text));
        w.upsert(&p).expect("upsert");
        n += 1;
    }
    w.commit().expect("commit");
    n
}

fn csv_row_to_catalogue(c: &mut Criterion) {
    let model = model();
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = csv_rows(tmp.path());
    let mut g = c.benchmark_group("ingest_csv_row");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.sample_size(10);
    g.bench_function("read, classify, upsert, commit (1 thread)", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| black_box(ingest_into(&model, &path, dir.path())),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, tokenizer_json, predict, csv_row_to_catalogue);
criterion_main!(benches);
