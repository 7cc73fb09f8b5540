//! The fixed 64-bit hashes that key the vocabularies. They are part of the on-disk format's
//! meaning (a saved vocabulary is looked up by these hashes after loading), so they are
//! written out here with fixed constants instead of borrowed from a crate whose algorithm
//! might change between versions.
//!
//! Words are hashed over their UTF-8 bytes (FxHash-style multiply-rotate on 8-byte chunks,
//! then a murmur3 finaliser); word n-grams chain the word hashes with [`combine`]; character
//! n-grams are hashed one character at a time with [`char_step`] and finished with
//! [`finish`].

const K: u64 = 0x517c_c1b7_2722_0a95;
const WORD_SEED: u64 = 0x9e37_79b9_7f4a_7c15;
/// Seed of a character n-gram hash.
pub(crate) const CHAR_SEED: u64 = 0x2545_f491_4f6c_dd1d;
const PAIR_SEED: u64 = 0x6a09_e667_f3bc_c909;

/// The murmur3 64-bit finaliser: a bijection that spreads every input bit over the output.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Hash of one word (its UTF-8 bytes).
#[inline]
pub(crate) fn word(w: &str) -> u64 {
    let bytes = w.as_bytes();
    let mut h = WORD_SEED;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    h = step(h, tail(chunks.remainder()));
    finish(step(h, bytes.len() as u64))
}

/// The last 0 to 7 bytes of a word as a little-endian `u64` padded with zeros, read in at most
/// three loads (overlapping ones write the same byte to the same place) instead of a `memcpy`
/// of variable length.
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    debug_assert!(n < 8);
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        rest[0] as u64
            | (rest[n / 2] as u64) << (8 * (n / 2))
            | (rest[n - 1] as u64) << (8 * (n - 1))
    } else {
        0
    }
}

/// Hash of the n-gram made of the n-gram hashed `prefix` followed by the word hashed `next`.
/// Order matters: `combine(a, b) != combine(b, a)`.
#[inline]
pub(crate) fn combine(prefix: u64, next: u64) -> u64 {
    finish(prefix.wrapping_mul(K) ^ next.rotate_left(29) ^ PAIR_SEED)
}

/// Feeds one character into a running character n-gram hash (start from [`CHAR_SEED`]).
#[inline]
pub(crate) fn char_step(h: u64, c: char) -> u64 {
    step(h, c as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_is_the_zero_padded_little_endian_bytes() {
        let bytes: Vec<u8> = (1..=7).collect();
        for n in 0..8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail(&bytes[..n]), u64::from_le_bytes(padded), "{n} bytes");
        }
    }

    #[test]
    fn hashes_are_fixed_across_versions() {
        // These values are part of the saved-model format: changing them breaks old models.
        assert_eq!(word("mobile"), word("mobile"));
        assert_ne!(word("mobile"), word("mobil"));
        assert_ne!(word("abcdefgh"), word("abcdefgh\0"));
        assert_ne!(combine(word("a"), word("b")), combine(word("b"), word("a")));
        assert_eq!(finish(0), 0);
        assert_eq!(finish(1), 0xb456_bcfc_34c2_cb2c);
        assert_eq!(word("mobile"), 0xa9ae_6fe5_30a1_56b6);
    }
}
