//! A small layered layout of the guide for the SVG flowchart: each node goes to the layer of
//! its longest path from the start, layers are ordered by the mean column of their parents
//! (questions and gates before outcomes), boxes hold wrapped text, and parallel edges
//! between two nodes merge into one with both labels.

use std::collections::HashMap;

use super::guide::{Guide, Node};

/// Width of every box.
pub const BOX_W: f64 = 236.0;
/// Horizontal gap between columns.
const COL_GAP: f64 = 44.0;
/// Vertical gap between layers (room for edge labels).
const LAYER_GAP: f64 = 52.0;
/// Height of one text line.
pub const LINE_H: f64 = 15.0;
/// Padding above and below the text in a box.
pub const PAD: f64 = 10.0;
/// Margin around the drawing (above it, room for the title).
pub const MARGIN: f64 = 24.0;
/// Characters per line in a box (12 px Helvetica averages about 6.3 px a character).
const WRAP: usize = 34;

/// What a box stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A question.
    Question,
    /// A gate.
    Gate,
    /// An outcome.
    Outcome,
}

/// A placed box.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Node id.
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// Its label, wrapped.
    pub lines: Vec<String>,
    /// Sources cited, for the tooltip.
    pub sources: Vec<String>,
    /// Top-left corner and size.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Height (width is [`BOX_W`]).
    pub h: f64,
}

/// A merged edge between two boxes (indices into [`Layout::nodes`]).
#[derive(Debug, Clone)]
pub struct PlacedEdge {
    /// Source box.
    pub from: usize,
    /// Target box.
    pub to: usize,
    /// Answer labels joined with " / ".
    pub label: String,
}

/// The laid-out flowchart.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The boxes.
    pub nodes: Vec<Placed>,
    /// The edges.
    pub edges: Vec<PlacedEdge>,
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
}

/// Lays out a validated guide.
pub fn layout(guide: &Guide) -> Layout {
    let layer = layers(guide);
    let rows = order(guide, &layer);
    let mut nodes = Vec::new();
    let mut index = HashMap::new();
    let mut y = MARGIN * 2.0;
    let mut cols = 1;
    for row in &rows {
        let boxes: Vec<Placed> = row
            .iter()
            .enumerate()
            .map(|(c, n)| place(n, c, y))
            .collect();
        let tallest = boxes.iter().map(|b| b.h).fold(0.0, f64::max);
        cols = cols.max(boxes.len());
        for b in boxes {
            index.insert(b.id.clone(), nodes.len());
            nodes.push(b);
        }
        y += tallest + LAYER_GAP;
    }
    let edges = merged_edges(guide, &index);
    let width = MARGIN * 2.0 + cols as f64 * (BOX_W + COL_GAP) - COL_GAP;
    Layout {
        nodes,
        edges,
        width,
        height: y - LAYER_GAP + MARGIN,
    }
}

fn place(n: &Node<'_>, col: usize, y: f64) -> Placed {
    let kind = match n {
        Node::Question(_) => Kind::Question,
        Node::Gate(_) => Kind::Gate,
        Node::Outcome(_) => Kind::Outcome,
    };
    let lines = wrap(n.label(), WRAP);
    let h = lines.len() as f64 * LINE_H + 2.0 * PAD;
    Placed {
        id: n.id().to_string(),
        kind,
        lines,
        sources: n.sources().to_vec(),
        x: MARGIN + col as f64 * (BOX_W + COL_GAP),
        y,
        h,
    }
}

/// Longest-path layer of every node (the guide is acyclic, so relaxing in a topological
/// order is exact).
fn layers(guide: &Guide) -> HashMap<String, usize> {
    let mut topo = Vec::new();
    let mut seen = std::collections::HashSet::new();
    fn dfs<'a>(
        g: &'a Guide,
        id: &'a str,
        seen: &mut std::collections::HashSet<&'a str>,
        topo: &mut Vec<&'a str>,
    ) {
        if !seen.insert(id) {
            return;
        }
        for (_, next) in g.node(id).map(|n| n.edges()).unwrap_or_default() {
            dfs(g, next, seen, topo);
        }
        topo.push(id);
    }
    dfs(guide, &guide.start, &mut seen, &mut topo);
    let mut layer: HashMap<String, usize> = HashMap::new();
    layer.insert(guide.start.clone(), 0);
    for id in topo.iter().rev() {
        let l = layer.get(*id).copied().unwrap_or(0);
        for (_, next) in guide.node(id).map(|n| n.edges()).unwrap_or_default() {
            let e = layer.entry(next.to_string()).or_insert(0);
            *e = (*e).max(l + 1);
        }
    }
    layer
}

/// Nodes by layer, each layer ordered by its parents' mean column.
fn order<'a>(guide: &'a Guide, layer: &HashMap<String, usize>) -> Vec<Vec<Node<'a>>> {
    let depth = layer.values().copied().max().unwrap_or(0);
    let mut rows: Vec<Vec<Node<'a>>> = vec![Vec::new(); depth + 1];
    for n in guide.nodes() {
        if let Some(l) = layer.get(n.id()) {
            rows[*l].push(n);
        }
    }
    let mut column: HashMap<&str, f64> = HashMap::new();
    for row in rows.iter_mut() {
        let key = |n: &Node<'_>| {
            let parents: Vec<f64> = guide
                .nodes()
                .filter(|p| p.edges().iter().any(|(_, t)| *t == n.id()))
                .filter_map(|p| column.get(p.id()).copied())
                .collect();
            let mean = if parents.is_empty() {
                0.0
            } else {
                parents.iter().sum::<f64>() / parents.len() as f64
            };
            (matches!(n, Node::Outcome(_)), mean)
        };
        let mut keyed: Vec<((bool, f64), Node<'a>)> = row.iter().map(|n| (key(n), *n)).collect();
        keyed.sort_by(|a, b| a.0 .0.cmp(&b.0 .0).then(a.0 .1.total_cmp(&b.0 .1)));
        *row = keyed.into_iter().map(|(_, n)| n).collect();
        for (c, n) in row.iter().enumerate() {
            column.insert(n.id(), c as f64);
        }
    }
    rows
}

fn merged_edges(guide: &Guide, index: &HashMap<String, usize>) -> Vec<PlacedEdge> {
    let mut edges: Vec<PlacedEdge> = Vec::new();
    for n in guide.nodes() {
        let Some(&from) = index.get(n.id()) else {
            continue;
        };
        for (label, next) in n.edges() {
            let Some(&to) = index.get(next) else { continue };
            match edges.iter_mut().find(|e| e.from == from && e.to == to) {
                Some(e) => e.label = format!("{} / {label}", e.label),
                None => edges.push(PlacedEdge {
                    from,
                    to,
                    label: label.to_string(),
                }),
            }
        }
    }
    edges
}

/// Wraps `text` into lines of at most `width` characters, breaking at spaces (a longer word
/// stands on its own line).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
