//! Every path through a guide, from the first question to an outcome: each combination of
//! answers that a walk can take, with the gates decided as a walk decides them. Used to test
//! a guide exhaustively and to count its paths.

use super::answers::Answers;
use super::guide::{Guide, Node};

/// One path: the answers given in order, and where they lead.
#[derive(Debug, Clone, PartialEq)]
pub struct GuidePath {
    /// (question id, answer id), in order.
    pub answers: Vec<(String, String)>,
    /// The outcome reached.
    pub outcome: String,
    /// Did any answer on the way fail an indicator?
    pub failed: bool,
}

impl GuidePath {
    /// The path as an answers file would give it.
    pub fn to_answers(&self) -> Answers {
        Answers::from_pairs(self.answers.iter().map(|(q, a)| (q.as_str(), a.as_str())))
    }
}

/// Every path of a validated guide, in depth-first order (answers in file order).
pub fn all_paths(guide: &Guide) -> Vec<GuidePath> {
    let mut out = Vec::new();
    let start = GuidePath {
        answers: Vec::new(),
        outcome: String::new(),
        failed: false,
    };
    extend(guide, &guide.start, start, &mut out);
    out
}

fn extend(guide: &Guide, id: &str, path: GuidePath, out: &mut Vec<GuidePath>) {
    match guide.node(id) {
        Some(Node::Outcome(o)) => out.push(GuidePath {
            outcome: o.id.clone(),
            ..path
        }),
        Some(Node::Gate(g)) => {
            let next = if path.failed { &g.fail } else { &g.pass };
            extend(guide, next, path, out);
        }
        Some(Node::Question(q)) => {
            for a in &q.answers {
                let mut p = path.clone();
                p.answers.push((q.id.clone(), a.id.clone()));
                p.failed |= a.fails.is_some();
                extend(guide, &a.next, p, out);
            }
        }
        None => {}
    }
}
