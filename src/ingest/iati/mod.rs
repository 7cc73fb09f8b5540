//! IATI activity XML (2.01-2.03), streamed with quick-xml in constant memory: one
//! `iati-activity` at a time becomes a proposal. A DTD is refused (no entity expansion),
//! broken XML is rejected with its byte offset and line and ends the file, and invalid UTF-8 is
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
use frame::{Problem, Walker};

type XmlInput = LossyUtf8<BufReader<File>>;

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
        let input = LossyUtf8::new(BufReader::new(source.open()?));
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

    fn to_reject(&self, (offset, line, reason): Problem) -> Reject {
        Reject::at(
            &self.source.display,
            Some(line),
            Some(offset + self.source.skip),
            reason,
        )
    }

    fn collect_warnings(&mut self) {
        let lossy = self.reader.get_mut();
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

/// What one event leads to.
enum Step {
    /// Nothing to hand out yet.
    Continue,
    /// An activity closed: its proposal or reject.
    Emit(Box<Result<Proposal, Problem>>),
    /// The file cannot be read further.
    Stop(Problem),
    /// Clean end of the file.
    End,
}

/// Feeds one event to the walker; `at` is the event's byte offset and line.
fn step(walker: &mut Walker, event: Event<'_>, (offset, line): (u64, u64)) -> Step {
    let emit = |r: Option<Result<Proposal, Problem>>| {
        r.map_or(Step::Continue, |r| Step::Emit(Box::new(r)))
    };
    match event {
        Event::Eof => walker.at_eof().map_or(Step::End, Step::Stop),
        Event::DocType(_) => Step::Stop((offset, line, "DTD refused: document type declarations and entity expansion are not supported; the file is skipped".into())),
        Event::Start(e) => emit(walker.start(&e, offset, line).map(Err)),
        Event::Empty(e) => emit(walker.start(&e, offset, line).map(Err).or_else(|| walker.end())),
        Event::End(_) => emit(walker.end()),
        Event::Text(t) => {
            walker.text(&t.xml10_content());
            Step::Continue
        }
        Event::CData(t) => {
            walker.text(&t.xml10_content());
            Step::Continue
        }
        Event::GeneralRef(r) => match frame::resolve_reference(&r) {
            Ok(c) => {
                walker.text(&c);
                Step::Continue
            }
            Err(reason) => Step::Stop((offset, line, reason)),
        },
        _ => Step::Continue,
    }
}

impl Iterator for IatiProposals {
    type Item = Result<Proposal, Reject>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            let at = (self.reader.buffer_position(), self.reader.get_ref().line());
            let next = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => step(&mut self.walker, event, at),
                Err(e) => {
                    let reason = format!("broken XML: {e}; the rest of the file is skipped");
                    Step::Stop((
                        self.reader.error_position(),
                        self.reader.get_ref().line(),
                        reason,
                    ))
                }
            };
            match next {
                Step::Continue => {}
                Step::Emit(result) => return Some(result.map_err(|p| self.to_reject(p))),
                Step::Stop(problem) => {
                    self.done = true;
                    return Some(Err(self.to_reject(problem)));
                }
                Step::End => self.done = true,
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
