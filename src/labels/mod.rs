//! The label schema of `LABELS.md`, its consistency rules, gold files and weak labels.
//!
//! [`schema`] owns the names and values (`digital`, `openness`, `pillars`, `sectors`) and the
//! per-record [`Classification`] that the classifier emits and the catalogue stores.

pub mod schema;

pub use schema::{Classification, Evidence, LabelError, Labels, Openness, Pillar, Sector};
