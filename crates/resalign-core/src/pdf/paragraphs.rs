//! Body lines into paragraphs and headings, footnote lines into footnotes. A paragraph starts
//! where its first line is indented or a gap stands above it, or where the type changes; one
//! that a page break cut goes on at the top of the next page without an indent, and is joined
//! here, as is a footnote that runs on under the next page's rule.

use super::fonts::Weight;
use super::lines::{Line, Position};
use super::regions::{Metrics, PageLines, Region, footnote_number};

/// A line by its page and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct LineRef {
    pub page: usize,
    pub index: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BlockKind {
    Paragraph,
    Heading,
    /// A footnote; its first line opens with the number, which is not part of its text.
    Footnote(u32),
}

#[derive(Clone, Debug)]
pub(super) struct Block {
    pub kind: BlockKind,
    pub lines: Vec<LineRef>,
}

/// A gap above a line wider than this many line pitches opens a paragraph.
const PARAGRAPH_GAP: f32 = 1.25;
/// A first line set this many font sizes right of the text's left edge is indented.
const INDENT: f32 = 0.5;

pub(super) fn blocks(
    pages: &[PageLines],
    regions: &[Vec<Region>],
    metrics: &Metrics,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open_paragraph: Option<usize> = None;
    let mut open_footnote: Option<usize> = None;
    for (page_number, page) in pages.iter().enumerate() {
        let mut previous: Option<&Line> = None;
        for (index, line) in page.lines.iter().enumerate() {
            let here = LineRef {
                page: page_number,
                index,
            };
            match regions[page_number][index] {
                Region::Body => {
                    let continues = open_paragraph.is_some_and(|open| {
                        let last = blocks[open].lines.last().copied();
                        let last_line = last.map(|last| &pages[last.page].lines[last.index]);
                        last_line.is_some_and(|last_line| match previous {
                            Some(previous) => continues_on_page(previous, line, metrics),
                            None => continues_on_next_page(last_line, line, metrics),
                        })
                    });
                    match open_paragraph {
                        Some(open) if continues => blocks[open].lines.push(here),
                        _ => {
                            blocks.push(Block {
                                kind: BlockKind::Paragraph,
                                lines: vec![here],
                            });
                            open_paragraph = Some(blocks.len() - 1);
                        }
                    }
                    previous = Some(line);
                }
                Region::Footnotes => match (footnote_number(line), open_footnote) {
                    (Some(number), _) => {
                        blocks.push(Block {
                            kind: BlockKind::Footnote(number),
                            lines: vec![here],
                        });
                        open_footnote = Some(blocks.len() - 1);
                    }
                    (None, Some(open)) => blocks[open].lines.push(here),
                    // Small text under the rule before any footnote number: keep it as text
                    // rather than lose it.
                    (None, None) => blocks.push(Block {
                        kind: BlockKind::Paragraph,
                        lines: vec![here],
                    }),
                },
                Region::Header | Region::Footer | Region::Separator => {}
            }
        }
    }
    for block in &mut blocks {
        if block.kind == BlockKind::Paragraph && is_heading(pages, &block.lines) {
            block.kind = BlockKind::Heading;
        }
    }
    blocks
}

/// Does `line` go on with the paragraph whose last line is `previous`, just above it?
fn continues_on_page(previous: &Line, line: &Line, metrics: &Metrics) -> bool {
    let scale = previous.size.max(line.size) / metrics.size;
    let gap = line.baseline - previous.baseline;
    if gap > PARAGRAPH_GAP * metrics.pitch * scale || gap <= 0.0 {
        return false;
    }
    if !same_type(previous, line) {
        return false;
    }
    // A centered heading wraps onto centered lines, the first perhaps as wide as the column.
    if is_centered(line, metrics)
        && (is_centered(previous, metrics) || spans_column(previous, metrics))
    {
        return true;
    }
    if is_right_aligned(previous, metrics) || is_right_aligned(line, metrics) {
        return false;
    }
    !is_indented(line, metrics) || hangs_under(previous, line)
}

/// A hanging indent: the line starts under the text that a tab set apart from a label on the
/// line above (`(a)<tab>text`).
fn hangs_under(previous: &Line, line: &Line) -> bool {
    previous.words.windows(2).any(|pair| {
        let tab = pair[1].x0 - pair[0].x1 > 0.8 * previous.size;
        tab && starts_at(line, pair[1].x0)
    })
}

/// Does `line`, the first body line of a page, go on with `last`, the last of the page before?
/// Yes when it is not indented and has the same type; a centered heading is never cut.
fn continues_on_next_page(last: &Line, line: &Line, metrics: &Metrics) -> bool {
    same_type(last, line)
        && !is_indented(line, metrics)
        && !is_centered(line, metrics)
        && !is_right_aligned(last, metrics)
}

fn is_indented(line: &Line, metrics: &Metrics) -> bool {
    line.x0 > metrics.left + INDENT * metrics.size
}

fn starts_at(line: &Line, x: f32) -> bool {
    (line.x0 - x).abs() < 0.2 * line.size
}

/// Set in the middle of the column, away from both edges, and not where first lines start (a
/// short paragraph can end about as far from the right edge as its indent is from the left).
fn is_centered(line: &Line, metrics: &Metrics) -> bool {
    let left = line.x0 - metrics.left;
    let right = metrics.right - line.x1;
    left > 0.3 * metrics.size
        && right > 0.3 * metrics.size
        && (left - right).abs() < metrics.size
        && !starts_at(line, metrics.indent)
}

fn spans_column(line: &Line, metrics: &Metrics) -> bool {
    (line.x0 - metrics.left).abs() < metrics.size && (metrics.right - line.x1).abs() < metrics.size
}

/// Ending at the right edge and starting well inside: a closing line, a date.
fn is_right_aligned(line: &Line, metrics: &Metrics) -> bool {
    (line.x1 - metrics.right).abs() < 0.5 * metrics.size
        && line.x0 > metrics.left + 0.45 * (metrics.right - metrics.left)
}

/// The same size and weight: a change of either is a new block (a heading, a title).
fn same_type(a: &Line, b: &Line) -> bool {
    (a.size - b.size).abs() <= 0.08 * a.size.max(b.size) && is_bold(a) == is_bold(b)
}

fn is_bold(line: &Line) -> bool {
    let (bold, all) = line.words.iter().fold((0, 0), |(bold, all), word| {
        let letters = word.text.chars().filter(|c| c.is_alphanumeric()).count();
        let bold_letters = if word.style.weight == Weight::Bold {
            letters
        } else {
            0
        };
        (bold + bold_letters, all + letters)
    });
    all > 0 && bold * 5 >= all * 4
}

/// A short block set in bold that does not end like a sentence. A centered block in roman is
/// left a paragraph: the walk tells a heading from a closing line or a title by what it says.
fn is_heading(pages: &[PageLines], lines: &[LineRef]) -> bool {
    const HEADING_LINES: usize = 4;
    let lines: Vec<&Line> = lines
        .iter()
        .map(|line| &pages[line.page].lines[line.index])
        .collect();
    let ends_like_sentence = lines
        .last()
        .and_then(|line| {
            line.words
                .iter()
                .rev()
                .find(|word| word.position == Position::Baseline)
        })
        .is_some_and(|word| word.text.ends_with([',', ';', '.', ':']));
    lines.len() <= HEADING_LINES && !ends_like_sentence && lines.iter().all(|line| is_bold(line))
}
