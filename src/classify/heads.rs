//! The fourteen binary heads behind the four label fields, trained together as one
//! [`OneVsRest`]: `digital` (1 or 2 against 0), `principal` (2 against 1, on digital records),
//! one per pillar (on digital records) and one per sector (on every record). Each head has a
//! Platt calibration fitted on out-of-fold scores.

use std::ops::Range;

use rayon::prelude::*;

use super::selftrain::PseudoLabels;
use super::views::{self, View};
use crate::labels::{Labels, Pillar, Sector};
use crate::model::{BinaryTarget, LogisticModel, LogisticValidParams, ModelError, OneVsRest};
use crate::text::SparseVec;

/// Head index of `digital`.
pub const DIGITAL: usize = 0;
/// Head index of `principal` (digital 2 against 1).
pub const PRINCIPAL: usize = 1;
/// First pillar head; pillars follow in [`Pillar::ALL`] order.
pub const PILLAR0: usize = 2;
/// First sector head; sectors follow in [`Sector::ALL`] order.
pub const SECTOR0: usize = PILLAR0 + 6;
/// Number of heads.
pub const N_HEADS: usize = SECTOR0 + 6;

/// Names of the heads, in index order.
pub fn head_names() -> Vec<String> {
    let mut names = vec!["digital".to_string(), "principal".to_string()];
    names.extend(Pillar::ALL.iter().map(|p| format!("pillar:{p}")));
    names.extend(Sector::ALL.iter().map(|s| format!("sector:{s}")));
    names
}

/// What one training row says: full labels (gold) or only a weak `digital` label.
#[derive(Debug, Clone, PartialEq)]
pub enum RowLabel {
    /// Hand labels: every head learns from it.
    Gold(Labels),
    /// A weak `digital` label with its weight: only the `digital` head learns from it.
    WeakDigital(bool, f32),
    /// A labelled example written from the schema's definitions (`data/schema_examples.csv`):
    /// every head learns from it, but it is never a test row.
    Example(Labels),
    /// Self-training's confident verdicts on an unlabelled text (see [`super::selftrain`]).
    Pseudo(PseudoLabels),
}

/// Binary targets of every head for `rows`, with weight 0 for the rows outside `train`.
pub fn targets(rows: &[RowLabel], train: &[usize]) -> Vec<BinaryTarget> {
    let mut in_train = vec![false; rows.len()];
    train.iter().for_each(|&i| in_train[i] = true);
    (0..N_HEADS)
        .zip(head_names())
        .map(|(h, name)| {
            let (labels, weights): (Vec<bool>, Vec<f32>) = rows
                .iter()
                .zip(&in_train)
                .map(|(r, &t)| match label_of(r, h) {
                    Some((y, w)) if t => (y, w),
                    _ => (false, 0.0),
                })
                .unzip();
            BinaryTarget {
                name,
                labels,
                sample_weight: Some(weights),
                prior: Vec::new(),
            }
        })
        .collect()
}

/// Target and weight of row `r` for head `h`, or `None` when the head does not learn from it.
pub fn label_of(r: &RowLabel, h: usize) -> Option<(bool, f32)> {
    match r {
        RowLabel::WeakDigital(d, w) => (h == DIGITAL).then_some((*d, *w)),
        RowLabel::Pseudo(p) => p.heads[h].map(|y| (y, p.weight)),
        RowLabel::Gold(l) | RowLabel::Example(l) => match h {
            DIGITAL => Some((l.is_digital(), 1.0)),
            PRINCIPAL => l.is_digital().then_some((l.digital == 2, 1.0)),
            h if h < SECTOR0 => l
                .is_digital()
                .then(|| (l.pillars.contains(&Pillar::ALL[h - PILLAR0]), 1.0)),
            h => Some((l.sectors.contains(&Sector::ALL[h - SECTOR0]), 1.0)),
        },
    }
}

/// Solver settings of the heads: one for the pillar heads, one for the others.
#[derive(Debug, Clone)]
pub struct HeadParams {
    /// `digital` and `principal` heads.
    pub rest: LogisticValidParams,
    /// Sector heads.
    pub sectors: LogisticValidParams,
    /// Pillar heads.
    pub pillars: LogisticValidParams,
    /// Second views folded into each sector head (see [`super::views`]).
    pub sector_views: Vec<View>,
    /// Second views folded into each pillar head.
    pub pillar_views: Vec<View>,
    /// Weight of non-digital gold rows as negatives of the pillar heads (0: not used).
    pub pillar_negatives: f32,
    /// Prior means of each head's weights, in head order (see [`super::prior`]; empty: none).
    pub priors: Vec<Vec<(u32, f32)>>,
}

impl HeadParams {
    /// The settings of a training configuration, checked.
    pub fn from_config(cfg: &super::TrainConfig) -> Result<HeadParams, ModelError> {
        use linfa::ParamGuard;
        let p = |balanced, c| {
            crate::model::LogisticParams::new()
                .c(c)
                .balanced(balanced)
                .max_iter(200)
                .check()
        };
        Ok(HeadParams {
            rest: p(cfg.balanced, cfg.c)?,
            sectors: p(cfg.balanced, cfg.c_sectors.unwrap_or(cfg.c))?,
            pillars: p(cfg.balanced_pillars, cfg.c_pillars.unwrap_or(cfg.c))?,
            sector_views: vec![],
            pillar_views: vec![],
            pillar_negatives: cfg.pillar_negatives,
            priors: Vec::new(),
        })
    }

    /// Adds the configured second views of the pillar and sector heads, given the featurizer's
    /// layout: word n-grams at `0..word_dim`, character n-grams from there to `tfidf_dim`, the
    /// lexicon from there to `dim`.
    pub fn with_views(
        mut self,
        cfg: &super::TrainConfig,
        word_dim: usize,
        tfidf_dim: usize,
        dim: usize,
    ) -> Self {
        let (w, t, d) = (word_dim as u32, tfidf_dim as u32, dim as u32);
        let mk = |views: [(Range<u32>, f32); 3]| -> Vec<View> {
            views
                .into_iter()
                .filter(|(_, weight)| *weight > 0.0)
                .map(|(features, weight)| View {
                    features,
                    nb: cfg.nb_views,
                    weight,
                })
                .collect()
        };
        self.sector_views = mk([
            (0..w, cfg.word_view_sectors),
            (w..t, cfg.char_view_sectors),
            (t..d, cfg.lexicon_view_sectors),
        ]);
        self.pillar_views = mk([
            (0..w, cfg.word_view_pillars),
            (w..t, cfg.char_view_pillars),
            (t..d, cfg.lexicon_view_pillars),
        ]);
        self
    }
}

/// Trains every head on the rows in `train`.
pub fn fit(
    params: &HeadParams,
    x: &[SparseVec],
    rows: &[RowLabel],
    train: &[usize],
    dim: usize,
) -> Result<OneVsRest, ModelError> {
    let mut all = targets(rows, train);
    for (t, prior) in all.iter_mut().zip(&params.priors) {
        t.prior.clone_from(prior);
    }
    let sectors: Vec<BinaryTarget> = all.drain(SECTOR0..).collect();
    let mut pillars: Vec<BinaryTarget> = all.drain(PILLAR0..SECTOR0).collect();
    if params.pillar_negatives > 0.0 {
        add_pillar_negatives(&mut pillars, rows, train, params.pillar_negatives);
    }
    let rest = OneVsRest::fit_dim(&params.rest, x, &all, dim)?;
    let pil = OneVsRest::fit_dim(&params.pillars, x, &pillars, dim)?.models;
    let pil = fold_views(&params.pillars, pil, x, &pillars, dim, &params.pillar_views)?;
    let sec = OneVsRest::fit_dim(&params.sectors, x, &sectors, dim)?.models;
    let sec = fold_views(&params.sectors, sec, x, &sectors, dim, &params.sector_views)?;
    let mut models = rest.models().to_vec();
    models.extend(pil);
    models.extend(sec);
    OneVsRest::from_parts(head_names(), models)
}

/// Adds each of `views` to every head of a group (see [`views::add_view`]).
fn fold_views(
    params: &LogisticValidParams,
    mut models: Vec<LogisticModel>,
    x: &[SparseVec],
    targets: &[BinaryTarget],
    dim: usize,
    views: &[View],
) -> Result<Vec<LogisticModel>, ModelError> {
    for view in views {
        models = (0..models.len())
            .into_par_iter()
            .map(|h| views::add_view(params, &models[h], x, &targets[h], dim, view))
            .collect::<Result<_, _>>()?;
    }
    Ok(models)
}

/// Makes the non-digital gold rows in `train` negatives of every pillar head, with `weight`.
fn add_pillar_negatives(
    pillars: &mut [BinaryTarget],
    rows: &[RowLabel],
    train: &[usize],
    weight: f32,
) {
    for t in pillars {
        let w = t.sample_weight.get_or_insert_with(|| vec![0.0; rows.len()]);
        for &i in train {
            if matches!(&rows[i], RowLabel::Gold(l) if !l.is_digital()) {
                t.labels[i] = false;
                w[i] = weight;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::Openness;

    #[test]
    fn heads_learn_only_from_rows_that_concern_them() {
        let non = RowLabel::Gold(Labels {
            digital: 0,
            openness: Openness::NotApplicable,
            pillars: vec![],
            sectors: vec![Sector::Healthcare],
        });
        let dig = RowLabel::Gold(Labels {
            digital: 2,
            openness: Openness::Unknown,
            pillars: vec![Pillar::Dpi],
            sectors: vec![],
        });
        let weak = RowLabel::WeakDigital(true, 0.3);
        if let RowLabel::Gold(l) = &dig {
            let ex = RowLabel::Example(l.clone());
            assert_eq!(
                label_of(&ex, PILLAR0 + Pillar::Dpi.index()),
                Some((true, 1.0))
            );
        }
        assert_eq!(label_of(&non, DIGITAL), Some((false, 1.0)));
        assert_eq!(label_of(&non, PILLAR0), None);
        assert_eq!(label_of(&non, SECTOR0), Some((true, 1.0)));
        assert_eq!(label_of(&dig, PRINCIPAL), Some((true, 1.0)));
        assert_eq!(
            label_of(&dig, PILLAR0 + Pillar::Dpi.index()),
            Some((true, 1.0))
        );
        assert_eq!(label_of(&weak, DIGITAL), Some((true, 0.3)));
        assert_eq!(label_of(&weak, SECTOR0), None);
        let t = targets(&[non, dig, weak], &[1, 2]);
        assert_eq!(t.len(), N_HEADS);
        assert_eq!(
            t[DIGITAL].sample_weight.as_deref(),
            Some(&[0.0, 1.0, 0.3][..])
        );
    }

    #[test]
    fn pillar_negatives_are_the_non_digital_gold_rows_in_training() {
        let gold = |digital, pillars| {
            RowLabel::Gold(Labels {
                digital,
                openness: Openness::Unknown,
                pillars,
                sectors: vec![],
            })
        };
        let rows = [
            gold(0, vec![]),
            gold(1, vec![Pillar::People]),
            gold(0, vec![]),
            RowLabel::WeakDigital(false, 0.5),
        ];
        let mut all = targets(&rows, &[0, 1, 3]);
        let mut pillars: Vec<_> = all.drain(PILLAR0..SECTOR0).collect();
        add_pillar_negatives(&mut pillars, &rows, &[0, 1, 3], 0.2);
        let people = &pillars[Pillar::People.index()];
        // Row 2 is not in training and row 3 is only a weak `digital` label.
        assert_eq!(
            people.sample_weight.as_deref(),
            Some(&[0.2, 1.0, 0.0, 0.0][..])
        );
        assert_eq!(people.labels, vec![false, true, false, false]);
    }
}
