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
    normalize_with(text, out, None);
}

/// [`normalize_into`], also writing the byte range in `out` of every word into `spans`
/// (cleared first), so a caller need not split the text again.
pub(crate) fn normalize_spans_into(text: &str, out: &mut String, spans: &mut Vec<(u32, u32)>) {
    spans.clear();
    normalize_with(text, out, Some(spans));
}

/// The normaliser, writing word spans into `spans` if given.
fn normalize_with(text: &str, out: &mut String, spans: Option<&mut Vec<(u32, u32)>>) {
    let mut buf = Buf {
        bytes: std::mem::take(out).into_bytes(),
        spans,
        in_word: false,
    };
    buf.bytes.clear();
    buf.bytes.reserve(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // Fast path: ASCII is its own NFKD and has no combining marks; a run of ASCII
            // letters and digits is copied in one go.
            if ASCII[b as usize] == 0 {
                buf.separate();
                i += 1;
                continue;
            }
            buf.open();
            i = copy_ascii_run(bytes, i, &mut buf.bytes);
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            decompose_compatible(c, |d| push_decomposed(&mut buf, d));
        }
    }
    buf.separate();
    *out = String::from_utf8(buf.bytes).expect("only whole characters are pushed");
}

/// Copies the run of ASCII letters and digits starting at `bytes[i]`, lower-cased, to `out`;
/// returns where the run ends. Eight bytes are classified and lower-cased at a time (SWAR),
/// the last few one by one.
#[inline]
fn copy_ascii_run(bytes: &[u8], mut i: usize, out: &mut Vec<u8>) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let (alnum, lower) = swar_alnum_lower(x);
        let n = (!alnum & HIGH).trailing_zeros() as usize / 8;
        out.extend_from_slice(&lower.to_le_bytes()[..n]);
        i += n;
        if n < 8 {
            return i;
        }
    }
    while let Some(&b) = bytes.get(i) {
        match b.is_ascii().then(|| ASCII[b as usize]) {
            Some(l) if l != 0 => out.push(l),
            _ => break,
        }
        i += 1;
    }
    i
}

/// Every byte's high bit.
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// For eight bytes: the high bit of each byte that is an ASCII letter or digit, and the bytes
/// with upper-case ASCII letters lower-cased.
#[inline]
fn swar_alnum_lower(x: u64) -> (u64, u64) {
    // The high bit of each byte that is at least `c` (for c <= 0x80: setting the high bit
    // first means no byte borrows from the next).
    let ge = |c: u8| (x | HIGH).wrapping_sub(ONES * c as u64) & HIGH;
    let within = |lo: u8, hi: u8| ge(lo) & !ge(hi + 1);
    let upper = within(b'A', b'Z');
    let alnum = (within(b'0', b'9') | upper | within(b'a', b'z')) & !x & HIGH;
    (alnum, x | (upper >> 2))
}

/// Each ASCII byte's lower-case form if it is a letter or digit, else 0 (a separator).
const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The normalised text being written, with its word spans.
struct Buf<'a> {
    bytes: Vec<u8>,
    spans: Option<&'a mut Vec<(u32, u32)>>,
    /// Whether the last character kept belongs to a word not yet closed.
    in_word: bool,
}

impl Buf<'_> {
    /// Starts a word with a single space before it unless one is open.
    #[inline]
    fn open(&mut self) {
        if !self.in_word {
            if !self.bytes.is_empty() {
                self.bytes.push(b' ');
            }
            if let Some(spans) = self.spans.as_deref_mut() {
                spans.push((self.bytes.len() as u32, 0));
            }
            self.in_word = true;
        }
    }

    /// Appends one kept character.
    fn push_char(&mut self, c: char) {
        self.open();
        let mut tmp = [0u8; 4];
        self.bytes
            .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
    }

    /// A separator: closes the open word, if any.
    #[inline]
    fn separate(&mut self) {
        if self.in_word {
            self.in_word = false;
            if let Some(last) = self.spans.as_deref_mut().and_then(|s| s.last_mut()) {
                last.1 = self.bytes.len() as u32;
            }
        }
    }
}

/// Handles one character of a non-ASCII character's decomposition.
fn push_decomposed(buf: &mut Buf, d: char) {
    if is_combining_mark(d) {
        return;
    }
    for l in d.to_lowercase() {
        if l.is_alphanumeric() {
            buf.push_char(l);
        } else {
            buf.separate();
        }
    }
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
    fn eight_bytes_at_a_time_agree_with_one_at_a_time() {
        // Every ASCII byte at every position of a chunk, and runs crossing chunk boundaries.
        for b in 0..=127u8 {
            for at in 0..10 {
                let mut text = String::from("abcdefghijKLMNOPQRSTuvwxyz0123456789");
                text.insert(at, b as char);
                let mut out = String::new();
                normalize_into(&text, &mut out);
                let slow: String = text
                    .chars()
                    .map(|c| match c.is_ascii_alphanumeric() {
                        true => c.to_ascii_lowercase(),
                        false => ' ',
                    })
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert_eq!(out, slow, "byte {b} at {at}");
            }
        }
        let mut out = String::new();
        normalize_into("ÉTAT-Civil 2024 Ünïcödé", &mut out);
        assert_eq!(out, "etat civil 2024 unicode");
    }

    #[test]
    fn spans_are_the_words() {
        let (mut out, mut spans) = (String::from("stale"), vec![(9, 9)]);
        for text in ["", "  ", "Ça  va, l'État? Ωμέγα-3 ﬁn ", "a", "x²y é"] {
            normalize_spans_into(text, &mut out, &mut spans);
            assert_eq!(out, normalize(text));
            let from_spans: Vec<&str> = spans
                .iter()
                .map(|&(a, b)| &out[a as usize..b as usize])
                .collect();
            assert_eq!(
                from_spans,
                crate::text::words(&out).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn normalize_into_reuses_and_clears_the_buffer() {
        let mut buf = String::from("stale");
        normalize_into("Nouveau Texte", &mut buf);
        assert_eq!(buf, "nouveau texte");
    }
}
