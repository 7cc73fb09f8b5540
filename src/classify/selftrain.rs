//! Self-training: the heads are fitted on the labelled rows, label a pool of unlabelled corpus
//! texts where they are confident (decision value beyond a margin, either way), and are
//! fitted again with those pseudo-labelled rows at a small weight. Only the `digital` and
//! sector heads take pseudo-labels (in a study on the gold folds the pillar heads got worse).
//!
//! Cross-validation runs the whole procedure inside each fold, so a test row's label never
//! reaches the pseudo-labels that help score it.

use super::heads::{self, HeadParams, RowLabel, DIGITAL, N_HEADS, SECTOR0};
use crate::model::{ModelError, OneVsRest};
use crate::text::SparseVec;

/// Self-training settings (part of [`super::TrainConfig`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelfTraining {
    /// Decision value beyond which a head's verdict becomes a pseudo-label.
    pub margin: f32,
    /// Sample weight of a pseudo-label (0 turns self-training off).
    pub weight: f32,
}

/// What a confident first model says about one unlabelled text: per head, a label or nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct PseudoLabels {
    /// `Some(label)` for each head that is sure; indexed like the heads.
    pub heads: [Option<bool>; N_HEADS],
    /// Sample weight.
    pub weight: f32,
}

impl PseudoLabels {
    /// The pseudo-labels of decision values `d`: the `digital` and sector heads beyond
    /// `margin`.
    pub fn from_decisions(d: &[f32], st: SelfTraining) -> PseudoLabels {
        let mut heads = [None; N_HEADS];
        for h in std::iter::once(DIGITAL).chain(SECTOR0..N_HEADS) {
            if d[h].abs() >= st.margin {
                heads[h] = Some(d[h] > 0.0);
            }
        }
        PseudoLabels {
            heads,
            weight: st.weight,
        }
    }

    /// Does any head have a pseudo-label?
    pub fn any(&self) -> bool {
        self.heads.iter().any(Option::is_some)
    }
}

/// Labelled rows and the pool of unlabelled feature vectors after them, in one matrix.
pub struct Stacked<'a> {
    /// Feature vectors: the labelled rows first, then the pool.
    pub x: &'a [SparseVec],
    /// Labels of the labelled rows (the first `rows.len()` vectors of `x`).
    pub rows: &'a [RowLabel],
}

/// Fits the heads on the rows in `train`; when self-training is on and there is a pool, labels
/// the pool with them and fits again with the confident pseudo-labels added.
pub fn fit(
    params: &HeadParams,
    data: &Stacked,
    train: &[usize],
    dim: usize,
    st: SelfTraining,
) -> Result<OneVsRest, ModelError> {
    let n = data.rows.len();
    let first = heads::fit(params, &data.x[..n], data.rows, train, dim)?;
    let pool = &data.x[n..];
    if pool.is_empty() || st.weight <= 0.0 {
        return Ok(first);
    }
    let mut rows = data.rows.to_vec();
    let mut idx = train.to_vec();
    for (k, v) in pool.iter().enumerate() {
        let p = PseudoLabels::from_decisions(&first.decisions(v), st);
        if p.any() {
            idx.push(n + k);
        }
        rows.push(RowLabel::Pseudo(p));
    }
    heads::fit(params, data.x, &rows, &idx, dim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::heads::{label_of, PILLAR0, PRINCIPAL};

    #[test]
    fn only_confident_digital_and_sector_verdicts_become_labels() {
        let st = SelfTraining {
            margin: 2.0,
            weight: 0.3,
        };
        let mut d = [0.0f32; N_HEADS];
        d[DIGITAL] = -2.5;
        d[PRINCIPAL] = 5.0;
        d[PILLAR0] = 4.0;
        d[SECTOR0] = 3.0;
        d[SECTOR0 + 1] = 1.0;
        let p = PseudoLabels::from_decisions(&d, st);
        assert_eq!(p.heads[DIGITAL], Some(false));
        assert_eq!(p.heads[PRINCIPAL], None);
        assert_eq!(p.heads[PILLAR0], None);
        assert_eq!(p.heads[SECTOR0], Some(true));
        assert_eq!(p.heads[SECTOR0 + 1], None);
        let row = RowLabel::Pseudo(p);
        assert_eq!(label_of(&row, DIGITAL), Some((false, 0.3)));
        assert_eq!(label_of(&row, SECTOR0), Some((true, 0.3)));
        assert_eq!(label_of(&row, PILLAR0), None);
        let none = PseudoLabels::from_decisions(&[0.5; N_HEADS], st);
        assert!(!none.any());
    }

    fn labelled(digital: u8) -> RowLabel {
        use crate::labels::{Labels, Openness};
        RowLabel::Gold(Labels {
            digital,
            openness: if digital > 0 {
                Openness::Unknown
            } else {
                Openness::NotApplicable
            },
            pillars: if digital > 0 {
                vec![crate::labels::Pillar::Government]
            } else {
                vec![]
            },
            sectors: vec![],
        })
    }

    #[test]
    fn the_pool_changes_the_model_only_when_self_training_is_on() {
        // Feature 0 marks digital rows, feature 1 the others; the pool repeats them with
        // feature 2 (unseen in the labelled rows), which pseudo-labels then teach.
        let v = |i: &[u32]| SparseVec {
            indices: i.to_vec(),
            values: vec![1.0; i.len()],
        };
        let mut x: Vec<SparseVec> = (0..20)
            .map(|k| if k % 2 == 0 { v(&[0]) } else { v(&[1]) })
            .collect();
        let rows: Vec<RowLabel> = (0..20)
            .map(|k| labelled(if k % 2 == 0 { 2 } else { 0 }))
            .collect();
        x.extend((0..20).map(|k| if k % 2 == 0 { v(&[0, 2]) } else { v(&[1]) }));
        let data = Stacked { x: &x, rows: &rows };
        let params = HeadParams::from_config(&crate::classify::TrainConfig::default()).unwrap();
        let train: Vec<usize> = (0..20).collect();
        let plain = heads::fit(&params, &x[..20], &rows, &train, 3).unwrap();
        let on = SelfTraining {
            margin: 1.0,
            weight: 0.5,
        };
        let off = SelfTraining { weight: 0.0, ..on };
        assert_eq!(fit(&params, &data, &train, 3, off).unwrap(), plain);
        let st = fit(&params, &data, &train, 3, on).unwrap();
        let w = |m: &OneVsRest| m.models()[DIGITAL].weights().get(2).copied().unwrap_or(0.0);
        assert_eq!(w(&plain), 0.0);
        assert!(
            w(&st) > 0.0,
            "the pseudo-labels taught feature 2: {}",
            w(&st)
        );
    }
}
