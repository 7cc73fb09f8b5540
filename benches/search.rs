//! Search latency on a catalogue of the two project corpora (~25k records).
//!
//! Run: `cargo bench --bench search` (needs `../shared/data` beside the repository).
//! The catalogue is built once; its build rate is printed, then criterion measures each
//! query. Labels here come from a crude keyword rule so that label filters and facets have
//! realistic selectivity; they are workload, not classifier output.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use landscape::catalogue::{Catalogue, SearchQuery};
use landscape::labels::{Classification, Labels, Openness, Pillar, Sector};
use landscape::Proposal;

fn data_dir() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpora");
    assert!(p.is_dir(), "shared data not found at {}", p.display());
    p
}

/// Reads a corpus with the csv crate, mapping each row through `f` by column name.
fn read(file: &str, f: impl Fn(&dyn Fn(&str) -> String) -> Proposal) -> Vec<Proposal> {
    let mut r = csv::Reader::from_path(data_dir().join(file)).expect("corpus opens");
    let headers = r.headers().expect("header row").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("csv row");
            let get = |name: &str| {
                let i = headers
                    .iter()
                    .position(|h| h == name)
                    .expect("column exists");
                rec[i].to_string()
            };
            f(&get)
        })
        .collect()
}

fn year(date: &str) -> Option<i32> {
    date.get(..4).and_then(|y| y.parse().ok())
}

fn corpora() -> Vec<Proposal> {
    let mut v = read("worldbank_projects_2025.csv", |g| Proposal {
        id: g("id"),
        source: "wb".into(),
        title: g("project_name"),
        description: g("pdo"),
        text: Proposal::default_text(&g("project_name"), &g("pdo")),
        country_name: Some(g("countryshortname")),
        region: Some(g("regionname")),
        year: year(&g("boardapprovaldate")),
        ..Default::default()
    });
    v.extend(read("undp_open_projects_2014.csv", |g| Proposal {
        id: g("project_id"),
        source: "undp14".into(),
        title: g("project_title"),
        description: g("project_descr"),
        text: format!(
            "{}. {} {} {}",
            g("project_title"),
            g("project_descr"),
            g("output_titles"),
            g("output_descrs")
        ),
        country_code: Some(g("iati_country")).filter(|c| !c.is_empty()),
        region: Some(g("region_id")),
        year: year(&g("start")),
        ..Default::default()
    }));
    v.iter_mut()
        .for_each(|p| p.classification = Some(keyword_labels(&p.text)));
    v
}

/// A crude keyword rule standing in for the classifier, to give the label facets content.
fn keyword_labels(text: &str) -> Classification {
    let t = text.to_lowercase();
    let has = |w: &[&str]| w.iter().any(|w| t.contains(w));
    let digital = if has(&["e-government", "digital", "ict", "mobile money"]) {
        2
    } else {
        u8::from(has(&["online", "software", "sms"]))
    };
    let mut pillars = vec![];
    if digital > 0 {
        pillars.push(if has(&["broadband", "connectivity"]) {
            Pillar::Connectivity
        } else {
            Pillar::Government
        });
    }
    let mut sectors = vec![];
    if has(&["health"]) {
        sectors.push(Sector::Healthcare);
    }
    if has(&["climate", "energy"]) {
        sectors.push(Sector::ClimateEnergy);
    }
    if has(&["early warning", "disaster"]) {
        sectors.push(Sector::CrisisResilience);
    }
    let openness = if digital > 0 {
        Openness::Unknown
    } else {
        Openness::NotApplicable
    };
    let p = if digital > 0 {
        [0.1, 0.3, 0.6]
    } else {
        [0.9, 0.05, 0.05]
    };
    Classification {
        labels: Labels {
            digital,
            openness,
            pillars,
            sectors,
        },
        digital_probs: p,
        openness_probs: vec![],
        pillar_probs: vec![],
        sector_probs: vec![],
        evidence: vec![],
        model: "keyword-bench".into(),
    }
}

fn build(dir: &Path) -> Catalogue {
    let records = corpora();
    let started = std::time::Instant::now();
    let cat = Catalogue::create_or_open(dir).expect("catalogue");
    let mut w = cat.writer().expect("writer");
    for p in &records {
        w.upsert(p).expect("upsert");
    }
    w.commit().expect("commit");
    drop(w);
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "built {} records in {secs:.2} s ({:.0} records/s)",
        cat.len(),
        records.len() as f64 / secs
    );
    let started = std::time::Instant::now();
    let mut w = cat.writer().expect("writer");
    for p in &records {
        w.upsert(p).expect("upsert");
    }
    w.commit().expect("commit");
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "re-upserted them unchanged in {secs:.2} s ({:.0} records/s)",
        records.len() as f64 / secs
    );
    cat
}

fn queries() -> Vec<(&'static str, SearchQuery)> {
    let text = |t: &str| SearchQuery {
        text: Some(t.into()),
        ..Default::default()
    };
    let filtered = |t: &str| SearchQuery {
        digital: vec![1, 2],
        years: Some((2010, 2020)),
        ..text(t)
    };
    vec![
        ("e-government", text("e-government")),
        ("mobile money", text("mobile money")),
        ("early warning", text("\"early warning\"")),
        ("climate", text("climate")),
        ("climate +filters", filtered("climate")),
        ("early warning +filters", filtered("\"early warning\"")),
        (
            "climate +facets",
            SearchQuery {
                facets: true,
                ..text("climate")
            },
        ),
        (
            "all +facets",
            SearchQuery {
                facets: true,
                ..Default::default()
            },
        ),
        (
            "climate +filters +facets",
            SearchQuery {
                facets: true,
                ..filtered("climate")
            },
        ),
    ]
}

/// Median and p99 latency over the whole fixed query set, each query run 200 times in turn.
fn latency_percentiles(cat: &Catalogue) {
    let qs = queries();
    let mut ms: Vec<f64> = Vec::with_capacity(qs.len() * 200);
    for _ in 0..200 {
        for (_, q) in &qs {
            let t = std::time::Instant::now();
            std::hint::black_box(cat.search(q).expect("search"));
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p) as usize];
    eprintln!(
        "search latency over {} queries of the fixed set: median {:.3} ms, p99 {:.3} ms",
        ms.len(),
        at(0.5),
        at(0.99)
    );
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let cat = build(dir.path());
    latency_percentiles(&cat);
    let mut group = c.benchmark_group("search");
    for (name, q) in queries() {
        eprintln!("{name}: {} matches", cat.search(&q).expect("search").total);
        group.bench_function(name, |b| b.iter(|| cat.search(&q).expect("search")));
    }
    group.finish();
    let mut stats = c.benchmark_group("stats");
    stats.sample_size(20);
    stats.bench_function("stats", |b| b.iter(|| cat.stats().expect("stats")));
    stats.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
