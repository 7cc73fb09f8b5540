//! A per-featurizer cache of known words: for every unigram in the word vocabulary, its
//! feature index and the feature indices of its character n-grams, precomputed. Most tokens
//! of a text are frequent words, so the hot path usually does one lookup per word instead of
//! one per character n-gram. Derived from the vocabularies, never saved.

use super::hash;
use super::ngrams::char_ngrams;
use super::table::HashIndex;
use super::vocab::Vocab;

/// Precomputed features of the vocabulary's words.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordCache {
    index: HashIndex,
    unigram: Vec<u32>,
    spans: Vec<(u32, u32)>,
    char_features: Vec<u32>,
}

/// What the cache knows about one word.
pub(crate) struct CachedWord<'a> {
    /// The word's unigram feature index.
    pub(crate) unigram: u32,
    /// Its character n-gram feature indices (with the char block's offset), one per
    /// occurrence of the n-gram in the word.
    pub(crate) chars: &'a [u32],
}

impl WordCache {
    /// Builds the cache for the unigrams of `word`; character n-grams (lengths `range`) are
    /// looked up in `char_vocab`, whose indices start at `char_offset`.
    pub(crate) fn new(
        word: &Vocab,
        char_vocab: &Vocab,
        range: Option<(usize, usize)>,
        char_offset: u32,
    ) -> Self {
        let mut c = WordCache::default();
        let mut keys = Vec::new();
        let mut scratch = Vec::new();
        for (i, term) in word
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.contains(' '))
        {
            keys.push(hash::word(term));
            c.unigram.push(i as u32);
            let start = c.char_features.len() as u32;
            if let Some(r) = range {
                char_ngrams(term, r, &mut scratch, |h, _| {
                    if let Some(j) = char_vocab.index.get(h) {
                        c.char_features.push(char_offset + j);
                    }
                });
            }
            c.spans.push((start, c.char_features.len() as u32));
        }
        c.index = HashIndex::new(&keys);
        c
    }

    /// The cached features of the word hashed `h`, if it is a vocabulary unigram.
    #[inline]
    pub(crate) fn get(&self, h: u64) -> Option<CachedWord<'_>> {
        let slot = self.index.get(h)? as usize;
        let (a, b) = self.spans[slot];
        Some(CachedWord {
            unigram: self.unigram[slot],
            chars: &self.char_features[a as usize..b as usize],
        })
    }
}
