//! Two model versions side by side on one labelled file: per-label precision, recall and F1
//! of each with the change, and the records whose predicted labels differ.

use std::path::Path;

use super::merge::differing_fields;
use crate::classify::classifier::decide;
use crate::classify::dataset::TrainingSet;
use crate::classify::heads::RowLabel;
use crate::classify::report::CvReport;
use crate::classify::{Classifier, TrainConfig};
use crate::labels::Labels;
use crate::model::Report;

/// Precision, recall and F1 of one label under both models.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRow {
    /// The head (`digital`, `pillars`, `sectors`, ...).
    pub head: String,
    /// The label (a value, or `micro`/`macro` for the averages).
    pub label: String,
    /// Rows truly carrying the label (`None` for the averages).
    pub support: Option<usize>,
    /// Precision, recall, F1 of model A.
    pub a: [f64; 3],
    /// Precision, recall, F1 of model B.
    pub b: [f64; 3],
}

/// A record that the two models label differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// The record key.
    pub id: String,
    /// The fields that differ.
    pub fields: Vec<&'static str>,
    /// Labels of model A.
    pub a: Labels,
    /// Labels of model B.
    pub b: Labels,
    /// The gold labels.
    pub gold: Labels,
}

/// The comparison of two models on the same labelled rows.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Model names (`NAME@version`).
    pub names: [String; 2],
    /// Labelled rows compared on.
    pub rows: usize,
    /// Per-label scores, head by head.
    pub labels: Vec<LabelRow>,
    /// Records labelled differently, in the set's order.
    pub changed: Vec<Changed>,
}

/// Heads shown, in this order.
const HEADS: [&str; 5] = [
    "digital",
    "digital_levels",
    "pillars",
    "sectors",
    "openness",
];

/// Compares `a` and `b` on the gold rows of `set`.
pub fn compare(a: &Classifier, b: &Classifier, set: &TrainingSet) -> Comparison {
    let gold: Vec<usize> = (0..set.rows.len())
        .filter(|&i| matches!(set.rows[i], RowLabel::Gold(_)))
        .collect();
    let decisions = |m: &Classifier| -> Vec<Option<Vec<f32>>> {
        (0..set.rows.len())
            .map(|i| {
                gold.binary_search(&i)
                    .ok()
                    .map(|_| m.decisions(&m.features(&set.texts[i])))
            })
            .collect()
    };
    let (da, db) = (decisions(a), decisions(b));
    let cfg = TrainConfig {
        folds: 0,
        ..TrainConfig::default()
    };
    let report = |m: &Classifier, d: &[Option<Vec<f32>>]| {
        CvReport::from_oof(set, d, &|d, t| decide(d, m.lexicon(), t), &cfg)
    };
    let (ra, rb) = (report(a, &da), report(b, &db));
    let mut changed = Vec::new();
    for &i in &gold {
        let (Some(x), Some(y), RowLabel::Gold(g)) = (&da[i], &db[i], &set.rows[i]) else {
            continue;
        };
        let la = decide(x, a.lexicon(), &set.texts[i]);
        let lb = decide(y, b.lexicon(), &set.texts[i]);
        let fields = differing_fields(&la, &lb);
        if !fields.is_empty() {
            changed.push(Changed {
                id: set.keys[i].clone(),
                fields,
                a: la,
                b: lb,
                gold: g.clone(),
            });
        }
    }
    Comparison {
        names: [a.name().to_string(), b.name().to_string()],
        rows: gold.len(),
        labels: side_by_side(&ra, &rb),
        changed,
    }
}

fn prf(r: &Report, label: &str) -> [f64; 3] {
    let s = match label {
        "micro" => r.micro,
        "macro" => r.macro_avg,
        _ => match r.labels.iter().find(|l| l.label == label) {
            Some(l) => return [l.precision, l.recall, l.f1],
            None => return [0.0; 3],
        },
    };
    [s.precision, s.recall, s.f1]
}

fn side_by_side(a: &CvReport, b: &CvReport) -> Vec<LabelRow> {
    let mut out = Vec::new();
    for head in HEADS {
        let (Some(ra), Some(rb)) = (a.heads.get(head), b.heads.get(head)) else {
            continue;
        };
        let mut labels: Vec<(String, Option<usize>)> = ra
            .labels
            .iter()
            .map(|l| (l.label.clone(), Some(l.support)))
            .collect();
        if labels.len() > 1 {
            labels.push(("micro".into(), None));
            labels.push(("macro".into(), None));
        }
        for (label, support) in labels {
            out.push(LabelRow {
                head: head.to_string(),
                a: prf(ra, &label),
                b: prf(rb, &label),
                label,
                support,
            });
        }
    }
    out
}

impl Comparison {
    /// A plain-text table: one line per label with A's and B's P/R/F1 and the F1 change.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "A = {}\nB = {}\non {} labelled records\n\n{:<15} {:<18} {:>7}   {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5}   {:>7}\n",
            self.names[0], self.names[1], self.rows,
            "head", "label", "support", "A P", "A R", "A F1", "B P", "B R", "B F1", "ΔF1"
        );
        for r in &self.labels {
            let support = r.support.map_or(String::new(), |n| n.to_string());
            s += &format!(
                "{:<15} {:<18} {:>7}   {:>5.3} {:>5.3} {:>5.3}   {:>5.3} {:>5.3} {:>5.3}   {:>+7.3}\n",
                r.head, r.label, support, r.a[0], r.a[1], r.a[2], r.b[0], r.b[1], r.b[2],
                r.b[2] - r.a[2]
            );
        }
        s += &format!("\n{} records labelled differently\n", self.changed.len());
        s
    }

    /// Writes the records labelled differently as CSV (`id,fields,gold_*,a_*,b_*`).
    pub fn write_changed(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let tmp = crate::atomic::temp_file_in(dir.unwrap_or(Path::new(".")))?;
        {
            let mut w = csv::Writer::from_writer(tmp.as_file());
            let mut header = vec!["id".to_string(), "fields".to_string()];
            for who in ["gold", "a", "b"] {
                for f in ["digital", "openness", "pillars", "sectors"] {
                    header.push(format!("{who}_{f}"));
                }
            }
            w.write_record(&header)?;
            for c in &self.changed {
                let mut rec = vec![c.id.clone(), c.fields.join(";")];
                for l in [&c.gold, &c.a, &c.b] {
                    rec.push(l.digital.to_string());
                    rec.push(l.openness.to_string());
                    rec.push(Labels::join(&l.pillars));
                    rec.push(Labels::join(&l.sectors));
                }
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}
