//! Second views folded into the sector heads. A view is a logistic model fitted on a subset
//! of the features (say, the word n-grams alone), optionally with each feature scaled by its
//! Naive-Bayes log-count ratio (Wang and Manning's NBSVM with logistic loss). Its weights are
//! added, times a weight, to those of the head's plain model, so the head is again one weight
//! per feature: a record is scored exactly as before, with no extra work at run time.
//!
//! Why: averaging models that see the text differently is a cheap ensemble; on the gold
//! folds a word-only model added to the full one raised sectors micro-F1 (see MODEL.md).

use std::ops::Range;

use crate::model::{BinaryTarget, LogisticModel, LogisticValidParams, ModelError};
use crate::text::SparseVec;

/// Smoothing added to each class's feature sums before the Naive-Bayes ratio is taken.
const ALPHA: f64 = 1.0;

/// One second view of the features.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The feature indices the view sees.
    pub features: Range<u32>,
    /// Scale each feature by its Naive-Bayes log-count ratio.
    pub nb: bool,
    /// Weight of the view's model in the head's sum.
    pub weight: f32,
}

/// `|log(p_j / |p|) - log(q_j / |q|)|` per feature, where `p` and `q` are the smoothed sums of
/// feature `j` over the positive and negative rows with a non-zero weight.
pub fn ratios(x: &[SparseVec], t: &BinaryTarget, dim: usize) -> Vec<f32> {
    let mut p = vec![ALPHA; dim];
    let mut q = vec![ALPHA; dim];
    for (i, row) in x.iter().enumerate() {
        let w = t.sample_weight.as_ref().map_or(1.0, |w| w[i] as f64);
        if w <= 0.0 {
            continue;
        }
        let sums = if t.labels[i] { &mut p } else { &mut q };
        for (j, v) in row.iter() {
            sums[j as usize] += w * v as f64;
        }
    }
    let (sp, sq) = (p.iter().sum::<f64>(), q.iter().sum::<f64>());
    p.iter()
        .zip(&q)
        .map(|(a, b)| ((a / sp).ln() - (b / sq).ln()).abs() as f32)
        .collect()
}

/// `x` restricted to the view's features, each multiplied by its scale.
fn project(x: &[SparseVec], view: &View, scale: &[f32]) -> Vec<SparseVec> {
    x.iter()
        .map(|row| {
            let (indices, values) = row
                .iter()
                .filter(|(j, _)| view.features.contains(j))
                .map(|(j, v)| (j, v * scale[j as usize]))
                .unzip();
            SparseVec { indices, values }
        })
        .collect()
}

/// Fits the view's model of one head and returns `plain + weight × view`, folded into one
/// weight per feature.
pub fn add_view(
    params: &LogisticValidParams,
    plain: &LogisticModel,
    x: &[SparseVec],
    t: &BinaryTarget,
    dim: usize,
    view: &View,
) -> Result<LogisticModel, ModelError> {
    let scale = if view.nb {
        ratios(x, t, dim)
    } else {
        vec![1.0; dim]
    };
    let xv = project(x, view, &scale);
    let m = params.fit_sparse_dim(&xv, &t.labels, t.sample_weight.as_deref(), dim)?;
    let weights = plain
        .weights()
        .iter()
        .zip(m.weights().iter().zip(&scale))
        .map(|(w, (v, s))| w + view.weight * v * s)
        .collect();
    Ok(LogisticModel::from_parts(
        weights,
        plain.bias() + view.weight * m.bias(),
        plain.fit_info(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa::ParamGuard;

    fn row(pairs: &[(u32, f32)]) -> SparseVec {
        SparseVec::from_pairs(pairs.to_vec())
    }

    #[test]
    fn ratios_are_large_for_class_specific_features_and_ignore_weightless_rows() {
        let x = vec![
            row(&[(0, 1.0), (2, 1.0)]),
            row(&[(1, 1.0), (2, 1.0)]),
            row(&[(0, 50.0)]),
        ];
        let t = BinaryTarget {
            name: "h".into(),
            labels: vec![true, false, false],
            sample_weight: Some(vec![1.0, 1.0, 0.0]),
            prior: Vec::new(),
        };
        let r = ratios(&x, &t, 3);
        // feature 0 only in the positive row, 1 only in the negative, 2 in both alike
        assert!(r[0] > 0.3 && r[1] > 0.3, "{r:?}");
        assert!(r[2] < 1e-6, "{r:?}");
        assert!((r[0] - r[1]).abs() < 1e-6, "{r:?}");
    }

    #[test]
    fn the_folded_model_scores_as_the_sum_of_the_two_and_ignores_unseen_features() {
        let x: Vec<SparseVec> = (0..40)
            .map(|i| row(&[(i % 4, 1.0), (4 + i % 3, 0.5)]))
            .collect();
        let t = BinaryTarget {
            name: "h".into(),
            labels: (0..40).map(|i| i % 4 < 2).collect(),
            sample_weight: None,
            prior: Vec::new(),
        };
        let params = crate::model::LogisticParams::new().c(10.0).check().unwrap();
        let plain = params.fit_sparse_dim(&x, &t.labels, None, 7).unwrap();
        for nb in [false, true] {
            let view = View {
                features: 0..4,
                nb,
                weight: 0.5,
            };
            let both = add_view(&params, &plain, &x, &t, 7, &view).unwrap();
            let scale = if nb { ratios(&x, &t, 7) } else { vec![1.0; 7] };
            let xv = project(&x, &view, &scale);
            let m = params.fit_sparse_dim(&xv, &t.labels, None, 7).unwrap();
            assert!(m.weights()[4..].iter().all(|&w| w == 0.0));
            for (a, b) in x.iter().zip(&xv) {
                let want = plain.decision(a) + 0.5 * m.decision(b);
                assert!((both.decision(a) - want).abs() < 1e-4);
            }
            assert!(both.decision(&x[0]) > plain.decision(&x[0]));
        }
    }
}
