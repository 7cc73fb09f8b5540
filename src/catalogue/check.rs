//! Integrity checks of the directories landscape writes (`landscape check`): a catalogue
//! (index opens, every stored record decodes and matches its key and content hash, keys are
//! unique, `catalogue.json` agrees with the index, `rejects.jsonl` parses) and a model
//! directory (the manifest's sizes and SHA-256 match every file, and the model loads).
//!
//! A check never fails: everything it finds is a [`CheckReport`] entry. A *problem* is
//! corruption or loss; a *warning* is a harmless trace of an interrupted process that the
//! next write cleans up (a stale `catalogue.json` after a kill between the index commit and
//! its rewrite, a leftover temporary file, a last `rejects.jsonl` line without its newline).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use super::schema::content_hash;
use super::{Catalogue, Meta, REJECTS_FILE};
use crate::Proposal;

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Records (catalogue) or files (model) checked.
    pub checked: u64,
    /// Corruption or loss: the directory is not sound.
    pub problems: Vec<String>,
    /// Harmless traces of an interrupted process.
    pub warnings: Vec<String>,
}

impl CheckReport {
    /// Is the directory sound (no problem; warnings allowed)?
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, m: impl Into<String>) {
        self.problems.push(m.into());
    }
}

/// Checks the catalogue in `dir`.
pub fn check_catalogue(dir: &Path) -> CheckReport {
    let mut r = CheckReport::default();
    let cat = match Catalogue::open(dir) {
        Ok(c) => c,
        Err(e) => {
            r.problem(e.to_string());
            return r;
        }
    };
    let searcher = cat.reader.searcher();
    let by_source = check_records(&cat, &searcher, &mut r);
    check_meta(&cat, &searcher, by_source, &mut r);
    check_rejects(&dir.join(REJECTS_FILE), &mut r);
    leftover_temp_files(dir, &mut r);
    r
}

/// Checks every live document; returns the number of records per source.
fn check_records(cat: &Catalogue, s: &Searcher, r: &mut CheckReport) -> BTreeMap<String, u64> {
    let mut keys = HashSet::new();
    let mut by_source = BTreeMap::new();
    for (ord, seg) in s.segment_readers().iter().enumerate() {
        let fast = seg.fast_fields();
        let (Ok(Some(key_col)), Ok(hashes)) = (fast.str("key"), fast.u64("hash")) else {
            r.problem(format!("segment {ord}: the key or hash column is missing"));
            continue;
        };
        for doc in seg.doc_ids_alive() {
            r.checked += 1;
            let at = format!("document {ord}/{doc}");
            let mut key = String::new();
            let ord_key = key_col.term_ords(doc).next();
            if ord_key.is_none_or(|o| key_col.ord_to_str(o, &mut key).is_err()) {
                r.problem(format!("{at}: no key"));
            }
            let stored: Option<TantivyDocument> =
                s.doc(tantivy::DocAddress::new(ord as u32, doc)).ok();
            let json = stored.as_ref().and_then(|d| {
                d.get_first(cat.fields.json)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            });
            let Some(json) = json else {
                r.problem(format!(
                    "{at} ({key}): the stored record is missing or unreadable"
                ));
                continue;
            };
            check_one(&at, &key, &json, hashes.first(doc), r);
            if let Ok(p) = serde_json::from_str::<Proposal>(&json) {
                *by_source.entry(p.source).or_insert(0) += 1;
            }
            if !keys.insert(key.clone()) {
                r.problem(format!("{at}: key `{key}` is stored twice"));
            }
        }
    }
    by_source
}

/// One record: it decodes, its key is the proposal's, its hash is its content's.
fn check_one(at: &str, key: &str, json: &str, hash: Option<u64>, r: &mut CheckReport) {
    match serde_json::from_str::<Proposal>(json) {
        Err(e) => r.problem(format!(
            "{at} ({key}): the stored record does not decode: {e}"
        )),
        Ok(p) if p.key() != key => r.problem(format!(
            "{at}: stored under key `{key}` but the record's key is `{}`",
            p.key()
        )),
        Ok(_) => {}
    }
    if hash != Some(content_hash(json)) {
        r.problem(format!(
            "{at} ({key}): the content hash does not match the record"
        ));
    }
}

/// `catalogue.json` agrees with the index, unless it describes an earlier commit.
fn check_meta(
    cat: &Catalogue,
    s: &Searcher,
    by_source: BTreeMap<String, u64>,
    r: &mut CheckReport,
) {
    let meta: Meta = cat.meta();
    let n = s.num_docs();
    if meta.records == n && meta.by_source == by_source {
        return;
    }
    let opstamp = cat.index.load_metas().map(|m| m.opstamp).ok();
    let what = format!(
        "catalogue.json counts {} records {:?}, the index holds {n} {:?}",
        meta.records, meta.by_source, by_source
    );
    if meta.commit.is_some() && meta.commit == opstamp {
        r.problem(what);
    } else {
        r.warnings.push(format!(
            "{what}: catalogue.json describes an earlier commit (the process stopped between \
             the index commit and its rewrite); the next write refreshes it"
        ));
    }
}

/// Every line of `rejects.jsonl` is a JSON object with `file` and `reason`. The file is
/// appended one whole line per write, so a kill cannot tear a line; a last line without its
/// newline (a full disk, a power cut) is a warning, any other bad line a problem.
fn check_rejects(path: &Path, r: &mut CheckReport) {
    let Ok(bytes) = std::fs::read(path) else {
        return; // no rejects yet
    };
    let text = String::from_utf8_lossy(&bytes);
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let v: Option<serde_json::Value> = serde_json::from_str(line).ok();
        let ok = v.is_some_and(|v| v["file"].is_string() && v["reason"].is_string());
        if ok {
            continue;
        }
        let m = format!("{}:{}: not a reject record", path.display(), i + 1);
        if i + 1 == lines.len() && !complete {
            r.warnings.push(format!("{m} (a torn last line)"));
        } else {
            r.problem(m);
        }
    }
}

/// Temporary files left by a killed writer.
fn leftover_temp_files(dir: &Path, r: &mut CheckReport) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(crate::atomic::TEMP_PREFIX) {
            r.warnings.push(format!(
                "{}: a temporary file left by an interrupted write (safe to delete)",
                e.path().display()
            ));
        }
    }
}

/// Checks the model directory `dir`: the manifest verifies every file, and the model loads.
pub fn check_model(dir: &Path) -> CheckReport {
    let mut r = CheckReport::default();
    match crate::model::ModelStore::open(dir) {
        Ok(store) => r.checked = store.manifest().files.len() as u64,
        Err(e) => {
            r.problem(e.to_string());
            return r;
        }
    }
    if let Err(e) = crate::classify::Classifier::load(dir) {
        r.problem(e.to_string());
    }
    r
}
