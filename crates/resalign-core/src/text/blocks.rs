//! Groups classified lines into the pieces a converted page is made of: paragraphs, headings,
//! footnote bodies and page breaks, in source order.

use crate::label::{LabelSyntax, leading_label};
use crate::lexicon;
use crate::model::{Language, SourceFormat};
use crate::span::Span;

use super::inline::superscript_digit;
use super::lines::{Line, LineKind, cells};
use crate::layout::is_enacting_formula;
use crate::layout::masthead::is_meeting_line;

/// A piece of the page in source order.
#[derive(Clone, Debug)]
pub(super) enum Item<'a> {
    Paragraph(Piece<'a>),
    Heading(Piece<'a>),
    /// A table: a markdown pipe table, or plain-text rows of cells set apart by wide gaps.
    Table(Piece<'a>),
    Footnote {
        number: u32,
        piece: Piece<'a>,
    },
    PageBreak,
}

/// Consecutive source lines that belong together. `skip` is how many bytes of the first line
/// are a marker that is not part of the text (a footnote number).
#[derive(Clone, Debug)]
pub(super) struct Piece<'a> {
    pub lines: Vec<Line<'a>>,
    pub skip: usize,
}

impl<'a> Piece<'a> {
    fn new(lines: Vec<Line<'a>>) -> Self {
        Piece { lines, skip: 0 }
    }

    pub fn span(&self) -> Span {
        let start = self.lines.first().map_or(0, |line| line.start + self.skip);
        let end = self
            .lines
            .last()
            .map_or(start, |line| line.start + line.text.trim_end().len());
        Span::new(start, end.max(start))
    }

    /// The raw text: lines joined with `\n`, words hyphenated at a line end rejoined.
    pub fn raw_text(&self, hyphenation: &dyn Fn(&str, &str) -> bool) -> String {
        let mut raw = String::new();
        for (index, line) in self.lines.iter().enumerate() {
            let text = if index == 0 {
                line.text.get(self.skip..).unwrap_or("")
            } else {
                line.text
            };
            let text = text.trim();
            if raw.ends_with('-') && joins_hyphenated(&raw, text, hyphenation) {
                raw.pop();
            } else if !raw.is_empty() {
                raw.push('\n');
            }
            raw.push_str(text);
        }
        raw
    }
}

/// A word broken at a line end (`coordina-` / `tion`) is rejoined unless the hyphen is part of
/// the word (`gender-` / `sensitive` when the document writes `gender-sensitive` elsewhere).
fn joins_hyphenated(before: &str, after: &str, keeps_hyphen: &dyn Fn(&str, &str) -> bool) -> bool {
    let head = before[..before.len() - 1]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let tail = after
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let starts_lower = tail.chars().next().is_some_and(char::is_lowercase);
    !head.is_empty() && starts_lower && !keeps_hyphen(head, tail)
}

/// What paragraph boundaries depend on.
struct Context {
    format: SourceFormat,
    language: Language,
    /// The width most full lines reach, to tell a short last line of a paragraph.
    wrap_width: usize,
}

/// Groups lines into items.
pub(super) fn items<'a>(
    lines: &[Line<'a>],
    format: SourceFormat,
    language: Language,
) -> Vec<Item<'a>> {
    let context = Context {
        format,
        language,
        wrap_width: typical_line_width(lines),
    };
    let mut items = Vec::new();
    let mut group: Vec<Line<'a>> = Vec::new();
    let mut in_footnote_zone = false;
    for (index, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Text => {
                let opens_plain_footnote = in_footnote_zone
                    && format == SourceFormat::PlainText
                    && plain_footnote_marker(std::slice::from_ref(line)).is_some();
                // Inside a plain-text footnote zone only a footnote number starts something new.
                let in_plain_footnotes = in_footnote_zone && format == SourceFormat::PlainText;
                let splits = group.last().is_some_and(|previous| {
                    if in_plain_footnotes {
                        opens_plain_footnote
                    } else {
                        starts_new_paragraph(previous, line, &context)
                    }
                });
                if splits {
                    flush(&mut group, &mut items, format, in_footnote_zone);
                }
                group.push(*line);
            }
            LineKind::LoneNumber if in_footnote_zone => {
                flush(&mut group, &mut items, format, in_footnote_zone);
                group.push(*line);
            }
            LineKind::LoneNumber if !at_page_edge(lines, index) => group.push(Line {
                kind: LineKind::Text,
                ..*line
            }),
            LineKind::Blank | LineKind::Furniture | LineKind::LoneNumber => {
                if line.kind == LineKind::Blank || !in_footnote_zone {
                    flush(&mut group, &mut items, format, in_footnote_zone);
                }
            }
            LineKind::Heading => {
                flush(&mut group, &mut items, format, in_footnote_zone);
                items.push(Item::Heading(Piece {
                    skip: heading_marker_len(line.text),
                    lines: vec![*line],
                }));
            }
            LineKind::FootnoteSeparator => {
                flush(&mut group, &mut items, format, in_footnote_zone);
                in_footnote_zone = true;
            }
            LineKind::PageBreak => {
                flush(&mut group, &mut items, format, in_footnote_zone);
                in_footnote_zone = false;
                items.push(Item::PageBreak);
            }
        }
    }
    flush(&mut group, &mut items, format, in_footnote_zone);
    items
}

fn heading_marker_len(text: &str) -> usize {
    let indent = text.len() - text.trim_start().len();
    let hashes = text.trim_start().bytes().take_while(|&b| b == b'#').count();
    indent + hashes
}

/// A lone number just before or after a page break is a page number.
fn at_page_edge(lines: &[Line<'_>], index: usize) -> bool {
    let is_edge = |line: &Line<'_>| line.kind == LineKind::PageBreak;
    let significant =
        |line: &&Line<'_>| !matches!(line.kind, LineKind::Blank | LineKind::Furniture);
    let before = lines[..index].iter().rev().find(significant);
    let after = lines[index + 1..].iter().find(significant);
    before.is_none_or(is_edge) || after.is_none_or(is_edge)
}

/// Inside a group of consecutive lines, where does a new paragraph start? At a label that follows
/// the end of a clause; at the enacting formula and the meeting line, which stand alone; and, in
/// hard-wrapped plain text, at an opening phrase or after a short line that ends a clause.
fn starts_new_paragraph(previous: &Line<'_>, line: &Line<'_>, context: &Context) -> bool {
    let previous_text = without_trailing_calls(previous.text.trim().trim_matches('*'));
    let text = line.text.trim().trim_start_matches('*');
    // A section label alone on its line (`A`, `IV`) is a heading of its own.
    let bare_label = |line: &str| line.len() <= 5 && is_section_heading(line);
    if is_enacting_formula(previous_text)
        || bare_label(previous_text)
        || bare_label(text)
        || is_enacting_formula(text)
        || is_meeting_line(text, context.language)
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
            (ends_clause && opens_with_label)
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

/// `12. Requests`, `(b) Relevant`: a label and a capitalised word, which a wrapped line of running
/// text does not start with.
fn label_then_capital(text: &str) -> bool {
    leading_label(text, LabelSyntax::Running).is_some_and(|label| {
        text[label.consumed..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
}

/// `1.` or `(a)` alone on its line, as `pdftotext` prints a label set apart from its text.
fn is_label_alone(text: &str) -> bool {
    leading_label(text, LabelSyntax::Running).is_some_and(|label| label.consumed == text.len())
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

fn starts_upper(text: &str) -> bool {
    text.trim_start_matches(['“', '"', '‘', '\'', '['])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The width most full lines reach: the 90th percentile of text line lengths.
fn typical_line_width(lines: &[Line<'_>]) -> usize {
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

/// Turns a group of lines into items: footnote bodies (one per marker line) or one paragraph.
fn flush<'a>(
    group: &mut Vec<Line<'a>>,
    items: &mut Vec<Item<'a>>,
    format: SourceFormat,
    in_footnote_zone: bool,
) {
    if group.is_empty() {
        return;
    }
    let lines = std::mem::take(group);
    let first = lines[0].text.trim_start();
    let marker = if in_footnote_zone && format == SourceFormat::PlainText {
        plain_footnote_marker(&lines)
    } else {
        starts_with_footnote_marker(first)
    };
    match marker {
        Some((number, marker_len)) => {
            let indent = lines[0].text.len() - first.len();
            let (skip, lines) = if lines[0].kind == LineKind::LoneNumber && lines.len() > 1 {
                (0, lines[1..].to_vec())
            } else {
                (indent + marker_len, lines)
            };
            items.push(Item::Footnote {
                number,
                piece: Piece { lines, skip },
            });
        }
        None if is_table(&lines, format) => items.push(Item::Table(Piece::new(lines))),
        None => items.push(Item::Paragraph(Piece::new(lines))),
    }
}

/// Rows of a table: every line a markdown pipe row, or in plain text at least two lines each
/// holding two cells or more.
fn is_table(lines: &[Line<'_>], format: SourceFormat) -> bool {
    match format {
        SourceFormat::Markdown => lines
            .iter()
            .all(|line| line.text.trim_start().starts_with('|')),
        _ => {
            lines.len() >= 2
                && lines
                    .iter()
                    .all(|line| cells(line.text.trim()).count() >= 2)
        }
    }
}

/// The text of a table as the model keeps it: cells joined by ` | `, rows by ` || `, markdown
/// rule rows left out.
pub(super) fn table_text(piece: &Piece<'_>, format: SourceFormat) -> String {
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

/// `1 Resolution 70/1.` or a lone `1` line followed by the text, in a plain-text footnote zone.
fn plain_footnote_marker(lines: &[Line<'_>]) -> Option<(u32, usize)> {
    let first = lines.first()?.text.trim_start();
    let digits = first.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return starts_with_footnote_marker(first);
    }
    let rest = &first[digits..];
    let separated = rest.is_empty() || rest.starts_with([' ', '\t']);
    let number = first[..digits].parse().ok()?;
    separated.then_some((number, digits))
}

/// `<sup>2</sup> United Nations...` or `² Naciones Unidas...`: the footnote number and the length
/// of the marker.
pub(super) fn starts_with_footnote_marker(text: &str) -> Option<(u32, usize)> {
    if let Some(rest) = text.strip_prefix("<sup>") {
        let end = rest.find("</sup>")?;
        let inner = rest[..end].trim();
        if inner.is_empty() || inner.len() > 3 || !inner.bytes().all(|b| b.is_ascii_digit()) {
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
