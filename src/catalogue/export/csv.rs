//! The CSV export: a header of [`super::CSV_COLUMNS`] and one flat row per record.

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
        let row = FlatRow::from(p).csv_fields();
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
