//! The rules a guide must keep, checked when it is loaded: the supported schema, unique ids,
//! a question to start from, at least two distinct answers per question, cited sources that
//! exist, every edge landing on a node, no cycle, and every node reachable from the start.

use std::collections::{BTreeSet, HashMap};

use super::error::{AdviseError, Result};
use super::guide::{Guide, Node, SCHEMA};

/// Checks every rule; the first broken one is the error, naming the nodes concerned.
pub fn validate(g: &Guide) -> Result<()> {
    let bad = |m: String| AdviseError::invalid(&g.file, m);
    if g.schema != SCHEMA {
        return Err(bad(format!(
            "schema {} is not supported (this build reads schema {SCHEMA})",
            g.schema
        )));
    }
    if g.version.trim().is_empty() {
        return Err(bad("`version` is empty".into()));
    }
    unique_ids(g).map_err(&bad)?;
    if g.question(&g.start).is_none() {
        return Err(bad(format!("`start` = `{}` is not a question", g.start)));
    }
    for node in g.nodes() {
        node_rules(g, node).map_err(&bad)?;
    }
    no_cycle(g).map_err(&bad)?;
    all_reachable(g).map_err(&bad)
}

fn unique_ids(g: &Guide) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for n in g.nodes() {
        if n.id().trim().is_empty() {
            return Err(format!("a node has an empty id (label `{}`)", n.label()));
        }
        if !seen.insert(n.id()) {
            return Err(format!("the id `{}` is used twice", n.id()));
        }
    }
    Ok(())
}

fn node_rules(g: &Guide, n: Node<'_>) -> Result<(), String> {
    let id = n.id();
    if n.sources().is_empty() {
        return Err(format!("`{id}` cites no source"));
    }
    for s in n.sources() {
        if !g.sources.contains_key(s) {
            let known: Vec<&str> = g.sources.keys().map(String::as_str).collect();
            return Err(format!(
                "`{id}` cites the source `{s}`, which [sources] does not define (defined: {})",
                known.join(", ")
            ));
        }
    }
    if let Node::Question(q) = n {
        if q.answers.len() < 2 {
            return Err(format!("question `{id}` has fewer than two answers"));
        }
        let ids: BTreeSet<String> = q.answers.iter().map(|a| a.id.to_lowercase()).collect();
        if ids.len() != q.answers.len() {
            return Err(format!("question `{id}` has two answers with the same id"));
        }
    }
    for (label, next) in n.edges() {
        if g.node(next).is_none() {
            return Err(format!(
                "dangling edge: `{id}` --{label}--> `{next}`, which is neither a question, a gate nor an outcome"
            ));
        }
    }
    Ok(())
}

/// Depth-first search with three colours; a grey node met again closes a cycle.
fn no_cycle(g: &Guide) -> Result<(), String> {
    let mut colour: HashMap<&str, u8> = HashMap::new();
    for n in g.nodes() {
        let mut stack = Vec::new();
        visit(g, n.id(), &mut colour, &mut stack)?;
    }
    Ok(())
}

fn visit<'a>(
    g: &'a Guide,
    id: &'a str,
    colour: &mut HashMap<&'a str, u8>,
    stack: &mut Vec<&'a str>,
) -> Result<(), String> {
    match colour.get(id) {
        Some(2) => return Ok(()),
        Some(1) => {
            let from = stack.iter().position(|s| *s == id).unwrap_or(0);
            let mut cycle: Vec<&str> = stack[from..].to_vec();
            cycle.push(id);
            return Err(format!("cycle: {}", cycle.join(" -> ")));
        }
        _ => {}
    }
    colour.insert(id, 1);
    stack.push(id);
    if let Some(n) = g.node(id) {
        for (_, next) in n.edges() {
            visit(g, next, colour, stack)?;
        }
    }
    stack.pop();
    colour.insert(id, 2);
    Ok(())
}

fn all_reachable(g: &Guide) -> Result<(), String> {
    let mut seen = BTreeSet::from([g.start.as_str()]);
    let mut todo = vec![g.start.as_str()];
    while let Some(id) = todo.pop() {
        for (_, next) in g.node(id).map(|n| n.edges()).unwrap_or_default() {
            if seen.insert(next) {
                todo.push(next);
            }
        }
    }
    let lost: Vec<&str> = g
        .nodes()
        .map(|n| n.id())
        .filter(|id| !seen.contains(id))
        .collect();
    if lost.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "unreachable from `{}`: {}",
            g.start,
            lost.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}
