//! The catalogue side of the commands that read files: a rejected record reported on stderr
//! and appended to the catalogue's `rejects.jsonl`, and [`Store`], which upserts classified
//! records and commits them once at the end (`landscape classify --catalogue`).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;

use landscape::catalogue::{Catalogue, CatalogueWriter, Upsert};
use landscape::ingest::Reject;
use landscape::Proposal;

/// Reports `r` on stderr and, given a rejects file, appends it as one JSON line (one write
/// per whole line: a kill cannot leave half a line).
pub fn reject(r: &Reject, log: Option<&mut File>) -> anyhow::Result<()> {
    eprintln!(
        "rejected: {}{}: {}",
        r.file,
        r.line.map(|l| format!(":{l}")).unwrap_or_default(),
        r.reason
    );
    if let Some(f) = log {
        let mut line = serde_json::to_string(r)?;
        line.push('\n');
        f.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The catalogue's rejects file, opened for appending.
pub fn rejects_file(cat: &Catalogue) -> anyhow::Result<File> {
    Ok(OpenOptions::new()
        .create(true)
        .append(true)
        .open(cat.rejects_path())?)
}

/// Classified records on their way into a catalogue; nothing is visible until [`Store::commit`].
pub struct Store<'a> {
    writer: CatalogueWriter<'a>,
    dir: PathBuf,
    /// Inserted, updated and unchanged records.
    counts: [u64; 3],
}

impl<'a> Store<'a> {
    /// Takes the catalogue's writer lock.
    pub fn open(cat: &'a Catalogue) -> anyhow::Result<Store<'a>> {
        Ok(Store {
            writer: cat.writer()?,
            dir: cat.dir().to_path_buf(),
            counts: [0; 3],
        })
    }

    /// Stores `p` (replacing a record with the same source and id).
    pub fn upsert(&mut self, p: &Proposal) -> anyhow::Result<()> {
        let k = match self.writer.upsert(p)? {
            Upsert::Inserted => 0,
            Upsert::Updated => 1,
            Upsert::Unchanged => 2,
        };
        self.counts[k] += 1;
        Ok(())
    }

    /// Commits everything stored and says so on stderr.
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.writer.commit()?;
        let [new, updated, unchanged] = self.counts;
        eprintln!(
            "{}: {new} records added, {updated} updated, {unchanged} unchanged",
            self.dir.display()
        );
        Ok(())
    }
}
