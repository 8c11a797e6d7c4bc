//! Splits converted text into lines and recognises the page furniture a PDF conversion leaves:
//! page breaks, running heads, page numbers, job numbers, barcodes and footnote separators.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::SourceFormat;

use crate::layout::is_enacting_formula;

/// One line of the source, without its line ending.
#[derive(Clone, Copy, Debug)]
pub(super) struct Line<'a> {
    pub text: &'a str,
    /// Byte offset of `text` in the source.
    pub start: usize,
    pub kind: LineKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineKind {
    Blank,
    /// A form feed, or a markdown `---` rule where the converter marked a page break.
    PageBreak,
    /// A `____` rule above the footnotes at the bottom of a page.
    FootnoteSeparator,
    /// A markdown `#` heading; the text is what follows the hashes.
    Heading,
    /// Running heads, page numbers, job numbers, barcodes: dropped.
    Furniture,
    /// A number alone on its line: a page number at a page edge, or in plain text the number of
    /// the footnote whose text follows.
    LoneNumber,
    Text,
}

static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,3}/\d{1,3}|-\s?\d{1,3}\s?-)$").expect("static regex"));
static JOB_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{2}-\d{4,6}\s*(?:\(\w\))?(?:\s+\d{6})?(?:\s+\*\d+\*)?|\d{6})$")
        .expect("static regex")
});
/// A document symbol standing alone, as running heads print it: `A/RES/72/195`,
/// `S/RES/2532 (2020)`.
static SYMBOL_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?: \(\d{4}\))?\*?$")
        .expect("static regex")
});
/// The number that opens a title line, or stands alone before it: `72/195. `, `2016/17.`.
static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:E?S-)?\d{1,4}/\d{1,4}(?: ?[A-Z])?\.(?:\s+|$)").expect("static regex")
});
static BARCODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\*\d{6,}\*$").expect("static regex"));

/// Splits `source` into classified lines. A form feed becomes a page break line of its own.
pub(super) fn split_lines(source: &str, format: SourceFormat) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in source.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let mut piece_start = start;
        for (index, piece) in body.split('\u{c}').enumerate() {
            if index > 0 {
                lines.push(Line {
                    text: "",
                    start: piece_start - 1,
                    kind: LineKind::PageBreak,
                });
            }
            if index == 0 || !piece.trim().is_empty() {
                lines.push(classify(piece, piece_start, format));
            }
            piece_start += piece.len() + 1;
        }
        start += raw.len();
    }
    if format == SourceFormat::PlainText {
        mark_running_heads(&mut lines);
    }
    lines
}

fn classify(text: &str, start: usize, format: SourceFormat) -> Line<'_> {
    let trimmed = text.trim();
    let kind = if trimmed.is_empty() {
        LineKind::Blank
    } else if format == SourceFormat::Markdown && is_markdown_rule(trimmed) {
        LineKind::PageBreak
    } else if format == SourceFormat::Markdown && trimmed.starts_with('#') {
        let after = trimmed.trim_start_matches('#');
        if after.starts_with(' ') || after.is_empty() {
            LineKind::Heading
        } else {
            LineKind::Text
        }
    } else if trimmed.len() >= 5 && trimmed.bytes().all(|b| b == b'_') {
        LineKind::FootnoteSeparator
    } else if format == SourceFormat::PlainText && cells(trimmed).all(is_furniture) {
        LineKind::Furniture
    } else if format == SourceFormat::PlainText
        && trimmed.len() <= 3
        && trimmed.bytes().all(|b| b.is_ascii_digit())
    {
        LineKind::LoneNumber
    } else {
        LineKind::Text
    };
    Line { text, start, kind }
}

/// The cells of a line laid out in columns (`pdftotext -layout`): text runs separated by three
/// or more spaces.
pub(super) fn cells(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut cells = Vec::new();
    let mut start = None;
    let mut spaces = 0;
    for (index, c) in line.char_indices() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        match start {
            None => start = Some(index),
            Some(cell_start) if spaces >= 3 => {
                cells.push((cell_start, line[cell_start..index].trim_end()));
                start = Some(index);
            }
            Some(_) => {}
        }
        spaces = 0;
    }
    if let Some(cell_start) = start {
        cells.push((cell_start, line[cell_start..].trim_end()));
    }
    cells.into_iter()
}

fn is_markdown_rule(line: &str) -> bool {
    line.len() >= 3
        && (line.bytes().all(|b| b == b'-')
            || line.bytes().all(|b| b == b'*')
            || line.bytes().all(|b| b == b'_'))
}

fn is_furniture((_, line): (usize, &str)) -> bool {
    PAGE_NUMBER.is_match(line)
        || JOB_NUMBER.is_match(line)
        || BARCODE.is_match(line)
        || line.eq_ignore_ascii_case("please recycle")
}

/// Running heads repeat at the top of pages: the first text lines after a page break that occur
/// at the top of at least two pages (the symbol, the title) are furniture, wherever they occur
/// at a page top.
fn mark_running_heads(lines: &mut [Line<'_>]) {
    // Deep enough for a symbol line and a title wrapped over several lines; the run of heads
    // stops at the first line that is not one.
    const HEAD_DEPTH: usize = 8;
    let pages = page_tops(lines, HEAD_DEPTH);
    let title = first_page_title(lines);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for &index in pages.iter().flatten() {
        *seen.entry(lines[index].text.trim()).or_default() += 1;
    }
    let is_running_head = |text: &str| {
        let repeated = seen.get(text).copied().unwrap_or(0) >= 2;
        // The symbol heads the page, alone or in a column beside the title.
        let starts_with_symbol = cells(text).any(|(_, cell)| SYMBOL_HEAD.is_match(cell));
        let repeats_title = text.chars().count() >= 10 && title.contains(&collapse_spaces(text));
        repeated || starts_with_symbol || repeats_title
    };
    // Running heads come first on a page: the first line that is not one ends them, so an
    // annex title that happens to repeat the resolution's title is kept.
    let heads: Vec<usize> = pages
        .iter()
        .flat_map(|tops| {
            tops.iter()
                .copied()
                .take_while(|&index| is_running_head(lines[index].text.trim()))
        })
        .collect();
    for index in heads {
        lines[index].kind = LineKind::Furniture;
    }
}

/// The title as the first page prints it (`2016/17. Improving road safety ...`, wrapped over
/// lines until a blank line or the enacting formula), spaces collapsed; running heads repeat it
/// or part of it.
fn first_page_title(lines: &[Line<'_>]) -> String {
    let first_page = lines
        .iter()
        .take_while(|line| line.kind != LineKind::PageBreak);
    let mut from_number = first_page.skip_while(|line| !TITLE_LINE.is_match(line.text.trim()));
    let mut title = match from_number.next() {
        Some(line) => TITLE_LINE.replace(line.text.trim(), "").into_owned(),
        None => return String::new(),
    };
    // A number alone on its line may stand a blank line above the title.
    let number_alone = title.is_empty();
    let title_lines = from_number
        .skip_while(|line| number_alone && line.kind == LineKind::Blank)
        .take_while(|line| line.kind == LineKind::Text && !is_enacting_formula(line.text.trim()));
    for line in title_lines {
        title.push(' ');
        title.push_str(line.text.trim());
    }
    collapse_spaces(&title)
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Indices of the first `depth` text lines of every page after the first, page by page.
fn page_tops(lines: &[Line<'_>], depth: usize) -> Vec<Vec<usize>> {
    let mut pages: Vec<Vec<usize>> = Vec::new();
    let mut remaining = 0;
    for (index, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::PageBreak => {
                pages.push(Vec::new());
                remaining = depth;
            }
            LineKind::Text if remaining > 0 => {
                if let Some(page) = pages.last_mut() {
                    page.push(index);
                }
                remaining -= 1;
            }
            LineKind::Blank | LineKind::Furniture | LineKind::LoneNumber => {}
            _ => remaining = 0,
        }
    }
    pages
}
