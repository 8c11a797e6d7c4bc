//! What the checks report to a translator or reviser about an aligned pair.

use std::fmt;

use serde::{Deserialize, Serialize};

use resalign_core::{Severity, Span, TextRange, UnitId};

/// One problem found in the pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// A sentence a translator understands, naming what differs.
    pub message: String,
    pub en: Side,
    pub es: Side,
    /// When one cause gave a run of findings (a numbering that restarts, a text that ends
    /// early), this finding names the range and these are the findings it stands for, one per
    /// unit, so that tools still see each unit. Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Finding>,
}

/// Where a finding sits in one language version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub units: Vec<UnitId>,
    pub footnotes: Vec<u32>,
    /// Source spans of the units or footnotes involved.
    pub spans: Vec<Span>,
    /// The exact pieces of clean text to highlight (an anchor that differs).
    pub marks: Vec<Mark>,
}

/// A range of clean text in a unit or a footnote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub target: MarkTarget,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkTarget {
    Unit(UnitId),
    Footnote(u32),
}

/// Stable finding codes; new codes may be added, existing ones keep their meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FindingCode {
    /// The two documents are not versions of the same resolution.
    DifferentResolutions,
    /// A paragraph of the English text has no Spanish counterpart.
    MissingInSpanish,
    /// A paragraph of the Spanish text has no English counterpart.
    MissingInEnglish,
    /// One English paragraph is two Spanish ones.
    SplitInSpanish,
    /// Two English paragraphs are one Spanish one.
    MergedInSpanish,
    /// Two paragraphs on each side hold the same text, divided at a different place.
    BoundariesDiffer,
    /// Operative numbers or sub-paragraph labels of aligned paragraphs differ.
    NumberingDiffers,
    /// A citation anchor (resolution, symbol, date, treaty reference...) on one side only.
    AnchorMissing,
    /// An anchor that differs between the sides (`64/293` vs `64/239`).
    AnchorDiffers,
    /// Numbers that differ between aligned paragraphs.
    NumberMismatch,
    /// Footnote calls that differ between aligned paragraphs.
    FootnoteCallsDiffer,
    /// Footnote texts whose anchors differ, or a footnote without counterpart.
    FootnoteDiffers,
    /// Preambular on one side, operative on the other.
    KindDiffers,
    /// Closing punctuation wrong for the paragraph's kind (`,` preambular, `;` operative, `.` last).
    Punctuation,
    /// Length ratio far outside the usual range.
    LengthRatio,
    /// Metadata that differs: symbol, dates, meeting.
    MetadataDiffers,
    /// The pair was too long and too uniform to search in full; it was aligned within a
    /// budget and some links may be wrong.
    AlignmentNarrowed,
    /// Two paragraphs whose numbers agree but whose texts are each other's: swapped.
    ParagraphsSwapped,
    /// Paragraphs whose numbers agree but whose opening phrases and wording do not.
    ContentDiffers,
    /// A vote block whose counts, or whose number of countries on a side, differ.
    VoteDiffers,
}

impl FindingCode {
    /// Every code, in the order the checks report them.
    pub const ALL: [FindingCode; 20] = [
        FindingCode::DifferentResolutions,
        FindingCode::MissingInSpanish,
        FindingCode::MissingInEnglish,
        FindingCode::SplitInSpanish,
        FindingCode::MergedInSpanish,
        FindingCode::BoundariesDiffer,
        FindingCode::NumberingDiffers,
        FindingCode::AnchorMissing,
        FindingCode::AnchorDiffers,
        FindingCode::NumberMismatch,
        FindingCode::FootnoteCallsDiffer,
        FindingCode::FootnoteDiffers,
        FindingCode::KindDiffers,
        FindingCode::Punctuation,
        FindingCode::LengthRatio,
        FindingCode::MetadataDiffers,
        FindingCode::AlignmentNarrowed,
        FindingCode::ParagraphsSwapped,
        FindingCode::ContentDiffers,
        FindingCode::VoteDiffers,
    ];

    /// The stable name, as serialized: `anchor-differs`.
    pub fn name(self) -> &'static str {
        match self {
            FindingCode::DifferentResolutions => "different-resolutions",
            FindingCode::MissingInSpanish => "missing-in-spanish",
            FindingCode::MissingInEnglish => "missing-in-english",
            FindingCode::SplitInSpanish => "split-in-spanish",
            FindingCode::MergedInSpanish => "merged-in-spanish",
            FindingCode::BoundariesDiffer => "boundaries-differ",
            FindingCode::NumberingDiffers => "numbering-differs",
            FindingCode::AnchorMissing => "anchor-missing",
            FindingCode::AnchorDiffers => "anchor-differs",
            FindingCode::NumberMismatch => "number-mismatch",
            FindingCode::FootnoteCallsDiffer => "footnote-calls-differ",
            FindingCode::FootnoteDiffers => "footnote-differs",
            FindingCode::KindDiffers => "kind-differs",
            FindingCode::Punctuation => "punctuation",
            FindingCode::LengthRatio => "length-ratio",
            FindingCode::MetadataDiffers => "metadata-differs",
            FindingCode::AlignmentNarrowed => "alignment-narrowed",
            FindingCode::ParagraphsSwapped => "paragraphs-swapped",
            FindingCode::ContentDiffers => "content-differs",
            FindingCode::VoteDiffers => "vote-differs",
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for FindingCode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FindingCode::ALL
            .into_iter()
            .find(|code| code.name() == s)
            .ok_or_else(|| format!("unknown finding code `{s}`"))
    }
}
