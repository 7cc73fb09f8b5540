//! The labelling sheet that `landscape suggest` writes: the chosen records with the current
//! predictions pre-filled in the label columns of `LABELS.md` (so an analyst only corrects
//! cells), then probabilities, the uncertainty behind the choice, and the record's text.
//! `landscape train` reads it back as a labelled file, as is.

use std::path::Path;

use rayon::prelude::*;

use super::suggest::{select, uncertainty, Head, SelectOptions, Uncertainty};
use crate::classify::Classifier;
use crate::labels::{Labels, Pillar, Sector};
use crate::Proposal;

/// The columns of a labelling sheet; the first five are those of `LABELS.md`.
pub const SHEET_COLUMNS: [&str; 19] = [
    "id",
    "digital",
    "openness",
    "pillars",
    "sectors",
    "note",
    "uncertainty",
    "why",
    "p_digital_0",
    "p_digital_1",
    "p_digital_2",
    "p_pillars",
    "p_sectors",
    "model",
    "source",
    "title",
    "country",
    "year",
    "text",
];

/// A sheet that cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// Creating, writing or renaming the file failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Classifies `records` with `model` (replacing any stored labels) and picks the `n` whose
/// labels would teach the model most on `head`, most informative first, with their
/// uncertainty.
pub fn suggest(
    model: &Classifier,
    records: &mut [Proposal],
    head: Head,
    n: usize,
    opts: &SelectOptions,
) -> Vec<(usize, Uncertainty)> {
    records
        .par_iter_mut()
        .for_each(|p| p.classification = Some(model.classify(&p.text)));
    let unc: Vec<Uncertainty> = records
        .iter()
        .map(|p| uncertainty(p.classification.as_ref().expect("classified"), head))
        .collect();
    let scores: Vec<f32> = unc.iter().map(|u| u.score).collect();
    let features = |i: usize| model.features(&records[i].text);
    let picked = select(&scores, &features, n, opts);
    picked.into_iter().map(|i| (i, unc[i].clone())).collect()
}

fn probs<T: std::fmt::Display>(names: &[T], p: &[f32]) -> String {
    let parts: Vec<String> = names
        .iter()
        .zip(p)
        .map(|(n, p)| format!("{n}={p:.2}"))
        .collect();
    parts.join(";")
}

/// The sheet row of one classified record.
fn row(p: &Proposal, u: &Uncertainty) -> Vec<String> {
    let c = p.classification.as_ref();
    let l = c.map(|c| &c.labels);
    let dp = c.map_or([0.0; 3], |c| c.digital_probs);
    vec![
        p.key(),
        l.map_or(String::new(), |l| l.digital.to_string()),
        l.map_or(String::new(), |l| l.openness.to_string()),
        l.map_or(String::new(), |l| Labels::join(&l.pillars)),
        l.map_or(String::new(), |l| Labels::join(&l.sectors)),
        String::new(),
        format!("{:.3}", u.score),
        u.why.clone(),
        format!("{:.3}", dp[0]),
        format!("{:.3}", dp[1]),
        format!("{:.3}", dp[2]),
        c.map_or(String::new(), |c| probs(Pillar::ALL, &c.pillar_probs)),
        c.map_or(String::new(), |c| probs(Sector::ALL, &c.sector_probs)),
        c.map_or(String::new(), |c| c.model.clone()),
        p.source.clone(),
        p.title.clone(),
        p.country_code
            .clone()
            .or_else(|| p.country_name.clone())
            .unwrap_or_default(),
        p.year.map_or(String::new(), |y| y.to_string()),
        p.text.clone(),
    ]
}

/// Writes the sheet to `path` atomically (a temporary file in the same directory, renamed).
pub fn write_sheet(path: &Path, rows: &[(&Proposal, &Uncertainty)]) -> Result<(), SheetError> {
    let io = |source| SheetError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = crate::atomic::temp_file_in(dir).map_err(io)?;
    {
        let mut w = csv::Writer::from_writer(std::io::BufWriter::new(tmp.as_file()));
        let csv_io = |e: csv::Error| io(std::io::Error::other(e));
        w.write_record(SHEET_COLUMNS).map_err(csv_io)?;
        for (p, u) in rows {
            w.write_record(row(p, u)).map_err(csv_io)?;
        }
        w.flush().map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
