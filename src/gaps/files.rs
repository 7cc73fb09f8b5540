//! Writing output files atomically: a temporary file in the same directory, synced, then
//! renamed over the target, so a reader never sees half a file.

use std::path::Path;

use super::error::{GapError, Result};

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::atomic::write(path, bytes).map_err(GapError::io(path))
}
