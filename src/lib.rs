//! resalign: parse, align and check English and Spanish United Nations resolutions.
//!
//! This facade re-exports the workspace's library crates so a user can depend on one crate.

pub use resalign_core::*;
