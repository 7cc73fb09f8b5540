//! Retraining (issue 8): the label-file validator on every kind of bad cell, merging with
//! conflicts, the suggestion sheet and its round trip through `train`, model versions (list,
//! use, compare on two real trained versions) and reclassifying a catalogue in place.

#[path = "common/mod.rs"]
mod common;

#[path = "retrain/fixture.rs"]
mod fixture;
#[path = "retrain/flow.rs"]
mod flow;
#[path = "retrain/merge.rs"]
mod merge;
#[path = "retrain/select.rs"]
mod select;
#[path = "retrain/validate.rs"]
mod validate;
