//! Hostile project text (markup, quotes, a right-to-left override) is inert in every page
//! and every JSON answer, and still round-trips exactly through the JSON.

use crate::support::{get, hostile, hostile_key, seg, RLO, SCRIPT};

/// No executable markup from the record reaches the page, and every right-to-left override
/// that is displayed sits inside a `<bdi>` isolate (attribute values are not displayed).
fn assert_inert_html(html: &str, target: &str) {
    for bad in [
        SCRIPT,
        "<img src=x",
        "<b>Region",
        "<i>",
        "<x>",
        "</td><script",
    ] {
        assert!(!html.contains(bad), "{target}: raw `{bad}` in the page");
    }
    for (at, _) in html.match_indices(RLO) {
        let before = &html[..at];
        let in_attribute = before.rfind('<') > before.rfind('>');
        let isolated = before.rfind("<bdi>") > before.rfind("</bdi>");
        assert!(
            in_attribute || isolated,
            "{target}: U+202E shown outside a <bdi> isolate at byte {at}"
        );
    }
}

#[test]
fn html_pages_escape_hostile_text() {
    let key = hostile_key();
    for target in [
        "/?q=zebrafish".to_string(),
        format!("/projects/{}", seg(&key)),
        "/landscape".to_string(),
        format!("/?region={}", seg(hostile().region.as_deref().unwrap())),
    ] {
        let r = get(&target);
        assert_eq!(r.status, 200, "{target}");
        let html = r.text();
        assert_inert_html(&html, &target);
        assert!(
            html.contains("&lt;script&gt;") || target == "/landscape",
            "{target}"
        );
    }
    let page = get(&format!("/projects/{}", seg(&key))).text();
    assert!(
        page.contains("&lt;img src=x onerror=alert(3)&gt;"),
        "evidence words are shown, escaped"
    );
    assert!(page.contains("&quot;double&quot; &#39;single&#39;"));
}

#[test]
fn json_answers_escape_hostile_text_and_round_trip() {
    let h = hostile();
    for target in [
        "/api/search?q=zebrafish".to_string(),
        format!("/api/projects/{}", seg(&hostile_key())),
        "/api/stats".to_string(),
    ] {
        let r = get(&target);
        assert_eq!(
            r.header("content-type"),
            Some("application/json"),
            "{target}"
        );
        let body = r.text();
        assert!(
            !body.contains('<') && !body.contains('>'),
            "{target}: raw angle bracket"
        );
        assert!(!body.contains(RLO), "{target}: raw U+202E");
    }
    let v = get(&format!("/api/projects/{}", seg(&hostile_key()))).json();
    assert_eq!(v["title"].as_str().unwrap(), h.title);
    assert_eq!(v["region"].as_str().unwrap(), h.region.unwrap());
    assert_eq!(v["id"].as_str().unwrap(), h.id);
    let s = get("/api/search?q=zebrafish").json();
    let snippet = s["hits"][0]["snippet_html"].as_str().unwrap();
    assert!(
        snippet.contains("&lt;img") && snippet.contains("<b>"),
        "{snippet}"
    );
}

#[test]
fn error_messages_escape_the_parameter() {
    let r = get("/?pillar=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert_eq!(r.status, 400);
    assert_inert_html(&r.text(), "bad pillar");
    let j = get("/api/search?pillar=%3Cscript%3E").text();
    assert!(!j.contains('<'), "{j}");
}
