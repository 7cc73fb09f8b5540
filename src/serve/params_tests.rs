//! Unit tests of query-string parsing and link building.

use super::*;

fn parse(s: &str) -> Result<Params> {
    Params::parse(Some(s), Route::Search)
}

#[test]
fn parses_repeated_and_comma_separated_filters() {
    let p = parse("q=mobile+money&digital=1,2&pillar=dpi&pillar=people&country=ken&year=2015..2020&page=2&per_page=50").unwrap();
    assert_eq!(p.q.as_deref(), Some("mobile money"));
    assert_eq!(p.digital, vec![1, 2]);
    assert_eq!(p.pillar, vec![Pillar::Dpi, Pillar::People]);
    assert_eq!(p.country, vec!["KEN".to_string()]);
    assert_eq!(p.year, Some((2015, 2020)));
    let q = p.to_query(true);
    assert_eq!((q.offset, q.limit), (50, 50));
}

#[test]
fn empty_values_are_ignored() {
    let p = parse("q=&digital=&openness=&page=").unwrap();
    assert_eq!(p, Params::default());
}

#[test]
fn rejects_out_of_bounds_and_unknown() {
    for bad in [
        "per_page=101",
        "per_page=0",
        "page=0",
        "page=-1",
        "page=1001",
        "digital=3",
        "pillar=banana",
        "country=../../etc",
        "year=2020..2010",
        "year=soon",
        "sort=random",
        "format=csv",
        "limit=5",
        "region=%00x",
    ] {
        let err = parse(bad).expect_err(bad);
        assert!(matches!(err, ServeError::BadRequest(_)), "{bad}");
    }
    let long = format!("q={}", "a".repeat(MAX_Q_CHARS + 1));
    assert!(parse(&long).is_err());
    let many = (0..=MAX_VALUES)
        .map(|i| format!("source=s{i}"))
        .collect::<Vec<_>>()
        .join("&");
    assert!(parse(&many).is_err());
    assert!(Params::parse(Some("format=parquet"), Route::Export).is_err());
    assert!(Params::parse(Some("format=jsonl"), Route::Export).is_ok());
}

#[test]
fn toggling_adds_and_removes_and_round_trips() {
    let p = parse("q=water&pillar=dpi&page=3").unwrap();
    let more = p.toggled("sector", "healthcare");
    assert_eq!(more.sector, vec![Sector::Healthcare]);
    assert_eq!(more.page, 1);
    let less = more.toggled("pillar", "dpi");
    assert!(less.pillar.is_empty());
    let year = p.toggled("year", "2016");
    assert_eq!(year.year, Some((2016, 2016)));
    assert_eq!(year.toggled("year", "2016").year, None);
    assert_eq!(parse(&more.query_string()).unwrap(), more);
}

#[test]
fn path_segments_are_encoded() {
    assert_eq!(crate::serve::links::path_segment("wb-P1"), "wb-P1");
    assert_eq!(
        crate::serve::links::path_segment("a/../b c"),
        "a%2F..%2Fb%20c"
    );
}
