//! The gap report's heat map as SVG: pillars as rows, sectors as columns, each cell shaded by
//! its demand (digital projects) and labelled with demand and supply; gaps are outlined in
//! red.

use std::fmt::Write;

use super::report::{sector_columns, Cell, GapReport};
use crate::labels::Pillar;
use crate::markup::escape;

const LABEL_W: f64 = 110.0;
const CELL_W: f64 = 112.0;
const CELL_H: f64 = 58.0;
const TOP: f64 = 92.0;
const MARGIN: f64 = 16.0;

/// Renders the overall cells of `report` as an SVG heat map.
pub fn render_heatmap(report: &GapReport) -> String {
    let cols = sector_columns();
    let width = MARGIN * 2.0 + LABEL_W + CELL_W * cols.len() as f64;
    let height = TOP + CELL_H * Pillar::ALL.len() as f64 + 64.0;
    let max = report.overall().map(|c| c.demand).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    header(&mut s, report);
    for (i, col) in cols.iter().enumerate() {
        let x = MARGIN + LABEL_W + CELL_W * (i as f64 + 0.5);
        let _ = writeln!(
            s,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold">{}</text>"#,
            TOP - 8.0,
            escape(col)
        );
    }
    for (r, p) in Pillar::ALL.iter().enumerate() {
        let y = TOP + CELL_H * r as f64;
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" font-weight="bold">{}</text>"#,
            MARGIN + LABEL_W - 8.0,
            y + CELL_H / 2.0 + 4.0,
            escape(p.as_str())
        );
        for (i, col) in cols.iter().enumerate() {
            if let Some(c) = report.cell(p.as_str(), col) {
                cell(&mut s, c, MARGIN + LABEL_W + CELL_W * i as f64, y, max);
            }
        }
    }
    footer(
        &mut s,
        report,
        TOP + CELL_H * Pillar::ALL.len() as f64 + 22.0,
    );
    s.push_str("</svg>\n");
    s
}

fn header(s: &mut String, r: &GapReport) {
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="28" font-size="16" font-weight="bold">Digital projects and the DPGs that serve them, by DTF pillar and sector</text>"#
    );
    let line = format!(
        "{} digital projects of {} records; {} certified DPGs and {} nominees in the registry. Shade: projects. In each cell: projects / DPGs.",
        r.digital, r.projects, r.registry_dpgs, r.registry_nominees
    );
    let _ = writeln!(
        s,
        r##"<text x="{MARGIN}" y="50" fill="#444">{}</text>"##,
        escape(&line)
    );
}

fn footer(s: &mut String, r: &GapReport, y: f64) {
    let o = &r.options;
    let supply = if o.count_nominees {
        "DPGs and nominees"
    } else {
        "DPGs"
    };
    let text = format!(
        "Red border: a gap, at least {} projects and fewer than {} {supply} per 100 of them. Column none: no DTF sector.",
        o.min_demand, o.max_per_100
    );
    let _ = writeln!(
        s,
        r##"<rect x="{MARGIN}" y="{:.1}" width="14" height="14" fill="none" stroke="#d7301f" stroke-width="3"/>"##,
        y - 11.0
    );
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{y:.1}" fill="#444">{}</text>"##,
        MARGIN + 22.0,
        escape(&text)
    );
}

fn cell(s: &mut String, c: &Cell, x: f64, y: f64, max: u64) {
    let t = (c.demand as f64 / max as f64).sqrt();
    let fill = shade(t);
    let ink = if t > 0.55 { "#ffffff" } else { "#1a1a1a" };
    let _ = writeln!(s, "<g><title>{}</title>", escape(&tooltip(c)));
    let _ = writeln!(
        s,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#ffffff" stroke-width="2"/>"##,
        x, y, CELL_W, CELL_H
    );
    if c.gap {
        let _ = writeln!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#d7301f" stroke-width="3"/>"##,
            x + 2.5,
            y + 2.5,
            CELL_W - 5.0,
            CELL_H - 5.0
        );
    }
    let cx = x + CELL_W / 2.0;
    let _ = writeln!(
        s,
        r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="15" font-weight="bold" fill="{ink}">{} / {}</text>"#,
        y + 27.0,
        c.demand,
        c.dpgs
    );
    let nominees = match c.nominees {
        1 => "1 nominee".to_string(),
        n => format!("{n} nominees"),
    };
    let sub = if c.gap {
        format!("gap, {nominees}")
    } else {
        nominees
    };
    let _ = writeln!(
        s,
        r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="{ink}">{}</text>"#,
        y + 45.0,
        escape(&sub)
    );
    s.push_str("</g>\n");
}

fn tooltip(c: &Cell) -> String {
    format!(
        "{} x {}: {} digital projects, {} DPGs, {} nominees{}",
        c.pillar,
        c.sector,
        c.demand,
        c.dpgs,
        c.nominees,
        if c.gap { " (gap)" } else { "" }
    )
}

/// White to dark blue for `t` in 0..=1.
fn shade(t: f64) -> String {
    let lerp = |a: f64, b: f64| (a + (b - a) * t.clamp(0.0, 1.0)).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        lerp(247.0, 8.0),
        lerp(251.0, 69.0),
        lerp(255.0, 148.0)
    )
}
