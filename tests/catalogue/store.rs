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

/// Child half of the crash test: writes and commits until it is killed.
#[test]
fn crash_child_writes_until_killed() {
    let Ok(dir) = std::env::var("LANDSCAPE_CRASH_CHILD_DIR") else {
        return; // only runs when spawned by `a_killed_writer_leaves_the_last_commit_readable`
    };
    let cat = Catalogue::open(std::path::Path::new(&dir)).unwrap();
    let mut w = cat.writer().unwrap();
    let template = data()[0].clone();
    for i in 0.. {
        let p = Proposal {
            id: format!("crash-{i}"),
            ..template.clone()
        };
        w.upsert(&p).unwrap();
        if i % 50 == 49 {
            w.commit().unwrap();
            if i == 49 {
                println!("READY");
            }
        }
    }
}

#[test]
fn a_killed_writer_leaves_the_last_commit_readable() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    drop(build(dir.path(), &data()));
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store::crash_child_writes_until_killed",
            "--nocapture",
        ])
        .env("LANDSCAPE_CRASH_CHILD_DIR", dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let ready = stdout
        .lines()
        .map(|l| l.unwrap())
        .any(|l| l.contains("READY"));
    assert!(ready, "the child never committed");
    std::thread::sleep(std::time::Duration::from_millis(300)); // let it get mid-write
    child.kill().unwrap();
    child.wait().unwrap();
    let cat = Catalogue::open(dir.path()).unwrap();
    let n = cat.len();
    assert!(
        n >= 12 + 50 && (n - 12) % 50 == 0,
        "{n} records: a partial commit is visible"
    );
    let all: Vec<Proposal> = cat.iter_all().collect::<Result<_, _>>().unwrap();
    assert_eq!(all.len() as u64, n);
    let mut w = cat.writer().expect("the dead writer's lock is released");
    assert_eq!(w.upsert(&data()[0]).unwrap(), Upsert::Unchanged);
}
