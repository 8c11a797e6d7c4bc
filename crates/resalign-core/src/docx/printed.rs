//! What a Word document prints, as the layout walk reads it: the source text every span indexes,
//! the masthead's cells, and one entry per paragraph, table and footnote, with the paragraph
//! numbers Word generates, footnote calls where the references stand and the italic run an
//! opening phrase is printed in.

use std::collections::{HashMap, HashSet};

use super::document::{Block, Inline, Paragraph};
use super::numbering::{Numbering, Suffix};
use super::styles::Styles;
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::label::{LabelSyntax, leading_label};
use crate::layout::masthead::is_meeting_line;
use crate::layout::{Cleaned, Entry, EntryKind, Piece, is_enacting_formula};
use crate::model::Language;
use crate::span::Span;
use crate::xml::clean::{CleanText, Finished, Gap};

/// The rule printed between the body and the footnotes in the source.
const FOOTNOTE_RULE: &str = "__________";
/// Characters of a printed line, to estimate how many lines a paragraph takes.
const LINE_CHARS: usize = 90;
/// The element depth the clean-text builder tracks an opening italic run by.
const EMPHASIS: usize = 1;

/// What the document prints, ready for the walk.
pub(super) struct Printed {
    pub source: String,
    pub pieces: Vec<Piece>,
    pub entries: Vec<Entry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Footnote numbers by reference id, as Word numbers them: in the order of their references,
/// from the document's start number, unless a reference gives its own mark.
struct FootnoteNumbers {
    by_id: HashMap<i64, u32>,
    defined: HashSet<u32>,
    /// Ids in number order, each once.
    ordered: Vec<(u32, i64)>,
    /// Marks that are no number (`*`): their footnotes cannot be linked by number.
    unnumbered: Vec<String>,
}

impl FootnoteNumbers {
    fn assign(blocks: &[Block], start: u32, bodies: &HashMap<i64, Vec<Block>>) -> Self {
        let mut numbers = FootnoteNumbers {
            by_id: HashMap::new(),
            defined: HashSet::new(),
            ordered: Vec::new(),
            unnumbered: Vec::new(),
        };
        let mut next = start;
        each_paragraph(blocks, &mut |paragraph| {
            for item in &paragraph.items {
                let Inline::Call { id, custom_mark } = item else {
                    continue;
                };
                if numbers.by_id.contains_key(id) || !bodies.contains_key(id) {
                    continue;
                }
                let number = match custom_mark {
                    Some(mark) => match mark.parse::<u32>() {
                        Ok(number) => number,
                        Err(_) => {
                            numbers.unnumbered.push(mark.clone());
                            continue;
                        }
                    },
                    None => {
                        let number = next;
                        next = next.saturating_add(1);
                        number
                    }
                };
                numbers.by_id.insert(*id, number);
                numbers.defined.insert(number);
                numbers.ordered.push((number, *id));
            }
        });
        numbers.ordered.sort_unstable();
        numbers
    }
}

/// Raised numbers that call footnotes again: in the footnote reference style or a
/// cross-reference, the number of any footnote the document has; otherwise only numbers
/// called before, so that `km2` before footnote 2 is called stays a unit.
fn mark_repeated_calls(blocks: &mut [Block], numbers: &FootnoteNumbers) {
    let mut called = HashSet::new();
    each_paragraph_mut(blocks, &mut |paragraph| {
        for item in &mut paragraph.items {
            match item {
                Inline::Call { id, .. } => {
                    called.extend(numbers.by_id.get(id).copied());
                }
                Inline::Text(raw, look) if look.superscript => {
                    let repeated = raised_numbers(raw).filter(|raised| {
                        raised.iter().all(|number| {
                            numbers.defined.contains(number)
                                && (look.reference || called.contains(number))
                        })
                    });
                    if let Some(raised) = repeated {
                        *item = Inline::Repeat(raised);
                    }
                }
                _ => {}
            }
        }
    });
}

/// `2`, `2,3`, `2, 3`: the numbers a raised text gives, if that is all it is.
fn raised_numbers(raw: &str) -> Option<Vec<u32>> {
    let numbers: Option<Vec<u32>> = raw
        .split([',', ' '])
        .filter(|part| !part.is_empty())
        .map(|part| part.parse::<u32>().ok())
        .collect();
    numbers.filter(|numbers| !numbers.is_empty())
}

fn each_paragraph_mut(blocks: &mut [Block], visit: &mut dyn FnMut(&mut Paragraph)) {
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => visit(paragraph),
            Block::Table(rows) => {
                for cell in rows.iter_mut().flatten() {
                    each_paragraph_mut(cell, visit);
                }
            }
        }
    }
}

/// Every paragraph in reading order, table cells included.
fn each_paragraph<'b>(blocks: &'b [Block], visit: &mut dyn FnMut(&'b Paragraph)) {
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => visit(paragraph),
            Block::Table(rows) => {
                for cell in rows.iter().flatten() {
                    each_paragraph(cell, visit);
                }
            }
        }
    }
}

/// Lays the document out: the body in reading order, then the footnotes in number order.
pub(super) fn print(
    mut blocks: Vec<Block>,
    footnotes: &HashMap<i64, Vec<Block>>,
    styles: &Styles,
    numbering: Numbering,
    footnote_start: u32,
) -> Printed {
    let mut diagnostics = Vec::new();
    rejoin(&mut blocks, &mut diagnostics);
    let numbers = FootnoteNumbers::assign(&blocks, footnote_start, footnotes);
    mark_repeated_calls(&mut blocks, &numbers);
    diagnostics.extend(numbers.unnumbered.iter().map(|mark| {
        Diagnostic::new(
            DiagnosticCode::UnplacedText,
            Severity::Warning,
            format!("footnote marked `{mark}` has no number; its text was left out"),
        )
    }));
    let mut writer = Writer {
        styles,
        masthead: Masthead::Reading,
        numbering,
        numbers,
        source: String::new(),
        pieces: Vec::new(),
        entries: Vec::new(),
        diagnostics,
    };
    writer.blocks(&blocks);
    writer.footnotes(footnotes);
    Printed {
        source: writer.source,
        pieces: writer.pieces,
        entries: writer.entries,
        diagnostics: writer.diagnostics,
    }
}

/// Puts together what prints as one paragraph: a paragraph whose mark was deleted runs on into
/// the next, and a paragraph that a section break cut in the middle of a line (LibreOffice
/// does so where the first page's layout ends) goes on in the next paragraph of its style.
fn rejoin(blocks: &mut Vec<Block>, diagnostics: &mut Vec<Diagnostic>) {
    for block in blocks.iter_mut() {
        if let Block::Table(rows) = block {
            for cell in rows.iter_mut().flatten() {
                rejoin(cell, diagnostics);
            }
        }
    }
    let mut index = 0;
    while index + 1 < blocks.len() {
        let joins = match (&blocks[index], &blocks[index + 1]) {
            (Block::Paragraph(first), Block::Paragraph(next)) => {
                first.runs_on || is_cut_by_section_break(first, next)
            }
            _ => false,
        };
        if !joins {
            index += 1;
            continue;
        }
        let Block::Paragraph(next) = blocks.remove(index + 1) else {
            continue;
        };
        if let Block::Paragraph(first) = &mut blocks[index] {
            if !first.runs_on {
                diagnostics.push(Diagnostic::new(
                    DiagnosticCode::JoinedAcrossPageBreak,
                    Severity::Info,
                    format!(
                        "joined a paragraph cut by a section break before `{}`",
                        first_words(&next, 4)
                    ),
                ));
            }
            first.items.extend(next.items);
            first.ends_section = next.ends_section;
            first.runs_on = next.runs_on;
        }
    }
}

/// The paragraph before a section break stops in the middle of a line (after a space or a
/// hyphen) and the next one, in the same style and not numbered apart, goes on with it.
fn is_cut_by_section_break(first: &Paragraph, next: &Paragraph) -> bool {
    let last_text = first.items.iter().rev().find_map(|item| match item {
        Inline::Text(text, _) => Some(text.as_str()),
        _ => None,
    });
    let stops_mid_line = matches!(first.items.last(), Some(Inline::Text(..)))
        && last_text.is_some_and(|text| text.ends_with([' ', '-', '\u{a0}']));
    first.ends_section
        && stops_mid_line
        && first.style == next.style
        && next.numbering.is_none()
        && leading_label(first_words(next, 1).as_str(), LabelSyntax::Running).is_none()
}

fn first_words(paragraph: &Paragraph, count: usize) -> String {
    let text: String = paragraph
        .items
        .iter()
        .filter_map(|item| match item {
            Inline::Text(text, _) => Some(text.as_str()),
            _ => None,
        })
        .take(8)
        .collect();
    text.split_whitespace()
        .take(count)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the masthead reader may still need the page's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Masthead {
    Reading,
    Read,
}

struct Writer<'s> {
    styles: &'s Styles,
    masthead: Masthead,
    numbering: Numbering,
    numbers: FootnoteNumbers,
    source: String,
    pieces: Vec<Piece>,
    entries: Vec<Entry>,
    diagnostics: Vec<Diagnostic>,
}

/// A paragraph written to the source.
struct Written {
    span: Span,
    /// The generated label, or the typed one that stands before a tab.
    label: Option<String>,
    /// Where a generated label was written.
    generated: Option<Span>,
    /// The bytes of the source each item was written to.
    items: Vec<Span>,
    /// The first item after a typed label.
    body_from: usize,
}

impl Written {
    fn body<'p>(&self, paragraph: &'p Paragraph) -> &'p [Inline] {
        paragraph.items.get(self.body_from..).unwrap_or_default()
    }
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(paragraph) => self.paragraph(paragraph),
                Block::Table(rows) => self.table(rows),
            }
        }
    }

    fn paragraph(&mut self, paragraph: &Paragraph) {
        let Some(written) = self.write_paragraph(paragraph) else {
            return;
        };
        self.source.push_str("\n\n");
        let style = self.styles.paragraph(paragraph.style.as_deref());
        let cleaned = self.clean(paragraph, &written);
        self.offer_cells(paragraph, &written);
        if is_enacting_formula(&cleaned.text) {
            self.masthead = Masthead::Read;
        }
        let is_bold = is_wholly_bold(paragraph, &written);
        let kind = if style.heading || is_bold {
            EntryKind::Heading
        } else {
            EntryKind::Paragraph
        };
        if cleaned.text.is_empty() {
            return;
        }
        if self.closing_lines(paragraph, &written) {
            return;
        }
        let breaks = paragraph
            .items
            .iter()
            .filter(|item| **item == Inline::Break)
            .count();
        self.entries.push(Entry {
            kind,
            line_count: 1 + breaks + cleaned.text.chars().count() / LINE_CHARS,
            text: cleaned,
            spans: vec![written.span],
        });
    }

    /// The closing lines (`48th meeting`, the date, `[Adopted without a vote.]`) printed as one
    /// paragraph with line breaks: each line is an entry of its own, as the walk reads them.
    fn closing_lines(&mut self, paragraph: &Paragraph, written: &Written) -> bool {
        let body = written.body(paragraph);
        let Some(first_break) = body.iter().position(|item| *item == Inline::Break) else {
            return false;
        };
        let first_line = self.clean_items(&body[..first_break]);
        let is_closing = [Language::En, Language::Es]
            .into_iter()
            .any(|language| is_meeting_line(&first_line.text, language));
        if !is_closing || written.label.is_some() {
            return false;
        }
        let spans = &written.items[written.body_from..];
        let mut start = 0;
        for end in (0..=body.len()).filter(|&end| end == body.len() || body[end] == Inline::Break) {
            let line = self.clean_items(&body[start..end]);
            if let (false, Some(first), Some(last)) = (
                line.text.is_empty(),
                spans.get(start),
                spans.get(end.saturating_sub(1)),
            ) {
                self.entries.push(Entry {
                    kind: EntryKind::Paragraph,
                    text: line,
                    spans: vec![first.cover(*last)],
                    line_count: 1,
                });
            }
            start = end + 1;
        }
        true
    }

    fn clean_items(&self, items: &[Inline]) -> Cleaned {
        let mut cleaner = Cleaner::new(Opening::Ignored);
        for item in items {
            self.clean_item(&mut cleaner, item);
        }
        cleaned(cleaner.text.take())
    }

    /// Writes a paragraph's line(s) to the source and its cells to the pieces; `None` when it
    /// prints nothing.
    fn write_paragraph(&mut self, paragraph: &Paragraph) -> Option<Written> {
        let style = self.styles.paragraph(paragraph.style.as_deref());
        let reference = match paragraph.numbering {
            Some(direct) => Some(direct.over(style.numbering)),
            None => style.numbering,
        };
        let prints = paragraph.items.iter().any(|item| match item {
            Inline::Text(text, _) => !text.trim().is_empty(),
            Inline::Call { .. } => true,
            _ => false,
        });
        if !prints {
            if self.masthead == Masthead::Reading {
                self.pieces.push(Piece::Gap {
                    start: self.source.len(),
                });
            }
            return None;
        }
        let generated = reference.and_then(|reference| {
            self.numbering
                .next_label(reference, paragraph.style.as_deref(), self.styles)
        });
        let start = self.source.len();
        let (label, generated_span, body_from) = match generated {
            Some(generated) => {
                self.source.push_str(&generated.label);
                let label_span = Span::new(start, self.source.len());
                self.source.push_str(match generated.suffix {
                    Suffix::Tab => "\t",
                    Suffix::Space => " ",
                    Suffix::Nothing => "",
                });
                (Some(generated.label), Some(label_span), 0)
            }
            None => match typed_label(&paragraph.items) {
                Some((label, consumed)) => (Some(label), None, consumed),
                None => (None, None, 0),
            },
        };
        let mut items = Vec::with_capacity(paragraph.items.len());
        for item in &paragraph.items {
            let item_start = self.source.len();
            self.write_item(item);
            items.push(Span::new(item_start, self.source.len()));
        }
        let written = Written {
            span: Span::new(start, self.source.len()),
            label,
            generated: generated_span,
            items,
            body_from,
        };
        Some(written)
    }

    fn write_item(&mut self, item: &Inline) {
        match item {
            Inline::Text(text, _) => self.source.push_str(text),
            Inline::Tab => self.source.push('\t'),
            Inline::Break => self.source.push('\n'),
            Inline::Call { id, custom_mark } => match (self.numbers.by_id.get(id), custom_mark) {
                (_, Some(mark)) => self.source.push_str(mark),
                (Some(number), None) => push_superscript(&mut self.source, *number),
                (None, None) => {}
            },
            Inline::Repeat(numbers) => {
                for (index, number) in numbers.iter().enumerate() {
                    if index > 0 {
                        self.source.push(',');
                    }
                    push_superscript(&mut self.source, *number);
                }
            }
            Inline::OwnMark => {}
        }
    }

    /// The paragraph's cells for the masthead reader: a tab between columns or a line break
    /// ends a cell, but a tab after a number (`75/100.`, `1.`) is the space after it. The
    /// masthead ends at the enacting formula at the latest, so cells after it are not needed.
    fn offer_cells(&mut self, paragraph: &Paragraph, written: &Written) {
        if self.masthead == Masthead::Reading {
            self.cells(paragraph, written);
        }
    }

    fn cells(&mut self, paragraph: &Paragraph, written: &Written) {
        let mut cell = CleanText::new();
        let mut cell_span: Option<Span> = None;
        let mut first_cell = String::new();
        let mut in_first_cell = true;
        if let (Some(label), Some(span)) = (&written.label, written.generated) {
            cell.push(label);
            first_cell.push_str(label);
            cell_span = Some(span);
            cell.push(" ");
        }
        let flush = |cell: &mut CleanText, span: &mut Option<Span>, pieces: &mut Vec<Piece>| {
            let text = cell.take().text;
            if let (Some(span), false) = (span.take(), text.is_empty()) {
                pieces.push(Piece::Cell { text, span });
            }
        };
        for (item, span) in paragraph.items.iter().zip(&written.items) {
            match item {
                Inline::Text(text, _) => {
                    cell.push(text);
                    if in_first_cell {
                        first_cell.push_str(text);
                    }
                    cell_span = Some(cell_span.map_or(*span, |open| open.cover(*span)));
                }
                Inline::Tab if in_first_cell && is_number_token(&first_cell) => {
                    cell.push(" ");
                    in_first_cell = false;
                }
                Inline::Tab | Inline::Break => {
                    flush(&mut cell, &mut cell_span, &mut self.pieces);
                    in_first_cell = false;
                }
                Inline::Call { .. } | Inline::Repeat(_) | Inline::OwnMark => {}
            }
        }
        flush(&mut cell, &mut cell_span, &mut self.pieces);
        self.pieces.push(Piece::Gap {
            start: written.span.end,
        });
    }

    /// The paragraph's clean text: the label, then the text with footnote calls taken out and
    /// the opening italic run marked.
    fn clean(&self, paragraph: &Paragraph, written: &Written) -> Cleaned {
        let mut cleaner = Cleaner::new(Opening::Marked);
        for item in written.body(paragraph) {
            self.clean_item(&mut cleaner, item);
        }
        let mut finished = cleaner.text.take();
        if let Some(label) = &written.label {
            let label = format!("{label} ");
            if finished.text.is_empty() {
                finished.text = label.trim_end().to_string();
            } else {
                finished.replace_front(0, &label);
            }
        }
        cleaned(finished)
    }

    fn clean_item(&self, cleaner: &mut Cleaner, item: &Inline) {
        let text = &mut cleaner.text;
        match item {
            Inline::Text(raw, look) => {
                let has_words = raw.chars().any(|c| !c.is_whitespace());
                if cleaner.opening == Opening::Marked && has_words {
                    if look.italic {
                        text.open_emphasis(EMPHASIS);
                    } else {
                        text.close_element(EMPHASIS);
                    }
                }
                text.push(raw);
            }
            Inline::Tab => text.push("\t"),
            Inline::Break => text.push("\n"),
            Inline::Call { id, .. } => {
                if let Some(number) = self.numbers.by_id.get(id) {
                    text.call(*number);
                }
            }
            Inline::Repeat(numbers) => {
                for number in numbers {
                    text.call(*number);
                }
            }
            Inline::OwnMark => {}
        }
    }

    /// A table: one entry with cells and rows separated as in the XML front-end's tables, and
    /// each cell's paragraphs written and offered to the masthead reader.
    fn table(&mut self, rows: &[Vec<Vec<Block>>]) {
        let start = self.source.len();
        let mut cleaner = Cleaner::new(Opening::Ignored);
        for row in rows {
            cleaner.text.separate(Gap::Row);
            for cell in row {
                cleaner.text.separate(Gap::Cell);
                self.table_cell(&mut cleaner, cell);
            }
            self.source.push('\n');
        }
        self.source.push('\n');
        let finished = cleaner.text.take();
        if finished.text.is_empty() {
            return;
        }
        self.entries.push(Entry {
            kind: EntryKind::Table,
            text: cleaned(finished),
            spans: vec![Span::new(start, self.source.len())],
            line_count: rows.len(),
        });
    }

    fn table_cell(&mut self, cleaner: &mut Cleaner, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(paragraph) => {
                    let Some(written) = self.write_paragraph(paragraph) else {
                        continue;
                    };
                    self.source.push('\n');
                    self.offer_cells(paragraph, &written);
                    cleaner.text.separate(Gap::Space);
                    if let Some(label) = &written.label {
                        cleaner.text.push(label);
                        cleaner.text.push(" ");
                    }
                    for item in written.body(paragraph) {
                        self.clean_item(cleaner, item);
                    }
                }
                // A table in a cell reads as the cell's text.
                Block::Table(rows) => {
                    for cell in rows.iter().flatten() {
                        self.table_cell(cleaner, cell);
                    }
                }
            }
        }
    }

    /// The footnotes after the body, each `N<TAB>text`, in number order.
    fn footnotes(&mut self, bodies: &HashMap<i64, Vec<Block>>) {
        if self.numbers.ordered.is_empty() {
            return;
        }
        self.source.push_str(FOOTNOTE_RULE);
        self.source.push_str("\n\n");
        let ordered = std::mem::take(&mut self.numbers.ordered);
        for &(number, id) in &ordered {
            let Some(body) = bodies.get(&id) else {
                continue;
            };
            let start = self.source.len();
            let mut cleaner = Cleaner::new(Opening::Ignored);
            let mut paragraphs = Vec::new();
            each_paragraph(body, &mut |paragraph| paragraphs.push(paragraph));
            for paragraph in paragraphs {
                cleaner.text.separate(Gap::Space);
                for item in &paragraph.items {
                    match item {
                        Inline::OwnMark => self.source.push_str(&number.to_string()),
                        item => self.write_item(item),
                    }
                    self.clean_item(&mut cleaner, item);
                }
                self.source.push('\n');
            }
            let span = Span::new(start, self.source.len().saturating_sub(1).max(start));
            self.source.push('\n');
            self.entries.push(Entry {
                kind: EntryKind::Footnote(number),
                text: cleaned(cleaner.text.take()),
                spans: vec![span],
                line_count: 1,
            });
        }
        self.numbers.ordered = ordered;
    }
}

/// Whether an italic run that opens the text is marked, for the opening phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opening {
    Marked,
    Ignored,
}

/// Clean text built item by item.
struct Cleaner {
    text: CleanText,
    opening: Opening,
}

impl Cleaner {
    fn new(opening: Opening) -> Cleaner {
        Cleaner {
            text: CleanText::new(),
            opening,
        }
    }
}

fn cleaned(finished: Finished) -> Cleaned {
    Cleaned {
        text: finished.text,
        calls: finished.calls,
        lead_emphasis: finished.lead_emphasis,
    }
}

/// A label typed before a tab (`1.<TAB>`, `(a)<TAB>`), or typed upright before the italic
/// opening phrase: the label and how many items it takes.
fn typed_label(items: &[Inline]) -> Option<(String, usize)> {
    let mut typed = String::new();
    for (index, item) in items.iter().enumerate() {
        match item {
            Inline::Text(text, look) if !look.italic => typed.push_str(text),
            Inline::Text(..) => return complete_label(&typed).map(|label| (label, index)),
            Inline::Tab => return complete_label(&typed).map(|label| (label, index + 1)),
            Inline::Break | Inline::Call { .. } | Inline::Repeat(_) | Inline::OwnMark => {
                return None;
            }
        }
        if typed.len() > 16 {
            return None;
        }
    }
    None
}

/// The text is a label and nothing else.
fn complete_label(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let label = leading_label(typed, LabelSyntax::Running)?;
    (label.printed_len == typed.len()).then(|| typed.to_string())
}

/// `75/100.`, `1.`, `(a)`: one short token with a figure or a closing stop, that a tab
/// separates from the text it numbers rather than a column from the next.
fn is_number_token(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.len() <= 16
        && !text.contains(char::is_whitespace)
        && text.ends_with(['.', ')'])
        && (text.contains(|c: char| c.is_ascii_digit()) || complete_label(text).is_some())
}

/// Bold from its first word to its last: a heading's look.
fn is_wholly_bold(paragraph: &Paragraph, written: &Written) -> bool {
    let mut letters = 0;
    for item in written.body(paragraph) {
        if let Inline::Text(text, look) = item
            && text.chars().any(|c| !c.is_whitespace())
        {
            if !look.bold {
                return false;
            }
            letters += text.chars().filter(|c| c.is_alphabetic()).count();
        }
    }
    letters >= 2
}

fn push_superscript(out: &mut String, number: u32) {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    for digit in number.to_string().bytes() {
        out.push(DIGITS[usize::from(digit - b'0')]);
    }
}
