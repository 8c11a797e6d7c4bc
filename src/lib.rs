//! resalign: parse, align and check English and Spanish United Nations resolutions.
//!
//! This facade re-exports the workspace's library crates so a user can depend on one crate: the
//! document model and parser at the top level, then [`align`] (the aligner and the checks),
//! [`export`] (JSON, TSV, TMX, XLIFF, HTML, terminal) and [`batch`] (whole corpora).

pub use resalign_core::*;

pub use resalign_align as align;
pub use resalign_batch as batch;
pub use resalign_export as export;

/// The README's Rust examples are compiled and run as doctests, so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
