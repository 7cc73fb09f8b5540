//! The DPG map and the gap report of `landscape gaps`.
//!
//! It owns the classified registry of digital public goods ([`DpgMap`]: every registry row
//! labelled with DTF pillars and sectors by the trained model, keeping the registry's own
//! licence, type, SDGs and stage), the matching of DPGs to a proposal's pillars and sectors
//! ([`DpgMap::matching`], used by [`crate::advise`]), the gap report ([`GapReport`]: per
//! pillar × sector cell, how many digital projects need it and how many DPGs serve it) with
//! its Markdown, CSV and SVG heat map ([`render_heatmap`]), and atomic output files
//! ([`write_atomic`]).
//!
//! A **gap** is a cell with demand of at least [`GapOptions::min_demand`] digital projects
//! and fewer than [`GapOptions::max_per_100`] DPGs per 100 of those projects.

mod error;
mod files;
mod heatmap;
mod registry;
mod report;
mod table;

pub use error::{GapError, Result};
pub use files::write_atomic;
pub use heatmap::render_heatmap;
pub use registry::{DpgEntry, DpgMap, DpgMatch};
pub use report::{Cell, GapOptions, GapReport, GroupBy, NO_SECTOR};
