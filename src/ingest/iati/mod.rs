//! IATI activity XML (2.01-2.03), streamed with quick-xml in constant memory: one
//! `iati-activity` at a time becomes a proposal. A DTD is refused (no entity expansion),
//! broken XML is rejected with its byte offset and ends the file, and invalid UTF-8 is
//! replaced with a warning.

mod activity;
mod frame;

use std::fs::File;
use std::io::BufReader;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::proposal::Proposal;

use super::lossy::LossyUtf8;
use super::source::Source;
use super::{IngestError, ProposalReader, Reject, Warning};
use frame::Walker;

type XmlInput = BufReader<LossyUtf8<BufReader<File>>>;

/// Reads proposals from an IATI activities file.
pub struct IatiProposals {
    source: Source,
    reader: Reader<XmlInput>,
    buf: Vec<u8>,
    walker: Walker,
    warnings: Vec<Warning>,
    done: bool,
}

impl IatiProposals {
    /// A streaming reader over the prepared source; `source_name` tags the proposals.
    pub fn new(source: Source, source_name: &str) -> Result<Self, IngestError> {
        let input = BufReader::new(LossyUtf8::new(BufReader::new(source.open()?)));
        let reader = Reader::from_reader(input);
        let warnings = source.warnings.clone();
        Ok(IatiProposals {
            source,
            reader,
            buf: Vec::new(),
            walker: Walker::new(source_name),
            warnings,
            done: false,
        })
    }

    fn reject(&mut self, offset: u64, reason: String) -> Option<Result<Proposal, Reject>> {
        self.done = true;
        Some(Err(Reject::at(
            &self.source.display,
            None,
            Some(offset + self.source.skip),
            reason,
        )))
    }

    fn collect_warnings(&mut self) {
        let lossy = self.reader.get_mut().get_mut();
        for line in lossy.take_bad_lines() {
            let message = "invalid UTF-8 replaced by U+FFFD".to_string();
            self.warnings.push(Warning {
                file: self.source.display.clone(),
                line: Some(line),
                message,
            });
        }
    }
}

impl Iterator for IatiProposals {
    type Item = Result<Proposal, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            let before = self.reader.buffer_position();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => event,
                Err(e) => {
                    let at = self.reader.error_position();
                    return self.reject(
                        at,
                        format!("broken XML: {e}; the rest of the file is skipped"),
                    );
                }
            };
            let outcome = match event {
                Event::Eof => {
                    self.done = true;
                    self.walker.at_eof().map(Err)
                }
                Event::DocType(_) => {
                    return self.reject(before, "DTD refused: document type declarations and entity expansion are not supported; the file is skipped".into());
                }
                Event::Start(e) => self.walker.start(&e, before).map(Err),
                Event::Empty(e) => self
                    .walker
                    .start(&e, before)
                    .map(Err)
                    .or_else(|| self.walker.end()),
                Event::End(_) => self.walker.end(),
                Event::Text(t) => {
                    self.walker.text(&t.xml10_content());
                    None
                }
                Event::CData(t) => {
                    self.walker.text(&t.xml10_content());
                    None
                }
                Event::GeneralRef(r) => match frame::resolve_reference(&r) {
                    Ok(c) => {
                        self.walker.text(&c);
                        None
                    }
                    Err(reason) => return self.reject(before, reason),
                },
                _ => None,
            };
            if let Some(result) = outcome {
                let display = self.source.display.clone();
                return Some(result.map_err(|(offset, reason)| {
                    Reject::at(&display, None, Some(offset + self.source.skip), reason)
                }));
            }
        }
        self.collect_warnings();
        None
    }
}

impl ProposalReader for IatiProposals {
    fn warnings(&mut self) -> Vec<Warning> {
        self.collect_warnings();
        std::mem::take(&mut self.warnings)
    }

    fn bytes_read(&self) -> u64 {
        self.reader.buffer_position() + self.source.skip
    }
}
