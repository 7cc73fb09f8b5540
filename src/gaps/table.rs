//! The gap report as tables: Markdown (the definition used, the pillar × sector matrix of
//! demand and supply, the list of gaps, the gaps per region or country when asked) and CSV
//! (one row per cell).

use std::fmt::Write;

use super::report::{sector_columns, Cell, GapReport, ALL, NO_SECTOR};
use crate::labels::Pillar;

/// How many gaps are listed per group.
const PER_GROUP: usize = 10;

impl GapReport {
    /// Every cell as CSV.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let head = [
            "group",
            "pillar",
            "sector",
            "digital_projects",
            "dpgs",
            "nominees",
            "supply_per_100_projects",
            "gap",
        ];
        w.write_record(head).expect("in-memory CSV");
        for c in &self.cells {
            let per = c.per_100.map(|r| format!("{r:.1}")).unwrap_or_default();
            let (d, n, m) = (
                c.demand.to_string(),
                c.dpgs.to_string(),
                c.nominees.to_string(),
            );
            let gap = if c.gap { "1" } else { "0" };
            let row = [
                c.group.as_str(),
                &c.pillar,
                &c.sector,
                &d,
                &n,
                &m,
                &per,
                gap,
            ];
            w.write_record(row).expect("in-memory CSV");
        }
        String::from_utf8(w.into_inner().expect("in-memory CSV")).expect("UTF-8 fields")
    }

    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
        let o = &self.options;
        let mut m = String::new();
        let _ = writeln!(m, "# Digital public goods: gaps by DTF pillar and sector\n");
        let _ = writeln!(
            m,
            "{} catalogue records, {} of them digital. Registry: {} certified DPGs and {} nominees under review.\n",
            self.projects, self.digital, self.registry_dpgs, self.registry_nominees
        );
        let supply = if o.count_nominees {
            "DPGs and nominees"
        } else {
            "certified DPGs"
        };
        let _ = writeln!(
            m,
            "**Demand** is the number of digital projects labelled with the pillar and the sector; **supply** the number of {supply} labelled with them (both by the same model). A **gap** is a cell with at least {} projects and fewer than {} {supply} per 100 of them. Column `{NO_SECTOR}`: no DTF sector.\n",
            o.min_demand, o.max_per_100
        );
        let _ = writeln!(m, "## Projects / DPGs per cell (gaps in bold)\n");
        self.matrix(&mut m);
        let _ = writeln!(m, "\n## Gaps, largest demand first\n");
        gap_table(&mut m, &self.gaps(ALL), usize::MAX);
        for g in self.groups() {
            let _ = writeln!(m, "\n## {g}\n");
            gap_table(&mut m, &self.gaps(g), PER_GROUP);
        }
        m
    }

    fn matrix(&self, m: &mut String) {
        let cols = sector_columns();
        let _ = writeln!(m, "| pillar | {} |", cols.join(" | "));
        let _ = writeln!(m, "|---|{}", "---:|".repeat(cols.len()));
        for p in Pillar::ALL {
            let cells: Vec<String> = cols
                .iter()
                .map(|s| match self.cell(p.as_str(), s) {
                    Some(c) if c.gap => format!("**{} / {}**", c.demand, c.dpgs),
                    Some(c) => format!("{} / {}", c.demand, c.dpgs),
                    None => String::new(),
                })
                .collect();
            let _ = writeln!(m, "| {} | {} |", p.as_str(), cells.join(" | "));
        }
    }
}

fn gap_table(m: &mut String, gaps: &[&Cell], max: usize) {
    if gaps.is_empty() {
        let _ = writeln!(m, "No gaps.");
        return;
    }
    let _ = writeln!(
        m,
        "| pillar | sector | digital projects | DPGs | nominees | supply per 100 projects |"
    );
    let _ = writeln!(m, "|---|---|---:|---:|---:|---:|");
    for c in gaps.iter().take(max) {
        let per = c.per_100.map(|r| format!("{r:.1}")).unwrap_or_default();
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {per} |",
            c.pillar, c.sector, c.demand, c.dpgs, c.nominees
        );
    }
    if gaps.len() > max {
        let _ = writeln!(m, "\n... and {} more (see gaps.csv).", gaps.len() - max);
    }
}
