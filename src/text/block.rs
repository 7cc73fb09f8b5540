//! The seam for extra feature families (for example a curated keyword lexicon): a
//! [`FeatureBlock`] turns a normalised text into features of its own, which the
//! [`crate::text::Featurizer`] appends after its word and character n-gram blocks.

/// A family of features computed from a normalised text. Blocks are attached in code at load
/// time with [`crate::text::Featurizer::with_block`]; they are not serialised.
pub trait FeatureBlock: Send + Sync {
    /// A short name, used as the prefix of this block's feature names (`name:feature`).
    fn name(&self) -> &str;
    /// Number of features; every index given to `out` must be below it.
    fn dim(&self) -> usize;
    /// `normalized` is the output of normalize(); `words` its words in order.
    fn features(&self, normalized: &str, words: &[&str], out: &mut Vec<(u32, f32)>);
    /// The readable name of feature `i` (below [`FeatureBlock::dim`]).
    fn feature_name(&self, i: u32) -> String;
}
