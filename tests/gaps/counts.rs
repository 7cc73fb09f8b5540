//! Gap counting on hand-made records and registry entries: demand and supply per cell, the
//! gap rule and its thresholds, groups, matching and the CSV outputs.

use std::collections::BTreeMap;

use landscape::gaps::{DpgEntry, DpgMap, GapOptions, GapReport, GroupBy, NO_SECTOR};
use landscape::labels::{Classification, Labels, Openness, Pillar, Sector};
use landscape::Proposal;

fn project(
    id: &str,
    country: &str,
    digital: u8,
    pillars: &[Pillar],
    sectors: &[Sector],
) -> Proposal {
    let openness = if digital > 0 {
        Openness::Unknown
    } else {
        Openness::NotApplicable
    };
    let labels = Labels {
        digital,
        openness,
        pillars: pillars.to_vec(),
        sectors: sectors.to_vec(),
    };
    Proposal {
        id: id.into(),
        source: "t".into(),
        title: id.into(),
        country_code: Some(country.into()),
        classification: Some(Classification {
            labels,
            digital_probs: [0.1, 0.45, 0.45],
            openness_probs: vec![0.0; 5],
            pillar_probs: vec![0.0; 6],
            sector_probs: vec![0.0; 6],
            evidence: Vec::new(),
            model: "test".into(),
        }),
        ..Proposal::default()
    }
}

fn dpg(name: &str, stage: &str, pillars: &[Pillar], sectors: &[Sector]) -> DpgEntry {
    DpgEntry {
        key: format!("dpg-{name}"),
        name: name.into(),
        kind: "software".into(),
        licence: "MIT".into(),
        stage: stage.into(),
        sdgs: "3".into(),
        registry_sectors: String::new(),
        website: String::new(),
        excluded: false,
        pillars: pillars.to_vec(),
        sectors: sectors.to_vec(),
        p_digital: 0.9,
        text: format!("{name}: an open platform for {name} records"),
    }
}

fn projects() -> Vec<Proposal> {
    use Pillar::*;
    use Sector::*;
    let mut v = Vec::new();
    for i in 0..12 {
        v.push(project(
            &format!("gov-health-{i}"),
            "KEN",
            2,
            &[Government],
            &[Healthcare],
        ));
    }
    for i in 0..5 {
        let c = if i < 3 { "BGD" } else { "NPL" };
        v.push(project(
            &format!("dpi-fin-{i}"),
            c,
            1,
            &[Dpi, Government],
            &[DigitalFinance, Healthcare],
        ));
    }
    v.push(project("conn", "BOL", 1, &[Connectivity], &[]));
    v.push(project("not-digital", "KEN", 0, &[], &[Healthcare]));
    v.push(Proposal {
        id: "unlabelled".into(),
        source: "t".into(),
        ..Proposal::default()
    });
    v
}

fn map() -> DpgMap {
    use Pillar::*;
    use Sector::*;
    let mut excluded = dpg("gone", "DPG", &[Government], &[Healthcare]);
    excluded.excluded = true;
    DpgMap {
        entries: vec![
            dpg("dhis2", "DPG", &[Government], &[Healthcare]),
            dpg("mojaloop", "DPG", &[Dpi], &[DigitalFinance]),
            dpg("nominee", "nominee", &[Government], &[Healthcare]),
            dpg("old", "archive", &[Government], &[Healthcare]),
            excluded,
        ],
        rejected: 0,
    }
}

/// Demand counted directly: digital records with the pillar and the sector (or no sector).
fn direct(ps: &[Proposal], pillar: &str, sector: &str) -> u64 {
    ps.iter()
        .filter_map(|p| p.classification.as_ref())
        .filter(|c| c.labels.is_digital())
        .filter(|c| c.labels.pillars.iter().any(|p| p.as_str() == pillar))
        .filter(|c| match sector {
            NO_SECTOR => c.labels.sectors.is_empty(),
            s => c.labels.sectors.iter().any(|x| x.as_str() == s),
        })
        .count() as u64
}

#[test]
fn demand_and_supply_per_cell_equal_direct_counts() {
    let ps = projects();
    let r = GapReport::build(ps.clone(), &map(), GapOptions::default());
    assert_eq!((r.projects, r.digital), (20, 18));
    assert_eq!((r.registry_dpgs, r.registry_nominees), (2, 1));
    assert_eq!(r.overall().count(), 6 * 7);
    for c in r.overall() {
        assert_eq!(
            c.demand,
            direct(&ps, &c.pillar, &c.sector),
            "{} x {}",
            c.pillar,
            c.sector
        );
    }
    let gh = r.cell("government", "healthcare").unwrap();
    assert_eq!((gh.demand, gh.dpgs, gh.nominees), (17, 1, 1));
    let df = r.cell("dpi", "digital_finance").unwrap();
    assert_eq!((df.demand, df.dpgs), (5, 1));
    assert_eq!(r.cell("connectivity", NO_SECTOR).unwrap().demand, 1);
}

#[test]
fn a_gap_needs_enough_demand_and_too_little_supply() {
    let r = GapReport::build(projects(), &map(), GapOptions::default());
    // 17 projects and 1 DPG: 5.9 per 100, below 10.
    assert!(r.cell("government", "healthcare").unwrap().gap);
    // 5 projects are fewer than the 10 required.
    assert!(!r.cell("dpi", "digital_finance").unwrap().gap);
    let gaps: Vec<(&str, &str)> = r
        .gaps("all")
        .iter()
        .map(|c| (c.pillar.as_str(), c.sector.as_str()))
        .collect();
    assert_eq!(gaps, [("government", "healthcare")]);
    let lenient = GapOptions {
        max_per_100: 5.0,
        ..GapOptions::default()
    };
    assert!(GapReport::build(projects(), &map(), lenient)
        .gaps("all")
        .is_empty());
    let nominees = GapOptions {
        count_nominees: true,
        ..GapOptions::default()
    };
    let r = GapReport::build(projects(), &map(), nominees);
    assert!(
        (r.cell("government", "healthcare").unwrap().per_100.unwrap() - 200.0 / 17.0).abs() < 1e-9
    );
    assert!(r.gaps("all").is_empty());
    let small = GapOptions {
        min_demand: 5,
        max_per_100: 30.0,
        ..GapOptions::default()
    };
    let r = GapReport::build(projects(), &map(), small);
    assert!(r.cell("dpi", "digital_finance").unwrap().gap);
    assert!(GapOptions {
        max_per_100: f64::NAN,
        ..GapOptions::default()
    }
    .validate()
    .is_err());
}

#[test]
fn groups_split_demand_by_country_and_region() {
    let by_country = GapOptions {
        by: Some(GroupBy::Country),
        min_demand: 1,
        ..GapOptions::default()
    };
    let r = GapReport::build(projects(), &map(), by_country);
    let demand: BTreeMap<(&str, &str, &str), u64> = r
        .cells
        .iter()
        .filter(|c| c.group != "all")
        .map(|c| {
            (
                (c.group.as_str(), c.pillar.as_str(), c.sector.as_str()),
                c.demand,
            )
        })
        .collect();
    assert_eq!(demand[&("KEN", "government", "healthcare")], 12);
    assert_eq!(demand[&("BGD", "dpi", "digital_finance")], 3);
    assert_eq!(demand[&("NPL", "government", "healthcare")], 2);
    assert_eq!(r.groups(), ["BGD", "BOL", "KEN", "NPL"]);
    let by_region = GapOptions {
        by: Some(GroupBy::Region),
        ..GapOptions::default()
    };
    let r = GapReport::build(projects(), &map(), by_region);
    let groups = r.groups();
    assert!(
        groups.contains(&"Africa") && groups.contains(&"Asia"),
        "{groups:?}"
    );
    assert!("continent"
        .parse::<GroupBy>()
        .unwrap_err()
        .to_string()
        .contains("region or country"));
}

#[test]
fn matching_ranks_by_overlap_and_skips_archived_and_excluded() {
    let m = map().matching(&[Pillar::Government], &[Sector::Healthcare], "", 10);
    let names: Vec<&str> = m.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["dhis2", "nominee"]);
    assert!((m[0].score - 1.0).abs() < 1e-6);
    let m = map().matching(
        &[Pillar::Dpi, Pillar::Government],
        &[Sector::DigitalFinance],
        "",
        1,
    );
    assert_eq!(m[0].name, "mojaloop");
    assert!(map().matching(&[Pillar::Regulation], &[], "", 5).is_empty());
    // Equal labels: the text decides, then certified before nominee.
    let mut m = map();
    m.entries[0].text = "district health reporting".into();
    m.entries[2].text = "nominee: electronic immunization registry for health workers".into();
    let ranked = m.matching(
        &[Pillar::Government],
        &[Sector::Healthcare],
        "An immunization registry",
        2,
    );
    assert_eq!(ranked[0].name, "nominee");
    assert!(ranked[0].text_similarity > ranked[1].text_similarity);
}

#[test]
fn csv_outputs_have_one_row_per_cell_and_per_entry() {
    let r = GapReport::build(projects(), &map(), GapOptions::default());
    let text = r.to_csv();
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), r.cells.len());
    let gh = rows
        .iter()
        .find(|x| &x[1] == "government" && &x[2] == "healthcare")
        .unwrap();
    assert_eq!((&gh[3], &gh[4], &gh[7]), ("17", "1", "1"));
    let text = map().to_csv();
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(rd.records().count(), 5);
    let md = r.to_markdown();
    assert!(md.contains("| government | **17 / 1** |"), "{md}");
}
