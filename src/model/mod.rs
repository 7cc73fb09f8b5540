//! Linear models over sparse features and everything around them: hyper-parameters
//! ([`params`]), the binary logistic regression ([`linear`]) and its one-vs-rest ensemble
//! ([`ovr`]), linfa integration ([`dataset`]), Platt calibration and thresholds
//! ([`calibrate`]), grouped stratified cross-validation ([`cv`]), evaluation reports
//! ([`metrics`]), and the on-disk model directory ([`store`], [`codec`]).
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
pub mod dataset;
pub mod error;
pub mod linear;
#[cfg(test)]
mod linear_tests;
mod logloss;
pub mod metrics;
pub mod ovr;
pub mod params;
pub mod rng;
pub mod store;
pub mod synth;
mod tron;

pub use dataset::{SparseDataset, SparseRecords};
pub use error::ModelError;
pub use linear::{FitInfo, LogisticModel};
pub use ovr::{BinaryTarget, OneVsRest};
pub use params::{LogisticParams, LogisticValidParams};
