//! Cross-validated quality of a classifier, per head, source and language, rendered into the
//! model card (`MODEL.md`) and `landscape eval`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::config::TrainConfig;
use super::dataset::TrainingSet;
use super::heads::{RowLabel, PILLAR0};
use crate::labels::{Labels, Openness, Pillar, Sector};
use crate::model::Report;

/// Reports from out-of-fold predictions on the gold rows.
#[derive(Debug, Clone, Serialize)]
pub struct CvReport {
    /// Folds and seed.
    pub folds: usize,
    /// Seed of the folds.
    pub seed: u64,
    /// Per head: `digital` (1 or 2 against 0), `digital_levels`, `openness`, `pillars`
    /// (pillar heads on gold-digital records), `pillars_end_to_end`, `sectors`.
    pub heads: BTreeMap<String, Report>,
    /// `digital` F1 and `sectors` micro-F1 per source (`undp14`, `wb`, `aid`) and language.
    pub slices: BTreeMap<String, (usize, f64, f64)>,
}

/// `truth` and `pred` for the rows selected.
type Pairs<'a> = Vec<(&'a Labels, Labels, &'a str, Option<&'a str>, Vec<f32>)>;

impl CvReport {
    /// Builds the report from out-of-fold decision scores (`None` for rows never tested).
    pub fn from_oof(
        set: &TrainingSet,
        oof: &[Option<Vec<f32>>],
        decide: &dyn Fn(&[f32], &str) -> Labels,
        cfg: &TrainConfig,
    ) -> CvReport {
        let pairs: Pairs = set
            .rows
            .iter()
            .zip(oof)
            .enumerate()
            .filter_map(|(i, (r, d))| match (r, d) {
                (RowLabel::Gold(l), Some(d)) => Some((
                    l,
                    decide(d, &set.texts[i]),
                    set.keys[i].split('-').next().unwrap_or(""),
                    set.languages[i].as_deref(),
                    d.clone(),
                )),
                _ => None,
            })
            .collect();
        let mut heads = BTreeMap::new();
        heads.insert("digital".into(), digital(&pairs));
        heads.insert("digital_levels".into(), levels(&pairs));
        heads.insert("openness".into(), openness(&pairs));
        let dig: Pairs = pairs.iter().filter(|p| p.0.is_digital()).cloned().collect();
        heads.insert("pillars".into(), pillars(&dig, true));
        heads.insert("pillars_end_to_end".into(), pillars(&dig, false));
        heads.insert("sectors".into(), sectors(&pairs));
        CvReport {
            folds: cfg.folds,
            seed: cfg.seed,
            heads,
            slices: slices(&pairs),
        }
    }

    /// The headline figures: `digital` F1, pillars and sectors micro-F1, openness macro-F1.
    pub fn headline(&self) -> [(String, f64); 4] {
        let h = |k: &str| self.heads.get(k);
        [
            (
                "digital F1".into(),
                h("digital").map_or(0.0, |r| r.labels[0].f1),
            ),
            (
                "pillars micro-F1".into(),
                h("pillars").map_or(0.0, |r| r.micro.f1),
            ),
            (
                "sectors micro-F1".into(),
                h("sectors").map_or(0.0, |r| r.micro.f1),
            ),
            (
                "openness macro-F1".into(),
                h("openness").map_or(0.0, |r| r.macro_avg.f1),
            ),
        ]
    }

    /// Markdown for the model card.
    pub fn to_markdown(&self) -> String {
        let mut s = format!(
            "Cross-validation: {} folds (seed {}) over the gold rows; weak-labelled rows train \
             but are never tested.\n\n| measure | value |\n|---|---|\n",
            self.folds, self.seed
        );
        for (k, v) in self.headline() {
            s += &format!("| {k} | {v:.3} |\n");
        }
        for (name, r) in &self.heads {
            s += &format!("\n### {name}\n\n{}", r.to_markdown());
        }
        s += "\n### By source and language\n\n| slice | rows | digital F1 | sectors micro-F1 |\n|---|---|---|---|\n";
        for (k, (n, d, sec)) in &self.slices {
            s += &format!("| {k} | {n} | {d:.3} | {sec:.3} |\n");
        }
        s
    }
}

fn names<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
    all.iter().map(|v| v.to_string()).collect()
}

fn digital(p: &Pairs) -> Report {
    let t: Vec<Vec<bool>> = p.iter().map(|x| vec![x.0.is_digital()]).collect();
    let q: Vec<Vec<bool>> = p.iter().map(|x| vec![x.1.is_digital()]).collect();
    Report::multilabel(&["digital".to_string()], &t, &q).expect("equal lengths")
}

fn levels(p: &Pairs) -> Report {
    let t: Vec<usize> = p.iter().map(|x| x.0.digital as usize).collect();
    let q: Vec<usize> = p.iter().map(|x| x.1.digital as usize).collect();
    Report::multiclass(&names(&["0", "1", "2"]), &t, &q).expect("equal lengths")
}

fn openness(p: &Pairs) -> Report {
    let t: Vec<usize> = p.iter().map(|x| x.0.openness.index()).collect();
    let q: Vec<usize> = p.iter().map(|x| x.1.openness.index()).collect();
    Report::multiclass(&names(Openness::ALL), &t, &q).expect("equal lengths")
}

/// Pillars on gold-digital rows: from the pillar heads alone (`heads_only`, the most likely
/// pillar when none is positive) or end to end (empty when predicted not digital).
fn pillars(p: &Pairs, heads_only: bool) -> Report {
    let t: Vec<Vec<bool>> = p
        .iter()
        .map(|x| {
            Pillar::ALL
                .iter()
                .map(|v| x.0.pillars.contains(v))
                .collect()
        })
        .collect();
    let q: Vec<Vec<bool>> = p
        .iter()
        .map(|x| {
            if !heads_only {
                return Pillar::ALL
                    .iter()
                    .map(|v| x.1.pillars.contains(v))
                    .collect();
            }
            let d = &x.4[PILLAR0..PILLAR0 + 6];
            let best = (0..6).max_by(|&a, &b| d[a].total_cmp(&d[b])).unwrap_or(0);
            (0..6).map(|k| d[k] > 0.0 || k == best).collect()
        })
        .collect();
    Report::multilabel(&names(Pillar::ALL), &t, &q).expect("equal lengths")
}

fn sectors(p: &Pairs) -> Report {
    let f = |l: &Labels| Sector::ALL.iter().map(|v| l.sectors.contains(v)).collect();
    let t: Vec<Vec<bool>> = p.iter().map(|x| f(x.0)).collect();
    let q: Vec<Vec<bool>> = p.iter().map(|x| f(&x.1)).collect();
    Report::multilabel(&names(Sector::ALL), &t, &q).expect("equal lengths")
}

fn slices(p: &Pairs) -> BTreeMap<String, (usize, f64, f64)> {
    let mut keys: Vec<String> = p.iter().map(|x| format!("source {}", x.2)).collect();
    keys.extend(
        p.iter()
            .filter_map(|x| x.3.map(|l| format!("language {l}"))),
    );
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| {
            let sel: Pairs = p
                .iter()
                .filter(|x| {
                    k == format!("source {}", x.2)
                        || Some(k.as_str()) == x.3.map(|l| format!("language {l}")).as_deref()
                })
                .cloned()
                .collect();
            let v = (
                sel.len(),
                digital(&sel).labels[0].f1,
                sectors(&sel).micro.f1,
            );
            (k, v)
        })
        .collect()
}
