//! Atomic file writes: output goes to a temporary file in the target's own directory, which
//! the caller renames over the target once it is complete, so a reader never sees half a file.
//! The temporary file gets the permissions of a normally created file (`0644` less the umask),
//! not the owner-only mode temporary files usually have, so the renamed output is readable by
//! whoever could read any other file the user writes.

use std::io;
use std::path::Path;

use tempfile::NamedTempFile;

/// How the names of these temporary files start, so that leftovers of a killed process can be
/// recognised and removed.
pub const TEMP_PREFIX: &str = ".tmp";

/// A new temporary file in `dir`, for an output that will be renamed into place.
pub fn temp_file_in(dir: &Path) -> io::Result<NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    b.tempfile_in(dir)
}

/// Writes `bytes` to `path` atomically: a temporary file in its directory, synced, then
/// renamed over it.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = temp_file_in(dir)?;
    io::Write::write_all(&mut tmp, bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_gets_the_mode_of_a_normally_created_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        temp_file_in(dir.path()).unwrap().persist(&target).unwrap();
        let normal = dir.path().join("normal.csv");
        std::fs::File::create(&normal).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&target), mode(&normal));
        }
    }
}
