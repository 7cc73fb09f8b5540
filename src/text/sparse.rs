//! The sparse feature vector shared by featurisers and linear models.

use serde::{Deserialize, Serialize};

/// A sparse vector: strictly increasing feature indices with their values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SparseVec {
    /// Feature indices, strictly increasing.
    pub indices: Vec<u32>,
    /// Values, one per index.
    pub values: Vec<f32>,
}

impl SparseVec {
    /// Builds a vector from unsorted `(index, value)` pairs, summing duplicates.
    pub fn from_pairs(mut pairs: Vec<(u32, f32)>) -> Self {
        pairs.sort_unstable_by_key(|p| p.0);
        let mut out = SparseVec::default();
        for (i, v) in pairs {
            match out.indices.last() {
                Some(&last) if last == i => *out.values.last_mut().unwrap() += v,
                _ => {
                    out.indices.push(i);
                    out.values.push(v);
                }
            }
        }
        out
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Iterates `(index, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.indices
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }

    /// Dot product with a dense weight vector (indices past its end count as zero).
    pub fn dot(&self, dense: &[f32]) -> f32 {
        self.iter()
            .map(|(i, v)| dense.get(i as usize).map_or(0.0, |w| w * v))
            .sum()
    }

    /// Scales to unit L2 norm (a zero vector stays zero).
    pub fn l2_normalize(&mut self) {
        let norm = self.values.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            self.values.iter_mut().for_each(|v| *v /= norm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_pairs_sorts_and_sums() {
        let v = SparseVec::from_pairs(vec![(5, 1.0), (2, 2.0), (5, 0.5)]);
        assert_eq!(v.indices, vec![2, 5]);
        assert_eq!(v.values, vec![2.0, 1.5]);
        assert_eq!(v.dot(&[0.0, 0.0, 1.0, 0.0, 0.0, 2.0]), 5.0);
    }

    #[test]
    fn normalizes_to_unit_length() {
        let mut v = SparseVec::from_pairs(vec![(0, 3.0), (1, 4.0)]);
        v.l2_normalize();
        assert!((v.values[0] - 0.6).abs() < 1e-6 && (v.values[1] - 0.8).abs() < 1e-6);
    }
}
