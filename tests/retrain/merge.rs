//! Merging labelled files: later files and later rows win, every conflict is reported with
//! both places and the differing fields, identical repeats are not conflicts.

use landscape::labels::{Openness, Pillar, Sector};
use landscape::retrain::merge_files;

use super::fixture::write;

const HEADER: &str = "id,digital,openness,pillars,sectors\n";

#[test]
fn later_files_and_rows_win_and_every_conflict_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.csv",
        &format!("{HEADER}wb-1,0,n/a,,\nwb-2,1,unknown,government,\nwb-3,0,n/a,,healthcare\nwb-2,2,unknown,government,\n"),
    );
    let b = write(
        dir.path(),
        "b.csv",
        &format!("{HEADER}wb-1,1,open,dpi,digital_finance\nwb-3,0,n/a,,healthcare\nwb-4,0,n/a,,\n"),
    );
    let m = merge_files(&[a.clone(), b.clone()]).unwrap();
    let ids: Vec<&str> = m.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["wb-1", "wb-2", "wb-3", "wb-4"]);
    let wb1 = &m.rows[0].labels;
    assert_eq!((wb1.digital, wb1.openness), (1, Openness::Open));
    assert_eq!(wb1.pillars, [Pillar::Dpi]);
    assert_eq!(wb1.sectors, [Sector::DigitalFinance]);
    assert_eq!(
        m.rows[1].labels.digital, 2,
        "a later row of the same file wins"
    );
    assert_eq!(m.origins[0].row, 1);
    assert_eq!(m.origins[0].file, b);

    assert_eq!(m.conflicts.len(), 2, "{:#?}", m.conflicts);
    let within = &m.conflicts[0];
    assert_eq!(within.id, "wb-2");
    assert_eq!((within.dropped.row, within.kept.row), (2, 4));
    assert_eq!(within.fields, ["digital"]);
    let across = m.conflicts[1].to_string();
    assert!(
        across.starts_with("wb-1: ")
            && across.contains("b.csv row 1 overrides")
            && across.contains("a.csv row 1 (")
            && across.contains("digital, openness, pillars, sectors differ"),
        "{across}"
    );
    assert_eq!(m.inputs.len(), 2);
    assert_eq!(m.inputs[1]["rows"], 3);

    // The other order: a.csv wins.
    let m = merge_files(&[b, a]).unwrap();
    assert_eq!(
        m.rows
            .iter()
            .find(|r| r.id == "wb-1")
            .unwrap()
            .labels
            .digital,
        0
    );
}

#[test]
fn merged_rows_written_as_csv_read_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.csv",
        "id,digital,openness,pillars,sectors,title,description\nx-1,2,mixed,dpi;people,smart_cities,\"Portal, phase 2\",An \"open\" ID system\nx-2,0,n/a,,,,\n",
    );
    let m = merge_files(&[a]).unwrap();
    let out = dir.path().join("merged.csv");
    m.write_csv(&out).unwrap();
    let back = landscape::labels::read_gold(&out).unwrap();
    assert_eq!(back, m.rows);
    assert_eq!(
        back[0].text.as_deref(),
        Some("Portal, phase 2. An \"open\" ID system")
    );
}
