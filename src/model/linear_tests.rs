//! Tests of the logistic regression, one-vs-rest and the linfa trait path.

use linfa::traits::{Fit, Predict};
use linfa::{DatasetBase, ParamGuard};
use ndarray::{Array1, Array2};

use super::synth::synthetic;
use super::*;
use crate::text::SparseVec;

fn sv(pairs: &[(u32, f32)]) -> SparseVec {
    SparseVec::from_pairs(pairs.to_vec())
}

fn params(c: f64) -> LogisticValidParams {
    LogisticParams::new()
        .c(c)
        .tol(1e-8)
        .max_iter(200)
        .check()
        .unwrap()
}

fn accuracy(m: &LogisticModel, xs: &[SparseVec], ys: &[bool]) -> f64 {
    let ok = xs
        .iter()
        .zip(ys)
        .filter(|(x, &y)| (m.decision(x) > 0.0) == y)
        .count();
    ok as f64 / xs.len() as f64
}

/// A small hand-made bag-of-words problem: features 0 "data", 1 "digital", 2 "road",
/// 3 "water", 4 "platform", 5 "training".
fn bag_of_words() -> (Vec<SparseVec>, Vec<bool>) {
    let docs: [(&[(u32, f32)], bool); 8] = [
        (&[(0, 1.0), (1, 2.0), (4, 1.0)], true),
        (&[(1, 1.0), (4, 1.0), (5, 1.0)], true),
        (&[(0, 2.0), (4, 1.0)], true),
        (&[(1, 1.0), (5, 1.0)], true),
        (&[(2, 2.0), (5, 1.0)], false),
        (&[(3, 1.0), (2, 1.0)], false),
        (&[(3, 2.0), (5, 1.0)], false),
        (&[(2, 1.0), (0, 0.5)], false),
    ];
    docs.iter().map(|(p, y)| (sv(p), *y)).unzip()
}

#[test]
fn one_feature_large_c_reaches_the_closed_form_log_odds() {
    // No bias, every row x = 1: with negligible regularisation the optimum is logit(3/4).
    let xs = vec![sv(&[(0, 1.0)]); 8];
    let ys = [true, true, true, false, true, true, true, false];
    let p = LogisticParams::new()
        .c(1e6)
        .tol(1e-10)
        .intercept_scaling(0.0)
        .check()
        .unwrap();
    let m = p.fit_sparse(&xs, &ys, None).unwrap();
    assert!(
        (m.weights()[0] - 3f32.ln()).abs() < 1e-4,
        "{}",
        m.weights()[0]
    );
    assert_eq!(m.bias(), 0.0);
}

#[test]
fn gradient_is_zero_at_the_solution_of_a_bag_of_words_problem() {
    let (xs, ys) = bag_of_words();
    let c = 2.0;
    let m = params(c).fit_sparse(&xs, &ys, None).unwrap();
    assert!(m.fit_info().converged);
    // Gradient of 0.5|w|² + 0.5 b² + C Σ log(1+exp(-y(w·x+b))) recomputed independently.
    let mut g: Vec<f64> = m.weights().iter().map(|&w| w as f64).collect();
    let mut gb = m.bias() as f64;
    for (x, &y) in xs.iter().zip(&ys) {
        let s = if y { 1.0 } else { -1.0 };
        let z = m.decision(x) as f64;
        let coef = c * s * (1.0 / (1.0 + (s * z).exp()));
        x.iter().for_each(|(j, v)| g[j as usize] -= coef * v as f64);
        gb -= coef;
    }
    let norm = (g.iter().map(|v| v * v).sum::<f64>() + gb * gb).sqrt();
    assert!(norm < 1e-5, "gradient norm {norm}");
    assert_eq!(accuracy(&m, &xs, &ys), 1.0);
    assert!(
        m.weights()[4] > 0.0 && m.weights()[3] < 0.0,
        "platform +, water -"
    );
}

#[test]
fn learns_a_separable_synthetic_set_and_generalises() {
    let data = synthetic(3000, 400, 15, 0.0, 11);
    let (train, test) = data.rows.split_at(2500);
    let (ytr, yte) = data.labels.split_at(2500);
    let m = LogisticParams::new()
        .c(1000.0)
        .tol(1e-6)
        .check()
        .unwrap()
        .fit_sparse(train, ytr, None)
        .unwrap();
    assert!(
        accuracy(&m, train, ytr) > 0.99,
        "train {}",
        accuracy(&m, train, ytr)
    );
    assert!(
        accuracy(&m, test, yte) > 0.9,
        "test {}",
        accuracy(&m, test, yte)
    );
}

#[test]
fn weight_two_equals_a_duplicated_row_and_weight_zero_drops_it() {
    let (xs, ys) = bag_of_words();
    let p = params(1.0);
    let mut dup_x = xs.clone();
    let mut dup_y = ys.clone();
    dup_x.push(xs[7].clone());
    dup_y.push(ys[7]);
    let dup = p.fit_sparse(&dup_x, &dup_y, None).unwrap();
    let mut w = vec![1.0f32; xs.len()];
    w[7] = 2.0;
    let weighted = p.fit_sparse(&xs, &ys, Some(&w)).unwrap();
    let plain = p.fit_sparse(&xs, &ys, None).unwrap();
    for j in 0..6 {
        assert!((dup.weights()[j] - weighted.weights()[j]).abs() < 1e-5);
    }
    assert!(
        (dup.weights()[2] - plain.weights()[2]).abs() > 1e-2,
        "the weight changed the model"
    );
    w[7] = 0.0;
    let zero = p.fit_sparse(&xs, &ys, Some(&w)).unwrap();
    let dropped = p.fit_sparse_dim(&xs[..7], &ys[..7], None, 6).unwrap();
    for j in 0..6 {
        assert!((zero.weights()[j] - dropped.weights()[j]).abs() < 1e-5);
    }
}

#[test]
fn balanced_class_weights_raise_recall_of_the_rare_class() {
    let data = synthetic(2000, 300, 12, 0.5, 5);
    // Keep one positive in ten to make the positive class rare.
    let keep: Vec<usize> = (0..2000)
        .filter(|&i| !data.labels[i] || i % 10 == 0)
        .collect();
    let xs: Vec<SparseVec> = keep.iter().map(|&i| data.rows[i].clone()).collect();
    let ys: Vec<bool> = keep.iter().map(|&i| data.labels[i]).collect();
    let fit = |b| {
        LogisticParams::new()
            .balanced(b)
            .check()
            .unwrap()
            .fit_sparse(&xs, &ys, None)
            .unwrap()
    };
    let predicted = |m: &LogisticModel| xs.iter().filter(|x| m.decision(x) > 0.0).count();
    let (plain, balanced) = (fit(false), fit(true));
    assert!(
        predicted(&balanced) > predicted(&plain) + 10,
        "{} vs {}",
        predicted(&balanced),
        predicted(&plain)
    );
}

#[test]
fn contributions_are_sorted_and_add_up_to_the_decision() {
    let (xs, ys) = bag_of_words();
    let m = params(1.0).fit_sparse(&xs, &ys, None).unwrap();
    let c = m.contributions(&xs[0]);
    assert_eq!(c.len(), 3);
    assert!(c.windows(2).all(|p| p[0].1.abs() >= p[1].1.abs()));
    let sum: f32 = c.iter().map(|p| p.1).sum();
    assert!((sum + m.bias() - m.decision(&xs[0])).abs() < 1e-6);
    // A feature index beyond the model contributes nothing.
    assert!(m.contributions(&sv(&[(99, 1.0)])).is_empty());
}

#[test]
fn bad_data_is_rejected_with_the_row_named() {
    let (xs, ys) = bag_of_words();
    let p = params(1.0);
    let e = p.fit_sparse(&xs, &ys[..3], None).unwrap_err();
    assert!(e.to_string().contains("8 rows but 3 labels"), "{e}");
    let mut bad = xs.clone();
    bad[4] = SparseVec {
        indices: vec![3, 1],
        values: vec![1.0, 1.0],
    };
    let e = p.fit_sparse(&bad, &ys, None).unwrap_err();
    assert!(e.to_string().contains("row 4"), "{e}");
    let e = p
        .fit_sparse(&xs, &ys, Some(&[1.0, -1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]))
        .unwrap_err();
    assert!(e.to_string().contains("row 1"), "{e}");
}

fn ovr_targets(n: usize) -> (Vec<SparseVec>, Vec<BinaryTarget>) {
    let data = synthetic(n, 300, 12, 0.3, 21);
    let other = synthetic(n, 300, 12, 0.3, 22);
    let targets = vec![
        BinaryTarget {
            name: "a".into(),
            labels: data.labels.clone(),
            sample_weight: None,
            prior: Vec::new(),
        },
        BinaryTarget {
            name: "b".into(),
            labels: other
                .labels
                .iter()
                .zip(&data.labels)
                .map(|(x, y)| x ^ y)
                .collect(),
            sample_weight: None,
            prior: Vec::new(),
        },
        BinaryTarget {
            name: "c".into(),
            labels: data.labels.iter().map(|y| !y).collect(),
            sample_weight: Some(vec![0.5; n]),
            prior: Vec::new(),
        },
    ];
    (data.rows, targets)
}

#[test]
fn one_vs_rest_is_identical_across_runs_and_thread_counts() {
    let (xs, targets) = ovr_targets(800);
    let p = LogisticParams::new().check().unwrap();
    let run = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| OneVsRest::fit(&p, &xs, &targets).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(1));
    assert_eq!(one.names(), ["a", "b", "c"]);
    let single = p.fit_sparse(&xs, &targets[0].labels, None).unwrap();
    assert_eq!(one.model("a"), Some(&single));
    assert_eq!(one.decisions_batch(&xs[..3])[2], one.decisions(&xs[2]));
}

#[test]
fn linfa_trait_path_gives_the_direct_model() {
    let data = synthetic(500, 100, 8, 0.2, 9);
    let records = SparseRecords::new(data.rows.clone(), 100).unwrap();
    let w = Array1::from_iter((0..500).map(|i| 1.0 + (i % 3) as f32));
    let ds = DatasetBase::new(records, Array1::from(data.labels.clone())).with_weights(w.clone());
    let params = LogisticParams::new().c(3.0);
    let via_trait: LogisticModel = params.fit(&ds).unwrap();
    let direct = params
        .clone()
        .check()
        .unwrap()
        .fit_sparse_dim(&data.rows, &data.labels, w.as_slice(), 100)
        .unwrap();
    assert_eq!(via_trait, direct);
    let predicted: Array1<bool> = via_trait.predict(&ds);
    let expect: Vec<bool> = data.rows.iter().map(|x| direct.decision(x) > 0.0).collect();
    assert_eq!(predicted.to_vec(), expect);
    // Invalid hyper-parameters surface through the trait path too.
    let err = LogisticParams::new().c(-1.0).fit(&ds).unwrap_err();
    assert!(matches!(err, ModelError::InvalidParams(_)));
}

#[test]
fn linfa_multi_target_fit_gives_one_vs_rest() {
    let (xs, targets) = ovr_targets(300);
    let y = Array2::from_shape_fn((300, 2), |(i, k)| targets[k].labels[i]);
    let ds = DatasetBase::new(SparseRecords::new(xs.clone(), 300).unwrap(), y)
        .with_target_names(vec!["a", "b"]);
    let p = LogisticParams::new().check().unwrap();
    let ovr: OneVsRest = p.fit(&ds).unwrap();
    let direct = OneVsRest::fit_dim(&p, &xs, &targets[..2], 300).unwrap();
    assert_eq!(ovr, direct);
    let pred: Array2<bool> = ovr.predict(&ds);
    assert_eq!(pred[[5, 1]], direct.models()[1].decision(&xs[5]) > 0.0);
}

#[test]
fn a_head_without_positives_still_trains_to_negative_decisions() {
    // The regularised bias keeps the optimum finite when a label never occurs (a rare sector
    // absent from a training fold).
    let (xs, _) = bag_of_words();
    let ys = vec![false; xs.len()];
    let m = LogisticParams::new()
        .balanced(true)
        .check()
        .unwrap()
        .fit_sparse(&xs, &ys, None)
        .unwrap();
    assert!(m.fit_info().converged && m.bias().is_finite() && m.bias() < 0.0);
    assert!(xs.iter().all(|x| m.decision(x) < 0.0));
}

#[test]
fn a_prior_mean_holds_where_the_data_are_silent_and_yields_where_they_speak() {
    // Feature 6 appears in no row: without a prior its weight is 0, with one it keeps its mean.
    // Feature 4 ("platform") appears in positives only, so data pull its weight upwards; a
    // negative prior mean is overridden by them (C = 100: the data weigh much more).
    let (xs, ys) = bag_of_words();
    let p = params(100.0);
    let plain = p.fit_sparse_dim(&xs, &ys, None, 7).unwrap();
    assert_eq!(plain.weights()[6], 0.0);
    let prior = [(6, 3.0), (4, -2.0)];
    let m = p.fit_sparse_prior(&xs, &ys, None, 7, &prior).unwrap();
    assert!((m.weights()[6] - 3.0).abs() < 1e-4, "{}", m.weights()[6]);
    assert!(
        m.weights()[4] > 0.0,
        "data override the prior: {}",
        m.weights()[4]
    );
    assert!(accuracy(&m, &xs, &ys) == 1.0);
    // An empty prior is the plain fit, bit for bit.
    let same = p.fit_sparse_prior(&xs, &ys, None, 7, &[]).unwrap();
    assert_eq!(same.weights(), plain.weights());
    assert_eq!(same.bias(), plain.bias());
}

#[test]
fn a_prior_out_of_range_repeated_or_not_finite_is_refused() {
    let (xs, ys) = bag_of_words();
    let p = params(1.0);
    for bad in [
        vec![(7, 1.0)],
        vec![(2, 1.0), (2, 0.5)],
        vec![(1, f32::NAN)],
    ] {
        let e = p.fit_sparse_prior(&xs, &ys, None, 7, &bad).unwrap_err();
        assert!(e.to_string().contains("prior mean"), "{e}");
    }
}
