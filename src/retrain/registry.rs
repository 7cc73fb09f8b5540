//! Model versions: `models/NAME/` directories with their cards and manifests, and the file
//! `models/DEFAULT` naming the version every command uses when `--model` is not given
//! (`models/default` when that file is absent).

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The directory holding the model versions, relative to the working directory.
pub const MODELS_DIR: &str = "models";
/// The file in the models directory that names the default version.
pub const DEFAULT_FILE: &str = "DEFAULT";
/// The version used when no `DEFAULT` file exists.
pub const FALLBACK: &str = "default";

/// A models directory that cannot be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The named version does not exist or is not a valid model directory.
    #[error("{path} is not a usable model version ({reason}); `landscape models list` shows the versions")]
    NotAModel {
        /// The directory.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A version name with a path separator or a leading dot.
    #[error("`{0}` is not a model name (a directory name under the models directory)")]
    BadName(String),
}

/// One model version, as its manifest describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelInfo {
    /// The directory name.
    pub name: String,
    /// The name stored with every classification (`NAME@version`).
    pub model_name: String,
    /// When it was trained (ISO 8601 UTC), from the manifest or the file time.
    pub created: String,
    /// Schema version of `LABELS.md` it labels by.
    pub schema_version: u64,
    /// Gold (hand-labelled) training rows.
    pub gold_rows: u64,
    /// Headline figures from its cross-validation: digital F1, pillars and sectors micro-F1.
    pub headline: [f64; 3],
    /// Is it the default version?
    pub is_default: bool,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RegistryError + '_ {
    move |source| RegistryError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The name of the default version in `models_dir`.
pub fn default_name(models_dir: &Path) -> Result<String, RegistryError> {
    let file = models_dir.join(DEFAULT_FILE);
    match std::fs::read_to_string(&file) {
        Ok(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Ok(_) => Ok(FALLBACK.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FALLBACK.to_string()),
        Err(e) => Err(io(&file)(e)),
    }
}

/// The model directory to use: `given`, or the default version of `./models`.
pub fn resolve_model(given: Option<&Path>) -> Result<PathBuf, RegistryError> {
    match given {
        Some(p) => Ok(p.to_path_buf()),
        None => {
            let dir = Path::new(MODELS_DIR);
            Ok(dir.join(default_name(dir)?))
        }
    }
}

fn check_name(name: &str) -> Result<(), RegistryError> {
    let bad = name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']);
    if bad || name == DEFAULT_FILE {
        return Err(RegistryError::BadName(name.to_string()));
    }
    Ok(())
}

/// Makes `name` the default version: checks that `models_dir/name` is a complete model, then
/// writes `models_dir/DEFAULT` atomically.
pub fn set_default(models_dir: &Path, name: &str) -> Result<(), RegistryError> {
    check_name(name)?;
    let dir = models_dir.join(name);
    crate::model::ModelStore::open(&dir).map_err(|e| RegistryError::NotAModel {
        path: dir.clone(),
        reason: e.to_string(),
    })?;
    let file = models_dir.join(DEFAULT_FILE);
    crate::atomic::write(&file, format!("{name}\n").as_bytes()).map_err(io(&file))
}

/// Every model version in `models_dir` (subdirectories with a `manifest.json`), by name.
pub fn list(models_dir: &Path) -> Result<Vec<ModelInfo>, RegistryError> {
    let default = default_name(models_dir)?;
    let mut out = Vec::new();
    for entry in std::fs::read_dir(models_dir).map_err(io(models_dir))? {
        let entry = entry.map_err(io(models_dir))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let manifest = entry.path().join(crate::model::store::MANIFEST);
        if name.starts_with('.') || !manifest.is_file() {
            continue;
        }
        let bytes = std::fs::read(&manifest).map_err(io(&manifest))?;
        let v: Value = serde_json::from_slice(&bytes).map_err(|e| RegistryError::NotAModel {
            path: entry.path(),
            reason: format!("manifest.json: {e}"),
        })?;
        out.push(info(&name, &v, &manifest, name == default));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn info(name: &str, v: &Value, manifest: &Path, is_default: bool) -> ModelInfo {
    let x = &v["extra"];
    let heads = &x["cross_validation"]["heads"];
    let created = x["created"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| {
            std::fs::metadata(manifest)
                .and_then(|m| m.modified())
                .map(iso8601)
                .unwrap_or_default()
        });
    ModelInfo {
        name: name.to_string(),
        model_name: x["name"].as_str().unwrap_or(name).to_string(),
        created,
        schema_version: v["schema_version"].as_u64().unwrap_or(0),
        gold_rows: x["rows"]["gold"].as_u64().unwrap_or(0),
        headline: [
            heads["digital"]["labels"][0]["f1"]
                .as_f64()
                .unwrap_or(f64::NAN),
            heads["pillars"]["micro"]["f1"].as_f64().unwrap_or(f64::NAN),
            heads["sectors"]["micro"]["f1"].as_f64().unwrap_or(f64::NAN),
        ],
        is_default,
    }
}

/// `t` as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn iso8601(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (h, mi, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso8601_utc() {
        let t = |s: u64| iso8601(std::time::UNIX_EPOCH + std::time::Duration::from_secs(s));
        assert_eq!(t(0), "1970-01-01T00:00:00Z");
        assert_eq!(t(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(t(1_796_416_496), "2026-12-04T20:34:56Z");
    }

    #[test]
    fn the_default_is_the_named_version_else_default() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(default_name(dir.path()).unwrap(), FALLBACK);
        std::fs::write(dir.path().join(DEFAULT_FILE), " v2 \n").unwrap();
        assert_eq!(default_name(dir.path()).unwrap(), "v2");
        let err = set_default(dir.path(), "v3").unwrap_err().to_string();
        assert!(err.contains("is not a usable model version"), "{err}");
        assert!(set_default(dir.path(), "../x").is_err());
        assert_eq!(
            default_name(dir.path()).unwrap(),
            "v2",
            "unchanged after a refusal"
        );
        assert!(list(dir.path()).unwrap().is_empty());
    }
}
