//! Weak labels from the corpora's own metadata: documented rules, each with a weight that says
//! how far training should trust it.
//!
//! Rules (measured against the 600 World Bank rows of `gold.csv`, see `MODEL.md`):
//! - World Bank `ict_major_sector_percent` >= 50 → digital (agreed with gold on 42 of 46 rows).
//! - World Bank ICT share of 0 and no digital theme (ICT, digital, information systems,
//!   data platforms, geospatial, e-commerce, technology) → not digital (270 of 310).
//! - Every other row gets no weak label.
//!
//! Sector rules from World Bank sector shares and UNDP DAC codes were measured too and left
//! out: they disagreed with the hand labels too often (for example water-sector projects that
//! annotators did not tag `environment`). The positives-only sources (DPG registry, health
//! inventories) are not used for `digital`: mixed with negatives from another source they would
//! teach the source, not the content.

use crate::Proposal;

/// A weak label for the `digital` head.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeakDigital {
    /// Digital (`digital` 1 or 2) or not.
    pub digital: bool,
    /// How far to trust it, as a training sample weight.
    pub weight: f32,
}

/// Themes that make a zero ICT share inconclusive.
const DIGITAL_THEMES: [&str; 8] = [
    "ict",
    "digital",
    "information system",
    "data platform",
    "data-driven",
    "geospatial",
    "e-commerce",
    "technology",
];

/// The weak `digital` label of a World Bank project (`source` `wb`), if a rule applies.
pub fn weak_digital(p: &Proposal, weight: f32) -> Option<WeakDigital> {
    if p.source != "wb" {
        return None;
    }
    let share: f64 = p
        .extra
        .get("ict_major_sector_percent")?
        .trim()
        .parse()
        .ok()?;
    let themes = p
        .extra
        .get("themes")
        .map(|t| t.to_lowercase())
        .unwrap_or_default();
    let digital = if share >= 50.0 {
        true
    } else if share == 0.0 && !DIGITAL_THEMES.iter().any(|t| themes.contains(t)) {
        false
    } else {
        return None;
    };
    Some(WeakDigital { digital, weight })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wb(share: &str, themes: &str) -> Proposal {
        let mut p = Proposal {
            source: "wb".into(),
            ..Default::default()
        };
        p.extra
            .insert("ict_major_sector_percent".into(), share.into());
        p.extra.insert("themes".into(), themes.into());
        p
    }

    #[test]
    fn ict_share_rules() {
        assert!(weak_digital(&wb("75.0", ""), 0.3).unwrap().digital);
        assert!(
            !weak_digital(&wb("0.0", "Urban Development"), 0.3)
                .unwrap()
                .digital
        );
        assert_eq!(weak_digital(&wb("0.0", "FY17 - ICT Solutions"), 0.3), None);
        assert_eq!(weak_digital(&wb("20.0", ""), 0.3), None);
        assert_eq!(weak_digital(&wb("", ""), 0.3), None);
        let mut other = wb("90", "");
        other.source = "undp14".into();
        assert_eq!(weak_digital(&other, 0.3), None);
    }
}
