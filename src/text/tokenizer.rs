//! The definition of a "word", twice: a fast hand-written iterator ([`words`], the hot path)
//! and the same rules as a `tokenizers` crate [`Tokenizer`] ([`build_tokenizer`]), which is
//! saved beside a model as `tokenizer.json` so other tools can reproduce the words exactly.
//!
//! The `tokenizers` pipeline is: normaliser `Sequence[NFKD, StripAccents, Lowercase]`,
//! pre-tokeniser `Split` on the regex [`SEPARATOR_REGEX`] (runs of characters that are neither
//! alphabetic nor numeric, removed), and a `WordLevel` model over the featurizer's word
//! vocabulary with an [`UNK_TOKEN`].

use std::collections::HashMap;

use tokenizers::models::wordlevel::WordLevel;
use tokenizers::normalizers::{Lowercase, Sequence, StripAccents, NFKD};
use tokenizers::pre_tokenizers::split::{Split, SplitPattern};
use tokenizers::{
    NormalizedString, Normalizer, OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer,
    SplitDelimiterBehavior, Tokenizer,
};

use super::TextError;

/// The token that stands for any word outside the vocabulary.
pub const UNK_TOKEN: &str = "[UNK]";

/// Separators: runs of characters that are neither `Alphabetic` nor numeric (`N*`), the
/// complement of Rust's `char::is_alphanumeric`.
pub const SEPARATOR_REGEX: &str = r"[^\p{Alphabetic}\p{N}]+";

/// The words of a normalised text (the output of [`normalize()`](crate::text::normalize())), in order.
///
/// ```
/// use landscape::text::{normalize, words};
/// let n = normalize("Mobile-Money for Rural Women");
/// assert_eq!(words(&n).collect::<Vec<_>>(), ["mobile", "money", "for", "rural", "women"]);
/// ```
#[inline]
pub fn words(normalized: &str) -> impl Iterator<Item = &str> + '_ {
    normalized.split(' ').filter(|w| !w.is_empty())
}

/// Builds the `tokenizers` pipeline whose WordLevel vocabulary is `vocab` (ids in order,
/// [`UNK_TOKEN`] last).
pub fn build_tokenizer(vocab: &[&str]) -> Result<Tokenizer, TextError> {
    let mut map: HashMap<String, u32> = HashMap::with_capacity(vocab.len() + 1);
    for (i, w) in vocab.iter().enumerate() {
        map.insert((*w).to_string(), i as u32);
    }
    map.insert(UNK_TOKEN.to_string(), vocab.len() as u32);
    let model = WordLevel::builder()
        .vocab(map.into_iter().collect())
        .unk_token(UNK_TOKEN.to_string())
        .build()
        .map_err(|e| TextError::InvalidConfig(format!("word vocabulary: {e}")))?;
    let mut tokenizer = Tokenizer::new(model);
    tokenizer.with_normalizer(Some(normalizer()));
    tokenizer.with_pre_tokenizer(Some(pre_tokenizer()));
    Ok(tokenizer)
}

/// The normaliser: NFKD, strip accents (combining marks), lower-case.
pub fn normalizer() -> Sequence {
    Sequence::new(vec![NFKD.into(), StripAccents.into(), Lowercase.into()])
}

/// The pre-tokeniser: split on [`SEPARATOR_REGEX`], dropping the separators.
pub fn pre_tokenizer() -> Split {
    Split::new(
        SplitPattern::Regex(SEPARATOR_REGEX.to_string()),
        SplitDelimiterBehavior::Removed,
        false,
    )
    .expect("the separator regex is valid")
}

/// The words of a raw `text` according to the `tokenizers` pipeline (normaliser then
/// pre-tokeniser). Slow; this is the reference the fast path is tested against.
pub fn pipeline_words(
    normalizer: &impl Normalizer,
    pre_tokenizer: &impl PreTokenizer,
    text: &str,
) -> tokenizers::Result<Vec<String>> {
    let mut normalized = NormalizedString::from(text);
    normalizer.normalize(&mut normalized)?;
    let mut pre = PreTokenizedString::from(normalized);
    pre_tokenizer.pre_tokenize(&mut pre)?;
    Ok(pre
        .get_splits(OffsetReferential::Normalized, OffsetType::Byte)
        .into_iter()
        .map(|(s, _, _)| s.to_string())
        .filter(|s| !s.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn fast_path_matches_pipeline_on_hand_picked_cases() {
        let (n, p) = (normalizer(), pre_tokenizer());
        for text in [
            "Gouvernement Électronique",
            "e-Government & M-PESA: 2,5 M€ (phase II)",
            "Förderung der Straße — ÜBER",
            "¿Gestión? ¡Información!  ﬁnance km²",
            "",
        ] {
            let fast: Vec<String> = words(&normalize(text)).map(String::from).collect();
            assert_eq!(fast, pipeline_words(&n, &p, text).unwrap(), "{text}");
        }
    }

    #[test]
    fn tokenizer_maps_words_to_vocabulary_ids() {
        let t = build_tokenizer(&["mobile", "money"]).unwrap();
        let enc = t.encode("Mobile MONEY transfers", false).unwrap();
        assert_eq!(enc.get_ids(), &[0, 1, 2]);
        assert_eq!(enc.get_tokens(), &["mobile", "money", UNK_TOKEN]);
    }
}
