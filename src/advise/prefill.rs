//! What the classifier already knows about a catalogued proposal, as answers: a question
//! with `prefill = "digital"` is answered from the `digital` label, one with
//! `prefill = "open_source"` from `openness` (only when it is `open` or `closed`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::guide::Question;
use crate::labels::{Classification, Openness};
use crate::Proposal;

/// A classifier fact that can answer a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrefillFact {
    /// `digital` 1 or 2 → `yes`, 0 → `no`.
    Digital,
    /// `openness` `open` → `yes`, `closed` → `no`; nothing otherwise.
    OpenSource,
}

/// Answers the classifier gives, with the reason shown to the user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prefill {
    /// The proposal's key, when pre-filled from a record.
    pub key: Option<String>,
    facts: BTreeMap<PrefillFact, (String, String)>,
}

impl Prefill {
    /// What the classification of `p` answers (nothing when it is unclassified).
    pub fn from_proposal(p: &Proposal) -> Prefill {
        let mut pre = Prefill {
            key: Some(p.key()),
            facts: BTreeMap::new(),
        };
        if let Some(c) = &p.classification {
            pre.facts.insert(PrefillFact::Digital, digital(c));
            if let Some(open) = open_source(c) {
                pre.facts.insert(PrefillFact::OpenSource, open);
            }
        }
        pre
    }

    /// Sets a fact by hand: the answer id and why.
    pub fn set(&mut self, fact: PrefillFact, answer: &str, why: &str) {
        self.facts.insert(fact, (answer.into(), why.into()));
    }

    /// The pre-filled answer id for `q` and its reason, if the classifier knows it.
    pub fn answer_for(&self, q: &Question) -> Option<(&str, &str)> {
        let (a, why) = self.facts.get(q.prefill.as_ref()?)?;
        q.answer(a).map(|_| (a.as_str(), why.as_str()))
    }

    /// Is nothing known?
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

fn digital(c: &Classification) -> (String, String) {
    let d = c.labels.digital;
    let answer = if d > 0 { "yes" } else { "no" };
    let why = format!(
        "digital = {d} (probability of digital {:.2}, model {})",
        c.p_digital(),
        c.model
    );
    (answer.into(), why)
}

fn open_source(c: &Classification) -> Option<(String, String)> {
    let answer = match c.labels.openness {
        Openness::Open => "yes",
        Openness::Closed => "no",
        _ => return None,
    };
    let terms: Vec<&str> = c
        .evidence
        .iter()
        .filter(|e| e.head == "openness")
        .map(|e| e.term.as_str())
        .take(3)
        .collect();
    let why = if terms.is_empty() {
        format!("openness = {}", c.labels.openness)
    } else {
        format!(
            "openness = {} (evidence: {})",
            c.labels.openness,
            terms.join("; ")
        )
    };
    Some((answer.into(), why))
}
