//! Binary L2-regularised logistic regression over sparse rows: training
//! ([`LogisticValidParams::fit_sparse`]) and the fitted [`LogisticModel`] with decision values
//! and per-feature contributions for evidence.

use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::logloss::{sigmoid, LogLoss};
use super::params::LogisticValidParams;
use super::tron;
use crate::text::SparseVec;

/// How the solver finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FitInfo {
    /// Newton iterations taken.
    pub iterations: u32,
    /// Whether the tolerance was reached before `max_iter`.
    pub converged: bool,
}

/// A fitted binary logistic regression: `P(y) = σ(w·x + bias)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticModel {
    pub(crate) weights: Vec<f32>,
    pub(crate) bias: f32,
    pub(crate) info: FitInfo,
}

impl LogisticModel {
    /// Builds a model from known weights and bias (for decoding and tests).
    pub fn from_parts(weights: Vec<f32>, bias: f32, info: FitInfo) -> Self {
        LogisticModel {
            weights,
            bias,
            info,
        }
    }

    /// The decision value `w·x + bias`; positive means the positive class. Features past the
    /// end of the weight vector count as zero.
    pub fn decision(&self, x: &SparseVec) -> f32 {
        x.dot(&self.weights) + self.bias
    }

    /// The uncalibrated probability `σ(decision)`; calibrate with
    /// [`Platt`](super::calibrate::Platt) for probabilities that mean what they say.
    pub fn probability(&self, x: &SparseVec) -> f32 {
        sigmoid(self.decision(x) as f64) as f32
    }

    /// The feature weights, one per feature index.
    pub fn weights(&self) -> &[f32] {
        &self.weights
    }

    /// The bias (intercept) added to every decision value.
    pub fn bias(&self) -> f32 {
        self.bias
    }

    /// The same model with `delta` added to its bias (a moved decision threshold).
    pub fn shifted(mut self, delta: f32) -> Self {
        self.bias += delta;
        self
    }

    /// How the solver finished.
    pub fn fit_info(&self) -> FitInfo {
        self.info
    }

    /// The non-zero terms `w_j·x_j` of the decision value, sorted by decreasing absolute value
    /// (ties by feature index), as evidence for a prediction.
    pub fn contributions(&self, x: &SparseVec) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = x
            .iter()
            .filter_map(|(j, v)| self.weights.get(j as usize).map(|w| (j, w * v)))
            .filter(|&(_, c)| c != 0.0)
            .collect();
        out.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
        out
    }
}

impl LogisticValidParams {
    /// Trains on rows `x` with labels `y` and optional non-negative sample weights; the
    /// number of features is one past the largest index seen.
    pub fn fit_sparse(
        &self,
        x: &[SparseVec],
        y: &[bool],
        sample_weight: Option<&[f32]>,
    ) -> Result<LogisticModel, ModelError> {
        let n_features = x
            .iter()
            .filter_map(|r| r.indices.last())
            .max()
            .map_or(0, |&m| m as usize + 1);
        self.fit_sparse_dim(x, y, sample_weight, n_features)
    }

    /// Like [`fit_sparse`](Self::fit_sparse) with an explicit number of features; every index
    /// must be below it.
    pub fn fit_sparse_dim(
        &self,
        x: &[SparseVec],
        y: &[bool],
        sample_weight: Option<&[f32]>,
        n_features: usize,
    ) -> Result<LogisticModel, ModelError> {
        self.fit_sparse_prior(x, y, sample_weight, n_features, &[])
    }

    /// Like [`fit_sparse_dim`](Self::fit_sparse_dim), with a prior mean for some weights:
    /// the objective is `0.5·|w − μ|² + C·loss` where `μ` is `prior` (`(feature, mean)`
    /// pairs) and zero elsewhere. Where the data say little about a feature, its weight stays
    /// near its prior mean; where they say much, they override it. Solved as the plain problem
    /// in `w − μ` with `μ·xᵢ` added to each row's margin.
    pub fn fit_sparse_prior(
        &self,
        x: &[SparseVec],
        y: &[bool],
        sample_weight: Option<&[f32]>,
        n_features: usize,
        prior: &[(u32, f32)],
    ) -> Result<LogisticModel, ModelError> {
        check_data(x, y, sample_weight, n_features)?;
        let mu = prior_means(prior, n_features)?;
        let offset: Vec<f64> = match &mu {
            Some(mu) => x
                .iter()
                .map(|r| r.iter().map(|(j, v)| v as f64 * mu[j as usize]).sum())
                .collect(),
            None => Vec::new(),
        };
        let cost = self.costs(y, sample_weight);
        let k = self.intercept_scaling();
        let mut f = LogLoss::new(x, y, cost, n_features, k).with_offset(offset);
        let mut w = vec![0.0f64; n_features + usize::from(k != 0.0)];
        let out = tron::minimize(&mut f, &mut w, self.tol(), self.max_iter());
        let bias = if k != 0.0 {
            (w[n_features] * k) as f32
        } else {
            0.0
        };
        w.truncate(n_features);
        if let Some(mu) = &mu {
            w.iter_mut().zip(mu).for_each(|(w, m)| *w += m);
        }
        let info = FitInfo {
            iterations: out.iterations as u32,
            converged: out.converged,
        };
        Ok(LogisticModel::from_parts(
            w.iter().map(|&v| v as f32).collect(),
            bias,
            info,
        ))
    }

    /// Per-row cost `C · sample weight · class weight`.
    fn costs(&self, y: &[bool], sample_weight: Option<&[f32]>) -> Vec<f64> {
        let sw = |i: usize| sample_weight.map_or(1.0, |w| w[i] as f64);
        let (mut pos, mut neg) = (0.0, 0.0);
        for (i, &l) in y.iter().enumerate() {
            *(if l { &mut pos } else { &mut neg }) += sw(i);
        }
        let total = pos + neg;
        let cw = |l: bool| {
            let n_c = if l { pos } else { neg };
            if self.balanced() && n_c > 0.0 {
                total / (2.0 * n_c)
            } else {
                1.0
            }
        };
        let (cw_pos, cw_neg) = (cw(true), cw(false));
        y.iter()
            .enumerate()
            .map(|(i, &l)| self.c() * sw(i) * if l { cw_pos } else { cw_neg })
            .collect()
    }
}

/// The dense prior means of `prior` (`None` when it is empty); fails on an index out of range,
/// a repeated index or a mean that is not finite.
fn prior_means(prior: &[(u32, f32)], n_features: usize) -> Result<Option<Vec<f64>>, ModelError> {
    if prior.is_empty() {
        return Ok(None);
    }
    let mut mu = vec![0.0f64; n_features];
    let mut seen = vec![false; n_features];
    for &(j, m) in prior {
        let j = j as usize;
        if j >= n_features || seen[j] || !m.is_finite() {
            return Err(ModelError::InvalidData(format!(
                "prior mean {m} of feature {j}: the index must be below {n_features}, \
                 given once, and the mean finite"
            )));
        }
        seen[j] = true;
        mu[j] = m as f64;
    }
    Ok(Some(mu))
}

/// Checks lengths, weights, values and indices before training.
fn check_data(
    x: &[SparseVec],
    y: &[bool],
    w: Option<&[f32]>,
    n_features: usize,
) -> Result<(), ModelError> {
    let bad = |m: String| Err(ModelError::InvalidData(m));
    if x.len() != y.len() {
        return bad(format!("{} rows but {} labels", x.len(), y.len()));
    }
    if let Some(w) = w {
        if w.len() != x.len() {
            return bad(format!("{} rows but {} sample weights", x.len(), w.len()));
        }
        if let Some(i) = w.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
            return bad(format!(
                "sample weight of row {i} is {}, must be finite and >= 0",
                w[i]
            ));
        }
        if !w.iter().any(|&v| v > 0.0) {
            return bad("every sample weight is zero".into());
        }
    }
    if x.is_empty() {
        return bad("no training rows".into());
    }
    for (i, r) in x.iter().enumerate() {
        check_row(i, r, n_features)?;
    }
    Ok(())
}

/// Checks one row: matching lengths, strictly increasing indices below `n_features`, finite values.
pub(crate) fn check_row(i: usize, r: &SparseVec, n_features: usize) -> Result<(), ModelError> {
    let bad = |m: String| Err(ModelError::InvalidData(format!("row {i}: {m}")));
    if r.indices.len() != r.values.len() {
        return bad(format!(
            "{} indices but {} values",
            r.indices.len(),
            r.values.len()
        ));
    }
    if r.indices.windows(2).any(|p| p[0] >= p[1]) {
        return bad("indices are not strictly increasing".into());
    }
    if let Some(&last) = r.indices.last() {
        if last as usize >= n_features {
            return bad(format!(
                "feature index {last} >= number of features {n_features}"
            ));
        }
    }
    if r.values.iter().any(|v| !v.is_finite()) {
        return bad("a feature value is not finite".into());
    }
    Ok(())
}
