//! Train/test splits of a labelled set written to disk, so that other tools (scikit-learn,
//! fastText) train and test on exactly the rows and texts landscape uses: the k folds of
//! [`stratified_group_kfold`] as the trainer's cross-validation draws them (stratified by
//! `digital`, grouped by record key, same seed), and a cross-source split that tests on one
//! source's records after training on every other source.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{stratified_group_kfold, Fold, ModelError};

use super::schema::Labels;

/// One labelled record with the text the classifier reads.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitRow {
    /// The record key (`undp14-...`, `wb-...`, `aid-...`).
    pub id: String,
    /// Its labels.
    pub labels: Labels,
    /// The text as the trainer assembles it.
    pub text: String,
}

/// A split that cannot be made or written.
#[derive(Debug, thiserror::Error)]
pub enum SplitError {
    /// The folds cannot be drawn (too few rows, bad `k`).
    #[error("cannot draw the folds: {0}")]
    Folds(#[from] ModelError),
    /// The cross-source prefix selects no row, or every row.
    #[error("cross-source split `{prefix}`: {what}")]
    CrossSource {
        /// The key prefix asked for.
        prefix: String,
        /// What is wrong.
        what: String,
    },
    /// A file or directory cannot be written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The header of every split file: `gold.csv`'s label columns and the text.
pub const HEADER: [&str; 6] = ["id", "digital", "openness", "pillars", "sectors", "text"];

/// The k folds the trainer's cross-validation uses for these rows in this order: stratified by
/// `digital`, one group per key, seeded.
pub fn cv_folds(rows: &[SplitRow], k: usize, seed: u64) -> Result<Vec<Fold>, SplitError> {
    let strata: Vec<usize> = rows.iter().map(|r| r.labels.digital as usize).collect();
    let groups: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    Ok(stratified_group_kfold(
        k,
        seed,
        &strata,
        &groups,
        &vec![true; rows.len()],
    )?)
}

/// Tests on the rows whose key starts with `prefix` (e.g. `undp`), trains on the others.
pub fn cross_source(rows: &[SplitRow], prefix: &str) -> Result<Fold, SplitError> {
    let (test, train): (Vec<usize>, Vec<usize>) =
        (0..rows.len()).partition(|&i| rows[i].id.starts_with(prefix));
    let what = if test.is_empty() {
        "no record key starts with it"
    } else if train.is_empty() {
        "every record key starts with it, nothing is left to train on"
    } else {
        return Ok(Fold { train, test });
    };
    Err(SplitError::CrossSource {
        prefix: prefix.to_string(),
        what: what.to_string(),
    })
}

/// Writes `dir/train.csv` and `dir/test.csv` for one fold, each atomically.
pub fn write_fold(rows: &[SplitRow], fold: &Fold, dir: &Path) -> Result<(), SplitError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SplitError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for (name, idx) in [("train.csv", &fold.train), ("test.csv", &fold.test)] {
        let path = dir.join(name);
        write_rows(rows, idx, &path).map_err(io(&path))?;
    }
    Ok(())
}

/// Writes the selected rows as CSV through a temporary file in the same directory.
fn write_rows(rows: &[SplitRow], idx: &[usize], path: &Path) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let tmp = crate::atomic::temp_file_in(parent)?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(tmp));
    w.write_record(HEADER)?;
    for r in idx.iter().map(|&i| &rows[i]) {
        let l = &r.labels;
        let digital = l.digital.to_string();
        let (pillars, sectors) = (Labels::join(&l.pillars), Labels::join(&l.sectors));
        let openness = l.openness.to_string();
        w.write_record([&r.id, &digital, &openness, &pillars, &sectors, &r.text])?;
    }
    let mut buf = w.into_inner().map_err(|e| e.into_error())?;
    buf.flush()?;
    let tmp = buf.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::{read_gold, Openness, Pillar};

    fn row(id: &str, digital: u8) -> SplitRow {
        let dig = digital > 0;
        SplitRow {
            id: id.to_string(),
            labels: Labels {
                digital,
                openness: if dig {
                    Openness::Unknown
                } else {
                    Openness::NotApplicable
                },
                pillars: if dig { vec![Pillar::Dpi] } else { vec![] },
                sectors: vec![],
            },
            text: format!("text of {id}, with a comma\nand a newline"),
        }
    }

    fn rows() -> Vec<SplitRow> {
        (0..30)
            .map(|i| row(&format!("{}-{i}", ["wb", "undp14"][i % 2]), (i % 3) as u8))
            .collect()
    }

    #[test]
    fn folds_cover_every_row_once_and_round_trip_through_the_gold_reader() {
        let rows = rows();
        let folds = cv_folds(&rows, 5, 42).unwrap();
        let mut tested: Vec<usize> = folds.iter().flat_map(|f| f.test.clone()).collect();
        tested.sort();
        assert_eq!(tested, (0..30).collect::<Vec<_>>());
        let dir = tempfile::tempdir().unwrap();
        write_fold(&rows, &folds[0], dir.path()).unwrap();
        let back = read_gold(&dir.path().join("test.csv")).unwrap();
        assert_eq!(back.len(), folds[0].test.len());
        let first = &rows[folds[0].test[0]];
        assert_eq!(back[0].id, first.id);
        assert_eq!(back[0].labels, first.labels);
        assert_eq!(back[0].text.as_deref(), Some(first.text.as_str()));
        let train = read_gold(&dir.path().join("train.csv")).unwrap();
        assert_eq!(train.len() + back.len(), 30);
    }

    #[test]
    fn cross_source_tests_one_prefix_and_rejects_an_empty_side() {
        let rows = rows();
        let f = cross_source(&rows, "undp").unwrap();
        assert!(f.test.iter().all(|&i| rows[i].id.starts_with("undp14-")));
        assert!(f.train.iter().all(|&i| rows[i].id.starts_with("wb-")));
        let msg = cross_source(&rows, "aid").unwrap_err().to_string();
        assert!(
            msg.contains("`aid`") && msg.contains("no record key"),
            "{msg}"
        );
        assert!(cross_source(&rows, "").is_err());
    }
}
