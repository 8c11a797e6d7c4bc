//! Where each printed line belongs: the running head, the page footer, the rule above the
//! footnotes, the footnotes, or the body. Told by position on the page, by what repeats from page
//! to page, by size, and by the rule (drawn, or typed as a row of underscores) that opens the
//! footnote area.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::fonts::Weight;
use super::interpret::Rule;
use super::lines::{Line, Position, Spacing};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Region {
    Header,
    Footer,
    /// The rule above the footnotes, when it is typed.
    Separator,
    Footnotes,
    Body,
}

/// The measures of the body text that layout decisions compare against.
#[derive(Clone, Copy, Debug)]
pub(super) struct Metrics {
    /// The font size of the body text.
    pub size: f32,
    /// Where body lines start, and where full ones end.
    pub left: f32,
    pub right: f32,
    /// Where indented first lines start.
    pub indent: f32,
    /// The distance between the baselines of two lines of a paragraph.
    pub pitch: f32,
}

/// A page with its lines and the rules it draws.
pub(super) struct PageLines {
    pub height: f32,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
}

pub(super) fn metrics(pages: &[PageLines]) -> Metrics {
    let lines = || pages.iter().flat_map(|page| page.lines.iter());
    let size =
        weighted_mode(lines().map(|line| (line.size, line.words.len())), 2.0).unwrap_or(10.0);
    let is_body = |line: &Line| (line.size - size).abs() <= 0.05 * size;
    // Justified lines all end at the right edge, whichever paragraph they belong to.
    let right = weighted_mode(
        lines()
            .filter(|line| is_body(line) && line.x1 - line.x0 > 10.0 * size)
            .map(|line| (line.x1, 1)),
        0.5,
    )
    .unwrap_or(500.0);
    // Full lines start at the left edge or at the first-line indent: the left edge is the
    // leftmost start that full lines share.
    let full_starts: Vec<f32> = lines()
        .filter(|line| is_body(line) && (line.x1 - right).abs() < 0.5 * size)
        .map(|line| line.x0)
        .collect();
    let left = full_starts
        .iter()
        .copied()
        .filter(|&start| {
            let sharing = full_starts
                .iter()
                .filter(|&&other| (other - start).abs() < 1.0)
                .count();
            sharing * 20 >= full_starts.len()
        })
        .reduce(f32::min)
        .unwrap_or(right - 40.0 * size);
    let indent = weighted_mode(
        full_starts
            .iter()
            .filter(|&&start| start > left + 0.5 * size)
            .map(|&start| (start, 1)),
        1.0,
    )
    .unwrap_or(left + 2.0 * size);
    Metrics {
        size,
        left,
        right,
        indent,
        pitch: line_pitch(pages, size, is_body),
    }
}

/// The distance between the baselines of two lines of a paragraph: the shortest one that recurs
/// (the gaps between paragraphs are wider); at most what a word processor sets for the size.
fn line_pitch(pages: &[PageLines], size: f32, is_body: impl Fn(&Line) -> bool) -> f32 {
    let mut deltas: Vec<f32> = pages
        .iter()
        .flat_map(|page| {
            page.lines.windows(2).filter_map(|pair| {
                let delta = pair[1].baseline - pair[0].baseline;
                (is_body(&pair[0]) && is_body(&pair[1]) && delta > size && delta < 2.0 * size)
                    .then_some(delta)
            })
        })
        .collect();
    deltas.sort_by(f32::total_cmp);
    let recurring = deltas
        .windows(2)
        .find(|pair| pair[1] - pair[0] < 0.2)
        .map(|pair| pair[0]);
    recurring.unwrap_or(1.2 * size).min(1.3 * size)
}

/// The value that most weight falls on, values binned to `1/resolution`.
fn weighted_mode(values: impl Iterator<Item = (f32, usize)>, resolution: f32) -> Option<f32> {
    let mut bins: HashMap<i64, usize> = HashMap::new();
    for (value, weight) in values {
        *bins.entry((value * resolution).round() as i64).or_default() += weight;
    }
    bins.into_iter()
        .max_by_key(|(bin, weight)| (*weight, -bin))
        .map(|(bin, _)| bin as f32 / resolution)
}

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:Page\s+|Página\s+)?\d{1,4}(?:\s*(?:/|of|de)\s*\d{1,4})?   # 2/5, Page 2 of 5, 12
            | -\s*\d{1,4}\s*-                                            # - 2 -
            | \d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?                  # the job number: 18-17962 (E) 021118
            | \d{6}                                                      # the date stamp beside it
            | \*[0-9A-Z]{5,}\*                                           # the job number's barcode
            | Please\s+recycle | Sírvase\s+reciclar
        )$",
    )
    .expect("static regex")
});

/// A document symbol alone, as the running head prints it: `A/RES/73/6`, `S/RES/2100 (2013)`.
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+(?:\s*\(\d{4}\))?\*?$").expect("static regex")
});

/// How far into a page running heads and footers may reach, as a share of its height.
const MARGIN_BAND: f32 = 0.2;
/// The lines at a page's top and bottom that are compared with other pages'.
const BAND_LINES: usize = 4;

pub(super) fn regions(pages: &[PageLines], metrics: &Metrics) -> Vec<Vec<Region>> {
    let repeated = Repeats::new(pages);
    pages
        .iter()
        .enumerate()
        .map(|(number, page)| page_regions(number, page, metrics, &repeated))
        .collect()
}

fn page_regions(
    number: usize,
    page: &PageLines,
    metrics: &Metrics,
    repeated: &Repeats,
) -> Vec<Region> {
    let lines = &page.lines;
    let mut regions = vec![Region::Body; lines.len()];
    let mut bottom = lines.len();
    while bottom > 0 {
        let line = &lines[bottom - 1];
        let in_band = line.baseline > page.height * (1.0 - MARGIN_BAND);
        let furniture = cells(line).iter().all(|cell| FURNITURE.is_match(cell))
            || repeated.at_bottom(number, line);
        if !(in_band && furniture) {
            break;
        }
        bottom -= 1;
        regions[bottom] = Region::Footer;
    }
    // The first page opens with the masthead, which is not a running head.
    let mut top = 0;
    while number > 0 && top < bottom {
        let line = &lines[top];
        let in_band = line.baseline < page.height * MARGIN_BAND;
        let furniture = cells(line)
            .iter()
            .all(|cell| FURNITURE.is_match(cell) || SYMBOL.is_match(cell))
            || repeated.at_top(number, line)
            || line.size < 0.9 * metrics.size;
        if !(in_band && furniture) {
            break;
        }
        regions[top] = Region::Header;
        top += 1;
    }
    if let Some(start) = footnote_area(&lines[top..bottom], &page.rules, metrics) {
        let start = top + start;
        for region in &mut regions[start..bottom] {
            *region = Region::Footnotes;
        }
        if is_typed_rule(&lines[start]) {
            regions[start] = Region::Separator;
        }
    }
    regions
}

/// Where the footnote area starts among the body lines of a page: at a typed rule, below a
/// drawn short rule with only small text under it, or at trailing small lines that open with a
/// footnote number.
fn footnote_area(lines: &[Line], rules: &[Rule], metrics: &Metrics) -> Option<usize> {
    let is_small = |line: &Line| line.size < 0.95 * metrics.size;
    if let Some(index) = lines.iter().rposition(is_typed_rule)
        && index > 0
    {
        return Some(index);
    }
    let column = metrics.right - metrics.left;
    let drawn = rules
        .iter()
        .filter(|rule| rule.x1 - rule.x0 < 0.6 * column)
        .filter_map(|rule| {
            let below = lines.iter().position(|line| line.baseline > rule.y)?;
            let under = &lines[below..];
            (below > 0 && under.iter().all(is_small)).then_some(below)
        })
        .min();
    if drawn.is_some() {
        return drawn;
    }
    let mut start = lines.len();
    while start > 1 && is_small(&lines[start - 1]) {
        start -= 1;
    }
    (start < lines.len() && footnote_number(&lines[start]).is_some()).then_some(start)
}

/// A line of underscores or dashes alone: the footnote rule as Word's UN template types it.
fn is_typed_rule(line: &Line) -> bool {
    let text: String = line.words.iter().map(|word| word.text.as_str()).collect();
    text.chars().count() >= 5
        && text
            .chars()
            .all(|c| matches!(c, '_' | '-' | '‐' | '–' | '—'))
}

/// The number a footnote opens with: raised, or set apart from its text by a tab.
pub(super) fn footnote_number(line: &Line) -> Option<u32> {
    let first = line.words.first()?;
    if first.text.len() > 3 || !first.text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let set_apart = match line.words.get(1) {
        Some(next) => next.before == Spacing::Column || next.x0 - first.x1 > 0.4 * first.size,
        None => false,
    };
    (first.position == Position::Raised || set_apart)
        .then(|| first.text.parse().ok())
        .flatten()
}

/// The cells of a line: its words split where a column gap stands.
pub(super) fn cells(line: &Line) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    for word in &line.words {
        match (word.before, cells.last_mut()) {
            (Spacing::Column, _) | (_, None) => cells.push(word.text.clone()),
            (Spacing::Space, Some(cell)) => {
                cell.push(' ');
                cell.push_str(&word.text);
            }
            (Spacing::None, Some(cell)) => cell.push_str(&word.text),
        }
    }
    cells
}

/// Running heads and footers repeat from page to page at the same height, their numbers aside.
struct Repeats {
    top: HashMap<String, Vec<(usize, f32)>>,
    bottom: HashMap<String, Vec<(usize, f32)>>,
}

/// Lines this close in height are at the same place on their pages.
const SAME_PLACE: f32 = 2.0;

impl Repeats {
    fn new(pages: &[PageLines]) -> Repeats {
        let mut top: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
        let mut bottom: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
        for (number, page) in pages.iter().enumerate() {
            let count = page.lines.len();
            for line in page.lines.iter().take(BAND_LINES) {
                for key in keys(line, Digits::Kept) {
                    top.entry(key).or_default().push((number, line.baseline));
                }
            }
            for line in page.lines.iter().skip(count.saturating_sub(BAND_LINES)) {
                for key in keys(line, Digits::Blanked) {
                    bottom.entry(key).or_default().push((number, line.baseline));
                }
            }
        }
        Repeats { top, bottom }
    }

    /// Running heads alternate between odd and even pages: one other page is enough.
    fn at_top(&self, page: usize, line: &Line) -> bool {
        repeats(&self.top, page, line, 1, Digits::Kept)
    }

    /// Footnotes end at the same height on every page, so a footnote that happens to say the
    /// same as another (`Ibid.`) must not pass for a footer: two other pages are needed.
    fn at_bottom(&self, page: usize, line: &Line) -> bool {
        repeats(&self.bottom, page, line, 2, Digits::Blanked)
    }
}

/// Every cell of the line is found at the same height on `others` other pages.
fn repeats(
    seen: &HashMap<String, Vec<(usize, f32)>>,
    page: usize,
    line: &Line,
    others: usize,
    digits: Digits,
) -> bool {
    let keys = keys(line, digits);
    footnote_number(line).is_none()
        && !keys.is_empty()
        && keys.iter().all(|key| {
            seen.get(key).is_some_and(|places| {
                places
                    .iter()
                    .filter(|(other, baseline)| {
                        *other != page && (baseline - line.baseline).abs() <= SAME_PLACE
                    })
                    .count()
                    >= others
            })
        })
}

/// How a line's digits count when lines of different pages are compared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Digits {
    /// Blanked out, so that the footers `2/5` and `3/5` match.
    Blanked,
    /// As printed: at a page's top, a heading that opens it (`Article 2`, `Article 7` on other
    /// pages) is no running head, and the page numbers that a head may print beside the symbol
    /// are furniture anyway.
    Kept,
}

/// A line's cells, digits kept or blanked; bold or not kept, so that body text that happens to
/// repeat is not taken for a running head.
fn keys(line: &Line, digits: Digits) -> Vec<String> {
    let bold = line
        .words
        .iter()
        .all(|word| word.style.weight == Weight::Bold);
    cells(line)
        .into_iter()
        .map(|cell| {
            let blanked: String = cell
                .chars()
                .map(|c| {
                    if digits == Digits::Blanked && c.is_ascii_digit() {
                        '#'
                    } else {
                        c
                    }
                })
                .collect();
            format!("{}{}", if bold { "b:" } else { "" }, blanked)
        })
        .collect()
}
