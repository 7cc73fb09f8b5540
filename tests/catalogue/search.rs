//! Filters, text search, ordering, paging, snippets and query validation.

use landscape::catalogue::{Catalogue, CatalogueError, SearchQuery, Sort};
use landscape::labels::{Openness, Pillar, Sector};
use landscape::Proposal;

use super::{build, data, expect, keys, labels};

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
    let far = cat
        .search(&SearchQuery {
            offset: usize::MAX / 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!((far.total, far.hits.len()), (12, 0));
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
