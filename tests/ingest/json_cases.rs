//! JSON Lines and open.undp.org project JSON.

use landscape::ingest::{Format, Preset, ReadOptions};

use super::{read, read_default, sample, write_temp};

#[test]
fn jsonl_maps_common_names_and_rejects_bad_lines() {
    let lines = [
        r#"{"id": "J1", "title": "SMS early warning", "description": "Alerts for floods", "country": "Mozambique", "year": 2021, "tags": ["sms", "climate"]}"#,
        "",
        r#"{"id": "J2", "title": "broken"#,
        r#"["not", "an", "object"]"#,
        r#"{"project_id": 7, "name": "Water supply", "summary": "Boreholes", "country_code": "NE"}"#,
        r#"{"id": "J4", "country": "Chad"}"#,
    ];
    let (_dir, path) = write_temp("s.jsonl", lines.join("\n").as_bytes());
    let r = read_default(&path);
    assert_eq!(
        r.ok.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["J1", "7"]
    );
    let p = &r.ok[0];
    assert_eq!(
        (p.country_code.as_deref(), p.year),
        (Some("MOZ"), Some(2021))
    );
    assert_eq!(
        p.extra.get("tags").map(String::as_str),
        Some("sms; climate")
    );
    assert_eq!(r.ok[1].country_code.as_deref(), Some("NER"));
    let rejected: Vec<_> = r.rejects.iter().map(|x| x.line).collect();
    assert_eq!(rejected, [Some(3), Some(4), Some(6)]);
    assert!(r.rejects[0].reason.contains("invalid JSON"));
}

#[test]
fn jsonl_invalid_utf8_is_a_warning() {
    let (_dir, path) = write_temp(
        "w.jsonl",
        b"{\"id\": \"1\", \"title\": \"caf\xc3\xa9\"}\n{\"id\": \"2\", \"title\": \"bad \xfe\"}\n",
    );
    let r = read_default(&path);
    assert_eq!(r.ok.len(), 2);
    assert_eq!(
        r.warnings.iter().map(|w| w.line).collect::<Vec<_>>(),
        [Some(2)]
    );
}

#[test]
fn jsonl_with_a_preset() {
    let line = r#"{"id": "P9", "project_name": "Digital ID", "pdo": "Improve access to services", "countryshortname": "Gambia, The", "boardapprovaldate": "2020-01-30"}"#;
    let (_dir, path) = write_temp("wb.jsonl", line.as_bytes());
    let r = read(
        &path,
        &ReadOptions {
            preset: Some(Preset::WorldBank),
            ..ReadOptions::default()
        },
    );
    assert_eq!(r.ok[0].key(), "wb-P9");
    assert_eq!(r.ok[0].country_code.as_deref(), Some("GMB"));
}

const PROJECT: &str = r#"{"project_id": "00099001", "project_title": "E-governance for local councils",
  "project_descr": "Digital services for municipalities", "operating_unit": "Moldova, Republic of",
  "operating_unit_id": "MDA", "iati_op_id": "MD", "region_id": "RBEC", "start": "2012-01-01",
  "end": "2015-12-31", "budget": [100000.0, 50000.0, null], "expenditure": 90000.0,
  "fiscal_year": ["2013", "2012"], "inst_descr": "State Chancellery",
  "outputs": [{"output_id": "1", "output_title": "Online portal", "output_descr": "Portal launched", "crs": "15110", "crs_descr": "Public sector policy", "gender_descr": "Gender Equality"},
              {"output_id": "2", "output_title": "Training", "output_descr": null, "crs": 15110, "crs_descr": "Public sector policy", "gender_descr": "None"}]}"#;

#[test]
fn undp_project_json_matches_the_csv_preset() {
    let (_dir, json) = write_temp("00099001.json", PROJECT.as_bytes());
    let from_json = read_default(&json);
    assert!(from_json.rejects.is_empty(), "{:?}", from_json.rejects);
    let csv = "project_id,project_title,project_descr,operating_unit,operating_unit_id,iati_country,region_id,start,end,budget,expenditure,inst_descr,fiscal_years,n_outputs,output_titles,output_descrs,outputs_truncated,crs_codes,crs_descrs,gender_descrs\n\
        00099001,E-governance for local councils,Digital services for municipalities,\"Moldova, Republic of\",MDA,MD,RBEC,2012-01-01,2015-12-31,150000.0,90000.0,State Chancellery,2012;2013,2,Online portal || Training,Portal launched,0,15110,Public sector policy,Gender Equality;None\n";
    let (_dir2, csv) = write_temp("undp.csv", csv.as_bytes());
    let from_csv = read_default(&csv);
    assert_eq!(from_json.ok, from_csv.ok);
    let p = &from_json.ok[0];
    assert_eq!(p.key(), "undp14-00099001");
    assert_eq!(p.budget, Some(150_000.0));
    assert_eq!(p.text, "E-governance for local councils. Digital services for municipalities. Online portal || Training. Portal launched");
}

#[test]
fn undp_json_accepts_arrays_and_json_lines() {
    let one_line = PROJECT.replace('\n', " ");
    let second = one_line.replace("00099001", "00099002");
    let array = format!("[{one_line}, {second}]");
    let lines = format!("{one_line}\n{{broken\n{second}\n");
    let opts = ReadOptions {
        format: Some(Format::UndpJson),
        ..ReadOptions::default()
    };
    let (_d1, a) = write_temp("a.json", array.as_bytes());
    let (_d2, l) = write_temp("l.jsonl", lines.as_bytes());
    let from_array = read(&a, &opts);
    assert_eq!(from_array.ok.len(), 2);
    let from_lines = read(&l, &opts);
    assert_eq!(from_lines.ok, from_array.ok);
    assert_eq!(from_lines.rejects.len(), 1);
    assert_eq!(from_lines.rejects[0].line, Some(2));
}

#[test]
fn samples_read_cleanly() {
    let j = read_default(&sample("sample.jsonl"));
    assert!(j.rejects.is_empty() && j.ok.len() >= 5, "{:?}", j.rejects);
    let u = read_default(&sample("sample_undp_project.json"));
    assert!(u.rejects.is_empty(), "{:?}", u.rejects);
    assert_eq!(u.ok.len(), 1);
    assert!(u.ok[0].text.contains(". "));
}

#[test]
fn a_broken_pretty_printed_project_is_one_reject() {
    let broken = PROJECT.replace("\"end\": \"2015-12-31\",", "\"end\": \"2015-12-31\"");
    let (_dir, path) = write_temp("broken.json", broken.as_bytes());
    let r = read_default(&path);
    assert!(r.ok.is_empty());
    assert_eq!(r.rejects.len(), 1, "{:?}", r.rejects);
    assert!(r.rejects[0].line.is_some() && r.rejects[0].reason.contains("invalid JSON"));
}
