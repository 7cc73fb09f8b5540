//! One-vs-rest: K independent binary logistic models over the same rows, trained in parallel
//! with rayon. Each head is trained by the same sequential solver, so the result does not
//! depend on the number of threads.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::linear::LogisticModel;
use super::params::LogisticValidParams;
use crate::text::SparseVec;

/// The labels (and optional sample weights) of one binary head.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BinaryTarget {
    /// The head's name (a label value such as a sector).
    pub name: String,
    /// One label per training row.
    pub labels: Vec<bool>,
    /// Optional non-negative weight per row (0 leaves the row out of this head).
    pub sample_weight: Option<Vec<f32>>,
    /// Prior means of some weights, as `(feature, mean)` pairs: the L2 penalty pulls each of
    /// these weights towards its mean instead of towards zero (empty: every weight towards
    /// zero). See [`LogisticValidParams::fit_sparse_prior`].
    pub prior: Vec<(u32, f32)>,
}

/// K named binary logistic models sharing one feature space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneVsRest {
    pub(crate) names: Vec<String>,
    pub(crate) models: Vec<LogisticModel>,
}

impl OneVsRest {
    /// Trains one head per target, in parallel; the feature count is one past the largest
    /// index in `x`.
    pub fn fit(
        params: &LogisticValidParams,
        x: &[SparseVec],
        targets: &[BinaryTarget],
    ) -> Result<Self, ModelError> {
        let n_features = x
            .iter()
            .filter_map(|r| r.indices.last())
            .max()
            .map_or(0, |&m| m as usize + 1);
        Self::fit_dim(params, x, targets, n_features)
    }

    /// Like [`fit`](Self::fit) with an explicit feature count.
    pub fn fit_dim(
        params: &LogisticValidParams,
        x: &[SparseVec],
        targets: &[BinaryTarget],
        n_features: usize,
    ) -> Result<Self, ModelError> {
        if targets.is_empty() {
            return Err(ModelError::InvalidData(
                "one-vs-rest needs at least one target".into(),
            ));
        }
        let models = targets
            .par_iter()
            .map(|t| {
                params
                    .fit_sparse_prior(
                        x,
                        &t.labels,
                        t.sample_weight.as_deref(),
                        n_features,
                        &t.prior,
                    )
                    .map_err(|e| ModelError::InvalidData(format!("head `{}`: {e}", t.name)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let names = targets.iter().map(|t| t.name.clone()).collect();
        Ok(OneVsRest { names, models })
    }

    /// Assembles from named models (for decoding); names and models must pair up.
    pub fn from_parts(names: Vec<String>, models: Vec<LogisticModel>) -> Result<Self, ModelError> {
        if names.len() != models.len() || names.is_empty() {
            return Err(ModelError::InvalidData(format!(
                "{} names for {} models",
                names.len(),
                models.len()
            )));
        }
        Ok(OneVsRest { names, models })
    }

    /// The head names, in training order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The head models, in training order.
    pub fn models(&self) -> &[LogisticModel] {
        &self.models
    }

    /// The model of the head called `name`.
    pub fn model(&self, name: &str) -> Option<&LogisticModel> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| &self.models[i])
    }

    /// Decision values of every head for one row.
    pub fn decisions(&self, x: &SparseVec) -> Vec<f32> {
        self.models.iter().map(|m| m.decision(x)).collect()
    }

    /// Decision values of every head for many rows (rows in parallel, order kept).
    pub fn decisions_batch(&self, xs: &[SparseVec]) -> Vec<Vec<f32>> {
        xs.par_iter().map(|x| self.decisions(x)).collect()
    }

    /// The index of the head with the largest decision value (first on ties): the class when
    /// the heads are the mutually exclusive values of one label.
    pub fn argmax(&self, x: &SparseVec) -> usize {
        let d = self.decisions(x);
        (0..d.len()).fold(0, |best, i| if d[i] > d[best] { i } else { best })
    }
}
