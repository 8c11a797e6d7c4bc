//! The PDF front-end: reads the glyphs each page draws, with their positions, sizes and fonts,
//! and finds the layout in the geometry: lines, running heads and footers, the footnote area
//! under its rule, footnote calls as raised smaller digits, paragraphs by their first-line
//! indent and the gap above them, italic opening phrases, the masthead's columns.
//!
//! lopdf reads the file's objects; `interpret` runs the content streams; `lines` makes printed
//! lines of the glyphs; `regions` tells what part of the page each line is; `paragraphs` groups
//! them into paragraphs, headings and footnotes, joining what a page break cut; `writer` writes
//! the source text (see ARCHITECTURE.md for its shape) and the layout entries the shared walk
//! reads.

mod budget;
mod cmap;
mod fonts;
mod interpret;
mod lexer;
mod lines;
mod objects;
mod open;
mod paragraphs;
mod regions;
mod writer;

use crate::assemble::Draft;
use crate::detect::detect_language;
use crate::error::Error;
use crate::layout::{self, Boundaries, EntryKind, Layout};
use crate::model::{Language, SourceFormat};

use regions::PageLines;
use writer::{Source, Vocabulary};

/// Reads a PDF into a draft; the language is detected from its text unless given.
pub(crate) fn read(bytes: &[u8], language: Option<Language>) -> Result<Draft, Error> {
    let pages: Vec<PageLines> = open::pages(bytes)?
        .into_iter()
        .map(|page| PageLines {
            height: page.height,
            lines: lines::lines(&page),
            rules: page.rules,
        })
        .collect();
    let metrics = regions::metrics(&pages);
    let regions = regions::regions(&pages, &metrics);
    let blocks = paragraphs::blocks(&pages, &regions, &metrics);
    let source = Source::write(&pages);
    let entries = writer::entries(&blocks, &pages, &source, &Vocabulary::new(&pages));
    let pieces = writer::pieces(&pages, &regions, &source, &metrics);
    let (language, diagnostics) = match language {
        Some(language) => (language, Vec::new()),
        None => {
            let body: Vec<&str> = entries
                .iter()
                .filter(|entry| entry.kind == EntryKind::Paragraph)
                .map(|entry| entry.text.text.as_str())
                .collect();
            detect_language(&body.join("\n"))?
        }
    };
    Ok(layout::walk(Layout {
        language,
        format: SourceFormat::Pdf,
        source: source.text,
        pieces,
        entries,
        boundaries: Boundaries::Known,
        diagnostics,
    }))
}
