//! Every API endpoint over the fixture catalogue, including bad parameters.

use landscape::catalogue::CSV_COLUMNS;

use crate::support::{get, hostile_key, seg};

fn assert_json_error(target: &str, status: u16, mentions: &str) {
    let r = get(target);
    assert_eq!(r.status, status, "{target}: {}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("application/json"),
        "{target}"
    );
    let msg = r.json()["error"]
        .as_str()
        .expect("error message")
        .to_string();
    assert!(
        msg.contains(mentions),
        "{target}: `{msg}` should mention `{mentions}`"
    );
    assert!(
        !msg.contains("panicked") && !msg.contains("src/"),
        "{target}: {msg}"
    );
}

#[test]
fn search_returns_snippets_labels_evidence_and_facets() {
    let r = get("/api/search?q=portal&per_page=5");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert!(v["total"].as_u64().unwrap() >= 2, "{v}");
    assert_eq!(v["query"]["q"][0], "portal");
    let hit = &v["hits"][0];
    assert!(
        hit["snippet_html"].as_str().unwrap().contains("<b>"),
        "{hit}"
    );
    assert!(hit["classification"]["labels"]["digital"].is_u64());
    assert!(hit["classification"]["evidence"].is_array());
    for facet in [
        "digital", "openness", "pillar", "sector", "country", "region", "year", "source",
    ] {
        assert!(
            v["facets"][facet].is_array(),
            "facet {facet} missing: {}",
            v["facets"]
        );
    }
}

#[test]
fn filters_narrow_and_agree_with_facet_counts() {
    let all = get("/api/search?per_page=1").json();
    let digital2 = all["facets"]["digital"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p[0] == "2")
        .map(|p| p[1].as_u64().unwrap())
        .expect("some digital 2 records");
    let v = get("/api/search?digital=2&per_page=100").json();
    assert_eq!(v["total"].as_u64().unwrap(), digital2);
    for h in v["hits"].as_array().unwrap() {
        assert_eq!(h["classification"]["labels"]["digital"], 2);
    }
    let both = get("/api/search?digital=1,2&per_page=1").json()["total"]
        .as_u64()
        .unwrap();
    let repeated = get("/api/search?digital=1&digital=2&per_page=1").json()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(both, repeated);
    assert!(both >= digital2);
}

#[test]
fn pages_are_consistent() {
    let one = get("/api/search?per_page=3&page=1&sort=year_desc").json();
    let two = get("/api/search?per_page=3&page=2&sort=year_desc").json();
    let total = one["total"].as_u64().unwrap();
    assert_eq!(one["pages"].as_u64().unwrap(), total.div_ceil(3));
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys(&one).len(), 3);
    assert!(keys(&one).iter().all(|k| !keys(&two).contains(k)));
    let far = get("/api/search?per_page=100&page=1000").json();
    assert_eq!(far["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_search_parameters_are_400_with_a_json_message() {
    assert_json_error("/api/search?per_page=1000", 400, "per_page");
    assert_json_error("/api/search?page=0", 400, "page");
    assert_json_error("/api/search?page=abc", 400, "page");
    assert_json_error("/api/search?digital=7", 400, "digital");
    assert_json_error("/api/search?pillar=banana", 400, "pillar");
    assert_json_error("/api/search?sector=x&sector=y", 400, "sector");
    assert_json_error("/api/search?year=2020..2010", 400, "year");
    assert_json_error("/api/search?sort=random", 400, "sort");
    assert_json_error("/api/search?country=Kenya", 400, "country");
    assert_json_error("/api/search?limit=5", 400, "limit");
    assert_json_error(&format!("/api/search?q={}", "a".repeat(501)), 400, "500");
    assert_json_error("/api/search?q=%22unclosed", 400, "invalid query");
}

#[test]
fn project_by_key_and_unknown_key() {
    let r = get(&format!("/api/projects/{}", seg("sample_proposals-SP-001")));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["key"], "sample_proposals-SP-001");
    assert!(v["classification"]["digital_probs"].is_array());
    let h = get(&format!("/api/projects/{}", seg(&hostile_key()))).json();
    assert_eq!(h["key"].as_str().unwrap(), hostile_key());
    assert_json_error("/api/projects/no-such-record", 404, "no-such-record");
    assert_json_error(&format!("/api/projects/{}", "k".repeat(301)), 400, "300");
    assert_json_error("/api/projects/a%00b", 400, "printable");
}

#[test]
fn stats_have_every_cross_tab() {
    let v = get("/api/stats").json();
    let total = get("/api/search?per_page=1").json()["total"]
        .as_u64()
        .unwrap();
    assert_eq!(v["total"].as_u64().unwrap(), total);
    assert_eq!(v["pillar_by_sector"].as_object().unwrap().len(), 6);
    assert_eq!(v["pillar_by_region"].as_object().unwrap().len(), 6);
    assert_eq!(
        v["pillar_by_sector"]["dpi"]["healthcare"]
            .as_u64()
            .map(|n| n >= 1),
        Some(true)
    );
    let years = v["digital_by_year"].as_array().unwrap();
    let records: u64 = years.iter().map(|y| y["records"].as_u64().unwrap()).sum();
    assert_eq!(records, total);
    assert!(!v["digital_by_region"].as_array().unwrap().is_empty());
    assert_json_error("/api/stats?x=1", 400, "no parameters");
}

#[test]
fn export_csv_and_jsonl_follow_the_filters() {
    let total = get("/api/search?digital=1,2&per_page=1").json()["total"]
        .as_u64()
        .unwrap();
    let csv = get("/api/export?format=csv&digital=1,2");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
    let mut reader = csv::Reader::from_reader(csv.body.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        CSV_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(reader.records().count() as u64, total);
    let jsonl = get("/api/export?format=jsonl&digital=1&digital=2").text();
    let lines: Vec<landscape::Proposal> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a stored proposal"))
        .collect();
    assert_eq!(lines.len() as u64, total);
    assert!(lines
        .iter()
        .all(|p| p.classification.as_ref().unwrap().labels.digital > 0));
    assert_json_error("/api/export?digital=1", 400, "format");
    assert_json_error("/api/export?format=parquet", 400, "format");
    assert_json_error("/api/export?format=csv&page=2", 400, "page");
}

#[test]
fn openapi_describes_every_route() {
    let v = get("/api/openapi.json").json();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/search",
        "/api/projects/{key}",
        "/api/stats",
        "/api/export",
    ] {
        assert!(v["paths"][p]["get"].is_object(), "{p} missing");
    }
}

#[test]
fn unknown_api_route_is_a_json_404() {
    assert_json_error("/api/nothing", 404, "no such page");
}
