//! The DPG map and the gap report: counts and thresholds on hand-made records, then
//! `landscape gaps` and `landscape advise --id` on a catalogue built from the samples of
//! `data/` and a slice of the shared DPG registry.

#[path = "gaps/cli.rs"]
mod cli;
#[path = "gaps/counts.rs"]
mod counts;

#[path = "common/mod.rs"]
mod common;
