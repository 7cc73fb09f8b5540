//! The openness head: rules over the lexicon's `dig_opensrc` and `dig_closed` concepts, as
//! `LABELS.md` defines openness (named open-source products, open licences and DPGs against
//! proprietary products, licensed or vendor software). With nine `open` records in the gold
//! file there is too little to learn from; rules are stated, testable and explainable.

use super::lexicon::Lexicon;
use crate::labels::{Evidence, Openness};

/// Openness of a digital record, the probabilities in [`Openness::ALL`] order and evidence.
pub fn openness(lex: &Lexicon, words: &[&str]) -> (Openness, Vec<f32>, Vec<Evidence>) {
    openness_of_matches(lex, words, &lex.matches(words))
}

/// [`openness`] from the lexicon's matches in `words`, already found.
pub fn openness_of_matches(
    lex: &Lexicon,
    words: &[&str],
    matches: &[(u32, usize, usize)],
) -> (Openness, Vec<f32>, Vec<Evidence>) {
    let open = lex.concept("dig_opensrc");
    let closed = lex.concept("dig_closed");
    let mut evidence = Vec::new();
    let (mut n_open, mut n_closed) = (0, 0);
    for &(c, start, len) in matches {
        let side = if Some(c) == open {
            n_open += 1;
            "open"
        } else if Some(c) == closed {
            n_closed += 1;
            "closed"
        } else {
            continue;
        };
        evidence.push(Evidence {
            head: "openness".into(),
            label: side.into(),
            term: words[start..start + len].join(" "),
            weight: 1.0,
        });
    }
    let label = match (n_open > 0, n_closed > 0) {
        (true, true) => Openness::Mixed,
        (true, false) => Openness::Open,
        (false, true) => Openness::Closed,
        (false, false) => Openness::Unknown,
    };
    (label, probabilities(label), evidence)
}

/// A rule's confidence: most mass on its label, the rest on `unknown` (never on `n/a`).
fn probabilities(label: Openness) -> Vec<f32> {
    let mut p = vec![0.0; Openness::ALL.len()];
    if label == Openness::Unknown {
        p[Openness::Unknown.index()] = 1.0;
    } else {
        p[label.index()] = 0.8;
        p[Openness::Unknown.index()] = 0.2;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_closed_mixed_unknown() {
        let lex = Lexicon::default_with_scale(1.0);
        let w = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        let (l, p, e) = openness(&lex, &w("deploy dhis2 for health data"));
        assert_eq!(l, Openness::Open);
        assert_eq!(e[0].term, "dhis2");
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert_eq!(
            openness(&lex, &w("licences for proprietary erp")).0,
            Openness::Closed
        );
        assert_eq!(
            openness(&lex, &w("open source with oracle database")).0,
            Openness::Mixed
        );
        assert_eq!(
            openness(&lex, &w("a new information system")).0,
            Openness::Unknown
        );
    }
}
