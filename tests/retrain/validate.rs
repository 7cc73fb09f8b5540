//! Every kind of bad cell is reported with file, row, column, the bad value and the allowed
//! values, all of them at once, by the library and by `landscape train` (exit code 2, before
//! any corpus is read); a bad glossary file is reported with its line.

use landscape::labels::{check_gold, GoldError};

use super::fixture::{landscape_in, small_labels, train_with, write};

const HEADER: &str = "id,digital,openness,pillars,sectors,note\n";

/// (row, column, a fragment of the message) for each bad cell of [`BAD`].
const EXPECTED: [(u64, &str, &str); 13] = [
    (1, "digital", "`3` is not a valid digital (allowed: 0 1 2"),
    (
        2,
        "openness",
        "`opn` is not a valid openness (allowed: open closed mixed unknown n/a",
    ),
    (
        3,
        "pillars",
        "`goverment` is not a valid pillars (allowed: people connectivity government",
    ),
    (
        4,
        "sectors",
        "`health` is not a valid sectors (allowed: healthcare environment",
    ),
    (5, "openness", "`open` with digital 0 (allowed: n/a)"),
    (
        6,
        "openness",
        "`n/a` with digital 1 (allowed: open, closed, mixed or unknown)",
    ),
    (7, "pillars", "`dpi` with digital 0 (allowed: empty"),
    (
        8,
        "pillars",
        "`` with digital 2 (allowed: one or more of people;connectivity",
    ),
    (9, "id", "empty"),
    (10, "digital", "`two` is not a valid digital"),
    (10, "sectors", "`climate` is not a valid sectors"),
    (11, "pillars", "`goverment` is not a valid pillars"),
    (11, "openness", "`n/a` with digital 1"),
];

const BAD: &str = "wb-P1,3,n/a,,,\n\
                   wb-P2,1,opn,government,,\n\
                   wb-P3,1,unknown,goverment,,\n\
                   wb-P4,0,n/a,,health,\n\
                   wb-P5,0,open,,,\n\
                   wb-P6,1,n/a,dpi,,\n\
                   wb-P7,0,n/a,dpi,,\n\
                   wb-P8,2,unknown,,,\n\
                   ,0,n/a,,,\n\
                   wb-P10,two,n/a,,climate,\n\
                   wb-P11,1,n/a,dpi;goverment,,\n\
                   wb-P12,2,Open,Government; dpi,healthcare,fine: case and spaces are forgiven\n";

#[test]
fn every_kind_of_bad_cell_is_named_with_row_column_value_and_allowed_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.csv", &format!("{HEADER}{BAD}"));
    let checked = check_gold(&path).unwrap();
    assert_eq!(checked.rows.len(), 1, "only the last row is valid");
    assert_eq!(checked.rows[0].0, 12);
    assert_eq!(checked.bad.len(), EXPECTED.len(), "{:#?}", checked.bad);
    for (err, (row, column, fragment)) in checked.bad.iter().zip(EXPECTED) {
        let GoldError::BadCell {
            row: r, column: c, ..
        } = err
        else {
            panic!("not a bad cell: {err}");
        };
        let msg = err.to_string();
        assert_eq!((*r, *c), (row, column), "{msg}");
        assert!(
            msg.contains("bad.csv") && msg.contains(fragment),
            "{msg}\nwanted: {fragment}"
        );
    }
}

#[test]
fn a_missing_column_or_a_short_row_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "nocol.csv",
        "id,digital,pillars,sectors\nwb-P1,0,,\n",
    );
    let msg = check_gold(&path).unwrap_err().to_string();
    assert!(
        msg.contains("nocol.csv") && msg.contains("no `openness` column"),
        "{msg}"
    );
    let path = write(
        dir.path(),
        "short.csv",
        "id,digital,openness,pillars,sectors\nwb-P1,0\n",
    );
    let msg = check_gold(&path).unwrap_err().to_string();
    assert!(msg.contains("short.csv"), "{msg}");
}

#[test]
fn train_lists_every_bad_cell_of_every_file_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.csv", &format!("{HEADER}{BAD}"));
    write(
        dir.path(),
        "also.csv",
        &format!("{HEADER}wb-P12,1,mixed,economy,banking,\n"),
    );
    let out = landscape_in(dir.path())
        .args([
            "train", "--gold", "bad.csv", "also.csv", "--out", "models/x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("14 bad cells"), "{err}");
    for (row, column, fragment) in EXPECTED {
        let place = format!(
            "bad.csv, row {row} (spreadsheet row {}), column {column}: ",
            row + 1
        );
        assert!(
            err.contains(&place) && err.contains(fragment),
            "{err}\nwanted: {place}{fragment}"
        );
    }
    assert!(
        err.contains("also.csv, row 1 (spreadsheet row 2), column sectors: `banking`"),
        "{err}"
    );
    assert!(!dir.path().join("models/x").exists());
}

#[test]
fn train_takes_a_glossary_file_and_refuses_a_bad_one_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    small_labels(dir.path());
    write(dir.path(), "bad.txt", "health: sante\nno colon here\n");
    let out = landscape_in(dir.path())
        .args(["train", "--gold", "labels.csv", "--glossary", "bad.txt"])
        .args(["--out", "models/x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("glossary line 2"),
        "{err}"
    );
    assert!(!dir.path().join("models/x").exists());

    write(dir.path(), "mine.txt", "# ours\nhealth: Santé salud\n");
    train_with(
        dir.path(),
        &["labels.csv"],
        "g",
        &["--glossary", "mine.txt"],
    );
    let json = std::fs::read(dir.path().join("models/g/features.json")).unwrap();
    let meta: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        meta["config"]["gloss"],
        serde_json::json!([["salud", "health"], ["sante", "health"]])
    );
}
