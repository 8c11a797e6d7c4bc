//! A unit's or footnote's clean text as markup: the opening phrase in italics as the UN prints
//! it, highlights over the anchors and the pieces the findings point at, footnote calls as
//! superscript links. Ranges that do not fit the text are clipped, never trusted.

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
    let runs = runs(text, opening_end, highlights, &call_offsets);
    for run in &runs {
        write_calls_at(markup, language, calls, &call_offsets, run.range.start)?;
        write_run(markup, text, run, highlights)?;
    }
    write_calls_at(markup, language, calls, &call_offsets, text.len())
}

fn runs(
    text: &str,
    opening_end: usize,
    highlights: &[Highlight],
    call_offsets: &[usize],
) -> Vec<Run> {
    let mut cuts: Vec<usize> = vec![0, text.len(), opening_end];
    for highlight in highlights {
        cuts.push(floor_boundary(text, highlight.range.start));
        cuts.push(floor_boundary(text, highlight.range.end));
    }
    cuts.extend_from_slice(call_offsets);
    cuts.sort_unstable();
    cuts.dedup();
    let mut runs: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let highlight = strongest_covering(text, highlights, start, end);
        let italic = end <= opening_end;
        let call_between = call_offsets.contains(&start);
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

fn strongest_covering(
    text: &str,
    highlights: &[Highlight],
    start: usize,
    end: usize,
) -> Option<usize> {
    highlights
        .iter()
        .enumerate()
        .filter(|(_, highlight)| {
            floor_boundary(text, highlight.range.start) <= start
                && floor_boundary(text, highlight.range.end) >= end
        })
        // The first of equally strong highlights wins, so that ties are stable.
        .min_by_key(|(index, highlight)| (std::cmp::Reverse(highlight.style), *index))
        .map(|(index, _)| index)
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

fn write_calls_at<W: Write>(
    markup: &mut Markup<W>,
    language: Language,
    calls: &[FootnoteCall],
    call_offsets: &[usize],
    offset: usize,
) -> io::Result<()> {
    for (call, _) in calls
        .iter()
        .zip(call_offsets)
        .filter(|(_, call_offset)| **call_offset == offset)
    {
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
