//! The result of aligning two documents: links between units, their scores and evidence.

use serde::{Deserialize, Serialize};

use resalign_core::{AnchorKind, Diagnostic, LabelValue, UnitId, UnitKind};

/// How two documents were paired, paragraph by paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    /// Whether the two documents are versions of the same resolution at all.
    pub verdict: PairVerdict,
    /// Unit links in document order; every unit of both documents is in exactly one link.
    pub links: Vec<Link>,
    /// Footnote links in number order; every footnote of both documents is in exactly one.
    pub footnote_links: Vec<FootnoteLink>,
    /// What the aligner noticed about its own search: `alignment-narrowed` when a pair was
    /// too long and too uniform to search in full and was aligned within a budget.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether the English and Spanish documents are the same resolution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum PairVerdict {
    SameResolution,
    /// The documents do not look like two versions of one resolution; links are still given
    /// but should not be trusted: their scores are at most 0.5. The reasons are sentences for
    /// a reader (`the English text is resolution 2013/41 and the Spanish text resolution
    /// 72/195`).
    DifferentResolutions {
        reasons: Vec<String>,
    },
}

/// One link: 1-1, 1-0, 0-1, 1-2 or 2-1 units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub en: Vec<UnitId>,
    pub es: Vec<UnitId>,
    /// How sure the aligner is that these belong together, in [0, 1]. Links with one side empty
    /// score how sure it is that the other side really has no counterpart.
    pub score: f64,
    /// Why: every piece of evidence that went into the score.
    pub evidence: Vec<Evidence>,
}

impl Link {
    pub fn shape(&self) -> LinkShape {
        LinkShape {
            en: self.en.len(),
            es: self.es.len(),
        }
    }
}

/// The number of units on each side of a link: `1-1`, `1-0`, `2-1`...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LinkShape {
    pub en: usize,
    pub es: usize,
}

impl std::fmt::Display for LinkShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.en, self.es)
    }
}

/// A typed reason for (or against) a link, so a reviser can see why two paragraphs were paired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Evidence {
    /// The labels or numbers of the two sides (`op.7`/`op.7`, `(c)`/`c)`).
    Numbering {
        en: Option<LabelValue>,
        es: Option<LabelValue>,
        agrees: bool,
    },
    /// Anchors found on both sides, and on one side only.
    Anchors {
        shared: Vec<AnchorKey>,
        only_en: Vec<AnchorKey>,
        only_es: Vec<AnchorKey>,
    },
    /// Spanish length over English length, against what the corpus leads us to expect.
    Length { ratio: f64, expected: f64 },
    /// The unit kinds on each side.
    Kind { en: UnitKind, es: UnitKind },
    /// Classes of the opening phrases (`recall` for `Recalling` and `Recordando`).
    OpeningPhrase {
        en: Option<String>,
        es: Option<String>,
        agrees: bool,
    },
    /// Numbers found on both sides, and on one side only: number anchors (by their key) and
    /// runs of two digits or more that no anchor covers.
    Numbers {
        shared: Vec<String>,
        only_en: Vec<String>,
        only_es: Vec<String>,
    },
    /// Dice overlap of the word stems of the two texts (`international`/`internacional`,
    /// `resolution`/`resolución`), against what unrelated paragraphs of a pair share.
    Vocabulary { similarity: f64, unrelated: f64 },
    /// The paragraphs that call the two footnotes, and whether the alignment links them.
    CalledFrom {
        en: Vec<UnitId>,
        es: Vec<UnitId>,
        linked: bool,
    },
    /// Nothing on the other side fits this unit.
    NoCounterpart,
}

/// An anchor's kind and language-independent key, as compared across languages.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AnchorKey {
    pub kind: AnchorKind,
    pub key: String,
}

/// A footnote link: `None` on a side when the footnote has no counterpart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FootnoteLink {
    pub en: Option<u32>,
    pub es: Option<u32>,
    pub score: f64,
    pub evidence: Vec<Evidence>,
}
