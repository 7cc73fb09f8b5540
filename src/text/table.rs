//! A frozen open-addressing table from 64-bit term hashes to feature indices: the
//! vocabulary lookup of the hot path (one multiply-free probe sequence, no allocation, no
//! string comparison). Keys are already well-mixed hashes, so their low bits pick the slot.

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
    fn first_duplicate_wins() {
        let t = HashIndex::new(&[7, 7]);
        assert_eq!(t.get(7), Some(0));
    }
}
