//! open.undp.org project JSON (`api/projects/<id>.json`): one project object, an array of
//! them, or a JSON Lines stream. Each project is flattened to the columns of the 2014 CSV
//! (outputs joined with ` || `, fiscal years and DAC codes with `;`) and mapped by the
//! `undp-open-2014` preset, so both give the same proposal.

use std::collections::BTreeSet;
use std::io::Read;

use serde_json::{Map, Value};

use crate::proposal::Proposal;

use super::jsonl::scalar_text;
use super::mapper::RowMapper;
use super::presets::{Preset, UNDP_COLUMNS};
use super::row::Row;
use super::source::{decode_lossy, Source};
use super::{IngestError, ProposalReader, Reject, Warning};

/// One parsed item: a project object with its line (JSON Lines only), or a reject.
type Item = Result<(Option<u64>, Map<String, Value>), Reject>;

/// Reads proposals from open.undp.org project JSON.
pub struct UndpJsonProposals {
    items: std::vec::IntoIter<Item>,
    mapper: Box<dyn RowMapper>,
    display: String,
    warnings: Vec<Warning>,
    size: u64,
    done: u64,
    total: u64,
}

impl UndpJsonProposals {
    /// Reads and parses the whole file (project files are small), maps lazily.
    pub fn new(source: Source, source_name: &str) -> Result<Self, IngestError> {
        let mut bytes = Vec::new();
        source
            .open()?
            .read_to_end(&mut bytes)
            .map_err(|e| IngestError::io(&source.path, e))?;
        let (text, repaired) = decode_lossy(&bytes);
        let mut warnings = source.warnings.clone();
        if repaired {
            warnings.push(Warning {
                file: source.display.clone(),
                line: None,
                message: "invalid UTF-8 replaced by U+FFFD".into(),
            });
        }
        let items = parse_items(&text, &source.display);
        let total = items.len() as u64;
        let mapper = Preset::UndpOpen2014.mapper(source_name);
        Ok(UndpJsonProposals {
            items: items.into_iter(),
            mapper,
            display: source.display,
            warnings,
            size: bytes.len() as u64,
            done: 0,
            total,
        })
    }
}

/// Splits the text into project objects: an array, a single object or JSON Lines.
fn parse_items(text: &str, file: &str) -> Vec<Item> {
    let trimmed = text.trim_start();
    let not_object = |line| Reject::at(file, line, None, "not a JSON object");
    let whole: Result<Value, _> = serde_json::from_str(trimmed);
    match whole {
        Ok(Value::Array(values)) => values
            .into_iter()
            .map(|v| match v {
                Value::Object(o) => Ok((None, o)),
                _ => Err(not_object(None)),
            })
            .collect(),
        Ok(Value::Object(o)) => vec![Ok((None, o))],
        Ok(_) => vec![Err(not_object(None))],
        Err(e) if !first_line_is_json(trimmed) => {
            vec![Err(Reject::at(
                file,
                Some(e.line() as u64),
                None,
                format!("invalid JSON: {e}"),
            ))]
        }
        Err(_) => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let line = Some(i as u64 + 1);
                match serde_json::from_str::<Value>(l) {
                    Ok(Value::Object(o)) => Ok((line, o)),
                    Ok(_) => Err(not_object(line)),
                    Err(e) => {
                        Err(Reject::at(file, line, None, format!("invalid JSON: {e}")).with_raw(l))
                    }
                }
            })
            .collect(),
    }
}

/// True when the first line is a complete JSON value: the file is JSON Lines rather than
/// one (broken) document spread over several lines.
fn first_line_is_json(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    serde_json::from_str::<Value>(first).is_ok()
}

/// The project's values under the 2014 CSV's column names.
pub fn flatten_project(p: &Map<String, Value>) -> Vec<String> {
    let s = |k: &str| p.get(k).and_then(scalar_text).unwrap_or_default();
    let outputs: Vec<&Map<String, Value>> = p
        .get("outputs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    let out_field = |k: &str| {
        outputs
            .iter()
            .filter_map(|o| o.get(k).and_then(scalar_text))
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
    };
    let unique = |k: &str| {
        out_field(k)
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
            .join(";")
    };
    let years: BTreeSet<String> = p
        .get("fiscal_year")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(scalar_text)
        .collect();
    UNDP_COLUMNS
        .iter()
        .map(|col| match *col {
            "iati_country" => s("iati_op_id"),
            "budget" | "expenditure" => sum(p.get(*col))
                .map(|v| format!("{v:.1}"))
                .unwrap_or_default(),
            "fiscal_years" => years.iter().cloned().collect::<Vec<_>>().join(";"),
            "n_outputs" => outputs.len().to_string(),
            "output_titles" => out_field("output_title").join(" || "),
            "output_descrs" => out_field("output_descr").join(" || "),
            "outputs_truncated" => "0".to_string(),
            "crs_codes" => unique("crs"),
            "crs_descrs" => unique("crs_descr"),
            "gender_descrs" => unique("gender_descr"),
            other => s(other),
        })
        .collect()
}

/// A number, or the sum of an array of numbers (nulls skipped).
fn sum(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Array(items) => Some(items.iter().filter_map(Value::as_f64).sum()),
        other => other.as_f64(),
    }
}

impl Iterator for UndpJsonProposals {
    type Item = Result<Proposal, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.items.next()?;
        self.done += 1;
        let names: Vec<String> = UNDP_COLUMNS.iter().map(|c| c.to_string()).collect();
        Some(item.and_then(|(line, project)| {
            let values = flatten_project(&project);
            self.mapper
                .map(&Row::new(&names, &values))
                .map_err(|r| Reject::at(&self.display, line, None, r))
        }))
    }
}

impl ProposalReader for UndpJsonProposals {
    fn warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    fn bytes_read(&self) -> u64 {
        self.size * self.done / self.total.max(1)
    }
}
