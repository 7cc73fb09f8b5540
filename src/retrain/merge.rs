//! Merging corrected label files: any number of files, keyed by record id; a later file wins
//! over an earlier one and a later row over an earlier row of the same file. Every conflict
//! (same id, different labels) is kept with both places and the fields that differ, and every
//! bad cell of every file is collected before anything is trained.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::labels::{check_gold, GoldError, GoldRow, Labels};

/// Where a labelled row came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub file: PathBuf,
    /// 1-based data row.
    pub row: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} row {}", self.file.display(), self.row)
    }
}

/// Two rows that label the same record differently; `kept` wins.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The record id.
    pub id: String,
    /// The row overridden.
    pub dropped: Origin,
    /// The row kept (later on the command line, or later in the same file).
    pub kept: Origin,
    /// The label fields that differ (`digital`, `openness`, `pillars`, `sectors`).
    pub fields: Vec<&'static str>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} overrides {} ({} differ)",
            self.id,
            self.kept,
            self.dropped,
            self.fields.join(", ")
        )
    }
}

/// The merged labels of several files.
#[derive(Debug, Default)]
pub struct Merged {
    /// One row per id, in order of first appearance.
    pub rows: Vec<GoldRow>,
    /// Where each kept row came from (same order as `rows`).
    pub origins: Vec<Origin>,
    /// Every conflict, in reading order.
    pub conflicts: Vec<Conflict>,
    /// Each file with its SHA-256 and valid row count, for the model's manifest.
    pub inputs: Vec<serde_json::Value>,
}

/// Files that cannot be merged: unreadable files, or bad cells (all of them, in order).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A file is unreadable or lacks a column.
    #[error(transparent)]
    File(#[from] GoldError),
    /// Some cells break the schema; one message per cell.
    #[error("{} bad cells in the labelled files:\n{}", .0.len(), list(.0))]
    BadCells(Vec<GoldError>),
    /// A file cannot be hashed for the manifest.
    #[error("{0}: {1}")]
    Io(PathBuf, #[source] std::io::Error),
}

fn list(errs: &[GoldError]) -> String {
    let lines: Vec<String> = errs.iter().map(|e| format!("  {e}")).collect();
    lines.join("\n")
}

/// The label fields in which `a` and `b` differ.
pub fn differing_fields(a: &Labels, b: &Labels) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.digital != b.digital {
        out.push("digital");
    }
    if a.openness != b.openness {
        out.push("openness");
    }
    if a.pillars != b.pillars {
        out.push("pillars");
    }
    if a.sectors != b.sectors {
        out.push("sectors");
    }
    out
}

/// Reads, validates and merges `files` in order (later wins). Any bad cell in any file is an
/// error listing every bad cell of every file.
pub fn merge_files(files: &[PathBuf]) -> Result<Merged, MergeError> {
    let mut merged = Merged::default();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut bad = Vec::new();
    for path in files {
        let checked = check_gold(path)?;
        bad.extend(checked.bad);
        merged.inputs.push(input(path, checked.rows.len())?);
        for (row, g) in checked.rows {
            let origin = Origin {
                file: path.clone(),
                row,
            };
            merged.add(&mut at, g, origin);
        }
    }
    if !bad.is_empty() {
        return Err(MergeError::BadCells(bad));
    }
    Ok(merged)
}

impl Merged {
    fn add(&mut self, at: &mut HashMap<String, usize>, g: GoldRow, origin: Origin) {
        let Some(&i) = at.get(&g.id) else {
            at.insert(g.id.clone(), self.rows.len());
            self.rows.push(g);
            self.origins.push(origin);
            return;
        };
        let fields = differing_fields(&self.rows[i].labels, &g.labels);
        if !fields.is_empty() {
            self.conflicts.push(Conflict {
                id: g.id.clone(),
                dropped: self.origins[i].clone(),
                kept: origin.clone(),
                fields,
            });
        }
        let text = g.text.clone().or_else(|| self.rows[i].text.take());
        self.rows[i] = GoldRow { text, ..g };
        self.origins[i] = origin;
    }

    /// Writes the merged rows as one labelled file (`id,digital,openness,pillars,sectors,text`)
    /// that [`crate::labels::read_gold`] reads back identically.
    pub fn write_csv(&self, path: &Path) -> Result<(), csv::Error> {
        let mut w = csv::Writer::from_path(path)?;
        w.write_record(["id", "digital", "openness", "pillars", "sectors", "text"])?;
        for g in &self.rows {
            let l = &g.labels;
            w.write_record([
                g.id.as_str(),
                &l.digital.to_string(),
                l.openness.as_str(),
                &Labels::join(&l.pillars),
                &Labels::join(&l.sectors),
                g.text.as_deref().unwrap_or(""),
            ])?;
        }
        w.flush()?;
        Ok(())
    }
}

fn input(path: &Path, rows: usize) -> Result<serde_json::Value, MergeError> {
    let bytes = std::fs::read(path).map_err(|e| MergeError::Io(path.to_path_buf(), e))?;
    Ok(serde_json::json!({
        "file": path.file_name().map(|f| f.to_string_lossy().to_string()),
        "sha256": format!("{:x}", sha2::Sha256::digest(&bytes)),
        "rows": rows,
    }))
}
