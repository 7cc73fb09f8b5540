//! `landscape ingest` of every sample format, and of a CSV with bad rows.

use super::{hit_keys, keys_in, root, run_ok, search_json, stats_total};

#[test]
fn every_sample_format_goes_into_one_catalogue() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("cat");
    let files = [
        ("data/sample_proposals.csv", "sample_proposals"),
        ("data/sample.jsonl", "sample"),
        ("data/sample_iati.xml", "sample_iati"),
        ("data/sample_undp_project.json", "undp14"),
    ];
    let mut all = Vec::new();
    for (file, _) in files {
        let keys = keys_in(&root().join(file));
        assert!(!keys.is_empty(), "{file} has no records");
        let (_, err) = run_ok(&["ingest", file], &cat);
        assert!(
            err.contains(&format!("ingested {}", keys.len())) && err.contains("rejected 0"),
            "{file}: {err}"
        );
        all.extend(keys);
    }
    all.sort();
    all.dedup();
    assert_eq!(stats_total(&cat), all.len() as u64);
    assert_eq!(hit_keys(&search_json(&cat, None, &[])), all);
    for (file, source) in files {
        let v = search_json(&cat, None, &["--source", source]);
        assert_eq!(
            hit_keys(&v),
            keys_in(&root().join(file)),
            "records of {file} under source {source}"
        );
        for h in v["hits"].as_array().unwrap() {
            let labels = &h["proposal"]["classification"]["labels"];
            assert!(labels["digital"].is_u64(), "{file}: unclassified {h}");
        }
    }
    // The IATI file's DHIS2 activity is found by its words.
    let v = search_json(&cat, Some("DHIS2"), &["--source", "sample_iati"]);
    assert!(v["total"].as_u64().unwrap() >= 1, "{v}");
}

#[test]
fn bad_rows_are_rejected_with_file_and_line_and_the_rest_is_ingested() {
    let tmp = tempfile::tempdir().unwrap();
    let cat = tmp.path().join("cat");
    let csv = tmp.path().join("bad.csv");
    std::fs::write(
        &csv,
        "id,title,description,country\n\
         B1,Municipal e-services portal,Online permits and digital payments for city residents,Kenya\n\
         B2,Too,many,fields,in,this,row\n\
         ,Digital identity registry,Civil registration with a digital ID system,Malawi\n\
         B4,Rural broadband hotspots,Community Wi-Fi and a fibre backbone for schools,Nepal\n",
    )
    .unwrap();
    let (_, err) = run_ok(&["ingest", csv.to_str().unwrap()], &cat);
    assert!(
        err.contains("ingested 2") && err.contains("rejected 2"),
        "{err}"
    );

    assert_eq!(
        hit_keys(&search_json(&cat, None, &[])),
        ["bad-B1", "bad-B4"]
    );
    assert_eq!(
        hit_keys(&search_json(&cat, Some("broadband"), &[])),
        ["bad-B4"]
    );
    assert_eq!(
        hit_keys(&search_json(&cat, Some("permits"), &[])),
        ["bad-B1"]
    );

    let rejects = std::fs::read_to_string(cat.join("rejects.jsonl")).unwrap();
    let rejects: Vec<serde_json::Value> = rejects
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rejects.len(), 2, "{rejects:?}");
    for r in &rejects {
        assert!(r["file"].as_str().unwrap().ends_with("bad.csv"), "{r}");
        assert!(r["reason"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
    }
    let lines: Vec<u64> = rejects
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 4], "{rejects:?}");
    assert!(
        rejects[0]["raw"].as_str().unwrap().starts_with("B2,Too"),
        "{}",
        rejects[0]
    );
    assert!(
        rejects[1]["reason"].as_str().unwrap().contains("no id"),
        "{}",
        rejects[1]
    );

    // Ingesting the same file again rejects the same rows and changes nothing else.
    let (_, err) = run_ok(&["ingest", csv.to_str().unwrap()], &cat);
    assert!(
        err.contains("ingested 0") && err.contains("unchanged 2") && err.contains("rejected 2"),
        "{err}"
    );
    assert_eq!(stats_total(&cat), 2);
}
