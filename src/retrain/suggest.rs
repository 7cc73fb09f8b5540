//! Choosing what to label next: the records whose labels would teach the model most. Each
//! record gets an uncertainty on one head (the normalised entropy of `digital`'s three
//! classes or of openness, or the least confident pillar or sector), then a greedy pass picks
//! the most uncertain records while penalising cosine similarity to those already picked, so
//! that a batch is not a hundred near-duplicates.

use std::str::FromStr;

use crate::labels::{Classification, Pillar, Sector};
use crate::model::rng::SplitMix64;
use crate::text::SparseVec;

/// The head whose uncertainty drives the choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Head {
    /// `digital` 0/1/2 (entropy of the three classes).
    #[default]
    Digital,
    /// `openness` of digital records (entropy of the five values).
    Openness,
    /// The least confident pillar, weighed by the probability that the record is digital.
    Pillars,
    /// The least confident sector.
    Sectors,
}

/// A head name that is not one of the four.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a head (allowed: digital, openness, pillars, sectors)")]
pub struct UnknownHead(String);

impl FromStr for Head {
    type Err = UnknownHead;
    fn from_str(s: &str) -> Result<Head, UnknownHead> {
        match s.trim().to_ascii_lowercase().as_str() {
            "digital" => Ok(Head::Digital),
            "openness" => Ok(Head::Openness),
            "pillars" => Ok(Head::Pillars),
            "sectors" => Ok(Head::Sectors),
            _ => Err(UnknownHead(s.to_string())),
        }
    }
}

/// How uncertain the model is about one record, in `[0, 1]`, and why, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// 1 is a coin toss, 0 is certain.
    pub score: f32,
    /// The probabilities behind the score, for the `why` column.
    pub why: String,
}

/// Normalised entropy of a distribution (1 for uniform, 0 for a certainty).
fn entropy(p: &[f32]) -> f32 {
    let total: f32 = p.iter().sum();
    if total <= 0.0 || p.len() < 2 {
        return 0.0;
    }
    let h: f32 = p
        .iter()
        .map(|&x| x / total)
        .filter(|&x| x > 0.0)
        .map(|x| -x * x.ln())
        .sum();
    (h / (p.len() as f32).ln()).clamp(0.0, 1.0)
}

/// The uncertainty of `c` on `head`.
pub fn uncertainty(c: &Classification, head: Head) -> Uncertainty {
    match head {
        Head::Digital => {
            let p = c.digital_probs;
            Uncertainty {
                score: entropy(&p),
                why: format!("digital p: 0={:.2} 1={:.2} 2={:.2}", p[0], p[1], p[2]),
            }
        }
        Head::Openness if !c.labels.is_digital() => Uncertainty {
            score: 0.0,
            why: "not digital: openness is n/a".into(),
        },
        Head::Openness => Uncertainty {
            score: entropy(&c.openness_probs),
            why: format!("openness {}", c.labels.openness),
        },
        Head::Pillars => {
            // Pillars concern digital records only: weigh by the chance that it is one.
            let u = least_confident("pillar", &c.pillar_probs, Pillar::ALL);
            Uncertainty {
                score: u.score * c.p_digital(),
                why: format!("{} (p digital {:.2})", u.why, c.p_digital()),
            }
        }
        Head::Sectors => least_confident("sector", &c.sector_probs, Sector::ALL),
    }
}

/// `1 - 2 |p - 0.5|` of the label whose probability is nearest one half.
fn least_confident<T: std::fmt::Display>(kind: &str, p: &[f32], names: &[T]) -> Uncertainty {
    let best = p
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - 0.5).abs().total_cmp(&(b.1 - 0.5).abs()));
    match best {
        Some((k, &pk)) => Uncertainty {
            score: 1.0 - 2.0 * (pk - 0.5).abs(),
            why: format!("{kind} {} p={pk:.2}", names[k]),
        },
        None => Uncertainty {
            score: 0.0,
            why: format!("no {kind} probabilities"),
        },
    }
}

/// Cosine similarity of two sparse vectors (0 when either is zero).
pub fn cosine(a: &SparseVec, b: &SparseVec) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < a.indices.len() && j < b.indices.len() {
        match a.indices[i].cmp(&b.indices[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.values[i] * b.values[j];
                i += 1;
                j += 1;
            }
        }
    }
    let norm = |v: &SparseVec| v.values.iter().map(|x| x * x).sum::<f32>().sqrt();
    let n = norm(a) * norm(b);
    if n > 0.0 {
        dot / n
    } else {
        0.0
    }
}

/// Settings of the selection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelectOptions {
    /// Weight of the similarity penalty (0: uncertainty alone; default 0.5).
    pub diversity: f32,
    /// Only the `pool × n` most uncertain records are considered (default 10).
    pub pool: usize,
    /// Seed that breaks ties between equally uncertain records.
    pub seed: u64,
}

impl Default for SelectOptions {
    fn default() -> Self {
        SelectOptions {
            diversity: 0.5,
            pool: 10,
            seed: 42,
        }
    }
}

/// Picks `n` records of `scores` (uncertainty per record), most informative first: greedily
/// the record maximising `uncertainty - diversity × (highest cosine to a picked record)`.
/// `features(i)` gives record `i`'s vector; it is asked only for the candidate pool.
pub fn select(
    scores: &[f32],
    features: &dyn Fn(usize) -> SparseVec,
    n: usize,
    opts: &SelectOptions,
) -> Vec<usize> {
    let mut rng = SplitMix64::new(opts.seed);
    let tie: Vec<u64> = scores.iter().map(|_| rng.next_u64()).collect();
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(tie[a].cmp(&tie[b])));
    order.truncate(n.saturating_mul(opts.pool.max(1)).max(n));
    let vecs: Vec<SparseVec> = order.iter().map(|&i| features(i)).collect();
    let mut max_sim = vec![0.0f32; order.len()];
    let mut taken = vec![false; order.len()];
    let mut picked = Vec::with_capacity(n.min(order.len()));
    while picked.len() < n.min(order.len()) {
        let gain = |k: usize| scores[order[k]] - opts.diversity * max_sim[k];
        let best = (0..order.len())
            .filter(|&k| !taken[k])
            .max_by(|&a, &b| gain(a).total_cmp(&gain(b)).then(b.cmp(&a)))
            .expect("fewer picks than candidates");
        taken[best] = true;
        picked.push(order[best]);
        for k in (0..order.len()).filter(|&k| !taken[k]) {
            max_sim[k] = max_sim[k].max(cosine(&vecs[k], &vecs[best]));
        }
    }
    picked
}

/// `n` distinct indices of `0..len` drawn uniformly with `seed` (the baseline of the study).
pub fn random_pick(len: usize, n: usize, seed: u64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..len).collect();
    SplitMix64::new(seed).shuffle(&mut all);
    all.truncate(n);
    all
}
