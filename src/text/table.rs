//! A frozen open-addressing table from 64-bit term hashes to feature indices: the
//! vocabulary lookup of the hot path (one multiply-free probe sequence, no allocation, no
//! string comparison). Keys are already well-mixed hashes, so their low bits pick the slot.
//! Also a small bit filter of such keys, for tables that most lookups miss.

/// Slot value meaning "empty".
const EMPTY: u32 = u32::MAX;

/// A read-only map from term hash to index, built once.
#[derive(Debug, Clone, Default)]
pub(crate) struct HashIndex {
    slots: Vec<(u64, u32)>,
    mask: usize,
}

impl HashIndex {
    /// Builds a table holding `keys[i] -> i`. Later duplicates of a key are ignored.
    pub(crate) fn new(keys: &[u64]) -> Self {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut t = HashIndex {
            slots: vec![(0, EMPTY); cap],
            mask: cap - 1,
        };
        for (i, &k) in keys.iter().enumerate() {
            t.insert(k, i as u32);
        }
        t
    }

    fn insert(&mut self, key: u64, value: u32) {
        let mut pos = key as usize & self.mask;
        loop {
            let slot = &mut self.slots[pos];
            if slot.1 == EMPTY {
                *slot = (key, value);
                return;
            }
            if slot.0 == key {
                return;
            }
            pos = (pos + 1) & self.mask;
        }
    }

    /// The index stored for `key`, if any.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        let mut pos = key as usize & self.mask;
        loop {
            // SAFETY-free: `pos` is always masked into range.
            let (k, v) = self.slots[pos];
            if v == EMPTY {
                return None;
            }
            if k == key {
                return Some(v);
            }
            pos = (pos + 1) & self.mask;
        }
    }
}

/// A 16,384-bit filter over well-mixed 64-bit keys (2 KB, so it stays in the L1 cache), to
/// check before probing a [`HashIndex`] that most lookups miss: a key whose bit is clear is
/// certainly not in the table. It reads the keys' top bits, the table their low bits.
#[derive(Debug, Clone)]
pub(crate) struct KeyFilter(Box<[u64; 256]>);

impl KeyFilter {
    /// The filter of `keys`.
    pub(crate) fn new(keys: &[u64]) -> KeyFilter {
        let mut f = KeyFilter(Box::new([0; 256]));
        for &k in keys {
            let b = Self::bit(k);
            f.0[b >> 6] |= 1 << (b & 63);
        }
        f
    }

    /// The bit of a key: its top 14 bits.
    #[inline]
    fn bit(h: u64) -> usize {
        (h >> 50) as usize
    }

    /// False when `h` is certainly not one of the keys.
    #[inline]
    pub(crate) fn may_hold(&self, h: u64) -> bool {
        let b = Self::bit(h);
        self.0[b >> 6] & (1 << (b & 63)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_rejects_others() {
        let keys: Vec<u64> = (0..1000u64)
            .map(|i| crate::text::hash::finish(i + 1))
            .collect();
        let t = HashIndex::new(&keys);
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(t.get(k), Some(i as u32));
        }
        assert_eq!(t.get(crate::text::hash::finish(5000)), None);
        // Colliding low bits still resolve by probing.
        let t = HashIndex::new(&[16, 32, 48]);
        assert_eq!(
            (t.get(16), t.get(32), t.get(48), t.get(64)),
            (Some(0), Some(1), Some(2), None)
        );
    }

    #[test]
    fn the_filter_holds_every_key_and_turns_most_others_away() {
        let keys: Vec<u64> = (0..500u64)
            .map(|i| crate::text::hash::finish(i + 1))
            .collect();
        let f = KeyFilter::new(&keys);
        assert!(keys.iter().all(|&k| f.may_hold(k)));
        let others = (1000..11_000u64).map(crate::text::hash::finish);
        let passed = others.filter(|&k| f.may_hold(k)).count();
        assert!(passed < 500, "{passed} of 10,000 other keys passed");
    }

    #[test]
    fn first_duplicate_wins() {
        let t = HashIndex::new(&[7, 7]);
        assert_eq!(t.get(7), Some(0));
    }
}
