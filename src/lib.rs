//! # landscape
//!
//! Maps the digital-project landscape of development organisations. Data flows one way:
//! a source file becomes [`Proposal`]s ([`ingest`]), a proposal becomes features ([`text`]),
//! features become labels ([`model`], by the schema in [`labels`]), and labelled proposals go
//! to a sink: the searchable on-disk [`catalogue`], CSV or JSON Lines.
//!
//! ```
//! use landscape::Proposal;
//! let p = Proposal { id: "00011031".into(), source: "undp14".into(), ..Default::default() };
//! assert_eq!(p.key(), "undp14-00011031");
//! ```
#![deny(missing_docs)]

pub mod advise;
pub mod atomic;
pub mod catalogue;
pub mod classify;
pub mod country;
pub mod gaps;
pub mod ingest;
pub mod labels;
pub mod markup;
pub mod model;
pub mod proposal;
pub mod retrain;
pub mod serve;
pub mod text;

pub use proposal::Proposal;
