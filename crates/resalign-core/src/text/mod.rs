//! Front-end for text converted from PDF: markdown (as in the seeds) and plain `pdftotext` output.
//!
//! Lines are classified (page furniture dropped), grouped into paragraphs, headings and footnote
//! bodies, cleaned of inline markup, and walked once: the masthead gives metadata, the enacting
//! formula opens the preamble, the first numbered paragraph the operative part, the meeting line
//! closes it and an `Annex` heading opens an annex. Paragraphs that a page break cut in two are
//! joined again.

mod blocks;
mod body;
mod calls;
mod inline;
mod lines;
mod masthead;

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::assemble::{Draft, DraftFootnote};
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::label::{LabelSyntax, leading_label};
use crate::lexicon;
use crate::model::{Language, Metadata, Organ, SourceFormat};
use crate::span::{Span, Spanned};

use blocks::Item;
use body::Body;
use inline::{Cleaned, Cleaning};
use lines::Line;

/// Reads converted text into a draft.
pub(crate) fn read(
    source: &str,
    format: SourceFormat,
    language: Language,
    mut diagnostics: Vec<Diagnostic>,
) -> Draft {
    let lines = lines::split_lines(source, format);
    let compounds = hyphenated_compounds(source, format);
    let keeps_hyphen = |head: &str, tail: &str| {
        !compounds.is_empty() && compounds.contains(&format!("{head}-{tail}").to_lowercase())
    };
    let cleaning = Cleaning::for_source(source, format);
    let entries: Vec<Entry> = blocks::items(&lines, format, language)
        .into_iter()
        .map(|item| Entry::new(item, &cleaning, &keeps_hyphen))
        .collect();

    let body_start = body_start(&entries, language);
    let masthead_end = body_start
        .and_then(|index| entries[index].spans.first())
        .map_or(0, |span| span.start);
    let masthead_lines: Vec<Line<'_>> = lines
        .iter()
        .copied()
        .take_while(|line| line.start < masthead_end)
        .collect();
    let mut metadata = masthead::read(&masthead_lines, language, &cleaning);
    let mut body = Body::new(language, format);
    let body_entries = match body_start {
        Some(index) if is_enacting_formula(&entries[index].text.text) => {
            read_formula(&mut metadata, &entries[index]);
            &entries[index + 1..]
        }
        Some(index) => &entries[index..],
        None => &entries[..],
    };
    body.read(body_entries, &metadata);
    let mut footnotes: Vec<DraftFootnote> = entries
        .iter()
        .filter_map(|entry| match entry.kind {
            EntryKind::Footnote(number) => Some(DraftFootnote {
                number,
                text: entry.text.text.clone(),
                spans: entry.spans.clone(),
                eid: None,
            }),
            _ => None,
        })
        .collect();
    if format == SourceFormat::PlainText {
        let defined: HashSet<u32> = footnotes.iter().map(|footnote| footnote.number).collect();
        calls::find_glued_calls(&mut body.blocks, &defined, language);
    }
    footnotes.sort_by_key(|footnote| footnote.number);
    if let Some(closing) = body.closing.take() {
        metadata.closing = Some(closing);
    }
    if metadata.adoption_date.is_none() {
        metadata.adoption_date = body.closing_date_alone.take();
    }
    diagnostics.append(&mut body.diagnostics);
    diagnostics.extend(missing_metadata(&metadata));
    Draft {
        language,
        format,
        source: source.to_string(),
        metadata,
        blocks: body.blocks,
        footnotes,
        diagnostics,
    }
}

/// A cleaned item.
#[derive(Clone, Debug)]
struct Entry {
    kind: EntryKind,
    text: Cleaned,
    spans: Vec<Span>,
    line_count: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EntryKind {
    Paragraph,
    Heading,
    Table,
    Footnote(u32),
    PageBreak,
}

impl Entry {
    fn new(
        item: Item<'_>,
        cleaning: &Cleaning,
        keeps_hyphen: &dyn Fn(&str, &str) -> bool,
    ) -> Entry {
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

static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:The|La|El|Los|Las)\s+\p{Lu}[\p{L} ,’'\-]{2,90}(,?)$").expect("static regex")
});

/// `The General Assembly,` / `La Asamblea General,`; without its comma only when it names a
/// known organ, since a conversion may drop the comma but a heading also reads `The ...`.
pub(super) fn is_enacting_formula(text: &str) -> bool {
    FORMULA.captures(text).is_some_and(|captures| {
        let has_comma = captures.get(1).is_some_and(|comma| !comma.is_empty());
        has_comma || masthead::organ_named_in(text).is_some()
    })
}

/// Where the resolution proper starts: the enacting formula, or else the first paragraph that
/// reads like a preambular or operative paragraph.
fn body_start(entries: &[Entry], language: Language) -> Option<usize> {
    let paragraphs = || {
        entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.kind == EntryKind::Paragraph)
    };
    paragraphs()
        .find(|(_, entry)| is_enacting_formula(&entry.text.text))
        .or_else(|| {
            paragraphs().find(|(_, entry)| {
                let text = &entry.text.text;
                leading_label(text, LabelSyntax::Running).is_some()
                    || lexicon::opening_phrase(language, text).is_some()
            })
        })
        .map(|(index, _)| index)
}

fn read_formula(metadata: &mut Metadata, entry: &Entry) {
    let span = entry.spans.first().copied().unwrap_or_default();
    let formula = entry.text.text.clone();
    if metadata.organ.is_none() {
        let organ = match masthead::organ_named_in(&formula) {
            Some((organ, _)) => organ,
            None => Organ::Other(organ_name_in_formula(&formula)),
        };
        metadata.organ = Some(Spanned::new(organ, span));
    }
    metadata.enacting_formula = Some(Spanned::new(formula, span));
}

/// `The Conference of the Parties,` → `Conference of the Parties`.
fn organ_name_in_formula(formula: &str) -> String {
    let name = formula.trim_end_matches(',');
    name.split_once(' ')
        .map_or(name, |(_, rest)| rest)
        .to_string()
}

fn missing_metadata(metadata: &Metadata) -> Option<Diagnostic> {
    let mut missing = Vec::new();
    if metadata.resolution_number.is_none() {
        missing.push("resolution number");
    }
    if metadata.enacting_formula.is_none() {
        missing.push("enacting formula");
    }
    if metadata.closing.is_none() {
        missing.push("closing meeting line");
    }
    (!missing.is_empty()).then(|| {
        Diagnostic::new(
            DiagnosticCode::MetadataMissing,
            Severity::Info,
            format!("not found: {}", missing.join(", ")),
        )
    })
}
