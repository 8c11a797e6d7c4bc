//! The typesetting choices a rendering makes: one per real-world variation a converter shows,
//! drawn from the seed so that many seeds walk the parser through the variety of real inputs.

use resalign_core::{Language, SourceFormat};
use serde::Serialize;

use crate::rng::Rng;

/// The two text shapes a PDF conversion gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// Markdown as in the seeds: `#` headings, `*` emphasis, footnotes dropped in at page breaks.
    Markdown,
    /// `pdftotext` output: form feeds, running heads, page numbers, hard-wrapped lines.
    PlainText,
}

impl Shape {
    /// The format a parser should detect for this shape.
    pub fn format(self) -> SourceFormat {
        match self {
            Shape::Markdown => SourceFormat::Markdown,
            Shape::PlainText => SourceFormat::PlainText,
        }
    }
}

/// How a footnote call is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallStyle {
    /// `<sup>7</sup>` (English seed).
    HtmlSup,
    /// `¹⁴` (Spanish seed).
    Superscript,
    /// Plain digits glued to the text, as `pdftotext` prints raised numbers: `Crime2`.
    Inline,
}

/// How much of a paragraph is in italics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Emphasis {
    /// `*Reiterating its strong condemnation ...,*`
    Whole,
    /// `*Requests* the Secretary-General ...`
    OpeningPhrase,
    None,
}

/// Whether every paragraph follows one emphasis rule or some stray from it, as in the English
/// seed where operative paragraphs 1 and 2 are wholly italic and the rest only by the verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mixing {
    Uniform,
    Varied,
}

/// How much of the masthead a markdown conversion kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Masthead {
    /// Organ line, `Distr.: General` and the date, then the session (English seed).
    Full,
    /// Starts at the session (Spanish seed): organ and distribution date are lost.
    Bare,
}

/// How headings (masthead lines, title, section headings) are marked in markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingMarkup {
    /// `## Substantive session of 2013`, `### **2013/41. Title**`
    Hashes,
    /// `**2013/41. Title**`
    Bold,
    /// No markup at all (Spanish seed).
    Plain,
}

/// What marks a page break in markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageBreakMark {
    /// A `---` line before the footnotes (English seed).
    Rule,
    /// Only blank lines (Spanish seed).
    Blank,
}

/// Whether paragraphs are always separated by a blank line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Spacing {
    Blank,
    /// Runs of labelled paragraphs follow each other on consecutive lines.
    SometimesTight,
}

/// What happens to the italics of a wholly italic paragraph cut by a page break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CutEmphasis {
    /// `*first part*` ... `*continuation*`
    Reopened,
    /// `*first part` ... `continuation*`
    Unclosed,
    /// `*first part` ... `continuation` (English seed: the closing mark is lost).
    Dropped,
}

/// Where a footnote's number stands in `pdftotext` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FootnoteNumbering {
    /// `2` on a line of its own, the text on the next line.
    OwnLine,
    /// `2 United Nations, Treaty Series, ...`
    LineStart,
}

/// What the running head of pages after the first shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunningHead {
    Symbol,
    SymbolAndTitle,
}

/// How often long words are broken with a hyphen at a line end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hyphenation {
    Frequent,
    Rare,
}

/// Choices for markdown renderings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct MarkdownStyle {
    pub masthead: Masthead,
    pub headings: HeadingMarkup,
    pub calls: CallStyle,
    pub page_breaks: PageBreakMark,
    pub preamble_emphasis: Emphasis,
    pub operative_emphasis: Emphasis,
    pub mixing: Mixing,
    pub spacing: Spacing,
    pub cut_emphasis: CutEmphasis,
}

/// Choices for `pdftotext` renderings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PlainStyle {
    pub calls: CallStyle,
    /// Columns at which body lines are wrapped.
    pub line_width: usize,
    pub running_head: RunningHead,
    pub footnote_numbering: FootnoteNumbering,
    pub spacing: Spacing,
    pub hyphenation: Hyphenation,
}

/// All choices of one rendering; the shape follows from the variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "shape")]
pub enum Style {
    Markdown(MarkdownStyle),
    PlainText(PlainStyle),
}

/// Keeps style draws apart from layout draws (see [`Rng::new`]).
const STYLE_STREAM: u64 = 1;

impl Style {
    /// The choices a seed gives for a shape and language. Each language leans towards what its
    /// seed document shows, but every choice occurs in both languages.
    pub fn draw(shape: Shape, language: Language, seed: u64) -> Style {
        let mut rng = Rng::new(seed, STYLE_STREAM);
        match shape {
            Shape::Markdown => Style::Markdown(MarkdownStyle::draw(language, &mut rng)),
            Shape::PlainText => Style::PlainText(PlainStyle::draw(&mut rng)),
        }
    }

    pub fn shape(&self) -> Shape {
        match self {
            Style::Markdown(_) => Shape::Markdown,
            Style::PlainText(_) => Shape::PlainText,
        }
    }

    pub fn calls(&self) -> CallStyle {
        match self {
            Style::Markdown(style) => style.calls,
            Style::PlainText(style) => style.calls,
        }
    }
}

impl MarkdownStyle {
    /// The English seed's choices.
    pub fn english_seed() -> MarkdownStyle {
        MarkdownStyle {
            masthead: Masthead::Full,
            headings: HeadingMarkup::Hashes,
            calls: CallStyle::HtmlSup,
            page_breaks: PageBreakMark::Rule,
            preamble_emphasis: Emphasis::Whole,
            operative_emphasis: Emphasis::OpeningPhrase,
            mixing: Mixing::Varied,
            spacing: Spacing::SometimesTight,
            cut_emphasis: CutEmphasis::Dropped,
        }
    }

    /// The Spanish seed's choices.
    pub fn spanish_seed() -> MarkdownStyle {
        MarkdownStyle {
            masthead: Masthead::Bare,
            headings: HeadingMarkup::Plain,
            calls: CallStyle::Superscript,
            page_breaks: PageBreakMark::Blank,
            preamble_emphasis: Emphasis::None,
            operative_emphasis: Emphasis::OpeningPhrase,
            mixing: Mixing::Uniform,
            spacing: Spacing::Blank,
            cut_emphasis: CutEmphasis::Unclosed,
        }
    }

    fn draw(language: Language, rng: &mut Rng) -> MarkdownStyle {
        let base = match language {
            Language::En => MarkdownStyle::english_seed(),
            Language::Es => MarkdownStyle::spanish_seed(),
        };
        let masthead = keep_or(rng, base.masthead, &[Masthead::Full, Masthead::Bare]);
        let headings = keep_or(
            rng,
            base.headings,
            &[
                HeadingMarkup::Hashes,
                HeadingMarkup::Bold,
                HeadingMarkup::Plain,
            ],
        );
        let calls = keep_or(
            rng,
            base.calls,
            &[CallStyle::HtmlSup, CallStyle::Superscript],
        );
        let page_breaks = keep_or(
            rng,
            base.page_breaks,
            &[PageBreakMark::Rule, PageBreakMark::Blank],
        );
        let emphases = [Emphasis::Whole, Emphasis::OpeningPhrase, Emphasis::None];
        let preamble_emphasis = keep_or(rng, base.preamble_emphasis, &emphases);
        let operative_emphasis = keep_or(rng, base.operative_emphasis, &emphases);
        let mixing = keep_or(rng, base.mixing, &[Mixing::Uniform, Mixing::Varied]);
        let spacing = keep_or(
            rng,
            base.spacing,
            &[Spacing::Blank, Spacing::SometimesTight],
        );
        let cut_emphasis = keep_or(
            rng,
            base.cut_emphasis,
            &[
                CutEmphasis::Reopened,
                CutEmphasis::Unclosed,
                CutEmphasis::Dropped,
            ],
        );
        MarkdownStyle {
            masthead,
            headings,
            calls,
            page_breaks,
            preamble_emphasis,
            operative_emphasis,
            mixing,
            spacing,
            cut_emphasis,
        }
    }
}

/// The language's seed value 60% of the time, else any of `choices`.
fn keep_or<T: Copy>(rng: &mut Rng, seed_value: T, choices: &[T]) -> T {
    if rng.chance(60) {
        seed_value
    } else {
        rng.pick(choices)
    }
}

impl PlainStyle {
    fn draw(rng: &mut Rng) -> PlainStyle {
        PlainStyle {
            calls: if rng.chance(75) {
                CallStyle::Inline
            } else {
                CallStyle::Superscript
            },
            line_width: rng.between(78, 92),
            running_head: rng.pick(&[RunningHead::Symbol, RunningHead::SymbolAndTitle]),
            footnote_numbering: rng
                .pick(&[FootnoteNumbering::OwnLine, FootnoteNumbering::LineStart]),
            spacing: rng.pick(&[Spacing::Blank, Spacing::SometimesTight]),
            hyphenation: rng.pick(&[Hyphenation::Frequent, Hyphenation::Rare]),
        }
    }
}
