//! Facet counts and statistics against direct counts of the inserted data.

use std::collections::BTreeMap;

use landscape::catalogue::SearchQuery;

use super::{build, data, labels};

#[test]
fn facet_counts_equal_direct_counts() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
    let cat = build(dir.path(), &d);
    let res = cat
        .search(&SearchQuery {
            facets: true,
            ..Default::default()
        })
        .unwrap();
    let mut want: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let mut add =
        |f: &str, v: String| *want.entry(f.into()).or_default().entry(v).or_default() += 1;
    for p in &d {
        add("source", p.source.clone());
        add(
            "country",
            p.country_code.clone().unwrap_or("unknown".into()),
        );
        add("region", p.region.clone().unwrap_or("unknown".into()));
        add("year", p.year.map_or("unknown".into(), |y| y.to_string()));
        match labels(p) {
            None => add("digital", "unclassified".into()),
            Some(l) => {
                add("digital", l.digital.to_string());
                add("openness", l.openness.to_string());
                l.pillars.iter().for_each(|x| add("pillar", x.to_string()));
                l.sectors.iter().for_each(|x| add("sector", x.to_string()));
            }
        }
    }
    let got: BTreeMap<String, BTreeMap<String, u64>> = res
        .facets
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        res.facets["openness"]
            .iter()
            .find(|(v, _)| v == "n/a")
            .map(|x| x.1),
        Some(3)
    );
    // Facets follow the filters.
    let ken = cat
        .search(&SearchQuery {
            facets: true,
            countries: vec!["KEN".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ken.facets["country"], vec![("KEN".to_string(), 3)]);
    assert_eq!(
        ken.facets["source"],
        vec![("wb".to_string(), 2), ("aid".to_string(), 1)]
    );
}

#[test]
fn stats_cross_tabulate_and_share_digital_by_year() {
    let dir = tempfile::tempdir().unwrap();
    let cat = build(dir.path(), &data());
    let s = cat.stats().unwrap();
    assert_eq!(s.total, 12);
    assert_eq!(s.pillar_by_sector["economy"]["digital_finance"], 2);
    assert_eq!(s.pillar_by_sector["government"]["healthcare"], 1);
    assert_eq!(s.pillar_by_region["government"]["Asia"], 3);
    let y2014 = s.digital_by_year.iter().find(|y| y.year == "2014").unwrap();
    assert_eq!(
        (y2014.records, y2014.classified, y2014.digital, y2014.share),
        (2, 2, 2, Some(1.0))
    );
    let y2020 = s.digital_by_year.iter().find(|y| y.year == "2020").unwrap();
    assert_eq!(
        (y2020.records, y2020.classified, y2020.digital, y2020.share),
        (2, 1, 1, Some(1.0))
    );
    assert_eq!(s.digital_by_year.last().unwrap().year, "unknown");
    assert_eq!(cat.meta().records, 12);
    assert_eq!(cat.meta().by_source["wb"], 5);
}
