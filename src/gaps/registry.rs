//! The classified DPG registry: each row of `dpg_registry_candidates.csv` (read with the
//! ingest preset `dpg`) labelled with pillars and sectors by the trained model, keeping the
//! registry's own fields; and the ranking of DPGs for a proposal's pillars and sectors.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::error::{GapError, Result};
use crate::classify::Classifier;
use crate::ingest::{self, Preset, ReadOptions};
use crate::labels::{Pillar, Sector};
use crate::Proposal;

/// One registry entry with its labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DpgEntry {
    /// The catalogue-style key (`dpg-<file stem>`).
    pub key: String,
    /// The product's name.
    pub name: String,
    /// The registry's `type` (software, data, content, standard, aimodel; `;`-joined).
    pub kind: String,
    /// The SPDX licence.
    pub licence: String,
    /// The registry's stage: `DPG`, `nominee` or `archive`.
    pub stage: String,
    /// SDG numbers, `;`-joined.
    pub sdgs: String,
    /// The registry's own sectors, `;`-joined.
    pub registry_sectors: String,
    /// Website.
    pub website: String,
    /// Was the nomination excluded (the registry gives a reason)?
    pub excluded: bool,
    /// DTF pillars from the model (the most likely one when the model finds none: every
    /// registry entry is a digital product).
    pub pillars: Vec<Pillar>,
    /// DTF sectors from the model.
    pub sectors: Vec<Sector>,
    /// The model's probability that the text describes something digital.
    pub p_digital: f32,
    /// Name and description, for text similarity (not written to `dpg_map.csv`).
    #[serde(skip)]
    pub text: String,
}

impl DpgEntry {
    /// Is it a certified digital public good (stage `DPG`)?
    pub fn is_dpg(&self) -> bool {
        !self.excluded && self.stage.eq_ignore_ascii_case("dpg")
    }

    /// Is it a nominee still under review (stage `nominee`, not excluded)?
    pub fn is_nominee(&self) -> bool {
        !self.excluded && self.stage.eq_ignore_ascii_case("nominee")
    }

    /// Builds an entry from a classified registry record.
    pub fn from_proposal(p: &Proposal) -> DpgEntry {
        let field = |k: &str| p.extra.get(k).cloned().unwrap_or_default();
        let (pillars, sectors, p_digital) = match &p.classification {
            Some(c) => {
                let mut pillars = c.labels.pillars.clone();
                if pillars.is_empty() {
                    pillars.extend(argmax(&c.pillar_probs).map(|i| Pillar::ALL[i]));
                }
                (pillars, c.labels.sectors.clone(), c.p_digital())
            }
            None => (Vec::new(), Vec::new(), 0.0),
        };
        DpgEntry {
            key: p.key(),
            name: p.title.clone(),
            kind: field("type"),
            licence: field("license_spdx"),
            stage: field("stage"),
            sdgs: field("sdg_numbers"),
            registry_sectors: field("sectors"),
            website: field("website"),
            excluded: !field("excluded_reason").trim().is_empty(),
            pillars,
            sectors,
            p_digital,
            text: p.text.clone(),
        }
    }
}

fn argmax(v: &[f32]) -> Option<usize> {
    (0..v.len().min(Pillar::ALL.len())).max_by(|a, b| v[*a].total_cmp(&v[*b]))
}

/// A DPG ranked for a proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DpgMatch {
    /// The entry's key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Registry type.
    pub kind: String,
    /// SPDX licence.
    pub licence: String,
    /// Registry stage.
    pub stage: String,
    /// Website.
    pub website: String,
    /// Its DTF pillars.
    pub pillars: Vec<String>,
    /// Its DTF sectors.
    pub sectors: Vec<String>,
    /// Overlap with the proposal's labels (Jaccard index of pillars ∪ sectors, 0-1).
    pub score: f32,
    /// Cosine similarity of the sets of words (4 letters or more) of the proposal's text and
    /// the DPG's name and description (0-1); breaks ties in `score`.
    pub text_similarity: f32,
}

/// The classified registry.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DpgMap {
    /// The entries, in registry order.
    pub entries: Vec<DpgEntry>,
    /// Rows the reader refused.
    pub rejected: usize,
}

impl DpgMap {
    /// Reads the registry CSV at `path` and labels every row with `model`.
    pub fn classify(path: &Path, model: &Classifier) -> Result<DpgMap> {
        let opts = ReadOptions {
            preset: Some(Preset::DpgRegistry),
            ..ReadOptions::default()
        };
        let mut rows = Vec::new();
        let mut rejected = 0;
        for r in ingest::open(path, &opts)? {
            match r {
                Ok(p) => rows.push(p),
                Err(_) => rejected += 1,
            }
        }
        if rows.is_empty() {
            return Err(GapError::EmptyRegistry {
                path: path.into(),
                rejected,
            });
        }
        rows.par_iter_mut()
            .for_each(|p| p.classification = Some(model.classify(&p.text)));
        let entries = rows.iter().map(DpgEntry::from_proposal).collect();
        Ok(DpgMap { entries, rejected })
    }

    /// Certified DPGs and nominees (not excluded) ranked for a proposal: at least one pillar
    /// in common with `pillars`; by the overlap of labels, then by the similarity of their
    /// words with `text`, then certified DPGs before nominees, then by name; at most `n`.
    pub fn matching(
        &self,
        pillars: &[Pillar],
        sectors: &[Sector],
        text: &str,
        n: usize,
    ) -> Vec<DpgMatch> {
        let words = word_set(text);
        let mut found: Vec<(&DpgEntry, f32, f32)> = self
            .entries
            .iter()
            .filter(|e| e.is_dpg() || e.is_nominee())
            .filter(|e| e.pillars.iter().any(|p| pillars.contains(p)))
            .map(|e| {
                (
                    e,
                    jaccard(e, pillars, sectors),
                    cosine(&words, &word_set(&e.text)),
                )
            })
            .collect();
        found.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(b.2.total_cmp(&a.2))
                .then(b.0.is_dpg().cmp(&a.0.is_dpg()))
                .then(a.0.name.to_lowercase().cmp(&b.0.name.to_lowercase()))
        });
        found
            .into_iter()
            .take(n)
            .map(|(e, s, t)| to_match(e, s, t))
            .collect()
    }

    /// The map as CSV: the registry's fields, then the model's pillars and sectors.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let head = [
            "key",
            "name",
            "type",
            "license_spdx",
            "stage",
            "sdg_numbers",
            "registry_sectors",
            "website",
            "excluded",
            "p_digital",
            "pillars",
            "sectors",
        ];
        w.write_record(head).expect("in-memory CSV");
        for e in &self.entries {
            let pillars: Vec<&str> = e.pillars.iter().map(|p| p.as_str()).collect();
            let sectors: Vec<&str> = e.sectors.iter().map(|s| s.as_str()).collect();
            w.write_record([
                e.key.as_str(),
                &e.name,
                &e.kind,
                &e.licence,
                &e.stage,
                &e.sdgs,
                &e.registry_sectors,
                &e.website,
                if e.excluded { "1" } else { "0" },
                &format!("{:.3}", e.p_digital),
                &pillars.join(";"),
                &sectors.join(";"),
            ])
            .expect("in-memory CSV");
        }
        String::from_utf8(w.into_inner().expect("in-memory CSV")).expect("UTF-8 fields")
    }
}

fn jaccard(e: &DpgEntry, pillars: &[Pillar], sectors: &[Sector]) -> f32 {
    let common = e.pillars.iter().filter(|p| pillars.contains(p)).count()
        + e.sectors.iter().filter(|s| sectors.contains(s)).count();
    let union = e.pillars.len() + e.sectors.len() + pillars.len() + sectors.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f32 / union as f32
    }
}

/// The distinct lower-cased words of 4 letters or more.
fn word_set(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

fn cosine(a: &std::collections::HashSet<String>, b: &std::collections::HashSet<String>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count() as f32;
    common / ((a.len() * b.len()) as f32).sqrt()
}

fn to_match(e: &DpgEntry, score: f32, text_similarity: f32) -> DpgMatch {
    DpgMatch {
        key: e.key.clone(),
        name: e.name.clone(),
        kind: e.kind.clone(),
        licence: e.licence.clone(),
        stage: e.stage.clone(),
        website: e.website.clone(),
        pillars: e.pillars.iter().map(|p| p.as_str().to_string()).collect(),
        sectors: e.sectors.iter().map(|s| s.as_str().to_string()).collect(),
        score,
        text_similarity,
    }
}
