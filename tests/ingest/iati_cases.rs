//! IATI activity XML: languages, dates, budgets, and broken or hostile files.

use super::{read_default, sample, write_temp};

fn activities(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n{body}\n</iati-activities>\n")
}

const MULTI: &str = r#"<iati-activity xml:lang="fr" default-currency="EUR">
  <iati-identifier>XM-TEST-1</iati-identifier>
  <reporting-org ref="XM-ORG" type="10"><narrative>Agence test</narrative></reporting-org>
  <title><narrative xml:lang="en">Digital land registry</narrative><narrative>Cadastre numérique</narrative><narrative xml:lang="es">Catastro digital</narrative></title>
  <description type="1"><narrative xml:lang="en">A registry online.</narrative><narrative>Un cadastre en ligne &amp; ouvert.</narrative></description>
  <participating-org ref="XM-IMP" role="4"><narrative>Ministère</narrative></participating-org>
  <recipient-country code="SN" percentage="100"/>
  <activity-date type="1" iso-date="2020-01-01"/><activity-date type="2" iso-date="2020-03-15"/>
  <activity-date type="4" iso-date="2023-06-30"/>
  <sector vocabulary="1" code="22040"/>
  <budget type="1"><period-start iso-date="2020-01-01"/><value currency="EUR" value-date="2020-01-01">1000</value></budget>
  <budget type="1"><value value-date="2021-01-01">500.5</value></budget>
  <result><title><narrative>Not the activity title</narrative></title></result>
</iati-activity>"#;

#[test]
fn several_languages_pick_the_default_and_keep_the_others() {
    let (_dir, path) = write_temp("a.xml", activities(MULTI).as_bytes());
    let r = read_default(&path);
    assert!(r.rejects.is_empty(), "{:?}", r.rejects);
    let p = &r.ok[0];
    assert_eq!(p.key(), "a-XM-TEST-1");
    assert_eq!(p.title, "Cadastre numérique");
    assert_eq!(p.description, "Un cadastre en ligne & ouvert.");
    assert_eq!(p.language.as_deref(), Some("fr"));
    assert_eq!(p.extra["title@en"], "Digital land registry");
    assert_eq!(p.extra["title@es"], "Catastro digital");
    assert_eq!(p.extra["description@en"], "A registry online.");
    assert_eq!(p.country_code.as_deref(), Some("SEN"));
    assert_eq!(
        (p.start_date.as_deref(), p.end_date.as_deref(), p.year),
        (Some("2020-03-15"), Some("2023-06-30"), Some(2020))
    );
    assert_eq!(
        (p.budget, p.currency.as_deref()),
        (Some(1500.5), Some("EUR"))
    );
    assert_eq!(p.extra["sector"], "1:22040");
    assert!(p.extra["participating-org"].starts_with("Ministère [XM-IMP]"));
    assert!(p.extra["reporting-org"].contains("XM-ORG"));
}

#[test]
fn english_is_preferred_when_the_default_language_is_absent() {
    let xml = MULTI
        .replace("xml:lang=\"fr\" default", "xml:lang=\"de\" default")
        .replace("<narrative>", "<narrative xml:lang=\"fr\">");
    let (_dir, path) = write_temp("b.xml", activities(&xml).as_bytes());
    let p = &read_default(&path).ok[0];
    assert_eq!(p.title, "Digital land registry");
    assert_eq!(p.language.as_deref(), Some("en"));
}

#[test]
fn iati_2_01_date_names_and_missing_id_or_text() {
    let body = r#"<iati-activity><iati-identifier>OLD-1</iati-identifier><title>Rural water</title>
  <activity-date type="start-planned" iso-date="2014-02-01"/></iati-activity>
<iati-activity><title><narrative>No identifier</narrative></title></iati-activity>
<iati-activity><iati-identifier>NO-TEXT</iati-identifier></iati-activity>
<iati-activity><iati-identifier>OK-2</iati-identifier><description><narrative>Solar pumps</narrative></description></iati-activity>"#;
    let (_dir, path) = write_temp("c.xml", activities(body).as_bytes());
    let r = read_default(&path);
    assert_eq!(
        r.ok.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["OLD-1", "OK-2"]
    );
    assert_eq!(r.ok[0].start_date.as_deref(), Some("2014-02-01"));
    assert_eq!(r.rejects.len(), 2);
    assert!(r.rejects[0].reason.contains("no id") && r.rejects[1].reason.contains("no text"));
    assert!(r.rejects.iter().all(|x| x.byte_offset.is_some()));
    // The file starts with the declaration and the root element on lines 1-2.
    let lines: Vec<_> = r.rejects.iter().map(|x| x.line).collect();
    assert_eq!(lines, [Some(5), Some(6)]);
}

#[test]
fn broken_xml_is_rejected_with_an_offset_after_the_good_activities() {
    let body = r#"<iati-activity><iati-identifier>G-1</iati-identifier><title>Good one</title></iati-activity>
<iati-activity><iati-identifier>B-1</iati-identifier><title>Bad</titel></iati-activity>
<iati-activity><iati-identifier>G-2</iati-identifier><title>Never reached</title></iati-activity>"#;
    let xml = activities(body);
    let (_dir, path) = write_temp("d.xml", xml.as_bytes());
    let r = read_default(&path);
    assert_eq!(r.ok.len(), 1);
    assert_eq!(r.rejects.len(), 1);
    let offset = r.rejects[0].byte_offset.unwrap() as usize;
    assert!(
        offset > xml.find("B-1").unwrap() && offset <= xml.find("G-2").unwrap(),
        "offset {offset}"
    );
    assert!(r.rejects[0].reason.contains("broken XML"));
    assert_eq!(r.rejects[0].line, Some(4));
}

#[test]
fn truncated_file_is_rejected() {
    let xml = "<iati-activities><iati-activity><iati-identifier>T-1</iati-identifier><title>Cut";
    let (_dir, path) = write_temp("e.xml", xml.as_bytes());
    let r = read_default(&path);
    assert!(r.ok.is_empty());
    assert_eq!(r.rejects.len(), 1, "{:?}", r.rejects);
}

#[test]
fn entity_expansion_is_refused() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<iati-activities><iati-activity><iati-identifier>L-1</iati-identifier><title>&lol2;</title></iati-activity></iati-activities>"#;
    let (_dir, path) = write_temp("f.xml", xml.as_bytes());
    let r = read_default(&path);
    assert!(r.ok.is_empty());
    assert_eq!(r.rejects.len(), 1);
    assert!(r.rejects[0].reason.contains("DTD refused"));
    assert!(r.rejects[0].byte_offset.is_some());
    let undeclared = activities("<iati-activity><iati-identifier>U-1</iati-identifier><title>&boom;</title></iati-activity>");
    let (_dir2, path2) = write_temp("g.xml", undeclared.as_bytes());
    let r2 = read_default(&path2);
    assert!(r2.ok.is_empty() && r2.rejects[0].reason.contains("undefined entity"));
}

#[test]
fn invalid_utf8_in_xml_is_a_warning() {
    let mut xml = activities("<iati-activity><iati-identifier>V-1</iati-identifier>\n<title>Caf\u{e9} \u{0}</title></iati-activity>").into_bytes();
    let at = xml.iter().position(|&b| b == 0).unwrap();
    xml[at] = 0xFF;
    let (_dir, path) = write_temp("h.xml", &xml);
    let r = read_default(&path);
    assert_eq!(r.ok.len(), 1, "{:?}", r.rejects);
    assert_eq!(r.ok[0].title, "Café \u{FFFD}");
    assert_eq!(
        r.warnings.iter().map(|w| w.line).collect::<Vec<_>>(),
        [Some(4)]
    );
}

#[test]
fn the_sample_has_three_languages() {
    let r = read_default(&sample("sample_iati.xml"));
    assert!(r.rejects.is_empty(), "{:?}", r.rejects);
    assert!(r.ok.len() >= 3);
    assert!(r
        .ok
        .iter()
        .any(|p| p.extra.keys().any(|k| k.starts_with("title@"))));
}
