//! A unit's or footnote's clean text as markup: the opening phrase in italics as the UN prints
//! it, highlights over the anchors and the pieces the findings point at, footnote calls as
//! superscript links. Ranges that do not fit the text are clipped, never trusted.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::io::{self, Write};

use resalign_core::{FootnoteCall, Language, Severity, TextRange};

use super::layout::footnote_fragment;
use super::markup::Markup;

/// What a highlight says about the text under it; later variants win where highlights overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HighlightStyle {
    /// An anchor found on the other side of the link as well.
    Shared,
    /// An anchor not found on the other side of the link.
    Unmatched,
    /// A piece of text a finding points at.
    Finding(Severity),
}

impl HighlightStyle {
    fn class(self) -> &'static str {
        match self {
            HighlightStyle::Shared => "m-shared",
            HighlightStyle::Unmatched => "m-unmatched",
            HighlightStyle::Finding(Severity::Error) => "m-finding sev-error",
            HighlightStyle::Finding(Severity::Warning) => "m-finding sev-warning",
            HighlightStyle::Finding(Severity::Info) => "m-finding sev-info",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Highlight {
    pub range: TextRange,
    pub style: HighlightStyle,
    /// Shown on hover: the finding's message, or what the anchor is.
    pub note: String,
}

/// Whether the text opens with a phrase the UN prints in italics (`Recalling`, `Requests`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    Italic { length: usize },
    Plain,
}

/// A stretch of text with one look.
struct Run {
    range: TextRange,
    highlight: Option<usize>,
    italic: bool,
}

/// Writes `text` with its highlights and footnote calls; calls link to the footnotes of
/// `language`.
pub fn write_text<W: Write>(
    markup: &mut Markup<W>,
    language: Language,
    text: &str,
    opening: Opening,
    highlights: &[Highlight],
    calls: &[FootnoteCall],
) -> io::Result<()> {
    let opening_end = match opening {
        Opening::Italic { length } => floor_boundary(text, length),
        Opening::Plain => 0,
    };
    let call_offsets: Vec<usize> = calls
        .iter()
        .map(|call| floor_boundary(text, call.offset))
        .collect();
    // The calls at each offset, in their order, so that writing them costs no scan.
    let mut calls_at: BTreeMap<usize, Vec<&FootnoteCall>> = BTreeMap::new();
    for (call, offset) in calls.iter().zip(&call_offsets) {
        calls_at.entry(*offset).or_default().push(call);
    }
    let runs = runs(text, opening_end, highlights, &calls_at);
    for run in &runs {
        write_calls(markup, language, calls_at.get(&run.range.start))?;
        write_run(markup, text, run, highlights)?;
    }
    write_calls(markup, language, calls_at.get(&text.len()))
}

/// The runs of `text`, cut at every highlight boundary and call. One sweep over the cuts: the
/// highlights covering a stretch are those started and not yet ended, the strongest first.
fn runs(
    text: &str,
    opening_end: usize,
    highlights: &[Highlight],
    calls_at: &BTreeMap<usize, Vec<&FootnoteCall>>,
) -> Vec<Run> {
    let bounds: Vec<(usize, usize)> = highlights
        .iter()
        .map(|highlight| {
            (
                floor_boundary(text, highlight.range.start),
                floor_boundary(text, highlight.range.end),
            )
        })
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len(), opening_end];
    for &(start, end) in &bounds {
        cuts.push(start);
        cuts.push(end);
    }
    cuts.extend(calls_at.keys());
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_start: Vec<usize> = (0..highlights.len()).collect();
    by_start.sort_by_key(|&index| bounds.get(index).map_or(0, |bound| bound.0));
    let mut starting = by_start.into_iter().peekable();
    // Covering highlights, strongest first (the first of equally strong ones wins, so that
    // ties are stable), and when each ends.
    let mut active: BTreeSet<(Reverse<HighlightStyle>, usize)> = BTreeSet::new();
    let mut ending: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let mut runs: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let &[start, end] = pair else {
            continue;
        };
        while let Some(index) = starting.next_if(|&index| bounds[index].0 <= start) {
            if bounds[index].1 > start {
                active.insert((Reverse(highlights[index].style), index));
                ending.push(Reverse((bounds[index].1, index)));
            }
        }
        while let Some(&Reverse((ends, index))) = ending.peek()
            && ends <= start
        {
            ending.pop();
            active.remove(&(Reverse(highlights[index].style), index));
        }
        let highlight = active.first().map(|&(_, index)| index);
        let italic = end <= opening_end;
        let call_between = calls_at.contains_key(&start);
        match runs.last_mut() {
            Some(last) if last.highlight == highlight && last.italic == italic && !call_between => {
                last.range.end = end;
            }
            _ => runs.push(Run {
                range: TextRange::new(start, end),
                highlight,
                italic,
            }),
        }
    }
    runs
}

fn write_run<W: Write>(
    markup: &mut Markup<W>,
    text: &str,
    run: &Run,
    highlights: &[Highlight],
) -> io::Result<()> {
    let piece = text.get(run.range.start..run.range.end).unwrap_or("");
    if run.italic {
        markup.open("em", &[])?;
    }
    match run.highlight.and_then(|index| highlights.get(index)) {
        Some(highlight) => markup.element(
            "mark",
            &[
                ("class", highlight.style.class()),
                ("title", &highlight.note),
            ],
            piece,
        )?,
        None => markup.text(piece)?,
    }
    if run.italic {
        markup.close("em")?;
    }
    Ok(())
}

fn write_calls<W: Write>(
    markup: &mut Markup<W>,
    language: Language,
    calls: Option<&Vec<&FootnoteCall>>,
) -> io::Result<()> {
    for call in calls.into_iter().flatten() {
        let target = format!("#{}", footnote_fragment(language, call.number));
        markup.open("sup", &[("class", "fn-call")])?;
        markup.element("a", &[("href", &target)], &call.number.to_string())?;
        markup.close("sup")?;
    }
    Ok(())
}

/// `offset` moved back onto a character boundary of `text`, and into it.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
