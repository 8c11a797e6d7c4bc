//! Paragraph alignment of English and Spanish UN resolutions, and the checks a reviser runs on
//! the aligned pair.

mod aligner;
mod alignment;
mod checks;
mod error;
mod findings;
mod triage;

pub use aligner::{Aligner, align};
pub use alignment::{Alignment, AnchorKey, Evidence, FootnoteLink, Link, LinkShape, PairVerdict};
pub use checks::{Checker, Convention, Conventions, check};
pub use error::{Error, ErrorKind};
pub use findings::{Finding, FindingCode, Mark, MarkTarget, Side};
pub use triage::{
    BASELINE_VERSION, Baseline, BaselineEntry, BaselineIndex, FindingKey, Sorted, Triage,
};
