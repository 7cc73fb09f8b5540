//! The validator: the shipped guide passes, and guides with a dangling edge, a cycle, an
//! unreachable node, an unknown source or another schema fail with a message naming them.

use landscape::advise::{Guide, DEFAULT_GUIDE};

/// The shipped guide with one substitution (which must apply).
fn broken(from: &str, to: &str) -> String {
    assert!(DEFAULT_GUIDE.contains(from), "`{from}` not in the guide");
    DEFAULT_GUIDE.replacen(from, to, 1)
}

fn error_of(text: &str) -> String {
    Guide::parse(text, "broken.toml")
        .expect_err("the guide must be rejected")
        .to_string()
}

#[test]
fn the_shipped_guide_is_valid_and_versioned() {
    let g = Guide::default_guide().unwrap();
    assert_eq!(g.schema, landscape::advise::SCHEMA);
    assert!(!g.version.is_empty());
    for id in [
        "reuse_dpg",
        "off_the_shelf",
        "build_open",
        "nominate_dpg",
        "not_dpg_ready",
    ] {
        assert!(
            g.outcomes.iter().any(|o| o.id == id),
            "outcome `{id}` missing"
        );
    }
    for n in g.nodes() {
        assert!(!n.sources().is_empty());
    }
}

#[test]
fn a_dangling_edge_is_rejected() {
    let e = error_of(&broken(r#"next = "discovery" }"#, r#"next = "nowhere" }"#));
    assert!(
        e.contains("broken.toml") && e.contains("dangling edge"),
        "{e}"
    );
    assert!(e.contains("`need`") && e.contains("`nowhere`"), "{e}");
}

#[test]
fn a_cycle_is_rejected() {
    // `harm` answering no goes back to `licence`.
    let text = broken(
        r#"{ id = "no", label = "No", next = "dpg_ready", fails = "indicator 9"#,
        r#"{ id = "no", label = "No", next = "licence", fails = "indicator 9"#,
    );
    let e = error_of(&text);
    assert!(
        e.contains("cycle") && e.contains("licence") && e.contains("harm"),
        "{e}"
    );
}

#[test]
fn an_unreachable_node_is_rejected() {
    // Nothing leads to `discovery` any more.
    let e = error_of(&broken(
        r#"next = "discovery" }"#,
        r#"next = "not_digital" }"#,
    ));
    assert!(
        e.contains("unreachable") && e.contains("`discovery`"),
        "{e}"
    );
}

#[test]
fn unknown_sources_duplicates_and_other_schemas_are_rejected() {
    let e = error_of(&broken(
        r#"sources = ["undp_digital"]"#,
        r#"sources = ["undp_digitl"]"#,
    ));
    assert!(
        e.contains("`undp_digitl`") && e.contains("does not define"),
        "{e}"
    );
    let e = error_of(&broken("schema = 1", "schema = 2"));
    assert!(e.contains("schema 2"), "{e}");
    let e = error_of(&broken(r#"id = "rescope""#, r#"id = "discovery""#));
    assert!(e.contains("`discovery`") && e.contains("twice"), "{e}");
    let e = error_of(&broken(r#"start = "digital""#, r#"start = "not_digital""#));
    assert!(e.contains("`start`"), "{e}");
}

#[test]
fn a_malformed_guide_names_the_file_and_the_line() {
    let e = error_of(&broken("[[outcome]]", "[[outcome]\n"));
    assert!(e.contains("broken.toml") && e.contains("line"), "{e}");
    let e = error_of(&broken(
        r#"title = "Do discovery first""#,
        r#"titel = "Do discovery first""#,
    ));
    assert!(e.contains("titel"), "{e}");
}
