//! Walking the guide from its first question to an outcome. [`walk_with`] asks a callback
//! for each answer (a terminal, an answers file, the classifier); [`walk`] takes them from
//! an answers file first, then from what the classifier knows.

use serde::Serialize;

use super::answers::Answers;
use super::error::{AdviseError, Result};
use super::guide::{Guide, Node, Question};
use super::prefill::Prefill;

/// Where an answer came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Origin {
    /// The answers file.
    AnswersFile,
    /// The classifier's labels of the proposal, with the reason.
    Classifier(String),
    /// Typed at the terminal.
    Interactive,
    /// Decided by a gate from the answers before it.
    Gate,
}

/// One step of a walk: a question answered or a gate passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The question or gate id.
    pub node: String,
    /// The answer id (`pass` or `fail` at a gate).
    pub answer: String,
    /// The answer's label.
    pub label: String,
    /// Where the answer came from.
    pub origin: Origin,
    /// The reason the answer adds, if any.
    pub note: Option<String>,
    /// The indicator the answer fails, if any.
    pub fails: Option<String>,
}

/// A finished walk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Walk {
    /// The steps, first question first.
    pub steps: Vec<Step>,
    /// The indicators that failed on the way, in order.
    pub failed: Vec<String>,
    /// The outcome id.
    pub outcome: String,
}

/// Walks `guide`, asking `ask` for the answer to each question on the way (given the steps
/// so far); `ask` returns an answer id (or its 1-based number) and its origin.
pub fn walk_with<F>(guide: &Guide, mut ask: F) -> Result<Walk>
where
    F: FnMut(&Question, &[Step]) -> Result<(String, Origin)>,
{
    let mut steps: Vec<Step> = Vec::new();
    let mut failed = Vec::new();
    let mut current = guide.start.clone();
    for _ in 0..=guide.questions.len() + guide.gates.len() {
        let node = guide.node(&current).ok_or_else(|| {
            AdviseError::invalid(
                &guide.file,
                format!("the walk reached `{current}`, which is not a node"),
            )
        })?;
        let step = match node {
            Node::Outcome(o) => {
                return Ok(Walk {
                    steps,
                    failed,
                    outcome: o.id.clone(),
                });
            }
            Node::Gate(g) => {
                let pass = failed.is_empty();
                let (answer, label, next) = if pass {
                    ("pass", "all met", &g.pass)
                } else {
                    ("fail", "some failed", &g.fail)
                };
                current = next.clone();
                step(&g.id, answer, label, Origin::Gate, None, None)
            }
            Node::Question(q) => {
                let (value, origin) = ask(q, &steps)?;
                let a = q.answer(&value).ok_or_else(|| AdviseError::InvalidAnswer {
                    question: q.id.clone(),
                    value: value.clone(),
                    allowed: q.allowed(),
                })?;
                failed.extend(a.fails.clone());
                current = a.next.clone();
                step(
                    &q.id,
                    &a.id,
                    &a.label,
                    origin,
                    a.note.clone(),
                    a.fails.clone(),
                )
            }
        };
        steps.push(step);
    }
    Err(AdviseError::invalid(
        &guide.file,
        "the walk does not end (is there a cycle?)",
    ))
}

fn step(
    node: &str,
    answer: &str,
    label: &str,
    origin: Origin,
    note: Option<String>,
    fails: Option<String>,
) -> Step {
    Step {
        node: node.into(),
        answer: answer.into(),
        label: label.into(),
        origin,
        note,
        fails,
    }
}

/// Walks `guide` with `answers` (checked first), falling back on `prefill` for questions the
/// file does not answer; a question answered by neither is [`AdviseError::MissingAnswer`].
pub fn walk(guide: &Guide, answers: &Answers, prefill: &Prefill) -> Result<Walk> {
    answers.check(guide)?;
    walk_with(guide, |q, _| {
        if let Some(a) = answers.get(&q.id) {
            return Ok((a.to_string(), Origin::AnswersFile));
        }
        if let Some((a, why)) = prefill.answer_for(q) {
            return Ok((a.to_string(), Origin::Classifier(why.to_string())));
        }
        Err(AdviseError::MissingAnswer {
            question: q.id.clone(),
            text: q.text.clone(),
            allowed: q.allowed(),
        })
    })
}
