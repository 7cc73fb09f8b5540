//! Text features on real texts from the shared corpora: the fast word definition agrees with
//! the `tokenizers` pipeline, fitting is deterministic whatever the thread count, and a saved
//! featurizer reproduces its vectors.

#[path = "text/corpus.rs"]
mod corpus;

use landscape::text::tokenizer::{normalizer, pipeline_words, pre_tokenizer};
use landscape::text::{normalize, words, FeatureConfig, Featurizer};

fn refs(texts: &[String]) -> Vec<&str> {
    texts.iter().map(String::as_str).collect()
}

#[test]
fn fast_words_equal_the_tokenizers_pipeline_on_real_texts() {
    let (n, p) = (normalizer(), pre_tokenizer());
    let mut checked = [0usize; 3];
    for (k, texts) in [
        corpus::undp(800),
        corpus::worldbank(800),
        corpus::aid_german(800),
    ]
    .iter()
    .enumerate()
    {
        for text in texts {
            let norm = normalize(text);
            let fast: Vec<&str> = words(&norm).collect();
            let slow = pipeline_words(&n, &p, text).unwrap();
            assert_eq!(fast, slow, "differs on {text:?}");
            checked[k] += 1;
        }
    }
    assert!(
        checked.iter().all(|&c| c >= 500),
        "too few texts: {checked:?}"
    );
    assert!(checked.iter().sum::<usize>() >= 1000);
}

#[test]
fn fit_is_identical_with_one_or_two_threads() {
    let texts = corpus::mixed(700);
    let cfg = FeatureConfig {
        max_word_features: 5000,
        max_char_features: 5000,
        ..Default::default()
    };
    let fit_in = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        pool.install(|| Featurizer::fit(&refs(&texts), &cfg).unwrap())
            .save(dir.path())
            .unwrap();
        dir
    };
    let (one, two) = (fit_in(1), fit_in(2));
    for name in ["features.json", "features.bin", "tokenizer.json"] {
        let a = std::fs::read(one.path().join(name)).unwrap();
        let b = std::fs::read(two.path().join(name)).unwrap();
        assert!(a == b, "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn saved_featurizer_reproduces_vectors_on_real_texts() {
    let texts = corpus::mixed(400);
    let f = Featurizer::fit(&refs(&texts[..900]), &FeatureConfig::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    f.save(dir.path()).unwrap();
    let g = Featurizer::load(dir.path()).unwrap();
    let unseen = refs(&texts[900..]);
    assert_eq!(f.transform_batch(&unseen), g.transform_batch(&unseen));
    let mut reversed = unseen.clone();
    reversed.reverse();
    let mut rb = g.transform_batch(&reversed);
    rb.reverse();
    assert_eq!(
        rb,
        unseen.iter().map(|t| g.transform(t)).collect::<Vec<_>>()
    );
}

#[test]
fn digital_terms_are_explained_by_readable_names() {
    // The first 1,500 projects plus every project that mentions the digital terms.
    let all = corpus::worldbank(usize::MAX);
    let digital = |t: &String| {
        ["digital", "broadband", "connectivity"]
            .iter()
            .any(|w| t.to_lowercase().contains(w))
    };
    let texts: Vec<String> = all
        .iter()
        .enumerate()
        .filter(|(i, t)| *i < 1500 || digital(t))
        .map(|(_, t)| t.clone())
        .collect();
    let f = Featurizer::fit(&refs(&texts), &FeatureConfig::default()).unwrap();
    let v = f.transform("Expand broadband connectivity and digital government services");
    let names: Vec<String> = v.indices.iter().map(|&i| f.feature_name(i)).collect();
    for expected in ["broadband", "digital government", "[#broa]", "[ices#]"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not in {names:?}"
        );
    }
}
