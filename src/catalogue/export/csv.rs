//! The CSV export: a header of [`super::CSV_COLUMNS`] and one flat row per record.
//!
//! Formula injection: project text is untrusted, and a spreadsheet runs a cell such as
//! `=HYPERLINK("http://evil","click")` as a formula. Every text cell that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is therefore written with a leading `'` (the
//! OWASP advice; spreadsheets show the text as typed). Numeric columns are written as they
//! are. The JSON Lines and Parquet exports carry text unchanged.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::flat::{FlatRow, CSV_COLUMNS};
use super::{export_err, RecordSink};
use crate::catalogue::error::{CatalogueError, Result};
use crate::Proposal;

/// Writes flat rows to a CSV file.
pub(crate) struct CsvSink {
    path: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl CsvSink {
    pub(crate) fn create(path: &Path) -> Result<Self> {
        let file = File::create(path).map_err(CatalogueError::io(path))?;
        let mut writer = csv::Writer::from_writer(BufWriter::new(file));
        writer
            .write_record(CSV_COLUMNS)
            .map_err(|e| export_err(path, e))?;
        Ok(CsvSink {
            path: path.to_path_buf(),
            writer,
        })
    }
}

impl RecordSink for CsvSink {
    fn write(&mut self, p: &Proposal) -> Result<()> {
        let mut row = FlatRow::from(p).csv_fields();
        for (cell, name) in row.iter_mut().zip(CSV_COLUMNS) {
            if !NUMERIC.contains(&name) {
                defang(cell);
            }
        }
        self.writer
            .write_record(&row)
            .map_err(|e| export_err(&self.path, e))
    }

    fn finish(self: Box<Self>) -> Result<()> {
        let file = self
            .writer
            .into_inner()
            .map_err(|e| export_err(&self.path, e))?;
        let file = file.into_inner().map_err(|e| export_err(&self.path, e))?;
        file.sync_all().map_err(CatalogueError::io(&self.path))
    }
}

/// Columns that hold numbers (a leading `-` is a sign there, not a formula).
const NUMERIC: [&str; 4] = ["year", "budget", "digital", "p_digital"];

/// Prefixes `'` to a text cell a spreadsheet would run as a formula.
pub(crate) fn defang(cell: &mut String) {
    if needs_defang(cell) {
        cell.insert(0, '\'');
    }
}

/// Would a spreadsheet run this text cell as a formula?
pub fn needs_defang(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_an_apostrophe() {
        for (raw, out) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("Mobile money", "Mobile money"),
            ("", ""),
        ] {
            let mut cell = raw.to_string();
            defang(&mut cell);
            assert_eq!(cell, out);
        }
    }
}
