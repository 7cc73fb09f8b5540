//! linfa integration: [`SparseRecords`] (rows of [`SparseVec`] with a feature count) implements
//! linfa's `Records`, so sparse data can go through linfa's `Fit` and `Predict` traits:
//! `Array1<bool>` targets fit a [`LogisticModel`], `Array2<bool>` targets (one column per label)
//! fit a [`OneVsRest`].

use linfa::dataset::{DatasetBase, Records};
use linfa::traits::{Fit, PredictInplace};
use ndarray::{Array1, Array2};

use super::error::ModelError;
use super::linear::{check_row, LogisticModel};
use super::ovr::{BinaryTarget, OneVsRest};
use super::params::LogisticValidParams;
use crate::text::SparseVec;

/// Sparse rows over a fixed number of features (every index is below it).
#[derive(Debug, Clone, PartialEq)]
pub struct SparseRecords {
    rows: Vec<SparseVec>,
    n_features: usize,
}

/// A linfa dataset over sparse rows.
pub type SparseDataset<T = Array1<bool>> = DatasetBase<SparseRecords, T>;

impl SparseRecords {
    /// Wraps rows, checking each is well formed with indices below `n_features`.
    pub fn new(rows: Vec<SparseVec>, n_features: usize) -> Result<Self, ModelError> {
        for (i, r) in rows.iter().enumerate() {
            check_row(i, r, n_features)?;
        }
        Ok(SparseRecords { rows, n_features })
    }

    /// The rows.
    pub fn rows(&self) -> &[SparseVec] {
        &self.rows
    }

    /// The number of features.
    pub fn n_features(&self) -> usize {
        self.n_features
    }
}

impl Records for SparseRecords {
    type Elem = f32;

    fn nsamples(&self) -> usize {
        self.rows.len()
    }

    fn nfeatures(&self) -> usize {
        self.n_features
    }
}

impl Fit<SparseRecords, Array1<bool>, ModelError> for LogisticValidParams {
    type Object = LogisticModel;

    fn fit(&self, ds: &SparseDataset) -> Result<LogisticModel, ModelError> {
        let y = ds.targets.to_vec();
        let r = &ds.records;
        self.fit_sparse_dim(&r.rows, &y, ds.weights(), r.n_features)
    }
}

impl Fit<SparseRecords, Array2<bool>, ModelError> for LogisticValidParams {
    type Object = OneVsRest;

    /// One head per target column, named by the dataset's target names (or `0`, `1`, ...).
    fn fit(&self, ds: &SparseDataset<Array2<bool>>) -> Result<OneVsRest, ModelError> {
        let names = ds.target_names();
        let weights = ds.weights().map(<[f32]>::to_vec);
        let targets: Vec<BinaryTarget> = ds
            .targets
            .columns()
            .into_iter()
            .enumerate()
            .map(|(k, col)| BinaryTarget {
                name: names.get(k).cloned().unwrap_or_else(|| k.to_string()),
                labels: col.to_vec(),
                sample_weight: weights.clone(),
                prior: Vec::new(),
            })
            .collect();
        OneVsRest::fit_dim(self, &ds.records.rows, &targets, ds.records.n_features)
    }
}

impl PredictInplace<SparseRecords, Array1<bool>> for LogisticModel {
    /// Positive where the decision value is > 0. Panics if `y` has the wrong length.
    fn predict_inplace(&self, x: &SparseRecords, y: &mut Array1<bool>) {
        assert_eq!(x.rows.len(), y.len(), "one target per row");
        y.iter_mut()
            .zip(&x.rows)
            .for_each(|(y, r)| *y = self.decision(r) > 0.0);
    }

    fn default_target(&self, x: &SparseRecords) -> Array1<bool> {
        Array1::from_elem(x.rows.len(), false)
    }
}

impl PredictInplace<SparseRecords, Array1<f32>> for LogisticModel {
    /// Decision values. Panics if `y` has the wrong length.
    fn predict_inplace(&self, x: &SparseRecords, y: &mut Array1<f32>) {
        assert_eq!(x.rows.len(), y.len(), "one target per row");
        y.iter_mut()
            .zip(&x.rows)
            .for_each(|(y, r)| *y = self.decision(r));
    }

    fn default_target(&self, x: &SparseRecords) -> Array1<f32> {
        Array1::zeros(x.rows.len())
    }
}

impl PredictInplace<SparseRecords, Array2<bool>> for OneVsRest {
    /// Per row and head, positive where the head's decision value is > 0. Panics on a shape
    /// mismatch.
    fn predict_inplace(&self, x: &SparseRecords, y: &mut Array2<bool>) {
        assert_eq!(y.dim(), (x.rows.len(), self.models.len()), "rows x heads");
        for (mut out, r) in y.rows_mut().into_iter().zip(&x.rows) {
            out.iter_mut()
                .zip(&self.models)
                .for_each(|(o, m)| *o = m.decision(r) > 0.0);
        }
    }

    fn default_target(&self, x: &SparseRecords) -> Array2<bool> {
        Array2::from_elem((x.rows.len(), self.models.len()), false)
    }
}
