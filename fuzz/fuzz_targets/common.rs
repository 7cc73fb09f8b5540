//! Shared by the reader targets: the fuzz input becomes a file of the given format, every
//! record is read (a reject is fine, a panic or a hang is a finding).

use std::io::Write;

use landscape::ingest::{self, Format, ReadOptions};

/// Most records read from one input (an input cannot make the reader loop forever).
const MAX_RECORDS: usize = 100_000;

/// Writes `data` to a temporary file with extension `ext` and reads it all as `format`.
pub fn read_all(data: &[u8], format: Format, ext: &str) {
    let mut file = tempfile::Builder::new()
        .suffix(ext)
        .tempfile()
        .expect("temporary file");
    file.write_all(data).expect("write the input");
    file.flush().expect("flush the input");
    let opts = ReadOptions {
        format: Some(format),
        ..ReadOptions::default()
    };
    let Ok(mut reader) = ingest::open(file.path(), &opts) else {
        return; // a file-level error is a clear refusal, not a finding
    };
    let mut n = 0;
    while let Some(record) = reader.next() {
        if let Ok(p) = record {
            // Every accepted record has a usable key.
            assert!(!p.key().is_empty());
        }
        let _ = reader.warnings();
        n += 1;
        assert!(n <= MAX_RECORDS, "more records than input bytes allow");
    }
}
