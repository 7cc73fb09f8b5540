//! Retraining that an analyst can run: fix labels in a spreadsheet, learn from them, keep
//! model versions.
//!
//! - [`suggest`] scores how uncertain the model is about each record and picks a diverse batch
//!   of the most uncertain; [`sheet`] writes it as a labelling sheet with the predictions
//!   pre-filled.
//! - [`merge`] reads any number of corrected files, checks every cell against the schema and
//!   merges them by id (later wins), reporting every conflict; [`labelled`] turns the result
//!   into a training set.
//! - [`registry`] lists the versions under `models/` and keeps the default in `models/DEFAULT`;
//!   [`compare`] sets two versions side by side on a labelled file.
//! - [`reclassify`] re-labels a catalogue in place with another version.

pub mod compare;
pub mod labelled;
pub mod merge;
pub mod reclassify;
pub mod registry;
pub mod sheet;
pub mod suggest;

pub use merge::{merge_files, Conflict, MergeError, Merged};
pub use registry::resolve_model;
pub use suggest::{Head, SelectOptions};
