//! CSV: generic column names, `--map`, encodings, and each kind of bad row.

use landscape::ingest::{open, IngestError, ReadOptions};

use super::{read, read_default, write_temp};

const HEADER: &str = "project_id,project_name,summary,iso3,start_date,amount,sector\n";

#[test]
fn generic_columns_are_mapped_and_the_rest_kept_in_extra() {
    let csv = format!("{HEADER}P1,E-government portal,\"Online services for citizens, with\na digital ID\",KEN,2019-05-01,\"1,200,000\",governance\n");
    let (_dir, path) = write_temp("mine.csv", csv.as_bytes());
    let r = read_default(&path);
    assert!(r.rejects.is_empty(), "{:?}", r.rejects);
    let p = &r.ok[0];
    assert_eq!(p.key(), "mine-P1");
    assert_eq!(p.title, "E-government portal");
    assert_eq!(
        p.text,
        "E-government portal. Online services for citizens, with\na digital ID"
    );
    assert_eq!(p.country_code.as_deref(), Some("KEN"));
    assert_eq!(p.region.as_deref(), Some("Africa"));
    assert_eq!(
        (p.year, p.start_date.as_deref()),
        (Some(2019), Some("2019-05-01"))
    );
    assert_eq!(p.budget, Some(1_200_000.0));
    assert_eq!(p.language.as_deref(), Some("en"));
    assert_eq!(
        p.extra.get("sector").map(String::as_str),
        Some("governance")
    );
}

#[test]
fn map_overrides_automatic_names_and_source_is_given() {
    let csv = "ref,label,notes,country\nA-1,Mobile money,Agents in rural areas,Ghana\n";
    let (_dir, path) = write_temp("x.csv", csv.as_bytes());
    assert!(matches!(
        open(&path, &ReadOptions::default()),
        Err(IngestError::MissingColumn { missing: "id", .. })
    ));
    let maps = vec![
        ("id".into(), "ref".into()),
        ("title".into(), "label".into()),
        ("description".into(), "notes".into()),
    ];
    let opts = ReadOptions {
        maps,
        source: Some("mine".into()),
        ..ReadOptions::default()
    };
    let r = read(&path, &opts);
    assert_eq!(r.ok[0].key(), "mine-A-1");
    assert_eq!(r.ok[0].text, "Mobile money. Agents in rural areas");
    assert_eq!(r.ok[0].country_code.as_deref(), Some("GHA"));
    let bad = ReadOptions {
        maps: vec![("colour".into(), "x".into())],
        ..ReadOptions::default()
    };
    assert!(matches!(
        open(&path, &bad),
        Err(IngestError::BadArgument { .. })
    ));
}

#[test]
fn header_without_text_is_fatal() {
    let (_dir, path) = write_temp("t.csv", b"id,amount\n1,5\n");
    let err = open(&path, &ReadOptions::default())
        .err()
        .expect("no text column");
    assert!(err.to_string().contains("text"), "{err}");
    let missing = std::path::Path::new("/nonexistent/file.csv");
    assert!(matches!(
        open(missing, &ReadOptions::default()),
        Err(IngestError::Io { .. })
    ));
}

#[test]
fn malformed_row_is_rejected_with_its_line_and_the_rest_is_read() {
    let csv = format!("{HEADER}P1,Title one,Descr,KEN,2019,1,a\nP2,Too,many,fields,here,1,2,3\nP3,Title three,Descr,UGA,2020,2,b\n");
    let (_dir, path) = write_temp("m.csv", csv.as_bytes());
    let r = read_default(&path);
    assert_eq!(
        r.ok.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["P1", "P3"]
    );
    assert_eq!(r.rejects.len(), 1);
    assert_eq!(r.rejects[0].line, Some(3));
    assert!(r.rejects[0].file.ends_with("m.csv"));
    assert!(r.rejects[0].raw.as_deref().unwrap().starts_with("P2,Too"));
}

#[test]
fn unclosed_quote_is_rejected_and_reading_resumes_on_the_next_line() {
    let csv = format!("{HEADER}P1,Title one,Descr,KEN,2019,1,a\nP2,\"Broken title,Descr,KEN,2019,1,a\nP3,Title three,Descr,UGA,2020,2,b\nP4,Title four,Descr,UGA,2020,2,b\n");
    let (_dir, path) = write_temp("q.csv", csv.as_bytes());
    let r = read_default(&path);
    assert_eq!(
        r.ok.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["P1", "P3", "P4"]
    );
    assert_eq!(r.rejects.len(), 1, "{:?}", r.rejects);
    assert_eq!(r.rejects[0].line, Some(3));
    assert!(
        r.rejects[0].reason.contains("unclosed quote"),
        "{}",
        r.rejects[0].reason
    );
}

#[test]
fn missing_id_and_missing_text_are_rejected() {
    let csv = format!(
        "{HEADER},No id here,Descr,KEN,2019,1,a\nP2,,,KEN,2019,1,a\nP3,Fine,Descr,KEN,2019,1,a\n"
    );
    let (_dir, path) = write_temp("r.csv", csv.as_bytes());
    let r = read_default(&path);
    assert_eq!(r.ok.len(), 1);
    let lines: Vec<_> = r
        .rejects
        .iter()
        .map(|x| {
            (
                x.line,
                x.reason.contains("no id"),
                x.reason.contains("no text"),
            )
        })
        .collect();
    assert_eq!(lines, [(Some(2), true, false), (Some(3), false, true)]);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice("P1,Caf\u{e9} r\u{e9}seau,Descr,SEN,2019,1,a\n".as_bytes());
    bytes.extend_from_slice(b"P2,Bad \xff byte,Descr,SEN,2019,1,a\n");
    let (_dir, path) = write_temp("u.csv", &bytes);
    let r = read_default(&path);
    assert_eq!(r.ok.len(), 2);
    assert_eq!(r.ok[0].title, "Café réseau");
    assert_eq!(r.ok[1].title, "Bad \u{FFFD} byte");
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].line, Some(3));
}

#[test]
fn bom_utf16_and_windows_1252_are_decoded() {
    let text = "id,title\n1,Réseau numérique – phase 2\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    for (name, bytes) in [
        ("bom.csv", bom),
        ("utf16.csv", utf16),
        ("cp1252.csv", cp1252.into_owned()),
    ] {
        let (_dir, path) = write_temp(name, &bytes);
        let r = read_default(&path);
        assert!(r.rejects.is_empty(), "{name}: {:?}", r.rejects);
        assert_eq!(r.ok[0].id, "1", "{name}");
        assert_eq!(r.ok[0].title, "Réseau numérique – phase 2", "{name}");
    }
}

#[test]
fn the_sample_reads_cleanly_in_three_languages() {
    let r = read_default(&super::sample("sample_proposals.csv"));
    assert!(
        r.rejects.is_empty() && r.warnings.is_empty(),
        "{:?} {:?}",
        r.rejects,
        r.warnings
    );
    assert!(r.ok.len() >= 40);
    for lang in ["en", "fr", "es"] {
        assert!(
            r.ok.iter().any(|p| p.language.as_deref() == Some(lang)),
            "{lang}"
        );
    }
}
