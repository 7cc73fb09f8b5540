//! Training and prediction speed of the sparse logistic regression on synthetic
//! bag-of-words-shaped data: `cargo bench --bench linear`.
//!
//! Measured 2026-12-04 on the shared 2-core build machine (one core used, tol 1e-3):
//! 20k x 100k, 100 nnz/row: train 260 ms, decision values for all 20k rows 4.9 ms;
//! 25k x 200k, 300 nnz/row: train 1.0 s (C = 1), 2.3 s (C = 10).

use criterion::{criterion_group, criterion_main, Criterion};
use landscape::model::synth::synthetic;
use landscape::model::LogisticParams;
use linfa::ParamGuard;
use std::hint::black_box;

fn train_and_predict(c: &mut Criterion) {
    let data = synthetic(20_000, 100_000, 100, 0.5, 42);
    let params = LogisticParams::new().check().unwrap();
    let mut group = c.benchmark_group("linear_20k_x_100k_100nnz");
    group.sample_size(10);
    group.bench_function("train", |b| {
        b.iter(|| {
            params
                .fit_sparse(black_box(&data.rows), &data.labels, None)
                .unwrap()
        })
    });
    let model = params.fit_sparse(&data.rows, &data.labels, None).unwrap();
    group.bench_function("predict_all_rows", |b| {
        b.iter(|| data.rows.iter().map(|x| model.decision(x)).sum::<f32>())
    });
    group.finish();
}

fn train_large(c: &mut Criterion) {
    let data = synthetic(25_000, 200_000, 300, 0.5, 7);
    let mut group = c.benchmark_group("linear_25k_x_200k_300nnz");
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(20));
    for cost in [1.0, 10.0] {
        let params = LogisticParams::new().c(cost).check().unwrap();
        group.bench_function(format!("train_c{cost}"), |b| {
            b.iter(|| {
                params
                    .fit_sparse(black_box(&data.rows), &data.labels, None)
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, train_and_predict, train_large);
criterion_main!(benches);
