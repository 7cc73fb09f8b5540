//! The shipped glossary (`glossary.txt`): French, Spanish, Portuguese and German words of
//! development projects, each glossed by the English word whose weights it should share. It
//! becomes the featurizer's [`crate::text::FeatureConfig::gloss`] when training with
//! `glossary` on, and is then saved inside the model's `features.json`.

/// The glossary shipped with landscape.
pub const DEFAULT_GLOSSARY: &str = include_str!("glossary.txt");

/// A line of a glossary that is not `english: form form ...`.
#[derive(Debug, thiserror::Error)]
#[error("glossary line {line}: {what}")]
pub struct GlossaryError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub what: String,
}

/// The `(form, english)` pairs of a glossary text: one `english: form form ...` line per
/// English word; blank lines and lines starting with `#` are skipped.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, GlossaryError> {
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |what: &str| GlossaryError {
            line: i + 1,
            what: what.to_string(),
        };
        let (english, forms) = line.split_once(':').ok_or_else(|| err("no `:`"))?;
        let english = english.trim();
        if english.is_empty() || english.contains(char::is_whitespace) {
            return Err(err("the English side must be one word"));
        }
        let forms: Vec<&str> = forms.split_whitespace().collect();
        if forms.is_empty() {
            return Err(err("no forms after `:`"));
        }
        pairs.extend(forms.iter().map(|f| (f.to_string(), english.to_string())));
    }
    Ok(pairs)
}

/// The pairs of the shipped glossary.
pub fn default_pairs() -> Vec<(String, String)> {
    parse(DEFAULT_GLOSSARY).expect("the shipped glossary parses")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::text::{normalize, FeatureConfig};

    #[test]
    fn parses_lines_and_reports_bad_ones() {
        let pairs = parse("# c\n\nhealth: sante salud\nwater: agua\n").unwrap();
        assert_eq!(
            pairs,
            [("sante", "health"), ("salud", "health"), ("agua", "water")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(parse("x\nhealth sante").unwrap_err().line, 1);
        assert_eq!(parse("health: sante\ngood health: x").unwrap_err().line, 2);
        assert_eq!(parse("health:").unwrap_err().line, 1);
    }

    #[test]
    fn shipped_glossary_is_valid_and_never_glosses_an_english_target() {
        let pairs = default_pairs();
        assert!(pairs.len() > 500, "{} pairs", pairs.len());
        let cfg = FeatureConfig {
            gloss: pairs.clone(),
            ..Default::default()
        };
        cfg.validated()
            .expect("every pair is one normalised word each");
        // A form that is itself an English target would count twice in English text.
        let english: BTreeSet<String> = pairs.iter().map(|p| normalize(&p.1)).collect();
        let clash: Vec<&String> = pairs
            .iter()
            .map(|p| &p.0)
            .filter(|f| english.contains(*f))
            .collect();
        assert!(
            clash.is_empty(),
            "forms that are English targets: {clash:?}"
        );
        // Forms are written already normalised, as the file says.
        assert!(pairs.iter().all(|(f, _)| normalize(f) == *f));
    }
}
