//! Renders parsed resolutions back into the text shapes PDF converters give (markdown as in the
//! seeds, `pdftotext` output), so that the text front-end can be tested on hundreds of documents
//! whose structure is known from their AKN4UN XML.
//!
//! A [`Rendering`] holds the text and where every unit, call, footnote and page break went, the
//! metadata fields the text states and the places where even a perfect parser could misread it.
//! Rendering is deterministic for a seed; different seeds walk through the variations real
//! conversions show (emphasis, page-break markers, call syntax, spacing, wrapping, hyphenation).

pub mod browser;
pub mod corpus;
pub mod exact;
pub mod fixture;
pub mod harness;
mod inline;
mod layout;
mod locale;
mod lookalike;
mod markdown;
mod plain;
mod plan;
mod renderer;
mod rendering;
mod rng;
mod sink;
mod style;
pub mod typeset;
mod wrap;

pub use renderer::Renderer;
pub use rendering::{
    CallPlacement, Continuation, Cut, FootnotePlacement, MetadataField, Rendering, Risk, RiskKind,
    Site, UnitPlacement,
};
pub use style::{
    CallStyle, CutEmphasis, Emphasis, FootnoteNumbering, HeadingMarkup, Hyphenation, MarkdownStyle,
    Masthead, Mixing, PageBreakMark, PlainStyle, RunningHead, Shape, Spacing, Style,
};
