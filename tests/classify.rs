//! Integration tests of `landscape::classify` against the shipped model (`models/default`) and
//! the real shared corpora: the consistency rules of `LABELS.md` on every output, evidence for
//! every positive label, obvious cases in three languages, deterministic training and the
//! refusal of damaged model directories.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use landscape::classify::Classifier;
use landscape::ingest::{self, ReadOptions};
use landscape::labels::{Classification, Openness};

#[path = "classify/model_dir.rs"]
mod model_dir;
#[path = "classify/training.rs"]
mod training;

#[path = "common/mod.rs"]
mod common;
use common::{root, shared_data};

/// The shipped model directory.
fn default_model_dir() -> PathBuf {
    root().join("models/default")
}

/// The shipped model, loaded once for every test of this binary.
fn model() -> &'static Classifier {
    static MODEL: OnceLock<Classifier> = OnceLock::new();
    MODEL.get_or_init(|| {
        let dir = default_model_dir();
        Classifier::load(&dir).unwrap_or_else(|e| panic!("load {}: {e}", dir.display()))
    })
}

/// Records taken from each corpus spread evenly over the file.
const SPREAD: usize = 100;
/// Records taken from each corpus among those `labels/gold.csv` marks digital, so that the
/// digital branch of every rule is exercised (digital records are a small minority).
const GOLD_DIGITAL: usize = 50;

/// Keys that `labels/gold.csv` labels digital (1 or 2).
fn gold_digital_keys() -> std::collections::HashSet<String> {
    let path = shared_data().join("labels/gold.csv");
    let mut rdr = csv::Reader::from_path(&path).unwrap();
    let header = rdr.headers().unwrap().clone();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (id, digital) = (col("id"), col("digital"));
    rdr.records()
        .map(Result::unwrap)
        .filter(|r| r[digital].trim() != "0")
        .map(|r| r[id].to_string())
        .collect()
}

/// `SPREAD` texts from `path` (every n-th record, so the whole file is sampled) and
/// `GOLD_DIGITAL` more among the records labelled digital, as (key, text).
fn sample_texts(path: &Path) -> Vec<(String, String)> {
    let all: Vec<(String, String)> = ingest::open(path, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
        .flatten()
        .map(|p| (p.key(), p.text))
        .collect();
    assert!(
        all.len() >= 10 * SPREAD,
        "{}: only {} records",
        path.display(),
        all.len()
    );
    let step = all.len() / SPREAD;
    let mut out: Vec<(String, String)> = all.iter().step_by(step).take(SPREAD).cloned().collect();
    let gold = gold_digital_keys();
    let labelled: Vec<&(String, String)> = all
        .iter()
        .filter(|(k, _)| gold.contains(k) && !out.iter().any(|o| &o.0 == k))
        .collect();
    assert!(
        labelled.len() >= GOLD_DIGITAL,
        "{}: {} gold-digital records",
        path.display(),
        labelled.len()
    );
    let step = labelled.len() / GOLD_DIGITAL;
    out.extend(
        labelled
            .into_iter()
            .step_by(step)
            .take(GOLD_DIGITAL)
            .cloned(),
    );
    out
}

/// About 300 real texts (UNDP 2014 and World Bank) with the shipped model's output, computed
/// once.
fn outputs() -> &'static [(String, String, Classification)] {
    static OUT: OnceLock<Vec<(String, String, Classification)>> = OnceLock::new();
    OUT.get_or_init(|| {
        let data = shared_data();
        let m = model();
        [
            "corpora/undp_open_projects_2014.csv",
            "corpora/worldbank_projects_2025.csv",
        ]
        .iter()
        .flat_map(|c| sample_texts(&data.join(c)))
        .map(|(key, text)| {
            let c = m.classify(&text);
            (key, text, c)
        })
        .collect()
    })
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 1e-4
}

#[test]
fn every_output_keeps_the_consistency_rules_of_labels_md() {
    let out = outputs();
    assert_eq!(out.len(), 2 * (SPREAD + GOLD_DIGITAL));
    let digital = out.iter().filter(|o| o.2.labels.is_digital()).count();
    // Both branches of the rules must actually be exercised by the sample.
    assert!(
        digital >= 10 && out.len() - digital >= 10,
        "{digital} digital of {}: the sample does not exercise both branches",
        out.len()
    );
    for (key, text, c) in out {
        let l = &c.labels;
        let ctx = || format!("{key}: {l:?}\n{text}");
        assert!(l.check().is_ok(), "{:?} {}", l.check(), ctx());
        assert!(l.digital <= 2, "{}", ctx());
        assert_eq!(
            l.openness == Openness::NotApplicable,
            l.digital == 0,
            "openness n/a exactly when digital is 0: {}",
            ctx()
        );
        assert_eq!(
            !l.pillars.is_empty(),
            l.is_digital(),
            "at least one pillar exactly when digital: {}",
            ctx()
        );
        // Lists in schema order, without duplicates.
        assert!(l.pillars.windows(2).all(|w| w[0] < w[1]), "{}", ctx());
        assert!(l.sectors.windows(2).all(|w| w[0] < w[1]), "{}", ctx());

        assert_eq!(c.pillar_probs.len(), 6, "{}", ctx());
        assert_eq!(c.sector_probs.len(), 6, "{}", ctx());
        assert_eq!(c.openness_probs.len(), Openness::ALL.len(), "{}", ctx());
        let all_probs = c
            .digital_probs
            .iter()
            .chain(&c.openness_probs)
            .chain(&c.pillar_probs)
            .chain(&c.sector_probs);
        for p in all_probs {
            assert!(p.is_finite() && (0.0..=1.0).contains(p), "{p}: {}", ctx());
        }
        let sum: f32 = c.digital_probs.iter().sum();
        assert!(close(sum, 1.0), "digital_probs sum to {sum}: {}", ctx());
        let osum: f32 = c.openness_probs.iter().sum();
        assert!(close(osum, 1.0), "openness_probs sum to {osum}: {}", ctx());
        if !l.is_digital() {
            assert_eq!(
                c.openness_probs[Openness::NotApplicable.index()],
                1.0,
                "{}",
                ctx()
            );
        } else {
            assert_eq!(
                c.openness_probs[Openness::NotApplicable.index()],
                0.0,
                "a digital record never has mass on n/a: {}",
                ctx()
            );
        }
        assert_eq!(c.model, model().name(), "{}", ctx());
    }
}

#[test]
fn every_positive_label_has_evidence() {
    let out = outputs();
    let mut pillar_labels = 0;
    for (key, text, c) in out {
        let l = &c.labels;
        let ctx = || format!("{key}: {l:?} {:?}\n{text}", c.evidence);
        let has = |head: &str, label: &str| {
            c.evidence
                .iter()
                .any(|e| e.head == head && e.label == label && !e.term.trim().is_empty())
        };
        if l.is_digital() {
            let d = l.digital.to_string();
            assert!(has("digital", &d), "no digital evidence: {}", ctx());
            match l.openness {
                Openness::Open | Openness::Closed => {
                    assert!(has("openness", l.openness.as_str()), "{}", ctx())
                }
                Openness::Mixed => assert!(
                    has("openness", "open") && has("openness", "closed"),
                    "{}",
                    ctx()
                ),
                _ => {}
            }
            for p in &l.pillars {
                pillar_labels += 1;
                assert!(has("pillars", p.as_str()), "no evidence for {p}: {}", ctx());
            }
        } else {
            assert!(
                !c.evidence.iter().any(|e| e.head == "pillars"),
                "pillar evidence on a non-digital record: {}",
                ctx()
            );
            assert!(
                !c.evidence.iter().any(|e| e.head == "openness"),
                "openness evidence on a non-digital record: {}",
                ctx()
            );
        }
        for s in &l.sectors {
            assert!(has("sectors", s.as_str()), "no evidence for {s}: {}", ctx());
        }
        // Every evidence item supports a label the record actually has.
        for e in &c.evidence {
            let ok = match e.head.as_ref() {
                "digital" => e.label == l.digital.to_string(),
                "pillars" => l.pillars.iter().any(|p| p.as_str() == e.label),
                "sectors" => l.sectors.iter().any(|s| s.as_str() == e.label),
                "openness" => {
                    l.is_digital()
                        && (e.label == "open" || e.label == "closed")
                        && (l.openness == Openness::Mixed || l.openness.as_str() == e.label)
                }
                _ => false,
            };
            assert!(ok, "evidence {e:?} for a label not given: {}", ctx());
            assert!(e.weight.is_finite(), "{e:?}: {}", ctx());
        }
    }
    assert!(pillar_labels > 0, "no pillar label in the sample");
}

/// Every evidence term can be found in the text: a word n-gram's words, and the phrases
/// before the brackets of a lexicon concept (`e government (dig_automation)`) or of a gloss
/// (`salud (health)`: the English word counts through a Spanish one). Character n-grams
/// (`[#gov]`) are fragments, not words, and are left out.
#[test]
fn evidence_terms_are_words_of_the_text() {
    let spanish =
        "Programa de salud: fortalecimiento de los hospitales rurales y de la energía solar.";
    let mut glossed = 0;
    let out: Vec<_> = outputs()
        .iter()
        .cloned()
        .chain([("es".into(), spanish.into(), model().classify(spanish))])
        .collect();
    for (key, text, c) in &out {
        let norm = landscape::text::normalize(text);
        let words: std::collections::HashSet<&str> = landscape::text::words(&norm).collect();
        for e in &c.evidence {
            if e.term.starts_with('[') {
                continue;
            }
            let (phrases, gloss) = match e.term.rsplit_once(" (") {
                Some((p, g)) => (p, g.trim_end_matches(')')),
                None => (e.term.as_str(), ""),
            };
            glossed += usize::from(!gloss.is_empty() && !gloss.contains('_'));
            for w in phrases.split([' ', ',']).filter(|w| !w.is_empty()) {
                assert!(words.contains(w), "{key}: {w:?} of {e:?} is not in: {text}");
            }
        }
    }
    let sp = &out.last().unwrap().2;
    assert!(
        sp.evidence.iter().any(|e| e.term == "salud (health)"),
        "{:?}",
        sp.evidence
    );
    assert!(glossed > 0);
}

/// Clearly digital texts in three languages: e-government and digital identity.
const DIGITAL_TEXTS: [(&str, &str); 3] = [
    (
        "en",
        "E-government and digital identity programme. Build a national online portal for \
         public services, an interoperability platform between ministries and a digital ID \
         system so that citizens can apply for permits and certificates online.",
    ),
    (
        "fr",
        "Programme d'administration électronique et d'identité numérique. Mise en place d'un \
         portail national de services publics en ligne, d'une plateforme d'interopérabilité \
         entre les ministères et d'un système d'identification numérique des citoyens.",
    ),
    (
        "es",
        "Programa de gobierno electrónico e identidad digital. Desarrollo de un portal \
         nacional de trámites y servicios públicos en línea, una plataforma de \
         interoperabilidad entre ministerios y un sistema de identidad digital para la \
         ciudadanía.",
    ),
];

#[test]
fn obvious_digital_government_texts_are_digital_in_three_languages() {
    for (lang, text) in DIGITAL_TEXTS {
        let c = model().classify(text);
        assert!(
            c.labels.is_digital(),
            "{lang}: not digital (p={:.3}) {:?}",
            c.p_digital(),
            c.evidence
        );
        assert!(c.p_digital() > 0.5, "{lang}: p={:.3}", c.p_digital());
        c.labels.check().unwrap();
    }
}

/// Short project texts (`classify/newer_technologies.jsonl`, written for this test in four
/// batches) about technologies the gold rows never mention (artificial intelligence, drones,
/// chatbots, e-filing, sensors ...) with `expect` 1, and look-alikes that are not digital (a
/// dialogue platform, mobile clinics, a network of mediators, solar pumps) with `expect` 0.
/// The model trained before the newer-technology schema examples, the cleaned lexicon and the
/// lexicon prior found 18 of the 44 digital ones; the shipped model finds 35.
#[test]
fn newer_technologies_are_digital_and_their_look_alikes_are_not() {
    let path = root().join("tests/classify/newer_technologies.jsonl");
    let expect: std::collections::HashMap<String, bool> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["expect"] == 1)
        })
        .collect();
    let (mut found, mut missed, mut wrong) = (0, Vec::new(), Vec::new());
    for p in ingest::open(&path, &ReadOptions::default()).unwrap() {
        let p = p.unwrap();
        let digital = model().classify(&p.text).labels.is_digital();
        match (expect[&p.id], digital) {
            (true, true) => found += 1,
            (true, false) => missed.push(p.id),
            (false, true) => wrong.push(p.id),
            (false, false) => {}
        }
    }
    let positives = expect.values().filter(|&&e| e).count();
    assert_eq!(positives, 44);
    assert!(wrong.is_empty(), "look-alikes called digital: {wrong:?}");
    assert!(
        found * 4 >= positives * 3,
        "{found} of {positives} found; missed {missed:?}"
    );
}

#[test]
fn roads_and_vaccine_trucks_are_not_digital() {
    let text = "Rural roads rehabilitation and vaccine cold chain. Rehabilitate 300 km of \
                gravel feeder roads and twelve bridges in the northern districts, and procure \
                refrigerated trucks and solar-powered refrigerators to carry vaccines from the \
                central medical stores to district hospitals.";
    let c = model().classify(text);
    assert_eq!(c.labels.digital, 0, "{:?} {:?}", c.labels, c.evidence);
    assert_eq!(c.labels.openness, Openness::NotApplicable);
    assert!(c.labels.pillars.is_empty());
    assert!(c.p_digital() < 0.5, "p={:.3}", c.p_digital());
    // What argued against digital is given as evidence for the 0.
    assert!(
        c.evidence
            .iter()
            .any(|e| e.head == "digital" && e.label == "0"),
        "{:?}",
        c.evidence
    );
}

#[test]
fn classification_is_a_pure_function_of_the_text() {
    let m = model();
    let (_, text, first) = &outputs()[7];
    assert_eq!(&m.classify(text), first);
    // Loading the directory again gives the same model.
    let again = Classifier::load(&default_model_dir()).unwrap();
    assert_eq!(&again.classify(text), first);
}

/// The classifier scores with an interleaved copy of the heads' weights; it must agree with
/// each head's own decision function.
#[test]
fn packed_scoring_agrees_with_every_head() {
    let model = model();
    for text in [
        "National e-government portal and digital identity for public services",
        "Rehabilitation of rural roads and bridges",
        "Système d'information sanitaire (DHIS2) pour la surveillance du paludisme",
    ] {
        let x = model.features(text);
        let packed = model.decisions(&x);
        let direct = model.head_decisions(&x);
        assert_eq!(packed.len(), direct.len());
        for (a, b) in packed.iter().zip(&direct) {
            assert!((a - b).abs() < 1e-4, "{a} vs {b} for {text}");
        }
    }
}
