//! N-gram enumeration shared by fitting and transforming, so both see exactly the same
//! terms. Word n-grams chain word hashes; character n-grams are taken inside one word padded
//! with `<` (start) and `>` (end), like fastText. A padding marker alone is never an n-gram.

use super::hash;

/// Start-of-word padding character of character n-grams.
pub(crate) const WORD_START: char = '<';
/// End-of-word padding character of character n-grams.
pub(crate) const WORD_END: char = '>';

/// Calls `f(hash, start, n)` for every word n-gram with `lo <= n <= hi`, given the hashes of
/// the words in order.
#[inline]
pub(crate) fn word_ngrams(
    hashes: &[u64],
    (lo, hi): (usize, usize),
    mut f: impl FnMut(u64, usize, usize),
) {
    for start in 0..hashes.len() {
        let mut h = hashes[start];
        let longest = hi.min(hashes.len() - start);
        for n in 1..=longest {
            if n > 1 {
                h = hash::combine(h, hashes[start + n - 1]);
            }
            if n >= lo {
                f(h, start, n);
            }
        }
    }
}

/// Hash of a word n-gram given as its words.
pub(crate) fn word_ngram_key<'a>(mut words: impl Iterator<Item = &'a str>) -> u64 {
    let first = hash::word(words.next().unwrap_or(""));
    words.fold(first, |h, w| hash::combine(h, hash::word(w)))
}

/// Calls `f(hash, chars)` for every character n-gram of `word` with `lo <= n <= hi`; `chars`
/// is scratch space (the padded word), reused between calls.
#[inline]
pub(crate) fn char_ngrams(
    word: &str,
    (lo, hi): (usize, usize),
    chars: &mut Vec<char>,
    mut f: impl FnMut(u64, &[char]),
) {
    chars.clear();
    chars.push(WORD_START);
    chars.extend(word.chars());
    chars.push(WORD_END);
    let len = chars.len();
    for start in 0..len {
        let mut h = hash::CHAR_SEED;
        for end in start..len.min(start + hi) {
            h = hash::char_step(h, chars[end]);
            let n = end - start + 1;
            if n >= lo && !(n == 1 && (start == 0 || start == len - 1)) {
                f(hash::finish(h), &chars[start..=end]);
            }
        }
    }
}

/// Hash of a character n-gram given as its characters (padding markers included).
pub(crate) fn char_ngram_key(gram: &str) -> u64 {
    hash::finish(gram.chars().fold(hash::CHAR_SEED, hash::char_step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ngrams_are_padded_like_fasttext() {
        let mut grams = Vec::new();
        char_ngrams("gov", (3, 4), &mut Vec::new(), |h, g| {
            let s: String = g.iter().collect();
            assert_eq!(h, char_ngram_key(&s));
            grams.push(s);
        });
        assert_eq!(grams, ["<go", "<gov", "gov", "gov>", "ov>"]);
    }

    #[test]
    fn single_padding_markers_are_not_ngrams() {
        let mut grams = Vec::new();
        char_ngrams("é", (1, 1), &mut Vec::new(), |_, g| {
            grams.push(g.iter().collect::<String>())
        });
        assert_eq!(grams, ["é"]);
    }

    #[test]
    fn word_ngrams_chain_hashes() {
        let words = ["mobile", "money", "agents"];
        let hashes: Vec<u64> = words.iter().map(|w| hash::word(w)).collect();
        let mut seen = Vec::new();
        word_ngrams(&hashes, (1, 2), |h, s, n| {
            assert_eq!(h, word_ngram_key(words[s..s + n].iter().copied()));
            seen.push(words[s..s + n].join(" "));
        });
        assert_eq!(
            seen,
            ["mobile", "mobile money", "money", "money agents", "agents"]
        );
    }
}
