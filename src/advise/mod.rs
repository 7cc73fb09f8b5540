//! The decision guide of `landscape advise`: "Should you use open source? Should this be a
//! digital public good?"
//!
//! It owns the guide, a data file of questions, gates and outcomes that each cite their
//! sources ([`Guide`], shipped as `guide/decision_guide.toml` and embedded as
//! [`DEFAULT_GUIDE`]); its validation when loaded (every edge lands, no cycle, every node
//! reachable); the walk from the first question to an outcome, from an answers file, from
//! what the classifier knows of a catalogued proposal ([`Prefill`]) or from a person at a
//! terminal ([`walk_with`]); the report of a walk ([`Report`], Markdown and JSON); and the
//! whole flowchart as Graphviz DOT ([`render_dot`]) and as SVG laid out here
//! ([`render_svg`]), with no external program.
//!
//! ```
//! use landscape::advise::{walk, Answers, Guide, Prefill};
//! let guide = Guide::default_guide().unwrap();
//! let answers = Answers::parse("digital = \"yes\"\nneed = \"no\"\n", "inline").unwrap();
//! let w = walk(&guide, &answers, &Prefill::default()).unwrap();
//! assert_eq!(w.outcome, "discovery");
//! ```

mod answers;
mod dot;
mod error;
mod guide;
mod layout;
mod markdown;
mod paths;
mod prefill;
mod report;
mod svg;
mod validate;
mod walk;

pub use answers::Answers;
pub use dot::render_dot;
pub use error::{AdviseError, Result};
pub use guide::{Answer, Gate, Guide, Node, Outcome, Question, Source, DEFAULT_GUIDE, SCHEMA};
pub use paths::{all_paths, GuidePath};
pub use prefill::{Prefill, PrefillFact};
pub use report::{Reason, Report, ReportStep};
pub use svg::render_svg;
pub use walk::{walk, walk_with, Origin, Step, Walk};
