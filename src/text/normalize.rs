//! Text normalisation: the one definition of how raw text becomes a sequence of words.
//!
//! The rules, applied character by character:
//! 1. Unicode NFKD (compatibility decomposition: `é` → `e` + U+0301, `ﬁ` → `fi`, `²` → `2`);
//! 2. combining marks are dropped (accents: `é` → `e`, `ñ` → `n`, `ü` → `u`);
//! 3. lower-casing (`Char::to_lowercase`, so `ß` stays `ß` and `İ` becomes `i`);
//! 4. letters and digits (`char::is_alphanumeric`) are kept; every other character is a
//!    separator. Runs of separators become a single space, with none at either end.
//!
//! So "Gouvernement Électronique" → "gouvernement electronique" and "e-Government" → "e
//! government". The same pipeline, expressed with the `tokenizers` crate, is in
//! [`crate::text::tokenizer`]; a test proves both agree on real texts.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Normalises `text` (see the module documentation) into a new string of words separated by
/// single spaces.
///
/// ```
/// use landscape::text::normalize;
/// assert_eq!(normalize("Gouvernement Électronique"), "gouvernement electronique");
/// assert_eq!(normalize("e-Government, 2024!"), "e government 2024");
/// ```
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Like [`normalize`] but writes into `out` (cleared first), so a caller can reuse one buffer.
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // Fast path: ASCII is its own NFKD and has no combining marks.
            if b.is_ascii_alphanumeric() {
                push_kept(out, b.to_ascii_lowercase() as char, &mut pending_space);
            } else {
                pending_space = true;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            decompose_compatible(c, |d| push_decomposed(out, d, &mut pending_space));
        }
    }
}

/// Handles one character of a non-ASCII character's decomposition.
fn push_decomposed(out: &mut String, d: char, pending_space: &mut bool) {
    if is_combining_mark(d) {
        return;
    }
    for l in d.to_lowercase() {
        if l.is_alphanumeric() {
            push_kept(out, l, pending_space);
        } else {
            *pending_space = true;
        }
    }
}

/// Appends a kept character, preceded by a single space when a separator came before it.
#[inline]
fn push_kept(out: &mut String, c: char, pending_space: &mut bool) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_accents_and_case() {
        assert_eq!(
            normalize("Gouvernement Électronique à l'État"),
            "gouvernement electronique a l etat"
        );
        assert_eq!(normalize("ÇA GARÇON Œuvre"), "ca garcon œuvre");
    }

    #[test]
    fn spanish_accents_and_case() {
        assert_eq!(
            normalize("Gestión de la Información: AÑO 2020"),
            "gestion de la informacion ano 2020"
        );
        assert_eq!(normalize("¿Qué? ¡Sí!"), "que si");
    }

    #[test]
    fn german_accents_and_case() {
        assert_eq!(
            normalize("Förderung der Digitalisierung – ÜBER Straße"),
            "forderung der digitalisierung uber straße"
        );
    }

    #[test]
    fn separators_collapse_and_compatibility_forms_decompose() {
        assert_eq!(
            normalize("  e-Government;;  M-PESA  "),
            "e government m pesa"
        );
        assert_eq!(normalize("ﬁnance ² km²"), "finance 2 km2");
        assert_eq!(normalize("--- ..."), "");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn normalize_into_reuses_and_clears_the_buffer() {
        let mut buf = String::from("stale");
        normalize_into("Nouveau Texte", &mut buf);
        assert_eq!(buf, "nouveau texte");
    }
}
