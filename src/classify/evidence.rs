//! Evidence: the words behind each positive decision. For a linear head the contribution of a
//! feature is weight × value; the strongest positive ones are kept, preferring readable word
//! n-grams and lexicon concepts (shown with the phrase that matched) over character n-grams.

use std::borrow::Cow;

use super::classifier::Classifier;
use super::heads::{DIGITAL, PILLAR0, SECTOR0};
use crate::labels::{Evidence, Labels};
use crate::text::SparseVec;

/// The words of a text with the lexicon's matches in them.
pub struct Words<'a> {
    /// The normalised words.
    pub words: &'a [&'a str],
    /// Their hashes, as the featurizer computed them.
    pub hashes: &'a [u64],
    /// The lexicon's matches: `(concept, first word, word count)`.
    pub matches: &'a [(u32, usize, usize)],
}

/// Most evidence items per decision.
const PER_DECISION: usize = 4;

/// Evidence for every positive label (and for `digital` 0, what argued against).
pub fn linear(c: &Classifier, ws: &Words, x: &SparseVec, labels: &Labels) -> Vec<Evidence> {
    let digital = match labels.digital {
        0 => "0",
        1 => "1",
        _ => "2",
    };
    let sign = if labels.is_digital() { 1.0 } else { -1.0 };
    let mut decisions: Vec<Decision> = vec![(DIGITAL, sign, "digital", digital)];
    decisions.extend(
        labels
            .pillars
            .iter()
            .map(|p| (PILLAR0 + p.index(), 1.0, "pillars", p.as_str())),
    );
    decisions.extend(
        labels
            .sectors
            .iter()
            .map(|s| (SECTOR0 + s.index(), 1.0, "sectors", s.as_str())),
    );
    let tops = strongest(c, x, &decisions);
    let mut out = Vec::new();
    for (d, top) in decisions.iter().zip(&tops) {
        push(c, ws, d, top.as_slice(), &mut out);
    }
    out
}

/// One decision to explain: the head, the sign that supports it, the field and label shown.
type Decision = (usize, f32, &'static str, &'static str);

/// A feature's contribution: readable or not, its index, weight × value.
type Contribution = (bool, u32, f32);

/// Candidates kept per decision before duplicates are dropped.
const KEEP: usize = 2 * PER_DECISION;

/// The rank of a contribution, larger first: readable features first, each group by strength;
/// ties broken by the lower feature index, so the order never depends on the order of offers.
/// (Strengths are non-negative, whose bit patterns order as the numbers do.)
#[inline]
fn rank(c: &Contribution) -> (bool, u32, u32) {
    (c.0, c.2.abs().to_bits(), u32::MAX - c.1)
}

/// One decision's best contributions so far, best first.
#[derive(Clone, Copy)]
struct Top {
    items: [Contribution; KEEP],
    len: usize,
}

impl Top {
    const EMPTY: Top = Top {
        items: [(false, 0, 0.0); KEEP],
        len: 0,
    };

    /// Keeps `c` if it ranks among the best [`KEEP`] offered.
    #[inline]
    fn offer(&mut self, c: Contribution) {
        let r = rank(&c);
        let mut at = self.len;
        while at > 0 && rank(&self.items[at - 1]) < r {
            at -= 1;
        }
        if at == KEEP {
            return;
        }
        for j in (at..self.len.min(KEEP - 1)).rev() {
            self.items[j + 1] = self.items[j];
        }
        self.items[at] = c;
        self.len = (self.len + 1).min(KEEP);
    }

    fn as_slice(&self) -> &[Contribution] {
        &self.items[..self.len]
    }
}

/// The strongest supporting contributions of every decision. Readable features (word
/// n-grams, then the extra blocks) are offered first, to all decisions (each feature's weights
/// are one row of the classifier's packed weights, read once); character n-grams, which rank
/// below every readable feature, are offered only to the decisions whose lists are not yet
/// full, which is rarely any.
fn strongest(c: &Classifier, x: &SparseVec, decisions: &[Decision]) -> Vec<Top> {
    let mut tops = vec![Top::EMPTY; decisions.len()];
    // Word n-grams are `..lo`, character n-grams `lo..hi`, the extra blocks `hi..`.
    let lo = x
        .indices
        .partition_point(|&i| (i as usize) < c.featurizer.word_dim());
    let hi = x
        .indices
        .partition_point(|&i| (i as usize) < c.featurizer.tfidf_dim());
    let offer = |tops: &mut [Top], k: usize, readable: bool, to: &dyn Fn(usize) -> bool| {
        let (i, v) = (x.indices[k], x.values[k]);
        let Some(row) = c.weights_of(i) else {
            return;
        };
        for (d, (top, &(head, sign, ..))) in tops.iter_mut().zip(decisions).enumerate() {
            let w = row[head] * v;
            if w * sign > 0.0 && to(d) {
                top.offer((readable, i, w));
            }
        }
    };
    for k in (0..lo).chain(hi..x.nnz()) {
        offer(&mut tops, k, true, &|_| true);
    }
    let open: Vec<bool> = tops.iter().map(|t| t.len < KEEP).collect();
    if open.contains(&true) {
        for k in lo..hi {
            offer(&mut tops, k, false, &|d| open[d]);
        }
    }
    tops
}

/// Adds up to [`PER_DECISION`] distinct terms of one decision's strongest contributions.
fn push(c: &Classifier, ws: &Words, d: &Decision, top: &[Contribution], out: &mut Vec<Evidence>) {
    let &(_, _, field, label) = d;
    let before = out.len();
    for &(_, i, v) in top {
        if out.len() - before == PER_DECISION {
            break;
        }
        let term = readable_term(c, ws, i);
        if out[before..].iter().any(|e| e.term == term) {
            continue;
        }
        out.push(Evidence {
            head: Cow::Borrowed(field),
            label: Cow::Borrowed(label),
            term,
            weight: v,
        });
    }
}

/// A lexicon feature (`lexicon:dig_infosys`) shown with the phrases that matched it
/// (`"information system" (dig_infosys)`); an English word the text does not contain but
/// counts through glosses, with the words glossed (`salud (health)`); other features by name.
fn readable_term(c: &Classifier, ws: &Words, i: u32) -> String {
    let name = c.featurizer.feature_name(i);
    if c.featurizer.is_gloss_target(i) && !ws.words.contains(&name.as_str()) {
        let glossed = c.featurizer.glossed_as_hashed(ws.words, ws.hashes, i);
        if !glossed.is_empty() {
            return format!("{} ({name})", glossed.join(", "));
        }
    }
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
pub fn matched_phrases(c: &Classifier, ws: &Words, name: &str) -> Vec<String> {
    let Some(concept) = c.lexicon.concept(name) else {
        return vec![];
    };
    ws.matches
        .iter()
        .filter(|m| m.0 == concept)
        .map(|&(_, s, l)| ws.words[s..s + l].join(" "))
        .collect()
}
