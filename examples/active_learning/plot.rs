//! Means over seeds, the labels saved, and the SVG figure (drawn by hand: a few lines and
//! text, no plotting crate).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::study::Point;

/// Per strategy: labels → (mean, min, max) of each measure over the seeds.
pub type Summary = BTreeMap<&'static str, Vec<(usize, [f64; 3], f64, f64)>>;

pub fn summarise(points: &[Point]) -> Summary {
    let mut by: BTreeMap<(&'static str, usize), Vec<&Point>> = BTreeMap::new();
    for p in points {
        by.entry((p.strategy, p.labels)).or_default().push(p);
    }
    let mut out = Summary::new();
    for ((strategy, labels), ps) in by {
        let n = ps.len() as f64;
        let mean = [0, 1, 2].map(|m| ps.iter().map(|p| p.f1[m]).sum::<f64>() / n);
        let lo = ps.iter().map(|p| p.f1[0]).fold(f64::INFINITY, f64::min);
        let hi = ps.iter().map(|p| p.f1[0]).fold(f64::NEG_INFINITY, f64::max);
        out.entry(strategy)
            .or_default()
            .push((labels, mean, lo, hi));
    }
    out
}

/// The first (interpolated) number of labels at which a mean `digital` curve reaches `f1`.
fn labels_to_reach(curve: &[(usize, [f64; 3], f64, f64)], f1: f64) -> Option<f64> {
    let first = curve.first()?;
    if first.1[0] >= f1 {
        return Some(first.0 as f64);
    }
    curve.windows(2).find_map(|w| {
        let ((x0, y0), (x1, y1)) = ((w[0].0 as f64, w[0].1[0]), (w[1].0 as f64, w[1].1[0]));
        (y1 >= f1).then(|| x0 + (x1 - x0) * (f1 - y0) / (y1 - y0))
    })
}

/// For each target `digital` F1 (0.01 steps from the start up to the best both curves reach):
/// the labels each strategy needs on its mean curve, random then active.
pub fn savings(s: &Summary) -> Vec<(f64, f64, f64)> {
    let (Some(active), Some(random)) = (s.get("active"), s.get("random")) else {
        return vec![];
    };
    let best = |c: &[(usize, [f64; 3], f64, f64)]| c.iter().map(|p| p.1[0]).fold(0.0, f64::max);
    let top = best(active).min(best(random));
    let mut target = (random[0].1[0] * 100.0).floor() / 100.0 + 0.01;
    let mut out = Vec::new();
    while target <= top + 1e-9 {
        if let (Some(r), Some(a)) = (
            labels_to_reach(random, target),
            labels_to_reach(active, target),
        ) {
            out.push((target, r, a));
        }
        target += 0.01;
    }
    out
}

/// The `digital` F1 of training on the whole pool, and the labels random and active
/// selection need to reach it on their mean curves.
pub fn full_pool(s: &Summary) -> Option<(f64, f64, f64)> {
    let (active, random) = (s.get("active")?, s.get("random")?);
    let f1 = random.last()?.1[0];
    Some((
        f1,
        labels_to_reach(random, f1)?,
        labels_to_reach(active, f1)?,
    ))
}

pub fn savings_text(s: &Summary) -> String {
    let mut t = String::new();
    if let Some((f1, r, a)) = full_pool(s) {
        writeln!(
            t,
            "the whole pool gives digital F1 {f1:.3}; random selection reaches it at {r:.0} labels, \
             active at {a:.0}: {:.0} labels saved ({:.0}%)\n",
            r - a,
            100.0 * (r - a) / r
        )
        .expect("write to String");
    }
    t += "digital F1 target  labels (random)  labels (active)  saved\n";
    for (f1, r, a) in savings(s) {
        writeln!(t, "{f1:>17.2}  {r:>15.0}  {a:>15.0}  {:>5.0}", r - a).expect("write to String");
    }
    for (name, curve) in s {
        for (l, m, lo, hi) in curve {
            writeln!(
                t,
                "{name:<7} {l:>5} labels: digital F1 {:.3} ({lo:.3}-{hi:.3}), pillars {:.3}, sectors {:.3}",
                m[0], m[1], m[2]
            )
            .expect("write to String");
        }
    }
    t
}

const W: f64 = 640.0;
const H: f64 = 400.0;
const L: f64 = 60.0;
const R: f64 = 20.0;
const T: f64 = 40.0;
const B: f64 = 50.0;

pub fn svg(s: &Summary) -> String {
    let all: Vec<_> = s.values().flatten().collect();
    let xmax = all.iter().map(|p| p.0).max().unwrap_or(1) as f64;
    let ymin = (all.iter().map(|p| p.2).fold(1.0, f64::min) * 20.0).floor() / 20.0;
    let ymax = (all.iter().map(|p| p.3).fold(0.0, f64::max) * 20.0).ceil() / 20.0;
    let x = |v: f64| L + (W - L - R) * v / xmax;
    let y = |v: f64| H - B - (H - T - B) * (v - ymin) / (ymax - ymin).max(1e-9);
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{}\" y=\"22\" text-anchor=\"middle\" font-size=\"13\">digital F1 on held-out gold rows against labels used (mean of seeds; band: min-max)</text>\n",
        W / 2.0
    );
    axes(&mut o, xmax, ymin, ymax, &x, &y);
    if let Some((f1, r, a)) = full_pool(s) {
        let _ = writeln!(o, "<line x1=\"{L}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#c0392b\" stroke-dasharray=\"5,4\"/>", y(f1), W - R);
        for v in [a, r] {
            let _ = writeln!(o, "<line x1=\"{0:.1}\" y1=\"{1:.1}\" x2=\"{0:.1}\" y2=\"{2}\" stroke=\"#c0392b\" stroke-dasharray=\"2,3\"/>", x(v), y(f1), H - B);
        }
        let (tx, ty) = (W - R - 4.0, y(f1) + 40.0);
        let _ = writeln!(o, "<text x=\"{tx}\" y=\"{ty:.1}\" fill=\"#c0392b\" text-anchor=\"end\">F1 of training on the whole pool: {f1:.3}</text>");
        let _ = writeln!(o, "<text x=\"{tx}\" y=\"{:.1}\" fill=\"#c0392b\" text-anchor=\"end\">reached with {a:.0} labels (active), {r:.0} (random): {:.0} saved</text>", ty + 16.0, r - a);
    }
    for (name, colour) in [("random", "#999999"), ("active", "#1f5fbf")] {
        let Some(curve) = s.get(name) else { continue };
        let band: Vec<String> = curve
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.0 as f64), y(p.3)))
            .chain(
                curve
                    .iter()
                    .rev()
                    .map(|p| format!("{:.1},{:.1}", x(p.0 as f64), y(p.2))),
            )
            .collect();
        let line: Vec<String> = curve
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.0 as f64), y(p.1[0])))
            .collect();
        let _ = writeln!(
            o,
            "<polygon points=\"{}\" fill=\"{colour}\" fill-opacity=\"0.15\"/>",
            band.join(" ")
        );
        let _ = writeln!(
            o,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"/>",
            line.join(" ")
        );
        for p in curve {
            let _ = writeln!(
                o,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"/>",
                x(p.0 as f64),
                y(p.1[0])
            );
        }
        let ly = if name == "active" { T + 20.0 } else { T + 38.0 };
        let label = if name == "active" {
            "active (suggest: uncertainty + diversity)"
        } else {
            "random"
        };
        let _ = writeln!(o, "<line x1=\"{}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2.5\"/><text x=\"{}\" y=\"{}\">{label}</text>", W - 300.0, W - 275.0, W - 268.0, ly + 4.0);
    }
    o + "</svg>\n"
}

fn axes(
    o: &mut String,
    xmax: f64,
    ymin: f64,
    ymax: f64,
    x: &dyn Fn(f64) -> f64,
    y: &dyn Fn(f64) -> f64,
) {
    let _ = writeln!(
        o,
        "<line x1=\"{L}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"black\"/>",
        H - B,
        W - R,
        H - B
    );
    let _ = writeln!(
        o,
        "<line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{}\" stroke=\"black\"/>",
        H - B
    );
    let mut v = 0.0;
    while v <= xmax + 1e-9 {
        let _ = writeln!(
            o,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{v:.0}</text>",
            x(v),
            H - B + 16.0
        );
        v += 200.0;
    }
    let mut v = ymin;
    while v <= ymax + 1e-9 {
        let _ = writeln!(o, "<line x1=\"{L}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#dddddd\"/><text x=\"{2}\" y=\"{3:.1}\" text-anchor=\"end\">{v:.2}</text>", y(v), W - R, L - 6.0, y(v) + 4.0);
        v += 0.05;
    }
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">gold labels used for training</text>",
        (L + W - R) / 2.0,
        H - 12.0
    );
    let _ = writeln!(o, "<text x=\"16\" y=\"{}\" transform=\"rotate(-90 16 {})\" text-anchor=\"middle\">digital F1</text>", (T + H - B) / 2.0, (T + H - B) / 2.0);
}
