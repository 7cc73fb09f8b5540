//! Training hyper-parameters (`landscape train --config FILE`, TOML-free JSON), with defaults.

use serde::{Deserialize, Serialize};

use crate::text::FeatureConfig;

/// Everything that decides a trained model besides its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainConfig {
    /// Seed of the cross-validation folds (default 42).
    pub seed: u64,
    /// Number of cross-validation folds for the model card and calibration (default 5).
    pub folds: usize,
    /// Inverse regularisation of every head (default 30).
    pub c: f64,
    /// Scale of the lexicon features against the unit-length TF-IDF vector (default 0.5).
    pub lexicon_scale: f32,
    /// Balanced class weights in the `digital`, `principal` and sector heads (default true).
    pub balanced: bool,
    /// Balanced class weights in the pillar heads (default false: measured 0.796 against
    /// 0.792 pillar micro-F1 in cross-validation).
    pub balanced_pillars: bool,
    /// Sample weight of weak labels (default 0: measured on the gold folds they cost 0.004-0.012
    /// digital F1, see MODEL.md; give a weight to use them).
    pub weak_weight: f32,
    /// The TF-IDF featurizer.
    pub features: FeatureConfig,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 42,
            folds: 5,
            c: 30.0,
            lexicon_scale: 0.5,
            weak_weight: 0.0,
            balanced: true,
            balanced_pillars: false,
            features: FeatureConfig {
                max_word_features: 100_000,
                max_char_features: 100_000,
                ..FeatureConfig::default()
            },
        }
    }
}
