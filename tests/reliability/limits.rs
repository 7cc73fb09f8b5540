//! Input limits: each hostile or odd input either works or fails with a clear, bounded error.
//! (BOM-UTF-8, UTF-16 LE and Windows-1252 CSV, and the billion-laughs DTD, are covered in
//! tests/ingest; these extend them.)

use landscape::ingest::ReadOptions;

use super::{read_all, write_temp};

fn defaults() -> ReadOptions {
    ReadOptions::default()
}

/// A 10 MB description in CSV, JSON Lines and IATI XML is read whole.
#[test]
fn a_10_mb_description_is_read_whole_in_every_text_format() {
    let big = "digital ".repeat(10 * 1024 * 1024 / 8);
    let csv = format!("id,title,description\nB1,Big,{big}\nB2,Small,ok\n");
    let jsonl = format!(
        "{}\n{{\"id\":\"B2\",\"title\":\"Small\"}}\n",
        serde_json::json!({"id": "B1", "title": "Big", "description": big})
    );
    let xml = format!(
        "<iati-activities><iati-activity><iati-identifier>B1</iati-identifier>\
         <title><narrative>Big</narrative></title><description><narrative>{big}</narrative>\
         </description></iati-activity><iati-activity><iati-identifier>B2</iati-identifier>\
         <title><narrative>Small</narrative></title></iati-activity></iati-activities>"
    );
    for (name, body) in [("big.csv", csv), ("big.jsonl", jsonl), ("big.xml", xml)] {
        let (_d, path) = write_temp(name, body.as_bytes());
        let (ok, rejects) = read_all(&path, &defaults()).unwrap();
        assert!(rejects.is_empty(), "{name}: {rejects:?}");
        assert_eq!(ok.len(), 2, "{name}");
        assert_eq!(ok[0].description.trim().len(), big.trim().len(), "{name}");
        assert_eq!(ok[1].id, "B2", "{name}");
    }
}

/// 200,000 tiny rows stream through the reader: the count and the last row are checked.
#[test]
fn two_hundred_thousand_tiny_rows_are_all_read() {
    let mut csv = String::from("id,title\n");
    for i in 0..200_000 {
        csv.push_str(&format!("{i},t\n"));
    }
    let (_d, path) = write_temp("many.csv", csv.as_bytes());
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert!(rejects.is_empty());
    assert_eq!(ok.len(), 200_000);
    assert_eq!(ok[199_999].id, "199999");
}

/// Deeply nested XML is read in constant memory and rejected or skipped, never a stack overflow.
#[test]
fn deeply_nested_xml_is_bounded() {
    let depth = 200_000;
    let xml = format!(
        "<iati-activities><iati-activity><iati-identifier>D1</iati-identifier><title>{}x{}</title>\
         </iati-activity></iati-activities>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let (_d, path) = write_temp("deep.xml", xml.as_bytes());
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert_eq!(ok.len() + rejects.len(), 1, "{ok:?} {rejects:?}");
}

/// Deeply nested JSON is a reject naming the line (serde_json's recursion limit), not a crash.
#[test]
fn deeply_nested_json_is_a_reject() {
    let deep = format!(
        "{{\"id\":\"J1\",\"title\":{}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let body = format!("{deep}\n{{\"id\":\"J2\",\"title\":\"fine\"}}\n");
    let (_d, path) = write_temp("deep.jsonl", body.as_bytes());
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].id, "J2");
    assert_eq!(rejects.len(), 1);
    assert_eq!(rejects[0].line, Some(1));
    let (_d, path) = write_temp("deep.json", deep.as_bytes());
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert!(ok.is_empty() && rejects.len() == 1, "{ok:?} {rejects:?}");
}

/// External entities (XXE) and parameter entities are refused like any DTD.
#[test]
fn external_entities_are_refused() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "http://example.org/x.dtd"> %p;]>
<iati-activities><iati-activity><iati-identifier>X-1</iati-identifier><title>&xxe;</title></iati-activity></iati-activities>"#;
    let (_d, path) = write_temp("xxe.xml", xml.as_bytes());
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert!(ok.is_empty(), "{ok:?}");
    assert!(rejects[0].reason.contains("DTD refused"), "{rejects:?}");
    assert!(
        !format!("{rejects:?}").contains("root:"),
        "file contents leaked"
    );
}

/// NUL bytes inside fields are kept as text (or stripped), never a crash or a lost row.
#[test]
fn nul_bytes_do_not_lose_rows() {
    let csv = b"id,title\nN1,a\x00b\nN2,ok\n";
    let jsonl = b"{\"id\":\"N1\",\"title\":\"a\\u0000b\"}\n{\"id\":\"N2\",\"title\":\"ok\"}\n";
    for (name, body) in [("nul.csv", &csv[..]), ("nul.jsonl", &jsonl[..])] {
        let (_d, path) = write_temp(name, body);
        let (ok, rejects) = read_all(&path, &defaults()).unwrap();
        assert_eq!(ok.len() + rejects.len(), 2, "{name}");
        assert!(ok.iter().any(|p| p.id == "N2"), "{name}");
    }
}

/// UTF-16 BE with BOM, a UTF-8 BOM on JSON Lines and XML, and mixed CRLF / LF / CR endings.
#[test]
fn boms_and_mixed_line_endings() {
    let text = "id,title\r\nE1,Réseau\nE2,Red\r\nE3,Netz\n";
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let (_d, path) = write_temp("be.csv", &be);
    let (ok, _) = read_all(&path, &defaults()).unwrap();
    let titles: Vec<_> = ok.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Réseau", "Red", "Netz"]);

    let jsonl = "\u{feff}{\"id\":\"J1\",\"title\":\"a\"}\r\n{\"id\":\"J2\",\"title\":\"b\"}\n";
    let (_d, path) = write_temp("bom.jsonl", jsonl.as_bytes());
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!(ok.len(), 2);

    let xml = "\u{feff}<?xml version=\"1.0\"?>\r\n<iati-activities>\r<iati-activity>\
               <iati-identifier>X1</iati-identifier><title>t</title></iati-activity></iati-activities>";
    let (_d, path) = write_temp("bom.xml", xml.as_bytes());
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!(ok[0].id, "X1");

    // A bare CR (classic Mac) ends a CSV record too.
    let (_d, path) = write_temp("cr.csv", b"id,title\rC1,a\rC2,b\r");
    let (ok, _) = read_all(&path, &defaults()).unwrap();
    assert_eq!(
        ok.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["C1", "C2"]
    );
}

/// Windows-1252 JSON Lines and UTF-16 LE XML are decoded like CSV.
#[test]
fn legacy_encodings_in_json_lines_and_xml() {
    let (cp, _, _) =
        encoding_rs::WINDOWS_1252.encode("{\"id\":\"W1\",\"title\":\"Café – réseau\"}\n");
    let (_d, path) = write_temp("cp.jsonl", &cp);
    let (ok, _) = read_all(&path, &defaults()).unwrap();
    assert_eq!(ok[0].title, "Café – réseau");
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><iati-activities><iati-activity>\
               <iati-identifier>U1</iati-identifier><title>Santé</title></iati-activity></iati-activities>";
    let mut le = vec![0xFF, 0xFE];
    le.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let (_d, path) = write_temp("le.xml", &le);
    let (ok, rejects) = read_all(&path, &defaults()).unwrap();
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!(ok[0].title, "Santé");
}

/// Compressed input is not accepted: a .gz file is refused by name (no decompression bomb).
#[test]
fn compressed_input_is_refused_by_name() {
    let (_d, path) = write_temp("projects.csv.gz", &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    let err = read_all(&path, &defaults()).unwrap_err();
    assert!(
        err.contains("unknown format") && err.contains("projects.csv.gz"),
        "{err}"
    );
}
