//! A trust-region Newton solver (TRON; Lin & Moré 1999, as used by liblinear) for smooth,
//! strictly convex objectives given through the [`Objective`] trait. Deterministic: plain
//! sequential floating point in a fixed order.

/// A twice-differentiable, strictly convex function of a dense vector.
pub(crate) trait Objective {
    /// Number of variables.
    fn dim(&self) -> usize;
    /// The value at `w`; remembers `w`'s state for the next `gradient` and `hess_vec` calls.
    fn value(&mut self, w: &[f64]) -> f64;
    /// The gradient at the point last passed to `value`.
    fn gradient(&mut self, g: &mut [f64]);
    /// The Hessian (at the point of the last `gradient` call) times `v`.
    fn hess_vec(&self, v: &[f64], out: &mut [f64]);
}

/// What the solver did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TronOutcome {
    /// Newton iterations taken.
    pub iterations: usize,
    /// Whether the gradient norm fell below `tol` times its initial value.
    pub converged: bool,
    /// Final gradient norm divided by the initial one.
    pub relative_gradient: f64,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    y.iter_mut().zip(x).for_each(|(y, x)| *y += alpha * x);
}

/// Minimises `f` from `w` (updated in place) until `|∇f| ≤ tol·|∇f(w₀)|` or `max_iter`.
pub(crate) fn minimize(
    f: &mut impl Objective,
    w: &mut [f64],
    tol: f64,
    max_iter: usize,
) -> TronOutcome {
    let n = f.dim();
    let (mut g, mut s, mut r, mut w_new) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut fval = f.value(w);
    f.gradient(&mut g);
    let gnorm0 = norm(&g);
    let mut delta = gnorm0;
    let mut gnorm = gnorm0;
    let mut iter = 0;
    while iter < max_iter && gnorm > tol * gnorm0 {
        trcg(f, delta, &g, &mut s, &mut r);
        w_new.copy_from_slice(w);
        axpy(1.0, &s, &mut w_new);
        let gs = dot(&g, &s);
        let prered = -0.5 * (gs - dot(&s, &r));
        let fnew = f.value(&w_new);
        let actred = fval - fnew;
        let snorm = norm(&s);
        if iter == 0 {
            delta = delta.min(snorm);
        }
        delta = update_radius(delta, snorm, actred, prered, fnew - fval - gs, gs);
        if actred > ETA0 * prered {
            iter += 1;
            w.copy_from_slice(&w_new);
            fval = fnew;
            f.gradient(&mut g);
            gnorm = norm(&g);
        }
        let tiny = 1e-12 * fval.abs();
        if (actred <= 0.0 && prered <= 0.0) || (actred.abs() <= tiny && prered.abs() <= tiny) {
            break;
        }
    }
    let rel = if gnorm0 > 0.0 { gnorm / gnorm0 } else { 0.0 };
    TronOutcome {
        iterations: iter,
        converged: rel <= tol,
        relative_gradient: rel,
    }
}

const ETA0: f64 = 1e-4;
const ETA1: f64 = 0.25;
const ETA2: f64 = 0.75;
const SIGMA1: f64 = 0.25;
const SIGMA2: f64 = 0.5;
const SIGMA3: f64 = 4.0;

/// liblinear's trust-region radius update.
fn update_radius(delta: f64, snorm: f64, actred: f64, prered: f64, curv: f64, gs: f64) -> f64 {
    let alpha = if curv <= 0.0 {
        SIGMA3
    } else {
        SIGMA1.max(-0.5 * (gs / curv))
    };
    if actred < ETA0 * prered {
        (alpha.max(SIGMA1) * snorm).min(SIGMA2 * delta)
    } else if actred < ETA1 * prered {
        (SIGMA1 * delta).max((alpha * snorm).min(SIGMA2 * delta))
    } else if actred < ETA2 * prered {
        (SIGMA1 * delta).max((alpha * snorm).min(SIGMA3 * delta))
    } else {
        delta.max((alpha * snorm).min(SIGMA3 * delta))
    }
}

/// Truncated conjugate gradient inside the trust region: approximately solves `H s = −g`
/// with `|s| ≤ delta`; leaves the residual `−g − H s` in `r`.
fn trcg(f: &impl Objective, delta: f64, g: &[f64], s: &mut [f64], r: &mut [f64]) {
    let n = g.len();
    s.fill(0.0);
    r.iter_mut().zip(g).for_each(|(r, g)| *r = -g);
    let mut d = r.to_vec();
    let mut hd = vec![0.0; n];
    let cgtol = 0.1 * norm(g);
    let mut rtr = dot(r, r);
    while rtr.sqrt() > cgtol {
        f.hess_vec(&d, &mut hd);
        let mut alpha = rtr / dot(&d, &hd);
        axpy(alpha, &d, s);
        if norm(s) > delta {
            axpy(-alpha, &d, s);
            alpha = boundary_step(s, &d, delta);
            axpy(alpha, &d, s);
            axpy(-alpha, &hd, r);
            return;
        }
        axpy(-alpha, &hd, r);
        let rnew = dot(r, r);
        let beta = rnew / rtr;
        d.iter_mut()
            .zip(r.iter())
            .for_each(|(d, r)| *d = beta * *d + r);
        rtr = rnew;
    }
}

/// The step `alpha ≥ 0` with `|s + alpha·d| = delta`.
fn boundary_step(s: &[f64], d: &[f64], delta: f64) -> f64 {
    let (std, sts, dtd) = (dot(s, d), dot(s, s), dot(d, d));
    let dsq = delta * delta;
    let rad = (std * std + dtd * (dsq - sts)).sqrt();
    if std >= 0.0 {
        (dsq - sts) / (std + rad)
    } else {
        (rad - std) / dtd
    }
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::*;

    /// f(w) = Σ aᵢ·(wᵢ − cᵢ)² + Σ exp(wᵢ): convex, minimum where 2aᵢ(wᵢ−cᵢ) + exp(wᵢ) = 0.
    struct Toy {
        a: Vec<f64>,
        c: Vec<f64>,
        w: Vec<f64>,
        h: Vec<f64>,
    }

    impl Objective for Toy {
        fn dim(&self) -> usize {
            self.a.len()
        }
        fn value(&mut self, w: &[f64]) -> f64 {
            self.w = w.to_vec();
            (0..w.len())
                .map(|i| self.a[i] * (w[i] - self.c[i]).powi(2) + w[i].exp())
                .sum()
        }
        fn gradient(&mut self, g: &mut [f64]) {
            for i in 0..g.len() {
                g[i] = 2.0 * self.a[i] * (self.w[i] - self.c[i]) + self.w[i].exp();
            }
            self.h = (0..g.len())
                .map(|i| 2.0 * self.a[i] + self.w[i].exp())
                .collect();
        }
        fn hess_vec(&self, v: &[f64], out: &mut [f64]) {
            for i in 0..v.len() {
                out[i] = self.h[i] * v[i];
            }
        }
    }

    #[test]
    fn finds_the_stationary_point_of_a_separable_convex_function() {
        let mut f = Toy {
            a: vec![1.0, 0.5, 3.0],
            c: vec![2.0, -1.0, 0.5],
            w: vec![],
            h: vec![],
        };
        let mut w = vec![0.0; 3];
        let out = minimize(&mut f, &mut w, 1e-10, 100);
        assert!(out.converged, "{out:?}");
        for i in 0..3 {
            let g = 2.0 * f.a[i] * (w[i] - f.c[i]) + w[i].exp();
            assert!(g.abs() < 1e-8, "coordinate {i}: gradient {g}");
        }
    }

    #[test]
    fn boundary_step_lands_on_the_sphere() {
        let (s, d) = (vec![0.3, 0.1], vec![1.0, -2.0]);
        let a = boundary_step(&s, &d, 2.0);
        let end: Vec<f64> = s.iter().zip(&d).map(|(s, d)| s + a * d).collect();
        assert!((norm(&end) - 2.0).abs() < 1e-12 && a > 0.0);
    }
}
