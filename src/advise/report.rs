//! The report of a walk: the path taken, the outcome, the reasons with their sources and the
//! relevant digital public goods, as JSON (serde) and as Markdown.

use serde::Serialize;

use super::guide::{Guide, Source};
use super::walk::{Origin, Walk};
use crate::gaps::DpgMatch;
use crate::Proposal;

/// A source as cited in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cited {
    /// The source id in the guide.
    pub id: String,
    /// The source.
    #[serde(flatten)]
    pub source: Source,
}

/// One answered question (or passed gate) of the path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportStep {
    /// The question or gate id.
    pub question: String,
    /// Its text.
    pub text: String,
    /// The answer id.
    pub answer: String,
    /// The answer's label.
    pub label: String,
    /// Where the answer came from.
    pub origin: Origin,
    /// The sources of the question.
    pub sources: Vec<Cited>,
}

/// A reason for the outcome, with its sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The reason.
    pub text: String,
    /// The sources behind it (never empty for a valid guide).
    pub sources: Vec<Cited>,
}

/// The proposal the advice is for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalSummary {
    /// Catalogue key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Country name or code.
    pub country: Option<String>,
    /// The classifier's labels as text (`digital 2, openness unknown, ...`).
    pub labels: Option<String>,
}

/// The report of one walk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The guide's title.
    pub guide: String,
    /// The guide's version.
    pub guide_version: String,
    /// The proposal, when advising on a catalogued one.
    pub proposal: Option<ProposalSummary>,
    /// The outcome id.
    pub outcome: String,
    /// The outcome's title.
    pub outcome_title: String,
    /// What to do.
    pub outcome_text: String,
    /// The DPG Standard indicators that failed.
    pub failed_indicators: Vec<String>,
    /// The path taken.
    pub path: Vec<ReportStep>,
    /// The reasons, each with its sources.
    pub reasons: Vec<Reason>,
    /// Registry DPGs for the proposal's pillars and sectors, best first.
    pub dpgs: Vec<DpgMatch>,
}

impl Report {
    /// Builds the report of `walk` on `guide`.
    pub fn new(
        guide: &Guide,
        walk: &Walk,
        proposal: Option<&Proposal>,
        dpgs: Vec<DpgMatch>,
    ) -> Report {
        let cite = |ids: &[String]| -> Vec<Cited> {
            guide
                .cited(ids)
                .into_iter()
                .map(|(id, source)| Cited { id, source })
                .collect()
        };
        let node_sources = |id: &str| {
            guide
                .node(id)
                .map(|n| cite(n.sources()))
                .unwrap_or_default()
        };
        let path = walk
            .steps
            .iter()
            .map(|s| ReportStep {
                question: s.node.clone(),
                text: guide
                    .node(&s.node)
                    .map(|n| node_text(guide, &s.node, n.label()))
                    .unwrap_or_default(),
                answer: s.answer.clone(),
                label: s.label.clone(),
                origin: s.origin.clone(),
                sources: node_sources(&s.node),
            })
            .collect();
        let mut reasons: Vec<Reason> = Vec::new();
        for s in &walk.steps {
            if let Some(text) = &s.note {
                reasons.push(Reason {
                    text: text.clone(),
                    sources: node_sources(&s.node),
                });
            }
            if let Some(f) = &s.fails {
                let text = format!("Fails the DPG Standard's {f}.");
                reasons.push(Reason {
                    text,
                    sources: node_sources(&s.node),
                });
            }
        }
        let outcome = guide
            .outcomes
            .iter()
            .find(|o| o.id == walk.outcome)
            .expect("walk ends at an outcome");
        reasons.push(Reason {
            text: outcome.text.clone(),
            sources: cite(&outcome.sources),
        });
        Report {
            guide: guide.title.clone(),
            guide_version: guide.version.clone(),
            proposal: proposal.map(summary),
            outcome: outcome.id.clone(),
            outcome_title: outcome.title.clone(),
            outcome_text: outcome.text.clone(),
            failed_indicators: walk.failed.clone(),
            path,
            reasons,
            dpgs,
        }
    }
}

/// The text of a node for the path: the question, or the gate's text.
fn node_text(guide: &Guide, id: &str, label: &str) -> String {
    if let Some(q) = guide.question(id) {
        return q.text.clone();
    }
    guide
        .gates
        .iter()
        .find(|g| g.id == id)
        .map(|g| g.text.clone())
        .unwrap_or_else(|| label.to_string())
}

fn summary(p: &Proposal) -> ProposalSummary {
    let labels = p.classification.as_ref().map(|c| {
        let l = &c.labels;
        let list = |v: Vec<&str>| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        format!(
            "digital {}, openness {}, pillars {}, sectors {}",
            l.digital,
            l.openness,
            list(l.pillars.iter().map(|x| x.as_str()).collect()),
            list(l.sectors.iter().map(|x| x.as_str()).collect())
        )
    });
    ProposalSummary {
        key: p.key(),
        title: p.title.clone(),
        country: p.country_name.clone().or_else(|| p.country_code.clone()),
        labels,
    }
}
