//! Decision thresholds tuned out of fold. Over-fitted heads are less sure of a test row's
//! positive labels than of their training rows', so at the plain threshold (score above 0)
//! the pillar and sector heads miss more labels than they add wrongly. One shift per group of
//! heads (pillars, sectors), added to every score of the group, is chosen from a short grid to
//! maximise the group's micro-F1 on the out-of-fold scores; the final heads carry it in their
//! bias, so a classifier still says yes when a score is positive.
//!
//! The cross-validation report must not choose the shift on the rows it scores:
//! [`cross_fitted`] shifts each fold's scores by the shift chosen on the other folds.

use serde::Serialize;

use super::heads::{RowLabel, N_HEADS, PILLAR0, SECTOR0};
use crate::labels::{Labels, Pillar, Sector};

/// The shifts tried, smallest first; a larger one wins only if it scores strictly better.
pub const GRID: [f32; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// Out-of-fold decision scores of every head per row (`None` for rows never tested).
pub type Scores = [Option<Vec<f32>>];

/// Which groups of heads have their threshold moved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Groups {
    /// Tune the pillar heads' shift.
    pub pillars: bool,
    /// Tune the sector heads' shift.
    pub sectors: bool,
}

/// The shift added to the scores of each group of heads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Shifts {
    /// Added to every pillar head's score.
    pub pillars: f32,
    /// Added to every sector head's score.
    pub sectors: f32,
}

impl Shifts {
    /// The shifts that maximise pillar and sector micro-F1 on the scored rows `keep` allows
    /// (0 for a group not in `groups`).
    pub fn choose(
        rows: &[RowLabel],
        oof: &Scores,
        groups: Groups,
        keep: &dyn Fn(usize) -> bool,
    ) -> Shifts {
        let gold: Vec<(&Labels, &[f32])> = rows
            .iter()
            .zip(oof)
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .filter_map(|(_, (r, d))| match (r, d) {
                (RowLabel::Gold(l), Some(d)) => Some((l, d.as_slice())),
                _ => None,
            })
            .collect();
        let tune = |on: bool, count| if on { best(&gold, count) } else { 0.0 };
        Shifts {
            pillars: tune(groups.pillars, pillar_counts),
            sectors: tune(groups.sectors, sector_counts),
        }
    }

    /// Adds the shifts to one row's scores.
    pub fn apply(&self, d: &mut [f32]) {
        d.iter_mut()
            .enumerate()
            .for_each(|(h, v)| *v += self.of_head(h));
    }

    /// The shift of head `h` (0 for the `digital` and `principal` heads).
    pub fn of_head(&self, h: usize) -> f32 {
        match h {
            h if (PILLAR0..SECTOR0).contains(&h) => self.pillars,
            h if (SECTOR0..N_HEADS).contains(&h) => self.sectors,
            _ => 0.0,
        }
    }
}

/// Every row's scores shifted by the shifts chosen on the rows of the other folds
/// (`fold_of[i]` is row `i`'s test fold).
pub fn cross_fitted(
    rows: &[RowLabel],
    oof: &Scores,
    groups: Groups,
    fold_of: &[Option<usize>],
) -> Vec<Option<Vec<f32>>> {
    let n_folds = fold_of.iter().flatten().max().map_or(0, |&k| k + 1);
    let per_fold: Vec<Shifts> = (0..n_folds)
        .map(|k| Shifts::choose(rows, oof, groups, &|i| fold_of[i] != Some(k)))
        .collect();
    oof.iter()
        .zip(fold_of)
        .map(|(d, f)| {
            let mut d = d.clone()?;
            per_fold[(*f)?].apply(&mut d);
            Some(d)
        })
        .collect()
}

/// True, predicted and correct positive counts of one group at one shift.
type Counts = (usize, usize, usize);

/// Gold rows with their out-of-fold scores.
type Scored<'a> = [(&'a Labels, &'a [f32])];

/// The grid shift with the best micro-F1 under `count`.
fn best(gold: &Scored, count: fn(&Scored, f32) -> Counts) -> f32 {
    let mut best = (GRID[0], -1.0);
    for s in GRID {
        let f1 = micro_f1(count(gold, s));
        if f1 > best.1 {
            best = (s, f1);
        }
    }
    best.0
}

fn micro_f1((truth, predicted, correct): Counts) -> f64 {
    if truth + predicted == 0 {
        return 0.0;
    }
    2.0 * correct as f64 / (truth + predicted) as f64
}

/// Pillar counts on gold-digital rows, the most likely pillar standing in when none is positive.
fn pillar_counts(gold: &Scored, s: f32) -> Counts {
    let mut c = (0, 0, 0);
    for (l, d) in gold.iter().filter(|(l, _)| l.digital > 0) {
        let d = &d[PILLAR0..SECTOR0];
        let top = (0..6).max_by(|&a, &b| d[a].total_cmp(&d[b])).unwrap_or(0);
        for (k, p) in Pillar::ALL.iter().enumerate() {
            add(&mut c, l.pillars.contains(p), d[k] + s > 0.0 || k == top);
        }
    }
    c
}

/// Sector counts on every gold row.
fn sector_counts(gold: &Scored, s: f32) -> Counts {
    let mut c = (0, 0, 0);
    for (l, d) in gold {
        for (k, v) in Sector::ALL.iter().enumerate() {
            add(&mut c, l.sectors.contains(v), d[SECTOR0 + k] + s > 0.0);
        }
    }
    c
}

fn add(c: &mut Counts, truth: bool, predicted: bool) {
    c.0 += truth as usize;
    c.1 += predicted as usize;
    c.2 += (truth && predicted) as usize;
}
