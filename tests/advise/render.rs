//! The flowchart renderings: DOT declares every edge endpoint, SVG is well-formed XML with
//! every node and escaped text.

use std::collections::BTreeSet;

use landscape::advise::{render_dot, render_svg, Guide, DEFAULT_GUIDE};
use quick_xml::events::Event;

/// Node ids declared (`"id" [`) and edges (`"a" -> "b"`) of a DOT text.
fn dot_parts(dot: &str) -> (BTreeSet<String>, Vec<(String, String)>) {
    let quoted = |s: &str| s.trim().trim_matches('"').to_string();
    let mut nodes = BTreeSet::new();
    let mut edges = Vec::new();
    for line in dot.lines().map(str::trim) {
        if let Some((a, rest)) = line.split_once(" -> ") {
            let b = rest.split(" [").next().unwrap();
            edges.push((quoted(a), quoted(b)));
        } else if line.starts_with('"') {
            nodes.insert(quoted(line.split(" [").next().unwrap()));
        }
    }
    (nodes, edges)
}

#[test]
fn dot_declares_every_node_and_every_edge_endpoint() {
    let g = Guide::default_guide().unwrap();
    let dot = render_dot(&g);
    assert!(dot.starts_with("digraph guide {") && dot.trim_end().ends_with('}'));
    let (nodes, edges) = dot_parts(&dot);
    assert_eq!(nodes.len(), g.nodes().count());
    let answers: usize = g.questions.iter().map(|q| q.answers.len()).sum();
    assert_eq!(edges.len(), answers + 2 * g.gates.len());
    for (a, b) in &edges {
        assert!(
            nodes.contains(a) && nodes.contains(b),
            "undeclared endpoint in {a} -> {b}"
        );
    }
}

/// Parses `svg` as XML and returns its text content, unescaped.
fn svg_text(svg: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut text = String::new();
    let mut depth = 0i32;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
        {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                text.push('\n');
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name: &str = r.as_ref();
                let c = match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => other
                        .strip_prefix('#')
                        .and_then(|n| n.parse::<u32>().ok())
                        .and_then(char::from_u32)
                        .unwrap_or_else(|| panic!("unexpected entity {other}")),
                };
                text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    text
}

#[test]
fn svg_is_well_formed_and_shows_every_node() {
    let g = Guide::default_guide().unwrap();
    let svg = render_svg(&g);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let text = svg_text(&svg);
    for o in &g.outcomes {
        let first = o.title.split_whitespace().next().unwrap();
        assert!(text.contains(first), "outcome `{}` not drawn", o.id);
    }
    assert!(svg.matches("<rect x=").count() >= g.nodes().count());
}

#[test]
fn svg_and_dot_escape_special_characters() {
    let title = r#"Open <source> & "DPGs" isn't it"#;
    let text = DEFAULT_GUIDE.replacen(
        r#"title = "Should you use open source? Should this be a digital public good?""#,
        &format!("title = '''{title}'''"),
        1,
    );
    let g = Guide::parse(&text, "special.toml").unwrap();
    let svg = render_svg(&g);
    assert!(svg_text(&svg).contains(title));
    assert!(!svg.contains("<source>"));
    let dot = render_dot(&g);
    assert!(dot.contains(r#"label="Open <source> & \"DPGs\" isn't it"#));
}
