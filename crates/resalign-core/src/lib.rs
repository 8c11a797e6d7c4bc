//! Document model and parsers for English and Spanish United Nations resolutions.
//!
//! [`Parser`] reads a resolution as markdown converted from PDF, as `pdftotext` output, or as
//! AKN4UN XML, and returns a [`Document`]: metadata, units (preambular and operative paragraphs,
//! sub-paragraphs, headings, annex text) with stable ids and spans into the source, footnotes,
//! citation anchors and diagnostics. Odd text never fails a parse; only input that cannot be a
//! resolution is an [`Error`].

pub mod anchors;
mod assemble;
mod detect;
mod diagnostics;
#[cfg(feature = "docx")]
mod docx;
mod error;
mod label;
mod layout;
pub mod lexicon;
mod model;
mod parse;
#[cfg(feature = "pdf")]
mod pdf;
mod span;
mod text;
pub mod work;
mod xml;

pub use anchors::{Anchor, AnchorKind};
pub use diagnostics::{Diagnostic, DiagnosticCode, Severity};
pub use error::{Error, ErrorKind};
pub use model::{
    Closing, Date, Document, DocumentSymbol, Footnote, FootnoteCall, Label, LabelValue, Language,
    Metadata, Organ, Session, SourceFormat, SymbolProvenance, Unit, UnitId, UnitIndex, UnitKind,
};
pub use parse::{Parser, parse};
pub use span::{Span, Spanned, TextRange};
