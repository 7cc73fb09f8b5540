//! CSV with a header row (RFC 4180 quoting, fields may span lines). Rows with the wrong
//! number of fields are rejected with their line; a row whose quote never closes is
//! rejected and reading resumes on the next line, so one stray quote does not swallow
//! the rest of the file.

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};

use csv::{ByteRecord, ErrorKind, Position};

use crate::proposal::Proposal;

use super::error::RAW_LIMIT;
use super::mapper::RowMapper;
use super::row::Row;
use super::source::{decode_lossy, Source};
use super::{IngestError, ProposalReader, Reject, Warning};

/// Reads proposals from a CSV file through a [`RowMapper`].
pub struct CsvProposals {
    source: Source,
    reader: csv::Reader<File>,
    names: Vec<String>,
    mapper: Box<dyn RowMapper>,
    record: ByteRecord,
    values: Vec<String>,
    warnings: Vec<Warning>,
    done: bool,
}

/// Opens the CSV file and reads its header (BOM removed, invalid UTF-8 repaired).
pub fn read_header(source: &Source) -> Result<(csv::Reader<File>, Vec<String>), IngestError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(source.open()?);
    let header = reader.byte_headers().map_err(|e| IngestError::BadHeader {
        path: source.path.clone(),
        message: e.to_string(),
    })?;
    let names = header
        .iter()
        .map(|f| {
            decode_lossy(f)
                .0
                .trim()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    Ok((reader, names))
}

impl CsvProposals {
    /// A reader over an opened CSV whose header was read by [`read_header`].
    pub fn new(
        source: Source,
        reader: csv::Reader<File>,
        names: Vec<String>,
        mapper: Box<dyn RowMapper>,
    ) -> Self {
        let warnings = source.warnings.clone();
        CsvProposals {
            source,
            reader,
            names,
            mapper,
            record: ByteRecord::new(),
            values: vec![],
            warnings,
            done: false,
        }
    }

    fn warn(&mut self, line: u64, message: &str) {
        self.warnings.push(Warning {
            file: self.source.display.clone(),
            line: Some(line),
            message: message.into(),
        });
    }

    fn decode_record(&mut self, line: u64) {
        self.values.clear();
        let mut repaired = false;
        for field in self.record.iter() {
            let (text, bad) = decode_lossy(field);
            repaired |= bad;
            self.values.push(text);
        }
        if repaired {
            self.warn(line, "invalid UTF-8 replaced by U+FFFD");
        }
    }

    fn map_record(&mut self) -> Result<Proposal, Reject> {
        let pos = self
            .record
            .position()
            .cloned()
            .unwrap_or_else(Position::new);
        self.decode_record(pos.line());
        let row = Row::new(&self.names, &self.values);
        self.mapper
            .map(&row)
            .map_err(|reason| self.reject(pos, reason, &self.values.join(",")))
    }

    /// Rejects a row with the wrong field count; when it spans lines (an unclosed quote
    /// most likely), resumes reading at the line after the one where it started.
    fn unequal(&mut self, pos: Position, expected: u64, len: u64) -> Reject {
        let spans_lines = self.reader.position().line() > pos.line() + 1;
        let (raw, line_len) = self.raw_line(pos.byte()).unwrap_or_default();
        let mut reason = format!("expected {expected} fields, found {len}");
        if spans_lines {
            reason.push_str(" (unclosed quote? the row runs over several lines; reading resumes on the next line)");
            let mut next = Position::new();
            next.set_byte(pos.byte() + line_len)
                .set_line(pos.line() + 1)
                .set_record(pos.record() + 1);
            if self.reader.seek(next).is_err() {
                self.done = true;
            }
        }
        self.reject(pos, reason, &raw)
    }

    /// A reject at `pos` (line and byte offset in the original file) with the raw row.
    fn reject(&self, pos: Position, reason: String, raw: &str) -> Reject {
        Reject::at(
            &self.source.display,
            Some(pos.line()),
            Some(pos.byte() + self.source.skip),
            reason,
        )
        .with_raw(raw)
    }

    /// The physical line starting at `byte` (in the reader's coordinates) and its length
    /// in bytes including the newline.
    fn raw_line(&self, byte: u64) -> Option<(String, u64)> {
        let mut f = self.source.open().ok()?;
        f.seek(SeekFrom::Current(byte as i64)).ok()?;
        let mut buf = Vec::new();
        BufReader::new(f).read_until(b'\n', &mut buf).ok()?;
        let len = buf.len() as u64;
        buf.truncate(RAW_LIMIT * 4);
        Some((decode_lossy(&buf).0.trim_end().to_string(), len))
    }
}

impl Iterator for CsvProposals {
    type Item = Result<Proposal, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => self.done = true,
                Ok(true)
                    if self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace)) =>
                {
                    continue
                }
                Ok(true) => return Some(self.map_record()),
                Err(e) => {
                    if let ErrorKind::UnequalLengths {
                        pos: Some(pos),
                        expected_len,
                        len,
                    } = e.kind()
                    {
                        let (pos, expected, len) = (pos.clone(), *expected_len, *len);
                        return Some(Err(self.unequal(pos, expected, len)));
                    }
                    self.done = true;
                    let at = self.reader.position().clone();
                    return Some(Err(Reject::at(
                        &self.source.display,
                        Some(at.line()),
                        Some(at.byte()),
                        format!("unreadable CSV: {e}; the rest of the file is skipped"),
                    )));
                }
            }
        }
        None
    }
}

impl ProposalReader for CsvProposals {
    fn warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    fn bytes_read(&self) -> u64 {
        self.reader.position().byte() + self.source.skip
    }
}
