//! Text to features: normalisation, tokenisation, sparse feature vectors with a vocabulary and
//! IDF frozen at training time.
//!
//! The flow is `normalize` → `words` → [`Featurizer::transform`] → [`SparseVec`]; the word
//! definition also exists as a `tokenizers` pipeline ([`tokenizer`]) saved beside each model.
//! Extra feature families plug in through [`FeatureBlock`].

mod accum;
mod binfmt;
pub mod block;
mod cache;
pub mod config;
pub mod error;
pub mod features;
mod fit;
pub(crate) mod gloss;
mod hash;
mod ngrams;
pub mod normalize;
mod oov;
pub mod persist;
pub mod sparse;
mod table;
pub mod tokenizer;
mod transform;
mod vocab;

pub use block::FeatureBlock;
pub use config::FeatureConfig;
pub use error::TextError;
pub use features::Featurizer;
pub(crate) use hash::{finish as mix_hash, word as word_hash};
pub use normalize::{normalize, normalize_into};
pub use sparse::SparseVec;
pub(crate) use table::{HashIndex, KeyFilter};
pub use tokenizer::words;
