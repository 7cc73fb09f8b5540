//! Prior means of the heads' weights, from the lexicon: what the definitions of `LABELS.md`
//! already say about a concept, stated before any data. A head's weight on a concept of its own
//! (the `digital` head on every `dig_*` concept, a pillar head on its `pil_*` concept, a sector
//! head on its `sec_*` concept) is pulled towards a positive mean instead of towards zero (see
//! [`crate::model::LogisticValidParams::fit_sparse_prior`]).
//!
//! Why: the gold rows come from 2014-2025 project texts that never mention artificial
//! intelligence, drones, blockchain or chatbots, so the data alone leave those concepts at
//! weight zero and the `digital` head calls such a project not digital. With a prior, a
//! concept the data are silent on keeps its stated meaning; a concept the data contradict
//! (`platform` in "a multi-stakeholder platform for dialogue") is overridden by them.

use super::heads::{DIGITAL, N_HEADS, PILLAR0, SECTOR0};
use super::lexicon::Lexicon;
use crate::labels::{Pillar, Sector};

/// How strongly each group of heads leans on the lexicon before seeing data.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PriorStrength {
    /// Prior mean of the `digital` head's weight on each `dig_*` concept (0: none).
    pub digital: f32,
    /// Prior mean of each pillar head's weight on its own `pil_*` concept (0: none).
    pub pillars: f32,
    /// Prior mean of each sector head's weight on its own `sec_*` concept (0: none).
    pub sectors: f32,
}

/// The lexicon concept that speaks for each pillar, in [`Pillar::ALL`] order.
const PILLAR_CONCEPTS: [&str; 6] = [
    "pil_people",
    "pil_conn",
    "pil_gov",
    "pil_reg",
    "pil_econ",
    "pil_dpi",
];

/// The lexicon concept that speaks for each sector, in [`Sector::ALL`] order.
const SECTOR_CONCEPTS: [&str; 6] = [
    "sec_health",
    "sec_env",
    "sec_climate",
    "sec_crisis",
    "sec_urban",
    "sec_fin",
];

/// The prior `(feature, mean)` pairs of every head, in head order, for a lexicon whose
/// features start at index `offset`. Concepts missing from the lexicon get no prior.
pub fn head_priors(lexicon: &Lexicon, offset: u32, s: PriorStrength) -> Vec<Vec<(u32, f32)>> {
    let at = |name: &str| lexicon.concept(name).map(|c| offset + c);
    let mut out = vec![Vec::new(); N_HEADS];
    if s.digital != 0.0 {
        out[DIGITAL] = lexicon
            .names()
            .iter()
            .filter(|n| n.starts_with("dig_"))
            .filter_map(|n| at(n))
            .map(|i| (i, s.digital))
            .collect();
    }
    debug_assert_eq!(PILLAR_CONCEPTS.len(), Pillar::ALL.len());
    debug_assert_eq!(SECTOR_CONCEPTS.len(), Sector::ALL.len());
    let own = |concepts: &[&str], first: usize, mean: f32, out: &mut Vec<Vec<(u32, f32)>>| {
        if mean == 0.0 {
            return;
        }
        for (k, name) in concepts.iter().enumerate() {
            out[first + k] = at(name).map(|i| vec![(i, mean)]).unwrap_or_default();
        }
    };
    own(&PILLAR_CONCEPTS, PILLAR0, s.pillars, &mut out);
    own(&SECTOR_CONCEPTS, SECTOR0, s.sectors, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_head_leans_on_its_own_concepts_only() {
        let lex = Lexicon::default_with_scale(0.5);
        let offset = 1000;
        let s = PriorStrength {
            digital: 4.0,
            pillars: 2.0,
            sectors: 0.0,
        };
        let p = head_priors(&lex, offset, s);
        assert_eq!(p.len(), N_HEADS);
        let dig: Vec<String> = p[DIGITAL]
            .iter()
            .map(|&(i, m)| {
                assert_eq!(m, 4.0);
                lex.names()[(i - offset) as usize].clone()
            })
            .collect();
        assert!(dig.iter().all(|n| n.starts_with("dig_")), "{dig:?}");
        assert!(dig.contains(&"dig_emerging".to_string()));
        let gov = PILLAR0 + Pillar::Government.index();
        assert_eq!(p[gov], [(offset + lex.concept("pil_gov").unwrap(), 2.0)]);
        assert!((SECTOR0..N_HEADS).all(|h| p[h].is_empty()));
        assert!(p[super::super::heads::PRINCIPAL].is_empty());
        assert!(head_priors(&lex, offset, PriorStrength::default())
            .iter()
            .all(Vec::is_empty));
    }
}
