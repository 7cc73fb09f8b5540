//! Upserts, commits, the writer lock, lookups and the catalogue metadata.

use landscape::catalogue::{
    Catalogue, CatalogueError, SearchQuery, Upsert, FORMAT_VERSION, META_FILE,
};
use landscape::Proposal;

use super::{build, data, keys};

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
