//! The model directory: a set of named files plus `manifest.json` ([`manifest`](super::manifest)).
//! [`ModelStore::write`] builds the directory beside its destination and renames it into
//! place, so a reader sees the old model or the new one, never half of one.
//! [`ModelStore::open`] verifies everything before any file is used, and keeps what it read so
//! that the first [`ModelStore::read`] of each file does not read and hash it again.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::error::ModelError;
use super::manifest::{check_name, read_manifest, sha256_hex, verify_file, FileEntry, Manifest};
pub use super::manifest::{FORMAT_VERSION, MANIFEST};
use crate::labels::schema::SCHEMA_VERSION;

/// A verified model directory.
pub struct ModelStore {
    dir: PathBuf,
    manifest: Manifest,
    /// Files verified by [`ModelStore::open`] and not yet read.
    verified: Mutex<HashMap<String, Vec<u8>>>,
}

impl Clone for ModelStore {
    /// A clone reads its files afresh (the verified contents stay with the original).
    fn clone(&self) -> Self {
        ModelStore {
            dir: self.dir.clone(),
            manifest: self.manifest.clone(),
            verified: Mutex::default(),
        }
    }
}

impl std::fmt::Debug for ModelStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelStore")
            .field("dir", &self.dir)
            .field("manifest", &self.manifest)
            .finish_non_exhaustive()
    }
}

impl ModelStore {
    /// Writes `files` and a manifest with `extra` as the model directory `dir`, replacing an
    /// existing model there only once the new one is complete on disk. Refuses to replace a
    /// non-empty directory that is not a model directory.
    pub fn write<N: AsRef<str>, B: AsRef<[u8]>>(
        dir: &Path,
        files: &[(N, B)],
        extra: serde_json::Value,
    ) -> Result<ModelStore, ModelError> {
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            schema_version: SCHEMA_VERSION,
            created_by: format!("landscape {}", env!("CARGO_PKG_VERSION")),
            files: entries(files)?,
            extra,
        };
        let (parent, base) = split_dir(dir)?;
        sweep_leftovers(&parent, &base, dir);
        refuse_foreign_dir(dir)?;
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{base}.tmp-{}-", std::process::id()))
            .tempdir_in(&parent)
            .map_err(|e| ModelError::io(&parent, e))?;
        for (name, bytes) in files {
            write_synced(&tmp.path().join(name.as_ref()), bytes.as_ref())?;
        }
        let json = serde_json::to_vec_pretty(&manifest).expect("a manifest always serialises");
        write_synced(&tmp.path().join(MANIFEST), &json)?;
        swap_into_place(tmp.keep(), dir, &parent, &base)?;
        Ok(ModelStore {
            dir: dir.to_path_buf(),
            manifest,
            verified: Mutex::default(),
        })
    }

    /// Opens and verifies the model directory `dir`: the manifest parses, its versions are
    /// not newer than this build, and every file is present with the recorded size and hash.
    pub fn open(dir: &Path) -> Result<ModelStore, ModelError> {
        let manifest = read_manifest(dir)?;
        // In parallel (hashing is most of a model's loading time); the first failing file in
        // manifest order is the one reported.
        let checked: Vec<Result<Vec<u8>, ModelError>> = manifest
            .files
            .par_iter()
            .map(|entry| verify_file(dir, entry))
            .collect();
        let mut verified = HashMap::with_capacity(checked.len());
        for (entry, bytes) in manifest.files.iter().zip(checked) {
            verified.insert(entry.name.clone(), bytes?);
        }
        Ok(ModelStore {
            dir: dir.to_path_buf(),
            manifest,
            verified: Mutex::new(verified),
        })
    }

    /// The model directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The verified manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The content of file `name`: as [`ModelStore::open`] verified it the first time, read
    /// and checked against the manifest again after that.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, ModelError> {
        let kept = self.verified.lock().ok().and_then(|mut v| v.remove(name));
        if let Some(bytes) = kept {
            return Ok(bytes);
        }
        let entry = self
            .manifest
            .files
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| ModelError::MissingFile {
                path: self.dir.join(name),
            })?;
        verify_file(&self.dir, entry)
    }
}

/// Manifest entries for the files, checking their names.
fn entries<N: AsRef<str>, B: AsRef<[u8]>>(files: &[(N, B)]) -> Result<Vec<FileEntry>, ModelError> {
    let mut out: Vec<FileEntry> = Vec::new();
    for (name, bytes) in files {
        let name = name.as_ref();
        check_name(name)?;
        if out.iter().any(|e| e.name == name) {
            return Err(ModelError::InvalidData(format!(
                "model file `{name}` given twice"
            )));
        }
        let bytes = bytes.as_ref();
        out.push(FileEntry {
            name: name.into(),
            size: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        });
    }
    Ok(out)
}

/// Refuses to replace a file, or an existing non-empty directory without a manifest.
fn refuse_foreign_dir(dir: &Path) -> Result<(), ModelError> {
    if dir.exists() && !dir.is_dir() {
        return Err(ModelError::InvalidData(format!(
            "{} exists and is not a directory",
            dir.display()
        )));
    }
    let non_empty = fs::read_dir(dir).is_ok_and(|mut it| it.next().is_some());
    if non_empty && !dir.join(MANIFEST).is_file() {
        return Err(ModelError::InvalidData(format!(
            "{} exists and is not a model directory; refusing to replace it",
            dir.display()
        )));
    }
    Ok(())
}

/// The parent directory (created if missing) and the base name of `dir`.
fn split_dir(dir: &Path) -> Result<(PathBuf, String), ModelError> {
    let base = dir.file_name().and_then(|b| b.to_str()).ok_or_else(|| {
        ModelError::InvalidData(format!(
            "{} is not a usable model directory name",
            dir.display()
        ))
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| ModelError::io(&parent, e))?;
    Ok((parent, base.to_string()))
}

/// Clears what a killed writer of `dir` left beside it: its temporary directories
/// (`.NAME.tmp-PID-*`) and old models moved aside (`.NAME.old-PID-*`); an old model whose
/// replacement never arrived is moved back to `dir`. Leftovers of a running process are kept.
fn sweep_leftovers(parent: &Path, base: &str, dir: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{base}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((kind, pid)) = name.to_str().and_then(|n| leftover(n, &prefix)) else {
            continue;
        };
        if process_alive(pid) {
            continue;
        }
        if kind == "old" && !dir.exists() && fs::rename(entry.path(), dir).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(entry.path());
    }
}

/// `("tmp" | "old", pid)` when `name` is `PREFIX{tmp,old}-PID-...`.
fn leftover<'a>(name: &'a str, prefix: &str) -> Option<(&'a str, u32)> {
    let (kind, rest) = name.strip_prefix(prefix)?.split_once('-')?;
    let pid = rest.split('-').next()?.parse().ok()?;
    matches!(kind, "tmp" | "old").then_some((kind, pid))
}

/// Whether process `pid` runs, this one included (on Linux, from `/proc`; elsewhere assumed,
/// so nothing of a possibly running writer is ever removed).
fn process_alive(pid: u32) -> bool {
    !cfg!(target_os = "linux") || Path::new(&format!("/proc/{pid}")).exists()
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ModelError> {
    let mut f = fs::File::create(path).map_err(|e| ModelError::io(path, e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| ModelError::io(path, e))
}

/// Moves the finished `tmp` directory to `dir`, moving any old model aside first and
/// deleting it only after the new one is in place (restoring it if the move fails).
fn swap_into_place(tmp: PathBuf, dir: &Path, parent: &Path, base: &str) -> Result<(), ModelError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let old = parent.join(format!(".{base}.old-{}-{nanos}", std::process::id()));
    let had_old = dir.exists();
    if had_old {
        if let Err(e) = fs::rename(dir, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(ModelError::io(dir, e));
        }
    }
    if let Err(e) = fs::rename(&tmp, dir) {
        if had_old {
            let _ = fs::rename(&old, dir);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(ModelError::io(dir, e));
    }
    if had_old {
        fs::remove_dir_all(&old).map_err(|e| ModelError::io(&old, e))?;
    }
    if let Ok(p) = fs::File::open(parent) {
        let _ = p.sync_all();
    }
    Ok(())
}
