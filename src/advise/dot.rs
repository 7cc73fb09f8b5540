//! The guide as a Graphviz DOT digraph: questions as boxes, gates as diamonds, outcomes as
//! rounded boxes, answers as edge labels; every node's tooltip lists its sources.

use std::fmt::Write;

use super::guide::{Guide, Node};

/// Renders the whole guide as DOT.
pub fn render_dot(guide: &Guide) -> String {
    let mut d = String::new();
    let _ = writeln!(d, "digraph guide {{");
    let _ = writeln!(
        d,
        "  label=\"{} (version {})\";",
        esc(&guide.title),
        esc(&guide.version)
    );
    let _ = writeln!(d, "  labelloc=t; rankdir=TB; fontname=\"Helvetica\";");
    let _ = writeln!(d, "  node [fontname=\"Helvetica\", fontsize=11];");
    let _ = writeln!(d, "  edge [fontname=\"Helvetica\", fontsize=10];");
    for n in guide.nodes() {
        let (shape, fill) = style(&n);
        let _ = writeln!(
            d,
            "  \"{}\" [shape={shape}, style=\"filled,rounded\", fillcolor=\"{fill}\", label=\"{}\", tooltip=\"sources: {}\"];",
            esc(n.id()),
            esc(n.label()),
            esc(&n.sources().join(", "))
        );
    }
    for n in guide.nodes() {
        for (label, next) in n.edges() {
            let _ = writeln!(
                d,
                "  \"{}\" -> \"{}\" [label=\"{}\"];",
                esc(n.id()),
                esc(next),
                esc(label)
            );
        }
    }
    d.push_str("}\n");
    d
}

fn style(n: &Node<'_>) -> (&'static str, &'static str) {
    match n {
        Node::Question(_) => ("box", "#e8f1fb"),
        Node::Gate(_) => ("diamond", "#fff4d6"),
        Node::Outcome(_) => ("box", "#e3f4e1"),
    }
}

/// Escapes a DOT double-quoted string.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
