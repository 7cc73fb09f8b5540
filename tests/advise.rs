//! The decision guide: every path of the shipped guide walked from a generated answers file,
//! the validator on broken guides, answers-file errors, pre-filled answers, the DOT and SVG
//! renderings, and `landscape advise` end to end (answers file, terminal, examples, --graph).

#[path = "advise/cli.rs"]
mod cli;
#[path = "advise/paths.rs"]
mod paths;
#[path = "advise/render.rs"]
mod render;
#[path = "advise/validate.rs"]
mod validate;

#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;
