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
    for (d, top) in decisions.iter().zip(tops) {
        push(c, ws, d, top, &mut out);
    }
    out
}

/// One decision to explain: the head, the sign that supports it, the field and label shown.
type Decision = (usize, f32, &'static str, &'static str);

/// A feature's contribution: readable or not, its index, weight × value.
type Contribution = (bool, u32, f32);

/// Readable features first, each group by strength; ties broken by feature index so the order
/// never depends on the sort algorithm.
fn better(a: &Contribution, b: &Contribution) -> std::cmp::Ordering {
    b.0.cmp(&a.0)
        .then(b.2.abs().total_cmp(&a.2.abs()))
        .then(a.1.cmp(&b.1))
}

/// The strongest supporting contributions of every decision. Readable features (word
/// n-grams, then the extra blocks) are offered first, in one pass for all decisions (each
/// feature's weights are one row of the classifier's packed weights, read once); character
/// n-grams, which rank below every readable feature, are offered only to the decisions whose
/// lists are not yet full, which is rarely any. The lists are ordered by [`better`], a total
/// order, so the result does not depend on the order of offers.
fn strongest(c: &Classifier, x: &SparseVec, decisions: &[Decision]) -> Vec<Vec<Contribution>> {
    let keep = 2 * PER_DECISION;
    let mut lists = Lists {
        tops: vec![Vec::with_capacity(keep + 1); decisions.len()],
        bars: vec![[0.0; 2]; decisions.len()],
        keep,
    };
    // Word n-grams are `..lo`, character n-grams `lo..hi`, the extra blocks `hi..`.
    let lo = x
        .indices
        .partition_point(|&i| (i as usize) < c.featurizer.word_dim());
    let hi = x
        .indices
        .partition_point(|&i| (i as usize) < c.featurizer.tfidf_dim());
    let all: Vec<usize> = (0..decisions.len()).collect();
    for k in (0..lo).chain(hi..x.nnz()) {
        lists.offer(c, (true, x.indices[k], x.values[k]), decisions, &all);
    }
    let open: Vec<usize> = all
        .into_iter()
        .filter(|&d| lists.tops[d].len() < keep)
        .collect();
    if !open.is_empty() {
        for k in lo..hi {
            lists.offer(c, (false, x.indices[k], x.values[k]), decisions, &open);
        }
    }
    lists.tops
}

/// Every decision's best contributions so far, with the score a newcomer must beat
/// ([`bars`]), so most features are turned away by one well-predicted comparison.
struct Lists {
    tops: Vec<Vec<Contribution>>,
    bars: Vec<[f32; 2]>,
    keep: usize,
}

impl Lists {
    /// Offers feature `(readable, index, value)` to the decisions numbered in `to`.
    fn offer(&mut self, c: &Classifier, f: Contribution, decisions: &[Decision], to: &[usize]) {
        let (readable, i, v) = f;
        let Some(row) = c.weights_of(i) else {
            return;
        };
        for &d in to {
            let (head, sign, ..) = decisions[d];
            let w = row[head] * v;
            if w * sign <= self.bars[d][usize::from(readable)] {
                continue;
            }
            let cand = (readable, i, w);
            let top = &mut self.tops[d];
            let at = top.partition_point(|e| better(e, &cand).is_lt());
            if at < self.keep {
                top.insert(at, cand);
                top.truncate(self.keep);
                self.bars[d] = bars(top, self.keep);
            }
        }
    }
}

/// The supporting score (weight × value × sign) an unreadable (`[0]`) and a readable (`[1]`)
/// candidate must exceed to enter a list: zero until it is full, then what beats its last.
fn bars(top: &[Contribution], keep: usize) -> [f32; 2] {
    match top.last() {
        Some(&(true, _, w)) if top.len() == keep => [f32::INFINITY, w.abs()],
        Some(&(false, _, w)) if top.len() == keep => [w.abs(), 0.0],
        _ => [0.0, 0.0],
    }
}

/// Adds up to [`PER_DECISION`] distinct terms of one decision's strongest contributions.
fn push(c: &Classifier, ws: &Words, d: &Decision, top: Vec<Contribution>, out: &mut Vec<Evidence>) {
    let &(_, _, field, label) = d;
    let before = out.len();
    for (_, i, v) in top {
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
        let glossed = c.featurizer.glossed_as(ws.words, i);
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
