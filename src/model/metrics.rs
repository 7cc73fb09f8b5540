//! Evaluation: per-label precision, recall, F1 and support, micro and macro averages, and the
//! confusion matrix of a multi-class label, gathered in a serialisable [`Report`] (rendered as
//! a plain-text table or Markdown by [`render`](super::render)).

use serde::{Deserialize, Serialize};

use super::error::ModelError;

/// Scores of one label (one head or one class).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelScores {
    /// The label name.
    pub label: String,
    /// `tp / (tp + fp)`, 0 when nothing was predicted.
    pub precision: f64,
    /// `tp / (tp + fn)`, 0 when the label never occurs.
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub f1: f64,
    /// Number of rows truly carrying the label.
    pub support: usize,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

/// Averaged precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Averages {
    /// Averaged precision.
    pub precision: f64,
    /// Averaged recall.
    pub recall: f64,
    /// Averaged F1.
    pub f1: f64,
}

/// Counts of (true class, predicted class) pairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfusionMatrix {
    /// Class names, in index order.
    pub classes: Vec<String>,
    /// `counts[truth][predicted]`.
    pub counts: Vec<Vec<usize>>,
}

/// An evaluation report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Number of evaluated rows.
    pub n_samples: usize,
    /// Scores per label, in the given order.
    pub labels: Vec<LabelScores>,
    /// Scores from the summed counts of all labels (accuracy for a multi-class label).
    pub micro: Averages,
    /// Unweighted means of the per-label scores.
    pub macro_avg: Averages,
    /// The confusion matrix, for a multi-class label.
    pub confusion: Option<ConfusionMatrix>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl LabelScores {
    /// Scores from counts.
    pub fn from_counts(label: &str, tp: usize, fp: usize, fn_: usize) -> Self {
        let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        LabelScores {
            label: label.to_string(),
            precision,
            recall,
            f1: harmonic(precision, recall),
            support: tp + fn_,
            tp,
            fp,
            fn_,
        }
    }
}

impl Report {
    /// Report for multi-label data: `truth[i][k]` and `pred[i][k]` say whether row `i`
    /// carries label `names[k]`.
    pub fn multilabel(
        names: &[String],
        truth: &[Vec<bool>],
        pred: &[Vec<bool>],
    ) -> Result<Report, ModelError> {
        check_len(truth.len(), pred.len())?;
        if let Some(i) = (0..truth.len())
            .find(|&i| truth[i].len() != names.len() || pred[i].len() != names.len())
        {
            return Err(ModelError::InvalidData(format!(
                "row {i}: expected {} labels",
                names.len()
            )));
        }
        let labels = names
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let count = |t: bool, p: bool| {
                    (0..truth.len())
                        .filter(|&i| truth[i][k] == t && pred[i][k] == p)
                        .count()
                };
                LabelScores::from_counts(
                    name,
                    count(true, true),
                    count(false, true),
                    count(true, false),
                )
            })
            .collect();
        Ok(Self::assemble(truth.len(), labels, None))
    }

    /// Report for one multi-class label: `truth[i]` and `pred[i]` index into `classes`.
    pub fn multiclass(
        classes: &[String],
        truth: &[usize],
        pred: &[usize],
    ) -> Result<Report, ModelError> {
        check_len(truth.len(), pred.len())?;
        let k = classes.len();
        let mut counts = vec![vec![0usize; k]; k];
        for (i, (&t, &p)) in truth.iter().zip(pred).enumerate() {
            if t >= k || p >= k {
                return Err(ModelError::InvalidData(format!(
                    "row {i}: class index out of range 0..{k}"
                )));
            }
            counts[t][p] += 1;
        }
        let labels = (0..k)
            .map(|c| {
                let fp = (0..k).filter(|&t| t != c).map(|t| counts[t][c]).sum();
                let fn_ = (0..k).filter(|&p| p != c).map(|p| counts[c][p]).sum();
                LabelScores::from_counts(&classes[c], counts[c][c], fp, fn_)
            })
            .collect();
        let confusion = ConfusionMatrix {
            classes: classes.to_vec(),
            counts,
        };
        Ok(Self::assemble(truth.len(), labels, Some(confusion)))
    }

    fn assemble(
        n_samples: usize,
        labels: Vec<LabelScores>,
        confusion: Option<ConfusionMatrix>,
    ) -> Report {
        let sum = |f: fn(&LabelScores) -> usize| labels.iter().map(f).sum::<usize>();
        let (tp, fp, fn_) = (sum(|l| l.tp), sum(|l| l.fp), sum(|l| l.fn_));
        let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let micro = Averages {
            precision: p,
            recall: r,
            f1: harmonic(p, r),
        };
        let mean = |f: fn(&LabelScores) -> f64| {
            if labels.is_empty() {
                0.0
            } else {
                labels.iter().map(f).sum::<f64>() / labels.len() as f64
            }
        };
        let macro_avg = Averages {
            precision: mean(|l| l.precision),
            recall: mean(|l| l.recall),
            f1: mean(|l| l.f1),
        };
        Report {
            n_samples,
            labels,
            micro,
            macro_avg,
            confusion,
        }
    }
}

fn check_len(a: usize, b: usize) -> Result<(), ModelError> {
    if a == b {
        Ok(())
    } else {
        Err(ModelError::InvalidData(format!(
            "{a} true rows but {b} predicted rows"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn multiclass_scores_and_confusion_match_hand_counts() {
        // truth: 0 0 0 1 1 2 ; pred: 0 1 0 1 2 2
        let r = Report::multiclass(
            &names(&["0", "1", "2"]),
            &[0, 0, 0, 1, 1, 2],
            &[0, 1, 0, 1, 2, 2],
        )
        .unwrap();
        let c = r.confusion.as_ref().unwrap();
        assert_eq!(c.counts, vec![vec![2, 1, 0], vec![0, 1, 1], vec![0, 0, 1]]);
        let l0 = &r.labels[0];
        assert_eq!((l0.tp, l0.fp, l0.fn_, l0.support), (2, 0, 1, 3));
        assert!((l0.precision - 1.0).abs() < 1e-12 && (l0.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((l0.f1 - 0.8).abs() < 1e-12);
        // Class 1: tp 1, fp 1, fn 1 → 0.5 everywhere; class 2: tp 1, fp 1, fn 0 → P .5, R 1.
        assert!((r.labels[1].f1 - 0.5).abs() < 1e-12);
        assert!((r.labels[2].f1 - 2.0 / 3.0).abs() < 1e-12);
        // Micro = accuracy = 4/6; macro F1 = mean(0.8, 0.5, 2/3).
        assert!((r.micro.f1 - 4.0 / 6.0).abs() < 1e-12);
        assert!((r.macro_avg.f1 - (0.8 + 0.5 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
    }

    #[test]
    fn multilabel_micro_pools_counts_and_empty_labels_score_zero() {
        let truth = vec![vec![true, false], vec![true, false], vec![false, false]];
        let pred = vec![vec![true, true], vec![false, false], vec![false, false]];
        let r = Report::multilabel(&names(&["a", "b"]), &truth, &pred).unwrap();
        assert_eq!((r.labels[0].tp, r.labels[0].fn_), (1, 1));
        assert_eq!(
            (r.labels[1].fp, r.labels[1].support, r.labels[1].f1),
            (1, 0, 0.0)
        );
        // Pooled: tp 1, fp 1, fn 1.
        assert!((r.micro.precision - 0.5).abs() < 1e-12 && (r.micro.recall - 0.5).abs() < 1e-12);
        assert!(r.confusion.is_none());
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), r);
    }

    #[test]
    fn shape_errors_name_the_row() {
        assert!(Report::multiclass(&names(&["x"]), &[0, 1], &[0, 0])
            .unwrap_err()
            .to_string()
            .contains("row 1"));
        assert!(Report::multilabel(&names(&["x"]), &[vec![true]], &[]).is_err());
    }
}
