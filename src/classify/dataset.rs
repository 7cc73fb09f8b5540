//! The training set: every record of the corpora (their text teaches the vocabulary and IDF),
//! the hand-labelled ones with their gold labels, and weak labels where a rule applies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::Digest;

use super::heads::RowLabel;
use crate::ingest::{self, ReadOptions};
use crate::labels::{read_gold, weak::weak_digital, GoldRow};

/// The corpora files read for training (relative to the shared data directory).
pub const CORPORA: [&str; 3] = [
    "corpora/undp_open_projects_2014.csv",
    "corpora/worldbank_projects_2025.csv",
    "corpora/aiddata_sdg_iati_activities.csv",
];

/// Texts and labels for training.
#[derive(Debug, Default)]
pub struct TrainingSet {
    /// Record keys (`source-id`), one per row.
    pub keys: Vec<String>,
    /// Texts the classifier reads, one per row.
    pub texts: Vec<String>,
    /// Language of each row, where known.
    pub languages: Vec<Option<String>>,
    /// Label of each row.
    pub rows: Vec<RowLabel>,
    /// Texts of every corpus record, labelled or not, for the vocabulary.
    pub vocabulary_texts: Vec<String>,
    /// Indices into `vocabulary_texts` of the corpus records with no label of any kind (the
    /// pool self-training draws from).
    pub unlabelled: Vec<usize>,
    /// Inputs read, with their SHA-256 and row counts, for the manifest.
    pub inputs: Vec<serde_json::Value>,
}

/// Assembles the training set from labelled files and corpora.
pub fn assemble(
    gold: &[PathBuf],
    corpora: &[PathBuf],
    weak_weight: f32,
) -> anyhow::Result<TrainingSet> {
    let mut labels: HashMap<String, GoldRow> = HashMap::new();
    let mut set = TrainingSet::default();
    for path in gold {
        let rows = read_gold(path)?;
        set.inputs.push(input(path, rows.len())?);
        for r in rows {
            labels.insert(r.id.clone(), r); // later files win
        }
    }
    for path in corpora {
        let mut n = 0;
        for p in ingest::open(path, &ReadOptions::default())?.flatten() {
            n += 1;
            let key = p.key();
            let row = match labels.remove(&key) {
                Some(g) => RowLabel::Gold(g.labels),
                None => match weak_digital(&p, weak_weight).filter(|w| w.weight > 0.0) {
                    Some(w) => RowLabel::WeakDigital(w.digital, w.weight),
                    None => {
                        set.unlabelled.push(set.vocabulary_texts.len());
                        set.vocabulary_texts.push(p.text);
                        continue;
                    }
                },
            };
            set.vocabulary_texts.push(p.text.clone());
            set.keys.push(key);
            set.texts.push(p.text);
            set.languages.push(p.language);
            set.rows.push(row);
        }
        set.inputs.push(input(path, n)?);
    }
    let mut own_text: Vec<GoldRow> = Vec::new();
    labels.retain(|_, g| match g.text.take() {
        Some(t) => {
            g.text = Some(t);
            own_text.push(g.clone());
            false
        }
        None => true,
    });
    own_text.sort_by(|a, b| a.id.cmp(&b.id));
    for g in own_text {
        let text = g.text.unwrap_or_default();
        set.vocabulary_texts.push(text.clone());
        set.keys.push(g.id);
        set.texts.push(text);
        set.languages.push(
            crate::ingest::lang::detect(set.texts.last().map_or("", |t| t)).map(str::to_string),
        );
        set.rows.push(RowLabel::Gold(g.labels));
    }
    if !labels.is_empty() {
        let mut missing: Vec<_> = labels.into_keys().collect();
        missing.sort();
        anyhow::bail!(
            "{} labelled ids are in none of the corpora (first: {}); give the corpus that holds them",
            missing.len(),
            missing[..missing.len().min(5)].join(", ")
        );
    }
    Ok(set)
}

impl TrainingSet {
    /// Up to `n` unlabelled texts, spread evenly over the corpora in their order.
    pub fn unlabelled_sample(&self, n: usize) -> Vec<&str> {
        let all = &self.unlabelled;
        if n == 0 || all.is_empty() {
            return vec![];
        }
        let n = n.min(all.len());
        (0..n)
            .map(|k| self.vocabulary_texts[all[k * all.len() / n]].as_str())
            .collect()
    }
}

/// Adds labelled examples that carry their own text (such as `data/schema_examples.csv`):
/// every head learns from them; cross-validation never tests them.
pub fn add_examples(set: &mut TrainingSet, paths: &[PathBuf]) -> anyhow::Result<()> {
    for path in paths {
        let rows = read_gold(path)?;
        set.inputs.push(input(path, rows.len())?);
        for g in rows {
            let Some(text) = g.text else {
                anyhow::bail!("{}: example `{}` has no text", path.display(), g.id);
            };
            set.vocabulary_texts.push(text.clone());
            set.keys.push(g.id);
            set.languages
                .push(crate::ingest::lang::detect(&text).map(str::to_string));
            set.texts.push(text);
            set.rows.push(RowLabel::Example(g.labels));
        }
    }
    Ok(())
}

fn input(path: &Path, rows: usize) -> anyhow::Result<serde_json::Value> {
    let bytes = std::fs::read(path)?;
    Ok(serde_json::json!({
        "file": path.file_name().map(|f| f.to_string_lossy().to_string()),
        "sha256": format!("{:x}", sha2::Sha256::digest(&bytes)),
        "rows": rows,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_schema_examples_have_text_and_valid_labels() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/schema_examples.csv");
        let mut set = TrainingSet::default();
        add_examples(&mut set, &[path]).unwrap();
        assert!(set.rows.len() >= 30);
        assert!(set.rows.iter().all(|r| matches!(r, RowLabel::Example(_))));
        assert!(set.texts.iter().all(|t| !t.is_empty()));
        assert!(set.languages.iter().any(|l| l.as_deref() == Some("fr")));
    }

    #[test]
    fn an_example_without_text_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ex.csv");
        std::fs::write(&path, "id,digital,openness,pillars,sectors\nx,0,n/a,,\n").unwrap();
        let err = add_examples(&mut TrainingSet::default(), &[path]).unwrap_err();
        assert!(err.to_string().contains("has no text"), "{err}");
    }
}
