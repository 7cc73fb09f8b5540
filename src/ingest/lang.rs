//! A small stop-word language detector for `en`, `fr`, `es`, `de` and `pt`, used when the
//! source does not say which language a record is in, and [`WithLanguage`], the reader that
//! applies it.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{ProposalReader, Reject, Warning};
use crate::proposal::Proposal;

/// A reader whose records carry a detected `language` where the source gives none.
pub(crate) struct WithLanguage(pub(crate) Box<dyn ProposalReader>);

impl Iterator for WithLanguage {
    type Item = Result<Proposal, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        let r = self.0.next()?;
        Some(r.map(|mut p| {
            if p.language.is_none() {
                p.language = detect(&p.text).map(str::to_string);
            }
            p
        }))
    }
}

impl ProposalReader for WithLanguage {
    fn warnings(&mut self) -> Vec<Warning> {
        self.0.warnings()
    }

    fn bytes_read(&self) -> u64 {
        self.0.bytes_read()
    }
}

const EN: &[&str] = &[
    "the", "and", "of", "to", "in", "for", "with", "is", "on", "this", "that", "by", "are", "from",
];
const FR: &[&str] = &[
    "le", "la", "les", "des", "et", "du", "une", "pour", "dans", "est", "au", "aux", "sur", "par",
];
const ES: &[&str] = &[
    "el", "los", "las", "del", "y", "para", "una", "con", "por", "es", "en", "al", "que", "se",
];
const DE: &[&str] = &[
    "der", "die", "das", "und", "zur", "von", "mit", "für", "den", "im", "ein", "eine", "ist", "zu",
];
const PT: &[&str] = &[
    "o", "os", "da", "do", "das", "dos", "e", "para", "uma", "com", "em", "no", "na", "ao",
];

/// Languages the detector knows, with their stop words.
const LANGUAGES: &[(&str, &[&str])] = &[("en", EN), ("fr", FR), ("es", ES), ("de", DE), ("pt", PT)];

/// Most words of a text that are looked at.
const MAX_WORDS: usize = 400;

/// Each stop word with the languages (bits, in [`LANGUAGES`] order) that list it.
fn stop_words() -> &'static FxHashMap<&'static str, u8> {
    static MAP: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for (k, (_, stops)) in LANGUAGES.iter().enumerate() {
            for w in *stops {
                *map.entry(*w).or_insert(0u8) |= 1 << k;
            }
        }
        map
    })
}

/// The ISO 639-1 code of the language with the most stop words in `text`, if it has at
/// least two and strictly more than any other language.
pub fn detect(text: &str) -> Option<&'static str> {
    let stops = stop_words();
    let mut scores = [0usize; LANGUAGES.len()];
    let mut lower = String::new();
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    // Stop words are at most four letters: longer words are skipped without lower-casing.
    for word in words.take(MAX_WORDS).filter(|w| w.chars().count() <= 4) {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let Some(&bits) = stops.get(lower.as_str()) else {
            continue;
        };
        for (k, score) in scores.iter_mut().enumerate() {
            *score += usize::from(bits >> k & 1 == 1);
        }
    }
    let mut ranked: Vec<(&'static str, usize)> =
        LANGUAGES.iter().map(|l| l.0).zip(scores).collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (best, best_score) = ranked[0];
    (best_score >= 2 && best_score > ranked[1].1).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn detects_the_five_languages() {
        assert_eq!(
            detect("Support to the national health information system and the ministry"),
            Some("en")
        );
        assert_eq!(
            detect("Appui au renforcement des capacités de la gestion des risques"),
            Some("fr")
        );
        assert_eq!(
            detect("Fortalecimiento de las capacidades del gobierno para la gestión"),
            Some("es")
        );
        assert_eq!(
            detect("Förderung der Berufsbildung und der Digitalisierung für die Verwaltung"),
            Some("de")
        );
        assert_eq!(
            detect("Apoio ao sistema de saúde e à gestão da água nas comunidades"),
            Some("pt")
        );
    }

    #[test]
    fn shared_stop_words_count_for_every_language_and_case_does_not_matter() {
        // "para" is Spanish and Portuguese; "en" is Spanish only.
        assert_eq!(detect("PARA OS E UMA"), Some("pt"));
        assert_eq!(detect("para en"), Some("es"));
        assert_eq!(detect("para para"), None, "a tie is unknown");
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(detect("DHIS2"), None);
        assert_eq!(detect(""), None);
    }
}
