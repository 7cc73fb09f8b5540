//! The report of a walk as Markdown: outcome, failing indicators, the path with where each
//! answer came from, the reasons with links to their sources, and the relevant DPGs.

use std::fmt::Write;

use super::report::{Cited, Report};
use super::walk::Origin;

impl Report {
    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut m = String::new();
        let _ = writeln!(m, "# Advice: {}\n", self.outcome_title);
        if let Some(p) = &self.proposal {
            let country = p
                .country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            let _ = writeln!(m, "Proposal `{}`: {}{country}  ", p.key, p.title);
            if let Some(l) = &p.labels {
                let _ = writeln!(m, "Classifier: {l}  ");
            }
        }
        let _ = writeln!(
            m,
            "Guide: {} (version {})\n",
            self.guide, self.guide_version
        );
        let _ = writeln!(m, "{}\n", self.outcome_text);
        if !self.failed_indicators.is_empty() {
            let _ = writeln!(m, "Failing DPG Standard indicators:\n");
            for f in &self.failed_indicators {
                let _ = writeln!(m, "- {f}");
            }
            m.push('\n');
        }
        self.path_markdown(&mut m);
        self.reasons_markdown(&mut m);
        self.dpgs_markdown(&mut m);
        m
    }

    fn path_markdown(&self, m: &mut String) {
        let _ = writeln!(m, "## Path\n");
        for (i, s) in self.path.iter().enumerate() {
            let how = match &s.origin {
                Origin::Classifier(why) => format!(" (pre-filled from the classifier: {why})"),
                _ => String::new(),
            };
            let ids: Vec<&str> = s.sources.iter().map(|c| c.id.as_str()).collect();
            let _ = writeln!(
                m,
                "{}. {} **{}**{how} [{}]",
                i + 1,
                s.text,
                s.label,
                ids.join(", ")
            );
        }
        m.push('\n');
    }

    fn reasons_markdown(&self, m: &mut String) {
        let _ = writeln!(m, "## Reasons\n");
        for r in &self.reasons {
            let links: Vec<String> = r.sources.iter().map(link).collect();
            let _ = writeln!(m, "- {} Sources: {}.", r.text, links.join("; "));
        }
        m.push('\n');
    }

    fn dpgs_markdown(&self, m: &mut String) {
        if self.proposal.is_none() && self.dpgs.is_empty() {
            return;
        }
        let _ = writeln!(m, "## Relevant digital public goods\n");
        if self.dpgs.is_empty() {
            let _ = writeln!(
                m,
                "No DPG of the registry shares this proposal's pillars and sectors.\n"
            );
            return;
        }
        let _ = writeln!(m, "| DPG | type | licence | stage | pillars | sectors | label overlap | word similarity |\n|---|---|---|---|---|---|---|---|");
        for d in &self.dpgs {
            let name = if d.website.is_empty() {
                cell(&d.name)
            } else {
                format!("[{}]({})", cell(&d.name), d.website)
            };
            let _ = writeln!(
                m,
                "| {name} | {} | {} | {} | {} | {} | {:.2} | {:.2} |",
                cell(&d.kind),
                cell(&d.licence),
                cell(&d.stage),
                d.pillars.join(", "),
                d.sectors.join(", "),
                d.score,
                d.text_similarity
            );
        }
        m.push('\n');
    }
}

fn link(c: &Cited) -> String {
    format!("[{}]({})", c.source.title, c.source.url)
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
