//! Choosing what to label: the most uncertain first, near-duplicates penalised, the same
//! choice for the same seed; uncertainty per head.

use landscape::labels::{Classification, Labels, Openness, Pillar};
use landscape::retrain::suggest::{cosine, random_pick, select, uncertainty, Head, SelectOptions};
use landscape::text::SparseVec;

fn vec_of(pairs: &[(u32, f32)]) -> SparseVec {
    SparseVec::from_pairs(pairs.to_vec())
}

#[test]
fn diversity_skips_near_duplicates_that_uncertainty_alone_would_take() {
    // Records 0, 1 and 2 are the same text; 3 and 4 are different and slightly less uncertain.
    let scores = [0.95, 0.94, 0.93, 0.80, 0.70, 0.10];
    let v = [
        vec_of(&[(1, 1.0), (2, 1.0)]),
        vec_of(&[(1, 1.0), (2, 1.0)]),
        vec_of(&[(1, 1.0), (2, 0.9)]),
        vec_of(&[(5, 1.0)]),
        vec_of(&[(7, 1.0), (8, 0.5)]),
        vec_of(&[(9, 1.0)]),
    ];
    let features = |i: usize| v[i].clone();
    let plain = SelectOptions {
        diversity: 0.0,
        ..SelectOptions::default()
    };
    assert_eq!(select(&scores, &features, 3, &plain), [0, 1, 2]);
    let diverse = SelectOptions::default();
    assert_eq!(select(&scores, &features, 3, &diverse), [0, 3, 4]);
    assert!((cosine(&v[0], &v[1]) - 1.0).abs() < 1e-6);
    assert_eq!(cosine(&v[0], &v[3]), 0.0);
    // Asking for more than there are gives every record once.
    let mut all = select(&scores, &features, 10, &diverse);
    all.sort_unstable();
    assert_eq!(all, [0, 1, 2, 3, 4, 5]);
}

#[test]
fn ties_are_broken_by_the_seed_and_the_same_seed_gives_the_same_choice() {
    let scores = vec![0.5f32; 40];
    let features = |i: usize| vec_of(&[(i as u32, 1.0)]);
    let pick = |seed| {
        select(
            &scores,
            &features,
            5,
            &SelectOptions {
                seed,
                ..Default::default()
            },
        )
    };
    assert_eq!(pick(1), pick(1));
    assert_ne!(pick(1), pick(2));
    assert_eq!(random_pick(100, 10, 3), random_pick(100, 10, 3));
    let mut r = random_pick(100, 100, 3);
    r.sort_unstable();
    assert_eq!(r, (0..100).collect::<Vec<_>>());
}

fn classification(digital_probs: [f32; 3], pillar_probs: Vec<f32>) -> Classification {
    Classification {
        labels: Labels {
            digital: 1,
            openness: Openness::Unknown,
            pillars: vec![Pillar::Government],
            sectors: vec![],
        },
        digital_probs,
        openness_probs: vec![0.0, 0.0, 0.0, 1.0, 0.0],
        pillar_probs,
        sector_probs: vec![0.01, 0.2, 0.9, 0.99, 0.0, 0.45],
        evidence: vec![],
        model: "m".into(),
    }
}

#[test]
fn uncertainty_is_highest_for_a_coin_toss_on_each_head() {
    let sure = classification([0.0, 0.02, 0.98], vec![0.0, 0.0, 0.99, 0.0, 0.0, 0.0]);
    let unsure = classification([0.34, 0.33, 0.33], vec![0.1, 0.52, 0.9, 0.0, 0.0, 0.0]);
    let d = |c| uncertainty(c, Head::Digital).score;
    assert!(
        d(&unsure) > 0.99 && d(&sure) < 0.2,
        "{} {}",
        d(&unsure),
        d(&sure)
    );
    let p = uncertainty(&unsure, Head::Pillars);
    assert!(p.why.contains("connectivity p=0.52"), "{}", p.why);
    assert!(uncertainty(&sure, Head::Pillars).score < p.score);
    let s = uncertainty(&sure, Head::Sectors);
    assert!(s.why.contains("digital_finance p=0.45"), "{}", s.why);
    assert!((s.score - 0.9).abs() < 1e-5, "{}", s.score);
    assert_eq!(uncertainty(&sure, Head::Openness).score, 0.0);
    assert!("banana"
        .parse::<Head>()
        .unwrap_err()
        .to_string()
        .contains("digital, openness"));
}
