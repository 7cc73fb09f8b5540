//! The guide as a standalone SVG flowchart (laid out by [`layout`](super::layout)), with no
//! external program: questions in blue boxes, gates in yellow, outcomes in green, answers
//! on the edges, and each box's sources as its tooltip.

use std::fmt::Write;

use super::guide::Guide;
use super::layout::{layout, Kind, Layout, PlacedEdge, BOX_W, LINE_H, MARGIN, PAD};
use crate::markup::escape;

/// Renders the whole guide as an SVG document.
pub fn render_svg(guide: &Guide) -> String {
    let l = layout(guide);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#,
        w = l.width,
        h = l.height
    );
    s.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>"##);
    s.push('\n');
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let title = format!("{} (version {})", guide.title, guide.version);
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="{:.0}" font-size="16" font-weight="bold">{}</text>"#,
        MARGIN + 6.0,
        escape(&title)
    );
    for e in &l.edges {
        edge(&mut s, &l, e);
    }
    for n in &l.nodes {
        node(&mut s, n);
    }
    for e in &l.edges {
        edge_label(&mut s, &l, e);
    }
    s.push_str("</svg>\n");
    s
}

/// The curve of an edge: from the bottom of its box (the centre when going straight down,
/// towards the side of the target otherwise) to the top centre of the target.
fn curve(l: &Layout, e: &PlacedEdge) -> [(f64, f64); 4] {
    let (a, b) = (&l.nodes[e.from], &l.nodes[e.to]);
    let shift = if (b.x - a.x).abs() < 1.0 {
        0.0
    } else {
        (b.x - a.x).signum() * BOX_W / 4.0
    };
    let (x1, y1) = (a.x + BOX_W / 2.0 + shift, a.y + a.h);
    let (x2, y2) = (b.x + BOX_W / 2.0, b.y);
    let dy = (y2 - y1) / 2.0;
    [(x1, y1), (x1, y1 + dy), (x2, y2 - dy), (x2, y2)]
}

fn edge(s: &mut String, l: &Layout, e: &PlacedEdge) {
    let [p0, p1, p2, p3] = curve(l, e);
    let _ = writeln!(
        s,
        r##"<path d="M {:.1} {:.1} C {:.1} {:.1} {:.1} {:.1} {:.1} {:.1}" fill="none" stroke="#555" stroke-width="1.3" marker-end="url(#arrow)"/>"##,
        p0.0, p0.1, p1.0, p1.1, p2.0, p2.1, p3.0, p3.1
    );
}

fn edge_label(s: &mut String, l: &Layout, e: &PlacedEdge) {
    let [p0, p1, p2, p3] = curve(l, e);
    let t: f64 = if (p0.0 - p3.0).abs() < 1.0 { 0.5 } else { 0.3 };
    let (lx, ly) = bezier(p0, p1, p2, p3, t);
    let w = e.label.chars().count() as f64 * 6.0 + 8.0;
    let _ = writeln!(
        s,
        r##"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="15" rx="3" fill="#ffffff" fill-opacity="0.9"/><text x="{lx:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#333">{}</text>"##,
        lx - w / 2.0,
        ly - 8.0,
        ly + 3.5,
        escape(&e.label)
    );
}

fn bezier(p0: (f64, f64), p1: (f64, f64), p2: (f64, f64), p3: (f64, f64), t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let f = |a: f64, b: f64, c: f64, d: f64| {
        u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
    };
    (f(p0.0, p1.0, p2.0, p3.0), f(p0.1, p1.1, p2.1, p3.1))
}

fn node(s: &mut String, n: &super::layout::Placed) {
    let (fill, stroke, rx, weight) = match n.kind {
        Kind::Question => ("#e8f1fb", "#2b6cb0", 4, "normal"),
        Kind::Gate => ("#fff4d6", "#b7791f", 14, "normal"),
        Kind::Outcome => ("#e3f4e1", "#2f855a", 12, "bold"),
    };
    let _ = writeln!(
        s,
        "<g><title>{}</title>",
        escape(&format!("{}: sources {}", n.id, n.sources.join(", ")))
    );
    let _ = writeln!(
        s,
        r#"<rect x="{:.1}" y="{:.1}" width="{BOX_W}" height="{:.1}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
        n.x, n.y, n.h
    );
    for (i, line) in n.lines.iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-weight="{weight}">{}</text>"#,
            n.x + BOX_W / 2.0,
            n.y + PAD + LINE_H * (i as f64 + 1.0) - 3.5,
            escape(line)
        );
    }
    s.push_str("</g>\n");
}
