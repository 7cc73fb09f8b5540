//! Word glosses: a foreign word also counts as the English word it translates, so the weights
//! a model learns from the many English training texts fire on French, Spanish, Portuguese or
//! German text too (`sante` also counts as `health`). Only word unigrams are glossed; the
//! foreign word keeps its own word and character n-grams.
//!
//! The pairs live in [`super::FeatureConfig::gloss`] (saved with every model); [`Gloss`] is the
//! lookup table built from them against a frozen word vocabulary, never saved.

use std::collections::BTreeMap;

use super::hash;
use super::table::HashIndex;
use super::vocab::Vocab;

/// Foreign-word hash to the feature indices of its English glosses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gloss {
    index: HashIndex,
    /// `spans[i]` is the range of `targets` for the form stored at index `i`.
    spans: Vec<(u32, u32)>,
    targets: Vec<u32>,
    /// Every target once, sorted.
    all_targets: Vec<u32>,
}

impl Gloss {
    /// The table for `pairs` (form, English word); a pair whose English word is not a unigram
    /// of `word` is dropped. `None` if no pair is left.
    pub(crate) fn new(pairs: &[(String, String)], word: &Vocab) -> Option<Gloss> {
        let mut by_form: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (form, english) in pairs {
            if let Some(t) = word.index.get(hash::word(english)) {
                by_form.entry(form).or_default().push(t);
            }
        }
        if by_form.is_empty() {
            return None;
        }
        let mut g = Gloss::default();
        let mut keys = Vec::with_capacity(by_form.len());
        for (form, targets) in by_form {
            keys.push(hash::word(form));
            let at = g.targets.len() as u32;
            g.targets.extend(targets);
            g.spans.push((at, g.targets.len() as u32));
        }
        g.index = HashIndex::new(&keys);
        g.all_targets = g.targets.clone();
        g.all_targets.sort_unstable();
        g.all_targets.dedup();
        Some(g)
    }

    /// The feature indices the word hashed `h` also counts as (empty if it has no gloss).
    #[inline]
    pub(crate) fn targets(&self, h: u64) -> &[u32] {
        match self.index.get(h) {
            Some(i) => {
                let (a, b) = self.spans[i as usize];
                &self.targets[a as usize..b as usize]
            }
            None => &[],
        }
    }

    /// Whether feature `t` is the gloss of some form.
    pub(crate) fn is_target(&self, t: u32) -> bool {
        self.all_targets.binary_search(&t).is_ok()
    }
}
