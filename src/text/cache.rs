//! A per-featurizer cache of known words: for every unigram in the word vocabulary, its
//! feature index and the feature indices of its character n-grams, precomputed. Most tokens
//! of a text are frequent words, so the hot path usually does one lookup per word (one cache
//! line: key, unigram and span share a slot) instead of one per character n-gram. Derived
//! from the vocabularies, never saved.

use super::hash;
use super::ngrams::char_ngrams;
use super::vocab::Vocab;

/// Slot marker meaning "empty".
const EMPTY: u32 = u32::MAX;

/// One open-addressing slot: the word's hash, unigram index and char-feature span.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    unigram: u32,
    start: u32,
    end: u32,
}

/// Precomputed features of the vocabulary's words.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordCache {
    slots: Vec<Slot>,
    mask: usize,
    char_features: Vec<u32>,
}

/// What the cache knows about one word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CachedWord {
    /// The word's unigram feature index.
    pub(crate) unigram: u32,
    start: u32,
    end: u32,
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
        let unigrams: Vec<(usize, &String)> = word
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.contains(' '))
            .collect();
        let cap = (unigrams.len() * 2).next_power_of_two().max(16);
        let empty = Slot {
            key: 0,
            unigram: EMPTY,
            start: 0,
            end: 0,
        };
        let mut c = WordCache {
            slots: vec![empty; cap],
            mask: cap - 1,
            char_features: Vec::new(),
        };
        let mut scratch = Vec::new();
        for (i, term) in unigrams {
            let start = c.char_features.len() as u32;
            if let Some(r) = range {
                char_ngrams(term, r, &mut scratch, |h, _| {
                    if let Some(j) = char_vocab.index.get(h) {
                        c.char_features.push(char_offset + j);
                    }
                });
            }
            let end = c.char_features.len() as u32;
            c.insert(Slot {
                key: hash::word(term),
                unigram: i as u32,
                start,
                end,
            });
        }
        c
    }

    fn insert(&mut self, slot: Slot) {
        let mut pos = slot.key as usize & self.mask;
        while self.slots[pos].unigram != EMPTY {
            if self.slots[pos].key == slot.key {
                return;
            }
            pos = (pos + 1) & self.mask;
        }
        self.slots[pos] = slot;
    }

    /// The cached features of the word hashed `h`, if it is a vocabulary unigram.
    #[inline]
    pub(crate) fn get(&self, h: u64) -> Option<CachedWord> {
        let mut pos = h as usize & self.mask;
        loop {
            let s = self.slots[pos];
            if s.unigram == EMPTY {
                return None;
            }
            if s.key == h {
                return Some(CachedWord {
                    unigram: s.unigram,
                    start: s.start,
                    end: s.end,
                });
            }
            pos = (pos + 1) & self.mask;
        }
    }

    /// The word's character n-gram feature indices (with the char block's offset), one per
    /// occurrence of the n-gram in the word.
    #[inline]
    pub(crate) fn chars(&self, c: CachedWord) -> &[u32] {
        &self.char_features[c.start as usize..c.end as usize]
    }
}
