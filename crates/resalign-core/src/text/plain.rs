//! Plain text as `pdftotext` makes it of a resolution, with or without `-layout`: pages, the
//! footnote area at the foot of each page, and the paragraphs above it.
//!
//! Official resolutions print paragraphs without blank lines between them. With `-layout` the
//! first-line indent says where each starts, and a line at the page's margin always goes on
//! with the paragraph above, across page breaks too. Without it, only what the lines say tells:
//! the end of a clause followed by an opening phrase or a label. Footnote numbers are told from
//! other numbers by their order (footnotes are numbered in sequence through the document), and
//! where plain `pdftotext` prints them apart from their texts, they are matched to the texts in
//! that order.

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::label::{LabelSyntax, leading_label};
use crate::layout::is_enacting_formula;
use crate::layout::masthead::date_line;
use crate::lexicon;
use crate::model::{Language, SourceFormat};

use super::blocks::{
    Chunk, Context, Item, content_cell_count, is_annex_line, is_closing_line, is_label_alone,
    is_table, label_then_capital, starts_new_paragraph, starts_upper, starts_with_footnote_marker,
    typical_line_width, without_spaced_call, without_trailing_calls,
};
use super::lines::{Line, LineKind, cells};

/// How the text was laid out by the converter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// `pdftotext -layout`: lines keep their indents, so paragraph starts are known.
    Layout,
    /// Reading order without indents: paragraph starts are guessed.
    Flowing,
}

/// What the grouping found.
pub(super) struct Grouped<'a> {
    pub items: Vec<Item<'a>>,
    pub mode: Mode,
    /// The width most full lines reach.
    pub wrap_width: usize,
}

/// The columns where a page's text lines start and end: the body's left margin and the right
/// edge full (justified) lines reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Geometry {
    margin: usize,
    right: usize,
    /// Where most indented full lines start: the first lines of paragraphs.
    first_line: Option<usize>,
}

/// A line this many columns right of the margin is indented.
const INDENT: usize = 2;

impl Geometry {
    fn is_indented(&self, line: &Line<'_>) -> bool {
        indent(line) >= self.margin + INDENT
    }

    /// Left of the margin: where footnote numbers hang.
    fn hangs(&self, line: &Line<'_>) -> bool {
        indent(line) + INDENT <= self.margin
    }

    /// Indented as the first line of a paragraph is.
    fn is_first_line(&self, line: &Line<'_>) -> bool {
        self.first_line
            .is_some_and(|first_line| indent(line).abs_diff(first_line) <= 1)
    }

    /// Ends well short of the right edge: the last line of a paragraph, or a heading.
    fn ends_short(&self, line: &Line<'_>) -> bool {
        right_edge(line) + 6 < self.right
    }

    /// Spans most of the column: a heading this wide was wrapped.
    fn is_wide(&self, line: &Line<'_>) -> bool {
        let width = right_edge(line).saturating_sub(indent(line));
        width * 10 >= self.right.saturating_sub(self.margin) * 8
    }
}

fn indent(line: &Line<'_>) -> usize {
    line.text.len() - line.text.trim_start().len()
}

fn right_edge(line: &Line<'_>) -> usize {
    indent(line) + line.text.trim().chars().count()
}

/// Groups the lines of plain text into items: the body's paragraphs, headings and tables in
/// order, page breaks, then the footnotes.
pub(super) fn items<'a>(lines: &[Line<'a>], language: Language) -> Grouped<'a> {
    let pages = pages(lines);
    let mode = mode(lines);
    let geometries = match mode {
        Mode::Layout => geometries(lines, &pages),
        Mode::Flowing => vec![None; pages.len()],
    };
    let mut notes = Footnotes::default();
    let mut zones = Vec::with_capacity(pages.len());
    for (page, geometry) in pages.iter().zip(&geometries) {
        let zone = zone_start(lines, page.clone(), *geometry, notes.expected(), language);
        if let Some(zone) = zone {
            notes.read_zone(lines, zone.start..page.end, zone.displaced, zone.ruled);
        }
        zones.push(zone);
    }
    let context = Context {
        format: SourceFormat::PlainText,
        language,
        wrap_width: typical_line_width(lines),
        footnotes: notes.numbers.clone(),
    };
    let mut body = Body {
        context: &context,
        mode,
        items: Vec::new(),
        current: None,
        previous: None,
        after_blank: false,
        held: None,
        page_top: None,
    };
    for ((page, geometry), zone) in pages.iter().zip(&geometries).zip(&zones) {
        let body_end = zone.map_or(page.end, |zone| zone.start);
        body.page(lines, page.start..body_end, *geometry);
        if let Some(displaced) = zone.and_then(|zone| zone.displaced) {
            body.text_line(lines[displaced], *geometry, true);
        }
        if page.end < lines.len() {
            body.end_page();
        }
    }
    body.flush();
    body.release_held();
    let mut items = body.items;

    for (number, chunk) in notes.found {
        items.push(Item::Footnote { number, chunk });
    }
    Grouped {
        items,
        mode,
        wrap_width: context.wrap_width,
    }
}

/// The lines of each page: the ranges between page break lines.
fn pages(lines: &[Line<'_>]) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    for (index, line) in lines.iter().enumerate() {
        if line.kind == LineKind::PageBreak {
            pages.push(start..index);
            start = index + 1;
        }
    }
    pages.push(start..lines.len());
    pages
}

/// `-layout` output indents nearly every line of the body; reading-order output none.
fn mode(lines: &[Line<'_>]) -> Mode {
    let text: Vec<&Line<'_>> = lines
        .iter()
        .filter(|line| line.kind == LineKind::Text)
        .collect();
    let indented = text.iter().filter(|line| indent(line) >= 4).count();
    if !text.is_empty() && indented * 2 >= text.len() {
        Mode::Layout
    } else {
        Mode::Flowing
    }
}

/// Full lines this long or longer tell a page's margins.
const FULL_LINE_CHARS: usize = 40;

/// The geometry of every page, from its full lines. A page with too few (a last page with the
/// closing lines only) takes that of the page two before it, which faces the same way.
fn geometries(lines: &[Line<'_>], pages: &[Range<usize>]) -> Vec<Option<Geometry>> {
    let mut found: Vec<Option<Geometry>> = pages
        .iter()
        .map(|page| page_geometry(&lines[page.clone()]))
        .collect();
    let fallback = found.iter().flatten().copied().next();
    for index in 0..found.len() {
        if found[index].is_none() {
            found[index] = index
                .checked_sub(2)
                .and_then(|before| found[before])
                .or_else(|| index.checked_sub(1).and_then(|before| found[before]))
                .or(fallback);
        }
    }
    found
}

fn page_geometry(lines: &[Line<'_>]) -> Option<Geometry> {
    let full: Vec<&Line<'_>> = lines
        .iter()
        .filter(|line| {
            line.kind == LineKind::Text
                && line.text.trim().chars().count() >= FULL_LINE_CHARS
                && cells(line.text.trim()).count() == 1
        })
        .collect();
    if full.len() < 3 {
        return None;
    }
    // Continuation lines outnumber first lines; their ends vary by a few columns, since
    // `pdftotext -layout` rounds each word to a column.
    let margin = mode_of(full.iter().map(|line| indent(line)))?;
    let mut ends: Vec<usize> = full
        .iter()
        .filter(|line| indent(line) == margin)
        .map(|line| right_edge(line))
        .collect();
    ends.sort_unstable();
    let right = ends.get(ends.len() / 2).copied()?;
    let first_line = mode_of(
        full.iter()
            .map(|line| indent(line))
            .filter(|&start| start >= margin + INDENT),
    );
    Some(Geometry {
        margin,
        right,
        first_line,
    })
}

/// The most frequent value; the smallest of equally frequent ones.
fn mode_of(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(value, _)| value)
}

/// Footnotes are numbered from 1 (some Spanish texts from 2, a few further on); until one is
/// found the first may be any of these.
const FIRST_NUMBERS: std::ops::RangeInclusive<u32> = 1..=9;

/// Footnote numbers a page may define after the expected one.
const NUMBERS_PER_PAGE: u32 = 60;

/// The next footnote number the document may define.
#[derive(Clone, Copy, Debug)]
enum Expected {
    First,
    Any,
    After(u32),
}

impl Expected {
    fn accepts(self, number: u32) -> bool {
        match self {
            Expected::First => FIRST_NUMBERS.contains(&number),
            Expected::Any => true,
            Expected::After(last) => number == last + 1,
        }
    }
}

/// How sure a line must be to start a footnote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    /// Opening an area no rule marks: the note's text must start as a note does.
    Opening,
    /// Inside an area: any text after a number in sequence (`8 http://legal.un.org`).
    Inside,
}

/// A footnote number at the start of a line: alone (`12`), or before the text (`12 See ...`,
/// `12  Resolution 70/1.`), and how many bytes of the line it takes.
fn footnote_marker(line: &Line<'_>, marker: Marker) -> Option<(u32, usize)> {
    if !matches!(line.kind, LineKind::Text | LineKind::LoneNumber) {
        return None;
    }
    let trimmed = line.text.trim_start();
    let lead = line.text.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let number = trimmed[..digits].parse().ok()?;
    let rest = &trimmed[digits..];
    if rest.trim().is_empty() {
        return Some((number, lead + digits));
    }
    // The text of a note starts with a capital, a symbol or a quotation mark, never in lower case
    // (`5 years of age` goes on a sentence).
    let text = rest.trim_start();
    let separated = rest.starts_with([' ', '\t']);
    let opens_note = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '(' | '[' | '*'));
    (separated && (opens_note || marker == Marker::Inside)).then_some((number, lead + digits))
}

/// The footnote area of a page.
#[derive(Clone, Copy, Debug)]
struct Zone {
    start: usize,
    /// Whether a `____` rule opened it.
    ruled: bool,
    /// A body line that reading order put inside the area: the text of a paragraph whose label
    /// ends the body above (`5.` / footnote number / `Takes note of ...`), which stood on the
    /// label's line, apart after a tab.
    displaced: Option<usize>,
}

/// Where the footnote area of a page starts: after a `____` rule, or else at a line that starts
/// with the expected footnote number and is followed only by what a footnote area holds.
fn zone_start(
    lines: &[Line<'_>],
    page: Range<usize>,
    geometry: Option<Geometry>,
    expected: Expected,
    language: Language,
) -> Option<Zone> {
    if let Some(rule) = page
        .clone()
        .find(|&index| lines[index].kind == LineKind::FootnoteSeparator)
    {
        return Some(Zone {
            start: rule + 1,
            ruled: true,
            displaced: displaced_line(lines, page.start..rule, rule + 1..page.end, language),
        });
    }
    // The page's lines that read as body, found once: every candidate start asks about all the
    // lines below it, which on a page of thousands of lines would be quadratic.
    let body_lines: OnceCell<Vec<usize>> = OnceCell::new();
    let opens_zone = |index: usize| -> Option<Zone> {
        let line = &lines[index];
        let (number, _) = footnote_marker(line, Marker::Opening)?;
        // A line that is only a date (`8 October 2021` under the meeting line) is the closing,
        // never a note: no footnote says nothing but a date.
        if date_line(line.text.trim(), language).is_some() {
            return None;
        }
        let placed = geometry.is_none_or(|geometry| geometry.hangs(line));
        // A footnote area never fills a page: some body text stands above it.
        let below_text = lines[page.start..index]
            .iter()
            .any(|above| above.kind == LineKind::Text);
        if !(placed && below_text && expected.accepts(number)) {
            return None;
        }
        let body = body_lines.get_or_init(|| {
            page.clone()
                .filter(|&index| reads_as_body(&lines[index], language))
                .collect()
        });
        // What follows holds only notes, but for one body line a label above may have lost.
        let body_below = &body[body.partition_point(|&line| line <= index)..];
        if body_below.len() > 1 {
            return None;
        }
        let displaced = displaced_line(lines, page.start..index, index + 1..page.end, language);
        let only_notes = body_below.iter().all(|&after| Some(after) == displaced);
        only_notes.then_some(Zone {
            start: index,
            ruled: false,
            displaced,
        })
    };
    // The first footnote of a document may have any small number: the first one that opens an
    // area; after it, only the next number does, and the last line with it is the one that is
    // no call printed apart.
    match expected {
        Expected::First | Expected::Any => page.clone().find_map(opens_zone),
        Expected::After(_) => page.clone().rev().find_map(opens_zone),
    }
}

/// The first line of an area that reads as body text, when the body above ends with a label
/// alone on its line.
fn displaced_line(
    lines: &[Line<'_>],
    above: Range<usize>,
    area: Range<usize>,
    language: Language,
) -> Option<usize> {
    let last_above = lines[above]
        .iter()
        .rev()
        .find(|line| line.kind == LineKind::Text)?;
    if !is_label_alone(last_above.text.trim()) {
        return None;
    }
    area.into_iter().find(|&index| {
        let line = &lines[index];
        line.kind == LineKind::Text
            && (reads_as_body(line, language)
                || line.text.trim_start().starts_with(char::is_uppercase)
                    && footnote_marker(line, Marker::Opening).is_none())
    })
}

/// Lines that only the body has: a numbered paragraph, an opening phrase, the meeting line.
fn reads_as_body(line: &Line<'_>, language: Language) -> bool {
    if line.kind != LineKind::Text {
        return false;
    }
    let text = line.text.trim();
    label_then_capital(text)
        || is_closing_line(text, language)
        || is_enacting_formula(text)
        || lexicon::opening_phrase(language, text).is_some_and(|opening| opening.start == 0)
}

/// The footnotes read so far.
#[derive(Default)]
struct Footnotes<'a> {
    found: Vec<(u32, Chunk<'a>)>,
    numbers: BTreeSet<u32>,
}

/// One line of a footnote area.
#[derive(Clone, Copy, Debug)]
enum ZoneLine {
    /// A footnote number alone on its line.
    Number(u32),
    /// A line that starts with a footnote number: the number and the bytes it takes.
    Numbered(u32, usize),
    Text,
}

/// A text line of a footnote area: the line, the footnote it certainly starts (its number stands
/// before it), and the bytes of that number.
#[derive(Clone, Copy, Debug)]
struct NoteLine {
    index: usize,
    anchor: Option<u32>,
    skip: usize,
}

impl<'a> Footnotes<'a> {
    fn expected(&self) -> Expected {
        self.numbers
            .last()
            .map_or(Expected::First, |&last| Expected::After(last))
    }

    /// Reads the footnotes of one area: which number goes with which lines.
    fn read_zone(
        &mut self,
        lines: &[Line<'a>],
        zone: Range<usize>,
        displaced: Option<usize>,
        ruled: bool,
    ) {
        let mut entries = self.classify_zone(lines, zone, ruled);
        entries.retain(|(index, _)| Some(*index) != displaced);
        let numbers: BTreeSet<u32> = entries
            .iter()
            .filter_map(|(_, entry)| match entry {
                ZoneLine::Number(number) | ZoneLine::Numbered(number, _) => Some(*number),
                ZoneLine::Text => None,
            })
            .collect();
        let texts = note_lines(&entries);
        // Text above the area's first number goes on with the page before's last footnote when
        // that one was left open, and so does an area without numbers.
        let first_number_at = entries
            .iter()
            .find(|(_, entry)| !matches!(entry, ZoneLine::Text))
            .map_or(usize::MAX, |(index, _)| *index);
        let leading = texts
            .iter()
            .take_while(|line| line.index < first_number_at)
            .count();
        let carried = if numbers.is_empty() {
            texts.len()
        } else if self.last_is_open(lines) {
            leading
        } else {
            0
        };
        if carried > 0
            && let Some((_, previous)) = self.found.last_mut()
        {
            previous.continue_with(note_chunk(lines, &texts[..carried]));
        }
        let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) else {
            return;
        };
        let texts = &texts[carried..];
        for (number, range) in assign(lines, texts, first, last) {
            self.found.push((number, note_chunk(lines, &texts[range])));
            self.numbers.insert(number);
        }
    }

    /// Whether the last footnote read stopped without closing punctuation.
    fn last_is_open(&self, lines: &[Line<'_>]) -> bool {
        let _ = lines;
        self.found.last().is_some_and(|(_, chunk)| {
            chunk.lines.last().is_some_and(|line| {
                !line
                    .text
                    .trim_end()
                    .ends_with(['.', ';', ')', '”', '"', '’'])
            })
        })
    }

    /// Marks each line of the area: footnote numbers in sequence from the expected one, and
    /// text. A number that does not continue the sequence is text (`1995 (United Nations ...`),
    /// or a stray (a page number) when alone.
    fn classify_zone(
        &self,
        lines: &[Line<'_>],
        zone: Range<usize>,
        ruled: bool,
    ) -> Vec<(usize, ZoneLine)> {
        // Under a rule the first footnote of a document may have any number (a text that goes
        // on numbering from another, `998`); elsewhere only a small one opens an area.
        let expected = match self.expected() {
            Expected::First if ruled => Expected::Any,
            expected => expected,
        };
        let candidates: BTreeSet<u32> = zone
            .clone()
            .filter_map(|index| {
                footnote_marker(&lines[index], Marker::Inside).map(|(number, _)| number)
            })
            .collect();
        let start = candidates
            .iter()
            .copied()
            .find(|&number| expected.accepts(number));
        let sequence: BTreeSet<u32> = start.map_or_else(BTreeSet::new, |start| {
            (start..start + NUMBERS_PER_PAGE)
                .take_while(|number| candidates.contains(number))
                .collect()
        });
        let mut seen = BTreeSet::new();
        let mut entries = Vec::new();
        for index in zone {
            let line = &lines[index];
            if !matches!(line.kind, LineKind::Text | LineKind::LoneNumber) {
                continue;
            }
            let marker = footnote_marker(line, Marker::Inside)
                .filter(|(number, _)| sequence.contains(number) && !seen.contains(number));
            let entry = match marker {
                Some((number, len)) => {
                    seen.insert(number);
                    if line.text[len..].trim().is_empty() {
                        ZoneLine::Number(number)
                    } else {
                        ZoneLine::Numbered(number, len)
                    }
                }
                None if line.kind == LineKind::LoneNumber => continue,
                None => ZoneLine::Text,
            };
            entries.push((index, entry));
        }
        entries
    }
}

/// The text lines of an area, each with the number that certainly starts it: its own, or that
/// of a number alone on the line before.
fn note_lines(entries: &[(usize, ZoneLine)]) -> Vec<NoteLine> {
    let mut texts = Vec::new();
    let mut pending: Option<u32> = None;
    for &(index, entry) in entries {
        match entry {
            ZoneLine::Number(number) => pending = Some(number),
            ZoneLine::Numbered(number, skip) => {
                texts.push(NoteLine {
                    index,
                    anchor: Some(number),
                    skip,
                });
                pending = None;
            }
            ZoneLine::Text => texts.push(NoteLine {
                index,
                anchor: pending.take(),
                skip: 0,
            }),
        }
    }
    texts
}

fn note_chunk<'a>(lines: &[Line<'a>], texts: &[NoteLine]) -> Chunk<'a> {
    let mut chunk = Chunk::new(texts.iter().map(|text| lines[text.index]).collect());
    chunk.skip = texts.first().map_or(0, |text| text.skip);
    chunk
}

/// Which lines go with which of the footnotes `first..=last`: a footnote starts at each anchor
/// that leaves room for the footnotes before it, and where footnotes have no anchor, at the
/// line breaks that most look like the end of one note and the start of the next. Returns each
/// footnote with its range of `texts` (empty when there were more numbers than lines).
fn assign(
    lines: &[Line<'_>],
    texts: &[NoteLine],
    first: u32,
    last: u32,
) -> Vec<(u32, Range<usize>)> {
    // Anchors kept: (position in texts, number), in increasing order of both.
    let mut anchors: Vec<(usize, u32)> = Vec::new();
    for (position, text) in texts.iter().enumerate() {
        let Some(number) = text.anchor else {
            continue;
        };
        let (room, needed) = match anchors.last() {
            Some(&(at, previous)) => (
                position.checked_sub(at + 1),
                number.checked_sub(previous + 1),
            ),
            None => (Some(position), number.checked_sub(first)),
        };
        let fits = matches!((room, needed), (Some(room), Some(needed)) if room >= needed as usize);
        let leaves_room = texts.len() - position > (last - number) as usize;
        if fits && leaves_room && number <= last {
            anchors.push((position, number));
        }
    }
    // Lines above the first anchor belong to the first footnote.
    let mut bounds: Vec<(usize, u32)> = vec![(0, first)];
    bounds.extend(anchors.into_iter().filter(|&(_, number)| number > first));
    bounds.push((texts.len(), last + 1));
    let mut assigned = Vec::new();
    for pair in bounds.windows(2) {
        let ((from, number), (to, next)) = (pair[0], pair[1]);
        let starts = note_starts(lines, &texts[from..to], (next - number) as usize);
        let mut offsets: Vec<usize> = starts.into_iter().map(|start| from + start).collect();
        offsets.push(to);
        for (k, window) in offsets.windows(2).enumerate() {
            assigned.push((number + k as u32, window[0]..window[1]));
        }
        // More numbers than lines: the last ones get no text.
        for k in offsets.len() - 1..(next - number) as usize {
            assigned.push((number + k as u32, to..to));
        }
    }
    assigned
}

/// Where `count` footnotes start among consecutive note lines: at the first line, then at the
/// `count - 1` line breaks that most look like the end of one note and the start of another.
fn note_starts(lines: &[Line<'_>], texts: &[NoteLine], count: usize) -> Vec<usize> {
    if texts.is_empty() || count == 0 {
        return Vec::new();
    }
    let widest = texts
        .iter()
        .map(|text| right_edge(&lines[text.index]))
        .max()
        .unwrap_or(0);
    let mut breaks: Vec<(i32, usize)> = (1..texts.len())
        .map(|position| {
            let before = &lines[texts[position - 1].index];
            let after = lines[texts[position].index].text.trim();
            (note_break_score(before, after, widest), position)
        })
        .collect();
    breaks.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut starts: Vec<usize> = breaks
        .into_iter()
        .take(count - 1)
        .map(|(_, position)| position)
        .collect();
    starts.push(0);
    starts.sort_unstable();
    starts
}

/// How much a line break looks like the end of one note and the start of the next.
fn note_break_score(before: &Line<'_>, after: &str, widest: usize) -> i32 {
    let ended = before.text.trim_end();
    let mut score = 0;
    if ended.ends_with(['.', ')', '”', '"']) {
        score += 3;
    } else if ended.ends_with([',', ';', ':', '-']) || ended.ends_with(char::is_lowercase) {
        score -= 3;
    }
    if after
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"'))
    {
        score += 1;
    }
    if right_edge(before) * 10 < widest * 8 {
        score += 2;
    }
    score
}

/// Groups the body lines of the pages into paragraphs, headings and tables.
struct Body<'c, 'a> {
    context: &'c Context,
    mode: Mode,
    items: Vec<Item<'a>>,
    /// The paragraph being read; in `-layout` output it may go on after a page break.
    current: Option<Chunk<'a>>,
    /// The last line read into it, and the geometry of its page.
    previous: Option<(Line<'a>, Option<Geometry>)>,
    /// A blank line stood since the last text line of the page: space that `-layout` output
    /// shows around headings.
    after_blank: bool,
    /// In reading-order text, a paragraph's last line that may have been printed before its
    /// first (see [`is_displaced_tail`]), held until the next paragraph says.
    held: Option<Held<'a>>,
    /// Where the first text line of the page being read starts: a line there that goes on
    /// from the page before is no displaced tail.
    page_top: Option<usize>,
}

impl<'a> Body<'_, 'a> {
    fn page(&mut self, lines: &[Line<'a>], body: Range<usize>, geometry: Option<Geometry>) {
        let mut on_page = false;
        for index in body.clone() {
            let line = lines[index];
            match line.kind {
                LineKind::Text => {
                    self.text_line(line, geometry, on_page);
                    on_page = true;
                }
                // A number alone inside the text is a footnote call that the conversion set on
                // a line of its own; at the edge of a page it is the page number.
                LineKind::LoneNumber if !at_page_edge(lines, body.clone(), index) => {
                    if let Some(current) = self.current.as_mut()
                        && on_page
                    {
                        current.lines.push(Line {
                            kind: LineKind::Text,
                            ..line
                        });
                    }
                }
                LineKind::Blank | LineKind::Furniture | LineKind::LoneNumber => {
                    if self.mode == Mode::Flowing && line.kind != LineKind::Furniture {
                        self.flush_unless_label();
                    }
                    self.after_blank |= line.kind == LineKind::Blank && on_page;
                }
                // The rule ends the body of the page; the page's end decides.
                LineKind::FootnoteSeparator => {}
                LineKind::PageBreak | LineKind::Heading => self.flush_unless_label(),
            }
        }
    }

    /// A page ends: in reading-order text the paragraph ends with it (the layout walk joins
    /// what the break cut); `-layout` text tells on the next page.
    fn end_page(&mut self) {
        if self.mode == Mode::Flowing {
            self.flush_unless_label();
        }
        self.release_held();
        self.items.push(Item::PageBreak);
    }

    fn text_line(&mut self, line: Line<'a>, geometry: Option<Geometry>, on_page: bool) {
        if !on_page {
            self.page_top = Some(line.start);
        }
        let Some(current) = self.current.as_mut() else {
            self.current = Some(Chunk::new(vec![line]));
            self.previous = Some((line, geometry));
            return;
        };
        let (previous, previous_geometry) = self.previous.unwrap_or((line, geometry));
        let label_alone = current.lines.len() == 1 && is_label_alone(current.lines[0].text.trim());
        let after_blank = std::mem::take(&mut self.after_blank) && on_page;
        let splits = !label_alone
            && match (self.mode, geometry) {
                (Mode::Layout, Some(geometry)) => {
                    // Space above a line at the margin: a heading or paragraph before it ended.
                    let ended = previous.text.trim_end().ends_with(['.', ':', ';'])
                        || geometry.ends_short(&previous);
                    (after_blank && ended)
                        || starts_laid_out_paragraph(
                            current,
                            previous_geometry,
                            &line,
                            geometry,
                            self.context,
                        )
                }
                _ => starts_new_paragraph(&previous, &line, self.context),
            };
        if splits {
            if self.mode == Mode::Flowing
                && leading_label(line.text.trim(), LabelSyntax::Running).is_some()
            {
                self.split_off_heading();
            }
            self.flush();
            self.current = Some(Chunk::new(vec![line]));
        } else if on_page {
            current.lines.push(line);
        } else {
            current.continue_with(Chunk::new(vec![line]));
        }
        self.previous = Some((line, geometry));
    }

    /// Before a numbered paragraph, the lines of the paragraph being read that follow its last
    /// clause end and start with a capital, but end no clause themselves, are a heading that
    /// reading order ran on: `Acting under Chapter VII of the Charter of the United Nations,` /
    /// `Political process, including the implementation of the APPR` / `1. Encourages ...`.
    fn split_off_heading(&mut self) {
        const HEADING_LINES: usize = 3;
        let Some(current) = self.current.as_mut() else {
            return;
        };
        let footnotes = &self.context.footnotes;
        let ends_clause = |line: &Line<'_>| {
            let text = without_spaced_call(without_trailing_calls(line.text.trim()), footnotes);
            text.ends_with(['.', ',', ';', ':']) && !is_label_alone(text)
        };
        let Some(last_end) = current.lines.iter().rposition(ends_clause) else {
            return;
        };
        let heading = &current.lines[last_end + 1..];
        let fits = !heading.is_empty()
            && heading.len() <= HEADING_LINES
            && starts_upper(heading[0].text.trim())
            && leading_label(heading[0].text.trim(), LabelSyntax::Running).is_none()
            && current.breaks.iter().all(|&at| at <= last_end);
        if fits {
            let heading = Chunk::new(current.lines.split_off(last_end + 1));
            self.flush();
            self.current = Some(heading);
        }
    }

    fn flush_unless_label(&mut self) {
        let label_alone = self.current.as_ref().is_some_and(|current| {
            current.lines.len() == 1 && is_label_alone(current.lines[0].text.trim())
        });
        if !label_alone {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let Some(chunk) = self.current.take() else {
            return;
        };
        if self.mode == Mode::Flowing {
            if let Some(held) = self.held.take() {
                if opens_before_its_tail(&chunk, held.tail, self.context) {
                    let (before, tail) = held.split();
                    if let Some(before) = before {
                        self.push_item(before);
                    }
                    self.push_item(with_displaced_tail(chunk, tail));
                    return;
                }
                self.push_item(held.chunk);
            }
            let at_page_top = chunk.lines.first().map(|line| line.start) == self.page_top;
            if is_displaced_tail(&chunk, self.context) && !at_page_top {
                self.held = Some(Held {
                    chunk,
                    tail: Tail::Whole,
                });
                return;
            }
            if ends_with_displaced_tail(&chunk, self.context) {
                self.held = Some(Held {
                    chunk,
                    tail: Tail::LastLine,
                });
                return;
            }
        }
        self.push_item(chunk);
    }

    fn release_held(&mut self) {
        if let Some(held) = self.held.take() {
            self.push_item(held.chunk);
        }
    }

    fn push_item(&mut self, chunk: Chunk<'a>) {
        // A footnote marked as such (`¹ See ...`) where the conversion kept superscripts.
        let first = chunk
            .lines
            .first()
            .map_or("", |line| line.text.trim_start());
        let item = if let Some((number, marker_len)) = starts_with_footnote_marker(first) {
            let mut chunk = chunk;
            chunk.skip = chunk.lines[0].text.len() - first.len() + marker_len;
            Item::Footnote { number, chunk }
        } else if is_table(&chunk.lines, SourceFormat::PlainText) {
            Item::Table(chunk)
        } else if self.follows_annex_line() && is_annex_title(&chunk) {
            Item::Heading(chunk)
        } else {
            Item::Paragraph(chunk)
        };
        self.items.push(item);
    }

    /// Whether the last item is an `Annex` line.
    fn follows_annex_line(&self) -> bool {
        matches!(
            self.items.last(),
            Some(Item::Paragraph(chunk) | Item::Heading(chunk))
                if chunk.lines.len() == 1 && is_annex_line(chunk.lines[0].text.trim())
        )
    }
}

/// The lines under an `Annex` line that do not end a clause are the annex's title, however long
/// (`Provisional rules of procedure of the United Nations Conference on ... 2018–2028`).
fn is_annex_title(chunk: &Chunk<'_>) -> bool {
    const TITLE_LINES: usize = 5;
    let (Some(first), Some(last)) = (chunk.lines.first(), chunk.lines.last()) else {
        return false;
    };
    chunk.lines.len() <= TITLE_LINES
        && leading_label(first.text.trim(), LabelSyntax::Running).is_none()
        && !last.text.trim_end().ends_with(['.', ',', ';', ':'])
}

/// Reading-order `pdftotext` sometimes prints the last line of a paragraph before its first,
/// each set apart by blank lines: `Unidas,` / `Guiada por los propósitos ... de la Carta de las
/// Naciones`, or `8.` / `meeting;` / `Invites the Inter-Parliamentary Union to contribute`. The
/// tail is a short line that closes a clause and cannot open a paragraph, after the paragraph's
/// label alone if it has one, and before the digits of a call set apart.
fn is_displaced_tail(chunk: &Chunk<'_>, context: &Context) -> bool {
    let texts: Vec<&str> = chunk.lines.iter().map(|line| line.text.trim()).collect();
    let texts = match texts.as_slice() {
        [label, rest @ ..] if is_label_alone(label) => rest,
        all => all,
    };
    let Some((tail, calls)) = texts.split_first() else {
        return false;
    };
    let calls_apart = calls
        .iter()
        .all(|call| call.len() <= 3 && call.bytes().all(|b| b.is_ascii_digit()));
    let language = context.language;
    calls_apart
        && tail.chars().count() * 2 < context.wrap_width
        && tail.ends_with([',', ';', '.', ':'])
        && leading_label(tail, LabelSyntax::Running).is_none()
        && !is_label_alone(tail)
        && !is_enacting_formula(tail)
        && !is_closing_line(tail, language)
        && lexicon::opening_phrase(language, tail).is_none_or(|opening| opening.start > 0)
}

/// A paragraph held back because the next may claim its tail.
struct Held<'a> {
    chunk: Chunk<'a>,
    tail: Tail,
}

/// Which lines of a held paragraph may be another's tail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tail {
    /// All of it: it stood alone between blank lines.
    Whole,
    /// Its last line, run on after a line that closed the paragraph (`…clausura;` /
    /// `posible;`).
    LastLine,
}

impl<'a> Held<'a> {
    /// What stays where it was printed, and the tail.
    fn split(self) -> (Option<Chunk<'a>>, Chunk<'a>) {
        match self.tail {
            Tail::Whole => (None, self.chunk),
            Tail::LastLine => {
                let mut before = self.chunk;
                let tail = before.lines.split_off(before.lines.len() - 1);
                (Some(before), Chunk::new(tail))
            }
        }
    }
}

/// A paragraph whose last line reads as another's displaced tail: the line before it closed
/// the paragraph already (`;` or `.`), on the same page.
fn ends_with_displaced_tail(chunk: &Chunk<'_>, context: &Context) -> bool {
    let [.., before, last] = chunk.lines.as_slice() else {
        return false;
    };
    let closed = without_spaced_call(
        without_trailing_calls(before.text.trim()),
        &context.footnotes,
    )
    .ends_with([';', '.']);
    let last_run_starts = chunk.breaks.last().copied().unwrap_or(0);
    closed
        && last_run_starts < chunk.lines.len() - 1
        && !is_label_alone(before.text.trim())
        && is_displaced_tail(&Chunk::new(vec![*last]), context)
}

/// The first line of a paragraph whose tail was printed before it: alone between blank lines,
/// opening with a capital or a label and a capital, most of a line wide, and cut off before the
/// end of a clause.
fn opens_before_its_tail(chunk: &Chunk<'_>, tail: Tail, context: &Context) -> bool {
    let [line] = chunk.lines.as_slice() else {
        return false;
    };
    let text = line.text.trim();
    // A tail that stood alone brings the paragraph's label with it.
    (text.starts_with(char::is_uppercase) || (tail == Tail::LastLine && label_then_capital(text)))
        && text.chars().count() * 10 >= context.wrap_width * 6
        && !text.ends_with(['.', ',', ';', ':', ')', ']', '”', '"', '’'])
        && !is_enacting_formula(text)
}

/// The paragraph put back in order: the tail's label first, then the first line, then the tail.
fn with_displaced_tail<'a>(first: Chunk<'a>, tail: Chunk<'a>) -> Chunk<'a> {
    let mut tail_lines = tail.lines;
    let label = tail_lines
        .first()
        .filter(|line| is_label_alone(line.text.trim()) && tail_lines.len() > 1)
        .copied();
    let mut lines = Vec::new();
    if let Some(label) = label {
        tail_lines.remove(0);
        lines.push(label);
    }
    lines.extend(first.lines);
    let mut chunk = Chunk::new(lines);
    chunk.continue_with(Chunk::new(tail_lines));
    chunk
}

/// A lone number just before or after the edge of the body of a page is a page number.
fn at_page_edge(lines: &[Line<'_>], body: Range<usize>, index: usize) -> bool {
    let significant =
        |line: &&Line<'_>| !matches!(line.kind, LineKind::Blank | LineKind::Furniture);
    let before = lines[body.start..index].iter().find(significant).is_none();
    let after = lines[index + 1..body.end]
        .iter()
        .find(significant)
        .is_none();
    before || after
}

/// In `-layout` text a paragraph starts at an indented line (a first line, a centred heading),
/// except where a heading wrapped onto a second line or a table goes on over another row, and
/// at the lines that always stand alone.
fn starts_laid_out_paragraph(
    current: &Chunk<'_>,
    previous_geometry: Option<Geometry>,
    line: &Line<'_>,
    geometry: Geometry,
    context: &Context,
) -> bool {
    let Some(previous) = current.lines.last() else {
        return true;
    };
    let (previous_text, text) = (previous.text.trim(), line.text.trim());
    if is_enacting_formula(previous_text)
        || is_enacting_formula(text)
        || is_annex_line(previous_text)
        || is_annex_line(text)
        || is_closing_line(text, context.language)
    {
        return true;
    }
    if content_cell_count(previous_text) >= 2 && content_cell_count(text) >= 2 {
        return false;
    }
    if !geometry.is_indented(line) {
        return false;
    }
    // A centred heading too wide for one line goes on, centred, on the next: never at the
    // first-line indent, with a label or an opening phrase.
    let previous_geometry = previous_geometry.unwrap_or(geometry);
    let heading_so_far = current.lines.len() <= 2
        && current
            .lines
            .iter()
            .all(|line| !line.text.trim_end().ends_with(['.', ',', ';', ':']));
    let heading_goes_on = heading_so_far
        && previous_geometry.is_wide(previous)
        && !geometry.is_first_line(line)
        && leading_label(text, LabelSyntax::Running).is_none()
        && lexicon::opening_phrase(context.language, text).is_none();
    !heading_goes_on
}
