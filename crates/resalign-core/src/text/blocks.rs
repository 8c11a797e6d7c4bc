//! Groups classified lines into the pieces a converted page is made of: paragraphs, headings,
//! tables, footnote bodies and page breaks, in source order; markdown here, plain text in
//! `plain.rs`, with the rules both share.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::label::{LabelSyntax, leading_label};
use crate::lexicon;
use crate::model::{Language, SourceFormat};
use crate::span::Span;

use super::inline::superscript_digit;
use super::lines::{Line, LineKind, cells};
use super::words::{Join, Mending};
use crate::layout::is_enacting_formula;
use crate::layout::masthead::closing;

/// A piece of the page in source order.
#[derive(Clone, Debug)]
pub(super) enum Item<'a> {
    Paragraph(Chunk<'a>),
    Heading(Chunk<'a>),
    /// A table: a markdown pipe table, or plain-text rows of cells set apart by wide gaps.
    Table(Chunk<'a>),
    Footnote {
        number: u32,
        chunk: Chunk<'a>,
    },
    PageBreak,
}

/// Source lines that belong together: consecutive lines, or runs of them that a page break cut
/// (each run starting at an index of `breaks`). `skip` is how many bytes of the first line are a
/// marker that is not part of the text (a footnote number).
#[derive(Clone, Debug)]
pub(super) struct Chunk<'a> {
    pub lines: Vec<Line<'a>>,
    pub skip: usize,
    pub breaks: Vec<usize>,
}

impl<'a> Chunk<'a> {
    pub fn new(lines: Vec<Line<'a>>) -> Self {
        Chunk {
            lines,
            skip: 0,
            breaks: Vec::new(),
        }
    }

    /// The lines of `other` go on after a page break.
    pub fn continue_with(&mut self, other: Chunk<'a>) {
        if other.lines.is_empty() {
            return;
        }
        self.breaks.push(self.lines.len());
        self.lines.extend(other.lines);
    }

    /// One span per run of consecutive lines.
    pub fn spans(&self) -> Vec<Span> {
        let mut bounds = vec![0];
        bounds.extend(self.breaks.iter().copied());
        bounds.push(self.lines.len());
        bounds
            .windows(2)
            .filter(|run| run[0] < run[1])
            .map(|run| {
                let (first, last) = (&self.lines[run[0]], &self.lines[run[1] - 1]);
                let skip = if run[0] == 0 { self.skip } else { 0 };
                let start = first.start + skip.min(first.text.len());
                let end = last.start + last.text.trim_end().len();
                Span::new(start, end.max(start))
            })
            .collect()
    }

    /// The raw text: lines mended and joined with `\n`, words hyphenated at a line end
    /// rejoined as the mending says.
    pub fn raw_text(&self, mending: &Mending<'_>) -> String {
        let mut raw = String::new();
        for (index, line) in self.lines.iter().enumerate() {
            let text = if index == 0 {
                line.text.get(self.skip..).unwrap_or("")
            } else {
                line.text
            };
            let text = mending.line(text.trim());
            let text = text.as_ref();
            if raw.is_empty() {
                raw.push_str(text);
                continue;
            }
            match mending.join(&raw, text) {
                Join::Space => raw.push('\n'),
                Join::Direct => {}
                Join::DropHyphen => {
                    raw.pop();
                }
                Join::CloseUp => {
                    raw.truncate(raw.trim_end_matches('-').trim_end().len());
                    raw.push('-');
                }
            }
            raw.push_str(text);
        }
        raw
    }
}

/// What paragraph boundaries depend on.
pub(super) struct Context {
    pub format: SourceFormat,
    pub language: Language,
    /// The width most full lines reach, to tell a short last line of a paragraph.
    pub wrap_width: usize,
    /// The footnote numbers the document defines (plain text), whose calls may end a line.
    pub footnotes: BTreeSet<u32>,
}

/// Groups the lines of markdown into items.
pub(super) fn items<'a>(lines: &[Line<'a>], language: Language) -> Vec<Item<'a>> {
    let context = Context {
        format: SourceFormat::Markdown,
        language,
        wrap_width: typical_line_width(lines),
        footnotes: BTreeSet::new(),
    };
    let mut items = Vec::new();
    let mut group: Vec<Line<'a>> = Vec::new();
    for line in lines {
        match line.kind {
            LineKind::Text => {
                let splits = group
                    .last()
                    .is_some_and(|previous| starts_new_paragraph(previous, line, &context));
                if splits {
                    flush(&mut group, &mut items);
                }
                group.push(*line);
            }
            LineKind::Heading => {
                flush(&mut group, &mut items);
                let mut chunk = Chunk::new(vec![*line]);
                chunk.skip = heading_marker_len(line.text);
                items.push(Item::Heading(chunk));
            }
            LineKind::PageBreak => {
                flush(&mut group, &mut items);
                items.push(Item::PageBreak);
            }
            LineKind::Blank
            | LineKind::Furniture
            | LineKind::LoneNumber
            | LineKind::FootnoteSeparator => flush(&mut group, &mut items),
        }
    }
    flush(&mut group, &mut items);
    items
}

fn heading_marker_len(text: &str) -> usize {
    let indent = text.len() - text.trim_start().len();
    let hashes = text.trim_start().bytes().take_while(|&b| b == b'#').count();
    indent + hashes
}

/// Inside a group of consecutive lines, where does a new paragraph start? At a label that follows
/// the end of a clause; at the enacting formula and the meeting line, which stand alone; and, in
/// hard-wrapped plain text, at an opening phrase or after a short line that ends a clause.
pub(super) fn starts_new_paragraph(
    previous: &Line<'_>,
    line: &Line<'_>,
    context: &Context,
) -> bool {
    let previous_text = without_spaced_call(
        without_trailing_calls(previous.text.trim().trim_matches('*')),
        &context.footnotes,
    );
    let text = line.text.trim().trim_start_matches('*');
    // A section label alone on its line (`A`, `IV`) is a heading of its own.
    let bare_label = |line: &str| line.len() <= 5 && is_section_heading(line);
    if is_enacting_formula(previous_text)
        || bare_label(previous_text)
        || bare_label(text)
        || is_section_label_alone(text)
        || is_enacting_formula(text)
        || is_closing_line(text, context.language)
        || is_annex_line(previous_text)
        || is_annex_line(text)
    {
        return true;
    }
    if is_label_alone(previous_text) {
        return false;
    }
    if context.format == SourceFormat::Markdown
        && previous_text.starts_with('|') != text.starts_with('|')
    {
        return true;
    }
    let previous_is_short = previous_text.chars().count() * 4 < context.wrap_width * 3;
    // A section heading ends where a label starts, or where a short heading line is followed
    // by a capital (a long one may wrap onto the next line).
    if is_section_heading(previous_text)
        && (leading_label(text, LabelSyntax::Running).is_some()
            || (previous_is_short && starts_upper(text)))
    {
        return true;
    }
    let ends_clause = previous_text.ends_with([',', ';', ':', '.']) || previous_text.is_empty();
    if ends_clause && is_section_heading(text) {
        return true;
    }
    let opens_with_label = leading_label(text, LabelSyntax::Running).is_some()
        || starts_with_footnote_marker(text).is_some();
    match context.format {
        SourceFormat::Markdown => opens_with_label || (ends_clause && starts_upper(text)),
        _ => {
            let short = previous_is_short;
            let opens_phrase =
                starts_upper(text) && lexicon::opening_phrase(context.language, text).is_some();
            // A colon introduces items or goes on in a title (`Sustainability: Strengthening
            // ...`); only a label starts a paragraph after it.
            let ends_paragraph = previous_text.ends_with([',', ';', '.']);
            // A short line without closing punctuation is a heading, or the masthead's.
            let after_heading_line = short && !ends_clause;
            // A semicolon at a line end closes a paragraph or an item: what goes on after it
            // starts in lower case or with a label (`; and`, `; (b)`), a capital opens a heading
            // or the next paragraph.
            let after_semicolon = previous_text.ends_with(';') && starts_upper(text);
            (ends_clause && opens_with_label)
                || after_semicolon
                || (!ends_clause && opens_sentence(text))
                || label_then_capital(text)
                || (ends_paragraph && (opens_phrase || (short && starts_upper(text))))
                || (after_heading_line && (starts_upper(text) || opens_with_label))
        }
    }
}

/// `II. Subsidiary structure`, `A. Budget`, `IV`: a section heading's label, roman or a capital
/// letter, alone or before a full stop and a capitalised title.
fn is_section_heading(text: &str) -> bool {
    let label_len = text.bytes().take_while(u8::is_ascii_uppercase).count();
    let label = &text[..label_len];
    let is_label = label_len == 1
        || (label_len > 1 && crate::label::roman_value(&label.to_ascii_lowercase()).is_some());
    let rest = &text[label_len..];
    is_label
        && (rest.is_empty()
            || rest
                .strip_prefix(". ")
                .is_some_and(|title| title.chars().next().is_some_and(char::is_uppercase)))
}

/// `47th plenary meeting`, `73ª sesión plenaria 3 de diciembre de 2018`: the closing line, which
/// stands alone. A wrapped line of running text may start the same way (`nineteenth meeting of
/// the Consultative Process`, `1068th meeting on 8 March`), so the meeting and its date must be
/// all the line holds.
pub(super) fn is_closing_line(text: &str, language: Language) -> bool {
    closing(text.trim(), Span::default(), language).is_some()
}

/// `Annex`, `Annex II`, `Anexo`: the line that opens an annex stands alone.
pub(super) fn is_annex_line(text: &str) -> bool {
    ANNEX_LINE.is_match(text.trim_matches(['*', ' ']))
}

static ANNEX_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Annex|ANNEX|Anexo|ANEXO)(?:\s+(?:[IVXLC]+|\d{1,2}))?\.?$")
        .expect("static regex")
});

/// `12. Requests`, `(b) Relevant`: a label and a capitalised word, which a wrapped line of running
/// text does not start with.
pub(super) fn label_then_capital(text: &str) -> bool {
    leading_label(text, LabelSyntax::Running).is_some_and(|label| {
        text[label.consumed..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
}

/// `1.` or `(a)` alone on its line, as `pdftotext` prints a label set apart from its text; or
/// a section heading's `IV.` or `B.`, which reading order sets apart from its title.
pub(super) fn is_label_alone(text: &str) -> bool {
    leading_label(text, LabelSyntax::Running).is_some_and(|label| label.consumed == text.len())
        || is_section_label_alone(text)
}

/// `IV.`, `B.`: a section label and its full stop, nothing else.
fn is_section_label_alone(text: &str) -> bool {
    let Some(label) = text.strip_suffix('.') else {
        return false;
    };
    !label.is_empty()
        && label.bytes().all(|b| b.is_ascii_uppercase())
        && (label.len() == 1 || crate::label::roman_value(&label.to_ascii_lowercase()).is_some())
}

/// The line without the footnote calls that may follow its last punctuation: `2011,<sup>1</sup>`,
/// `Sostenible¹,` or, in plain text, `Property,2`.
pub(crate) fn without_trailing_calls(text: &str) -> &str {
    let mut text = text;
    loop {
        let before = text;
        if text.ends_with("</sup>")
            && let Some(start) = text.rfind("<sup>")
        {
            text = &text[..start];
        }
        text = text.trim_end_matches(|c: char| superscript_digit(c).is_some());
        let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) && text[..text.len() - digits].ends_with([',', ';', ':', '.'])
        {
            text = &text[..text.len() - digits];
        }
        if text.len() == before.len() {
            return text;
        }
    }
}

/// The line without a footnote call that `pdftotext` set apart after its last punctuation
/// (`activities, 1`), when the document defines that footnote.
pub(super) fn without_spaced_call<'t>(text: &'t str, footnotes: &BTreeSet<u32>) -> &'t str {
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    let before = &text[..text.len() - digits];
    let number: Option<u32> = text[before.len()..].parse().ok();
    let spaced = before.ends_with(' ') && before.trim_end().ends_with([',', ';', ':', '.']);
    match number {
        Some(number) if spaced && digits <= 4 && footnotes.contains(&number) => before.trim_end(),
        _ => text,
    }
}

/// Words that open a sentence with a capital, and that a sentence going on from the line above
/// never has there (a capital inside a sentence starts a name: `United Nations`, `La Haya`).
const SENTENCE_OPENERS: &[&str] = &[
    "We", "This", "These", "It", "Our", "Such", "Those", "Nosotros", "Nosotras", "Este", "Esta",
    "Estos", "Estas",
];

fn opens_sentence(text: &str) -> bool {
    let word = text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    SENTENCE_OPENERS.contains(&word)
}

pub(super) fn starts_upper(text: &str) -> bool {
    text.trim_start_matches(['“', '"', '‘', '\'', '['])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The width most full lines reach: the 90th percentile of text line lengths.
pub(super) fn typical_line_width(lines: &[Line<'_>]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|line| line.kind == LineKind::Text)
        .map(|line| line.text.trim_end().chars().count())
        .collect();
    if widths.is_empty() {
        return 80;
    }
    widths.sort_unstable();
    widths[widths.len() * 9 / 10].max(20)
}

/// Turns a group of markdown lines into an item: a footnote body, a table or a paragraph.
fn flush<'a>(group: &mut Vec<Line<'a>>, items: &mut Vec<Item<'a>>) {
    if group.is_empty() {
        return;
    }
    let lines = std::mem::take(group);
    let first = lines[0].text.trim_start();
    match starts_with_footnote_marker(first) {
        Some((number, marker_len)) => {
            let indent = lines[0].text.len() - first.len();
            let mut chunk = Chunk::new(lines);
            chunk.skip = indent + marker_len;
            items.push(Item::Footnote { number, chunk });
        }
        None if is_table(&lines, SourceFormat::Markdown) => {
            items.push(Item::Table(Chunk::new(lines)));
        }
        None => items.push(Item::Paragraph(Chunk::new(lines))),
    }
}

/// Rows of a table: every line a markdown pipe row, or in plain text at least two lines each
/// holding two cells or more.
pub(super) fn is_table(lines: &[Line<'_>], format: SourceFormat) -> bool {
    match format {
        SourceFormat::Markdown => lines
            .iter()
            .all(|line| line.text.trim_start().starts_with('|')),
        _ => {
            lines.len() >= 2
                && lines
                    .iter()
                    .all(|line| content_cell_count(line.text.trim()) >= 2)
        }
    }
}

/// How many cells a line laid out in columns holds, a label and the gap after it (`1.   Endorses`,
/// `I.   Prevention`, where Word set a tab after the number) counted with the text it opens.
pub(super) fn content_cell_count(line: &str) -> usize {
    let cells: Vec<&str> = cells(line).map(|(_, cell)| cell).collect();
    match cells.as_slice() {
        [first, _, ..] if is_label_alone(first) => cells.len() - 1,
        _ => cells.len(),
    }
}

/// The text of a table as the model keeps it: cells joined by ` | `, rows by ` || `, markdown
/// rule rows left out.
pub(super) fn table_text(piece: &Chunk<'_>, format: SourceFormat) -> String {
    let rows = piece.lines.iter().filter_map(|line| {
        let row = line.text.trim();
        let cells: Vec<&str> = match format {
            SourceFormat::Markdown => row
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .collect(),
            _ => cells(row).map(|(_, cell)| cell).collect(),
        };
        let is_rule = cells
            .iter()
            .all(|cell| cell.bytes().all(|b| matches!(b, b'-' | b':')));
        (!cells.is_empty() && !is_rule).then(|| cells.join(" | "))
    });
    rows.collect::<Vec<_>>().join(" || ")
}

/// `<sup>2</sup> United Nations...` or `² Naciones Unidas...`: the footnote number and the length
/// of the marker.
pub(super) fn starts_with_footnote_marker(text: &str) -> Option<(u32, usize)> {
    if let Some(rest) = text.strip_prefix("<sup>") {
        let end = rest.find("</sup>")?;
        let inner = rest[..end].trim();
        if inner.is_empty() || inner.len() > 4 || !inner.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let marker_len = "<sup>".len() + end + "</sup>".len();
        let followed_by_text = text[marker_len..].starts_with([' ', '\t']);
        return followed_by_text
            .then(|| inner.parse().ok().map(|number| (number, marker_len)))
            .flatten();
    }
    let mut number = 0u32;
    let mut marker_len = 0;
    for c in text.chars() {
        match superscript_digit(c) {
            Some(digit) => {
                number = number.saturating_mul(10).saturating_add(digit);
                marker_len += c.len_utf8();
            }
            None => break,
        }
    }
    let followed_by_text = text[marker_len..].starts_with([' ', '\t']);
    (marker_len > 0 && followed_by_text).then_some((number, marker_len))
}
