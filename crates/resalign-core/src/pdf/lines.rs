//! Glyphs into printed lines: glyphs that share a baseline make a line, raised smaller glyphs
//! (footnote calls, the `er` of `1er`) join the line they sit on, and the spaces between words
//! come from the gaps between glyphs, not from whatever spacing the producer wrote.

use super::fonts::FontStyle;
use super::interpret::{Glyph, Page};

/// A printed line, its words left to right.
#[derive(Clone, Debug)]
pub(super) struct Line {
    pub baseline: f32,
    /// The size most of its glyphs on the baseline have.
    pub size: f32,
    pub x0: f32,
    pub x1: f32,
    pub words: Vec<Word>,
}

/// A run of glyphs with no space inside and one style.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub size: f32,
    pub style: FontStyle,
    pub position: Position,
    /// What separates it from the word before.
    pub before: Spacing,
}

/// Where a glyph sits against its line's baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Position {
    Baseline,
    /// Raised and smaller: a superscript.
    Raised,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Spacing {
    /// Part of the same word (a change of style or a superscript glued to it).
    None,
    Space,
    /// A gap as wide as a tab stop or a column gutter.
    Column,
}

/// A gap wider than this share of the font size is a space. Kerning and the positioning Word
/// does inside words stay far below it (`Confere nce` is 0.02 em apart); the narrowest space of
/// justified text is above 0.2 em.
const SPACE_GAP: f32 = 0.12;
/// A gap wider than this share of the body font size separates cells: a tab or a gutter.
const COLUMN_GAP: f32 = 2.0;
/// Glyphs on the same line have baselines this close, in shares of the smaller size.
const SAME_BASELINE: f32 = 0.25;
/// A superscript is at most this much smaller than the line it sits on...
const RAISED_SIZE: f32 = 0.85;
/// ...and sits at most this far above its baseline, in shares of the line's size.
const RAISED_HEIGHT: f32 = 0.75;

/// The page's lines, top to bottom.
pub(super) fn lines(page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    // The largest glyph of the group being built, which its baseline is measured against.
    let mut group_anchor: Option<&Glyph> = None;
    for glyph in glyphs {
        match (groups.last_mut(), group_anchor) {
            (Some(group), Some(anchor)) if same_baseline(anchor, glyph) => {
                group.push(glyph);
                if glyph.size > anchor.size {
                    group_anchor = Some(glyph);
                }
            }
            _ => {
                groups.push(vec![glyph]);
                group_anchor = Some(glyph);
            }
        }
    }
    let groups = attach_raised(groups);
    groups
        .into_iter()
        .filter_map(|(baseline_glyphs, raised)| line(page, baseline_glyphs, raised))
        .collect()
}

fn anchor<'g>(group: &[&'g Glyph]) -> &'g Glyph {
    group
        .iter()
        .copied()
        .max_by(|a, b| a.size.total_cmp(&b.size))
        .expect("groups are never empty")
}

fn same_baseline(anchor: &Glyph, glyph: &Glyph) -> bool {
    (glyph.baseline - anchor.baseline).abs() <= SAME_BASELINE * anchor.size.min(glyph.size)
}

/// Joins each group of smaller glyphs just above a line to that line, as its raised glyphs.
/// The glyphs of a line: those on its baseline, and the raised ones that belong to it.
type LineGlyphs<'g> = (Vec<&'g Glyph>, Vec<&'g Glyph>);

fn attach_raised(groups: Vec<Vec<&Glyph>>) -> Vec<LineGlyphs<'_>> {
    let anchors: Vec<&Glyph> = groups.iter().map(|group| anchor(group)).collect();
    let extents: Vec<(f32, f32)> = groups.iter().map(|group| extent(group)).collect();
    let hosts: Vec<Option<usize>> = (0..groups.len())
        .map(|small| {
            let raised = anchors[small];
            (small + 1..groups.len().min(small + 4)).find(|&line| {
                let host = anchors[line];
                let height = host.baseline - raised.baseline;
                let (left, right) = extents[line];
                let (raised_left, raised_right) = extents[small];
                raised.size <= RAISED_SIZE * host.size
                    && height > 0.0
                    && height <= RAISED_HEIGHT * host.size
                    && raised_left >= left - 3.0 * host.size
                    && raised_right <= right + 3.0 * host.size
            })
        })
        .collect();
    let mut raised: Vec<Vec<&Glyph>> = vec![Vec::new(); groups.len()];
    for (small, host) in hosts.iter().enumerate() {
        let Some(mut line) = *host else {
            continue;
        };
        while let Some(further) = hosts[line] {
            line = further;
        }
        raised[line].extend(groups[small].iter().copied());
    }
    groups
        .into_iter()
        .zip(raised)
        .zip(hosts)
        .filter(|(_, host)| host.is_none())
        .map(|(line, _)| line)
        .collect()
}

fn extent(group: &[&Glyph]) -> (f32, f32) {
    group
        .iter()
        .fold((f32::MAX, f32::MIN), |(left, right), glyph| {
            (left.min(glyph.x0), right.max(glyph.x1))
        })
}

fn line(page: &Page, baseline_glyphs: Vec<&Glyph>, raised: Vec<&Glyph>) -> Option<Line> {
    let anchor = *baseline_glyphs.first()?;
    let size = typical_size(&baseline_glyphs);
    let mut all: Vec<(&Glyph, Position)> = baseline_glyphs
        .iter()
        .map(|glyph| (*glyph, Position::Baseline))
        .chain(raised.iter().map(|glyph| (*glyph, Position::Raised)))
        .collect();
    all.sort_by(|a, b| a.0.x0.total_cmp(&b.0.x0));
    let mut words: Vec<Word> = Vec::new();
    let mut space_pending = false;
    let mut last_end: Option<f32> = None;
    let mut last_glyph: Option<&Glyph> = None;
    for (glyph, position) in all {
        let text = page.glyph_text(glyph);
        if text.chars().all(|c| c.is_whitespace() && c != '\u{a0}') {
            space_pending |= !text.is_empty();
            continue;
        }
        // Some producers draw a glyph twice to make it look bold.
        if let Some(last) = last_glyph
            && page.glyph_text(last) == text
            && (glyph.x0 - last.x0).abs() < 0.1 * glyph.size
        {
            continue;
        }
        let gap = last_end.map(|end| glyph.x0 - end);
        let spacing = match gap {
            None => Spacing::Space,
            Some(gap) if gap > COLUMN_GAP * size => Spacing::Column,
            Some(gap) if space_pending || gap > SPACE_GAP * glyph.size.min(size) => Spacing::Space,
            Some(_) => Spacing::None,
        };
        space_pending = false;
        last_end = Some(last_end.map_or(glyph.x1, |end| end.max(glyph.x1)));
        last_glyph = Some(glyph);
        match words.last_mut() {
            Some(word)
                if spacing == Spacing::None
                    && word.style == glyph.style
                    && word.position == position =>
            {
                word.text.push_str(text);
                word.x1 = glyph.x1;
            }
            _ => words.push(Word {
                text: text.to_string(),
                x0: glyph.x0,
                x1: glyph.x1,
                size: glyph.size,
                style: glyph.style,
                position,
                before: spacing,
            }),
        }
    }
    let first = words.first()?;
    let x0 = first.x0;
    let x1 = words.iter().map(|word| word.x1).fold(x0, f32::max);
    Some(Line {
        baseline: anchor_baseline(&baseline_glyphs).unwrap_or(anchor.baseline),
        size,
        x0,
        x1,
        words,
    })
}

fn anchor_baseline(glyphs: &[&Glyph]) -> Option<f32> {
    (!glyphs.is_empty()).then(|| anchor(glyphs).baseline)
}

/// The size most glyphs have (rounded to a tenth of a point).
fn typical_size(glyphs: &[&Glyph]) -> f32 {
    let mut sizes: Vec<i32> = glyphs
        .iter()
        .map(|glyph| (glyph.size * 10.0).round() as i32)
        .collect();
    sizes.sort_unstable();
    let mut best = (0usize, sizes.first().copied().unwrap_or(100));
    let mut run = (0usize, i32::MIN);
    for size in sizes {
        if size == run.1 {
            run.0 += 1;
        } else {
            run = (1, size);
        }
        if run.0 > best.0 {
            best = run;
        }
    }
    best.1 as f32 / 10.0
}
