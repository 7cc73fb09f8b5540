//! One search on the real World Bank corpus, read with the csv crate directly.

use landscape::catalogue::{Catalogue, SearchQuery};
use landscape::Proposal;

use super::shared_data;

#[test]
fn world_bank_projects_answer_mobile_money() {
    let path = shared_data().join("corpora/worldbank_projects_2025.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, name, pdo, country) = (
        col("id"),
        col("project_name"),
        col("pdo"),
        col("countryshortname"),
    );
    let dir = tempfile::tempdir().unwrap();
    let cat = Catalogue::create_or_open(dir.path()).unwrap();
    let mut w = cat.writer().unwrap();
    let (mut n, mut texts) = (0, vec![]);
    for rec in reader.records() {
        let rec = rec.unwrap();
        let p = Proposal {
            id: rec[id].to_string(),
            source: "wb".into(),
            title: rec[name].to_string(),
            description: rec[pdo].to_string(),
            text: Proposal::default_text(&rec[name], &rec[pdo]),
            country_name: Some(rec[country].to_string()),
            ..Default::default()
        };
        texts.push(words(&p.text));
        w.upsert(&p).unwrap();
        n += 1;
    }
    w.commit().unwrap();
    drop(w);
    assert!(n > 15_000, "only {n} records read");
    assert_eq!(cat.len(), n);
    // The corpus has no project that mentions both words (checked by a direct scan), so
    // the answer must be empty; one word alone must find exactly the records that have it.
    for (query, words) in [
        ("mobile money", &["mobile", "money"][..]),
        ("mobile", &["mobile"][..]),
    ] {
        let want = texts
            .iter()
            .filter(|t| words.iter().all(|w| t.contains(*w)))
            .count() as u64;
        let q = SearchQuery {
            text: Some(query.into()),
            limit: 1000,
            ..Default::default()
        };
        let res = cat.search(&q).unwrap();
        assert_eq!(res.total, want, "{query}");
        for hit in &res.hits {
            let marked = hit
                .snippet
                .highlights
                .iter()
                .map(|(a, b)| hit.snippet.text[*a..*b].to_lowercase());
            assert!(
                marked.into_iter().any(|m| m == "mobile"),
                "{}: {:?}",
                hit.key,
                hit.snippet
            );
        }
    }
    assert!(
        texts.iter().any(|t| t.contains("mobile")),
        "the corpus should mention mobile"
    );
}

/// The lower-cased alphanumeric words of a text, as the catalogue's tokenizer splits it.
fn words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}
