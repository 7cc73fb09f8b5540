//! Tests of fitting, transforming, naming, extra blocks and persistence on a small corpus.

use super::*;
use crate::text::{normalize, SparseVec};

const DOCS: &[&str] = &[
    "Mobile money for rural women in Kenya",
    "Expanding mobile money agents and digital payments",
    "Gouvernement électronique et services numériques",
    "Services numériques pour le gouvernement local",
    "Gestión de la información y gobierno electrónico",
    "Förderung der Digitalisierung im ländlichen Raum",
    "Rural roads rehabilitation and maintenance",
    "Climate resilience for rural communities",
    "Digital identity and mobile payments for refugees",
    "Energy access and climate finance in rural areas",
];

fn fitted(config: &FeatureConfig) -> Featurizer {
    Featurizer::fit(DOCS, config).unwrap()
}

#[test]
fn vocabulary_is_sorted_by_df_then_term_and_respects_limits() {
    let cfg = FeatureConfig {
        max_word_features: 5,
        max_char_features: 7,
        ..Default::default()
    };
    let f = fitted(&cfg);
    assert_eq!((f.word_dim(), f.char_dim()), (5, 7));
    for v in [&f.word, &f.char] {
        for i in 1..v.len() {
            let (a, b) = ((v.df[i - 1], &v.terms[i - 1]), (v.df[i], &v.terms[i]));
            assert!(a.0 > b.0 || (a.0 == b.0 && a.1 < b.1), "{a:?} before {b:?}");
            assert!(b.0 >= cfg.min_df);
        }
    }
    // "and" and "rural" are in 4 documents each, more than any other word: ties go by term.
    assert_eq!(f.word.terms[..2], ["and", "rural"]);
    assert_eq!(f.word.df[..2], [4, 4]);
}

#[test]
fn min_df_drops_rare_terms() {
    let f = fitted(&FeatureConfig {
        char_ngrams: None,
        ..Default::default()
    });
    assert!(f.word_index("mobile money").is_some()); // 2 documents
    assert!(f.word_index("kenya").is_none()); // 1 document
    let f1 = fitted(&FeatureConfig {
        char_ngrams: None,
        min_df: 1,
        ..Default::default()
    });
    assert!(f1.word_index("kenya").is_some());
}

#[test]
fn transform_does_not_depend_on_the_batch() {
    let f = fitted(&FeatureConfig::default());
    let alone: Vec<SparseVec> = DOCS.iter().map(|d| f.transform(d)).collect();
    let batch = f.transform_batch(DOCS);
    assert_eq!(alone, batch);
    let mut reversed: Vec<&str> = DOCS.to_vec();
    reversed.reverse();
    let mut rb = f.transform_batch(&reversed);
    rb.reverse();
    assert_eq!(alone, rb);
    assert_eq!(f.transform(DOCS[0]), alone[0]);
}

#[test]
fn vectors_are_sorted_unit_length_and_weighted_by_idf() {
    let f = fitted(&FeatureConfig::default());
    let v = f.transform("mobile money, mobile money, rural");
    assert!(v.indices.windows(2).all(|w| w[0] < w[1]));
    let norm: f32 = v.values.iter().map(|x| x * x).sum();
    assert!((norm - 1.0).abs() < 1e-5);
    let raw = Featurizer::fit(
        DOCS,
        &FeatureConfig {
            l2_normalize: false,
            char_ngrams: None,
            ..Default::default()
        },
    )
    .unwrap()
    .transform("mobile money mobile money rural");
    let get = |f: &Featurizer, t: &str| {
        raw.iter()
            .find(|p| p.0 == f.word_index(t).unwrap())
            .unwrap()
            .1
    };
    let g = Featurizer::fit(
        DOCS,
        &FeatureConfig {
            l2_normalize: false,
            char_ngrams: None,
            ..Default::default()
        },
    )
    .unwrap();
    let idf_mm = g.idf[g.word_index("mobile money").unwrap() as usize];
    assert!((get(&g, "mobile money") - (1.0 + 2f32.ln()) * idf_mm).abs() < 1e-5);
    let idf_rural = g.idf[g.word_index("rural").unwrap() as usize];
    assert!((get(&g, "rural") - idf_rural).abs() < 1e-6);
    assert!(idf_rural < idf_mm, "frequent terms weigh less");
}

#[test]
fn every_feature_name_maps_back_to_its_index() {
    let f = fitted(&FeatureConfig {
        min_df: 1,
        ..Default::default()
    });
    for i in 0..f.word_dim() as u32 {
        assert_eq!(f.word_index(&f.feature_name(i)), Some(i));
    }
    let names: Vec<String> = (f.word_dim()..f.dim())
        .map(|i| f.feature_name(i as u32))
        .collect();
    assert!(names.iter().all(|n| n.starts_with('[') && n.ends_with(']')));
    for expected in ["[#mob]", "[ney#]", "[obil]", "[#num]"] {
        assert!(names.iter().any(|n| n == expected), "{expected} missing");
    }
    let v = f.transform("Gouvernement électronique");
    let shown: Vec<String> = v.indices.iter().map(|&i| f.feature_name(i)).collect();
    assert!(
        shown.contains(&"gouvernement electronique".to_string()),
        "{shown:?}"
    );
}

#[test]
fn stop_words_leave_word_ngrams_but_not_char_ngrams() {
    let cfg = FeatureConfig {
        stop_words: vec!["AND".into(), "for".into()],
        min_df: 1,
        ..Default::default()
    };
    let f = fitted(&cfg);
    assert!(f.word_index("and").is_none() && f.word_index("for").is_none());
    assert!(f.word_index("agents and").is_none());
    // Pairs are formed after the stop words are removed (as scikit-learn does).
    assert!(f.word_index("agents digital").is_some());
    let names: Vec<String> = (0..f.dim() as u32).map(|i| f.feature_name(i)).collect();
    assert!(names.contains(&"[#and#]".to_string()));
    let v = f.transform("for and for");
    assert!(v.indices.iter().all(|&i| i as usize >= f.word_dim()));
}

#[test]
fn config_errors_are_reported_before_fitting() {
    let bad = FeatureConfig {
        word_ngrams: (2, 1),
        ..Default::default()
    };
    assert!(matches!(
        Featurizer::fit(DOCS, &bad),
        Err(TextError::InvalidConfig(_))
    ));
}

/// A tiny real lexicon block: counts occurrences of listed words.
struct Lexicon(Vec<&'static str>);

impl FeatureBlock for Lexicon {
    fn name(&self) -> &str {
        "lexicon"
    }
    fn dim(&self) -> usize {
        self.0.len()
    }
    fn features(&self, normalized: &str, words: &[&str], out: &mut Vec<(u32, f32)>) {
        assert_eq!(normalize(normalized), normalized);
        for w in words {
            if let Some(i) = self.0.iter().position(|k| k == w) {
                out.push((i as u32, 1.0));
            }
        }
    }
    fn feature_name(&self, i: u32) -> String {
        self.0[i as usize].to_string()
    }
}

#[test]
fn extra_blocks_are_appended_after_the_ngrams() {
    let cfg = FeatureConfig {
        l2_normalize: false,
        ..Default::default()
    };
    let base = fitted(&cfg).dim();
    let f = fitted(&cfg)
        .with_block(Box::new(Lexicon(vec!["mpesa", "blockchain"])))
        .with_block(Box::new(Lexicon(vec!["numeriques"])));
    assert_eq!(f.dim(), base + 3);
    assert_eq!(f.feature_name(base as u32 + 1), "lexicon:blockchain");
    assert_eq!(f.feature_name(base as u32 + 2), "lexicon:numeriques");
    let v = f.transform("Blockchain, blockchain et services numériques");
    let tail: Vec<(u32, f32)> = v.iter().filter(|p| p.0 as usize >= base).collect();
    assert_eq!(tail, [(base as u32 + 1, 2.0), (base as u32 + 2, 1.0)]);
}

#[test]
fn a_block_computed_by_the_caller_gives_the_same_vector_and_hands_back_its_findings() {
    let f = fitted(&FeatureConfig::default())
        .with_block(Box::new(Lexicon(vec!["mpesa", "numeriques"])));
    let text = "M-Pesa and MPESA: services numériques";
    let block = Lexicon(vec!["mpesa", "numeriques"]);
    let (v, found, words) = f.transform_then_with_block(
        text,
        |ws, hashes, out| {
            assert_eq!(hashes.len(), ws.len());
            assert!(ws.iter().zip(hashes).all(|(w, &h)| h == hash::word(w)));
            block.features("", ws, out);
            out.len()
        },
        |v, ws, hashes, found| {
            assert!(ws.iter().zip(hashes).all(|(w, &h)| h == hash::word(w)));
            (v, found, ws.len())
        },
    );
    assert_eq!(v, f.transform(text));
    assert_eq!(found, 2, "mpesa and numeriques");
    let (_, expected_words) = f.transform_then(text, |v, ws| (v, ws.len()));
    assert_eq!(words, expected_words);
}

/// The slow reference: enumerate terms as fitting does, look each up, weigh, normalise.
fn reference(f: &Featurizer, text: &str) -> SparseVec {
    let visitor = crate::text::fit::TermVisitor {
        config: &f.config,
        stop: f.stop.as_ref(),
    };
    let (mut wp, mut cp) = (Vec::new(), Vec::new());
    let off = f.word_dim() as u32;
    visitor.visit(
        text,
        &mut |h, _| wp.extend(f.word.index.get(h).map(|i| (i, 1.0))),
        &mut |h, _| cp.extend(f.char.index.get(h).map(|i| (off + i, 1.0))),
    );
    let pairs: Vec<(u32, f32)> = wp.into_iter().chain(cp).collect();
    let mut v = SparseVec::from_pairs(pairs);
    for (i, x) in v.indices.iter().zip(v.values.iter_mut()) {
        *x = (1.0 + x.ln()) * f.idf[*i as usize];
    }
    v.l2_normalize();
    v
}

#[test]
fn fast_transform_equals_the_reference_enumeration() {
    let unseen = [
        "Mobile money, mobile money: Kenya!",
        "Servicios digitales — gobierno",
        "",
        "x y z",
    ];
    for cfg in [
        FeatureConfig {
            min_df: 1,
            ..Default::default()
        },
        FeatureConfig {
            min_df: 1,
            stop_words: vec!["and".into(), "de".into()],
            ..Default::default()
        },
        FeatureConfig {
            word_ngrams: (2, 3),
            char_ngrams: Some((1, 4)),
            ..Default::default()
        },
        FeatureConfig {
            max_word_features: 3,
            ..Default::default()
        },
    ] {
        let f = fitted(&cfg);
        for text in DOCS.iter().chain(&unseen) {
            let (fast, slow) = (f.transform(text), reference(&f, text));
            assert_eq!(fast.indices, slow.indices, "{text}");
            for (a, b) in fast.values.iter().zip(&slow.values) {
                assert!((a - b).abs() < 1e-6, "{text}: {a} vs {b}");
            }
        }
    }
}

#[test]
fn a_glossed_word_also_counts_as_its_english_word() {
    let plain = FeatureConfig {
        char_ngrams: None,
        min_df: 1,
        ..Default::default()
    };
    let glossed = FeatureConfig {
        gloss: vec![
            ("numériques".into(), "Digital".into()),
            ("salud".into(), "notinthevocabulary".into()),
        ],
        gloss_repeat: 3,
        ..plain.clone()
    };
    let (f, g) = (fitted(&plain), fitted(&glossed));
    let (digital, services) = (
        g.word_index("digital").unwrap(),
        g.word_index("services").unwrap(),
    );
    assert!(!f
        .transform("services numériques")
        .indices
        .contains(&digital));
    // Two glossed occurrences count as 2 × 3 occurrences of "digital".
    let v = g.transform("Services NUMÉRIQUES numériques");
    let value = |i: u32| v.values[v.indices.iter().position(|&j| j == i).unwrap()];
    let expected = (1.0 + 6f32.ln()) * g.idf[digital as usize] / g.idf[services as usize];
    assert!((value(digital) / value(services) - expected).abs() < 1e-5);
    // English text and a gloss whose English word is unknown change nothing.
    for text in ["digital services", "salud"] {
        assert_eq!(f.transform(text), g.transform(text));
    }
    // The glosses are part of the saved featurizer.
    let dir = tempfile::tempdir().unwrap();
    g.save(dir.path()).unwrap();
    let loaded = Featurizer::load(dir.path()).unwrap();
    assert_eq!(
        loaded.transform("services numériques"),
        g.transform("services numériques")
    );
}
