//! The JSON Lines export: one proposal per line, exactly as stored.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::RecordSink;
use crate::catalogue::error::{CatalogueError, Result};
use crate::Proposal;

/// Writes proposals as JSON Lines.
pub(crate) struct JsonlSink {
    path: PathBuf,
    writer: BufWriter<File>,
}

impl JsonlSink {
    pub(crate) fn create(path: &Path) -> Result<Self> {
        let file = File::create(path).map_err(CatalogueError::io(path))?;
        Ok(JsonlSink {
            path: path.to_path_buf(),
            writer: BufWriter::new(file),
        })
    }
}

impl RecordSink for JsonlSink {
    fn write(&mut self, p: &Proposal) -> Result<()> {
        serde_json::to_writer(&mut self.writer, p).map_err(|e| super::export_err(&self.path, e))?;
        self.writer
            .write_all(b"\n")
            .map_err(CatalogueError::io(&self.path))
    }

    fn finish(self: Box<Self>) -> Result<()> {
        let file = self
            .writer
            .into_inner()
            .map_err(|e| CatalogueError::io(&self.path)(e.into_error()))?;
        file.sync_all().map_err(CatalogueError::io(&self.path))
    }
}
