//! The kill loop's inputs: an "old" and a "new" version of the same synthetic proposals, each
//! split over two CSV files (ingest commits once per file, so a kill between the two commits
//! leaves a mix), the new version with changed texts and extra records; and what each record
//! must look like in the catalogue.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use landscape::ingest::{self, ReadOptions};
use landscape::Proposal;

/// The source name every input is ingested under, so old and new records share keys.
pub const SOURCE: &str = "synth";

const TOPICS: [&str; 6] = [
    "a mobile money platform for farmers and a digital payment system",
    "rural roads and bridges rehabilitation with community labour",
    "an electronic health information system for district clinics",
    "school feeding and teacher training in remote provinces",
    "an early warning system for floods sending SMS alerts",
    "land registration with an open-source cadastre database",
];
const COUNTRIES: [&str; 5] = ["KEN", "BGD", "PER", "SEN", "NPL"];

/// The two versions of the input files.
pub struct Inputs {
    /// The old version: two files.
    pub old: [PathBuf; 2],
    /// The new version: two files, changed texts and `extra` more records.
    pub new: [PathBuf; 2],
    /// Every key with its old (if any) and new proposal, as the library reads them.
    pub versions: HashMap<String, (Option<Proposal>, Proposal)>,
}

/// Writes `n` old records and `n + n / 4` new ones under `dir`.
pub fn write(dir: &Path, n: usize) -> anyhow::Result<Inputs> {
    let half = n / 2;
    let total_new = n + n / 4;
    let file = |name: &str| dir.join(name);
    let old = [file("old-a.csv"), file("old-b.csv")];
    let new = [file("new-a.csv"), file("new-b.csv")];
    write_csv(&old[0], 0..half, "v1")?;
    write_csv(&old[1], half..n, "v1")?;
    write_csv(&new[0], 0..half, "v2")?;
    write_csv(&new[1], half..total_new, "v2")?;
    let mut versions: HashMap<String, (Option<Proposal>, Proposal)> = HashMap::new();
    for p in read(&new)? {
        versions.insert(p.key(), (None, p));
    }
    for p in read(&old)? {
        let key = p.key();
        versions.get_mut(&key).expect("old keys are new keys").0 = Some(p);
    }
    Ok(Inputs { old, new, versions })
}

fn write_csv(path: &Path, ids: std::ops::Range<usize>, version: &str) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(["id", "title", "description", "country", "year"])?;
    for i in ids {
        let topic = TOPICS[i % TOPICS.len()];
        let title = format!("Project {i} ({version})");
        let words = (0..(i % 7) * 10).map(|k| format!("w{}", (i * 31 + k) % 997));
        let description = format!(
            "Version {version} of project {i}: {topic}. {}",
            words.collect::<Vec<_>>().join(" ")
        );
        let country = COUNTRIES[i % COUNTRIES.len()];
        let year = (2010 + i % 15).to_string();
        w.write_record([&format!("P{i:06}"), &title, &description, country, &year])?;
    }
    w.flush()?;
    Ok(())
}

/// The proposals of the files, read by the library as `landscape ingest --source` reads them.
pub fn read(files: &[PathBuf]) -> anyhow::Result<Vec<Proposal>> {
    let opts = ReadOptions {
        source: Some(SOURCE.into()),
        ..ReadOptions::default()
    };
    let mut out = Vec::new();
    for f in files {
        for r in ingest::open(f, &opts)? {
            out.push(r.map_err(|e| anyhow::anyhow!("{}: {}", e.file, e.reason))?);
        }
    }
    Ok(out)
}
