//! Writing to the catalogue: one writer at a time (tantivy's directory lock), upserts by key
//! that skip unchanged records, and atomic commits.
//!
//! Crash safety: nothing is visible until [`CatalogueWriter::commit`], which is tantivy's
//! atomic commit (new segment files first, then one `meta.json` swapped in by rename) followed
//! by rewriting `catalogue.json` through a temporary file. A process killed at any point
//! leaves the previous commit readable. The writer commits only when asked: the ingest step
//! commits once at the end of a file (or every N records if it chooses); records added since
//! the last commit are simply absent after a crash and are re-added by re-running the ingest.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::FacetCollector;
use tantivy::query::AllQuery;
use tantivy::{IndexWriter, Searcher, TantivyDocument, TantivyError, Term};

use super::error::{CatalogueError, Result};
use super::Catalogue;
use crate::Proposal;

/// Indexing memory per writer thread (tantivy's minimum is 15 MB).
const BUDGET_PER_THREAD: usize = 48_000_000;

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// No record had this key.
    Inserted,
    /// A different record had this key and was replaced.
    Updated,
    /// An identical record is already stored; nothing was written.
    Unchanged,
}

/// The single writer of a catalogue. Dropping it without [`commit`](Self::commit) discards
/// everything written through it.
pub struct CatalogueWriter<'a> {
    cat: &'a Catalogue,
    writer: IndexWriter<TantivyDocument>,
    /// Content hash of every stored (or pending) record, by key.
    known: HashMap<String, u64>,
    /// Has anything been written since the last commit?
    dirty: bool,
}

impl Catalogue {
    /// Takes the catalogue's writer lock; fails with [`CatalogueError::Locked`] when another
    /// writer (in this or another process) holds it.
    pub fn writer(&self) -> Result<CatalogueWriter<'_>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4);
        let writer = self
            .index
            .writer_with_num_threads(threads, threads * BUDGET_PER_THREAD)
            .map_err(|e| match e {
                TantivyError::LockFailure(..) => CatalogueError::Locked {
                    path: self.dir.clone(),
                },
                other => other.into(),
            })?;
        // A writer killed during a commit leaves files that no commit refers to, and the next
        // commit, numbered like the lost one, would fail to create them again
        // (`FileAlreadyExists("….del")`, found by scripts/killloop): delete them first.
        writer.garbage_collect_files().wait()?;
        self.reader.reload()?; // the lock is ours: see the latest commit
        let known = known_hashes(&self.reader.searcher())?;
        self.refresh_stale_meta()?;
        remove_dead_temp_files(&self.dir);
        Ok(CatalogueWriter {
            cat: self,
            writer,
            known,
            dirty: false,
        })
    }

    /// Rewrites `catalogue.json` when a process was killed between an index commit and its
    /// rewrite (its counts then describe the commit before). Called with the writer lock held.
    fn refresh_stale_meta(&self) -> Result<()> {
        let searcher = self.reader.searcher();
        let by_source = source_counts(&searcher, self.fields.facets)?;
        let mut meta = self.meta.lock().expect("metadata lock");
        if meta.records == searcher.num_docs() && meta.by_source == by_source {
            return Ok(());
        }
        meta.touch(searcher.num_docs(), by_source);
        meta.commit = Some(self.index.load_metas()?.opstamp);
        meta.write(&self.dir)
    }
}

impl CatalogueWriter<'_> {
    /// Inserts the proposal, replaces the record with the same key, or does nothing when an
    /// identical record is stored.
    pub fn upsert(&mut self, p: &Proposal) -> Result<Upsert> {
        let key = p.key();
        if p.id.trim().is_empty() || p.source.trim().is_empty() {
            let reason = "id and source must not be empty".to_string();
            return Err(CatalogueError::InvalidRecord { key, reason });
        }
        let json = serde_json::to_string(p).map_err(|e| CatalogueError::InvalidRecord {
            key: key.clone(),
            reason: e.to_string(),
        })?;
        let fields = &self.cat.fields;
        let (doc, hash) = fields.document(p, &key, &json);
        let outcome = match self.known.get(&key) {
            Some(h) if *h == hash => return Ok(Upsert::Unchanged),
            Some(_) => {
                self.writer
                    .delete_term(Term::from_field_text(fields.key, &key));
                Upsert::Updated
            }
            None => Upsert::Inserted,
        };
        self.writer.add_document(doc)?;
        self.known.insert(key, hash);
        self.dirty = true;
        Ok(outcome)
    }

    /// Makes everything written so far durable and visible, atomically, then updates
    /// `catalogue.json`. Does nothing when every upsert since the last commit was
    /// [`Upsert::Unchanged`].
    pub fn commit(&mut self) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let opstamp = self.writer.commit()?;
        self.dirty = false;
        self.cat.reader.reload()?;
        let searcher = self.cat.reader.searcher();
        let by_source = source_counts(&searcher, self.cat.fields.facets)?;
        let mut meta = self.cat.meta.lock().expect("metadata lock");
        meta.touch(searcher.num_docs(), by_source);
        meta.commit = Some(opstamp);
        meta.write(&self.cat.dir)
    }

    /// Discards everything written since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        self.dirty = false;
        self.known = known_hashes(&self.cat.reader.searcher())?;
        Ok(())
    }
}

/// Deletes the `.tmp*` files a writer killed while rewriting `catalogue.json` left behind
/// (only a writer creates them, and the lock is held). Best effort: a failure changes nothing.
fn remove_dead_temp_files(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name()
            .to_string_lossy()
            .starts_with(crate::atomic::TEMP_PREFIX)
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Reads every live record's key and content hash from the fast fields: one pass instead of
/// one index lookup per upserted record.
fn known_hashes(searcher: &Searcher) -> Result<HashMap<String, u64>> {
    let mut out = HashMap::with_capacity(searcher.num_docs() as usize);
    let mut key = String::new();
    for seg in searcher.segment_readers() {
        let fast = seg.fast_fields();
        let Some(keys) = fast.str("key")? else {
            continue;
        };
        let hashes = fast.u64("hash")?;
        for doc in seg.doc_ids_alive() {
            let (Some(ord), Some(hash)) = (keys.term_ords(doc).next(), hashes.first(doc)) else {
                continue;
            };
            key.clear();
            keys.ord_to_str(ord, &mut key).map_err(TantivyError::from)?;
            out.insert(key.clone(), hash);
        }
    }
    Ok(out)
}

/// Number of records per source.
fn source_counts(
    searcher: &Searcher,
    facets: tantivy::schema::Field,
) -> Result<BTreeMap<String, u64>> {
    let name = searcher.schema().get_field_name(facets).to_string();
    let mut fc = FacetCollector::for_field(name);
    fc.add_facet("/source");
    let counts = searcher.search(&AllQuery, &fc)?;
    Ok(counts
        .get("/source")
        .map(|(f, n)| {
            (
                f.to_path().last().copied().unwrap_or_default().to_string(),
                n,
            )
        })
        .collect())
}
