//! The label schema of `LABELS.md`, its consistency rules, labelled files and weak labels.
//!
//! [`schema`] owns the names and values (`digital`, `openness`, `pillars`, `sectors`) and the
//! per-record [`Classification`] that the classifier emits and the catalogue stores; [`gold`]
//! reads labelled files; [`weak`] derives labels from the corpora's metadata.

pub mod gold;
pub mod schema;
pub mod split;
pub mod weak;

pub use gold::{check_gold, read_gold, CheckedFile, GoldError, GoldRow};
pub use schema::{Classification, Evidence, LabelError, Labels, Openness, Pillar, Sector};
