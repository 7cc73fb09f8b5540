//! Seeded synthetic sparse classification data, shaped like L2-normalised bag-of-words rows,
//! for tests and benchmarks of the linear models (no corpus needed).

use super::rng::SplitMix64;
use crate::text::SparseVec;

/// A synthetic binary problem.
#[derive(Debug, Clone)]
pub struct SyntheticSet {
    /// Rows, each L2-normalised with `nnz` distinct features.
    pub rows: Vec<SparseVec>,
    /// Labels: the sign of `w*·x + noise·N(0,1)` for a hidden weight vector `w*`.
    pub labels: Vec<bool>,
    /// The hidden weight vector.
    pub truth: Vec<f32>,
}

/// Generates `n_rows` rows over `n_features` features with `nnz` non-zeros each (feature
/// frequencies skewed like words), labelled by a hidden sparse linear rule plus Gaussian
/// `noise` on the margin (0 gives a separable set).
pub fn synthetic(
    n_rows: usize,
    n_features: usize,
    nnz: usize,
    noise: f64,
    seed: u64,
) -> SyntheticSet {
    let mut rng = SplitMix64::new(seed);
    let truth: Vec<f32> = (0..n_features)
        .map(|_| {
            if rng.next_f64() < 0.2 {
                (3.0 * rng.normal()) as f32
            } else {
                0.0
            }
        })
        .collect();
    let mut rows = Vec::with_capacity(n_rows);
    let mut labels = Vec::with_capacity(n_rows);
    for _ in 0..n_rows {
        let row = random_row(&mut rng, n_features, nnz);
        let margin = row.dot(&truth) as f64 + noise * rng.normal();
        labels.push(margin > 0.0);
        rows.push(row);
    }
    SyntheticSet {
        rows,
        labels,
        truth,
    }
}

/// One L2-normalised row with `nnz` distinct, frequency-skewed features.
fn random_row(rng: &mut SplitMix64, n_features: usize, nnz: usize) -> SparseVec {
    let nnz = nnz.min(n_features);
    let mut picked = std::collections::BTreeMap::new();
    while picked.len() < nnz {
        let u = rng.next_f64();
        let j = ((u * u) * n_features as f64) as u32;
        let tf = 1.0 + rng.below(3) as f32;
        picked.entry(j.min(n_features as u32 - 1)).or_insert(tf);
    }
    let mut row = SparseVec {
        indices: picked.keys().copied().collect(),
        values: picked.values().copied().collect(),
    };
    row.l2_normalize();
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_reproducible_and_well_formed() {
        let a = synthetic(50, 200, 10, 0.1, 3);
        let b = synthetic(50, 200, 10, 0.1, 3);
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.labels, b.labels);
        for r in &a.rows {
            assert_eq!(r.nnz(), 10);
            assert!(r.indices.windows(2).all(|p| p[0] < p[1]));
            let n: f32 = r.values.iter().map(|v| v * v).sum();
            assert!((n - 1.0).abs() < 1e-5);
        }
        let pos = a.labels.iter().filter(|&&l| l).count();
        assert!(pos > 5 && pos < 45, "both classes present: {pos}");
    }
}
