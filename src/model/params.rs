//! Hyper-parameters of the logistic regression, in linfa's style: a builder
//! ([`LogisticParams`]) that is checked into [`LogisticValidParams`] before any training, so an
//! invalid value never reaches the solver.

use linfa::ParamGuard;
use serde::{Deserialize, Serialize};

use super::error::ModelError;

/// Checked hyper-parameters of an L2-regularised binary logistic regression.
///
/// The objective is `0.5·|w|² + Σ C·sᵢ·cᵢ·log(1 + exp(−yᵢ(w·xᵢ + b·k)))` where `sᵢ` is the
/// sample weight, `cᵢ` the class weight and `k` the intercept scaling: the bias is a constant
/// feature of value `k` and is regularised with the weights, as in liblinear. Solved by a
/// trust-region Newton method (TRON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticValidParams {
    c: f64,
    tol: f64,
    max_iter: usize,
    balanced: bool,
    intercept_scaling: f64,
}

/// Unchecked hyper-parameters; call [`ParamGuard::check`] (or fit through linfa's `Fit`, which
/// checks) to obtain [`LogisticValidParams`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticParams(LogisticValidParams);

impl Default for LogisticParams {
    fn default() -> Self {
        Self::new()
    }
}

impl LogisticParams {
    /// Defaults: `C = 1`, `tol = 1e-3`, `max_iter = 100`, unbalanced, intercept scaling 1.
    pub fn new() -> Self {
        LogisticParams(LogisticValidParams {
            c: 1.0,
            tol: 1e-3,
            max_iter: 100,
            balanced: false,
            intercept_scaling: 1.0,
        })
    }

    /// Inverse regularisation strength `C > 0` (default 1); larger fits the data harder.
    pub fn c(mut self, c: f64) -> Self {
        self.0.c = c;
        self
    }

    /// Relative stopping tolerance `tol > 0` (default 1e-3): stop when the gradient norm has
    /// shrunk by this factor from its value at `w = 0`.
    pub fn tol(mut self, tol: f64) -> Self {
        self.0.tol = tol;
        self
    }

    /// Maximum number of Newton iterations, at least 1 (default 100).
    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.0.max_iter = max_iter;
        self
    }

    /// Balanced class weights `n / (2·n_class)` computed from the (sample-weighted) training
    /// labels (default off).
    pub fn balanced(mut self, balanced: bool) -> Self {
        self.0.balanced = balanced;
        self
    }

    /// Value `k ≥ 0` of the constant bias feature (default 1); 0 fits no bias.
    pub fn intercept_scaling(mut self, k: f64) -> Self {
        self.0.intercept_scaling = k;
        self
    }
}

impl LogisticValidParams {
    /// Inverse regularisation strength.
    pub fn c(&self) -> f64 {
        self.c
    }
    /// Relative stopping tolerance.
    pub fn tol(&self) -> f64 {
        self.tol
    }
    /// Maximum Newton iterations.
    pub fn max_iter(&self) -> usize {
        self.max_iter
    }
    /// Whether class weights are balanced.
    pub fn balanced(&self) -> bool {
        self.balanced
    }
    /// Value of the constant bias feature.
    pub fn intercept_scaling(&self) -> f64 {
        self.intercept_scaling
    }
}

impl ParamGuard for LogisticParams {
    type Checked = LogisticValidParams;
    type Error = ModelError;

    fn check_ref(&self) -> Result<&Self::Checked, Self::Error> {
        let p = &self.0;
        let bad = |m: String| Err(ModelError::InvalidParams(m));
        if !(p.c > 0.0 && p.c.is_finite()) {
            return bad(format!("C must be a finite number > 0, got {}", p.c));
        }
        if !(p.tol > 0.0 && p.tol.is_finite()) {
            return bad(format!("tol must be a finite number > 0, got {}", p.tol));
        }
        if p.max_iter < 1 {
            return bad("max_iter must be at least 1, got 0".into());
        }
        if !(p.intercept_scaling >= 0.0 && p.intercept_scaling.is_finite()) {
            return bad(format!(
                "intercept_scaling must be a finite number >= 0, got {}",
                p.intercept_scaling
            ));
        }
        Ok(p)
    }

    fn check(self) -> Result<Self::Checked, Self::Error> {
        self.check_ref()?;
        Ok(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_out_of_range_values_with_a_message() {
        let err = LogisticParams::new().c(0.0).check().unwrap_err();
        assert!(err.to_string().contains("C must be"), "{err}");
        let err = LogisticParams::new().tol(-1.0).check().unwrap_err();
        assert!(err.to_string().contains("tol must be"), "{err}");
        let err = LogisticParams::new().max_iter(0).check().unwrap_err();
        assert!(err.to_string().contains("max_iter"), "{err}");
        assert!(LogisticParams::new().c(f64::NAN).check().is_err());
        assert!(LogisticParams::new()
            .intercept_scaling(-1.0)
            .check()
            .is_err());
    }

    #[test]
    fn accepts_valid_values() {
        let p = LogisticParams::new()
            .c(4.0)
            .tol(1e-6)
            .max_iter(5)
            .balanced(true);
        let v = p.check().unwrap();
        assert_eq!(
            (v.c(), v.tol(), v.max_iter(), v.balanced()),
            (4.0, 1e-6, 5, true)
        );
    }
}
