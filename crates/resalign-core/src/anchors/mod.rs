//! Citation anchors: what must survive translation unchanged (resolution numbers, document
//! symbols, dates, treaty references, numbers, footnote calls), each with a key that is the same
//! in English and Spanish.

use serde::{Deserialize, Serialize};

use crate::model::{FootnoteCall, Language};
use crate::span::TextRange;

/// One anchor found in a unit's or footnote's clean text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    pub kind: AnchorKind,
    /// Language-independent: `64/293`, `E/2013/30/Corr.1`, `2010-07-30`, `39574`.
    pub key: String,
    /// Where it stands in the clean text.
    pub range: TextRange,
}

/// The kinds of anchors. New kinds may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AnchorKind {
    FootnoteCall,
}

/// All anchors of one text, in text order.
pub fn extract(_language: Language, _text: &str, calls: &[FootnoteCall]) -> Vec<Anchor> {
    calls
        .iter()
        .map(|call| Anchor {
            kind: AnchorKind::FootnoteCall,
            key: call.number.to_string(),
            range: TextRange::new(call.offset, call.offset),
        })
        .collect()
}
