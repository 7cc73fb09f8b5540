//! Behaviour of the catalogue: filters, facets, upserts, snippets, exports, format versions.

use std::path::{Path, PathBuf};

use landscape::catalogue::{Catalogue, SearchQuery, Upsert};
use landscape::labels::{Classification, Evidence, Labels, Openness, Pillar, Sector};
use landscape::Proposal;

fn classification(
    digital: u8,
    openness: Openness,
    pillars: &[Pillar],
    sectors: &[Sector],
) -> Classification {
    Classification {
        labels: Labels {
            digital,
            openness,
            pillars: pillars.to_vec(),
            sectors: sectors.to_vec(),
        },
        digital_probs: if digital == 0 {
            [0.9, 0.05, 0.05]
        } else {
            [0.1, 0.3, 0.6]
        },
        openness_probs: vec![0.2; 5],
        pillar_probs: vec![0.5; 6],
        sector_probs: vec![0.25; 6],
        evidence: vec![Evidence {
            head: "digital".into(),
            label: "1".into(),
            term: "mobile".into(),
            weight: 1.25,
        }],
        model: "test-model 0.1".into(),
    }
}

fn proposal(
    source: &str,
    id: &str,
    title: &str,
    desc: &str,
    country: Option<&str>,
    year: Option<i32>,
) -> Proposal {
    Proposal {
        id: id.into(),
        source: source.into(),
        title: title.into(),
        description: desc.into(),
        text: Proposal::default_text(title, desc),
        country_code: country.map(String::from),
        country_name: country.map(|c| format!("Country {c}")),
        region: country.map(|c| {
            if c == "KEN" || c == "UGA" {
                "Africa".into()
            } else {
                "Asia".into()
            }
        }),
        year,
        budget: Some(1_250_000.5),
        currency: Some("USD".into()),
        language: Some("en".into()),
        ..Default::default()
    }
}

/// Twelve records: digital and not, classified and not, with and without country and year.
fn data() -> Vec<Proposal> {
    use Openness::*;
    use Pillar::*;
    use Sector::*;
    let mut v = vec![
        proposal(
            "wb",
            "P1",
            "Mobile money for farmers",
            "Expand mobile money & agent networks <rural>.",
            Some("KEN"),
            Some(2015),
        ),
        proposal(
            "wb",
            "P2",
            "Rural roads",
            "Build feeder roads and bridges.",
            Some("KEN"),
            Some(2012),
        ),
        proposal(
            "wb",
            "P3",
            "E-Government services",
            "Online public services and digital ID.",
            Some("IND"),
            Some(2018),
        ),
        proposal(
            "undp14",
            "00011",
            "Gouvernement électronique",
            "Appui au gouvernement électronique et aux services en ligne.",
            Some("SEN"),
            Some(2014),
        ),
        proposal(
            "undp14",
            "00012",
            "Early warning systems",
            "Climate early warning with SMS alerts.",
            Some("UGA"),
            Some(2014),
        ),
        proposal(
            "undp14",
            "00013",
            "Health clinics",
            "Primary health care and clinic refurbishment.",
            Some("UGA"),
            None,
        ),
        proposal(
            "aid",
            "X1",
            "Solar mini-grids",
            "Climate mitigation with solar power.",
            None,
            Some(2020),
        ),
        proposal(
            "aid",
            "X2",
            "Open data portal",
            "An open source open data portal for the ministry.",
            Some("IND"),
            Some(2020),
        ),
        proposal(
            "aid",
            "P1",
            "Teacher training",
            "Training of teachers.",
            Some("KEN"),
            Some(2016),
        ),
        proposal(
            "wb",
            "P4",
            "Health information system",
            "DHIS2 open source health information system and mobile reporting.",
            Some("UGA"),
            Some(2019),
        ),
        proposal(
            "wb",
            "P5",
            "Water supply",
            "Urban water supply.",
            None,
            None,
        ),
        proposal(
            "undp14",
            "00014",
            "Disaster recovery",
            "Recovery after floods; mobile cash transfers.",
            Some("IND"),
            Some(2018),
        ),
    ];
    let labels = [
        Some(classification(2, Unknown, &[Economy], &[DigitalFinance])),
        Some(classification(0, NotApplicable, &[], &[])),
        Some(classification(2, Closed, &[Government, Dpi], &[])),
        Some(classification(2, Unknown, &[Government], &[])),
        Some(classification(
            1,
            Unknown,
            &[Connectivity],
            &[ClimateEnergy, CrisisResilience],
        )),
        Some(classification(0, NotApplicable, &[], &[Healthcare])),
        None,
        Some(classification(2, Open, &[Government, Dpi], &[])),
        None,
        Some(classification(2, Open, &[Government], &[Healthcare])),
        Some(classification(
            0,
            NotApplicable,
            &[],
            &[Environment, SmartCities],
        )),
        Some(classification(
            1,
            Mixed,
            &[Economy],
            &[CrisisResilience, DigitalFinance],
        )),
    ];
    for (p, c) in v.iter_mut().zip(labels) {
        p.classification = c;
    }
    v
}

fn build(dir: &Path, records: &[Proposal]) -> Catalogue {
    let cat = Catalogue::create_or_open(dir).unwrap();
    let mut w = cat.writer().unwrap();
    for p in records {
        assert_eq!(w.upsert(p).unwrap(), Upsert::Inserted, "{}", p.key());
    }
    w.commit().unwrap();
    drop(w);
    cat
}

fn keys(cat: &Catalogue, q: SearchQuery) -> Vec<String> {
    let res = cat.search(&SearchQuery { limit: 1000, ..q }).unwrap();
    assert_eq!(res.total as usize, res.hits.len());
    let mut k: Vec<String> = res.hits.into_iter().map(|h| h.key).collect();
    k.sort();
    k
}

fn expect(data: &[Proposal], pred: impl Fn(&Proposal) -> bool) -> Vec<String> {
    let mut k: Vec<String> = data.iter().filter(|p| pred(p)).map(|p| p.key()).collect();
    k.sort();
    k
}

fn labels(p: &Proposal) -> Option<&Labels> {
    p.classification.as_ref().map(|c| &c.labels)
}

#[path = "catalogue/cli.rs"]
mod cli;
#[path = "catalogue/export.rs"]
mod export;
#[path = "catalogue/facets.rs"]
mod facets;
#[path = "catalogue/real_data.rs"]
mod real_data;
#[path = "catalogue/search.rs"]
mod search;
#[path = "catalogue/store.rs"]
mod store;

/// Path to the shared data folder beside the repository; fails loudly when absent.
fn shared_data() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    assert!(
        p.is_dir(),
        "shared data not found at {} (clone the repo beside `shared/`)",
        p.display()
    );
    p
}
