//! Writes what the pages print as the document's source text, and the layout entries and
//! masthead cells with their spans into it.
//!
//! The source holds every printed line, running heads, footers and footnotes included, in
//! reading order: pages one after the other, each but the first opened by a form feed; one line
//! of text per printed line; words separated by a space and cells (a tab stop, the masthead's
//! two columns) by a tab; raised digits (footnote calls and footnote numbers) as superscript
//! digits, so that `activities,¹` shows the call where it is printed.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::fonts::{Slant, Weight};
use super::lines::{Line, Position, Spacing, Word};
use super::paragraphs::{Block, BlockKind, LineRef};
use super::regions::{Metrics, PageLines, Region};
use crate::layout::{Cleaned, Entry, EntryKind, Piece};
use crate::model::FootnoteCall;
use crate::span::Span;

/// The source text and where each word of each line went in it.
pub(super) struct Source {
    pub text: String,
    /// By page, by line, by word.
    words: Vec<Vec<Vec<Span>>>,
}

impl Source {
    pub(super) fn write(pages: &[PageLines]) -> Source {
        let mut text = String::new();
        let mut words = Vec::with_capacity(pages.len());
        for (number, page) in pages.iter().enumerate() {
            if number > 0 {
                text.push('\u{c}');
            }
            let mut page_words = Vec::with_capacity(page.lines.len());
            for line in &page.lines {
                let mut line_words = Vec::with_capacity(line.words.len());
                for (index, word) in line.words.iter().enumerate() {
                    if index > 0 {
                        match word.before {
                            Spacing::None => {}
                            Spacing::Space => text.push(' '),
                            Spacing::Column => text.push('\t'),
                        }
                    }
                    let start = text.len();
                    if is_call(word) {
                        text.extend(word.text.chars().map(superscript));
                    } else {
                        text.push_str(&word.text);
                    }
                    line_words.push(Span::new(start, text.len()));
                }
                text.push('\n');
                page_words.push(line_words);
            }
            words.push(page_words);
        }
        Source { text, words }
    }

    fn word(&self, line: LineRef, index: usize) -> Span {
        self.words[line.page][line.index][index]
    }

    fn line_words(&self, line: LineRef) -> usize {
        self.words[line.page][line.index].len()
    }
}

/// A raised number of at most three digits: a footnote call (or a footnote's own number).
fn is_call(word: &Word) -> bool {
    word.position == Position::Raised
        && word.text.len() <= 3
        && word.text.bytes().all(|byte| byte.is_ascii_digit())
}

fn superscript(digit: char) -> char {
    match digit {
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '0'..='9' => char::from_u32(0x2070 + (digit as u32 - '0' as u32)).unwrap_or(digit),
        other => other,
    }
}

/// Words the document writes with a hyphen or without, to tell a compound broken at a line end
/// (`post-` / `conflict`) from a word hyphenated there (`coordi-` / `nation`).
pub(super) struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    pub(super) fn new(pages: &[PageLines]) -> Vocabulary {
        let words = pages
            .iter()
            .flat_map(|page| page.lines.iter())
            .flat_map(|line| line.words.iter())
            .flat_map(|word| {
                word.text
                    .split(|c: char| !(c.is_alphabetic() || c == '-'))
                    .filter(|token| token.chars().any(char::is_alphabetic))
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        Vocabulary { words }
    }

    /// Whether `head-` at a line end and `tail` on the next line are one word without the
    /// hyphen. Resolutions are not hyphenated by the word processor, so the hyphen stays unless
    /// the document writes the word whole and never with the hyphen.
    fn drops_hyphen(&self, head: &str, tail: &str) -> bool {
        let head = head.to_lowercase();
        let tail = tail.to_lowercase();
        !self.words.contains(&format!("{head}-{tail}"))
            && self.words.contains(&format!("{head}{tail}"))
    }
}

/// The entries of the layout, from the blocks.
pub(super) fn entries(
    blocks: &[Block],
    pages: &[PageLines],
    source: &Source,
    vocabulary: &Vocabulary,
) -> Vec<Entry> {
    blocks
        .iter()
        .map(|block| {
            let skip = usize::from(matches!(block.kind, BlockKind::Footnote(_)));
            Entry {
                kind: match block.kind {
                    BlockKind::Paragraph => EntryKind::Paragraph,
                    BlockKind::Heading => EntryKind::Heading,
                    BlockKind::Footnote(number) => EntryKind::Footnote(number),
                },
                text: clean_text(block, pages, skip, vocabulary),
                spans: spans(block, source, skip),
                line_count: block.lines.len(),
            }
        })
        .collect()
}

fn line_of(pages: &[PageLines], line: LineRef) -> &Line {
    &pages[line.page].lines[line.index]
}

/// One span for each run of the block's lines on one page.
fn spans(block: &Block, source: &Source, skip: usize) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut run_page = None;
    for (position, &line) in block.lines.iter().enumerate() {
        let count = source.line_words(line);
        let first = if position == 0 { skip } else { 0 };
        if first >= count {
            continue;
        }
        let span = source.word(line, first).cover(source.word(line, count - 1));
        match spans.last_mut() {
            Some(last) if run_page == Some(line.page) => *last = last.cover(span),
            _ => spans.push(span),
        }
        run_page = Some(line.page);
    }
    spans
}

/// The block's text: words joined by single spaces, calls taken out, hyphenation at line ends
/// undone where the document says so, and where an italic opening phrase ends.
fn clean_text(block: &Block, pages: &[PageLines], skip: usize, vocabulary: &Vocabulary) -> Cleaned {
    let mut out = TextBuilder::default();
    for (position, &line_ref) in block.lines.iter().enumerate() {
        let line = line_of(pages, line_ref);
        let first = if position == 0 { skip } else { 0 };
        for (index, word) in line.words.iter().enumerate().skip(first) {
            let opens_line = index == first;
            out.word(word, opens_line, vocabulary);
        }
    }
    out.finish()
}

#[derive(Default)]
struct TextBuilder {
    text: String,
    calls: Vec<FootnoteCall>,
    lead: LeadEmphasis,
    /// How the text so far ends, which decides how the next line's first word joins it.
    line_end: LineEnd,
    /// A space stood before the call just read: the word after it is apart even when the call
    /// touches it.
    space_before_call: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum LineEnd {
    #[default]
    Word,
    /// A hyphen glued to a word: a compound broken at the line end, or a hyphenated word.
    Hyphen,
    /// An en dash or slash glued to a word (`2011–` / `2020`, `A/AC.105/` / `1224`): the line
    /// broke after it, and no space stands there. (An em dash may close an aside before a space,
    /// as Spanish sets it, so it is not taken to join.)
    Joining,
}

/// Following the italic run that may open the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum LeadEmphasis {
    /// Nothing but perhaps a label read yet.
    #[default]
    Start,
    /// Inside the italic run.
    Open,
    Closed(usize),
    /// The text opened in upright type.
    None,
}

impl TextBuilder {
    fn word(&mut self, word: &Word, opens_line: bool, vocabulary: &Vocabulary) {
        if is_call(word) {
            self.space_before_call = word.before != Spacing::None;
            if let Ok(number) = word.text.parse() {
                self.calls.push(FootnoteCall {
                    number,
                    offset: self.text.len(),
                });
            }
            return;
        }
        let mut text = word.text.replace('\u{ad}', "");
        if self.text.is_empty() {
            text = label_apart(&text);
        }
        let glued = if opens_line {
            self.joins_across_line(&text, vocabulary)
        } else {
            // Punctuation after a call closes up to the word before it (`2016³,`).
            let apart_by_call = std::mem::take(&mut self.space_before_call)
                && !text.starts_with([',', '.', ';', ':', ')', ']', '”', '’']);
            (word.before == Spacing::None && !apart_by_call) || word.position == Position::Raised
        };
        if !glued && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.follow_emphasis(word, &text);
        self.text.push_str(&text);
        let glued_to_word = word.text.chars().count() > 1;
        self.line_end = if glued_to_word && word.text.ends_with(['-', '\u{ad}']) {
            LineEnd::Hyphen
        } else if glued_to_word && word.text.ends_with(['–', '/']) {
            LineEnd::Joining
        } else {
            LineEnd::Word
        };
    }

    /// The first word of a line: glued to the last one when that ended in a hyphen; the hyphen
    /// goes when the word was hyphenated rather than a compound, and always when it was soft.
    fn joins_across_line(&mut self, next: &str, vocabulary: &Vocabulary) -> bool {
        match self.line_end {
            LineEnd::Word => return false,
            LineEnd::Joining => return true,
            LineEnd::Hyphen => {}
        }
        let head: String = self
            .text
            .trim_end_matches('-')
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let soft = !self.text.ends_with('-');
        // `troop- and police-contributing`: the hyphen stands for a word, and the space stays.
        const CONJUNCTIONS: &[&str] = &["and", "or", "nor", "to", "y", "e", "o", "u", "ni", "a"];
        if !soft && CONJUNCTIONS.contains(&next) {
            return false;
        }
        let starts_lower = tail.chars().next().is_some_and(char::is_lowercase);
        if soft || (!head.is_empty() && starts_lower && vocabulary.drops_hyphen(&head, &tail)) {
            self.text.truncate(self.text.trim_end_matches('-').len());
        }
        true
    }

    fn follow_emphasis(&mut self, word: &Word, text: &str) {
        let italic = word.style.slant == Slant::Italic && word.style.weight != Weight::Bold;
        self.lead = match self.lead {
            LeadEmphasis::Start if italic => LeadEmphasis::Open,
            LeadEmphasis::Start if is_label(text) => LeadEmphasis::Start,
            LeadEmphasis::Start => LeadEmphasis::None,
            LeadEmphasis::Open if italic => LeadEmphasis::Open,
            LeadEmphasis::Open => LeadEmphasis::Closed(self.text.trim_end().len()),
            settled => settled,
        };
    }

    fn finish(self) -> Cleaned {
        let lead_emphasis = match self.lead {
            LeadEmphasis::Closed(end) => Some(end),
            LeadEmphasis::Open => Some(self.text.len()),
            _ => None,
        };
        Cleaned {
            text: self.text,
            calls: self.calls,
            lead_emphasis,
        }
    }
}

/// A label that the tab after it left glued to the text (`(xxv)To`, `3.Calls`, when the label
/// reaches past the tab stop) is set apart from it.
fn label_apart(word: &str) -> String {
    static GLUED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\(?[a-z]{1,2}\)|\(?[ivxlcdm]{1,7}\)|\d{1,3}\.)(\p{Lu}.*)$")
            .expect("static regex")
    });
    match GLUED_LABEL.captures(word) {
        Some(captures) => format!("{} {}", &captures[1], &captures[2]),
        None => word.to_string(),
    }
}

/// `1.`, `(a)`, `a)`, `(iv)`: what may stand before an opening phrase.
fn is_label(text: &str) -> bool {
    let inner = text.trim_start_matches('(').trim_end_matches([')', '.']);
    !inner.is_empty()
        && inner.len() <= 5
        && (inner.bytes().all(|byte| byte.is_ascii_digit())
            || inner.chars().all(|c| c.is_ascii_lowercase()))
        && text.len() > inner.len()
}

/// The cells of the body lines, cells that wrap onto the next line joined: the masthead reader
/// reads a wrapped title or adoption line whole, and each column of the masthead apart.
pub(super) fn pieces(
    pages: &[PageLines],
    regions: &[Vec<Region>],
    source: &Source,
    metrics: &Metrics,
) -> Vec<Piece> {
    let mut pieces: Vec<(Span, Piece)> = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let mut open: Vec<Cell> = Vec::new();
        let mut previous_baseline: Option<f32> = None;
        for (index, line) in page.lines.iter().enumerate() {
            if regions[number][index] != Region::Body {
                continue;
            }
            let line_ref = LineRef {
                page: number,
                index,
            };
            let line_cells = cells(line, line_ref, source, metrics);
            let Some(line_start) = line_cells.first().map(|cell| cell.span.start) else {
                continue;
            };
            let pitch = metrics.pitch * line.size.max(metrics.size) / metrics.size;
            let after_gap =
                previous_baseline.is_some_and(|previous| line.baseline - previous > 1.6 * pitch);
            if after_gap {
                for cell in open.drain(..) {
                    pieces.push(cell.piece());
                }
                pieces.push((
                    Span::new(line_start, line_start),
                    Piece::Gap { start: line_start },
                ));
            }
            let mut still_open = Vec::new();
            for cell in line_cells {
                let continued = open
                    .iter()
                    .position(|above| above.continues_into(&cell, line.baseline, pitch));
                match continued {
                    Some(position) => {
                        let mut above = open.remove(position);
                        above.extend(cell, line.baseline);
                        still_open.push(above);
                    }
                    None => still_open.push(cell),
                }
            }
            for cell in open.drain(..) {
                pieces.push(cell.piece());
            }
            open = still_open;
            previous_baseline = Some(line.baseline);
        }
        for cell in open.drain(..) {
            pieces.push(cell.piece());
        }
    }
    pieces.sort_by_key(|(span, _)| span.start);
    pieces.into_iter().map(|(_, piece)| piece).collect()
}

/// A masthead cell being read, perhaps over several lines.
struct Cell {
    text: String,
    span: Span,
    x0: f32,
    x1: f32,
    size: f32,
    bold: bool,
    baseline: f32,
}

impl Cell {
    fn continues_into(&self, next: &Cell, baseline: f32, pitch: f32) -> bool {
        baseline - self.baseline <= 1.3 * pitch
            && (self.size - next.size).abs() <= 0.08 * self.size
            && self.bold == next.bold
            && next.x0 >= self.x0 - 0.5 * self.size
            && next.x0 < self.x1
    }

    fn extend(&mut self, next: Cell, baseline: f32) {
        self.text.push(' ');
        self.text.push_str(&next.text);
        self.span = self.span.cover(next.span);
        self.x1 = self.x1.max(next.x1);
        self.baseline = baseline;
    }

    fn piece(self) -> (Span, Piece) {
        (
            self.span,
            Piece::Cell {
                text: self.text,
                span: self.span,
            },
        )
    }
}

/// A gap this many body font sizes wide parts the masthead's columns; a narrower one (the tab
/// after `73/6.` in the title) does not.
const CELL_GAP: f32 = 4.0;

fn cells(line: &Line, line_ref: LineRef, source: &Source, metrics: &Metrics) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    for (index, word) in line.words.iter().enumerate() {
        let span = source.word(line_ref, index);
        let bold = word.style.weight == Weight::Bold;
        match cells.last_mut() {
            Some(cell) if word.x0 - cell.x1 <= CELL_GAP * metrics.size => {
                if !is_call(word) {
                    if word.before != Spacing::None && word.position == Position::Baseline {
                        cell.text.push(' ');
                    }
                    cell.text.push_str(&word.text);
                }
                cell.span = cell.span.cover(span);
                cell.x1 = word.x1;
                cell.bold &= bold;
            }
            _ => cells.push(Cell {
                text: word.text.clone(),
                span,
                x0: word.x0,
                x1: word.x1,
                size: line.size,
                bold,
                baseline: line.baseline,
            }),
        }
    }
    cells
}
