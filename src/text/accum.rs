//! The per-thread accumulator of one document's n-gram counts: a dense `u16` count array
//! (small enough to stay in the L2 cache for 100,000 features) plus a two-level bitmap of
//! touched indices, so that the sparse result comes out already sorted without a sort, and
//! clearing costs only what was touched. Counts saturate at 65,535.

/// Dense scratch counts for one document, reused between documents.
#[derive(Debug, Default)]
pub(crate) struct Accumulator {
    counts: Vec<u16>,
    bits: Vec<u64>,
    summary: Vec<u64>,
    /// Distinct indices counted since the last drain.
    touched: usize,
}

impl Accumulator {
    /// Makes room for indices below `dim` (everything is zero between documents).
    pub(crate) fn ensure(&mut self, dim: usize) {
        if self.counts.len() < dim {
            self.counts.resize(dim, 0);
            self.bits.resize(dim.div_ceil(64), 0);
            self.summary.resize(self.bits.len().div_ceil(64), 0);
        }
    }

    /// Counts one occurrence of index `i` (below the `dim` given to [`Self::ensure`]).
    #[inline]
    pub(crate) fn add(&mut self, i: u32) {
        let i = i as usize;
        let (w, b) = (i >> 6, 1u64 << (i & 63));
        if self.bits[w] & b == 0 {
            self.bits[w] |= b;
            self.summary[w >> 6] |= 1u64 << (w & 63);
            self.touched += 1;
        }
        self.counts[i] = self.counts[i].saturating_add(1);
    }

    /// Distinct indices counted since the last drain: at most what [`Self::drain`] emits.
    pub(crate) fn touched(&self) -> usize {
        self.touched
    }

    /// Calls `emit(index, weight(index, value))` for every touched index in increasing index
    /// order, skipping zero weights, and resets the accumulator.
    pub(crate) fn drain(
        &mut self,
        mut weight: impl FnMut(u32, u16) -> f32,
        mut emit: impl FnMut(u32, f32),
    ) {
        self.touched = 0;
        for si in 0..self.summary.len() {
            let mut s = std::mem::take(&mut self.summary[si]);
            while s != 0 {
                let w = si * 64 + s.trailing_zeros() as usize;
                s &= s - 1;
                let mut b = std::mem::take(&mut self.bits[w]);
                while b != 0 {
                    let i = w * 64 + b.trailing_zeros() as usize;
                    b &= b - 1;
                    let v = weight(i as u32, std::mem::take(&mut self.counts[i]));
                    if v != 0.0 {
                        emit(i as u32, v);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drains_sorted_sums_and_resets() {
        let mut a = Accumulator::default();
        a.ensure(10_000);
        for i in [9000, 3, 64, 3, 4097, 3] {
            a.add(i);
        }
        assert_eq!(a.touched(), 4);
        let mut out = Vec::new();
        a.drain(|_, c| c as f32, |i, v| out.push((i, v)));
        assert_eq!(out, [(3, 3.0), (64, 1.0), (4097, 1.0), (9000, 1.0)]);
        assert_eq!(a.touched(), 0);
        out.clear();
        a.drain(|_, c| c as f32, |i, v| out.push((i, v)));
        assert!(out.is_empty());
        a.add(5);
        a.drain(|i, c| (c as u32 * i) as f32, |i, v| out.push((i, v)));
        assert_eq!(out, [(5, 5.0)]);
    }
}
