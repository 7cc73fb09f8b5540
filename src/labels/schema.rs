//! Label names and values exactly as `LABELS.md` spells them, with parsing, display and the
//! consistency rules (`n/a` exactly when `digital` is 0; at least one pillar exactly when
//! digital).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Schema version of `LABELS.md` that this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A value that is not in the schema.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LabelError {
    /// The value is not one of the allowed values of the field.
    #[error("`{value}` is not a valid {field} (allowed: {allowed})")]
    Invalid {
        /// The field name (`digital`, `openness`, `pillars`, `sectors`).
        field: &'static str,
        /// The offending value.
        value: String,
        /// The allowed values, comma-separated.
        allowed: &'static str,
    },
    /// The labels break a consistency rule of `LABELS.md`.
    #[error("inconsistent labels: {0}")]
    Inconsistent(String),
}

macro_rules! label_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($(#[$vdoc:meta])* $var:ident => $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vdoc])* #[serde(rename = $s)] $var),+ }

        impl $name {
            /// Every value, in schema order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The value as `LABELS.md` spells it.
            pub fn as_str(self) -> &'static str { match self { $($name::$var => $s),+ } }
            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize { self as usize }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl FromStr for $name {
            type Err = LabelError;
            fn from_str(s: &str) -> Result<Self, LabelError> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($s => Ok($name::$var),)+
                    _ => Err(LabelError::Invalid {
                        field: $field,
                        value: s.to_string(),
                        allowed: concat!($($s, " "),+),
                    }),
                }
            }
        }
    };
}

label_enum!(
    /// Is the technology of a digital record open?
    Openness, "openness", {
        /// Open source, open licence, open data, open standards or a DPG.
        Open => "open",
        /// Proprietary, commercial or restricted.
        Closed => "closed",
        /// Both open and closed elements.
        Mixed => "mixed",
        /// Digital, but nothing is said about openness.
        Unknown => "unknown",
        /// Not digital.
        NotApplicable => "n/a",
    }
);

label_enum!(
    /// A pillar of UNDP's Digital Transformation Framework.
    Pillar, "pillars", {
        /// Digital skills, usage, inclusion, trust.
        People => "people",
        /// Infrastructure and access.
        Connectivity => "connectivity",
        /// Digital government.
        Government => "government",
        /// Laws, policy and regulation of digital.
        Regulation => "regulation",
        /// The digital economy.
        Economy => "economy",
        /// Digital public infrastructure.
        Dpi => "dpi",
    }
);

label_enum!(
    /// A sectoral opportunity of the framework.
    Sector, "sectors", {
        /// Health services and systems.
        Healthcare => "healthcare",
        /// Biodiversity, natural resources, water, pollution, waste.
        Environment => "environment",
        /// Climate mitigation and adaptation, energy.
        ClimateEnergy => "climate_energy",
        /// Disaster risk, early warning, conflict, recovery.
        CrisisResilience => "crisis_resilience",
        /// Urban services, planning, mobility.
        SmartCities => "smart_cities",
        /// Financial inclusion, payments, public finance technology.
        DigitalFinance => "digital_finance",
    }
);

/// The five label fields of one record (the `id` lives on the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    /// 0 not targeted, 1 significant, 2 principal.
    pub digital: u8,
    /// Openness of the technology; `n/a` exactly when `digital` is 0.
    pub openness: Openness,
    /// Pillars, in schema order; non-empty exactly when digital.
    pub pillars: Vec<Pillar>,
    /// Sectors, in schema order; any record may have them.
    pub sectors: Vec<Sector>,
}

impl Labels {
    /// Is the record digital (`digital` 1 or 2)?
    pub fn is_digital(&self) -> bool {
        self.digital > 0
    }

    /// Parses `digital` as the schema spells it.
    pub fn parse_digital(s: &str) -> Result<u8, LabelError> {
        match s.trim() {
            "0" => Ok(0),
            "1" => Ok(1),
            "2" => Ok(2),
            _ => Err(LabelError::Invalid {
                field: "digital",
                value: s.to_string(),
                allowed: "0 1 2",
            }),
        }
    }

    /// Parses a `;`-joined list of pillars or sectors (empty string is the empty list).
    pub fn parse_list<T: FromStr<Err = LabelError> + Ord>(s: &str) -> Result<Vec<T>, LabelError> {
        let mut out = s
            .split(';')
            .filter(|p| !p.trim().is_empty())
            .map(T::from_str)
            .collect::<Result<Vec<T>, _>>()?;
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Joins a list with `;` as the schema spells it.
    pub fn join<T: fmt::Display>(items: &[T]) -> String {
        items
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Checks the consistency rules of `LABELS.md`.
    pub fn check(&self) -> Result<(), LabelError> {
        if self.digital > 2 {
            return Err(LabelError::Inconsistent(format!(
                "digital is {}",
                self.digital
            )));
        }
        let na = self.openness == Openness::NotApplicable;
        if na == self.is_digital() {
            return Err(LabelError::Inconsistent(format!(
                "openness is {} but digital is {}",
                self.openness, self.digital
            )));
        }
        if self.pillars.is_empty() == self.is_digital() {
            return Err(LabelError::Inconsistent(format!(
                "digital is {} with {} pillars",
                self.digital,
                self.pillars.len()
            )));
        }
        Ok(())
    }
}

/// A word or phrase that pushed one decision, with its signed contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The head (`digital`, `openness`, `pillars`, `sectors`); the classifier's are static
    /// names, so writing one allocates nothing.
    pub head: Cow<'static, str>,
    /// The label value the evidence supports (for example `government`).
    pub label: Cow<'static, str>,
    /// The word, phrase or feature as a person would read it.
    pub term: String,
    /// Its contribution to the decision's score (log-odds).
    pub weight: f32,
}

/// The classifier's output for one record: labels, calibrated probabilities and evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The labels, consistent by [`Labels::check`].
    pub labels: Labels,
    /// Probability of `digital` = 0, 1, 2.
    pub digital_probs: [f32; 3],
    /// Probability of each openness value for a digital record, in [`Openness::ALL`] order.
    pub openness_probs: Vec<f32>,
    /// Probability of each pillar, in [`Pillar::ALL`] order.
    pub pillar_probs: Vec<f32>,
    /// Probability of each sector, in [`Sector::ALL`] order.
    pub sector_probs: Vec<f32>,
    /// The words behind each positive decision, strongest first.
    pub evidence: Vec<Evidence>,
    /// Name and version of the model that produced it.
    pub model: String,
}

impl Classification {
    /// Probability that the record is digital (`digital` 1 or 2).
    pub fn p_digital(&self) -> f32 {
        self.digital_probs[1] + self.digital_probs[2]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays_every_value() {
        for p in Pillar::ALL {
            assert_eq!(p.as_str().parse::<Pillar>().unwrap(), *p);
        }
        for s in Sector::ALL {
            assert_eq!(s.to_string().parse::<Sector>().unwrap(), *s);
        }
        assert_eq!("n/a".parse::<Openness>().unwrap(), Openness::NotApplicable);
        assert!("banana".parse::<Sector>().is_err());
    }

    #[test]
    fn lists_are_sorted_and_deduplicated() {
        let v: Vec<Sector> = Labels::parse_list("environment;healthcare;environment").unwrap();
        assert_eq!(v, vec![Sector::Healthcare, Sector::Environment]);
        assert_eq!(Labels::join(&v), "healthcare;environment");
        assert!(Labels::parse_list::<Pillar>("").unwrap().is_empty());
    }

    #[test]
    fn consistency_rules() {
        let mut l = Labels {
            digital: 0,
            openness: Openness::NotApplicable,
            pillars: vec![],
            sectors: vec![Sector::Healthcare],
        };
        assert!(l.check().is_ok());
        l.digital = 1;
        assert!(l.check().is_err());
        l.openness = Openness::Unknown;
        assert!(l.check().is_err());
        l.pillars.push(Pillar::Government);
        assert!(l.check().is_ok());
    }
}
