//! Real texts from the shared corpora (`../shared/data/corpora`), for the text tests and the
//! features benchmark. Fails with a clear message when the data is not beside the repository.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared corpora directory; panics with instructions if it is missing.
pub fn corpora_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpora");
    assert!(
        dir.is_dir(),
        "shared corpora not found at {}: the repository must be cloned beside `shared/`",
        dir.display()
    );
    dir
}

/// Up to `n` texts of `file`, each the non-empty `columns` joined by a space, from rows whose
/// `filter` column (if given) has the given value.
pub fn texts(file: &str, columns: &[&str], filter: Option<(&str, &str)>, n: usize) -> Vec<String> {
    let path = corpora_dir().join(file);
    let mut reader =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("header row").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", path.display()))
    };
    let cols: Vec<usize> = columns.iter().map(|c| col(c)).collect();
    let filter = filter.map(|(c, v)| (col(c), v));
    let mut out = Vec::with_capacity(n.min(50_000));
    for row in reader.records() {
        let row = row.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if filter.is_some_and(|(c, v)| row.get(c) != Some(v)) {
            continue;
        }
        let parts: Vec<&str> = cols
            .iter()
            .filter_map(|&c| row.get(c))
            .filter(|s| !s.trim().is_empty())
            .collect();
        if !parts.is_empty() {
            out.push(parts.join(" "));
        }
        if out.len() == n {
            break;
        }
    }
    out
}

/// UNDP 2014: project description and output descriptions.
pub fn undp(n: usize) -> Vec<String> {
    texts(
        "undp_open_projects_2014.csv",
        &["project_descr", "output_descrs"],
        None,
        n,
    )
}

/// World Bank: project development objectives.
pub fn worldbank(n: usize) -> Vec<String> {
    texts("worldbank_projects_2025.csv", &["pdo"], None, n)
}

/// AidData: German activity titles and descriptions.
pub fn aid_german(n: usize) -> Vec<String> {
    texts(
        "aiddata_sdg_iati_activities.csv",
        &["title", "description"],
        Some(("default-language", "de")),
        n,
    )
}

/// A mix of the three sources, `n` of each, interleaved.
pub fn mixed(n: usize) -> Vec<String> {
    let (a, b, c) = (undp(n), worldbank(n), aid_german(n));
    let mut out = Vec::with_capacity(3 * n);
    for i in 0..n {
        for src in [&a, &b, &c] {
            if let Some(t) = src.get(i) {
                out.push(t.clone());
            }
        }
    }
    out
}
