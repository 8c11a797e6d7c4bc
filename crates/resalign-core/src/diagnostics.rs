//! What the parser noticed about a document without failing on it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::UnitId;
use crate::span::Span;

/// How much a reader should care. Shared with the aligner's findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// The kinds of things the parser (and, about its own search, the aligner) reports. New codes
/// may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DiagnosticCode {
    /// A footnote number is called in the text but no footnote body has it.
    FootnoteNotDefined,
    /// A footnote body whose number no call refers to.
    FootnoteNeverCalled,
    /// Two footnote bodies with the same number.
    FootnoteDuplicated,
    /// A numbered sequence skips a number (`11` then `13`).
    NumberingGap,
    /// A number or letter printed twice in the same sequence.
    NumberingRepeated,
    /// A number lower than its predecessor where no new section starts.
    NumberingOutOfOrder,
    /// Two blocks were joined because a page break had cut one paragraph.
    JoinedAcrossPageBreak,
    /// Text the parser could not place in the structure; it was kept as its own unit.
    UnplacedText,
    /// Parts of the masthead or closing that were expected and not found.
    MetadataMissing,
    /// The language was guessed from the text; the guess is weak.
    LanguageUncertain,
    /// The XML was not well formed; the parser recovered.
    MalformedXml,
    /// The document has no operative part.
    NoOperativePart,
    /// A date that cannot exist (`31 February 2020`); it is kept as written.
    ImpossibleDate,
    /// The aligner searched a narrower band than the pair asked for, to stay within its time
    /// and memory budget.
    AlignmentNarrowed,
}

impl DiagnosticCode {
    /// The kebab-case name JSON uses: `footnote-not-defined`.
    pub fn name(self) -> &'static str {
        match self {
            DiagnosticCode::FootnoteNotDefined => "footnote-not-defined",
            DiagnosticCode::FootnoteNeverCalled => "footnote-never-called",
            DiagnosticCode::FootnoteDuplicated => "footnote-duplicated",
            DiagnosticCode::NumberingGap => "numbering-gap",
            DiagnosticCode::NumberingRepeated => "numbering-repeated",
            DiagnosticCode::NumberingOutOfOrder => "numbering-out-of-order",
            DiagnosticCode::JoinedAcrossPageBreak => "joined-across-page-break",
            DiagnosticCode::UnplacedText => "unplaced-text",
            DiagnosticCode::MetadataMissing => "metadata-missing",
            DiagnosticCode::LanguageUncertain => "language-uncertain",
            DiagnosticCode::MalformedXml => "malformed-xml",
            DiagnosticCode::NoOperativePart => "no-operative-part",
            DiagnosticCode::ImpossibleDate => "impossible-date",
            DiagnosticCode::AlignmentNarrowed => "alignment-narrowed",
        }
    }
}

/// One observation about a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: DiagnosticCode,
    pub severity: Severity,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
}

impl Diagnostic {
    pub fn new(code: DiagnosticCode, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            span: None,
            unit: None,
        }
    }

    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn with_unit(mut self, unit: UnitId) -> Self {
        self.unit = Some(unit);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity,
            self.code.name(),
            self.message
        )
    }
}
