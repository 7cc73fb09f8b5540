//! The gap report: per pillar × sector cell, the digital projects of a catalogue that need
//! it (demand) and the registry's DPGs that serve it (supply), overall and optionally per
//! region or country; a cell is a gap when its demand is at least `min_demand` and its
//! supply is below `max_per_100` DPGs per 100 of those projects.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::Serialize;

use super::error::GapError;
use super::registry::DpgMap;
use crate::labels::{Pillar, Sector};
use crate::Proposal;

/// The sector column of projects and DPGs with no DTF sector.
pub const NO_SECTOR: &str = "none";

/// The group of the overall cells.
pub const ALL: &str = "all";

/// How to split the report besides the overall table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// By the UN M49 region of the record's country (the source's region when the
    /// country is unknown), so that the corpora's own region names agree.
    Region,
    /// By the record's country (ISO code, else name).
    Country,
}

impl FromStr for GroupBy {
    type Err = GapError;
    fn from_str(s: &str) -> Result<Self, GapError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "region" => Ok(GroupBy::Region),
            "country" => Ok(GroupBy::Country),
            _ => Err(GapError::BadOption {
                name: "--by",
                value: s.into(),
                expected: "region or country",
            }),
        }
    }
}

/// The thresholds and splits of a gap report.
#[derive(Debug, Clone, Serialize)]
pub struct GapOptions {
    /// A gap needs at least this many digital projects in the cell.
    pub min_demand: u64,
    /// A gap has fewer DPGs than this per 100 of the cell's projects.
    pub max_per_100: f64,
    /// Count nominees under review as supply too (default: certified DPGs only).
    pub count_nominees: bool,
    /// Also report per region or country.
    pub by: Option<GroupBy>,
}

impl Default for GapOptions {
    fn default() -> Self {
        GapOptions {
            min_demand: 10,
            max_per_100: 10.0,
            count_nominees: false,
            by: None,
        }
    }
}

impl GapOptions {
    /// Checks the thresholds.
    pub fn validate(&self) -> Result<(), GapError> {
        if !(self.max_per_100.is_finite() && self.max_per_100 >= 0.0) {
            let value = self.max_per_100.to_string();
            return Err(GapError::BadOption {
                name: "--max-per-100",
                value,
                expected: "a number >= 0",
            });
        }
        Ok(())
    }
}

/// One pillar × sector cell of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// `all`, or the region or country.
    pub group: String,
    /// The pillar.
    pub pillar: String,
    /// The sector, or [`NO_SECTOR`].
    pub sector: String,
    /// Digital projects labelled with this pillar and sector.
    pub demand: u64,
    /// Certified DPGs labelled with them.
    pub dpgs: u64,
    /// Nominees labelled with them.
    pub nominees: u64,
    /// Supply (DPGs, plus nominees if counted) per 100 projects; `None` without demand.
    pub per_100: Option<f64>,
    /// Is it a gap?
    pub gap: bool,
}

/// The gap report.
#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    /// The options it was built with.
    pub options: GapOptions,
    /// Records read from the catalogue.
    pub projects: u64,
    /// Of those, digital (`digital` 1 or 2).
    pub digital: u64,
    /// Certified DPGs in the registry.
    pub registry_dpgs: u64,
    /// Nominees in the registry.
    pub registry_nominees: u64,
    /// Overall cells (every pillar × sector), then group cells with demand.
    pub cells: Vec<Cell>,
}

type Key = (String, String, String);

/// Counts by (pillar, sector).
type Supply = BTreeMap<(String, String), u64>;

/// The sector columns: every DTF sector, then [`NO_SECTOR`].
pub fn sector_columns() -> Vec<&'static str> {
    Sector::ALL
        .iter()
        .map(|s| s.as_str())
        .chain([NO_SECTOR])
        .collect()
}

fn sector_keys(sectors: &[Sector]) -> Vec<&'static str> {
    if sectors.is_empty() {
        vec![NO_SECTOR]
    } else {
        sectors.iter().map(|s| s.as_str()).collect()
    }
}

fn group_of(p: &Proposal, by: GroupBy) -> String {
    let g = match by {
        GroupBy::Region => p
            .country_code
            .as_deref()
            .and_then(crate::country::region_of)
            .map(str::to_string)
            .or_else(|| p.region.clone()),
        GroupBy::Country => p.country_code.clone().or_else(|| p.country_name.clone()),
    };
    g.filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

impl GapReport {
    /// Counts demand over `projects` and supply over `map`.
    pub fn build(
        projects: impl IntoIterator<Item = Proposal>,
        map: &DpgMap,
        options: GapOptions,
    ) -> GapReport {
        let (mut n, mut digital) = (0, 0);
        let mut demand: BTreeMap<Key, u64> = BTreeMap::new();
        for p in projects {
            n += 1;
            let Some(c) = p.classification.as_ref().filter(|c| c.labels.is_digital()) else {
                continue;
            };
            digital += 1;
            let mut groups = vec![ALL.to_string()];
            groups.extend(options.by.map(|by| group_of(&p, by)));
            for g in &groups {
                for pil in &c.labels.pillars {
                    for s in sector_keys(&c.labels.sectors) {
                        *demand
                            .entry((g.clone(), pil.as_str().into(), s.into()))
                            .or_default() += 1;
                    }
                }
            }
        }
        let (dpgs, nominees) = supply(map);
        let mut report = GapReport {
            registry_dpgs: map.entries.iter().filter(|e| e.is_dpg()).count() as u64,
            registry_nominees: map.entries.iter().filter(|e| e.is_nominee()).count() as u64,
            options,
            projects: n,
            digital,
            cells: Vec::new(),
        };
        for pil in Pillar::ALL {
            for s in sector_columns() {
                let key = (ALL.to_string(), pil.as_str().to_string(), s.to_string());
                let d = demand.get(&key).copied().unwrap_or(0);
                report.push_cell(key, d, &dpgs, &nominees);
            }
        }
        for (key, d) in demand.into_iter().filter(|(k, _)| k.0 != ALL) {
            report.push_cell(key, d, &dpgs, &nominees);
        }
        report
    }

    fn push_cell(&mut self, key: Key, demand: u64, dpgs: &Supply, nominees: &Supply) {
        let ps = (key.1.clone(), key.2.clone());
        let d = dpgs.get(&ps).copied().unwrap_or(0);
        let nom = nominees.get(&ps).copied().unwrap_or(0);
        let supply = d + if self.options.count_nominees { nom } else { 0 };
        let per_100 = (demand > 0).then(|| supply as f64 * 100.0 / demand as f64);
        let gap = demand >= self.options.min_demand.max(1)
            && per_100.is_some_and(|r| r < self.options.max_per_100);
        self.cells.push(Cell {
            group: key.0,
            pillar: key.1,
            sector: key.2,
            demand,
            dpgs: d,
            nominees: nom,
            per_100,
            gap,
        });
    }

    /// The overall cells (group `all`), pillar by pillar.
    pub fn overall(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| c.group == ALL)
    }

    /// The overall cell of a pillar and sector.
    pub fn cell(&self, pillar: &str, sector: &str) -> Option<&Cell> {
        self.overall()
            .find(|c| c.pillar == pillar && c.sector == sector)
    }

    /// The gaps of a group, largest demand first.
    pub fn gaps(&self, group: &str) -> Vec<&Cell> {
        let mut g: Vec<&Cell> = self
            .cells
            .iter()
            .filter(|c| c.group == group && c.gap)
            .collect();
        g.sort_by(|a, b| b.demand.cmp(&a.demand).then(a.dpgs.cmp(&b.dpgs)));
        g
    }

    /// The groups other than `all`, in order.
    pub fn groups(&self) -> Vec<&str> {
        let mut g: Vec<&str> = self
            .cells
            .iter()
            .map(|c| c.group.as_str())
            .filter(|g| *g != ALL)
            .collect();
        g.dedup();
        g
    }
}

fn supply(map: &DpgMap) -> (Supply, Supply) {
    let (mut dpgs, mut nominees) = (BTreeMap::new(), BTreeMap::new());
    for e in &map.entries {
        let target = if e.is_dpg() {
            &mut dpgs
        } else if e.is_nominee() {
            &mut nominees
        } else {
            continue;
        };
        for p in &e.pillars {
            for s in sector_keys(&e.sectors) {
                *target
                    .entry((p.as_str().to_string(), s.to_string()))
                    .or_default() += 1;
            }
        }
    }
    (dpgs, nominees)
}
