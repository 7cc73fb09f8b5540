//! The L2-regularised, sample-weighted logistic loss over sparse rows, as an [`Objective`] for
//! the trust-region solver. Variables are the feature weights followed, when the intercept
//! scaling `k` is non-zero, by one bias variable acting on a constant feature of value `k`.
//! Each row may carry a fixed offset added to its margin (how a prior mean of the weights is
//! solved, see [`super::LogisticValidParams::fit_sparse_prior`]).

use super::tron::Objective;
use crate::text::SparseVec;

/// `0.5·|w|² + Σ cᵢ·log(1 + exp(−yᵢ·zᵢ))` with `zᵢ = w·xᵢ + k·b + oᵢ`.
pub(crate) struct LogLoss<'a> {
    rows: &'a [SparseVec],
    /// +1 or −1 per row.
    y: Vec<f64>,
    /// Per-row cost `C · sample weight · class weight`; rows with cost 0 are skipped.
    cost: Vec<f64>,
    n_features: usize,
    k: f64,
    /// Fixed per-row offsets `oᵢ` of the margins (empty: all zero).
    offset: Vec<f64>,
    /// Margins `zᵢ` at the last `value` point.
    z: Vec<f64>,
    /// Hessian diagonal `cᵢ·σ(yz)(1−σ(yz))` at the last `gradient` point.
    d: Vec<f64>,
    w: Vec<f64>,
}

impl<'a> LogLoss<'a> {
    /// Builds the objective; `cost` must already include C and all weights.
    pub fn new(
        rows: &'a [SparseVec],
        y: &[bool],
        cost: Vec<f64>,
        n_features: usize,
        k: f64,
    ) -> Self {
        let n = rows.len();
        LogLoss {
            rows,
            y: y.iter().map(|&b| if b { 1.0 } else { -1.0 }).collect(),
            cost,
            n_features,
            k,
            offset: Vec::new(),
            z: vec![0.0; n],
            d: vec![0.0; n],
            w: Vec::new(),
        }
    }

    /// Adds the fixed offset `offset[i]` to row `i`'s margin (empty: none).
    pub fn with_offset(mut self, offset: Vec<f64>) -> Self {
        assert!(offset.is_empty() || offset.len() == self.rows.len());
        self.offset = offset;
        self
    }

    fn has_bias(&self) -> bool {
        self.k != 0.0
    }

    /// `out = X v` (with the bias column).
    fn x_times(&self, v: &[f64], out: &mut [f64]) {
        let bias = if self.has_bias() {
            self.k * v[self.n_features]
        } else {
            0.0
        };
        for (i, row) in self.rows.iter().enumerate() {
            if self.cost[i] == 0.0 {
                continue;
            }
            let s: f64 = row.iter().map(|(j, x)| x as f64 * v[j as usize]).sum();
            out[i] = s + bias;
        }
    }

    /// `out += Xᵀ u` (with the bias column).
    fn xt_times_add(&self, u: &[f64], out: &mut [f64]) {
        let mut bias = 0.0;
        for (i, row) in self.rows.iter().enumerate() {
            let ui = u[i];
            if self.cost[i] == 0.0 || ui == 0.0 {
                continue;
            }
            for (j, x) in row.iter() {
                out[j as usize] += x as f64 * ui;
            }
            bias += ui;
        }
        if self.has_bias() {
            out[self.n_features] += self.k * bias;
        }
    }
}

/// `log(1 + exp(−t))` without overflow.
pub(crate) fn log1p_exp_neg(t: f64) -> f64 {
    if t >= 0.0 {
        (-t).exp().ln_1p()
    } else {
        -t + t.exp().ln_1p()
    }
}

/// The logistic function.
pub(crate) fn sigmoid(t: f64) -> f64 {
    if t >= 0.0 {
        1.0 / (1.0 + (-t).exp())
    } else {
        let e = t.exp();
        e / (1.0 + e)
    }
}

impl Objective for LogLoss<'_> {
    fn dim(&self) -> usize {
        self.n_features + usize::from(self.has_bias())
    }

    fn value(&mut self, w: &[f64]) -> f64 {
        let mut z = std::mem::take(&mut self.z);
        self.x_times(w, &mut z);
        z.iter_mut().zip(&self.offset).for_each(|(z, o)| *z += o);
        self.z = z;
        self.w = w.to_vec();
        let reg = 0.5 * w.iter().map(|v| v * v).sum::<f64>();
        let loss: f64 = (0..self.rows.len())
            .filter(|&i| self.cost[i] != 0.0)
            .map(|i| self.cost[i] * log1p_exp_neg(self.y[i] * self.z[i]))
            .sum();
        reg + loss
    }

    fn gradient(&mut self, g: &mut [f64]) {
        let mut u = vec![0.0; self.rows.len()];
        for (i, (u, d)) in u.iter_mut().zip(self.d.iter_mut()).enumerate() {
            let s = sigmoid(self.y[i] * self.z[i]);
            *d = self.cost[i] * s * (1.0 - s);
            *u = self.cost[i] * (s - 1.0) * self.y[i];
        }
        g.copy_from_slice(&self.w);
        self.xt_times_add(&u, g);
    }

    fn hess_vec(&self, v: &[f64], out: &mut [f64]) {
        let mut u = vec![0.0; self.rows.len()];
        self.x_times(v, &mut u);
        u.iter_mut().zip(&self.d).for_each(|(u, d)| *u *= d);
        out.copy_from_slice(v);
        self.xt_times_add(&u, out);
    }
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;

    fn numeric_gradient(f: &mut LogLoss, w: &[f64], j: usize) -> f64 {
        let h = 1e-6;
        let (mut a, mut b) = (w.to_vec(), w.to_vec());
        a[j] += h;
        b[j] -= h;
        (f.value(&a) - f.value(&b)) / (2.0 * h)
    }

    #[test]
    fn gradient_and_hessian_match_finite_differences() {
        let rows = vec![
            SparseVec::from_pairs(vec![(0, 1.0), (2, 0.5)]),
            SparseVec::from_pairs(vec![(1, 2.0)]),
            SparseVec::from_pairs(vec![(0, -1.0), (1, 0.3), (2, 1.5)]),
        ];
        let y = [true, false, true];
        let mut f = LogLoss::new(&rows, &y, vec![1.0, 2.0, 0.5], 3, 1.0);
        let w = [0.3, -0.2, 0.7, 0.1];
        f.value(&w);
        let mut g = vec![0.0; 4];
        f.gradient(&mut g);
        let mut hv = vec![0.0; 4];
        f.hess_vec(&[1.0, 0.0, 0.0, 0.0], &mut hv);
        for j in 0..4 {
            let num = numeric_gradient(&mut f, &w, j);
            assert!((num - g[j]).abs() < 1e-6, "grad {j}: {num} vs {}", g[j]);
        }
        // Column 0 of the Hessian by differencing the gradient.
        let h = 1e-6;
        let mut g2 = vec![0.0; 4];
        f.value(&[w[0] + h, w[1], w[2], w[3]]);
        f.gradient(&mut g2);
        for j in 0..4 {
            let num = (g2[j] - g[j]) / h;
            assert!((num - hv[j]).abs() < 1e-4, "hess {j}: {num} vs {}", hv[j]);
        }
    }

    #[test]
    fn offsets_shift_the_margins_and_leave_the_hessian_alone() {
        let rows = vec![
            SparseVec::from_pairs(vec![(0, 1.0)]),
            SparseVec::from_pairs(vec![(1, 2.0)]),
        ];
        let y = [true, false];
        let w = [0.4, -0.1, 0.2];
        let mut plain = LogLoss::new(&rows, &y, vec![1.0, 1.0], 2, 1.0);
        let mut shifted =
            LogLoss::new(&rows, &y, vec![1.0, 1.0], 2, 1.0).with_offset(vec![0.5, -0.3]);
        let reg = 0.5 * w.iter().map(|v| v * v).sum::<f64>();
        let expect = reg + log1p_exp_neg(0.4 + 0.2 + 0.5) + log1p_exp_neg(-(-0.2 + 0.2 - 0.3));
        assert!((shifted.value(&w) - expect).abs() < 1e-12);
        assert!((plain.value(&w) - shifted.value(&w)).abs() > 1e-3);
        let mut g = vec![0.0; 3];
        shifted.gradient(&mut g);
        for j in 0..3 {
            let num = numeric_gradient(&mut shifted, &w, j);
            assert!((num - g[j]).abs() < 1e-6, "grad {j}: {num} vs {}", g[j]);
        }
    }

    #[test]
    fn stable_helpers_do_not_overflow() {
        assert!((log1p_exp_neg(-1000.0) - 1000.0).abs() < 1e-9);
        assert!(log1p_exp_neg(1000.0) >= 0.0 && log1p_exp_neg(1000.0) < 1e-300);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
    }
}
