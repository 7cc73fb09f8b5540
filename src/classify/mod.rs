//! The classifier: a TF-IDF featurizer plus a curated multilingual lexicon, fourteen calibrated
//! linear heads, rule-based openness, and the evidence behind every positive label.
//!
//! [`train::train`] fits it from a [`dataset::TrainingSet`]; [`Classifier::classify`] labels a
//! text; [`persist`] writes and reads the model directory.

pub mod classifier;
pub mod config;
pub mod dataset;
mod decimal;
pub mod evidence;
pub mod glossary;
pub mod heads;
pub mod lexicon;
pub mod openness;
pub mod output;
pub mod persist;
pub mod prior;
pub mod report;
pub mod selftrain;
pub mod shift;
#[cfg(test)]
mod shift_tests;
pub mod train;
pub mod views;

pub use classifier::Classifier;
pub use config::TrainConfig;
pub use lexicon::Lexicon;
