//! Tests of the out-of-fold threshold shifts.

use super::heads::{RowLabel, N_HEADS, PILLAR0, SECTOR0};
use super::shift::{cross_fitted, Groups, Shifts};

const BOTH: Groups = Groups {
    pillars: true,
    sectors: true,
};
use crate::labels::{Labels, Openness, Pillar, Sector};

/// A digital gold row with `pillars` and `sectors`.
fn gold(pillars: Vec<Pillar>, sectors: Vec<Sector>) -> RowLabel {
    RowLabel::Gold(Labels {
        digital: 1,
        openness: Openness::Unknown,
        pillars,
        sectors,
    })
}

/// Scores where the health sector head says `health` and every other head -2.
fn scores(health: f32) -> Option<Vec<f32>> {
    let mut d = vec![-2.0; N_HEADS];
    d[SECTOR0 + Sector::Healthcare.index()] = health;
    d[PILLAR0 + Pillar::Government.index()] = 1.0;
    Some(d)
}

#[test]
fn a_shift_recovers_positives_the_heads_score_just_below_zero() {
    let rows = vec![
        gold(vec![Pillar::Government], vec![Sector::Healthcare]),
        gold(vec![Pillar::Government], vec![Sector::Healthcare]),
        gold(vec![Pillar::Government], vec![]),
    ];
    let oof = vec![scores(-0.3), scores(-0.4), scores(-1.2)];
    let s = Shifts::choose(&rows, &oof, BOTH, &|_| true);
    assert_eq!(s.sectors, 0.5, "the smallest shift that finds both");
    assert_eq!(s.pillars, 0.0, "pillars were already right");
}

#[test]
fn no_shift_when_the_scores_already_separate_the_labels() {
    let rows = vec![
        gold(vec![Pillar::Government], vec![Sector::Healthcare]),
        gold(vec![Pillar::Government], vec![]),
    ];
    let oof = vec![scores(0.8), scores(-0.1)];
    assert_eq!(
        Shifts::choose(&rows, &oof, BOTH, &|_| true),
        Shifts::default()
    );
}

#[test]
fn each_fold_is_shifted_by_what_the_other_folds_chose() {
    let rows = vec![
        gold(vec![Pillar::Government], vec![Sector::Healthcare]),
        gold(vec![Pillar::Government], vec![Sector::Healthcare]),
        RowLabel::WeakDigital(true, 1.0),
    ];
    let oof = vec![scores(-0.3), scores(0.5), None];
    let fitted = cross_fitted(&rows, &oof, BOTH, &[Some(0), Some(1), None]);
    let h = SECTOR0 + Sector::Healthcare.index();
    // Fold 1 alone needs no shift, so fold 0's row keeps its score and stays negative;
    // fold 0 alone needs 0.5, which fold 1's row receives.
    assert_eq!(fitted[0].as_ref().unwrap()[h], -0.3);
    assert_eq!(fitted[1].as_ref().unwrap()[h], 1.0);
    assert!(fitted[2].is_none(), "untested rows stay untested");
    let s = Shifts {
        pillars: 0.25,
        sectors: 0.5,
    };
    assert_eq!(s.of_head(0), 0.0);
    assert_eq!(s.of_head(PILLAR0), 0.25);
    assert_eq!(s.of_head(SECTOR0 + 5), 0.5);
}

#[test]
fn a_group_left_out_keeps_its_threshold() {
    let rows = vec![gold(vec![Pillar::Government], vec![Sector::Healthcare])];
    let oof = vec![scores(-0.3)];
    let sectors_off = Groups {
        pillars: true,
        sectors: false,
    };
    assert_eq!(
        Shifts::choose(&rows, &oof, sectors_off, &|_| true).sectors,
        0.0
    );
}
