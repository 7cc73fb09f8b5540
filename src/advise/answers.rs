//! Answers files: a TOML table from question id to answer id (`need = "yes"`), for walking
//! the guide from a script. Checked against the guide before the walk: every key must be a
//! question and every value one of its answers.

use std::collections::BTreeMap;
use std::path::Path;

use super::error::{AdviseError, Result};
use super::guide::Guide;

/// Answers by question id, with the file they came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    /// Where the answers came from (for messages).
    pub file: String,
    map: BTreeMap<String, String>,
}

impl Answers {
    /// Parses answers from TOML text; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<Answers> {
        let parse_err = |message: String| AdviseError::Parse {
            file: file.to_string(),
            message,
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| parse_err(e.to_string()))?;
        let mut map = BTreeMap::new();
        for (key, value) in table {
            let answer = value.as_str().ok_or_else(|| {
                parse_err(format!(
                    "the answer to `{key}` must be a string such as \"yes\", not {value}"
                ))
            })?;
            map.insert(key, answer.to_string());
        }
        Ok(Answers {
            file: file.to_string(),
            map,
        })
    }

    /// Reads and parses the answers file at `path`.
    pub fn load(path: &Path) -> Result<Answers> {
        let text = std::fs::read_to_string(path).map_err(AdviseError::io(path))?;
        Answers::parse(&text, &path.display().to_string())
    }

    /// Builds answers from pairs (question id, answer id).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Answers {
        let map = pairs
            .into_iter()
            .map(|(q, a)| (q.to_string(), a.to_string()))
            .collect();
        Answers {
            file: "answers".into(),
            map,
        }
    }

    /// The answer given to `question`, if any.
    pub fn get(&self, question: &str) -> Option<&str> {
        self.map.get(question).map(String::as_str)
    }

    /// Every (question, answer) pair, in question-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(q, a)| (q.as_str(), a.as_str()))
    }

    /// Checks every key against the guide's questions and every value against its answers.
    pub fn check(&self, guide: &Guide) -> Result<()> {
        for (key, value) in &self.map {
            let Some(q) = guide.question(key) else {
                let ids: Vec<&str> = guide.questions.iter().map(|q| q.id.as_str()).collect();
                return Err(AdviseError::UnknownQuestion {
                    file: self.file.clone(),
                    key: key.clone(),
                    questions: ids.join(", "),
                });
            };
            if q.answer(value).is_none() {
                return Err(AdviseError::InvalidAnswer {
                    question: key.clone(),
                    value: value.clone(),
                    allowed: q.allowed(),
                });
            }
        }
        Ok(())
    }

    /// The answers as TOML text (what [`Answers::parse`] reads).
    pub fn to_toml(&self) -> String {
        let table: toml::Table = self
            .map
            .iter()
            .map(|(k, v)| (k.clone(), toml::Value::String(v.clone())))
            .collect();
        toml::to_string(&table).expect("a table of strings serialises")
    }
}
