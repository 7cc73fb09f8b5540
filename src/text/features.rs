//! The TF-IDF [`Featurizer`]: word n-grams and character n-grams with a vocabulary and IDF
//! frozen at fit time, plus any extra [`FeatureBlock`]s appended after them.
//!
//! Feature indices are laid out block after block: word n-grams `0..w`, character n-grams
//! `w..w+c`, then each extra block in the order it was added. Within the word and character
//! blocks, features are sorted by (document frequency descending, term ascending).
//!
//! Feature names ([`Featurizer::feature_name`]) are readable:
//! - a word n-gram is its words joined by a space: `mobile money`;
//! - a character n-gram is shown in square brackets with `#` marking a word boundary:
//!   `[#gov]` (start of a word), `[ment#]` (end), `[ernm]` (inside), `[#e#]` (the word `e`);
//! - a feature of an extra block is `block:name`, for example `lexicon:mobile money`.

use super::block::FeatureBlock;
use super::cache::WordCache;
use super::config::FeatureConfig;
use super::fit::{fit_vocabs, TermVisitor};
use super::gloss::Gloss;
use super::ngrams::{WORD_END, WORD_START};
use super::table::HashIndex;
use super::vocab::{BlockKind, Vocab};
use super::{hash, TextError};

/// Source of [`Featurizer::id`]s.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Text to sparse TF-IDF vectors, with a frozen vocabulary and IDF.
pub struct Featurizer {
    pub(crate) config: FeatureConfig,
    pub(crate) n_docs: u64,
    pub(crate) word: Vocab,
    pub(crate) char: Vocab,
    /// IDF of the word block followed by the character block.
    pub(crate) idf: Vec<f32>,
    pub(crate) stop: Option<HashIndex>,
    pub(crate) cache: WordCache,
    pub(crate) gloss: Option<Gloss>,
    pub(crate) extras: Vec<Box<dyn FeatureBlock>>,
    /// Start index of each extra block.
    pub(crate) extra_offsets: Vec<u32>,
    /// Unique per instance: tells per-thread memos which featurizer they belong to.
    pub(crate) id: u64,
}

impl std::fmt::Debug for Featurizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Featurizer")
            .field("config", &self.config)
            .field("n_docs", &self.n_docs)
            .field("word_features", &self.word.len())
            .field("char_features", &self.char.len())
            .field(
                "extras",
                &self
                    .extras
                    .iter()
                    .map(|b| b.name().to_string())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Featurizer {
    /// Learns the vocabularies and IDF from `texts` (in parallel; the result does not depend
    /// on the number of threads). Fails only if `config` is invalid.
    ///
    /// ```
    /// use landscape::text::{FeatureConfig, Featurizer};
    /// let texts = ["Mobile money for farmers", "mobile money agents", "Rural roads"];
    /// let f = Featurizer::fit(&texts, &FeatureConfig::default()).unwrap();
    /// let v = f.transform("MOBILE money!");
    /// let names: Vec<String> = v.indices.iter().map(|&i| f.feature_name(i)).collect();
    /// assert!(names.contains(&"mobile money".to_string()));
    /// assert!(names.contains(&"[#mob]".to_string()));
    /// ```
    pub fn fit(texts: &[&str], config: &FeatureConfig) -> Result<Featurizer, TextError> {
        let config = config.validated()?;
        let stop = stop_index(&config);
        let visitor = TermVisitor {
            config: &config,
            stop: stop.as_ref(),
        };
        let (word, char) = fit_vocabs(texts, &visitor);
        Ok(Featurizer::from_parts(
            config,
            texts.len() as u64,
            word,
            char,
        ))
    }

    /// Assembles a featurizer from its frozen parts (used by fitting and loading).
    pub(crate) fn from_parts(config: FeatureConfig, n_docs: u64, word: Vocab, char: Vocab) -> Self {
        let idf = word.idf.iter().chain(&char.idf).copied().collect();
        let cache = WordCache::new(&word, &char, config.char_ngrams, word.len() as u32);
        Featurizer {
            stop: stop_index(&config),
            gloss: Gloss::new(&config.gloss, &word),
            config,
            n_docs,
            word,
            char,
            idf,
            cache,
            extras: Vec::new(),
            extra_offsets: Vec::new(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Appends an extra feature block after the existing features.
    pub fn with_block(mut self, block: Box<dyn FeatureBlock>) -> Self {
        self.extra_offsets.push(self.dim() as u32);
        self.extras.push(block);
        self
    }

    /// Total number of features (word, character and extra blocks).
    pub fn dim(&self) -> usize {
        self.tfidf_dim() + self.extras.iter().map(|b| b.dim()).sum::<usize>()
    }

    /// Number of word and character n-gram features (the TF-IDF part).
    pub(crate) fn tfidf_dim(&self) -> usize {
        self.word.len() + self.char.len()
    }

    /// Number of word n-gram features (indices `0..word_dim()`).
    pub fn word_dim(&self) -> usize {
        self.word.len()
    }

    /// Number of character n-gram features (indices after the word block).
    pub fn char_dim(&self) -> usize {
        self.char.len()
    }

    /// The configuration this featurizer was fitted with (stop words normalised).
    pub fn config(&self) -> &FeatureConfig {
        &self.config
    }

    /// Number of training documents.
    pub fn n_docs(&self) -> u64 {
        self.n_docs
    }

    /// The unigrams of the word vocabulary, in feature order (the `tokenizer.json` vocabulary).
    pub fn word_vocabulary(&self) -> Vec<&str> {
        self.word
            .terms
            .iter()
            .map(String::as_str)
            .filter(|t| !t.contains(' '))
            .collect()
    }

    /// The readable name of feature `idx` (see the module documentation for the notation).
    ///
    /// # Panics
    /// If `idx >= self.dim()`.
    pub fn feature_name(&self, idx: u32) -> String {
        let i = idx as usize;
        if i < self.word.len() {
            return self.word.terms[i].clone();
        }
        if i < self.tfidf_dim() {
            return char_name(&self.char.terms[i - self.word.len()]);
        }
        let b = self.extra_offsets.partition_point(|&o| o <= idx) - 1;
        format!(
            "{}:{}",
            self.extras[b].name(),
            self.extras[b].feature_name(idx - self.extra_offsets[b])
        )
    }

    /// Whether some word is glossed as feature `i` (see [`super::gloss`]).
    pub fn is_gloss_target(&self, i: u32) -> bool {
        self.gloss.as_ref().is_some_and(|g| g.is_target(i))
    }

    /// The words of `words` (normalised) that are glossed as feature `i` (see
    /// [`super::gloss`]), each once, in order of appearance; empty if none is.
    ///
    /// ```
    /// use landscape::text::{FeatureConfig, Featurizer};
    /// let config = FeatureConfig {
    ///     gloss: vec![("salud".into(), "health".into())],
    ///     ..Default::default()
    /// };
    /// let f = Featurizer::fit(&["health care", "health data"], &config).unwrap();
    /// let health = f.word_index("health").unwrap();
    /// assert_eq!(f.glossed_as(&["salud", "rural", "salud"], health), ["salud"]);
    /// ```
    pub fn glossed_as<'w>(&self, words: &[&'w str], i: u32) -> Vec<&'w str> {
        let hashes: Vec<u64> = words.iter().map(|w| hash::word(w)).collect();
        self.glossed_as_hashed(words, &hashes, i)
    }

    /// [`Featurizer::glossed_as`] given each word's hash too, as
    /// [`Featurizer::transform_then_with_block`] hands them out.
    pub fn glossed_as_hashed<'w>(&self, words: &[&'w str], hashes: &[u64], i: u32) -> Vec<&'w str> {
        let Some(g) = self.gloss.as_ref().filter(|g| g.is_target(i)) else {
            return Vec::new();
        };
        let mut out: Vec<&str> = Vec::new();
        for (&w, &h) in words.iter().zip(hashes) {
            if g.targets(h).contains(&i) && !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }

    /// The index of a word n-gram (words joined by one space, already normalised), if it is
    /// in the vocabulary.
    pub fn word_index(&self, term: &str) -> Option<u32> {
        self.word.index.get(BlockKind::Word.key(term))
    }
}

/// `[#gov]` notation of a stored character n-gram (`<gov`).
fn char_name(term: &str) -> String {
    let inner: String = term
        .chars()
        .map(|c| {
            if c == WORD_START || c == WORD_END {
                '#'
            } else {
                c
            }
        })
        .collect();
    format!("[{inner}]")
}

/// The lookup table of the stop words' hashes, if there are any.
fn stop_index(config: &FeatureConfig) -> Option<HashIndex> {
    if config.stop_words.is_empty() {
        return None;
    }
    let keys: Vec<u64> = config.stop_words.iter().map(|w| hash::word(w)).collect();
    Some(HashIndex::new(&keys))
}

#[cfg(test)]
#[path = "features_tests.rs"]
mod tests;
