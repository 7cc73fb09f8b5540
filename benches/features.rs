//! Featurisation speed on real texts from the shared corpora: normalise + split into words
//! (hand-written fast path vs the `tokenizers` pipeline), and `Featurizer::transform` with and
//! without character n-grams. Throughput is in documents per second.
//!
//! Run: `cargo bench --bench features` (needs `../shared/data/corpora`).

#[path = "../tests/text/corpus.rs"]
mod corpus;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use landscape::text::tokenizer::{normalizer, pipeline_words, pre_tokenizer};
use landscape::text::{normalize_into, words, FeatureConfig, Featurizer};

/// Texts measured: ~700 per source (UNDP, World Bank, German aid activities), 2,100 in all.
fn bench_texts() -> Vec<String> {
    corpus::mixed(700)
}

/// Training texts for the featurizer, disjoint from the measured ones.
fn training_texts() -> Vec<String> {
    corpus::mixed(4000).split_off(2100)
}

fn tokenize(c: &mut Criterion) {
    let texts = bench_texts();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    eprintln!("{} texts, mean {} chars", texts.len(), chars / texts.len());
    let mut g = c.benchmark_group("words");
    g.throughput(Throughput::Elements(texts.len() as u64));
    let mut buf = String::new();
    report_cpu_time(
        "words/fast_path",
        || {
            texts
                .iter()
                .map(|t| {
                    normalize_into(t, &mut buf);
                    words(&buf).count()
                })
                .sum()
        },
        texts.len(),
    );
    g.bench_function("fast_path", |b| {
        let mut buf = String::new();
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                normalize_into(t, &mut buf);
                n += words(&buf).count();
            }
            black_box(n)
        })
    });
    let (norm, pre) = (normalizer(), pre_tokenizer());
    report_cpu_time(
        "words/tokenizers_pipeline",
        || {
            texts
                .iter()
                .map(|t| pipeline_words(&norm, &pre, t).unwrap().len())
                .sum()
        },
        texts.len(),
    );
    g.bench_function("tokenizers_pipeline", |b| {
        b.iter(|| {
            let n: usize = texts
                .iter()
                .map(|t| pipeline_words(&norm, &pre, t).unwrap().len())
                .sum();
            black_box(n)
        })
    });
    g.finish();
}

fn transform(c: &mut Criterion) {
    let texts = bench_texts();
    let train = training_texts();
    let train: Vec<&str> = train.iter().map(String::as_str).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut g = c.benchmark_group("transform");
    g.throughput(Throughput::Elements(texts.len() as u64));
    for (name, cfg) in [
        ("word_and_char_ngrams", FeatureConfig::default()),
        (
            "word_ngrams_only",
            FeatureConfig {
                char_ngrams: None,
                ..Default::default()
            },
        ),
    ] {
        let f = Featurizer::fit(&train, &cfg).unwrap();
        eprintln!(
            "{name}: dim {} (word {}, char {})",
            f.dim(),
            f.word_dim(),
            f.char_dim()
        );
        report_cpu_time(
            name,
            || refs.iter().map(|t| f.transform(t).nnz()).sum::<usize>(),
            refs.len(),
        );
        g.bench_function(format!("{name}/one_thread"), |b| {
            b.iter(|| refs.iter().map(|t| f.transform(t).nnz()).sum::<usize>())
        });
        g.bench_function(format!("{name}/batch_all_threads"), |b| {
            b.iter(|| f.transform_batch(&refs).len())
        });
    }
    g.finish();
}

/// Nanoseconds this thread has spent on a CPU (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Prints CPU time per document of `run` (which processes `docs` documents): on a shared,
/// loaded machine this is steadier than the wall-clock times criterion reports.
fn report_cpu_time(name: &str, mut run: impl FnMut() -> usize, docs: usize) {
    let (Some(start), wall) = (thread_cpu_ns(), std::time::Instant::now()) else {
        return;
    };
    let mut rounds = 0u64;
    while wall.elapsed().as_secs_f64() < 3.0 {
        black_box(run());
        rounds += 1;
    }
    let cpu = thread_cpu_ns().unwrap_or(start) - start;
    let per_doc = cpu as f64 / (rounds * docs as u64) as f64;
    eprintln!(
        "{name}: {:.2} µs CPU per document, {:.0} documents/s per core",
        per_doc / 1e3,
        1e9 / per_doc
    );
}

/// Longer texts (UNDP title, description, output titles and descriptions, 600 to 1,000
/// characters), the size the end-to-end target is stated for.
fn transform_long(c: &mut Criterion) {
    let all = corpus::texts(
        "undp_open_projects_2014.csv",
        &[
            "project_title",
            "project_descr",
            "output_titles",
            "output_descrs",
        ],
        None,
        usize::MAX,
    );
    let long: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|t| (600..=1000).contains(&t.len()))
        .take(2000)
        .collect();
    let train = training_texts();
    let train: Vec<&str> = train.iter().map(String::as_str).collect();
    let f = Featurizer::fit(&train, &FeatureConfig::default()).unwrap();
    let chars: usize = long.iter().map(|t| t.chars().count()).sum();
    eprintln!(
        "{} long texts, mean {} chars",
        long.len(),
        chars / long.len()
    );
    report_cpu_time(
        "long/word_and_char_ngrams",
        || long.iter().map(|t| f.transform(t).nnz()).sum(),
        long.len(),
    );
    let mut g = c.benchmark_group("transform_long");
    g.throughput(Throughput::Elements(long.len() as u64));
    g.bench_function("word_and_char_ngrams/one_thread", |b| {
        b.iter(|| long.iter().map(|t| f.transform(t).nnz()).sum::<usize>())
    });
    g.finish();
}

fn fit(c: &mut Criterion) {
    let train = training_texts();
    let train: Vec<&str> = train.iter().map(String::as_str).collect();
    let mut g = c.benchmark_group("fit");
    g.sample_size(10);
    g.throughput(Throughput::Elements(train.len() as u64));
    g.bench_function("default_config", |b| {
        b.iter(|| {
            Featurizer::fit(&train, &FeatureConfig::default())
                .unwrap()
                .dim()
        })
    });
    g.finish();
}

criterion_group!(benches, tokenize, transform, transform_long, fit);
criterion_main!(benches);
