//! What `resalign check` and `resalign align` print on a terminal: the findings with short
//! excerpts of both languages ([`CheckView`]), and the links as a table ([`AlignmentView`]).
//!
//! `resalign check` prints one block per finding, errors first, then warnings, then notes, and
//! within a severity by code, in the order of [`FindingCode::ALL`]:
//!
//! ```text
//! error[merged-in-spanish]: Operative paragraphs 12 and 13 of the English text are one paragraph in the Spanish text (op.12, op.13 → op.12)
//!     en op.12  Acknowledges the important role of civil society organizations in…
//!     en op.13  Invites Member States and other donors to provide extrabudgetary…
//!     es op.12  Reconoce la importante función de las organizaciones de la sociedad…
//!
//! error[anchor-differs]: Resolution number differs: English 64/293, Spanish 64/239 (pre.3)
//!     en pre.3  …Assembly in its resolution «64/293» of 30 July 2010, and…
//!     es pre.3  …General en su resolución «64/239», de 30 de julio de 2010, y…
//!
//! 5 errors, 0 warnings, 0 notes in 30 aligned paragraph pairs
//! ```
//!
//! Each language gets a line per marked stretch of a unit or footnote: the marked text (the
//! anchor that differs) between `«` and `»`, or in reverse video with [`Styling::Ansi`], and
//! about 30 characters on each side, cut between words and on character boundaries, `…` where
//! text was cut. A unit or footnote without marks shows its beginning; a finding about the
//! masthead or the closing lines shows the source text it points at and the line that text
//! starts on (`en line 54  *50th plenary meeting 19 December 2023*`); a language the finding has
//! nothing in shows `(no counterpart)`. Findings of severity `info` are printed as `note`. The
//! last line counts findings by severity and the links with units in both languages.
//!
//! [`FindingCode::ALL`]: resalign_align::FindingCode::ALL

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Display, Formatter};

use resalign_align::{Alignment, Finding, Link, Mark, MarkTarget, PairVerdict, Side};
use resalign_core::{Document, Language, Severity, Span};

use crate::report::{Lookup, SeverityCounts, footnote_id, paired_links};

/// Whether the text may carry ANSI escape sequences. The CLI decides: `Ansi` when standard
/// output is a terminal and `NO_COLOR` is not set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Styling {
    /// Text only; marks between `«` and `»`.
    #[default]
    Plain,
    /// Colours for severities, reverse video for marks.
    Ansi,
}

/// Characters of context shown on each side of a mark.
const CONTEXT_CHARACTERS: usize = 30;

/// Characters shown of a unit that has no mark.
const OPENING_CHARACTERS: usize = 72;

/// The findings of a pair as `resalign check` prints them; use it with `{}` or `to_string()`.
pub struct CheckView<'a> {
    en: &'a Document,
    es: &'a Document,
    alignment: &'a Alignment,
    findings: &'a [Finding],
    styling: Styling,
    known_findings: usize,
}

impl<'a> CheckView<'a> {
    pub fn new(
        en: &'a Document,
        es: &'a Document,
        alignment: &'a Alignment,
        findings: &'a [Finding],
    ) -> Self {
        CheckView {
            en,
            es,
            alignment,
            findings,
            styling: Styling::default(),
            known_findings: 0,
        }
    }

    pub fn styling(&mut self, styling: Styling) -> &mut Self {
        self.styling = styling;
        self
    }

    /// How many findings a baseline left out, for the last line to say so.
    pub fn known_findings(&mut self, count: usize) -> &mut Self {
        self.known_findings = count;
        self
    }

    fn write_finding(
        &self,
        f: &mut Formatter<'_>,
        finding: &Finding,
        (en, es): (&Lookup<'_>, &Lookup<'_>),
    ) -> fmt::Result {
        let paint = Paint(self.styling);
        writeln!(
            f,
            "{}{}: {}",
            paint.severity(finding.severity, severity_label(finding.severity)),
            paint.bold(format!("[{}]", finding.code)),
            printable(&finding.message)
        )?;
        self.write_side(f, Language::En, &finding.en, en)?;
        self.write_side(f, Language::Es, &finding.es, es)
    }

    /// A run of findings with one cause shows where the run starts and ends, not every unit.
    fn shown_lines<'d>(side: &Side, document: &Lookup<'d>) -> Vec<ShownLine<'d>> {
        let lines = excerpt_lines(side, document);
        if lines.len() <= RUN_EXCERPTS + 1 {
            return lines.into_iter().map(ShownLine::Excerpt).collect();
        }
        let left_out = lines.len() - RUN_EXCERPTS;
        let mut shown: Vec<ShownLine<'d>> = Vec::with_capacity(RUN_EXCERPTS + 1);
        let mut lines = lines.into_iter();
        shown.extend(
            lines
                .by_ref()
                .take(RUN_EXCERPTS - 1)
                .map(ShownLine::Excerpt),
        );
        shown.push(ShownLine::LeftOut(left_out));
        shown.extend(lines.last().map(ShownLine::Excerpt));
        shown
    }

    fn write_side(
        &self,
        f: &mut Formatter<'_>,
        language: Language,
        side: &Side,
        document: &Lookup<'_>,
    ) -> fmt::Result {
        let paint = Paint(self.styling);
        let lines = Self::shown_lines(side, document);
        if lines.is_empty() {
            return writeln!(f, "    {} {}", language, paint.dim("(no counterpart)"));
        }
        for line in lines {
            match line {
                ShownLine::Excerpt(line) => writeln!(
                    f,
                    "    {} {}  {}",
                    language,
                    paint.dim(printable(&line.target)),
                    line.render(paint)
                )?,
                ShownLine::LeftOut(count) => writeln!(
                    f,
                    "    {} {}",
                    language,
                    paint.dim(format!("… {count} more"))
                )?,
            }
        }
        Ok(())
    }

    fn write_summary(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let counts = SeverityCounts::of(self.findings);
        write!(
            f,
            "{}, {}, {} in {}",
            plural(counts.error, "error", "errors"),
            plural(counts.warning, "warning", "warnings"),
            plural(counts.info, "note", "notes"),
            plural(
                paired_links(self.alignment),
                "aligned paragraph pair",
                "aligned paragraph pairs"
            )
        )?;
        if self.known_findings > 0 {
            write!(
                f,
                "; {} in the baseline not shown",
                plural(self.known_findings, "finding", "findings")
            )?;
        }
        writeln!(f)
    }
}

impl Display for CheckView<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut ordered: Vec<&Finding> = self.findings.iter().collect();
        ordered.sort_by_key(|finding| (std::cmp::Reverse(finding.severity), finding.code));
        let (en, es) = (Lookup::new(self.en), Lookup::new(self.es));
        for finding in ordered {
            self.write_finding(f, finding, (&en, &es))?;
            writeln!(f)?;
        }
        self.write_summary(f)
    }
}

/// How many excerpts a side of a long finding shows: the first ones and the last.
const RUN_EXCERPTS: usize = 3;

/// A line of a finding's side: an excerpt, or how many excerpts were left out between.
enum ShownLine<'d> {
    Excerpt(ExcerptLine<'d>),
    LeftOut(usize),
}

/// The text with control characters made U+FFFD: a document must not be able to send escape
/// sequences to the reader's terminal. For every writer whose output a terminal may show.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|character| {
                if character.is_control() {
                    char::REPLACEMENT_CHARACTER
                } else {
                    character
                }
            })
            .collect(),
    )
}

/// Information is a note, as compilers call it, here and in the summary.
fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

/// One line of an excerpt: which unit or footnote, and pieces of its text, some marked.
struct ExcerptLine<'d> {
    target: String,
    pieces: Vec<Piece<'d>>,
}

enum Piece<'d> {
    Plain(Cow<'d, str>),
    Marked(&'d str),
    /// Text was left out here.
    Cut,
}

impl ExcerptLine<'_> {
    fn render(&self, paint: Paint) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Plain(text) => printable(text).into_owned(),
                Piece::Marked(text) => paint.mark(&printable(text)),
                Piece::Cut => "…".to_owned(),
            })
            .collect()
    }
}

/// The excerpt lines of one language's side of a finding: a line per stretch of marks, or the
/// opening of each unit and footnote when the side has no usable mark.
fn excerpt_lines<'d>(side: &Side, document: &Lookup<'d>) -> Vec<ExcerptLine<'d>> {
    let mut targets: Vec<MarkTarget> = Vec::new();
    for mark in &side.marks {
        if !targets.contains(&mark.target) {
            targets.push(mark.target.clone());
        }
    }
    let marked: Vec<ExcerptLine<'d>> = targets
        .iter()
        .flat_map(|target| marked_lines(target, &side.marks, document))
        .collect();
    if !marked.is_empty() {
        return marked;
    }
    let units = side.units.iter().cloned().map(MarkTarget::Unit);
    let footnotes = side.footnotes.iter().copied().map(MarkTarget::Footnote);
    let openings: Vec<ExcerptLine<'d>> = units
        .chain(footnotes)
        .filter_map(|target| opening_line(&target, document))
        .collect();
    if !openings.is_empty() {
        return openings;
    }
    side.spans
        .iter()
        .map(|span| source_line(*span, document.document()))
        .collect()
}

/// One side of a finding as the terminal shows it, without colour: a line per excerpt, each
/// starting with its unit or footnote (`pre.3 …resolution «64/293» of…`); empty when the finding
/// has nothing in this language. What spreadsheets show in their excerpt columns.
pub(crate) fn plain_excerpt(side: &Side, document: &Lookup<'_>) -> String {
    let lines: Vec<String> = excerpt_lines(side, document)
        .iter()
        .map(|line| format!("{}  {}", line.target, line.render(Paint(Styling::Plain))))
        .collect();
    lines.join("\n")
}

/// A finding about the masthead or closing points at source text outside every unit: show that
/// text, on one line, with the line number it starts on.
fn source_line(span: Span, document: &Document) -> ExcerptLine<'static> {
    let line_number = document
        .source
        .get(..span.start)
        .map_or(0, |before| before.matches('\n').count())
        + 1;
    let text = document
        .slice(span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let end = cut_end(&text, OPENING_CHARACTERS);
    let mut pieces = vec![Piece::Plain(Cow::Owned(text[..end].trim_end().to_owned()))];
    if end < text.len() {
        pieces.push(Piece::Cut);
    }
    ExcerptLine {
        target: format!("line {line_number}"),
        pieces,
    }
}

fn target_name(target: &MarkTarget) -> String {
    match target {
        MarkTarget::Unit(id) => id.to_string(),
        MarkTarget::Footnote(number) => footnote_id(*number),
    }
}

fn opening_line<'d>(target: &MarkTarget, document: &Lookup<'d>) -> Option<ExcerptLine<'d>> {
    let text = document.target_text(target)?;
    let end = cut_end(text, OPENING_CHARACTERS);
    let mut pieces = vec![Piece::Plain(Cow::Borrowed(text[..end].trim_end()))];
    if end < text.len() {
        pieces.push(Piece::Cut);
    }
    Some(ExcerptLine {
        target: target_name(target),
        pieces,
    })
}

/// A line per cluster of marks in one unit or footnote: marks close enough to share their
/// context are shown together.
fn marked_lines<'d>(
    target: &MarkTarget,
    marks: &[Mark],
    document: &Lookup<'d>,
) -> Vec<ExcerptLine<'d>> {
    let Some(text) = document.target_text(target) else {
        return Vec::new();
    };
    let ranges: Vec<(usize, usize)> = marks
        .iter()
        .filter(|mark| &mark.target == target)
        .map(|mark| (mark.range.start, mark.range.end))
        .filter(|&(start, end)| {
            start <= end && text.is_char_boundary(start) && text.is_char_boundary(end)
        })
        .collect();
    let ranges = merged(ranges);
    clusters(text, &ranges)
        .into_iter()
        .map(|cluster| ExcerptLine {
            target: target_name(target),
            pieces: cluster_pieces(text, cluster),
        })
        .collect()
}

/// The ranges sorted, overlapping ones made one, so that no text is marked twice.
fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start < last.1 || (start, end) == *last => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Sorted, disjoint mark ranges grouped so that the gap inside a group is at most twice the context.
fn clusters<'r>(text: &str, ranges: &'r [(usize, usize)]) -> Vec<&'r [(usize, usize)]> {
    let mut groups = Vec::new();
    let mut first = 0;
    for index in 1..=ranges.len() {
        let splits_here = ranges.get(index).is_none_or(|&(start, _)| {
            let previous_end = ranges[index - 1].1;
            text[previous_end..start].chars().count() > 2 * CONTEXT_CHARACTERS
        });
        if splits_here && index > first {
            groups.push(&ranges[first..index]);
            first = index;
        }
    }
    groups
}

fn cluster_pieces<'d>(text: &'d str, cluster: &[(usize, usize)]) -> Vec<Piece<'d>> {
    let (Some(&(first_start, _)), Some(&(_, last_end))) = (cluster.first(), cluster.last()) else {
        return Vec::new();
    };
    let start = back(text, first_start, CONTEXT_CHARACTERS);
    let start = if start > 0 {
        word_start_after(text, start, first_start)
    } else {
        start
    };
    let end = forward(text, last_end, CONTEXT_CHARACTERS);
    let end = if end < text.len() {
        word_end_before(text, last_end, end)
    } else {
        end
    };
    let mut pieces = Vec::new();
    if start > 0 {
        pieces.push(Piece::Cut);
    }
    let mut position = start;
    for &(mark_start, mark_end) in cluster {
        pieces.push(Piece::Plain(Cow::Borrowed(&text[position..mark_start])));
        pieces.push(Piece::Marked(&text[mark_start..mark_end]));
        position = mark_end;
    }
    pieces.push(Piece::Plain(Cow::Borrowed(&text[position..end])));
    if end < text.len() {
        pieces.push(Piece::Cut);
    }
    pieces
}

/// The byte offset `count` characters before `from`, or 0.
fn back(text: &str, from: usize, count: usize) -> usize {
    if count == 0 {
        return from;
    }
    text[..from]
        .char_indices()
        .rev()
        .take(count)
        .last()
        .map_or(from, |(index, _)| index)
}

/// The byte offset `count` characters after `from`, or the end of the text.
fn forward(text: &str, from: usize, count: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(index, _)| from + index)
}

/// Where to cut `text` to show at most about `characters` of it, between words: its length
/// when it is short enough.
fn cut_end(text: &str, characters: usize) -> usize {
    let end = forward(text, 0, characters);
    if end < text.len() {
        word_end_before(text, 0, end)
    } else {
        end
    }
}

/// Where the first whole word after `start` begins, if one begins before `limit`; else `start`.
fn word_start_after(text: &str, start: usize, limit: usize) -> usize {
    text[start..limit]
        .char_indices()
        .find(|(_, character)| character.is_whitespace())
        .map_or(start, |(index, character)| {
            start + index + character.len_utf8()
        })
}

/// Where the last whole word before `end` ends, if that is after `limit`; else `end`.
fn word_end_before(text: &str, limit: usize, end: usize) -> usize {
    text[limit..end]
        .char_indices()
        .rev()
        .find(|(_, character)| character.is_whitespace())
        .map_or(end, |(index, _)| limit + index)
}

/// ANSI styling, or none.
#[derive(Clone, Copy)]
struct Paint(Styling);

impl Paint {
    fn wrap(self, code: &str, text: impl Display) -> String {
        match self.0 {
            Styling::Plain => text.to_string(),
            Styling::Ansi => format!("\x1b[{code}m{text}\x1b[0m"),
        }
    }

    fn severity(self, severity: Severity, text: impl Display) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(code, text)
    }

    fn bold(self, text: impl Display) -> String {
        self.wrap("1", text)
    }

    fn dim(self, text: impl Display) -> String {
        self.wrap("2", text)
    }

    fn mark(self, text: &str) -> String {
        match self.0 {
            Styling::Plain => format!("«{text}»"),
            Styling::Ansi => format!("\x1b[7m{text}\x1b[0m"),
        }
    }
}

/// Characters of each language's text in a row of the alignment table.
const ROW_TEXT_CHARACTERS: usize = 36;

/// The links of a pair as `resalign align` prints them: a line per link with both sides' ids,
/// the shape, the score and the beginning of both texts, then a count of the shapes.
///
/// ```text
/// E/RES/2013/41 (en, markdown) ↔ E/RES/2013/41 (es, markdown): same resolution
/// pre.1        pre.1        1-1  0.999  Reiterating its strong…                Reiterando su enérgica condena de…
/// op.9         —            1-0  0.796  Requests the United Nations Office…
/// op.12+op.13  op.12        2-1  1.000  Acknowledges the important role of…    Reconoce la importante función de…
/// 31 links: 1 1-0, 29 1-1, 1 2-1; 7 footnote links
/// ```
pub struct AlignmentView<'a> {
    en: &'a Document,
    es: &'a Document,
    alignment: &'a Alignment,
    styling: Styling,
}

impl<'a> AlignmentView<'a> {
    pub fn new(en: &'a Document, es: &'a Document, alignment: &'a Alignment) -> Self {
        AlignmentView {
            en,
            es,
            alignment,
            styling: Styling::default(),
        }
    }

    /// With [`Styling::Ansi`], links with one side empty are shown in yellow.
    pub fn styling(&mut self, styling: Styling) -> &mut Self {
        self.styling = styling;
        self
    }

    fn write_header(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let verdict = match &self.alignment.verdict {
            PairVerdict::SameResolution => "same resolution".to_owned(),
            PairVerdict::DifferentResolutions { reasons } => {
                format!("different resolutions ({})", reasons.join("; "))
            }
        };
        writeln!(
            f,
            "{} ↔ {}: {}",
            printable(&document_name(self.en)),
            printable(&document_name(self.es)),
            Paint(self.styling).bold(verdict)
        )
    }

    fn write_row(
        &self,
        f: &mut Formatter<'_>,
        link: &Link,
        (en, es): (&Lookup<'_>, &Lookup<'_>),
        id_width: usize,
    ) -> fmt::Result {
        let ids = |ids: &[resalign_core::UnitId]| {
            if ids.is_empty() {
                "—".to_owned()
            } else {
                ids.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("+")
            }
        };
        let en_text = row_text(en, &link.en);
        let es_text = row_text(es, &link.es);
        let row = format!(
            "{:<id_width$} {:<id_width$} {}  {:.3}  {:<text_width$}  {}",
            ids(&link.en),
            ids(&link.es),
            link.shape(),
            link.score,
            printable(&en_text),
            printable(&es_text),
            text_width = ROW_TEXT_CHARACTERS + 1
        );
        let row = row.trim_end();
        if link.en.is_empty() || link.es.is_empty() {
            writeln!(
                f,
                "{}",
                Paint(self.styling).severity(Severity::Warning, row)
            )
        } else {
            writeln!(f, "{row}")
        }
    }

    fn write_totals(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
        for link in &self.alignment.links {
            *shapes.entry(link.shape().to_string()).or_insert(0) += 1;
        }
        let shapes: Vec<String> = shapes
            .iter()
            .map(|(shape, count)| format!("{count} {shape}"))
            .collect();
        writeln!(
            f,
            "{}: {}; {}",
            plural(self.alignment.links.len(), "link", "links"),
            shapes.join(", "),
            plural(
                self.alignment.footnote_links.len(),
                "footnote link",
                "footnote links"
            )
        )
    }
}

impl Display for AlignmentView<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.write_header(f)?;
        let id_width = self
            .alignment
            .links
            .iter()
            .flat_map(|link| [&link.en, &link.es])
            .map(|ids| {
                ids.iter()
                    .map(|id| id.as_str().chars().count() + 1)
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(1)
            .clamp(2, 24);
        let (en, es) = (Lookup::new(self.en), Lookup::new(self.es));
        for link in &self.alignment.links {
            self.write_row(f, link, (&en, &es), id_width)?;
        }
        self.write_totals(f)
    }
}

fn document_name(document: &Document) -> String {
    let symbol = document
        .metadata
        .symbol
        .as_ref()
        .map_or("(no symbol)", |symbol| symbol.value.as_str());
    format!("{symbol} ({}, {})", document.language, document.format)
}

/// The beginning of the units' text, cut between words to fit a table column.
fn row_text(document: &Lookup<'_>, ids: &[resalign_core::UnitId]) -> String {
    let text = ids
        .iter()
        .filter_map(|id| document.unit(id.as_str()))
        .map(|unit| unit.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let end = cut_end(&text, ROW_TEXT_CHARACTERS - 1);
    if end == text.len() {
        return text;
    }
    format!("{}…", text[..end].trim_end())
}
