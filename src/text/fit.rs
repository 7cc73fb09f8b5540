//! Learning the word and character vocabularies from training texts, in parallel.
//!
//! Two passes over the texts: the first counts document frequencies by term hash; the
//! second recovers the text of only those terms that can make the cut (document frequency at
//! least that of the `max_features`-th term). Vocabularies are then sorted by (document
//! frequency descending, term ascending), so the result is the same whatever the number of
//! threads. If two distinct terms ever share a 64-bit hash, they share one feature, named
//! after the smaller term.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::config::FeatureConfig;
use super::ngrams::{char_ngrams, word_ngrams};
use super::table::HashIndex;
use super::vocab::{idf, BlockKind, Vocab};
use super::{hash, normalize, words};

/// Texts per parallel work item.
const CHUNK: usize = 128;

/// Pass-through hasher: the keys are already well-mixed 64-bit hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes
            .iter()
            .fold(self.0, |h, &b| hash::finish(h ^ b as u64));
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Everything a pass needs to enumerate a text's terms.
pub(crate) struct TermVisitor<'a> {
    pub(crate) config: &'a FeatureConfig,
    /// Hashes of the stop words, if any.
    pub(crate) stop: Option<&'a HashIndex>,
}

impl TermVisitor<'_> {
    /// Calls `on_word(hash, words)` for every word n-gram and `on_char(hash, chars)` for every
    /// character n-gram occurrence in `text`.
    pub(crate) fn visit(
        &self,
        text: &str,
        on_word: &mut impl FnMut(u64, &[&str]),
        on_char: &mut impl FnMut(u64, &[char]),
    ) {
        let norm = normalize(text);
        let all: Vec<&str> = words(&norm).collect();
        if let Some(range) = self.config.char_ngrams {
            let mut chars = Vec::new();
            for w in &all {
                char_ngrams(w, range, &mut chars, &mut *on_char);
            }
        }
        let (kept, hashes): (Vec<&str>, Vec<u64>) = all
            .iter()
            .map(|w| (*w, hash::word(w)))
            .filter(|(_, h)| self.stop.is_none_or(|s| s.get(*h).is_none()))
            .unzip();
        word_ngrams(&hashes, self.config.word_ngrams, |h, s, n| {
            on_word(h, &kept[s..s + n])
        });
    }
}

/// Document frequencies by term hash, one map per block.
#[derive(Default)]
struct DfCounts {
    word: IdMap<u32>,
    char: IdMap<u32>,
}

/// Learns the word and character vocabularies of `texts`.
pub(crate) fn fit_vocabs(texts: &[&str], v: &TermVisitor) -> (Vocab, Vocab) {
    let counts = texts
        .par_chunks(CHUNK)
        .map(|chunk| count_chunk(chunk, v))
        .reduce(DfCounts::default, merge_counts);
    let cfg = v.config;
    let need_w = candidates(&counts.word, cfg.min_df, cfg.max_word_features);
    let need_c = candidates(&counts.char, cfg.min_df, cfg.max_char_features);
    drop(counts);
    let (names_w, names_c) = texts
        .par_chunks(CHUNK)
        .map(|chunk| name_chunk(chunk, v, &need_w, &need_c))
        .reduce(Default::default, |a, b| {
            (merge_names(a.0, b.0), merge_names(a.1, b.1))
        });
    let n = texts.len() as u64;
    (
        build(
            BlockKind::Word,
            need_w,
            names_w,
            cfg.max_word_features,
            n,
            cfg.smooth_idf,
        ),
        build(
            BlockKind::Char,
            need_c,
            names_c,
            cfg.max_char_features,
            n,
            cfg.smooth_idf,
        ),
    )
}

fn count_chunk(chunk: &[&str], v: &TermVisitor) -> DfCounts {
    let mut out = DfCounts::default();
    let (mut wb, mut cb) = (Vec::new(), Vec::new());
    for text in chunk {
        v.visit(text, &mut |h, _| wb.push(h), &mut |h, _| cb.push(h));
        add_doc(&mut out.word, &mut wb);
        add_doc(&mut out.char, &mut cb);
    }
    out
}

/// Counts each distinct hash of one document once, and empties `hashes`.
fn add_doc(map: &mut IdMap<u32>, hashes: &mut Vec<u64>) {
    hashes.sort_unstable();
    hashes.dedup();
    for &h in hashes.iter() {
        *map.entry(h).or_insert(0) += 1;
    }
    hashes.clear();
}

fn merge_counts(a: DfCounts, b: DfCounts) -> DfCounts {
    DfCounts {
        word: merge_map(a.word, b.word, |x, y| *x += y),
        char: merge_map(a.char, b.char, |x, y| *x += y),
    }
}

/// Merges the smaller map into the larger one.
fn merge_map<V>(a: IdMap<V>, b: IdMap<V>, mut f: impl FnMut(&mut V, V)) -> IdMap<V> {
    let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    for (k, v) in small {
        match big.get_mut(&k) {
            Some(x) => f(x, v),
            None => {
                big.insert(k, v);
            }
        }
    }
    big
}

fn merge_names(a: IdMap<String>, b: IdMap<String>) -> IdMap<String> {
    merge_map(a, b, |x, y| {
        if y < *x {
            *x = y;
        }
    })
}

/// Terms (hash -> df) that may make the top `max`: df >= min_df and >= the max-th largest df.
fn candidates(df: &IdMap<u32>, min_df: u32, max: usize) -> IdMap<u32> {
    let mut dfs: Vec<u32> = df.values().copied().filter(|&d| d >= min_df).collect();
    if max == 0 {
        return IdMap::default();
    }
    let threshold = if dfs.len() > max {
        *dfs.select_nth_unstable_by(max - 1, |a, b| b.cmp(a)).1
    } else {
        min_df
    };
    df.iter()
        .filter(|(_, &d)| d >= threshold)
        .map(|(&h, &d)| (h, d))
        .collect()
}

fn name_chunk(
    chunk: &[&str],
    v: &TermVisitor,
    need_w: &IdMap<u32>,
    need_c: &IdMap<u32>,
) -> (IdMap<String>, IdMap<String>) {
    let (mut nw, mut nc) = (IdMap::<String>::default(), IdMap::<String>::default());
    for text in chunk {
        let mut on_word = |h, ws: &[&str]| {
            if need_w.contains_key(&h) {
                keep_smaller(
                    &mut nw,
                    h,
                    || ws.join(" "),
                    |s| s.split(' ').eq(ws.iter().copied()),
                );
            }
        };
        let mut on_char = |h, cs: &[char]| {
            if need_c.contains_key(&h) {
                keep_smaller(
                    &mut nc,
                    h,
                    || cs.iter().collect(),
                    |s| s.chars().eq(cs.iter().copied()),
                );
            }
        };
        v.visit(text, &mut on_word, &mut on_char);
    }
    (nw, nc)
}

/// Records the name of `h`, keeping the smaller one if two distinct terms share the hash.
fn keep_smaller(
    names: &mut IdMap<String>,
    h: u64,
    make: impl FnOnce() -> String,
    same: impl FnOnce(&str) -> bool,
) {
    match names.get_mut(&h) {
        None => {
            names.insert(h, make());
        }
        Some(old) if !same(old) => {
            let new = make();
            if new < *old {
                *old = new;
            }
        }
        Some(_) => {}
    }
}

fn build(
    kind: BlockKind,
    need: IdMap<u32>,
    mut names: IdMap<String>,
    max: usize,
    n: u64,
    smooth: bool,
) -> Vocab {
    let mut rows: Vec<(u32, String)> = need
        .into_iter()
        .map(|(h, d)| {
            (
                d,
                names.remove(&h).expect("every counted term is seen again"),
            )
        })
        .collect();
    rows.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    rows.truncate(max);
    let df: Vec<u32> = rows.iter().map(|r| r.0).collect();
    let idf = df.iter().map(|&d| idf(d, n, smooth)).collect();
    Vocab::new(kind, rows.into_iter().map(|r| r.1).collect(), df, idf)
}
