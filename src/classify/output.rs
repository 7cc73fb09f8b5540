//! Classification outputs: CSV with the label columns of `LABELS.md` first
//! (`id,digital,openness,pillars,sectors`), then probabilities and evidence; JSON Lines with the
//! same fields. Also the minimal JSON Lines input every tool can feed
//! (`id`, `title`, `description`, optional `text`, `country`, `year`, `source`).
//!
//! In CSV, a text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
//! return first) gets a leading `'`, as the catalogue's CSV export does; JSON Lines carries
//! text unchanged.

use std::borrow::Cow;
use std::io::Write;

use serde::{Deserialize, Serialize};

use super::decimal::push_fixed;
use crate::catalogue::needs_defang;
use crate::labels::{Classification, Pillar, Sector};
use crate::Proposal;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// One output record (flat, for CSV and JSON Lines alike).
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: Cow<'a, str>,
    digital: u8,
    openness: &'a str,
    pillars: String,
    sectors: String,
    p_digital: String,
    p_digital_levels: String,
    p_pillars: String,
    p_sectors: String,
    evidence: String,
    source: Cow<'a, str>,
    key: Cow<'a, str>,
    model: &'a str,
}

/// The CSV header: the fields of [`Row`], in order.
const CSV_HEADER: [&str; 13] = [
    "id",
    "digital",
    "openness",
    "pillars",
    "sectors",
    "p_digital",
    "p_digital_levels",
    "p_pillars",
    "p_sectors",
    "evidence",
    "source",
    "key",
    "model",
];

/// Writes classified proposals.
pub struct Sink {
    format: Format,
    csv: Option<csv::Writer<Box<dyn Write>>>,
    out: Option<Box<dyn Write>>,
    /// Whether the CSV header is written (before the first row, so no rows means no header).
    header: bool,
    /// A cell being formatted, reused between cells.
    cell: String,
}

impl Sink {
    /// A sink writing `format` to `out`.
    pub fn new(out: Box<dyn Write>, format: Format) -> std::io::Result<Sink> {
        Ok(match format {
            Format::Csv => Sink {
                format,
                csv: Some(
                    csv::WriterBuilder::new()
                        .has_headers(false)
                        .from_writer(out),
                ),
                out: None,
                header: false,
                cell: String::new(),
            },
            Format::Jsonl => Sink {
                format,
                csv: None,
                out: Some(out),
                header: false,
                cell: String::new(),
            },
        })
    }

    /// Writes one classified proposal (unclassified ones are skipped).
    pub fn write(&mut self, p: &Proposal) -> std::io::Result<()> {
        let Some(c) = &p.classification else {
            return Ok(());
        };
        match self.format {
            Format::Csv => self.write_csv(p, c).map_err(std::io::Error::other),
            Format::Jsonl => {
                let out = self.out.as_mut().expect("jsonl sink");
                serde_json::to_writer(&mut *out, &row(p, c))?;
                out.write_all(b"\n")
            }
        }
    }

    /// One CSV row: the cells of [`Row`], formatted one by one into a reused buffer instead
    /// of a [`Row`] of new strings; free-text cells defanged.
    fn write_csv(&mut self, p: &Proposal, c: &Classification) -> csv::Result<()> {
        let w = self.csv.as_mut().expect("csv sink");
        if !self.header {
            w.write_record(CSV_HEADER)?;
            self.header = true;
        }
        let cell = &mut self.cell;
        let l = &c.labels;
        let text = |w: &mut csv::Writer<_>, t: &str| match needs_defang(t) {
            true => w.write_field(format!("'{t}")),
            false => w.write_field(t),
        };
        text(w, &p.id)?;
        w.write_field([b'0' + l.digital])?;
        w.write_field(l.openness.as_str())?;
        for cells in [
            |s: &mut String, c: &Classification| join_into(s, &c.labels.pillars, Pillar::as_str),
            |s: &mut String, c: &Classification| join_into(s, &c.labels.sectors, Sector::as_str),
            |s: &mut String, c: &Classification| probs_into(s, &[c.p_digital()]),
            |s: &mut String, c: &Classification| probs_into(s, &c.digital_probs),
            |s: &mut String, c: &Classification| {
                pairs_into(s, Pillar::ALL, Pillar::as_str, &c.pillar_probs)
            },
            |s: &mut String, c: &Classification| {
                pairs_into(s, Sector::ALL, Sector::as_str, &c.sector_probs)
            },
            evidence_into,
        ] {
            cell.clear();
            cells(cell, c);
            w.write_field(cell.as_bytes())?;
        }
        text(w, &p.source)?;
        cell.clear();
        for part in [&p.source, "-", &p.id] {
            cell.push_str(part);
        }
        text(w, cell)?;
        w.write_field(&c.model)?;
        w.write_record(None::<&[u8]>)
    }

    /// Flushes what is buffered (for streaming).
    pub fn flush(&mut self) -> std::io::Result<()> {
        match self.format {
            Format::Csv => self.csv.as_mut().expect("csv sink").flush(),
            Format::Jsonl => self.out.as_mut().expect("jsonl sink").flush(),
        }
    }

    /// Flushes and closes the output.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.flush()
    }
}

fn probs(v: &[f32]) -> String {
    let mut s = String::with_capacity(6 * v.len());
    probs_into(&mut s, v);
    s
}

fn probs_into(s: &mut String, v: &[f32]) {
    for (k, p) in v.iter().enumerate() {
        separate(s, k, ";");
        push_fixed(s, *p, 3, false);
    }
}

fn joined<T: Copy>(items: &[T], name: fn(T) -> &'static str) -> String {
    let mut s = String::new();
    join_into(&mut s, items, name);
    s
}

/// Labels joined with `;`, as [`crate::labels::Labels::join`] writes them.
fn join_into<T: Copy>(s: &mut String, items: &[T], name: fn(T) -> &'static str) {
    for (k, &i) in items.iter().enumerate() {
        separate(s, k, ";");
        s.push_str(name(i));
    }
}

/// The separator before item `k` of a joined list (none before the first).
fn separate(s: &mut String, k: usize, sep: &str) {
    if k > 0 {
        s.push_str(sep);
    }
}

fn evidence(c: &Classification) -> String {
    let mut s = String::new();
    evidence_into(&mut s, c);
    s
}

fn evidence_into(s: &mut String, c: &Classification) {
    for (k, e) in c.evidence.iter().enumerate() {
        separate(s, k, "; ");
        for part in [&e.head, "=", &e.label, ": ", &e.term, " ("] {
            s.push_str(part);
        }
        push_fixed(s, e.weight, 2, true);
        s.push(')');
    }
}

fn row<'a>(p: &'a Proposal, c: &'a Classification) -> Row<'a> {
    let l = &c.labels;
    Row {
        id: Cow::Borrowed(&p.id),
        digital: l.digital,
        openness: l.openness.as_str(),
        pillars: joined(&l.pillars, Pillar::as_str),
        sectors: joined(&l.sectors, Sector::as_str),
        p_digital: probs(&[c.p_digital()]),
        p_digital_levels: probs(&c.digital_probs),
        p_pillars: pairs(Pillar::ALL, Pillar::as_str, &c.pillar_probs),
        p_sectors: pairs(Sector::ALL, Sector::as_str, &c.sector_probs),
        evidence: evidence(c),
        source: Cow::Borrowed(&p.source),
        key: Cow::Owned(p.key()),
        model: &c.model,
    }
}

fn pairs<T: Copy>(names: &[T], name: fn(T) -> &'static str, p: &[f32]) -> String {
    let mut s = String::with_capacity(24 * p.len());
    pairs_into(&mut s, names, name, p);
    s
}

fn pairs_into<T: Copy>(s: &mut String, names: &[T], name: fn(T) -> &'static str, p: &[f32]) {
    for (k, (&n, v)) in names.iter().zip(p).enumerate() {
        separate(s, k, ";");
        s.push_str(name(n));
        s.push('=');
        push_fixed(s, *v, 3, false);
    }
}

/// The minimal JSON input record.
#[derive(Debug, Deserialize)]
struct Input {
    id: serde_json::Value,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    source: Option<String>,
}

/// Reads one JSON object with `id`, `title`, `description` (optional `text`, `country`,
/// `year`, `source`) into a proposal.
pub fn proposal_from_json(line: &str) -> Result<Proposal, String> {
    let i: Input = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let id = match i.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => return Err("`id` must be a string or a number".into()),
    };
    if id.trim().is_empty() {
        return Err("empty `id`".into());
    }
    let text = i
        .text
        .unwrap_or_else(|| Proposal::default_text(&i.title, &i.description));
    if text.trim().is_empty() {
        return Err("no text: give `title`, `description` or `text`".into());
    }
    let country = i.country.as_deref().and_then(crate::country::lookup);
    Ok(Proposal {
        id,
        source: i.source.unwrap_or_else(|| "stdin".into()),
        title: i.title,
        description: i.description,
        text,
        country_code: country.map(|c| c.alpha3.to_string()),
        country_name: i.country,
        year: i.year,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::{Labels, Openness};

    /// A classification saying "not digital", with no evidence.
    fn not_digital() -> Classification {
        Classification {
            labels: Labels {
                digital: 0,
                openness: Openness::NotApplicable,
                pillars: vec![],
                sectors: vec![],
            },
            digital_probs: [1.0, 0.0, 0.0],
            openness_probs: vec![],
            pillar_probs: vec![0.0; 6],
            sector_probs: vec![0.0; 6],
            evidence: vec![],
            model: "m".into(),
        }
    }

    #[test]
    fn the_csv_header_names_the_json_fields_in_order() {
        let p = proposal_from_json(r#"{"id": "1", "title": "t"}"#).unwrap();
        let c = not_digital();
        // The fields of `Row`, which JSON Lines writes, as a CSV header of their own.
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(row(&p, &c)).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().next(), Some(CSV_HEADER.join(",").as_str()));
    }

    #[test]
    fn minimal_json_input() {
        let p = proposal_from_json(r#"{"id": 7, "title": "E-government portal", "description": "Kenya", "country": "Kenya", "year": 2019}"#).unwrap();
        assert_eq!(p.id, "7");
        assert_eq!(p.text, "E-government portal. Kenya");
        assert_eq!(p.country_code.as_deref(), Some("KEN"));
        assert!(proposal_from_json(r#"{"id": "x"}"#).is_err());
        assert!(proposal_from_json(r#"{"title": "x"}"#).is_err());
        assert!(proposal_from_json("not json").is_err());
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_get_an_apostrophe_and_jsonl_keeps_them() {
        let mut p =
            proposal_from_json(r#"{"id": "=HYPERLINK(\"http://x\")", "title": "t"}"#).unwrap();
        p.source = "@src".into();
        p.classification = Some(not_digital());
        let write = |format| {
            let buf = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
            impl Write for Shared {
                fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                    self.0.lock().unwrap().write(b)
                }
                fn flush(&mut self) -> std::io::Result<()> {
                    Ok(())
                }
            }
            let mut sink = Sink::new(Box::new(Shared(buf.clone())), format).unwrap();
            sink.write(&p).unwrap();
            sink.finish().unwrap();
            let out = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
            out
        };
        let csv = write(Format::Csv);
        let row = csv.lines().nth(1).unwrap();
        assert!(row.starts_with(r#""'=HYPERLINK(""http://x"")""#), "{row}");
        assert!(row.contains(r#",'@src,"'@src-=HYPERLINK"#), "{row}");
        let jsonl = write(Format::Jsonl);
        assert!(
            jsonl.contains(r#""id":"=HYPERLINK(\"http://x\")""#),
            "{jsonl}"
        );
    }
}
