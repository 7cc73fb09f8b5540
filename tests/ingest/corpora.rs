//! The presets on the real shared corpora. Expected counts were computed once with
//! Python's csv module (which handles the embedded newlines):
//! `len(list(csv.DictReader(open(f, newline='', encoding='utf-8'))))`.

use landscape::ingest::{Preset, ReadOptions};
use landscape::Proposal;

use super::{read, read_default, shared_corpus};

/// Python csv count of `undp_open_projects_2014.csv`.
const UNDP_ROWS: usize = 9_583;
/// Python csv count of `worldbank_projects_2025.csv`.
const WB_ROWS: usize = 15_306;
/// Python csv count of `aiddata_sdg_iati_activities.csv`; its last row is an empty record
/// whose only value is a `\x1a` (SUB) id, so it is rejected for having no text.
const AID_ROWS: usize = 28_569;

/// World Bank `countryshortname` values that are regions or groups, not countries.
const WB_REGIONAL: &[&str] = &[
    "Africa",
    "Andean Countries",
    "Aral Sea",
    "Asia",
    "Caribbean",
    "Caucasus",
    "Central Africa",
    "Central America",
    "Central Asia",
    "East Asia and Pacific",
    "Eastern and Southern Africa",
    "Europe and Central Asia",
    "Latin America and Caribbean",
    "Middle East and North Africa",
    "Multi-Regional",
    "OECS Countries",
    "PNG & PI",
    "Pacific Islands",
    "Red Sea and Gulf of Aden",
    "South Asia",
    "Southern Africa",
    "Viet Nam, Cambodia, Laos CMU",
    "West Africa I",
    "West Africa II",
    "Western Balkans",
    "Western and Central Africa",
    "World",
];

#[test]
fn undp_2014_reads_every_row_without_rejects() {
    let r = read_default(&shared_corpus("undp_open_projects_2014.csv"));
    assert!(
        r.rejects.is_empty(),
        "rejects: {:?}",
        &r.rejects[..r.rejects.len().min(3)]
    );
    assert_eq!(r.ok.len(), UNDP_ROWS);
    let first = &r.ok[0];
    assert_eq!(first.key(), "undp14-00011031");
    assert_eq!(first.country_code.as_deref(), Some("AFG"));
    assert_eq!(first.region.as_deref(), Some("Asia and the Pacific"));
    assert_eq!(first.year, Some(2003));
    assert_eq!(first.start_date.as_deref(), Some("2003-03-01"));
    assert_eq!(first.currency.as_deref(), Some("USD"));
    assert!(first
        .text
        .starts_with("partnership for peace. Partnership for Peace - Afghanistan"));
    assert_eq!(
        first.extra.get("crs_codes").map(String::as_str),
        Some("73010")
    );
    for p in &r.ok {
        // Global and headquarters units (`998`) and the Addis Ababa regional centre (`R12`)
        // are not countries.
        let iati = p.extra.get("iati_country").map(String::as_str);
        let not_a_country = matches!(iati, Some("998") | Some("R12"));
        assert_eq!(
            p.country_code.is_some(),
            !not_a_country,
            "{} {:?}",
            p.id,
            p.country_name
        );
        let titles = p
            .extra
            .get("output_titles")
            .map_or(0, |t| t.chars().count());
        assert!(
            p.text.chars().count()
                <= p.title.chars().count()
                    + p.description.chars().count()
                    + 500.min(titles)
                    + 700
                    + 6
        );
    }
}

#[test]
fn undp_text_is_the_annotators_view() {
    let r = read_default(&shared_corpus("undp_open_projects_2014.csv"));
    let p =
        r.ok.iter()
            .find(|p| p.id == "00011263")
            .expect("project 00011263");
    assert_eq!(p.text, "support to national disaster preparedness. Consolidated support to National Disaster Preparedness system in Armenia.. Disaster Preparedness Phase 3 || Disaster Preparedness Phase II. National Capacities for Disaster Risk Reduction strengthening - phase III. || National capacities for disaster risk reduction, including legal and institutional framework, and  inter-agency coordination mechanisms are strengthened");
    let long =
        r.ok.iter()
            .find(|p| {
                p.extra
                    .get("output_descrs")
                    .is_some_and(|d| d.chars().count() > 2000)
            })
            .unwrap();
    let descrs = &long.extra["output_descrs"];
    let cut: String = descrs.chars().take(700).collect();
    assert!(
        long.text.ends_with(cut.trim()),
        "text ends with the first 700 chars of output_descrs"
    );
}

#[test]
fn worldbank_reads_every_row_and_maps_every_country() {
    let r = read_default(&shared_corpus("worldbank_projects_2025.csv"));
    assert!(
        r.rejects.is_empty(),
        "rejects: {:?}",
        &r.rejects[..r.rejects.len().min(3)]
    );
    assert_eq!(r.ok.len(), WB_ROWS);
    assert!(r
        .ok
        .iter()
        .all(|p| p.source == "wb" && p.currency.as_deref() == Some("USD")));
    for p in &r.ok {
        let name = p.country_name.as_deref().unwrap_or("");
        let regional = WB_REGIONAL.contains(&name);
        assert_eq!(p.country_code.is_some(), !regional, "{}: {name}", p.id);
        assert_eq!(p.text, Proposal::default_text(&p.title, &p.description));
    }
    let drc =
        r.ok.iter()
            .find(|p| p.country_name.as_deref() == Some("Congo, Democratic Republic of"))
            .unwrap();
    assert_eq!(drc.country_code.as_deref(), Some("COD"));
    let wbg =
        r.ok.iter()
            .find(|p| p.country_name.as_deref() == Some("West Bank and Gaza"))
            .unwrap();
    assert_eq!(wbg.country_code.as_deref(), Some("PSE"));
    assert!(r
        .ok
        .iter()
        .any(|p| p.extra.contains_key("ict_major_sector_percent")));
}

#[test]
fn aiddata_reads_every_row_and_rejects_the_empty_one() {
    let r = read_default(&shared_corpus("aiddata_sdg_iati_activities.csv"));
    assert_eq!(r.ok.len() + r.rejects.len(), AID_ROWS);
    assert_eq!(r.rejects.len(), 1, "{:?}", r.rejects);
    assert!(r.rejects[0].reason.contains("no text"));
    assert!(r.rejects[0].line.is_some());
    let german =
        r.ok.iter()
            .filter(|p| p.language.as_deref() == Some("de"))
            .count();
    assert!(german > 3000, "{german} German activities");
    for p in &r.ok {
        let has_country = p.country_name.is_some();
        let mojibake = p
            .country_name
            .as_deref()
            .is_some_and(|n| n.contains('\u{0094}'));
        if has_country && !mojibake {
            assert!(p.country_code.is_some(), "{} {:?}", p.id, p.country_name);
        }
        assert!(p.text.chars().count() <= p.title.chars().count() + 1502);
    }
}

#[test]
fn product_presets_are_detected_and_read() {
    // Python csv counts, as above.
    let files = [
        ("dpg_registry_candidates.csv", Preset::DpgRegistry, 755),
        (
            "who_digital_health_atlas_dial.csv",
            Preset::DigitalHealthAtlas,
            518,
        ),
        (
            "digital_health_tools_mapping_mmphase1.csv",
            Preset::DialToolsMapping,
            1_772,
        ),
        (
            "digital_health_tools_mapping_mmphase2.csv",
            Preset::DialToolsMapping,
            1_134,
        ),
    ];
    for (file, preset, rows) in files {
        let path = shared_corpus(file);
        let detected = read_default(&path);
        let given = read(
            &path,
            &ReadOptions {
                preset: Some(preset),
                ..ReadOptions::default()
            },
        );
        assert_eq!(detected.ok, given.ok, "{file}: detection picks {preset:?}");
        assert_eq!(detected.ok.len() + detected.rejects.len(), rows, "{file}");
        assert!(
            detected
                .ok
                .first()
                .is_some_and(|p| p.source == preset.source()),
            "{file}"
        );
    }
}

#[test]
fn every_country_name_of_the_corpora_maps_by_name_alone() {
    use landscape::country;
    let files = [
        "undp_open_projects_2014.csv",
        "worldbank_projects_2025.csv",
        "aiddata_sdg_iati_activities.csv",
    ];
    let mut unmapped = std::collections::BTreeSet::new();
    for file in files {
        for p in read_default(&shared_corpus(file)).ok {
            let (Some(code), Some(name)) = (&p.country_code, &p.country_name) else {
                continue;
            };
            // AidData spells Côte d'Ivoire with mangled bytes ("CÃ´te"); its code is right.
            if name.contains('\u{0094}') {
                continue;
            }
            if country::by_name(name).map(|c| c.alpha3) != Some(code.as_str()) {
                unmapped.insert(format!("{file}: {name} ({code})"));
            }
        }
    }
    assert!(unmapped.is_empty(), "{unmapped:#?}");
}

#[test]
fn product_ids_are_unique_across_the_two_dial_phases() {
    let mut keys = std::collections::HashSet::new();
    for file in [
        "digital_health_tools_mapping_mmphase1.csv",
        "digital_health_tools_mapping_mmphase2.csv",
        "who_digital_health_atlas_dial.csv",
        "dpg_registry_candidates.csv",
    ] {
        for p in read_default(&shared_corpus(file)).ok {
            assert!(keys.insert(p.key()), "{file}: duplicate key {}", p.key());
        }
    }
}
