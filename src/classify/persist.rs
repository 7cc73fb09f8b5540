//! The model directory: `features.json`, `features.bin`, `tokenizer.json` (the featurizer),
//! `lexicon.txt`, `heads.bin` (the fourteen linear heads), `classifier.json` (calibrations,
//! lexicon scale, name), `MODEL.md` (the card) and `manifest.json` (sizes, SHA-256, versions,
//! training inputs). Written atomically; every file is verified when loaded.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::classifier::{Classifier, Packed};
use super::heads::N_HEADS;
use super::lexicon::Lexicon;
use crate::model::codec::{decode_ovr, encode_ovr};
use crate::model::{ModelError, ModelStore, Platt};
use crate::text::Featurizer;

/// Files the featurizer writes.
const FEATURIZER_FILES: [&str; 3] = ["features.json", "features.bin", "tokenizer.json"];

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    name: String,
    lexicon_scale: f32,
    heads: Vec<String>,
    platt: Vec<Platt>,
}

/// A model directory that cannot be loaded or written.
#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    /// The directory or one of its files is missing, damaged or from a newer version.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The featurizer files are damaged.
    #[error(transparent)]
    Text(#[from] crate::text::TextError),
    /// A file is readable but its content is wrong.
    #[error("{file}: {reason}")]
    Corrupt {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl Classifier {
    /// Writes the model directory `dir` with the model card and manifest metadata.
    pub fn save(
        &self,
        dir: &Path,
        card: &str,
        extra: serde_json::Value,
    ) -> Result<(), PersistError> {
        let tmp = tempfile::tempdir()?;
        self.featurizer.save(tmp.path())?;
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for f in FEATURIZER_FILES {
            files.push((f.into(), std::fs::read(tmp.path().join(f))?));
        }
        let meta = Meta {
            name: self.name.clone(),
            lexicon_scale: self.lexicon.scale(),
            heads: self.heads.names().to_vec(),
            platt: self.platt.clone(),
        };
        files.push((
            "lexicon.txt".into(),
            self.lexicon.source().as_bytes().to_vec(),
        ));
        files.push(("heads.bin".into(), encode_ovr(&self.heads)));
        files.push((
            "classifier.json".into(),
            serde_json::to_vec_pretty(&meta).expect("serialises"),
        ));
        files.push(("MODEL.md".into(), card.as_bytes().to_vec()));
        ModelStore::write(dir, &files, extra)?;
        Ok(())
    }

    /// Loads and verifies the model directory `dir`.
    pub fn load(dir: &Path) -> Result<Classifier, PersistError> {
        let store = ModelStore::open(dir)?;
        let corrupt = |file: &str, reason: String| PersistError::Corrupt {
            file: dir.join(file).display().to_string(),
            reason,
        };
        let meta: Meta = serde_json::from_slice(&store.read("classifier.json")?)
            .map_err(|e| corrupt("classifier.json", e.to_string()))?;
        let lex_src = String::from_utf8(store.read("lexicon.txt")?)
            .map_err(|e| corrupt("lexicon.txt", e.to_string()))?;
        let lexicon = Lexicon::parse(&lex_src, meta.lexicon_scale)
            .map_err(|e| corrupt("lexicon.txt", e.to_string()))?;
        // The two large parts load side by side.
        let (heads, featurizer) = rayon::join(
            || -> Result<_, PersistError> {
                let heads = decode_ovr(&store.read("heads.bin")?)?;
                if heads.models().len() != N_HEADS {
                    return Err(corrupt("heads.bin", format!("expected {N_HEADS} heads")));
                }
                let packed = Packed::new(&heads);
                Ok((heads, packed))
            },
            || {
                // The featurizer's files come from the store, which has verified them.
                let read = |name: &str| store.read(name).map_err(std::io::Error::other);
                Featurizer::load_verified(dir, &read)
            },
        );
        let (heads, packed) = heads?;
        if meta.platt.len() != N_HEADS {
            return Err(corrupt(
                "classifier.json",
                format!("expected {N_HEADS} calibrations"),
            ));
        }
        let featurizer = featurizer?.with_block(Box::new(lexicon.clone()));
        if heads
            .models()
            .iter()
            .any(|m| m.weights().len() > featurizer.dim())
        {
            return Err(corrupt(
                "heads.bin",
                "weights do not fit the featurizer".into(),
            ));
        }
        Ok(Classifier::with_packed(
            featurizer,
            lexicon,
            (heads, packed),
            meta.platt,
            meta.name,
        ))
    }
}
