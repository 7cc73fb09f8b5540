//! The server-rendered pages, read as HTML: search with facets, project, landscape, errors.

use crate::support::{get, seg};

#[test]
fn search_page_has_box_facets_cards_and_export_links() {
    let r = get("/?q=portal&digital=2");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let html = r.text();
    assert!(html.contains("<input id=\"q\" name=\"q\" type=\"search\""));
    assert!(html.contains("value=\"portal\""));
    assert!(html.contains("<input type=\"hidden\" name=\"digital\" value=\"2\">"));
    assert!(
        html.contains("class=\"facet on\""),
        "the active filter is marked"
    );
    assert!(html.contains("data-facet=\"pillar\""));
    assert!(html.contains("<article class=\"card\">"));
    assert!(html.contains("<details class=\"why\">"));
    assert!(html.contains("href=\"/api/export?q=portal&amp;digital=2&amp;format=csv\""));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"));
    for external in ["src=\"http", "href=\"http", "href=\"//", "src=\"//"] {
        assert!(
            !html.contains(external),
            "no external resources: {external}"
        );
    }
}

#[test]
fn facet_links_toggle_filters() {
    let html = get("/?pillar=government").text();
    let on = html
        .find("data-facet=\"pillar\" data-value=\"government\"")
        .expect("government facet");
    let start = html[..on].rfind("href=\"").unwrap() + 6;
    let href = &html[start..start + html[start..].find('"').unwrap()];
    assert_eq!(href, "/", "clicking the active filter removes it");
}

#[test]
fn project_page_shows_labels_probabilities_and_evidence() {
    let r = get(&format!("/projects/{}", seg("sample_proposals-SP-001")));
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("E-government portal"));
    assert!(html.contains("<caption>Pillars</caption>"));
    assert!(html.contains("<meter min=\"0\" max=\"1\""));
    assert!(html.contains("<table class=\"evidence-table\">"));
    let missing = get("/projects/no-such-record");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("no record with key"));
}

#[test]
fn landscape_heat_map_cells_link_to_their_search() {
    let html = get("/landscape").text();
    assert_eq!(
        html.matches("<a class=\"cell\"").count(),
        36 + 6 * count_regions(&html)
    );
    assert!(html.contains("id=\"by-year\"") && html.contains("id=\"by-region\""));
    let cell = "<a class=\"cell\" href=\"/?pillar=dpi&amp;sector=healthcare\"";
    let at = html.find(cell).expect("dpi x healthcare cell");
    let n: u64 = between(&html[at..], "<text class=\"", "</text>")
        .rsplit('>')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let searched = get("/api/search?pillar=dpi&sector=healthcare&per_page=1").json();
    assert_eq!(searched["total"].as_u64().unwrap(), n);
}

fn count_regions(html: &str) -> usize {
    let pr = &html[html
        .find("id=\"pillar-region\"")
        .expect("pillar x region map")..];
    pr.matches("<a class=\"cell\"").count() / 6
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> &'a str {
    let a = s.find(open).unwrap() + open.len();
    &s[a..a + s[a..].find(close).unwrap()]
}

#[test]
fn page_errors_are_html_with_status() {
    let r = get("/?per_page=5000");
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text().contains("per_page"));
    let r = get("/nowhere");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("<h1>404 Not Found</h1>"));
}

#[test]
fn assets_are_served_from_the_binary() {
    let css = get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.text().contains(":focus-visible"));
    let js = get("/assets/app.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(get("/assets/other.css").status, 404);
}

#[test]
fn guide_page_shows_the_decision_flowchart() {
    let r = get("/guide");
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("<figure class=\"guide\"><svg"));
    assert!(html.contains("aria-current=\"page\">Decision guide</a>"));
    // Every outcome of the shipped guide is a box of the flowchart.
    let guide = landscape::advise::Guide::default_guide().unwrap();
    assert!(!guide.outcomes.is_empty());
    for o in &guide.outcomes {
        let shown = landscape::markup::escape(&o.title);
        let first = shown.split_whitespace().next().unwrap();
        assert!(html.contains(first), "outcome {} not drawn", o.title);
    }
    assert_eq!(get("/guide?x=1").status, 400);
}
