//! Turning decision values into probabilities and decisions: Platt scaling fitted on
//! out-of-fold scores (Platt 1999, with the Newton method and prior-corrected targets of
//! Lin, Lin & Weng 2007) and the F1-maximising threshold on out-of-fold probabilities.

use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::logloss::sigmoid;

/// A fitted sigmoid `P(positive | s) = σ(a·s + b)` over decision values `s`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    /// Slope on the decision value.
    pub a: f64,
    /// Offset.
    pub b: f64,
}

impl Platt {
    /// Fits `a`, `b` by maximum likelihood on decision values and their true labels, using the
    /// targets `(n₊+1)/(n₊+2)` and `1/(n₋+2)` that keep the fit from overshooting.
    pub fn fit(scores: &[f32], labels: &[bool]) -> Result<Platt, ModelError> {
        check_pairs(scores, labels, "decision value")?;
        let n_pos = labels.iter().filter(|&&l| l).count() as f64;
        let n_neg = labels.len() as f64 - n_pos;
        let hi = (n_pos + 1.0) / (n_pos + 2.0);
        let lo = 1.0 / (n_neg + 2.0);
        let data: Vec<(f64, f64)> = scores
            .iter()
            .zip(labels)
            .map(|(&s, &l)| (s as f64, if l { hi } else { lo }))
            .collect();
        let (a, b) = newton(&data, (n_neg + 1.0) / (n_pos + 1.0));
        Ok(Platt { a, b })
    }

    /// The calibrated probability of a decision value.
    pub fn probability(&self, score: f32) -> f32 {
        sigmoid(self.a * score as f64 + self.b) as f32
    }
}

/// Cross-entropy of targets `t` against `σ(a·s + b)`, computed stably.
fn loss(data: &[(f64, f64)], a: f64, b: f64) -> f64 {
    data.iter()
        .map(|&(s, t)| {
            let z = a * s + b; // log-odds of the positive class
            if z >= 0.0 {
                (1.0 - t) * z + (-z).exp().ln_1p()
            } else {
                -t * z + z.exp().ln_1p()
            }
        })
        .sum()
}

/// Newton's method with backtracking line search (Lin, Lin & Weng 2007, Algorithm 1).
fn newton(data: &[(f64, f64)], prior_ratio: f64) -> (f64, f64) {
    let (mut a, mut b) = (0.0, -prior_ratio.ln());
    let mut f = loss(data, a, b);
    for _ in 0..100 {
        let (mut h11, mut h22, mut h21, mut g1, mut g2) = (1e-12, 1e-12, 0.0, 0.0, 0.0);
        for &(s, t) in data {
            let p = sigmoid(a * s + b);
            let d2 = p * (1.0 - p);
            h11 += s * s * d2;
            h22 += d2;
            h21 += s * d2;
            g1 += s * (p - t);
            g2 += p - t;
        }
        if g1.abs() < 1e-5 && g2.abs() < 1e-5 {
            break;
        }
        let det = h11 * h22 - h21 * h21;
        let (da, db) = (-(h22 * g1 - h21 * g2) / det, -(h11 * g2 - h21 * g1) / det);
        let gd = g1 * da + g2 * db;
        let mut step = 1.0;
        while step >= 1e-10 {
            let (na, nb) = (a + step * da, b + step * db);
            let nf = loss(data, na, nb);
            if nf < f + 1e-4 * step * gd {
                (a, b, f) = (na, nb, nf);
                break;
            }
            step /= 2.0;
        }
        if step < 1e-10 {
            break;
        }
    }
    (a, b)
}

/// The threshold `t` maximising F1 when predicting positive for `p ≥ t`: the midpoint between
/// the best cut's probability and the next lower one. Ties in F1 keep the higher threshold.
/// With no positive label F1 is 0 everywhere and 0.5 is returned.
pub fn best_threshold(probs: &[f32], labels: &[bool]) -> Result<f32, ModelError> {
    check_pairs(probs, labels, "probability")?;
    let total_pos = labels.iter().filter(|&&l| l).count();
    if total_pos == 0 {
        return Ok(0.5);
    }
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&i, &j| probs[j].total_cmp(&probs[i]).then(i.cmp(&j)));
    let (mut tp, mut fp) = (0usize, 0usize);
    let (mut best_f1, mut best) = (-1.0, 0);
    let mut k = 0;
    while k < order.len() {
        let v = probs[order[k]];
        while k < order.len() && probs[order[k]] == v {
            *(if labels[order[k]] { &mut tp } else { &mut fp }) += 1;
            k += 1;
        }
        let f1 = 2.0 * tp as f64 / (tp + fp + total_pos) as f64;
        if f1 > best_f1 {
            (best_f1, best) = (f1, k);
        }
    }
    let at = probs[order[best - 1]];
    Ok(match order.get(best) {
        Some(&next) => (at + probs[next]) / 2.0,
        None => at,
    })
}

/// Checks equal, non-zero lengths and finite values.
fn check_pairs(values: &[f32], labels: &[bool], what: &str) -> Result<(), ModelError> {
    if values.len() != labels.len() {
        return Err(ModelError::InvalidData(format!(
            "{} {what}s but {} labels",
            values.len(),
            labels.len()
        )));
    }
    if values.is_empty() {
        return Err(ModelError::InvalidData(format!(
            "no {what}s to calibrate on"
        )));
    }
    match values.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(ModelError::InvalidData(format!(
            "{what} {i} is {}",
            values[i]
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rng::SplitMix64;

    #[test]
    fn recovers_the_true_sigmoid_of_gaussian_scores() {
        // s ~ N(+1, 1) for positives, N(−1, 1) for negatives: P(+|s) = σ(2s) exactly.
        let mut rng = SplitMix64::new(3);
        let labels: Vec<bool> = (0..20_000).map(|_| rng.next_f64() < 0.5).collect();
        let scores: Vec<f32> = labels
            .iter()
            .map(|&l| (if l { 1.0 } else { -1.0 } + rng.normal()) as f32)
            .collect();
        let p = Platt::fit(&scores, &labels).unwrap();
        assert!((p.a - 2.0).abs() < 0.1 && p.b.abs() < 0.08, "{p:?}");
        // Reliability: in each probability bin the observed rate matches the mean prediction.
        let mut bins = [(0.0f64, 0.0f64, 0usize); 5];
        for (&s, &l) in scores.iter().zip(&labels) {
            let q = p.probability(s) as f64;
            let bin = &mut bins[((q * 5.0) as usize).min(4)];
            (bin.0, bin.1, bin.2) = (bin.0 + q, bin.1 + l as u8 as f64, bin.2 + 1);
        }
        for (sum_p, pos, n) in bins {
            assert!((sum_p - pos).abs() / (n as f64) < 0.03, "{sum_p} {pos} {n}");
        }
    }

    #[test]
    fn shifted_scores_get_a_compensating_offset() {
        let mut rng = SplitMix64::new(4);
        let labels: Vec<bool> = (0..5000).map(|_| rng.next_f64() < 0.3).collect();
        let scores: Vec<f32> = labels
            .iter()
            .map(|&l| (if l { 2.0 } else { 0.0 } + rng.normal()) as f32)
            .collect();
        let p = Platt::fit(&scores, &labels).unwrap();
        // The boundary P = 0.5 sits where the two class densities, weighted by prior, cross.
        let cross = 1.0 + (0.7f64 / 0.3).ln() / 2.0;
        assert!((-p.b / p.a - cross).abs() < 0.15, "{p:?} vs {cross}");
    }

    #[test]
    fn threshold_maximises_f1_on_a_hand_computed_example() {
        let probs = [0.9, 0.8, 0.7, 0.4, 0.3, 0.2];
        let labels = [true, true, false, true, false, false];
        // F1 at cuts 0.9 .. 0.3: 0.4, 0.8, 0.667, 0.857, 0.75, 0.667 → best at 0.4.
        let t = best_threshold(&probs, &labels).unwrap();
        assert!((t - 0.35).abs() < 1e-6, "{t}");
    }

    #[test]
    fn threshold_handles_ties_and_degenerate_inputs() {
        let t = best_threshold(&[0.6, 0.6, 0.1], &[true, false, false]).unwrap();
        assert!((t - 0.35).abs() < 1e-6, "{t}");
        assert_eq!(best_threshold(&[0.2, 0.7], &[false, false]).unwrap(), 0.5);
        assert_eq!(best_threshold(&[0.2, 0.7], &[true, true]).unwrap(), 0.2);
        assert!(best_threshold(&[0.2], &[true, false]).is_err());
        assert!(Platt::fit(&[f32::NAN], &[true]).is_err());
    }
}
