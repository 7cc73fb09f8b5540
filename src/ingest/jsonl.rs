//! JSON Lines: one object per line, flattened to named string values and mapped like a
//! CSV row (the generic field names, or a preset's). A line that is not a JSON object is
//! rejected with its line number; blank lines are skipped.

use std::fs::File;
use std::io::{BufRead, BufReader};

use serde_json::Value;

use crate::proposal::Proposal;

use super::fields::FieldMap;
use super::mapper::RowMapper;
use super::row::Row;
use super::source::{decode_lossy, Source};
use super::{ProposalReader, Reject, Warning};

/// How the objects are mapped: a fixed mapper (a preset) or the generic field names,
/// resolved against each object's keys.
pub enum JsonMapping {
    /// A preset's mapper.
    Fixed(Box<dyn RowMapper>),
    /// Generic names with `--map` overrides and the source name.
    Generic {
        /// `--map` pairs.
        maps: Vec<(String, String)>,
        /// The source name.
        source: String,
    },
}

/// Reads proposals from a JSON Lines file.
pub struct JsonlProposals {
    source: Source,
    lines: BufReader<File>,
    mapping: JsonMapping,
    line_no: u64,
    bytes: u64,
    buf: Vec<u8>,
    warnings: Vec<Warning>,
    done: bool,
}

impl JsonlProposals {
    /// A reader over the prepared source.
    pub fn new(source: Source, mapping: JsonMapping) -> Result<Self, super::IngestError> {
        let lines = BufReader::new(source.open()?);
        let warnings = source.warnings.clone();
        Ok(JsonlProposals {
            bytes: source.skip,
            source,
            lines,
            mapping,
            line_no: 0,
            buf: vec![],
            warnings,
            done: false,
        })
    }

    fn parse_line(&mut self, text: &str, offset: u64) -> Result<Proposal, Reject> {
        let reject = |reason: String| {
            Reject::at(
                &self.source.display,
                Some(self.line_no),
                Some(offset),
                reason,
            )
            .with_raw(text)
        };
        let value: Value =
            serde_json::from_str(text).map_err(|e| reject(format!("invalid JSON: {e}")))?;
        let Value::Object(object) = value else {
            return Err(reject("the line is not a JSON object".into()));
        };
        let (names, values) = flatten(&object);
        let row = Row::new(&names, &values);
        let mapped = match &self.mapping {
            JsonMapping::Fixed(mapper) => mapper.map(&row),
            JsonMapping::Generic { maps, source } => FieldMap::new(&names, maps, source).map(&row),
        };
        mapped.map_err(reject)
    }
}

/// Flattens an object's top level: strings as they are, numbers and booleans as written,
/// arrays of scalars joined with `"; "`, nested objects as JSON text; nulls dropped.
pub fn flatten(object: &serde_json::Map<String, Value>) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::with_capacity(object.len());
    let mut values = Vec::with_capacity(object.len());
    for (k, v) in object {
        if let Some(s) = scalar_text(v) {
            names.push(k.clone());
            values.push(s);
        }
    }
    (names, values)
}

/// The text of a value, `None` for null.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(scalar_text)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => Some(other.to_string()),
    }
}

impl Iterator for JsonlProposals {
    type Item = Result<Proposal, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            let offset = self.bytes;
            let n = match self.lines.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Reject::at(
                        &self.source.display,
                        Some(self.line_no + 1),
                        Some(offset),
                        format!("read error: {e}"),
                    )));
                }
            };
            self.bytes += n as u64;
            self.line_no += 1;
            let (text, repaired) = decode_lossy(&self.buf);
            if repaired {
                let w = Warning {
                    file: self.source.display.clone(),
                    line: Some(self.line_no),
                    message: "invalid UTF-8 replaced by U+FFFD".into(),
                };
                self.warnings.push(w);
            }
            let text = text.trim();
            if !text.is_empty() {
                return Some(self.parse_line(text, offset));
            }
        }
        None
    }
}

impl ProposalReader for JsonlProposals {
    fn warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    fn bytes_read(&self) -> u64 {
        self.bytes
    }
}
