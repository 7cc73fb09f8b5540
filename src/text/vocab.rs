//! A frozen vocabulary of one n-gram block: terms in feature order with their document
//! frequency and IDF, looked up by 64-bit hash.
//!
//! Terms are stored as text (word n-grams as words joined by one space; character n-grams
//! with their `<`/`>` padding) and their hashes are recomputed on load, so the saved file
//! stays readable and the lookup table never goes out of sync with the terms.

use super::ngrams::{char_ngram_key, word_ngram_key};
use super::table::HashIndex;

/// Which n-gram family a vocabulary holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Word n-grams.
    Word,
    /// Character n-grams inside words.
    Char,
}

impl BlockKind {
    /// The lookup hash of a stored term.
    pub(crate) fn key(self, term: &str) -> u64 {
        match self {
            BlockKind::Word => word_ngram_key(term.split(' ')),
            BlockKind::Char => char_ngram_key(term),
        }
    }
}

/// Terms, document frequencies and IDF of one block, in feature order.
#[derive(Debug, Clone)]
pub(crate) struct Vocab {
    pub(crate) terms: Vec<String>,
    pub(crate) df: Vec<u32>,
    pub(crate) idf: Vec<f32>,
    pub(crate) index: HashIndex,
}

impl Vocab {
    /// Builds a vocabulary from `(term, df, idf)` rows already in feature order.
    pub(crate) fn new(kind: BlockKind, terms: Vec<String>, df: Vec<u32>, idf: Vec<f32>) -> Self {
        let keys: Vec<u64> = terms.iter().map(|t| kind.key(t)).collect();
        Vocab {
            index: HashIndex::new(&keys),
            terms,
            df,
            idf,
        }
    }

    /// Number of features.
    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }
}

/// IDF of a term seen in `df` of `n_docs` documents.
pub(crate) fn idf(df: u32, n_docs: u64, smooth: bool) -> f32 {
    let (df, n) = (df as f64, n_docs as f64);
    let ratio = if smooth {
        (1.0 + n) / (1.0 + df)
    } else {
        n / df
    };
    (ratio.ln() + 1.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_matches_the_usual_formulas() {
        assert!((idf(1, 1, true) - 1.0).abs() < 1e-6);
        assert!((idf(1, 9, true) - (5f32.ln() + 1.0)).abs() < 1e-6);
        assert!((idf(2, 8, false) - (4f32.ln() + 1.0)).abs() < 1e-6);
    }

    #[test]
    fn terms_are_found_by_their_hash() {
        let v = Vocab::new(
            BlockKind::Word,
            vec!["mobile money".into(), "mobile".into()],
            vec![3, 5],
            vec![1.0, 1.0],
        );
        assert_eq!(v.index.get(BlockKind::Word.key("mobile")), Some(1));
        assert_eq!(v.index.get(BlockKind::Word.key("mobile money")), Some(0));
        assert_eq!(v.index.get(BlockKind::Word.key("money")), None);
    }
}
