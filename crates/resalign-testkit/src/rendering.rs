//! What a rendering produced: the text, and where everything of the document went in it, so a
//! test can compare a parse of the text with the document it came from.

use resalign_core::{Span, UnitId};
use serde::Serialize;

use crate::style::Style;

/// A document rendered as text.
#[derive(Clone, Debug, Serialize)]
pub struct Rendering {
    pub text: String,
    pub style: Style,
    /// Byte range of each page, in order. Markdown pages end where footnotes were dropped in.
    pub pages: Vec<Span>,
    /// One entry per unit of the document, in the document's order.
    pub units: Vec<UnitPlacement>,
    /// One entry per footnote that was written, in number order.
    pub footnotes: Vec<FootnotePlacement>,
    /// Every footnote call written in a unit, in text order.
    pub calls: Vec<CallPlacement>,
    /// Every place a page break cut a unit.
    pub cuts: Vec<Cut>,
    /// The metadata fields the text states, so a perfect parser recovers exactly these.
    pub metadata: Vec<MetadataField>,
    /// Places where even a perfect parser could misread the text.
    pub risks: Vec<Risk>,
}

/// Where one unit was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitPlacement {
    pub id: UnitId,
    /// From the label (or the first character of the text, markup included) to the end of the
    /// text; more than one piece when page breaks cut the unit.
    pub pieces: Vec<Span>,
}

/// Where one footnote's text was written (after its number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FootnotePlacement {
    pub number: u32,
    pub span: Span,
}

/// One printed footnote call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallPlacement {
    pub unit: UnitId,
    pub number: u32,
    pub span: Span,
}

/// A unit cut by a page break.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cut {
    pub unit: UnitId,
    /// End of the piece before the break.
    pub before: usize,
    /// Start of the piece after the break.
    pub after: usize,
    /// The page (from 0) the continuation is on.
    pub page: usize,
    pub continuation: Continuation,
}

/// How the continuation after a page break reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Continuation {
    /// It starts in lower case.
    LowerCase,
    /// It starts with a capital, and the piece before has no closing punctuation.
    Capital,
}

/// The metadata fields of [`resalign_core::Metadata`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetadataField {
    Organ,
    ResolutionNumber,
    /// Printed; markdown never prints the symbol, a parser derives it from number and organ.
    Symbol,
    Title,
    Session,
    AgendaItem,
    AdoptionDate,
    DistributionDate,
    BasedOn,
    EnactingFormula,
    Closing,
}

/// A place where the text is ambiguous whatever the parser does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub site: Site,
    pub kind: RiskKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Site {
    Unit(UnitId),
    Footnote(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskKind {
    /// A unit without a label whose text starts like one (`(a) ...`, `12. ...`).
    TextLooksLikeLabel,
    /// The text holds a character the shape uses as markup (`*`, `<sup>`, a superscript digit
    /// when calls are superscripts).
    MarkupInText,
    /// An inline call next to a digit: `resolution 70/1` with call 1 prints `70/11`.
    CallTouchesDigit,
    /// Two calls at one offset print as one number (`¹²`).
    AdjacentCalls,
    /// An unnumbered operative paragraph reads like a preambular one.
    UnlabelledOperative,
}
