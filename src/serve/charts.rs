//! Inline SVG charts drawn from the statistics: a heat map whose cells are links, vertical
//! column charts and horizontal bar charts whose bars are links. Every label is escaped and
//! stripped of direction controls; sizes are computed here, so the page needs no script.

use super::html::esc;

/// One bar or column: label, value, link, tooltip.
pub struct Bar {
    /// The category shown under or beside the bar.
    pub label: String,
    /// Its height or length.
    pub value: u64,
    /// Where clicking it leads.
    pub href: String,
    /// The accessible description (also the tooltip).
    pub title: String,
}

/// A heat map of `rows` × `cols`; `cell(r, c)` gives the count and the link of a cell.
pub fn heat_map(
    id: &str,
    rows: &[String],
    cols: &[String],
    cell: impl Fn(&str, &str) -> (u64, String),
) -> String {
    let (left, top, cw, ch) = (120.0, 120.0, 78.0, 34.0);
    let w = left + cw * cols.len() as f64 + 90.0;
    let h = top + ch * rows.len() as f64 + 4.0;
    let max = rows
        .iter()
        .flat_map(|r| cols.iter().map(move |c| (r, c)))
        .map(|(r, c)| cell(r, c).0)
        .max()
        .unwrap_or(0);
    let mut out = svg_open(id, w, h);
    for (j, c) in cols.iter().enumerate() {
        let x = left + cw * (j as f64 + 0.5);
        out += &format!(
            "<text class=\"col-head\" transform=\"translate({x:.1},{:.1}) rotate(-40)\">{}</text>",
            top - 8.0,
            svg_text(c)
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + ch * i as f64;
        out += &format!(
            "<text class=\"row-label\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            left - 8.0,
            y + ch / 2.0 + 4.0,
            svg_text(r)
        );
        for (j, c) in cols.iter().enumerate() {
            let (n, href) = cell(r, c);
            let x = left + cw * j as f64;
            let t = if max == 0 {
                0.0
            } else {
                (n as f64 / max as f64).sqrt()
            };
            let label = format!("{r} × {c}: {n} projects");
            out += &format!(
                "<a class=\"cell\" href=\"{href}\" data-row=\"{rv}\" data-col=\"{cv}\" aria-label=\"{l}\">\
                 <title>{l}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\" fill=\"{fill}\"/>\
                 <text class=\"{tc}\" x=\"{:.1}\" y=\"{:.1}\">{n}</text></a>",
                cw - 3.0,
                ch - 3.0,
                x + cw / 2.0 - 1.5,
                y + ch / 2.0 + 3.0,
                href = esc(&href),
                rv = svg_text(r),
                cv = svg_text(c),
                l = svg_text(&label),
                fill = blue(t),
                tc = if t > 0.55 { "cell-num light" } else { "cell-num" },
            );
        }
    }
    out + "</svg>"
}

/// Vertical columns, one per bar, labels below (rotated).
pub fn columns(id: &str, bars: &[Bar]) -> String {
    let (left, bottom, top, cw, plot_h) = (44.0, 56.0, 12.0, 22.0, 180.0);
    let w = left + cw * bars.len().max(1) as f64 + 10.0;
    let h = top + plot_h + bottom;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut out = svg_open(id, w, h);
    out += &axis_label(left - 6.0, top + 8.0, max);
    out += &axis_label(left - 6.0, top + plot_h, 0);
    for (i, b) in bars.iter().enumerate() {
        let bh = plot_h * b.value as f64 / max as f64;
        let x = left + cw * i as f64;
        out += &format!(
            "<a class=\"bar\" href=\"{href}\" aria-label=\"{t}\"><title>{t}</title>\
             <rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#2b6cb0\"/>\
             <text class=\"col-label\" transform=\"translate({:.1},{:.1}) rotate(-60)\">{l}</text></a>",
            top + plot_h - bh,
            cw - 4.0,
            x + cw / 2.0,
            top + plot_h + 12.0,
            href = esc(&b.href),
            t = svg_text(&b.title),
            l = svg_text(&b.label),
        );
    }
    out + "</svg>"
}

/// Horizontal bars, labels on the left, values at the end of each bar.
pub fn bars(id: &str, bars: &[Bar]) -> String {
    let (left, bh, plot_w) = (230.0, 24.0, 420.0);
    let w = left + plot_w + 60.0;
    let h = bh * bars.len().max(1) as f64 + 8.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut out = svg_open(id, w, h);
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + bh * i as f64;
        let len = plot_w * b.value as f64 / max as f64;
        out += &format!(
            "<a class=\"bar\" href=\"{href}\" aria-label=\"{t}\"><title>{t}</title>\
             <text class=\"row-label\" x=\"{:.1}\" y=\"{:.1}\">{l}</text>\
             <rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"#2b6cb0\"/>\
             <text class=\"bar-num\" x=\"{:.1}\" y=\"{:.1}\">{v}</text></a>",
            left - 8.0,
            y + bh / 2.0 + 4.0,
            bh - 6.0,
            left + len + 6.0,
            y + bh / 2.0 + 4.0,
            href = esc(&b.href),
            t = svg_text(&b.title),
            l = svg_text(&shorten(&b.label, 34)),
            v = b.value,
        );
    }
    out + "</svg>"
}

fn svg_open(id: &str, w: f64, h: f64) -> String {
    format!(
        "<svg id=\"{id}\" class=\"chart\" role=\"group\" viewBox=\"0 0 {w:.0} {h:.0}\" \
         width=\"{w:.0}\" height=\"{h:.0}\" xmlns=\"http://www.w3.org/2000/svg\">",
        id = esc(id)
    )
}

fn axis_label(x: f64, y: f64, v: u64) -> String {
    format!("<text class=\"axis\" x=\"{x:.1}\" y=\"{y:.1}\">{v}</text>")
}

/// A light-to-dark blue for `t` in 0..=1.
fn blue(t: f64) -> String {
    let lerp = |a: f64, b: f64| (a + (b - a) * t.clamp(0.0, 1.0)).round() as u8;
    format!(
        "rgb({},{},{})",
        lerp(240.0, 8.0),
        lerp(245.0, 48.0),
        lerp(251.0, 107.0)
    )
}

/// Label text for SVG: direction controls removed (SVG has no `<bdi>`), then escaped.
pub fn svg_text(s: &str) -> String {
    esc(&super::html::strip_bidi(s))
}

fn shorten(s: &str, n: usize) -> String {
    match s.chars().count() > n {
        true => format!("{}…", s.chars().take(n - 1).collect::<String>()),
        false => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_map_links_every_cell_and_escapes_labels() {
        let rows = vec!["<r>".to_string()];
        let cols = vec!["a\u{202e}b".to_string(), "c".to_string()];
        let svg = heat_map("h", &rows, &cols, |r, c| {
            (r.len() as u64 + c.len() as u64, format!("/?x={}", c.len()))
        });
        assert_eq!(svg.matches("<a class=\"cell\"").count(), 2);
        assert!(svg.contains("&lt;r&gt;") && !svg.contains("<r>"));
        assert!(!svg.contains('\u{202e}'));
    }

    #[test]
    fn colour_scale_runs_light_to_dark() {
        assert_eq!(blue(0.0), "rgb(240,245,251)");
        assert_eq!(blue(1.0), "rgb(8,48,107)");
    }
}
