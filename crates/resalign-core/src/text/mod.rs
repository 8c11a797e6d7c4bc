//! Front-end for text converted from PDF: markdown (as in the seeds) and plain `pdftotext` output.
//!
//! Lines are classified (page furniture dropped), grouped into paragraphs, headings and footnote
//! bodies and cleaned of inline markup; the shared layout walk does the rest. Plain text prints
//! footnote calls as ordinary digits, which are told from numbers afterwards.

mod blocks;
mod calls;
mod inline;
mod lines;
mod plain;
mod words;

use std::collections::HashSet;

use crate::assemble::Draft;
use crate::diagnostics::Diagnostic;
use crate::layout::{self, Boundaries, Cleaned, Entry, EntryKind, Layout, Piece};
use crate::model::{Language, SourceFormat};
use crate::span::Span;

use blocks::Item;
pub(crate) use blocks::without_trailing_calls;
use inline::Cleaning;
use lines::{Line, LineKind};
use words::{Mending, Vocabulary};

/// Reads converted text into a draft.
pub(crate) fn read(
    source: &str,
    format: SourceFormat,
    language: Language,
    diagnostics: Vec<Diagnostic>,
) -> Draft {
    let lines = lines::split_lines(source, format);
    let vocabulary = Vocabulary::of(source);
    let cleaning = Cleaning::for_source(source, format);
    let mut mending = Mending {
        vocabulary: &vocabulary,
        format,
        language,
        joined_lines: None,
    };
    let (items, boundaries) = match format {
        SourceFormat::PlainText => {
            let grouped = plain::items(&lines, language);
            let boundaries = match grouped.mode {
                plain::Mode::Layout => Boundaries::Known,
                plain::Mode::Flowing => {
                    mending.joined_lines = Some(grouped.wrap_width);
                    Boundaries::Guessed
                }
            };
            (grouped.items, boundaries)
        }
        _ => (blocks::items(&lines, language), Boundaries::Guessed),
    };
    let entries: Vec<Entry> = items
        .into_iter()
        .map(|item| entry(item, &cleaning, &mending))
        .collect();
    let mut draft = layout::walk(Layout {
        language,
        format,
        source: source.to_string(),
        pieces: pieces(&lines, &cleaning),
        entries,
        boundaries,
        diagnostics,
    });
    if format == SourceFormat::PlainText {
        let defined: HashSet<u32> = draft
            .footnotes
            .iter()
            .map(|footnote| footnote.number)
            .collect();
        calls::find_glued_calls(&mut draft.blocks, &defined, language);
    }
    draft
}

/// The lines' cells in reading order, cleaned; lines laid out in columns give one piece per
/// cell, and a line without text a gap.
fn pieces(lines: &[Line<'_>], cleaning: &Cleaning) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for line in lines {
        if !matches!(line.kind, LineKind::Text | LineKind::Heading) {
            pieces.push(Piece::Gap { start: line.start });
            continue;
        }
        for (offset, cell) in lines::cells(line.text) {
            let raw = cell.trim_start_matches('#');
            let text = cleaning.clean(raw).text;
            if !text.is_empty() {
                let start = line.start + offset;
                pieces.push(Piece::Cell {
                    text,
                    span: Span::new(start, start + cell.len()),
                });
            }
        }
    }
    pieces
}

/// A cleaned item.
fn entry(item: Item<'_>, cleaning: &Cleaning, mending: &Mending<'_>) -> Entry {
    let (kind, chunk) = match item {
        Item::PageBreak => {
            return Entry {
                kind: EntryKind::PageBreak,
                text: Cleaned::default(),
                spans: Vec::new(),
                line_count: 0,
            };
        }
        Item::Paragraph(chunk) => (EntryKind::Paragraph, chunk),
        Item::Heading(chunk) => (EntryKind::Heading, chunk),
        Item::Table(chunk) => {
            return Entry {
                kind: EntryKind::Table,
                text: Cleaned {
                    text: cleaning
                        .clean(&blocks::table_text(&chunk, cleaning.format()))
                        .text,
                    ..Cleaned::default()
                },
                spans: chunk.spans(),
                line_count: chunk.lines.len(),
            };
        }
        Item::Footnote { number, chunk } => (EntryKind::Footnote(number), chunk),
    };
    let raw = chunk.raw_text(mending);
    let kind = if kind == EntryKind::Paragraph && is_wholly_bold(&raw) {
        EntryKind::Heading
    } else {
        kind
    };
    Entry {
        kind,
        text: mending.spacing(cleaning.clean(&raw)),
        spans: chunk.spans(),
        line_count: chunk.lines.len(),
    }
}

/// `**Annex**`: a line in bold and nothing else is a heading.
fn is_wholly_bold(raw: &str) -> bool {
    let raw = raw.trim();
    raw.len() > 4 && raw.starts_with("**") && raw.ends_with("**") && raw.matches("**").count() == 2
}
