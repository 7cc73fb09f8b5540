//! Fuzzes search: query text (tantivy's query syntax) with filters, paging and sorting, run
//! against a small catalogue of the sample proposals. Invalid queries must be refused with
//! an error, never a panic.
#![no_main]

use std::sync::OnceLock;

use landscape::catalogue::{Catalogue, SearchQuery, Sort};
use landscape::ingest::{self, ReadOptions};
use libfuzzer_sys::fuzz_target;

/// The catalogue, built once per process in a temporary directory kept for its lifetime.
fn catalogue() -> &'static Catalogue {
    static CAT: OnceLock<(tempfile::TempDir, Catalogue)> = OnceLock::new();
    &CAT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory");
        let cat = Catalogue::create_or_open(dir.path()).expect("catalogue");
        let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/sample_proposals.csv");
        let mut w = cat.writer().expect("writer");
        for p in ingest::open(sample.as_ref(), &ReadOptions::default()).expect("sample") {
            w.upsert(&p.expect("sample record")).expect("upsert");
        }
        w.commit().expect("commit");
        drop(w);
        (dir, cat)
    })
    .1
}

/// The query a fuzz input describes: 8 bytes of settings, then the text.
fn query(data: &[u8]) -> Option<SearchQuery> {
    let (head, text) = data.split_at_checked(8)?;
    let sort = [Sort::Relevance, Sort::YearDesc, Sort::YearAsc][head[0] as usize % 3];
    let years = (head[1] & 1 == 1).then(|| {
        let y = |b: u8| 1990 + i32::from(b) - 64;
        (y(head[2]), y(head[3]))
    });
    Some(SearchQuery {
        text: Some(String::from_utf8_lossy(text).into_owned()),
        digital: head[4].to_le_bytes().iter().map(|b| b % 4).take(usize::from(head[1] >> 6)).collect(),
        countries: (head[1] & 2 == 2).then(|| "KEN".to_string()).into_iter().collect(),
        sort,
        years,
        offset: usize::from(head[5]) * 4,
        limit: usize::from(head[6]) * 8,
        facets: head[7] & 1 == 1,
        ..SearchQuery::default()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(q) = query(data) else { return };
    let cat = catalogue();
    match q.validate() {
        Ok(()) => {
            if let Ok(r) = cat.search(&q) {
                assert!(r.hits.len() <= q.limit);
            }
        }
        Err(_) => assert!(cat.search(&q).is_err(), "search ran an invalid query"),
    }
});
