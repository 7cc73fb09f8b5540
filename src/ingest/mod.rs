//! Ingestion: readers that turn input files into [`Proposal`]s, one format per module.
//!
//! [`open`] picks the reader from [`ReadOptions`] (or the file name and header) and
//! returns a [`ProposalReader`]: an iterator of proposals where a bad record is a
//! [`Reject`] and reading goes on. Only problems with the file as a whole are an
//! [`IngestError`].
//!
//! - CSV with a header (`csv_reader`): common column names or a [`Preset`] layout;
//! - JSON Lines (`jsonl`): one object per line, same names;
//! - IATI activity XML (`iati`): streamed in constant memory;
//! - open.undp.org project JSON (`undp_json`).
//!
//! Each reader hands rows to a `RowMapper` (the seam between a format and a record
//! layout): the generic field names of `fields`, or a preset's mapper.
//!
//! ```no_run
//! use landscape::ingest::{open, ReadOptions};
//! let mut reader = open("projects.csv".as_ref(), &ReadOptions::default()).unwrap();
//! for record in &mut reader {
//!     match record {
//!         Ok(p) => println!("{} {}", p.key(), p.title),
//!         Err(reject) => eprintln!("{}:{:?}: {}", reject.file, reject.line, reject.reason),
//!     }
//! }
//! ```

mod csv_reader;
pub mod dates;
mod error;
mod fields;
mod iati;
mod jsonl;
pub mod lang;
mod lossy;
mod mapper;
mod presets;
mod row;
mod source;
mod undp_json;

use std::path::Path;
use std::str::FromStr;

pub use error::{IngestError, Reject, Warning};
pub use fields::parse_map;
pub use presets::Preset;

use crate::proposal::Proposal;
use fields::FieldMap;
use jsonl::JsonMapping;
use source::Source;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// JSON Lines.
    Jsonl,
    /// IATI activity XML.
    IatiXml,
    /// open.undp.org project JSON.
    UndpJson,
}

impl FromStr for Format {
    type Err = IngestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "iati" | "xml" => Ok(Format::IatiXml),
            "undp-json" | "json" => Ok(Format::UndpJson),
            _ => Err(IngestError::BadArgument {
                what: "format",
                value: s.into(),
                expected: "csv, jsonl, iati, undp-json".into(),
            }),
        }
    }
}

impl Format {
    /// The format a file name suggests (`.csv`, `.jsonl`/`.ndjson`, `.xml`, `.json`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "xml" => Some(Format::IatiXml),
            "json" => Some(Format::UndpJson),
            _ => None,
        }
    }
}

/// How to read a file; everything may be left to detection.
///
/// Without a preset, a CSV header that matches a preset's columns uses that preset,
/// unless `maps` are given: then the generic names apply, with the maps on top.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The format; detected from the extension when `None`.
    pub format: Option<Format>,
    /// The column layout; detected from the header when `None`.
    pub preset: Option<Preset>,
    /// `field=column` overrides (`--map`, see [`parse_map`]) for CSV and JSON
    /// Lines read with the generic names; ignored with a preset.
    pub maps: Vec<(String, String)>,
    /// The source name; defaults to the preset's (`undp14`, `wb`, ...; `undp14` for
    /// project JSON), else the file stem.
    pub source: Option<String>,
    /// Leave `language` unset where the file does not give it, instead of detecting it: for a
    /// caller that never reads it (`classify` without a catalogue).
    pub skip_language: bool,
}

/// A stream of proposals from one file.
pub trait ProposalReader: Iterator<Item = Result<Proposal, Reject>> + Send {
    /// The warnings raised since the last call (drained).
    fn warnings(&mut self) -> Vec<Warning>;
    /// Bytes of the input consumed so far, for a progress bar (of the UTF-8 transcoding
    /// when the input was UTF-16 or Windows-1252).
    fn bytes_read(&self) -> u64;
}

/// Opens `path` for reading proposals.
pub fn open(path: &Path, opts: &ReadOptions) -> Result<Box<dyn ProposalReader>, IngestError> {
    fields::check_maps(&opts.maps)?;
    let format = opts
        .format
        .or_else(|| Format::from_path(path))
        .ok_or_else(|| IngestError::UnknownFormat { path: path.into() })?;
    let source = Source::prepare(path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name_for = |preset: Option<Preset>| {
        opts.source
            .clone()
            .or(preset.map(|p| p.source().to_string()))
            .unwrap_or(stem.clone())
    };
    let reader: Box<dyn ProposalReader> = match format {
        Format::Csv => open_csv(path, source, opts, &name_for)?,
        Format::Jsonl => {
            let mapping = match opts.preset {
                Some(p) => JsonMapping::Fixed(p.mapper(&name_for(Some(p)))),
                None => JsonMapping::Generic {
                    maps: opts.maps.clone(),
                    source: name_for(None),
                },
            };
            Box::new(jsonl::JsonlProposals::new(source, mapping)?)
        }
        Format::IatiXml => Box::new(iati::IatiProposals::new(source, &name_for(None))?),
        Format::UndpJson => Box::new(undp_json::UndpJsonProposals::new(
            source,
            &name_for(Some(Preset::UndpOpen2014)),
        )?),
    };
    Ok(match opts.skip_language {
        true => reader,
        false => Box::new(lang::WithLanguage(reader)),
    })
}

fn open_csv(
    path: &Path,
    source: Source,
    opts: &ReadOptions,
    name_for: &dyn Fn(Option<Preset>) -> String,
) -> Result<Box<dyn ProposalReader>, IngestError> {
    let (reader, names) = csv_reader::read_header(&source)?;
    let preset = opts.preset.or_else(|| {
        if opts.maps.is_empty() {
            Preset::detect(&names)
        } else {
            None
        }
    });
    let mapper: Box<dyn mapper::RowMapper> = match preset {
        Some(p) => p.mapper(&name_for(Some(p))),
        None => {
            let map = FieldMap::new(&names, &opts.maps, &name_for(None));
            if let Some(missing) = map.missing() {
                return Err(IngestError::MissingColumn {
                    path: path.into(),
                    missing,
                    columns: names.join(", "),
                });
            }
            Box::new(map)
        }
    };
    Ok(Box::new(csv_reader::CsvProposals::new(
        source, reader, names, mapper,
    )))
}

/// The size of the input in bytes (for a progress bar's length).
pub fn total_bytes(path: &Path) -> Result<u64, IngestError> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| IngestError::io(path, e))
}
