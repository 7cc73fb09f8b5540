//! Linear models over sparse features and everything around them: hyper-parameters
//! ([`params`]), the binary logistic regression ([`linear`]) and its one-vs-rest ensemble
//! ([`ovr`]), linfa integration ([`dataset`]), Platt calibration and thresholds
//! ([`calibrate`]), grouped stratified cross-validation ([`cv`]), evaluation reports
//! ([`metrics`], [`render`]), and the on-disk model directory ([`store`], [`codec`]).
//! Seeded synthetic data for tests and benchmarks is in [`synth`].
//!
//! ```
//! use landscape::model::{LogisticParams, synth::synthetic};
//! use linfa::ParamGuard;
//! let data = synthetic(400, 50, 8, 0.0, 1);
//! let model = LogisticParams::new().c(10.0).check()?.fit_sparse(&data.rows, &data.labels, None)?;
//! let right = data.rows.iter().zip(&data.labels)
//!     .filter(|(x, &y)| (model.decision(x) > 0.0) == y).count();
//! assert!(right > 360);
//! # Ok::<(), landscape::model::ModelError>(())
//! ```

pub mod calibrate;
pub mod codec;
pub mod cv;
#[cfg(test)]
mod cv_tests;
pub mod dataset;
pub mod error;
pub mod linear;
#[cfg(test)]
mod linear_tests;
mod logloss;
pub mod manifest;
pub mod metrics;
pub mod ovr;
pub mod params;
#[cfg(test)]
mod pipeline_tests;
pub mod render;
pub mod rng;
pub mod store;
#[cfg(test)]
mod store_tests;
pub mod synth;
mod tron;

pub use calibrate::{best_threshold, Platt};
pub use cv::{kfold, out_of_fold, out_of_fold_with, stratified_group_kfold, Fold};
pub use dataset::{SparseDataset, SparseRecords};
pub use error::ModelError;
pub use linear::{FitInfo, LogisticModel};
pub use manifest::Manifest;
pub use metrics::{ConfusionMatrix, Report};
pub use ovr::{BinaryTarget, OneVsRest};
pub use params::{LogisticParams, LogisticValidParams};
pub use store::ModelStore;
