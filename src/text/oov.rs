//! A per-thread memo of the character n-gram features of words outside the word vocabulary
//! (names, numbers, German compounds...). Such words recur across the documents of a batch;
//! remembering their features replaces one vocabulary lookup per n-gram by one lookup per
//! word. The memo only saves time: results are the same with or without it. It belongs to
//! one featurizer at a time (by id) and is emptied when full.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::fit::IdHasher;

/// Most words remembered before the memo is emptied.
const MAX_WORDS: usize = 1 << 16;

/// Remembered char-feature lists of out-of-vocabulary words, by word hash.
#[derive(Debug, Default)]
pub(crate) struct OovMemo {
    owner: u64,
    spans: HashMap<u64, (u32, u32), BuildHasherDefault<IdHasher>>,
    features: Vec<u32>,
}

impl OovMemo {
    /// The features of the word hashed `h` for featurizer `owner`, computed by `compute`
    /// (which appends them to the given vector) the first time.
    pub(crate) fn get(
        &mut self,
        owner: u64,
        h: u64,
        compute: impl FnOnce(&mut Vec<u32>),
    ) -> &[u32] {
        if self.owner != owner || self.spans.len() >= MAX_WORDS {
            self.spans.clear();
            self.features.clear();
            self.owner = owner;
        }
        let (a, b) = match self.spans.get(&h) {
            Some(&span) => span,
            None => {
                let a = self.features.len() as u32;
                compute(&mut self.features);
                let span = (a, self.features.len() as u32);
                self.spans.insert(h, span);
                span
            }
        };
        &self.features[a as usize..b as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_word_and_owner() {
        let mut m = OovMemo::default();
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                m.get(1, 42, |v| {
                    calls += 1;
                    v.extend([7, 8])
                }),
                [7, 8]
            );
        }
        assert_eq!(calls, 1);
        assert_eq!(m.get(2, 42, |v| v.push(9)), [9]);
        assert_eq!(m.get(2, 43, |_| {}), [] as [u32; 0]);
    }
}
