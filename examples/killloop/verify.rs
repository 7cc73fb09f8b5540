//! After each kill: `landscape check` passes, and every record in the catalogue is exactly an
//! old or a new version (labelled by no model or by one of the models used), no key stored
//! before the run has gone, and a run that finished stored every input record as given.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use landscape::catalogue::Catalogue;
use landscape::classify::Classifier;
use landscape::labels::Classification;
use landscape::Proposal;

/// Which version of the inputs a run ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// `old-*.csv`.
    Old,
    /// `new-*.csv`.
    New,
}

/// What may be stored for each key.
pub struct Allowed {
    versions: HashMap<String, (Option<Proposal>, Proposal)>,
    /// The classification of each (key, version) by each model, in model order.
    labels: HashMap<(String, Version), Vec<Classification>>,
}

impl Allowed {
    /// Classifies both versions of every record with every model.
    pub fn new(
        versions: HashMap<String, (Option<Proposal>, Proposal)>,
        models: &[Classifier],
    ) -> Allowed {
        let mut labels = HashMap::new();
        for (key, (old, new)) in &versions {
            for (v, p) in [(Version::Old, old.as_ref()), (Version::New, Some(new))] {
                if let Some(p) = p {
                    let by_model = models.iter().map(|m| m.classify(&p.text)).collect();
                    labels.insert((key.clone(), v), by_model);
                }
            }
        }
        Allowed { versions, labels }
    }

    /// The record as a run of `version` labelled by `model` (an index) stores it.
    fn expected(&self, key: &str, version: Version, model: Option<usize>) -> Option<Proposal> {
        let (old, new) = self.versions.get(key)?;
        let mut p = match version {
            Version::Old => old.clone()?,
            Version::New => new.clone(),
        };
        p.classification = model.map(|m| self.labels[&(key.to_string(), version)][m].clone());
        Some(p)
    }

    /// Is `p` one of the states its key may be in?
    fn is_allowed(&self, p: &Proposal, n_models: usize) -> Option<Version> {
        let key = p.key();
        for v in [Version::Old, Version::New] {
            let models = std::iter::once(None).chain((0..n_models).map(Some));
            for m in models {
                if self.expected(&key, v, m).as_ref() == Some(p) {
                    return Some(v);
                }
            }
        }
        None
    }
}

/// The state of the catalogue after one run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// `landscape check` exited 0.
    pub check_ok: bool,
    /// `landscape check` printed warnings.
    pub check_warned: bool,
    /// Keys stored now.
    pub keys: HashSet<String>,
    /// Keys stored before the run and missing now.
    pub lost: usize,
    /// Records in no allowed state, or unreadable.
    pub bad: usize,
    /// Input records a finished run did not store as given.
    pub unapplied: usize,
    /// Messages describing failures (the first few).
    pub notes: Vec<String>,
}

/// Checks the catalogue `cat` after a run. `finished` is the version and model of a run that
/// exited successfully.
pub fn catalogue(
    bin: &Path,
    cat: &Path,
    allowed: &Allowed,
    n_models: usize,
    before: &HashSet<String>,
    finished: Option<(Version, Option<usize>, &[Proposal])>,
) -> Outcome {
    let mut o = Outcome::default();
    if !cat.join("catalogue.json").exists() {
        o.check_ok = true; // killed before the catalogue was created: nothing to lose yet
        o.lost = before.len();
        return o;
    }
    let out = Command::new(bin)
        .args(["check", "--catalogue"])
        .arg(cat)
        .output();
    match out {
        Ok(out) => {
            o.check_ok = out.status.success();
            let err = String::from_utf8_lossy(&out.stderr);
            o.check_warned = err.contains("warning:");
            if o.check_warned {
                eprintln!("check: {}", err.lines().next().unwrap_or_default());
            }
            if !o.check_ok {
                o.notes.push(format!("check failed: {err}"));
            }
        }
        Err(e) => o.notes.push(format!("cannot run check: {e}")),
    }
    let c = match Catalogue::open(cat) {
        Ok(c) => c,
        Err(e) => {
            o.bad += 1;
            o.notes.push(format!("cannot open: {e}"));
            return o;
        }
    };
    let mut stored = HashMap::new();
    for r in c.iter_all() {
        match r {
            Ok(p) => {
                if allowed.is_allowed(&p, n_models).is_none() {
                    o.bad += 1;
                    o.notes.push(format!("{} is in no allowed state", p.key()));
                }
                stored.insert(p.key(), p);
            }
            Err(e) => {
                o.bad += 1;
                o.notes.push(format!("undecodable record: {e}"));
            }
        }
    }
    o.lost = before.iter().filter(|k| !stored.contains_key(*k)).count();
    if let Some((v, m, inputs)) = finished {
        for p in inputs {
            let want = allowed.expected(&p.key(), v, m);
            if want.is_none() || stored.get(&p.key()) != want.as_ref() {
                o.unapplied += 1;
            }
        }
    }
    o.keys = stored.into_keys().collect();
    o.notes.truncate(5);
    o
}

/// A model directory after a killed `train`: absent, or verified by `landscape check` and
/// loadable. Returns (present, sound).
pub fn model(bin: &Path, dir: &Path) -> (bool, bool) {
    if !dir.exists() {
        return (false, true);
    }
    let ok = Command::new(bin)
        .args(["check", "--model-only", "--model"])
        .arg(dir)
        .output()
        .is_ok_and(|o| o.status.success());
    (true, ok && Classifier::load(dir).is_ok())
}
