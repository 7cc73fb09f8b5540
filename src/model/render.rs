//! Renders a [`Report`] as a plain-text table (for the terminal) or as Markdown (for the
//! model card).

use std::fmt::Write;

use super::metrics::{Averages, Report};

/// A plain-text table: one row per label, then the micro and macro averages, then the
/// confusion matrix if any.
pub fn to_text(r: &Report) -> String {
    let w = r
        .labels
        .iter()
        .map(|l| l.label.len())
        .max()
        .unwrap_or(0)
        .max(9);
    let mut s = format!("{:<w$}  precision  recall      f1  support\n", "label");
    for l in &r.labels {
        let _ = writeln!(
            s,
            "{:<w$}  {:>9.3}  {:>6.3}  {:>6.3}  {:>7}",
            l.label, l.precision, l.recall, l.f1, l.support
        );
    }
    for (name, a) in [("micro avg", r.micro), ("macro avg", r.macro_avg)] {
        let _ = writeln!(
            s,
            "{name:<w$}  {:>9.3}  {:>6.3}  {:>6.3}  {:>7}",
            a.precision, a.recall, a.f1, r.n_samples
        );
    }
    if let Some(c) = &r.confusion {
        let cw = c.classes.iter().map(|n| n.len()).max().unwrap_or(0).max(6);
        let _ = write!(
            s,
            "\nconfusion (rows: truth, columns: predicted)\n{:<cw$}",
            ""
        );
        c.classes.iter().for_each(|n| {
            let _ = write!(s, "  {n:>cw$}");
        });
        s.push('\n');
        for (name, row) in c.classes.iter().zip(&c.counts) {
            let _ = write!(s, "{name:<cw$}");
            row.iter().for_each(|v| {
                let _ = write!(s, "  {v:>cw$}");
            });
            s.push('\n');
        }
    }
    s
}

fn md_avg(s: &mut String, name: &str, a: Averages, n: usize) {
    let _ = writeln!(
        s,
        "| *{name}* | {:.3} | {:.3} | {:.3} | {n} |",
        a.precision, a.recall, a.f1
    );
}

/// Markdown tables: scores per label with averages, then the confusion matrix if any.
pub fn to_markdown(r: &Report) -> String {
    let mut s =
        String::from("| label | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n");
    for l in &r.labels {
        let _ = writeln!(
            s,
            "| {} | {:.3} | {:.3} | {:.3} | {} |",
            md_escape(&l.label),
            l.precision,
            l.recall,
            l.f1,
            l.support
        );
    }
    md_avg(&mut s, "micro avg", r.micro, r.n_samples);
    md_avg(&mut s, "macro avg", r.macro_avg, r.n_samples);
    if let Some(c) = &r.confusion {
        s.push_str("\n| truth \\ predicted |");
        c.classes.iter().for_each(|n| {
            let _ = write!(s, " {} |", md_escape(n));
        });
        s.push_str("\n|---|");
        s.push_str(&"---:|".repeat(c.classes.len()));
        s.push('\n');
        for (name, row) in c.classes.iter().zip(&c.counts) {
            let _ = write!(s, "| {} |", md_escape(name));
            row.iter().for_each(|v| {
                let _ = write!(s, " {v} |");
            });
            s.push('\n');
        }
    }
    s
}

impl Report {
    /// The report as a plain-text table (see [`to_text`]).
    pub fn to_text(&self) -> String {
        to_text(self)
    }

    /// The report as Markdown (see [`to_markdown`]).
    pub fn to_markdown(&self) -> String {
        to_markdown(self)
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let classes: Vec<String> = ["none", "some", "core"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        Report::multiclass(&classes, &[0, 0, 1, 2], &[0, 1, 1, 2]).unwrap()
    }

    #[test]
    fn text_table_lists_labels_averages_and_confusion() {
        let t = to_text(&report());
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].starts_with("label") && lines[0].contains("precision"));
        // none: tp 1 fp 0 fn 1 → P 1, R .5, F1 .667, support 2.
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            ["none", "1.000", "0.500", "0.667", "2"]
        );
        assert!(lines[4].starts_with("micro avg") && lines[4].contains("0.750"));
        assert!(t.contains("confusion"));
        assert_eq!(
            lines.last().unwrap().split_whitespace().collect::<Vec<_>>(),
            ["core", "0", "0", "1"]
        );
    }

    #[test]
    fn markdown_has_aligned_header_and_escaped_cells() {
        let mut r = report();
        r.labels[0].label = "a|b".into();
        let m = to_markdown(&r);
        assert!(m.starts_with(
            "| label | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n"
        ));
        assert!(m.contains("| a\\|b | 1.000 | 0.500 | 0.667 | 2 |"));
        assert!(m.contains("| truth \\ predicted | none | some | core |\n|---|---:|---:|---:|\n"));
        assert!(m.contains("| some | 0 | 1 | 0 |"));
    }
}
