//! Checks a reviser runs on an aligned pair.

use resalign_core::Document;

use crate::alignment::Alignment;
use crate::findings::Finding;

/// Runs the checks on an aligned pair.
#[derive(Clone, Debug, Default)]
pub struct Checker {}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    pub fn check(&self, _en: &Document, _es: &Document, _alignment: &Alignment) -> Vec<Finding> {
        Vec::new()
    }
}

/// Runs the checks with default settings.
pub fn check(en: &Document, es: &Document, alignment: &Alignment) -> Vec<Finding> {
    Checker::new().check(en, es, alignment)
}
