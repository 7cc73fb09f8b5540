//! Evidence: the words behind each positive decision. For a linear head the contribution of a
//! feature is weight × value; the strongest positive ones are kept, preferring readable word
//! n-grams and lexicon concepts (shown with the phrase that matched) over character n-grams.

use super::classifier::Classifier;
use super::heads::{DIGITAL, PILLAR0, SECTOR0};
use crate::labels::{Evidence, Labels};
use crate::text::SparseVec;

/// Most evidence items per decision.
const PER_DECISION: usize = 4;

/// Evidence for every positive label (and for `digital` 0, what argued against).
pub fn linear(c: &Classifier, ws: &[&str], x: &SparseVec, labels: &Labels) -> Vec<Evidence> {
    let mut out = Vec::new();
    let digital = labels.digital.to_string();
    if labels.is_digital() {
        push(c, ws, x, (DIGITAL, 1.0, "digital", &digital), &mut out);
    } else {
        push(c, ws, x, (DIGITAL, -1.0, "digital", &digital), &mut out);
    }
    for p in &labels.pillars {
        push(
            c,
            ws,
            x,
            (PILLAR0 + p.index(), 1.0, "pillars", p.as_str()),
            &mut out,
        );
    }
    for s in &labels.sectors {
        push(
            c,
            ws,
            x,
            (SECTOR0 + s.index(), 1.0, "sectors", s.as_str()),
            &mut out,
        );
    }
    out
}

/// One decision to explain: the head, the sign that supports it, the field and label shown.
type Decision<'a> = (usize, f32, &'a str, &'a str);

fn push(c: &Classifier, ws: &[&str], x: &SparseVec, decision: Decision, out: &mut Vec<Evidence>) {
    let (head, sign, field, label) = decision;
    let model = &c.heads.models()[head];
    // Readable features first, each group by strength; ties broken by feature index so the
    // order never depends on the sort algorithm. Only the best few are kept while scanning.
    let better = |a: &(bool, u32, f32), b: &(bool, u32, f32)| {
        b.0.cmp(&a.0)
            .then(b.2.abs().total_cmp(&a.2.abs()))
            .then(a.1.cmp(&b.1))
    };
    let keep = 2 * PER_DECISION;
    let mut contrib: Vec<(bool, u32, f32)> = Vec::with_capacity(keep + 1);
    for (i, v) in x.iter() {
        let w = model.weights().get(i as usize).copied().unwrap_or(0.0) * v;
        if w * sign <= 0.0 {
            continue;
        }
        let cand = (readable(c, i), i, w);
        let at = contrib.partition_point(|e| better(e, &cand).is_lt());
        if at < keep {
            contrib.insert(at, cand);
            contrib.truncate(keep);
        }
    }
    let before = out.len();
    for (_, i, v) in contrib {
        if out.len() - before == PER_DECISION {
            break;
        }
        let term = readable_term(c, ws, c.featurizer.feature_name(i));
        if out[before..].iter().any(|e| e.term == term) {
            continue;
        }
        out.push(Evidence {
            head: field.into(),
            label: label.into(),
            term,
            weight: v,
        });
    }
}

fn readable(c: &Classifier, i: u32) -> bool {
    let i = i as usize;
    let words = c.featurizer.word_dim();
    i < words || i >= words + c.featurizer.char_dim()
}

/// A lexicon feature (`lexicon:dig_infosys`) shown with the phrases that matched it
/// (`"information system" (dig_infosys)`); other features as they are.
fn readable_term(c: &Classifier, ws: &[&str], name: String) -> String {
    match name.strip_prefix("lexicon:") {
        Some(concept) => {
            let mut found = matched_phrases(c, ws, concept);
            found.sort();
            found.dedup();
            found.truncate(3);
            format!("{} ({concept})", found.join(", "))
        }
        None => name,
    }
}

/// The phrases of the words `ws` that matched lexicon concept `name`.
pub fn matched_phrases(c: &Classifier, ws: &[&str], name: &str) -> Vec<String> {
    let Some(concept) = c.lexicon.concept(name) else {
        return vec![];
    };
    c.lexicon
        .matches(ws)
        .into_iter()
        .filter(|m| m.0 == concept)
        .map(|(_, s, l)| ws[s..s + l].join(" "))
        .collect()
}
