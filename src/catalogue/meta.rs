//! `catalogue.json`: the catalogue's format version, creation and update times and counts.
//! Owns reading it (refusing newer versions, migrating older ones) and writing it atomically.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::error::{CatalogueError, Result};

/// The newest catalogue format this build writes and reads.
///
/// Version history: 1 = tantivy 0.27 index under `index/`, the proposal JSON stored whole.
pub const FORMAT_VERSION: u32 = 1;

/// File name of the metadata file inside a catalogue directory.
pub const META_FILE: &str = "catalogue.json";

/// The contents of `catalogue.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Format version of the directory (see [`FORMAT_VERSION`]).
    pub format_version: u32,
    /// The landscape version that last wrote the catalogue.
    #[serde(default)]
    pub written_by: String,
    /// When the catalogue was created (UTC, ISO 8601).
    pub created: String,
    /// When the catalogue was last committed (UTC, ISO 8601).
    pub updated: String,
    /// Number of records at the last commit.
    #[serde(default)]
    pub records: u64,
    /// Number of records by source at the last commit.
    #[serde(default)]
    pub by_source: BTreeMap<String, u64>,
    /// The index commit (tantivy opstamp) these counts describe; `landscape check` tells a
    /// stale file (a kill between the index commit and this file's rewrite) from a wrong one.
    #[serde(default)]
    pub commit: Option<u64>,
}

impl Meta {
    /// Metadata for a new, empty catalogue.
    pub fn new() -> Meta {
        let now = now_iso8601();
        Meta {
            format_version: FORMAT_VERSION,
            written_by: env!("CARGO_PKG_VERSION").to_string(),
            created: now.clone(),
            updated: now,
            records: 0,
            by_source: BTreeMap::new(),
            commit: None,
        }
    }

    /// Reads `dir/catalogue.json`, refusing a newer format and migrating an older one.
    pub fn read(dir: &Path) -> Result<Meta> {
        let path = dir.join(META_FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(CatalogueError::Missing { path })
            }
            Err(e) => return Err(CatalogueError::io(&path)(e)),
        };
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| corrupt(&path, e))?;
        let found = value
            .get("format_version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| corrupt(&path, "no numeric `format_version`"))?
            as u32;
        if found > FORMAT_VERSION {
            let supported = FORMAT_VERSION;
            return Err(CatalogueError::NewerFormat {
                path,
                found,
                supported,
            });
        }
        let meta = migrate(found, value).map_err(|e| corrupt(&path, e))?;
        Ok(meta)
    }

    /// Writes `dir/catalogue.json` through a temporary file and a rename.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(META_FILE);
        let json = serde_json::to_vec_pretty(self).expect("metadata serialises");
        let mut tmp = crate::atomic::temp_file_in(dir).map_err(CatalogueError::io(dir))?;
        std::io::Write::write_all(&mut tmp, &json).map_err(CatalogueError::io(tmp.path()))?;
        tmp.as_file()
            .sync_all()
            .map_err(CatalogueError::io(tmp.path()))?;
        tmp.persist(&path)
            .map_err(|e| CatalogueError::io(&path)(e.error))?;
        Ok(())
    }

    /// Marks the metadata as updated now with these counts.
    pub fn touch(&mut self, records: u64, by_source: BTreeMap<String, u64>) {
        self.format_version = FORMAT_VERSION;
        self.written_by = env!("CARGO_PKG_VERSION").to_string();
        self.updated = now_iso8601();
        self.records = records;
        self.by_source = by_source;
    }
}

impl Default for Meta {
    fn default() -> Self {
        Meta::new()
    }
}

/// Brings metadata of format `found` up to [`FORMAT_VERSION`]. Version 1 is the first, so
/// there is nothing to convert yet; a future version adds one step per older version here.
fn migrate(found: u32, value: serde_json::Value) -> Result<Meta, String> {
    match found {
        0 => Err("format version 0 does not exist".into()),
        _ => serde_json::from_value(value).map_err(|e| e.to_string()),
    }
}

fn corrupt(path: &Path, reason: impl ToString) -> CatalogueError {
    CatalogueError::Corrupt {
        path: PathBuf::from(path),
        reason: reason.to_string(),
    }
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_iso8601() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn round_trips_and_refuses_newer() {
        let dir = tempfile::tempdir().unwrap();
        let meta = Meta::new();
        meta.write(dir.path()).unwrap();
        assert_eq!(Meta::read(dir.path()).unwrap(), meta);
        let newer = serde_json::json!({"format_version": FORMAT_VERSION + 1});
        fs::write(dir.path().join(META_FILE), newer.to_string()).unwrap();
        let err = Meta::read(dir.path()).unwrap_err();
        assert!(matches!(err, CatalogueError::NewerFormat { .. }), "{err}");
        fs::write(dir.path().join(META_FILE), "{not json").unwrap();
        assert!(matches!(
            Meta::read(dir.path()).unwrap_err(),
            CatalogueError::Corrupt { .. }
        ));
    }
}
