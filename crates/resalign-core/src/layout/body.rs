//! Walks the paragraphs after the enacting formula: preamble, operative part, closing lines and
//! annexes, joining paragraphs that a page break cut and telling headings from paragraphs.

use std::sync::LazyLock;

use regex::Regex;

use crate::assemble::{Block, Part, Role, Scope};
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::label::{LabelSyntax, RawLabel, leading_label};
use crate::lexicon;
use crate::model::{Closing, Date, Language, Metadata, SourceFormat};
use crate::span::Spanned;

use super::{Boundaries, Entry, EntryKind, is_enacting_formula, masthead};
use crate::text::without_trailing_calls;

static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:annex|anexo)(?:\s+(?:[IVXLC]+|\d+))?\.?$").expect("static regex")
});

/// Walks the entries after the enacting formula.
pub(super) struct Body {
    language: Language,
    format: SourceFormat,
    boundaries: Boundaries,
    pub(super) blocks: Vec<Block>,
    pub(super) closing: Option<Closing>,
    /// The adoption date when the closing printed no meeting line.
    pub(super) closing_date_alone: Option<Spanned<Date>>,
    pub(super) diagnostics: Vec<Diagnostic>,
    scope: Scope,
    part: Part,
    annexes: u32,
}

impl Body {
    pub(super) fn new(language: Language, format: SourceFormat, boundaries: Boundaries) -> Body {
        Body {
            language,
            format,
            boundaries,
            blocks: Vec::new(),
            closing: None,
            closing_date_alone: None,
            diagnostics: Vec::new(),
            scope: Scope::Body,
            part: Part::Preamble,
            annexes: 0,
        }
    }

    pub(super) fn read(&mut self, entries: &[Entry], metadata: &Metadata) {
        let paragraph_texts: Vec<(usize, &Entry)> = entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.kind == EntryKind::Paragraph)
            .collect();
        let mut next_paragraph = 0;
        for (index, entry) in entries.iter().enumerate() {
            while next_paragraph < paragraph_texts.len()
                && paragraph_texts[next_paragraph].0 <= index
            {
                next_paragraph += 1;
            }
            let following = paragraph_texts.get(next_paragraph).map(|(_, entry)| *entry);
            match entry.kind {
                EntryKind::Footnote(_) | EntryKind::PageBreak => {}
                EntryKind::Heading => self.heading(entry),
                EntryKind::Table => self.push(entry, Role::Table),
                EntryKind::Paragraph => self.paragraph(entry, following, metadata),
            }
        }
    }

    /// A heading; `Annex`, `Annex II`, `Anexo` opens an annex, whose scope the ids carry, and
    /// is not a unit of its own (AKN4UN markup often has no such line to align it with).
    fn heading(&mut self, entry: &Entry) {
        let text = entry.text.text.trim_matches(['*', ' ']);
        if ANNEX.is_match(text) {
            self.annexes += 1;
            self.scope = Scope::Annex(self.annexes);
            self.part = Part::Operative;
            return;
        }
        self.push(entry, Role::Heading);
    }

    fn paragraph(&mut self, entry: &Entry, following: Option<&Entry>, metadata: &Metadata) {
        let text = &entry.text.text;
        if self.is_running_head(text, metadata) {
            return;
        }
        if self.read_closing(entry) {
            return;
        }
        // A closing that printed only the date.
        if self.scope == Scope::Body
            && self.part == Part::Operative
            && self.closing.is_none()
            && let Some(date) = masthead::date_line(text, self.language)
        {
            let span = entry.spans.first().copied().unwrap_or_default();
            self.closing_date_alone = Some(Spanned::new(date, span));
            return;
        }
        if ANNEX.is_match(text) {
            return self.heading(entry);
        }
        if self.boundaries == Boundaries::Guessed
            && let Some(previous) = self.blocks.last_mut()
            && continues(previous, text, self.language)
        {
            join(previous, entry);
            self.diagnostics.push(
                Diagnostic::new(
                    DiagnosticCode::JoinedAcrossPageBreak,
                    Severity::Info,
                    format!(
                        "joined a paragraph cut by a page break before `{}`",
                        first_words(text, 4)
                    ),
                )
                .with_span(entry.spans.first().copied().unwrap_or_default()),
            );
            return;
        }
        let after_complete_paragraph = self
            .blocks
            .last()
            .is_none_or(|block| block.role != Role::Paragraph || !is_open(&block.text));
        if entry.line_count <= 3
            && after_complete_paragraph
            && looks_like_heading(text, following, self.language)
        {
            return self.push(entry, Role::Heading);
        }
        self.enter_part(text);
        self.push(entry, Role::Paragraph);
    }

    /// In plain text the title and the symbol repeat at page tops; a page top that the line
    /// classifier could not prove repeated (a two-page document) is recognised here.
    fn is_running_head(&self, text: &str, metadata: &Metadata) -> bool {
        self.format == SourceFormat::PlainText
            && (metadata
                .title
                .as_ref()
                .is_some_and(|title| title.value == text)
                || metadata
                    .symbol
                    .as_ref()
                    .is_some_and(|symbol| symbol.value == text))
    }

    /// The meeting line and the date under it.
    fn read_closing(&mut self, entry: &Entry) -> bool {
        let text = &entry.text.text;
        let span = entry.spans.first().copied().unwrap_or_default();
        if let Some(closing) = self.closing.as_mut() {
            if closing.date.is_none()
                && let Some(date) = masthead::date_line(text, self.language)
            {
                closing.date = Some(Spanned::new(date, span));
                return true;
            }
            return false;
        }
        if self.scope != Scope::Body {
            return false;
        }
        match masthead::closing(text, span, self.language) {
            Some(closing) => {
                self.closing = Some(closing);
                true
            }
            None => false,
        }
    }

    /// A numbered paragraph, or an unnumbered one that opens with an operative verb, is
    /// operative; an unnumbered one that opens with a preambular phrase is preambular, also
    /// inside a section of the operative part. Items and other paragraphs stay where they are.
    fn enter_part(&mut self, text: &str) {
        match leading_label(text, LabelSyntax::Running).map(|label| label.raw) {
            Some(RawLabel::Number(_)) => self.part = Part::Operative,
            Some(_) => {}
            None if opens_with_operative_verb(text, self.language) => self.part = Part::Operative,
            // A second formula opens the draft an operative paragraph recommends.
            None if is_enacting_formula(text) => self.part = Part::Preamble,
            // Annex text keeps its unnumbered paragraphs apart from the body's parts, as AKN4UN
            // markup does, so both give the same ids.
            None if self.scope == Scope::Body
                && lexicon::opening_phrase(self.language, text).is_some() =>
            {
                self.part = Part::Preamble;
            }
            None => {}
        }
    }

    fn push(&mut self, entry: &Entry, role: Role) {
        let mut block = Block::new(
            self.scope,
            self.part,
            role,
            entry.text.text.clone(),
            entry.spans.clone(),
        );
        block.calls = entry.text.calls.clone();
        block.lead_emphasis = entry.text.lead_emphasis;
        self.blocks.push(block);
    }
}

/// Does `text` go on from `previous`, which a page break cut? Yes when it starts in lower case,
/// or when `previous` stopped without closing punctuation; never when it starts with a label.
fn continues(previous: &Block, text: &str, language: Language) -> bool {
    if previous.role != Role::Paragraph || leading_label(text, LabelSyntax::Running).is_some() {
        return false;
    }
    let opening = text.trim_start_matches(['“', '"', '‘', '\'', '(', '[']);
    let starts_lower = opening.chars().next().is_some_and(char::is_lowercase);
    let starts_new_phrase =
        lexicon::opening_phrase(language, text).is_some() || is_enacting_formula(text);
    starts_lower || (is_open(&previous.text) && !starts_new_phrase)
}

/// A paragraph that stops without closing punctuation goes on somewhere.
fn is_open(text: &str) -> bool {
    !without_trailing_calls(text)
        .trim_end_matches(['”', '"', '’', '\''])
        .ends_with([',', ';', ':', '.'])
}

fn join(previous: &mut Block, entry: &Entry) {
    let offset = previous.text.len() + 1;
    previous.text.push(' ');
    previous.text.push_str(&entry.text.text);
    previous.calls.extend(entry.text.calls.iter().map(|call| {
        let mut call = *call;
        call.offset += offset;
        call
    }));
    previous.spans.extend(entry.spans.iter().copied());
}

/// Headings run to two lines of a page at most.
const HEADING_CHARS: usize = 200;

/// A short line on its own, without closing punctuation, that the next paragraph does not
/// continue: `I`, `A. Base/floor salary scale`, `International Decade for People of African Descent`.
fn looks_like_heading(text: &str, following: Option<&Entry>, language: Language) -> bool {
    const DANGLING: &[&str] = &[
        "the", "of", "and", "to", "for", "in", "on", "with", "by", "a", "an", "de", "la", "el",
        "los", "las", "y", "en", "del", "para", "por", "con", "que", "a", "e", "o", "u",
    ];
    let last_word = text.rsplit(' ').next().unwrap_or("").to_lowercase();
    let starts_upper = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let next_starts_fresh = following.is_none_or(|entry| {
        let next = &entry.text.text;
        next.chars().next().is_some_and(|c| !c.is_lowercase())
            || leading_label(next, LabelSyntax::Running).is_some()
    });
    text.chars().count() <= HEADING_CHARS
        && starts_upper
        && !text.ends_with([',', ';', ':', '.'])
        && !(text.contains(' ') && DANGLING.contains(&last_word.as_str()))
        && leading_label(text, LabelSyntax::Running).is_none()
        && lexicon::opening_phrase(language, text).is_none()
        && next_starts_fresh
}

/// `Decides ...`, `Takes note ...`, `Decide ...`, `Toma nota ...`: the present tense of an
/// operative paragraph, as against a preambular participle or adjective.
fn opens_with_operative_verb(text: &str, language: Language) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // Adverbs lead the verb: `Also requests`, `Strongly condemns`, `Once again urges`.
    let is_lead = |word: &str| {
        word.ends_with("ly")
            || word.ends_with("mente")
            || matches!(word, "Also" | "Further" | "Again" | "Once" | "again")
    };
    let word = std::iter::once(first)
        .chain(words)
        .find(|word| !is_lead(word))
        .unwrap_or("")
        .trim_end_matches([',', ':']);
    if word.len() < 4 {
        return false;
    }
    match language {
        // `Decides`, `Calls`, not `Conscious`, `Anxious` or `Mindful`.
        Language::En => word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("ous"),
        Language::Es => {
            let lower = word.to_lowercase();
            // Participles and adjectives that end like verbs: `Resuelta`, `Dispuesta`.
            const IRREGULAR: &[&str] = &["resuelt", "dispuest", "satisfech", "atent"];
            (lower.ends_with('a') || lower.ends_with('e'))
                && !["ada", "ida", "ado", "ido", "nte", "ando", "endo", "dora"]
                    .iter()
                    .any(|ending| lower.ends_with(ending))
                && !IRREGULAR.iter().any(|stem| lower.starts_with(stem))
        }
    }
}

fn first_words(text: &str, count: usize) -> String {
    text.split_whitespace()
        .take(count)
        .collect::<Vec<_>>()
        .join(" ")
}
