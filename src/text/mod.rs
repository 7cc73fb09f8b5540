//! Text to features: normalisation, tokenisation, sparse feature vectors with a vocabulary and
//! IDF frozen at training time.

pub mod sparse;

pub use sparse::SparseVec;
