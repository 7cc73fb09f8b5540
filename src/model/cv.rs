//! Cross-validation splits fixed by a seed: k folds stratified by a label, keeping every group
//! (e.g. one project's several records) inside a single fold, and never testing rows whose
//! labels are only weak (`test_eligible = false`); plus out-of-fold prediction helpers.

use std::collections::HashMap;
use std::hash::Hash;

use super::error::ModelError;
use super::rng::SplitMix64;

/// One train/test split; both index lists are sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// Rows to train on.
    pub train: Vec<usize>,
    /// Rows to evaluate on.
    pub test: Vec<usize>,
}

/// Plain k-fold over `n` rows, shuffled by `seed`.
pub fn kfold(k: usize, seed: u64, n: usize) -> Result<Vec<Fold>, ModelError> {
    let groups: Vec<usize> = (0..n).collect();
    stratified_group_kfold(k, seed, &vec![0; n], &groups, &vec![true; n])
}

/// k folds where each fold's test rows have about the same mix of `strata` values, all rows
/// sharing a `groups` key fall in the same fold, and rows with `test_eligible[i] = false`
/// are never tested. Such rows train every fold except the one testing their group (so a
/// group never straddles train and test).
pub fn stratified_group_kfold<G: Hash + Eq>(
    k: usize,
    seed: u64,
    strata: &[usize],
    groups: &[G],
    test_eligible: &[bool],
) -> Result<Vec<Fold>, ModelError> {
    let n = strata.len();
    if groups.len() != n || test_eligible.len() != n {
        return Err(ModelError::InvalidData(format!(
            "{n} strata, {} groups and {} eligibility flags: lengths must agree",
            groups.len(),
            test_eligible.len()
        )));
    }
    if k < 2 {
        return Err(ModelError::InvalidParams(format!(
            "k must be at least 2, got {k}"
        )));
    }
    let (group_of, n_groups) = group_ids(groups);
    let n_strata = strata.iter().max().map_or(0, |m| m + 1);
    let mut counts = vec![vec![0usize; n_strata]; n_groups];
    for i in (0..n).filter(|&i| test_eligible[i]) {
        counts[group_of[i]][strata[i]] += 1;
    }
    let testable: Vec<usize> = (0..n_groups)
        .filter(|&g| counts[g].iter().any(|&c| c > 0))
        .collect();
    if testable.len() < k {
        return Err(ModelError::InvalidData(format!(
            "only {} groups have test-eligible rows; {k} folds need at least {k}",
            testable.len()
        )));
    }
    let fold_of_group = assign(k, seed, testable, &counts, n_strata);
    Ok((0..k)
        .map(|f| split(f, &group_of, &fold_of_group, test_eligible))
        .collect())
}

/// Dense group ids by first occurrence (deterministic, unlike hash-map iteration).
fn group_ids<G: Hash + Eq>(groups: &[G]) -> (Vec<usize>, usize) {
    let mut ids: HashMap<&G, usize> = HashMap::new();
    let of: Vec<usize> = groups
        .iter()
        .map(|g| {
            let next = ids.len();
            *ids.entry(g).or_insert(next)
        })
        .collect();
    (of, ids.len())
}

/// Greedy assignment: groups in seeded random order, largest first; each goes to the fold
/// holding the smallest share of its strata (ties: fewer test rows, then lower index).
fn assign(
    k: usize,
    seed: u64,
    mut order: Vec<usize>,
    counts: &[Vec<usize>],
    n_strata: usize,
) -> Vec<Option<usize>> {
    SplitMix64::new(seed).shuffle(&mut order);
    order.sort_by_key(|&g| std::cmp::Reverse(counts[g].iter().sum::<usize>()));
    let mut total = vec![0usize; n_strata];
    for row in counts {
        total.iter_mut().zip(row).for_each(|(t, c)| *t += c);
    }
    let mut fold_counts = vec![vec![0usize; n_strata]; k];
    let mut fold_sizes = vec![0usize; k];
    let mut fold_of = vec![None; counts.len()];
    for g in order {
        let cost = |f: usize| -> f64 {
            (0..n_strata)
                .filter(|&c| counts[g][c] > 0)
                .map(|c| counts[g][c] as f64 * fold_counts[f][c] as f64 / total[c] as f64)
                .sum()
        };
        let best = (0..k)
            .min_by(|&a, &b| {
                cost(a)
                    .total_cmp(&cost(b))
                    .then(fold_sizes[a].cmp(&fold_sizes[b]))
            })
            .expect("k >= 2");
        (0..n_strata).for_each(|c| fold_counts[best][c] += counts[g][c]);
        fold_sizes[best] += counts[g].iter().sum::<usize>();
        fold_of[g] = Some(best);
    }
    fold_of
}

/// The split for fold `f`.
fn split(f: usize, group_of: &[usize], fold_of: &[Option<usize>], eligible: &[bool]) -> Fold {
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for (i, &g) in group_of.iter().enumerate() {
        match (fold_of[g] == Some(f), eligible[i]) {
            (false, _) => train.push(i),
            (true, true) => test.push(i),
            (true, false) => {}
        }
    }
    Fold { train, test }
}

/// Out-of-fold scores over plain [`kfold`] splits: `fit_predict(train, test)` trains on
/// `train` and returns one score per `test` row.
pub fn out_of_fold(
    k: usize,
    seed: u64,
    n: usize,
    fit_predict: impl FnMut(&[usize], &[usize]) -> Result<Vec<f32>, ModelError>,
) -> Result<Vec<f32>, ModelError> {
    out_of_fold_with(&kfold(k, seed, n)?, n, f32::NAN, fit_predict)
}

/// Out-of-fold predictions over given folds: each tested row gets the value predicted by the
/// fold testing it; rows never tested keep `missing` (e.g. `f32::NAN`).
pub fn out_of_fold_with<T: Clone>(
    folds: &[Fold],
    n: usize,
    missing: T,
    mut fit_predict: impl FnMut(&[usize], &[usize]) -> Result<Vec<T>, ModelError>,
) -> Result<Vec<T>, ModelError> {
    let mut out = vec![missing; n];
    for (f, fold) in folds.iter().enumerate() {
        let preds = fit_predict(&fold.train, &fold.test)?;
        if preds.len() != fold.test.len() {
            return Err(ModelError::InvalidData(format!(
                "fold {f}: {} predictions for {} test rows",
                preds.len(),
                fold.test.len()
            )));
        }
        for (&i, p) in fold.test.iter().zip(preds) {
            out[i] = p;
        }
    }
    Ok(out)
}
