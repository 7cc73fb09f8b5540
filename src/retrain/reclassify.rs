//! Re-labelling a catalogue in place with another model: every stored record is classified
//! again and upserted by its key, so its labels, probabilities, evidence and the name of the
//! model that produced them are replaced; search and stats then show the new labels.

use rayon::prelude::*;

use crate::catalogue::{Catalogue, CatalogueError, Upsert};
use crate::classify::Classifier;
use crate::Proposal;

/// Records classified and written per batch.
const BATCH: usize = 4096;

/// What a reclassification did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reclassified {
    /// Records read.
    pub records: u64,
    /// Records whose labels changed.
    pub labels_changed: u64,
    /// Records rewritten (labels, probabilities, evidence or model name changed).
    pub rewritten: u64,
}

/// Classifies every record of `cat` with `model` and upserts it; `progress` is told the number
/// of records done after each batch. Commits once at the end, so a killed run leaves the
/// catalogue as it was.
pub fn reclassify(
    cat: &Catalogue,
    model: &Classifier,
    progress: &dyn Fn(u64),
) -> Result<Reclassified, CatalogueError> {
    let mut writer = cat.writer()?;
    let mut done = Reclassified::default();
    let mut batch: Vec<Proposal> = Vec::with_capacity(BATCH);
    let mut records = cat.iter_all();
    loop {
        batch.clear();
        for p in records.by_ref().take(BATCH) {
            batch.push(p?);
        }
        if batch.is_empty() {
            break;
        }
        let before: Vec<_> = batch
            .iter()
            .map(|p| p.classification.as_ref().map(|c| c.labels.clone()))
            .collect();
        batch
            .par_iter_mut()
            .for_each(|p| p.classification = Some(model.classify(&p.text)));
        for (p, old) in batch.iter().zip(before) {
            done.records += 1;
            let new = p.classification.as_ref().map(|c| c.labels.clone());
            done.labels_changed += u64::from(old != new);
            if writer.upsert(p)? != Upsert::Unchanged {
                done.rewritten += 1;
            }
        }
        progress(done.records);
    }
    writer.commit()?;
    cat.reload()?;
    Ok(done)
}
