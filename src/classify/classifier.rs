//! A trained classifier: the featurizer (with the lexicon block), the fourteen heads and their
//! calibrations. [`Classifier::classify`] turns a text into a consistent [`Classification`]
//! with probabilities and evidence.

use super::evidence::{self, Words};
use super::heads::{DIGITAL, N_HEADS, PILLAR0, PRINCIPAL, SECTOR0};
use super::lexicon::Lexicon;
use super::openness::{openness, openness_of_matches};
use crate::labels::{Classification, Labels, Openness, Pillar, Sector};
use crate::model::{OneVsRest, Platt};
use crate::text::{normalize, words, Featurizer, SparseVec};

/// A trained classifier, ready to label texts.
pub struct Classifier {
    pub(crate) featurizer: Featurizer,
    pub(crate) lexicon: Lexicon,
    pub(crate) heads: OneVsRest,
    pub(crate) platt: Vec<Platt>,
    /// The heads' weights feature-major (`N_HEADS` per feature), so scoring a record touches
    /// one cache line per feature instead of one per feature and head.
    packed: Vec<f32>,
    biases: [f32; N_HEADS],
    pub(crate) name: String,
}

impl Classifier {
    /// Assembles a classifier from trained parts (the featurizer must carry the lexicon block).
    pub fn from_parts(
        featurizer: Featurizer,
        lexicon: Lexicon,
        heads: OneVsRest,
        platt: Vec<Platt>,
        name: String,
    ) -> Classifier {
        let packed = Packed::new(&heads);
        Classifier::with_packed(featurizer, lexicon, (heads, packed), platt, name)
    }

    /// [`Classifier::from_parts`] with the heads' weights already packed by [`Packed::new`]
    /// (so a loader can pack them while the featurizer loads).
    pub(crate) fn with_packed(
        featurizer: Featurizer,
        lexicon: Lexicon,
        (heads, Packed { packed, biases }): (OneVsRest, Packed),
        platt: Vec<Platt>,
        name: String,
    ) -> Classifier {
        assert_eq!(platt.len(), N_HEADS, "one calibration per head");
        Classifier {
            featurizer,
            lexicon,
            heads,
            platt,
            packed,
            biases,
            name,
        }
    }

    /// The model's name (`NAME@version`), stored with every classification.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The feature vector of a text.
    pub fn features(&self, text: &str) -> SparseVec {
        self.featurizer.transform(text)
    }

    /// Raw decision scores of every head for a feature vector.
    pub fn decisions(&self, x: &SparseVec) -> Vec<f32> {
        self.decision_array(x).to_vec()
    }

    /// [`Self::decisions`] as a fixed-size array: one row of the packed weights per feature,
    /// so the compiler keeps the scores in registers and vectorises each row.
    fn decision_array(&self, x: &SparseVec) -> [f32; N_HEADS] {
        let mut d = self.biases;
        for (i, v) in x.iter() {
            if let Some(w) = self.weights_of(i) {
                d.iter_mut().zip(w).for_each(|(s, w)| *s += w * v);
            }
        }
        d
    }

    /// Every head's weight of feature `i` (`None` past the heads' dimension): what
    /// [`evidence`] multiplies by a feature's value to rank its contributions.
    pub(crate) fn weights_of(&self, i: u32) -> Option<&[f32; N_HEADS]> {
        let at = i as usize * N_HEADS;
        let row = self.packed.get(at..at + N_HEADS)?;
        Some(row.try_into().expect("a row has N_HEADS weights"))
    }

    /// Decision scores computed by each head's own model (a check on [`Self::decisions`]).
    pub fn head_decisions(&self, x: &SparseVec) -> Vec<f32> {
        self.heads.decisions(x)
    }

    /// Labels one text. The lexicon is matched once: its matches make the lexicon features
    /// and then serve openness and evidence.
    pub fn classify(&self, text: &str) -> Classification {
        self.featurizer.transform_then_with_block(
            text,
            |ws, hashes, out| {
                let matches = self.lexicon.matches_hashed(ws, hashes);
                self.lexicon.features_of_matches(&matches, out);
                matches
            },
            |x, ws, hashes, matches| self.classify_features(&x, ws, hashes, matches),
        )
    }

    /// Labels a text from its feature vector, normalised words (and their hashes) and lexicon
    /// matches.
    fn classify_features(
        &self,
        x: &SparseVec,
        ws: &[&str],
        hashes: &[u64],
        matches: Vec<(u32, usize, usize)>,
    ) -> Classification {
        let d = self.decision_array(x);
        let p: Vec<f32> = d
            .iter()
            .zip(&self.platt)
            .map(|(s, c)| c.probability(*s))
            .collect();
        let (open, mut open_probs, open_ev) = openness_of_matches(&self.lexicon, ws, &matches);
        let labels = decide_with(&d, open);
        let words = Words {
            words: ws,
            hashes,
            matches: &matches,
        };
        let mut evidence = evidence::linear(self, &words, x, &labels);
        if labels.is_digital() {
            evidence.extend(open_ev);
        } else {
            open_probs = vec![0.0; Openness::ALL.len()];
            open_probs[Openness::NotApplicable.index()] = 1.0;
        }
        let pd = p[DIGITAL];
        Classification {
            digital_probs: [1.0 - pd, pd * (1.0 - p[PRINCIPAL]), pd * p[PRINCIPAL]],
            openness_probs: open_probs,
            pillar_probs: p[PILLAR0..SECTOR0].to_vec(),
            sector_probs: p[SECTOR0..N_HEADS].to_vec(),
            labels,
            evidence,
            model: self.name.clone(),
        }
    }
}

/// The labels from decision scores: a head says yes when its score is positive; the
/// consistency rules of `LABELS.md` then hold by construction.
pub fn decide(d: &[f32], lexicon: &Lexicon, text: &str) -> Labels {
    let norm = normalize(text);
    let ws: Vec<&str> = words(&norm).collect();
    decide_with(d, openness(lexicon, &ws).0)
}

/// [`decide`] with the openness of a digital record already known.
fn decide_with(d: &[f32], open: Openness) -> Labels {
    let sectors = (0..6)
        .filter(|&k| d[SECTOR0 + k] > 0.0)
        .map(|k| Sector::ALL[k])
        .collect();
    if d[DIGITAL] <= 0.0 {
        return Labels {
            digital: 0,
            openness: Openness::NotApplicable,
            pillars: vec![],
            sectors,
        };
    }
    let mut pillars: Vec<Pillar> = (0..6)
        .filter(|&k| d[PILLAR0 + k] > 0.0)
        .map(|k| Pillar::ALL[k])
        .collect();
    if pillars.is_empty() {
        let best = (0..6)
            .max_by(|&a, &b| d[PILLAR0 + a].total_cmp(&d[PILLAR0 + b]))
            .unwrap_or(0);
        pillars.push(Pillar::ALL[best]);
    }
    Labels {
        digital: if d[PRINCIPAL] > 0.0 { 2 } else { 1 },
        openness: open,
        pillars,
        sectors,
    }
}

impl Classifier {
    /// The lexicon the classifier reads with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

/// The heads' weights interleaved: `packed[i * N_HEADS + h]` is head `h`'s weight of feature
/// `i`; and their biases.
pub(crate) struct Packed {
    packed: Vec<f32>,
    biases: [f32; N_HEADS],
}

impl Packed {
    /// Packs the heads row by row, so the array (8 to 11 MB) is written once in order (not once
    /// per head). Panics unless there are [`N_HEADS`] heads.
    pub(crate) fn new(heads: &OneVsRest) -> Packed {
        let models = heads.models();
        assert_eq!(models.len(), N_HEADS, "a classifier has {N_HEADS} heads");
        let dim = models.iter().map(|m| m.weights().len()).max().unwrap_or(0);
        let mut packed = Vec::with_capacity(dim * N_HEADS);
        for i in 0..dim {
            packed.extend(
                models
                    .iter()
                    .map(|m| m.weights().get(i).copied().unwrap_or(0.0)),
            );
        }
        let biases = std::array::from_fn(|h| models[h].bias());
        Packed { packed, biases }
    }
}
