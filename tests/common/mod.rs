//! Paths shared by the integration test crates.

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared data folder beside the repository; fails loudly when absent.
pub fn shared_data() -> PathBuf {
    let p = root().join("../shared/data");
    assert!(
        p.is_dir(),
        "shared data not found at {} (clone the repo beside `shared/`)",
        p.display()
    );
    p
}
