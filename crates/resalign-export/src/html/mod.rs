//! Self-contained HTML pages for revisers: [`PairReport`] shows an English and a Spanish
//! resolution side by side with the findings marked, and [`IndexPage`] lists the pairs of a
//! batch run with links to their reports.
//!
//! Pages carry their style sheet (and, unless omitted, a small filter script) inline and load
//! nothing from the network, so a report can be mailed, opened offline and printed. All text
//! from the documents is escaped by one writer ([`escape`]); markup is never built by formatting
//! input into strings.

mod findings;
mod header;
mod index;
mod layout;
mod markup;
mod pair;
mod parallel;
mod text;
mod wording;

pub use index::{FindingCounts, IndexPage, IndexRow, PairStatus, UnpairedRow, natural_order};
pub use markup::escape;
pub use pair::{DEFAULT_LOW_SCORE, FilterScript, PairReport};

/// The style sheet of every page, inlined so the page needs nothing else.
const STYLE_SHEET: &str = include_str!("style.css");

/// Shows the "findings only" control and filters rows with it.
const FILTER_SCRIPT: &str = include_str!("filter.js");
