//! The curated keyword lexicon: concepts (digital information systems, connectivity, digital ID,
//! health, climate, ...) each with multilingual phrases, written from the definitions in
//! `LABELS.md` and `TAXONOMY.md`. It is a [`FeatureBlock`]: each concept is one feature,
//! `scale * ln(1 + matches)`, so the linear heads learn how much each concept counts and the
//! evidence can name the concept. Phrases match whole normalised words; a trailing `*` matches
//! any word with that prefix.

use rustc_hash::FxHashMap as HashMap;

use crate::text::{word_hash, FeatureBlock, HashIndex, KeyFilter as Filter};

/// The lexicon shipped with landscape.
pub const DEFAULT_LEXICON: &str = include_str!("lexicon.txt");

#[derive(Debug, Clone)]
struct Phrase {
    concept: u32,
    /// Words after the first; each may end in `*`.
    rest: Vec<String>,
}

/// Concepts and their phrases, indexed by the phrase's first word (exact or prefix).
#[derive(Debug, Clone)]
pub struct Lexicon {
    names: Vec<String>,
    /// Phrases by their first word (the word, then its phrases), found through `exact_index`
    /// by the word's hash.
    exact: Vec<(String, Vec<Phrase>)>,
    exact_index: HashIndex,
    /// Prefix phrases keyed by the first three bytes of their stem (shorter stems: key as is),
    /// found through `prefix_index` by the key's hash.
    prefix: Vec<Vec<(String, Phrase)>>,
    prefix_index: HashIndex,
    /// Filters of the two tables' keys, checked before probing them.
    exact_filter: Filter,
    prefix_filter: Filter,
    /// The byte lengths (1 to 3) of the keys in `prefix`, in order, so a word is looked up
    /// only at those (the shipped lexicon's stems all have three bytes or more). A bare `*`
    /// matches nothing, as before this index existed.
    prefix_lens: Vec<usize>,
    scale: f32,
    source: String,
}

/// A lexicon line that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("lexicon line {line}: {reason}")]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// The lexicon being parsed: phrases grouped by their first word or prefix key.
#[derive(Default)]
struct Builder {
    names: Vec<String>,
    exact: HashMap<String, Vec<Phrase>>,
    prefix: HashMap<String, Vec<(String, Phrase)>>,
    prefix_lens: Vec<usize>,
}

impl Builder {
    fn add_phrase(&mut self, concept: u32, phrase: &str) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let p = Phrase {
            concept,
            rest: rest.to_vec(),
        };
        match first.strip_suffix('*') {
            Some(stem) => {
                let key = key(stem);
                if !key.is_empty() && !self.prefix_lens.contains(&key.len()) {
                    self.prefix_lens.push(key.len());
                    self.prefix_lens.sort_unstable();
                }
                self.prefix
                    .entry(key.to_string())
                    .or_default()
                    .push((stem.to_string(), p))
            }
            None => self.exact.entry(first.clone()).or_default().push(p),
        }
    }

    /// The lexicon, its groups in a fixed order (sorted by word and key) behind hash tables.
    fn build(self, scale: f32, src: &str) -> Lexicon {
        let mut exact: Vec<(String, Vec<Phrase>)> = self.exact.into_iter().collect();
        exact.sort_by(|a, b| a.0.cmp(&b.0));
        let keys: Vec<u64> = exact.iter().map(|(w, _)| word_hash(w)).collect();
        let mut prefix: Vec<(String, Vec<(String, Phrase)>)> = self.prefix.into_iter().collect();
        prefix.sort_by(|a, b| a.0.cmp(&b.0));
        let prefix_keys: Vec<u64> = prefix.iter().map(|(k, _)| prefix_key(k)).collect();
        Lexicon {
            names: self.names,
            exact_filter: Filter::new(&keys),
            prefix_filter: Filter::new(&prefix_keys),
            exact_index: HashIndex::new(&keys),
            exact,
            prefix_index: HashIndex::new(&prefix_keys),
            prefix: prefix.into_iter().map(|(_, g)| g).collect(),
            prefix_lens: self.prefix_lens,
            scale,
            source: src.to_string(),
        }
    }
}

impl Lexicon {
    /// Parses `concept: phrase | phrase*` lines (`#` starts a comment).
    pub fn parse(src: &str, scale: f32) -> Result<Lexicon, LexiconError> {
        let mut b = Builder::default();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, phrases) = line.split_once(':').ok_or_else(|| LexiconError {
                line: i + 1,
                reason: "expected `concept: phrase | phrase`".into(),
            })?;
            let concept = b.names.len() as u32;
            b.names.push(name.trim().to_string());
            let mut seen = std::collections::HashSet::new();
            for p in phrases.split('|') {
                let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
                if seen.insert(p.clone()) {
                    b.add_phrase(concept, &p);
                }
            }
        }
        Ok(b.build(scale, src))
    }

    /// The shipped lexicon with feature scale `scale`.
    pub fn default_with_scale(scale: f32) -> Lexicon {
        Lexicon::parse(DEFAULT_LEXICON, scale).expect("the shipped lexicon parses")
    }

    /// The text the lexicon was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The feature scale.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Concept names, in feature order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Index of a concept by name.
    pub fn concept(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|i| i as u32)
    }

    /// Every match as `(concept, first word index, word count)`, in text order.
    pub fn matches(&self, words: &[&str]) -> Vec<(u32, usize, usize)> {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        self.matches_hashed(words, &hashes)
    }

    /// [`Lexicon::matches`] given each word's [`word_hash`] too (`hashes[i]` is the hash of
    /// `words[i]`), as the featurizer has computed them already.
    pub fn matches_hashed(&self, words: &[&str], hashes: &[u64]) -> Vec<(u32, usize, usize)> {
        debug_assert_eq!(words.len(), hashes.len());
        let mut out = Vec::new();
        for (i, (w, &h)) in words.iter().zip(hashes).enumerate() {
            if self.exact_filter.may_hold(h) {
                if let Some((first, ps)) = self.exact_index.get(h).map(|g| &self.exact[g as usize])
                {
                    if first == w {
                        push_matches(ps.iter(), words, i, &mut out);
                    }
                }
            }
            for &n in &self.prefix_lens {
                if n > w.len() || !w.is_char_boundary(n) {
                    continue;
                }
                let k = prefix_key(&w[..n]);
                if !self.prefix_filter.may_hold(k) {
                    continue;
                }
                if let Some(g) = self.prefix_index.get(k) {
                    let ps = self.prefix[g as usize]
                        .iter()
                        .filter(|(stem, _)| w.starts_with(stem.as_str()))
                        .map(|(_, p)| p);
                    push_matches(ps, words, i, &mut out);
                }
            }
        }
        out
    }

    /// The block's features (see [`FeatureBlock::features`]) from [`Lexicon::matches`] already
    /// found: `scale × ln(1 + count)` per concept matched.
    pub fn features_of_matches(&self, matches: &[(u32, usize, usize)], out: &mut Vec<(u32, f32)>) {
        for (i, c) in self.counts_of(matches).into_iter().enumerate() {
            if c > 0 {
                out.push((i as u32, self.scale * (1.0 + c as f32).ln()));
            }
        }
    }

    /// Match counts per concept.
    pub fn counts(&self, words: &[&str]) -> Vec<u32> {
        self.counts_of(&self.matches(words))
    }

    /// Counts per concept of matches already found.
    fn counts_of(&self, matches: &[(u32, usize, usize)]) -> Vec<u32> {
        let mut counts = vec![0u32; self.names.len()];
        matches.iter().for_each(|m| counts[m.0 as usize] += 1);
        counts
    }
}

/// Pushes `(concept, i, length)` for each phrase of `phrases` (all starting with word `i`)
/// whose other words follow.
fn push_matches<'p>(
    phrases: impl Iterator<Item = &'p Phrase>,
    words: &[&str],
    i: usize,
    out: &mut Vec<(u32, usize, usize)>,
) {
    for p in phrases {
        if rest_matches(&p.rest, &words[i + 1..]) {
            out.push((p.concept, i, p.rest.len() + 1));
        }
    }
}

/// The hash of a prefix key (one to three bytes): the bytes and the length packed into one
/// integer, then mixed.
fn prefix_key(key: &str) -> u64 {
    let packed = key
        .bytes()
        .fold(key.len() as u64, |acc, b| acc << 8 | b as u64);
    crate::text::mix_hash(packed)
}

/// The index key of a prefix stem: its first three bytes (or all of it when shorter).
fn key(stem: &str) -> &str {
    let mut n = stem.len().min(3);
    while !stem.is_char_boundary(n) {
        n -= 1;
    }
    &stem[..n]
}

fn rest_matches(rest: &[String], words: &[&str]) -> bool {
    rest.len() <= words.len()
        && rest
            .iter()
            .zip(words)
            .all(|(p, w)| match p.strip_suffix('*') {
                Some(stem) => w.starts_with(stem),
                None => p == w,
            })
}

impl FeatureBlock for Lexicon {
    fn name(&self) -> &str {
        "lexicon"
    }

    fn dim(&self) -> usize {
        self.names.len()
    }

    fn features(&self, _normalized: &str, words: &[&str], out: &mut Vec<(u32, f32)>) {
        self.features_of_matches(&self.matches(words), out);
    }

    fn feature_name(&self, i: u32) -> String {
        self.names[i as usize].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn matches_exact_prefix_and_multiword_phrases() {
        let lex = Lexicon::parse("a: information system* | gis\nb: digit*", 1.0).unwrap();
        let w = words("national information systems and gis for digitalisation");
        assert_eq!(lex.counts(&w), vec![2, 1]);
        assert_eq!(lex.matches(&w)[0], (0, 1, 2));
        assert_eq!(lex.counts(&words("information")), vec![0, 0]);
    }

    #[test]
    fn stems_shorter_than_the_index_key_still_match_and_a_bare_star_matches_nothing() {
        let lex = Lexicon::parse("a: x* | ab*\nb: *\nc: abcd*", 1.0).unwrap();
        let w = words("xylophone ab abcde b");
        assert_eq!(
            lex.matches(&w),
            vec![(0, 0, 1), (0, 1, 1), (0, 2, 1), (2, 2, 1)]
        );
    }

    #[test]
    fn shipped_lexicon_parses_and_scales_log_counts() {
        let lex = Lexicon::default_with_scale(2.0);
        let id = lex.concept("dig_id").unwrap();
        let mut out = Vec::new();
        lex.features(
            "",
            &words("support to civil registration and biometric voter registration"),
            &mut out,
        );
        let v = out.iter().find(|(i, _)| *i == id).unwrap().1;
        assert!((v - 2.0 * 4f32.ln()).abs() < 1e-5, "{v}");
    }

    #[test]
    fn bad_line_is_an_error_with_its_number() {
        let err = Lexicon::parse("# c\nno colon here", 1.0).unwrap_err();
        assert_eq!(err.line, 2);
    }
}
