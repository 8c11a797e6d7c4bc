//! The walk that every laid-out format shares: converted text, PDF and DOCX front-ends find the
//! page's paragraphs, headings, tables and footnote bodies, and this turns them into a draft.
//!
//! The masthead gives metadata, the enacting formula opens the preamble, the first numbered
//! paragraph the operative part, the meeting line closes it and an `Annex` heading opens an
//! annex. Where a front-end could only guess paragraph boundaries (converted text), paragraphs
//! that a page break cut in two are joined again.

mod body;
pub(crate) mod masthead;

use std::sync::LazyLock;

use regex::Regex;

use crate::assemble::{Draft, DraftFootnote};
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::label::{LabelSyntax, leading_label};
use crate::lexicon;
use crate::model::{FootnoteCall, Language, Metadata, Organ, SourceFormat};
use crate::span::{Span, Spanned};

use body::Body;

/// What a layout front-end found in one input.
pub(crate) struct Layout {
    pub language: Language,
    pub format: SourceFormat,
    /// The text every span indexes.
    pub source: String,
    /// The page's lines in reading order, cut into cells: the masthead reader takes those
    /// before the body.
    pub pieces: Vec<Piece>,
    pub entries: Vec<Entry>,
    pub boundaries: Boundaries,
    pub diagnostics: Vec<Diagnostic>,
}

/// A cell of a line (a masthead prints two columns), or a blank line, which ends a wrapped title.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    Cell { text: String, span: Span },
    Gap { start: usize },
}

impl Piece {
    fn start(&self) -> usize {
        match self {
            Piece::Cell { span, .. } => span.start,
            Piece::Gap { start } => *start,
        }
    }
}

/// How sure a front-end is of where each paragraph starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Boundaries {
    /// Converted text: a page break may cut a paragraph in two, and the walk joins the pieces
    /// again by what they say.
    Guessed,
    /// The page geometry (PDF) or the markup (DOCX) told where every paragraph starts, and the
    /// front-end joined what page breaks cut: the walk joins nothing.
    Known,
}

/// One paragraph-like piece of the page, its text clean.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub kind: EntryKind,
    pub text: Cleaned,
    pub spans: Vec<Span>,
    pub line_count: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Paragraph,
    Heading,
    Table,
    Footnote(u32),
    PageBreak,
}

/// Clean text with the footnote calls taken out of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cleaned {
    pub text: String,
    pub calls: Vec<FootnoteCall>,
    /// Where an emphasized run that opens the text (after at most a label) ends.
    pub lead_emphasis: Option<usize>,
}

/// Walks a layout into a draft.
pub(crate) fn walk(layout: Layout) -> Draft {
    let Layout {
        language,
        format,
        source,
        pieces,
        entries,
        boundaries,
        mut diagnostics,
    } = layout;
    let body_start = body_start(&entries, language);
    let masthead_end = body_start
        .and_then(|index| entries[index].spans.first())
        .map_or(0, |span| span.start);
    let masthead: Vec<&Piece> = pieces
        .iter()
        .take_while(|piece| piece.start() < masthead_end)
        .collect();
    let mut metadata = masthead::read(&masthead, language);
    let mut body = Body::new(language, format, boundaries);
    let body_entries = match body_start {
        Some(index) if is_enacting_formula(&entries[index].text.text) => {
            read_formula(&mut metadata, &entries[index]);
            &entries[index + 1..]
        }
        Some(index) => &entries[index..],
        None => &entries[..],
    };
    body.read(body_entries, &metadata);
    let mut footnotes: Vec<DraftFootnote> = entries
        .iter()
        .filter_map(|entry| match entry.kind {
            EntryKind::Footnote(number) => Some(DraftFootnote {
                number,
                text: entry.text.text.clone(),
                spans: entry.spans.clone(),
                eid: None,
            }),
            _ => None,
        })
        .collect();
    footnotes.sort_by_key(|footnote| footnote.number);
    if let Some(closing) = body.closing.take() {
        metadata.closing = Some(closing);
    }
    if metadata.adoption_date.is_none() {
        metadata.adoption_date = body.closing_date_alone.take();
    }
    diagnostics.append(&mut body.diagnostics);
    diagnostics.extend(missing_metadata(&metadata));
    Draft {
        language,
        format,
        source,
        metadata,
        blocks: body.blocks,
        footnotes,
        diagnostics,
    }
}

static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:The|La|El|Los|Las)\s+\p{Lu}[\p{L} ,’'\-]{2,90}(,?)$").expect("static regex")
});

/// More bytes than any text [`FORMULA`] matches.
const FORMULA_BYTES: usize = 400;

/// `The General Assembly,` / `La Asamblea General,`; without its comma only when it names a
/// known organ, since a conversion may drop the comma but a heading also reads `The ...`.
pub(crate) fn is_enacting_formula(text: &str) -> bool {
    // Every paragraph is asked: the regex runs only on what could match it (an article, then at
    // most 90 characters of up to four bytes each).
    const ARTICLES: [&str; 5] = ["The", "La", "El", "Los", "Las"];
    let opens_with_article = ARTICLES.iter().any(|article| {
        text.strip_prefix(article)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    });
    if !opens_with_article || text.len() > FORMULA_BYTES {
        return false;
    }
    FORMULA.captures(text).is_some_and(|captures| {
        let has_comma = captures.get(1).is_some_and(|comma| !comma.is_empty());
        has_comma || masthead::organ_named_in(text).is_some()
    })
}

/// Where the resolution proper starts: the enacting formula, or else the first paragraph that
/// reads like a preambular or operative paragraph.
fn body_start(entries: &[Entry], language: Language) -> Option<usize> {
    let paragraphs = || {
        entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.kind == EntryKind::Paragraph)
    };
    paragraphs()
        .find(|(_, entry)| is_enacting_formula(&entry.text.text))
        .or_else(|| {
            paragraphs().find(|(_, entry)| {
                let text = &entry.text.text;
                leading_label(text, LabelSyntax::Running).is_some()
                    || lexicon::opening_phrase(language, text).is_some()
            })
        })
        .map(|(index, _)| index)
}

fn read_formula(metadata: &mut Metadata, entry: &Entry) {
    let span = entry.spans.first().copied().unwrap_or_default();
    let formula = entry.text.text.clone();
    if metadata.organ.is_none() {
        let organ = match masthead::organ_named_in(&formula) {
            Some((organ, _)) => organ,
            None => Organ::Other(organ_name_in_formula(&formula)),
        };
        metadata.organ = Some(Spanned::new(organ, span));
    }
    metadata.enacting_formula = Some(Spanned::new(formula, span));
}

/// `The Conference of the Parties,` → `Conference of the Parties`.
fn organ_name_in_formula(formula: &str) -> String {
    let name = formula.trim_end_matches(',');
    name.split_once(' ')
        .map_or(name, |(_, rest)| rest)
        .to_string()
}

fn missing_metadata(metadata: &Metadata) -> Option<Diagnostic> {
    let mut missing = Vec::new();
    if metadata.resolution_number.is_none() {
        missing.push("resolution number");
    }
    if metadata.enacting_formula.is_none() {
        missing.push("enacting formula");
    }
    if metadata.closing.is_none() {
        missing.push("closing meeting line");
    }
    (!missing.is_empty()).then(|| {
        Diagnostic::new(
            DiagnosticCode::MetadataMissing,
            Severity::Info,
            format!("not found: {}", missing.join(", ")),
        )
    })
}
