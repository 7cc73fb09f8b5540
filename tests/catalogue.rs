//! Behaviour of the catalogue: filters, facets, upserts, snippets, exports, format versions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use landscape::catalogue::{
    Catalogue, CatalogueError, SearchQuery, Sort, Upsert, FORMAT_VERSION, META_FILE,
};
use landscape::labels::{Classification, Evidence, Labels, Openness, Pillar, Sector};
use landscape::Proposal;

fn classification(
    digital: u8,
    openness: Openness,
    pillars: &[Pillar],
    sectors: &[Sector],
) -> Classification {
    Classification {
        labels: Labels {
            digital,
            openness,
            pillars: pillars.to_vec(),
            sectors: sectors.to_vec(),
        },
        digital_probs: if digital == 0 {
            [0.9, 0.05, 0.05]
        } else {
            [0.1, 0.3, 0.6]
        },
        openness_probs: vec![0.2; 5],
        pillar_probs: vec![0.5; 6],
        sector_probs: vec![0.25; 6],
        evidence: vec![Evidence {
            head: "digital".into(),
            label: "1".into(),
            term: "mobile".into(),
            weight: 1.25,
        }],
        model: "test-model 0.1".into(),
    }
}

fn proposal(
    source: &str,
    id: &str,
    title: &str,
    desc: &str,
    country: Option<&str>,
    year: Option<i32>,
) -> Proposal {
    Proposal {
        id: id.into(),
        source: source.into(),
        title: title.into(),
        description: desc.into(),
        text: Proposal::default_text(title, desc),
        country_code: country.map(String::from),
        country_name: country.map(|c| format!("Country {c}")),
        region: country.map(|c| {
            if c == "KEN" || c == "UGA" {
                "Africa".into()
            } else {
                "Asia".into()
            }
        }),
        year,
        budget: Some(1_250_000.5),
        currency: Some("USD".into()),
        language: Some("en".into()),
        ..Default::default()
    }
}

/// Twelve records: digital and not, classified and not, with and without country and year.
fn data() -> Vec<Proposal> {
    use Openness::*;
    use Pillar::*;
    use Sector::*;
    let mut v = vec![
        proposal(
            "wb",
            "P1",
            "Mobile money for farmers",
            "Expand mobile money & agent networks <rural>.",
            Some("KEN"),
            Some(2015),
        ),
        proposal(
            "wb",
            "P2",
            "Rural roads",
            "Build feeder roads and bridges.",
            Some("KEN"),
            Some(2012),
        ),
        proposal(
            "wb",
            "P3",
            "E-Government services",
            "Online public services and digital ID.",
            Some("IND"),
            Some(2018),
        ),
        proposal(
            "undp14",
            "00011",
            "Gouvernement électronique",
            "Appui au gouvernement électronique et aux services en ligne.",
            Some("SEN"),
            Some(2014),
        ),
        proposal(
            "undp14",
            "00012",
            "Early warning systems",
            "Climate early warning with SMS alerts.",
            Some("UGA"),
            Some(2014),
        ),
        proposal(
            "undp14",
            "00013",
            "Health clinics",
            "Primary health care and clinic refurbishment.",
            Some("UGA"),
            None,
        ),
        proposal(
            "aid",
            "X1",
            "Solar mini-grids",
            "Climate mitigation with solar power.",
            None,
            Some(2020),
        ),
        proposal(
            "aid",
            "X2",
            "Open data portal",
            "An open source open data portal for the ministry.",
            Some("IND"),
            Some(2020),
        ),
        proposal(
            "aid",
            "P1",
            "Teacher training",
            "Training of teachers.",
            Some("KEN"),
            Some(2016),
        ),
        proposal(
            "wb",
            "P4",
            "Health information system",
            "DHIS2 open source health information system and mobile reporting.",
            Some("UGA"),
            Some(2019),
        ),
        proposal(
            "wb",
            "P5",
            "Water supply",
            "Urban water supply.",
            None,
            None,
        ),
        proposal(
            "undp14",
            "00014",
            "Disaster recovery",
            "Recovery after floods; mobile cash transfers.",
            Some("IND"),
            Some(2018),
        ),
    ];
    let labels = [
        Some(classification(2, Unknown, &[Economy], &[DigitalFinance])),
        Some(classification(0, NotApplicable, &[], &[])),
        Some(classification(2, Closed, &[Government, Dpi], &[])),
        Some(classification(2, Unknown, &[Government], &[])),
        Some(classification(
            1,
            Unknown,
            &[Connectivity],
            &[ClimateEnergy, CrisisResilience],
        )),
        Some(classification(0, NotApplicable, &[], &[Healthcare])),
        None,
        Some(classification(2, Open, &[Government, Dpi], &[])),
        None,
        Some(classification(2, Open, &[Government], &[Healthcare])),
        Some(classification(
            0,
            NotApplicable,
            &[],
            &[Environment, SmartCities],
        )),
        Some(classification(
            1,
            Mixed,
            &[Economy],
            &[CrisisResilience, DigitalFinance],
        )),
    ];
    for (p, c) in v.iter_mut().zip(labels) {
        p.classification = c;
    }
    v
}

fn build(dir: &Path, records: &[Proposal]) -> Catalogue {
    let cat = Catalogue::create_or_open(dir).unwrap();
    let mut w = cat.writer().unwrap();
    for p in records {
        assert_eq!(w.upsert(p).unwrap(), Upsert::Inserted, "{}", p.key());
    }
    w.commit().unwrap();
    drop(w);
    cat
}

fn keys(cat: &Catalogue, q: SearchQuery) -> Vec<String> {
    let res = cat.search(&SearchQuery { limit: 1000, ..q }).unwrap();
    assert_eq!(res.total as usize, res.hits.len());
    let mut k: Vec<String> = res.hits.into_iter().map(|h| h.key).collect();
    k.sort();
    k
}

fn expect(data: &[Proposal], pred: impl Fn(&Proposal) -> bool) -> Vec<String> {
    let mut k: Vec<String> = data.iter().filter(|p| pred(p)).map(|p| p.key()).collect();
    k.sort();
    k
}

fn labels(p: &Proposal) -> Option<&Labels> {
    p.classification.as_ref().map(|c| &c.labels)
}

#[test]
fn every_filter_matches_a_direct_filter_of_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
    let cat = build(dir.path(), &d);
    let q = SearchQuery::default;
    assert_eq!(cat.len(), 12);
    let dig = |p: &Proposal| labels(p).map(|l| l.digital);
    assert_eq!(
        keys(
            &cat,
            SearchQuery {
                digital: vec![1, 2],
                ..q()
            }
        ),
        expect(&d, |p| dig(p).is_some_and(|x| x > 0))
    );
    assert_eq!(
        keys(
            &cat,
            SearchQuery {
                digital: vec![0],
                ..q()
            }
        ),
        expect(&d, |p| dig(p) == Some(0))
    );
    let open = SearchQuery {
        openness: vec![Openness::Open, Openness::Mixed],
        ..q()
    };
    let is_open = |p: &Proposal| {
        labels(p).is_some_and(|l| matches!(l.openness, Openness::Open | Openness::Mixed))
    };
    assert_eq!(keys(&cat, open), expect(&d, is_open));
    let has_pillar = |p: &Proposal, x: Pillar| labels(p).is_some_and(|l| l.pillars.contains(&x));
    let pil = SearchQuery {
        pillars: vec![Pillar::Dpi, Pillar::Economy],
        ..q()
    };
    assert_eq!(
        keys(&cat, pil),
        expect(&d, |p| has_pillar(p, Pillar::Dpi)
            || has_pillar(p, Pillar::Economy))
    );
    let has_sector = |p: &Proposal, x: Sector| labels(p).is_some_and(|l| l.sectors.contains(&x));
    let sec = SearchQuery {
        sectors: vec![Sector::Healthcare],
        ..q()
    };
    assert_eq!(
        keys(&cat, sec),
        expect(&d, |p| has_sector(p, Sector::Healthcare))
    );
    let ctry = SearchQuery {
        countries: vec!["ken".into(), "Sen".into()],
        ..q()
    };
    let in_ctry = |p: &Proposal| matches!(p.country_code.as_deref(), Some("KEN" | "SEN"));
    assert_eq!(keys(&cat, ctry), expect(&d, in_ctry));
    let reg = SearchQuery {
        regions: vec!["AFRICA".into()],
        ..q()
    };
    assert_eq!(
        keys(&cat, reg),
        expect(&d, |p| p.region.as_deref() == Some("Africa"))
    );
    let src = SearchQuery {
        sources: vec!["aid".into(), "UNDP14".into()],
        ..q()
    };
    assert_eq!(
        keys(&cat, src),
        expect(&d, |p| p.source == "aid" || p.source == "undp14")
    );
    let yrs = SearchQuery {
        years: Some((2014, 2018)),
        ..q()
    };
    assert_eq!(
        keys(&cat, yrs),
        expect(&d, |p| p.year.is_some_and(|y| (2014..=2018).contains(&y)))
    );
}

#[test]
fn filters_combine_with_and_across_facets_and_with_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
    let cat = build(dir.path(), &d);
    let q = SearchQuery {
        digital: vec![1, 2],
        pillars: vec![Pillar::Government],
        countries: vec!["IND".into(), "UGA".into()],
        years: Some((2018, 2020)),
        ..Default::default()
    };
    let pred = |p: &Proposal| {
        labels(p).is_some_and(|l| l.digital > 0 && l.pillars.contains(&Pillar::Government))
            && matches!(p.country_code.as_deref(), Some("IND" | "UGA"))
            && p.year.is_some_and(|y| (2018..=2020).contains(&y))
    };
    let want = expect(&d, pred);
    assert_eq!(want.len(), 3);
    assert_eq!(keys(&cat, q.clone()), want);
    let with_text = SearchQuery {
        text: Some("open source".into()),
        ..q
    };
    assert_eq!(keys(&cat, with_text), vec!["aid-X2", "wb-P4"]);
}

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

#[test]
fn upsert_is_idempotent_and_updates_change_the_stored_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
    let cat = build(dir.path(), &d);
    let index_meta = || std::fs::read(dir.path().join("index/meta.json")).unwrap();
    let before = (index_meta(), cat.meta());
    let mut w = cat.writer().unwrap();
    for p in &d {
        assert_eq!(w.upsert(p).unwrap(), Upsert::Unchanged);
    }
    w.commit().unwrap(); // nothing changed: nothing is rewritten
    assert_eq!((index_meta(), cat.meta()), before);
    let mut changed = d[1].clone();
    changed.title = "Rural roads and mobile broadband".into();
    changed.classification = None;
    assert_eq!(w.upsert(&changed).unwrap(), Upsert::Updated);
    assert_eq!(w.upsert(&changed).unwrap(), Upsert::Unchanged);
    w.commit().unwrap();
    drop(w);
    assert_eq!(cat.len(), 12);
    assert_eq!(cat.get("wb-P2").unwrap(), Some(changed));
    let hits = keys(
        &cat,
        SearchQuery {
            text: Some("broadband".into()),
            ..Default::default()
        },
    );
    assert_eq!(hits, vec!["wb-P2"]);
    // A fresh handle sees the same after reopening.
    drop(cat);
    let again = Catalogue::open(dir.path()).unwrap();
    assert_eq!(again.len(), 12);
    let all: Vec<Proposal> = again.iter_all().collect::<Result<_, _>>().unwrap();
    assert_eq!(all.len(), 12);
    assert!(all.contains(&d[0]));
}

#[test]
fn uncommitted_writes_vanish_and_one_writer_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
    let cat = build(dir.path(), &d[..4]);
    let mut w = cat.writer().unwrap();
    assert!(matches!(cat.writer(), Err(CatalogueError::Locked { .. })));
    for p in &d[4..] {
        w.upsert(p).unwrap();
    }
    drop(w); // killed before commit
    let reopened = Catalogue::open(dir.path()).unwrap();
    assert_eq!(reopened.len(), 4);
    let mut w = reopened.writer().unwrap();
    assert_eq!(w.upsert(&d[5]).unwrap(), Upsert::Inserted);
}

#[test]
fn get_by_key_or_unique_bare_id() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
    let cat = build(dir.path(), &d);
    assert_eq!(cat.get("undp14-00011").unwrap().as_ref(), Some(&d[3]));
    assert_eq!(cat.get("00011").unwrap().as_ref(), Some(&d[3]));
    assert_eq!(cat.get("nope").unwrap(), None);
    let err = cat.get("P1").unwrap_err();
    assert!(matches!(err, CatalogueError::Ambiguous { .. }), "{err}");
    assert!(err.to_string().contains("wb-P1") && err.to_string().contains("aid-P1"));
}

#[test]
fn text_search_folds_accents_hyphens_and_phrases() {
    let dir = tempfile::tempdir().unwrap();
    let cat = build(dir.path(), &data());
    let t = |s: &str| {
        keys(
            &cat,
            SearchQuery {
                text: Some(s.into()),
                ..Default::default()
            },
        )
    };
    assert_eq!(t("gouvernement electronique"), vec!["undp14-00011"]);
    assert_eq!(t("GOUVERNEMENT ÉLECTRONIQUE"), vec!["undp14-00011"]);
    assert_eq!(t("e-government"), vec!["wb-P3"]);
    assert_eq!(t("\"mobile money\""), vec!["wb-P1"]);
    assert_eq!(t("mobile"), vec!["undp14-00014", "wb-P1", "wb-P4"]);
    assert_eq!(t("mobile -money"), vec!["undp14-00014", "wb-P4"]);
    assert_eq!(t("solar OR floods"), vec!["aid-X1", "undp14-00014"]);
    assert_eq!(t("  "), keys(&cat, SearchQuery::default()));
}

#[test]
fn title_matches_rank_first_and_year_sorts_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let cat = build(dir.path(), &data());
    let res = cat
        .search(&SearchQuery {
            text: Some("health".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(res.total, 2);
    assert!(res.hits[0].score >= res.hits[1].score && res.hits[1].score > 0.0);
    let by_year = |sort, offset, limit| {
        let q = SearchQuery {
            sort,
            offset,
            limit,
            ..Default::default()
        };
        cat.search(&q)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.proposal.year)
            .collect::<Vec<_>>()
    };
    let desc = by_year(Sort::Relevance, 0, 12);
    assert_eq!(&desc[..3], &[Some(2020), Some(2020), Some(2019)]);
    assert_eq!(&desc[10..], &[None, None]);
    assert_eq!(by_year(Sort::YearDesc, 2, 2), desc[2..4].to_vec());
    let asc_all = by_year(Sort::YearAsc, 0, 12);
    assert_eq!(
        &asc_all[10..],
        &[None, None],
        "records without a year come last"
    );
    let asc: Vec<i32> = asc_all.into_iter().flatten().collect();
    assert!(
        asc.windows(2).all(|w| w[0] <= w[1]) && asc[0] == 2012,
        "{asc:?}"
    );
    let counts_only = cat
        .search(&SearchQuery {
            limit: 0,
            facets: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((counts_only.total, counts_only.hits.len()), (12, 0));
}

#[test]
fn snippets_highlight_the_query_terms() {
    let dir = tempfile::tempdir().unwrap();
    let cat = build(dir.path(), &data());
    let res = cat
        .search(&SearchQuery {
            text: Some("money".into()),
            ..Default::default()
        })
        .unwrap();
    let s = &res.hits[0].snippet;
    assert!(!s.highlights.is_empty());
    for (a, b) in &s.highlights {
        assert_eq!(s.text[*a..*b].to_lowercase(), "money");
    }
    let html = s.to_html();
    assert!(
        html.contains("<b>money</b>") && html.contains("&amp;") && html.contains("&lt;rural"),
        "{html}"
    );
    let all = cat.search(&SearchQuery::default()).unwrap();
    assert!(all
        .hits
        .iter()
        .all(|h| h.snippet.highlights.is_empty() && !h.snippet.text.is_empty()));
}

#[test]
fn empty_catalogue_and_bad_queries_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let cat = Catalogue::create_or_open(&dir.path().join("new")).unwrap();
    assert!(cat.is_empty());
    let res = cat
        .search(&SearchQuery {
            text: Some("climate".into()),
            facets: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((res.total, res.hits.len()), (0, 0));
    assert!(res.facets["digital"].is_empty());
    assert_eq!(cat.stats().unwrap().total, 0);
    let bad = |q: SearchQuery| match cat.search(&q) {
        Err(CatalogueError::InvalidQuery(m)) => m,
        other => panic!("expected an invalid query, got {other:?}"),
    };
    assert!(bad(SearchQuery {
        text: Some("x".repeat(1001)),
        ..Default::default()
    })
    .contains("1001"));
    assert!(bad(SearchQuery {
        limit: 1001,
        ..Default::default()
    })
    .contains("1001"));
    assert!(bad(SearchQuery {
        text: Some("nosuchfield:climate".into()),
        ..Default::default()
    })
    .contains("nosuchfield"));
    bad(SearchQuery {
        years: Some((2020, 2010)),
        ..Default::default()
    });
    bad(SearchQuery {
        digital: vec![3],
        ..Default::default()
    });
    for odd in [
        "\"mobile money",
        "(climate OR",
        "AND",
        "-",
        "title:",
        "***",
        "a^^b",
        "[1 TO",
    ] {
        let _ = cat.search(&SearchQuery {
            text: Some(odd.into()),
            ..Default::default()
        });
    }
}

#[test]
fn newer_missing_or_corrupt_metadata_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path(), &data()[..2]);
    let meta = dir.path().join(META_FILE);
    let good = std::fs::read_to_string(&meta).unwrap();
    let newer = good.replace(
        &format!("\"format_version\": {FORMAT_VERSION}"),
        "\"format_version\": 99",
    );
    assert_ne!(newer, good);
    std::fs::write(&meta, newer).unwrap();
    let err = Catalogue::open(dir.path()).err().unwrap();
    assert!(
        matches!(err, CatalogueError::NewerFormat { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("catalogue.json"));
    std::fs::write(&meta, "{\"format_version\": 1, \"created\": ").unwrap();
    assert!(matches!(
        Catalogue::open(dir.path()).err().unwrap(),
        CatalogueError::Corrupt { .. }
    ));
    std::fs::remove_file(&meta).unwrap();
    assert!(matches!(
        Catalogue::create_or_open(dir.path()).err().unwrap(),
        CatalogueError::Missing { .. }
    ));
    let not_there = Catalogue::open(&dir.path().join("nothing")).err().unwrap();
    assert!(
        matches!(not_there, CatalogueError::Missing { .. }),
        "{not_there}"
    );
}

#[test]
fn empty_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cat = Catalogue::create_or_open(dir.path()).unwrap();
    let mut w = cat.writer().unwrap();
    let p = Proposal {
        id: " ".into(),
        source: "wb".into(),
        ..Default::default()
    };
    assert!(matches!(
        w.upsert(&p),
        Err(CatalogueError::InvalidRecord { .. })
    ));
}

#[path = "catalogue/cli.rs"]
mod cli;
#[path = "catalogue/export.rs"]
mod export;
#[path = "catalogue/real_data.rs"]
mod real_data;

/// Path to the shared data folder beside the repository; fails loudly when absent.
fn shared_data() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    assert!(
        p.is_dir(),
        "shared data not found at {} (clone the repo beside `shared/`)",
        p.display()
    );
    p
}
