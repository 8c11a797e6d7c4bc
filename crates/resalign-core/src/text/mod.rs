//! Front-end for text converted from PDF: markdown (as in the seeds) and plain `pdftotext` output.
//!
//! Lines are classified (page furniture dropped), grouped into paragraphs, headings and footnote
//! bodies and cleaned of inline markup; the shared layout walk does the rest. Plain text prints
//! footnote calls as ordinary digits, which are told from numbers afterwards.

mod blocks;
mod calls;
mod inline;
mod lines;

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

/// Reads converted text into a draft.
pub(crate) fn read(
    source: &str,
    format: SourceFormat,
    language: Language,
    diagnostics: Vec<Diagnostic>,
) -> Draft {
    let lines = lines::split_lines(source, format);
    let compounds = hyphenated_compounds(source, format);
    let keeps_hyphen = |head: &str, tail: &str| {
        !compounds.is_empty() && compounds.contains(&format!("{head}-{tail}").to_lowercase())
    };
    let cleaning = Cleaning::for_source(source, format);
    let entries: Vec<Entry> = blocks::items(&lines, format, language)
        .into_iter()
        .map(|item| entry(item, &cleaning, &keeps_hyphen))
        .collect();
    let mut draft = layout::walk(Layout {
        language,
        format,
        source: source.to_string(),
        pieces: pieces(&lines, &cleaning),
        entries,
        boundaries: Boundaries::Guessed,
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
fn entry(item: Item<'_>, cleaning: &Cleaning, keeps_hyphen: &dyn Fn(&str, &str) -> bool) -> Entry {
    let (kind, piece) = match item {
        Item::PageBreak => {
            return Entry {
                kind: EntryKind::PageBreak,
                text: Cleaned::default(),
                spans: Vec::new(),
                line_count: 0,
            };
        }
        Item::Paragraph(piece) => (EntryKind::Paragraph, piece),
        Item::Heading(piece) => (EntryKind::Heading, piece),
        Item::Table(piece) => {
            return Entry {
                kind: EntryKind::Table,
                text: Cleaned {
                    text: cleaning
                        .clean(&blocks::table_text(&piece, cleaning.format()))
                        .text,
                    ..Cleaned::default()
                },
                spans: vec![piece.span()],
                line_count: piece.lines.len(),
            };
        }
        Item::Footnote { number, piece } => (EntryKind::Footnote(number), piece),
    };
    let raw = piece.raw_text(keeps_hyphen);
    let kind = if kind == EntryKind::Paragraph && is_wholly_bold(&raw) {
        EntryKind::Heading
    } else {
        kind
    };
    Entry {
        kind,
        text: cleaning.clean(&raw),
        spans: vec![piece.span()],
        line_count: piece.lines.len(),
    }
}

/// `**Annex**`: a line in bold and nothing else is a heading.
fn is_wholly_bold(raw: &str) -> bool {
    let raw = raw.trim();
    raw.len() > 4 && raw.starts_with("**") && raw.ends_with("**") && raw.matches("**").count() == 2
}

/// Words written with a hyphen somewhere in the document (`gender-sensitive`), so that the same
/// word broken at a line end keeps its hyphen. Only plain text breaks words at line ends.
fn hyphenated_compounds(source: &str, format: SourceFormat) -> HashSet<String> {
    if format != SourceFormat::PlainText {
        return HashSet::new();
    }
    source
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|word| {
            let inner = word.trim_matches('-');
            inner.len() == word.len() && inner.contains('-')
        })
        .map(str::to_lowercase)
        .collect()
}
