//! Saving and loading a fitted [`Featurizer`] as a directory of three files:
//!
//! - `features.json`: format name and version, the [`FeatureConfig`], block sizes;
//! - `features.bin`: the vocabularies, little-endian: magic `LSTXFEAT`, `u32` version,
//!   `u64` training documents, then for the word block and the character block a `u32` term
//!   count and per term `u32` byte length, UTF-8 bytes, `u32` df, `f32` IDF; last, the
//!   SHA-256 of everything before it;
//! - `tokenizer.json`: the `tokenizers` pipeline with the word vocabulary
//!   ([`super::tokenizer::build_tokenizer`]).
//!
//! Each file is written to a temporary file in the directory and renamed into place, so a
//! crash never leaves a half-written file under a final name. Identical featurizers give
//! byte-identical files. Extra feature blocks are code and are not saved.

use std::fs;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::binfmt::{decode_vocabs, encode_vocabs};
use super::config::FeatureConfig;
use super::features::Featurizer;
use super::tokenizer::{build_tokenizer, normalizer, pre_tokenizer, UNK_TOKEN};
use super::vocab::{BlockKind, Vocab};
use super::TextError;

/// Name of the configuration file.
pub const FEATURES_JSON: &str = "features.json";
/// Name of the vocabulary file.
pub const FEATURES_BIN: &str = "features.bin";
/// Name of the tokenizer file.
pub const TOKENIZER_JSON: &str = "tokenizer.json";
/// Format version written and read by this build.
pub const FORMAT_VERSION: u32 = 1;
const FORMAT_NAME: &str = "landscape-text-features";

/// The content of `features.json`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    format: String,
    version: u32,
    n_docs: u64,
    word_features: usize,
    char_features: usize,
    config: FeatureConfig,
}

impl Featurizer {
    /// Writes `features.json`, `features.bin` and `tokenizer.json` into `dir` (created if
    /// missing), replacing any previous version of those files.
    pub fn save(&self, dir: &Path) -> Result<(), TextError> {
        fs::create_dir_all(dir).map_err(|e| TextError::io(dir, e))?;
        let meta = Meta {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            n_docs: self.n_docs,
            word_features: self.word.len(),
            char_features: self.char.len(),
            config: self.config.clone(),
        };
        let json = serde_json::to_vec_pretty(&meta).expect("the config serialises");
        let bin = encode_vocabs(self.n_docs, &self.word, &self.char);
        let tok = build_tokenizer(&self.word_vocabulary())?
            .to_string(true)
            .map_err(|e| TextError::corrupt(dir.join(TOKENIZER_JSON), e.to_string()))?;
        write_atomic(&dir.join(FEATURES_JSON), &json)?;
        write_atomic(&dir.join(FEATURES_BIN), &bin)?;
        write_atomic(&dir.join(TOKENIZER_JSON), tok.as_bytes())
    }

    /// Reads a featurizer saved by [`Featurizer::save`]. Errors name the file and what is
    /// wrong with it (missing, truncated, bad magic, unsupported version, checksum, mismatch).
    pub fn load(dir: &Path) -> Result<Featurizer, TextError> {
        Self::load_with(dir, &|name| fs::read(dir.join(name)))
    }

    /// [`Featurizer::load`] with the directory's files (by name) given by `read`: for a caller
    /// that has read them already.
    pub fn load_with(dir: &Path, read: &FileReader<'_>) -> Result<Featurizer, TextError> {
        let f = Self::load_verified(dir, read)?;
        let file = |name: &str| read(name).map_err(|e| TextError::io(dir.join(name), e));
        check_tokenizer(&dir.join(TOKENIZER_JSON), &file(TOKENIZER_JSON)?, &f)?;
        Ok(f)
    }

    /// [`Featurizer::load_with`] for a caller that has verified every file against the
    /// checksums written with them (a model store): `tokenizer.json` was written from the same
    /// vocabulary as `features.bin`, so it is not parsed again to compare the two, which would
    /// take about a third of the featurizer's loading time and is not needed to classify.
    /// `features.json` and `features.bin` are still checked against each other; the two
    /// vocabularies' lookup tables are built side by side.
    pub fn load_verified(dir: &Path, read: &FileReader<'_>) -> Result<Featurizer, TextError> {
        let file = |name: &str| read(name).map_err(|e| TextError::io(dir.join(name), e));
        let meta = parse_meta(&dir.join(FEATURES_JSON), &file(FEATURES_JSON)?)?;
        let config = meta
            .config
            .validated()
            .map_err(|e| TextError::corrupt(dir.join(FEATURES_JSON), e.to_string()))?;
        let bin_path = dir.join(FEATURES_BIN);
        let bytes = file(FEATURES_BIN)?;
        let (n_docs, word, char) =
            decode_vocabs(&bytes).map_err(|what| TextError::corrupt(&bin_path, what))?;
        if (n_docs, word.len(), char.len()) != (meta.n_docs, meta.word_features, meta.char_features)
        {
            return Err(TextError::corrupt(
                &bin_path,
                format!("does not match {FEATURES_JSON} (different model?)"),
            ));
        }
        let (word, char) = rayon::join(
            || rows_to_vocab(BlockKind::Word, word),
            || rows_to_vocab(BlockKind::Char, char),
        );
        Ok(Featurizer::from_parts(config, n_docs, word, char))
    }
}

/// Reads one file of a featurizer's directory by name.
pub type FileReader<'a> = dyn Fn(&str) -> std::io::Result<Vec<u8>> + Sync + 'a;

fn parse_meta(path: &Path, text: &[u8]) -> Result<Meta, TextError> {
    let meta: Meta =
        serde_json::from_slice(text).map_err(|e| TextError::corrupt(path, e.to_string()))?;
    if meta.format != FORMAT_NAME {
        return Err(TextError::corrupt(
            path,
            format!("format {:?} is not {FORMAT_NAME:?}", meta.format),
        ));
    }
    if meta.version != FORMAT_VERSION {
        return Err(TextError::corrupt(
            path,
            format!(
                "unsupported version {} (this build reads {FORMAT_VERSION})",
                meta.version
            ),
        ));
    }
    Ok(meta)
}

fn rows_to_vocab(kind: BlockKind, rows: Vec<(String, u32, f32)>) -> Vocab {
    let mut terms = Vec::with_capacity(rows.len());
    let (mut df, mut idf) = (
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(rows.len()),
    );
    for (t, d, i) in rows {
        terms.push(t);
        df.push(d);
        idf.push(i);
    }
    Vocab::new(kind, terms, df, idf)
}

/// Checks that `tokenizer.json` parses and holds this featurizer's words and pipeline.
fn check_tokenizer(path: &Path, bytes: &[u8], f: &Featurizer) -> Result<(), TextError> {
    let t = tokenizers::Tokenizer::from_bytes(bytes)
        .map_err(|e| TextError::corrupt(path, e.to_string()))?;
    let same_norm = serde_json::to_value(t.get_normalizer()).ok()
        == serde_json::to_value(Some(tokenizers::NormalizerWrapper::from(normalizer()))).ok();
    let same_pre = serde_json::to_value(t.get_pre_tokenizer()).ok()
        == serde_json::to_value(Some(tokenizers::PreTokenizerWrapper::from(pre_tokenizer()))).ok();
    if !same_norm || !same_pre {
        return Err(TextError::corrupt(
            path,
            "normaliser or pre-tokeniser differs from this build's word definition",
        ));
    }
    let words = f.word_vocabulary();
    let vocab = t.get_vocab(false);
    let ok = vocab.len() == words.len() + 1
        && vocab.get(UNK_TOKEN) == Some(&(words.len() as u32))
        && words
            .iter()
            .enumerate()
            .all(|(i, w)| vocab.get(*w) == Some(&(i as u32)));
    if !ok {
        return Err(TextError::corrupt(
            path,
            format!("vocabulary does not match {FEATURES_BIN}"),
        ));
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it and renames it into place.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), TextError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = crate::atomic::temp_file_in(dir).map_err(|e| TextError::io(dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| TextError::io(tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| TextError::io(tmp.path(), e))?;
    tmp.persist(path)
        .map_err(|e| TextError::io(path, e.error))?;
    Ok(())
}

#[cfg(test)]
#[path = "persist_tests.rs"]
mod tests;
