//! The hot path: one text to one sparse vector, using only the text and the frozen
//! vocabularies (never other documents of a batch). No allocation per token: scratch buffers
//! live in a thread-local and are reused; known words take their character n-grams from the
//! [`super::cache::WordCache`].

use std::cell::RefCell;

use rayon::prelude::*;

use super::accum::Accumulator;
use super::cache::CachedWord;
use super::features::Featurizer;
use super::ngrams::{char_ngrams, word_ngrams};
use super::normalize::normalize_spans_into;
use super::oov::OovMemo;
use super::{hash, SparseVec};

/// `1 + ln(tf)` for small term frequencies, to avoid a logarithm per feature.
const SUBLINEAR_TABLE: usize = 64;

/// Reusable per-thread buffers.
#[derive(Default)]
struct Scratch {
    norm: String,
    spans: Vec<(u32, u32)>,
    hashes: Vec<u64>,
    word_hashes: Vec<u64>,
    gram_hashes: Vec<u64>,
    found: Vec<Option<CachedWord>>,
    chars: Vec<char>,
    extra: Vec<(u32, f32)>,
    extra_all: Vec<(u32, f32)>,
    acc: Accumulator,
    oov: OovMemo,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Featurizer {
    /// The feature vector of `text`: TF-IDF of word and character n-grams, then the extra
    /// blocks' raw values; by default the TF-IDF part is scaled to unit L2 norm (extra blocks keep
    /// their own scale).
    pub fn transform(&self, text: &str) -> SparseVec {
        self.transform_then(text, |v, _| v)
    }

    /// [`Featurizer::transform`] of each text, in parallel; `out[i]` is exactly
    /// `self.transform(texts[i])`.
    pub fn transform_batch(&self, texts: &[&str]) -> Vec<SparseVec> {
        texts.par_iter().map(|t| self.transform(t)).collect()
    }

    /// [`Featurizer::transform`], then `then(vector, words)` with the words of the normalised
    /// text, so a caller that also reads the words does not normalise the text a second time.
    pub fn transform_then<R>(&self, text: &str, then: impl FnOnce(SparseVec, &[&str]) -> R) -> R {
        with_words(text, |norm, ws| {
            let v = SCRATCH.with(|s| {
                let s = &mut s.borrow_mut();
                self.featurize(ws, s, |ws, s| self.count_extras(norm, ws, s))
                    .0
            });
            then(v, ws)
        })
    }

    /// [`Featurizer::transform_then`] for a featurizer with one extra block that the caller
    /// computes itself: `block(words, hashes, out)` fills that block's features (indices within
    /// the block, as [`super::FeatureBlock::features`] gives them) and returns what it found,
    /// which `then` receives as well, so work the two share is done once. `block` and `then`
    /// are given the words and their 64-bit hashes (the vocabularies' word hash of each,
    /// computed once for the n-grams), not the normalised text. Panics unless the featurizer
    /// has exactly one extra block.
    pub fn transform_then_with_block<M, R>(
        &self,
        text: &str,
        block: impl FnOnce(&[&str], &[u64], &mut Vec<(u32, f32)>) -> M,
        then: impl FnOnce(SparseVec, &[&str], &[u64], M) -> R,
    ) -> R {
        assert_eq!(self.extras.len(), 1, "the featurizer has one extra block");
        let offset = self.extra_offsets[0];
        with_words(text, |_, ws| {
            let (v, found, hashes) = SCRATCH.with(|s| {
                let s = &mut s.borrow_mut();
                let (v, found) = self.featurize(ws, s, |ws, s| {
                    s.extra_all.clear();
                    let found = block(ws, &s.word_hashes, &mut s.extra_all);
                    s.extra_all.iter_mut().for_each(|p| p.0 += offset);
                    found
                });
                (v, found, std::mem::take(&mut s.word_hashes))
            });
            // The scratch is not borrowed while `then` runs; the hashes' buffer goes back after.
            let r = then(v, ws, &hashes, found);
            SCRATCH.with(|s| s.borrow_mut().word_hashes = hashes);
            r
        })
    }

    /// Counts the n-grams of the words `ws`, lets `extras` put the extra features into
    /// `s.extra_all`, and weighs everything into the vector.
    fn featurize<M>(
        &self,
        ws: &[&str],
        s: &mut Scratch,
        extras: impl FnOnce(&[&str], &mut Scratch) -> M,
    ) -> (SparseVec, M) {
        s.acc.ensure(self.tfidf_dim());
        self.count_words(ws, s);
        let found = extras(ws, s);
        (self.weigh(s), found)
    }

    /// Unigrams and character n-grams word by word, then longer word n-grams. Lookups are
    /// done in tight loops of independent iterations (all words, then all n-grams) so that
    /// the CPU overlaps their cache misses.
    fn count_words(&self, ws: &[&str], s: &mut Scratch) {
        s.word_hashes.clear();
        s.word_hashes.extend(ws.iter().map(|w| hash::word(w)));
        s.found.clear();
        s.found
            .extend(s.word_hashes.iter().map(|&h| self.cache.get(h)));
        s.hashes.clear();
        let char_offset = self.word.len() as u32;
        for (i, w) in ws.iter().enumerate() {
            let h = s.word_hashes[i];
            if let Some(c) = s.found[i] {
                s.acc.add(c.unigram);
                self.cache.chars(c).iter().for_each(|&i| s.acc.add(i));
                s.hashes.push(h);
                continue;
            }
            if let Some(range) = self.config.char_ngrams {
                let (chars, char) = (&mut s.chars, &self.char);
                let feats = s.oov.get(self.id, h, |out| {
                    char_ngrams(w, range, chars, |g, _| {
                        out.extend(char.index.get(g).map(|i| char_offset + i));
                    })
                });
                feats.iter().for_each(|&i| s.acc.add(i));
            }
            if self.stop.as_ref().is_none_or(|st| st.get(h).is_none()) {
                s.hashes.push(h);
            }
        }
        if let Some(g) = &self.gloss {
            let repeat = self.config.gloss_repeat;
            for &h in &s.word_hashes {
                for &t in g.targets(h) {
                    (0..repeat).for_each(|_| s.acc.add(t));
                }
            }
        }
        let (lo, hi) = self.config.word_ngrams;
        if hi >= 2 {
            s.gram_hashes.clear();
            let grams = &mut s.gram_hashes;
            word_ngrams(&s.hashes, (lo.max(2), hi), |g, _, _| grams.push(g));
            for &g in &s.gram_hashes {
                if let Some(i) = self.word.index.get(g) {
                    s.acc.add(i);
                }
            }
        }
    }

    /// Collects the extra blocks' features, shifted to their offsets, into `s.extra_all`.
    fn count_extras(&self, norm: &str, ws: &[&str], s: &mut Scratch) {
        s.extra_all.clear();
        for (block, &offset) in self.extras.iter().zip(&self.extra_offsets) {
            s.extra.clear();
            block.features(norm, ws, &mut s.extra);
            for &(i, v) in &s.extra {
                debug_assert!(
                    (i as usize) < block.dim(),
                    "{} gave index {i}",
                    block.name()
                );
                s.extra_all.push((offset + i, v));
            }
        }
    }

    /// Turns the accumulated counts into weights and the final vector: the TF-IDF part is
    /// written straight into the vector while its squared norm is summed, then scaled.
    fn weigh(&self, s: &mut Scratch) -> SparseVec {
        let sublinear = self.config.sublinear_tf;
        let table = sublinear_table();
        let n = s.acc.touched() + s.extra_all.len();
        let mut out = SparseVec {
            indices: Vec::with_capacity(n),
            values: Vec::with_capacity(n),
        };
        let mut squares = 0.0f32;
        s.acc.drain(
            |i, c| {
                let tf = if !sublinear {
                    c as f32
                } else if (c as usize) < SUBLINEAR_TABLE {
                    table[c as usize]
                } else {
                    1.0 + (c as f32).ln()
                };
                tf * self.idf[i as usize]
            },
            |i, v| {
                out.indices.push(i);
                out.values.push(v);
                squares += v * v;
            },
        );
        // Only the TF-IDF part (all non-zero) is scaled to unit length: extra blocks keep the
        // scale they chose.
        let norm = squares.sqrt();
        if self.config.l2_normalize && norm > 0.0 {
            out.values.iter_mut().for_each(|v| *v /= norm);
        }
        // Extra features come after every n-gram index: sort them, sum duplicates, append
        // the non-zero sums.
        s.extra_all.sort_unstable_by_key(|p| p.0);
        let mut k = 0;
        while k < s.extra_all.len() {
            let (i, mut v) = s.extra_all[k];
            k += 1;
            while k < s.extra_all.len() && s.extra_all[k].0 == i {
                v += s.extra_all[k].1;
                k += 1;
            }
            if v != 0.0 {
                out.indices.push(i);
                out.values.push(v);
            }
        }
        out
    }
}

/// Calls `f(normalised text, its words)` for `text`, normalising into this thread's reusable
/// buffer. The scratch is not borrowed while `f` runs (so `f` may featurize), and the buffer is
/// handed back afterwards.
fn with_words<R>(text: &str, f: impl FnOnce(&str, &[&str]) -> R) -> R {
    let (mut norm, mut spans) = SCRATCH.with(|s| {
        let s = &mut s.borrow_mut();
        (std::mem::take(&mut s.norm), std::mem::take(&mut s.spans))
    });
    normalize_spans_into(text, &mut norm, &mut spans);
    let ws: Vec<&str> = spans
        .iter()
        .map(|&(a, b)| &norm[a as usize..b as usize])
        .collect();
    let r = f(&norm, &ws);
    drop(ws);
    SCRATCH.with(|s| {
        let s = &mut s.borrow_mut();
        if s.norm.capacity() < norm.capacity() {
            s.norm = norm;
        }
        if s.spans.capacity() < spans.capacity() {
            s.spans = spans;
        }
    });
    r
}

/// `table[tf] = 1 + ln(tf)` (and 0 for tf = 0).
fn sublinear_table() -> &'static [f32; SUBLINEAR_TABLE] {
    static TABLE: std::sync::OnceLock<[f32; SUBLINEAR_TABLE]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|tf| if tf == 0 { 0.0 } else { 1.0 + (tf as f32).ln() })
    })
}
