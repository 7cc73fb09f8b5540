//! The training set of a retraining run: merged labelled files, their texts looked up in the
//! corpora (or taken from the files' own `text` column), with the manifest naming each
//! original file rather than the merged copy.

use std::path::PathBuf;

use super::merge::Merged;
use crate::classify::dataset::{self, TrainingSet};

/// The training set could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum LabelledError {
    /// The merged labels could not be written to a scratch file.
    #[error("cannot write the merged labels: {0}")]
    Scratch(#[from] std::io::Error),
    /// The merged labels could not be written as CSV.
    #[error("cannot write the merged labels: {0}")]
    Csv(#[from] csv::Error),
    /// The corpora could not be read, or some ids are in none of them.
    #[error("{0:#}")]
    Assemble(anyhow::Error),
}

/// Assembles the training set from `merged` labels and `corpora` (weak labels at
/// `weak_weight`), recording the original labelled files in [`TrainingSet::inputs`].
pub fn training_set(
    merged: &Merged,
    corpora: &[PathBuf],
    weak_weight: f32,
) -> Result<TrainingSet, LabelledError> {
    let scratch = tempfile::tempdir()?;
    let path = scratch.path().join("merged-labels.csv");
    merged.write_csv(&path)?;
    let mut set =
        dataset::assemble(&[path], corpora, weak_weight).map_err(LabelledError::Assemble)?;
    set.inputs.splice(0..1, merged.inputs.iter().cloned());
    Ok(set)
}
