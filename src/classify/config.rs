//! Training hyper-parameters (`landscape train --config FILE`, TOML-free JSON), with defaults.

use serde::{Deserialize, Serialize};

use super::selftrain::SelfTraining;
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
    /// Inverse regularisation of the sector heads (default 100; `null`: `c`).
    pub c_sectors: Option<f64>,
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
    /// Unlabelled corpus texts self-training labels (default 0: off). Measured on the gold folds
    /// (pool 8000 or 16000, margin 1-3, weight 0.3-1) it changed digital F1 by -0.002..+0.002
    /// and sectors micro-F1 by -0.005..-0.001 while tripling training time.
    pub self_training_pool: usize,
    /// Decision value beyond which a head's verdict on an unlabelled text is kept (default 2).
    pub self_training_margin: f32,
    /// Sample weight of those pseudo-labels (default 0.3).
    pub self_training_weight: f32,
    /// Weight of a model of the word n-grams alone added to each sector head (default 1; 0:
    /// none). See `classify::views`. Measured on the gold folds with `nb_views` and
    /// `c_sectors` 100: sectors micro-F1 0.844 against 0.833 without (0.838 with C 100 alone).
    pub word_view_sectors: f32,
    /// Weight of a model of the character n-grams alone added to each sector head (0: none).
    pub char_view_sectors: f32,
    /// Scale the views' features by their Naive-Bayes log-count ratios (default true).
    pub nb_views: bool,
    /// Weight of a model of the word n-grams alone added to each pillar head (0: none). The
    /// pillar options below are off by default: on the gold folds none beat the plain pillar
    /// heads beyond the spread between fold seeds (see the README).
    pub word_view_pillars: f32,
    /// Weight of a character n-gram view of each pillar head (0: none).
    pub char_view_pillars: f32,
    /// Weight of a lexicon view of each pillar head (0: none).
    pub lexicon_view_pillars: f32,
    /// Weight of a lexicon view of each sector head (0: none).
    pub lexicon_view_sectors: f32,
    /// Sample weight of non-digital gold rows as negatives of every pillar head (0: they do
    /// not train the pillar heads).
    pub pillar_negatives: f32,
    /// Inverse regularisation of the pillar heads (`null`: `c`).
    pub c_pillars: Option<f64>,
    /// Gloss foreign words by the shipped glossary (`classify::glossary`) when `features`
    /// has no glosses of its own (default true). Measured on the gold folds at fold seeds
    /// 42, 1 and 2: sectors micro-F1 0.849, 0.848, 0.852 against 0.844, 0.843, 0.849 without;
    /// Spanish records' sectors +0.013 to +0.026, French +0.044 to +0.048; digital and pillars
    /// within 0.003.
    pub glossary: bool,
    /// Prior mean of the `digital` head's weight on each digital lexicon concept (see
    /// `classify::prior`; default 4, 0: none). Measured on the gold folds at fold seeds 42, 1
    /// and 2: `digital` F1 0.893, 0.903, 0.895 against 0.897, 0.886, 0.895 without (pillars
    /// and sectors unchanged); on the digital-products files it leaves fewer products called
    /// not digital (DPG registry 341 of 755 against 351).
    pub lexicon_prior: f32,
    /// Prior mean of each pillar head's weight on its own lexicon concept (0: none; 4 measured
    /// pillars 0.791 against 0.793 at seed 42).
    pub lexicon_prior_pillars: f32,
    /// Prior mean of each sector head's weight on its own lexicon concept (0: none; 2 and 4
    /// measured sectors 0.848-0.850, no gain).
    pub lexicon_prior_sectors: f32,
    /// Move the sector heads' threshold by a shift chosen out of fold (default true; see
    /// `classify::shift`). Measured on the gold folds at fold seeds 42, 1 and 2, the report
    /// choosing each fold's shift on the other folds: sectors micro-F1 0.853, 0.852, 0.853
    /// against 0.849, 0.848, 0.855 without.
    pub shift_sectors: bool,
    /// Move the pillar heads' threshold the same way (default false: measured pillars
    /// micro-F1 0.803, 0.798, 0.812 against 0.807, 0.803, 0.810 without).
    pub shift_pillars: bool,
    /// The TF-IDF featurizer.
    pub features: FeatureConfig,
}

impl TrainConfig {
    /// The featurizer's configuration, with the shipped glossary if `glossary` is on and
    /// `features` has no glosses of its own.
    pub fn feature_config(&self) -> FeatureConfig {
        let mut f = self.features.clone();
        if self.glossary && f.gloss.is_empty() {
            f.gloss = super::glossary::default_pairs();
        }
        f
    }

    /// How strongly the heads lean on the lexicon before seeing data.
    pub fn prior_strength(&self) -> super::prior::PriorStrength {
        super::prior::PriorStrength {
            digital: self.lexicon_prior,
            pillars: self.lexicon_prior_pillars,
            sectors: self.lexicon_prior_sectors,
        }
    }

    /// The self-training settings.
    pub fn self_training(&self) -> SelfTraining {
        SelfTraining {
            margin: self.self_training_margin,
            weight: if self.self_training_pool == 0 {
                0.0
            } else {
                self.self_training_weight
            },
        }
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 42,
            folds: 5,
            c: 30.0,
            c_sectors: Some(100.0),
            lexicon_scale: 0.5,
            weak_weight: 0.0,
            balanced: true,
            balanced_pillars: false,
            self_training_pool: 0,
            self_training_margin: 2.0,
            self_training_weight: 0.3,
            word_view_sectors: 1.0,
            char_view_sectors: 0.0,
            nb_views: true,
            word_view_pillars: 0.0,
            char_view_pillars: 0.0,
            lexicon_view_pillars: 0.0,
            lexicon_view_sectors: 0.0,
            pillar_negatives: 0.0,
            c_pillars: None,
            glossary: true,
            lexicon_prior: 4.0,
            shift_sectors: true,
            shift_pillars: false,
            lexicon_prior_pillars: 0.0,
            lexicon_prior_sectors: 0.0,
            // Word unigrams (30,000) and character 4-grams (20,000). Measured on the gold
            // folds at fold seeds 42, 1 and 2 against the earlier word 1-2-grams and character
            // 3-5-grams (100,000 each): digital F1 0.904, 0.903, 0.902 against 0.900, 0.903,
            // 0.902; pillars 0.812, 0.799, 0.813 against 0.807, 0.797, 0.811; sectors 0.862,
            // 0.862, 0.863 against 0.853, 0.855, 0.855. Trained on World Bank and AidData and
            // tested on UNDP: digital 0.903 against 0.905, sectors 0.854 against 0.848. A
            // third of the features per word, and a model a third the size.
            features: FeatureConfig {
                word_ngrams: (1, 1),
                char_ngrams: Some((4, 4)),
                max_word_features: 30_000,
                max_char_features: 20_000,
                ..FeatureConfig::default()
            },
        }
    }
}
