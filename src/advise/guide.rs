//! The guide file: its TOML shape ([`Guide`], [`Question`], [`Gate`], [`Outcome`],
//! [`Source`]), loading (parse, then [`validate`](super::validate)) and lookup of nodes.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::{AdviseError, Result};
use super::prefill::PrefillFact;

/// The guide shipped with landscape (`guide/decision_guide.toml`), used unless `--guide`.
pub const DEFAULT_GUIDE: &str = include_str!("../../guide/decision_guide.toml");

/// The guide schema this build reads (the `schema` field of a guide file).
pub const SCHEMA: u32 = 1;

/// A decision guide: questions, gates and outcomes, each citing its sources.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// The guide's own version (semantic versioning; shown in every report).
    pub version: String,
    /// The file schema; must equal [`SCHEMA`].
    pub schema: u32,
    /// The guide's title.
    pub title: String,
    /// The id of the first question.
    pub start: String,
    /// Every source a node may cite, by id.
    pub sources: BTreeMap<String, Source>,
    /// The questions, in file order.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
    /// The gates, in file order.
    #[serde(default, rename = "gate")]
    pub gates: Vec<Gate>,
    /// The outcomes, in file order.
    #[serde(default, rename = "outcome")]
    pub outcomes: Vec<Outcome>,
    /// Where the guide was read from (for messages).
    #[serde(skip)]
    pub file: String,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title as the source gives it.
    pub title: String,
    /// Where to read it.
    pub url: String,
    /// Where `TAXONOMY.md` discusses it.
    #[serde(default)]
    pub section: String,
}

/// A question with its answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique id (the key in answers files).
    pub id: String,
    /// A short form for the flowchart; the text when empty.
    #[serde(default)]
    pub short: String,
    /// The question.
    pub text: String,
    /// Guidance and an example.
    #[serde(default)]
    pub help: String,
    /// Ids of the sources it cites.
    pub sources: Vec<String>,
    /// The classifier fact that can answer it, if any.
    #[serde(default)]
    pub prefill: Option<PrefillFact>,
    /// Show the registry's DPGs for the proposal under this question (interactive mode).
    #[serde(default)]
    pub show_dpgs: bool,
    /// The answers, at least two.
    #[serde(rename = "answer")]
    pub answers: Vec<Answer>,
}

/// One answer to a question and where it leads.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Unique within the question (`yes`, `no`).
    pub id: String,
    /// Shown to the person answering.
    pub label: String,
    /// The id of the next question, gate or outcome.
    pub next: String,
    /// A reason this answer adds to the report.
    #[serde(default)]
    pub note: Option<String>,
    /// The DPG Standard indicator this answer fails, if any.
    #[serde(default)]
    pub fails: Option<String>,
}

/// A gate: goes to `pass` when no answer on the way failed an indicator, else to `fail`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// Unique id.
    pub id: String,
    /// A short form for the flowchart; the text when empty.
    #[serde(default)]
    pub short: String,
    /// What the gate checks.
    pub text: String,
    /// Ids of the sources it cites.
    pub sources: Vec<String>,
    /// Next node when nothing failed.
    pub pass: String,
    /// Next node when something failed.
    pub fail: String,
}

/// An outcome: where a walk ends.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Unique id.
    pub id: String,
    /// The recommendation in a few words.
    pub title: String,
    /// What to do.
    pub text: String,
    /// Ids of the sources it cites.
    pub sources: Vec<String>,
}

/// A node of the guide's graph.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    /// A question.
    Question(&'a Question),
    /// A gate.
    Gate(&'a Gate),
    /// An outcome.
    Outcome(&'a Outcome),
}

impl<'a> Node<'a> {
    /// The node's id.
    pub fn id(&self) -> &'a str {
        match self {
            Node::Question(q) => &q.id,
            Node::Gate(g) => &g.id,
            Node::Outcome(o) => &o.id,
        }
    }

    /// The ids of the sources it cites.
    pub fn sources(&self) -> &'a [String] {
        match self {
            Node::Question(q) => &q.sources,
            Node::Gate(g) => &g.sources,
            Node::Outcome(o) => &o.sources,
        }
    }

    /// The label for a flowchart: the short form, else the text (the title of an outcome).
    pub fn label(&self) -> &'a str {
        let pick = |short: &'a str, text: &'a str| if short.is_empty() { text } else { short };
        match self {
            Node::Question(q) => pick(&q.short, &q.text),
            Node::Gate(g) => pick(&g.short, &g.text),
            Node::Outcome(o) => &o.title,
        }
    }

    /// The outgoing edges as (label, target id).
    pub fn edges(&self) -> Vec<(&'a str, &'a str)> {
        match self {
            Node::Question(q) => q
                .answers
                .iter()
                .map(|a| (a.label.as_str(), a.next.as_str()))
                .collect(),
            Node::Gate(g) => vec![
                ("all met", g.pass.as_str()),
                ("some failed", g.fail.as_str()),
            ],
            Node::Outcome(_) => Vec::new(),
        }
    }
}

impl Guide {
    /// Parses and validates a guide; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<Guide> {
        let mut guide: Guide = toml::from_str(text).map_err(|e| AdviseError::Parse {
            file: file.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
        guide.file = file.to_string();
        super::validate::validate(&guide)?;
        Ok(guide)
    }

    /// Reads, parses and validates the guide file at `path`.
    pub fn load(path: &Path) -> Result<Guide> {
        let text = std::fs::read_to_string(path).map_err(AdviseError::io(path))?;
        Guide::parse(&text, &path.display().to_string())
    }

    /// The guide shipped with landscape.
    pub fn default_guide() -> Result<Guide> {
        Guide::parse(DEFAULT_GUIDE, "built-in guide (guide/decision_guide.toml)")
    }

    /// Every node: questions, then gates, then outcomes, each in file order.
    pub fn nodes(&self) -> impl Iterator<Item = Node<'_>> {
        let q = self.questions.iter().map(Node::Question);
        let g = self.gates.iter().map(Node::Gate);
        q.chain(g).chain(self.outcomes.iter().map(Node::Outcome))
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<Node<'_>> {
        self.nodes().find(|n| n.id() == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The sources a node cites, resolved (validation guarantees they exist).
    pub fn cited(&self, ids: &[String]) -> Vec<(String, Source)> {
        ids.iter()
            .filter_map(|id| self.sources.get(id).map(|s| (id.clone(), s.clone())))
            .collect()
    }
}

impl Question {
    /// The answer ids, comma-separated (for messages).
    pub fn allowed(&self) -> String {
        let ids: Vec<&str> = self.answers.iter().map(|a| a.id.as_str()).collect();
        ids.join(", ")
    }

    /// The answer with this id (case-insensitive, trimmed), or by its 1-based number.
    pub fn answer(&self, value: &str) -> Option<&Answer> {
        let v = value.trim();
        if let Ok(n) = v.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| self.answers.get(i));
        }
        self.answers.iter().find(|a| a.id.eq_ignore_ascii_case(v))
    }
}
