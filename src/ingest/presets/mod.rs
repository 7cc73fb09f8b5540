//! Presets: the column layouts of the known corpora (UNDP 2014, World Bank, AidData, the
//! DPG registry and the two digital-health files), recognised from the header or named by
//! the user, each with its own [`RowMapper`].

mod aiddata;
mod products;
mod undp;
mod worldbank;

use std::collections::BTreeMap;
use std::str::FromStr;

use super::mapper::RowMapper;
use super::row::Row;
use super::IngestError;

pub use undp::UNDP_COLUMNS;

/// A known corpus layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// `undp_open_projects_2014.csv` (source `undp14`).
    UndpOpen2014,
    /// `worldbank_projects_2025.csv` (source `wb`).
    WorldBank,
    /// `aiddata_sdg_iati_activities.csv` (source `aid`).
    AidData,
    /// `dpg_registry_candidates.csv` (source `dpg`).
    DpgRegistry,
    /// `who_digital_health_atlas_dial.csv` (source `dha`).
    DigitalHealthAtlas,
    /// `digital_health_tools_mapping_mmphase*.csv` (source `dial`).
    DialToolsMapping,
}

/// Every preset with its command-line name, source name and the columns that identify it.
const PRESETS: &[(Preset, &str, &str, &[&str])] = &[
    (
        Preset::UndpOpen2014,
        "undp-open-2014",
        "undp14",
        &[
            "project_id",
            "project_title",
            "operating_unit_id",
            "output_titles",
        ],
    ),
    (
        Preset::WorldBank,
        "worldbank",
        "wb",
        &["id", "project_name", "pdo", "countryshortname"],
    ),
    (
        Preset::AidData,
        "aiddata",
        "aid",
        &[
            "iati-identifier",
            "title",
            "description",
            "recipient-country-code",
        ],
    ),
    (
        Preset::DpgRegistry,
        "dpg",
        "dpg",
        &["name", "description", "license_spdx"],
    ),
    (
        Preset::DigitalHealthAtlas,
        "who-dha",
        "dha",
        &[
            "Name",
            "Country",
            "Overview of digital health implementation",
        ],
    ),
    (
        Preset::DialToolsMapping,
        "dial-tools",
        "dial",
        &["tool", "software", "tool_description", "country"],
    ),
];

impl Preset {
    fn entry(self) -> &'static (Preset, &'static str, &'static str, &'static [&'static str]) {
        PRESETS
            .iter()
            .find(|e| e.0 == self)
            .expect("every preset is listed")
    }

    /// The command-line name (`undp-open-2014`, `worldbank`, ...).
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    /// The source name its proposals get (`undp14`, `wb`, `aid`, `dpg`, `dha`, `dial`).
    pub fn source(self) -> &'static str {
        self.entry().2
    }

    /// The preset whose identifying columns are all in `names`, if any.
    pub fn detect(names: &[String]) -> Option<Preset> {
        let has = |c: &&str| names.iter().any(|n| n.trim_start_matches('\u{feff}') == *c);
        PRESETS
            .iter()
            .find(|(_, _, _, cols)| cols.iter().all(has))
            .map(|e| e.0)
    }

    /// The mapper for this preset, tagging records with `source`.
    pub fn mapper(self, source: &str) -> Box<dyn RowMapper> {
        let source = source.to_string();
        match self {
            Preset::UndpOpen2014 => Box::new(undp::Undp { source }),
            Preset::WorldBank => Box::new(worldbank::WorldBank { source }),
            Preset::AidData => Box::new(aiddata::AidData { source }),
            Preset::DpgRegistry => Box::new(products::Dpg {
                source,
                ids: Default::default(),
            }),
            Preset::DigitalHealthAtlas => Box::new(products::HealthAtlas { source }),
            Preset::DialToolsMapping => Box::new(products::DialTools {
                source,
                ids: Default::default(),
            }),
        }
    }
}

impl FromStr for Preset {
    type Err = IngestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PRESETS
            .iter()
            .find(|e| e.1.eq_ignore_ascii_case(s.trim()))
            .map(|e| e.0)
            .ok_or_else(|| IngestError::BadArgument {
                what: "preset",
                value: s.to_string(),
                expected: PRESETS.iter().map(|e| e.1).collect::<Vec<_>>().join(", "),
            })
    }
}

/// Every non-empty column of `row` not in `used`, for [`crate::Proposal::extra`].
fn extra_except(row: &Row<'_>, used: &[&str]) -> BTreeMap<String, String> {
    row.iter()
        .filter(|(n, v)| !used.contains(n) && !v.trim().is_empty())
        .map(|(n, v)| (n.to_string(), v.trim().to_string()))
        .collect()
}

/// A lower-case id from parts: letters and digits kept, runs of anything else as `-`.
fn slug(parts: &[&str]) -> String {
    let joined = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(joined.len());
    for c in joined.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (p, name, _, _) in PRESETS {
            assert_eq!(name.parse::<Preset>().unwrap(), *p);
        }
        assert!("nope".parse::<Preset>().is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug(&["HelloMAMA", "Côte d'Ivoire"]),
            "hellomama-côte-d-ivoire"
        );
    }
}
