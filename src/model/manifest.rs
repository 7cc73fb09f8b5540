//! The manifest of a model directory (`manifest.json`): format and label-schema versions,
//! each file's size and SHA-256, free-form training metadata; and the checks that read it
//! back (newer versions, bad JSON, missing, truncated or altered files).

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::ModelError;
use crate::labels::schema::SCHEMA_VERSION;

/// The model-directory format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// Name of the manifest file inside a model directory.
pub const MANIFEST: &str = "manifest.json";

/// One file of the model directory as recorded in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// File name (no directories).
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256 of the content.
    pub sha256: String,
}

/// The content of `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Model-directory format version ([`FORMAT_VERSION`] when written by this build).
    pub format_version: u32,
    /// Label schema version (`crate::labels::schema::SCHEMA_VERSION`) the model predicts.
    pub schema_version: u32,
    /// The program that wrote the model, e.g. `landscape 0.1.0`.
    pub created_by: String,
    /// The files, in the order given to [`ModelStore::write`](super::store::ModelStore::write).
    pub files: Vec<FileEntry>,
    /// Free-form metadata: training inputs with their hashes, seed, hyper-parameters...
    pub extra: serde_json::Value,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A plain file name: not empty, no path separator, not `.`/`..`, not the manifest.
pub(crate) fn check_name(name: &str) -> Result<(), ModelError> {
    let plain = !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != "..";
    if !plain || name == MANIFEST {
        return Err(ModelError::InvalidData(format!(
            "`{name}` is not a valid model file name"
        )));
    }
    Ok(())
}

/// Reads and checks the manifest: versions first, so a newer format is reported as such.
pub(crate) fn read_manifest(dir: &Path) -> Result<Manifest, ModelError> {
    let path = dir.join(MANIFEST);
    let bytes = match fs::read(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ModelError::MissingFile { path })
        }
        other => other.map_err(|e| ModelError::io(&path, e))?,
    };
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|source| ModelError::BadJson {
            path: path.clone(),
            source,
        })?;
    for (what, supported) in [
        ("format_version", FORMAT_VERSION),
        ("schema_version", SCHEMA_VERSION),
    ] {
        if let Some(found) = value.get(what).and_then(|v| v.as_u64()) {
            if found > supported as u64 {
                let found = u32::try_from(found).unwrap_or(u32::MAX);
                return Err(ModelError::NewerVersion {
                    path,
                    what,
                    found,
                    supported,
                });
            }
        }
    }
    let manifest: Manifest =
        serde_json::from_value(value).map_err(|source| ModelError::BadJson {
            path: path.clone(),
            source,
        })?;
    manifest
        .files
        .iter()
        .try_for_each(|e| check_name(&e.name))
        .map_err(|e| ModelError::Corrupt {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    Ok(manifest)
}

/// Reads one file and checks its size and hash against the manifest entry.
pub(crate) fn verify_file(dir: &Path, entry: &FileEntry) -> Result<Vec<u8>, ModelError> {
    let path = dir.join(&entry.name);
    let bytes = match fs::read(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ModelError::MissingFile { path })
        }
        other => other.map_err(|e| ModelError::io(&path, e))?,
    };
    if bytes.len() as u64 != entry.size {
        let reason = format!(
            "{} bytes where the manifest records {}",
            bytes.len(),
            entry.size
        );
        return Err(ModelError::Corrupt { path, reason });
    }
    if sha256_hex(&bytes) != entry.sha256 {
        return Err(ModelError::Corrupt {
            path,
            reason: "SHA-256 does not match the manifest".into(),
        });
    }
    Ok(bytes)
}
