//! Writing output files atomically: a temporary file in the same directory, synced, then
//! renamed over the target, so a reader never sees half a file.

use std::io::Write;
use std::path::Path;

use super::error::{GapError, Result};

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(GapError::io(dir))?;
    tmp.write_all(bytes).map_err(GapError::io(path))?;
    tmp.as_file().sync_all().map_err(GapError::io(path))?;
    tmp.persist(path).map_err(|e| GapError::io(path)(e.error))?;
    Ok(())
}
