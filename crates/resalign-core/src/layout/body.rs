//! Walks the paragraphs after the enacting formula: preamble, operative part, closing lines and
//! annexes, joining paragraphs that a page break cut and telling headings from paragraphs.

use std::sync::LazyLock;

use regex::Regex;

use crate::assemble::{Block, Part, Role, Scope};
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::label::{LabelSyntax, RawLabel, leading_label};
use crate::lexicon;
use crate::model::{Closing, Date, Language, Metadata, SourceFormat};
use crate::span::{Span, Spanned};

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
    annex: AnnexCue,
    /// The annex cue before the last block was pushed, should that block turn out a heading.
    cue_before_last: AnnexCue,
    /// Whether the last block took in the paragraph after it.
    last_is_joined: bool,
    /// The entry being read, and the meeting line that only closing lines follow: that one
    /// closes the resolution even when it is printed after an annex.
    at: usize,
    last_meeting_line: Option<usize>,
}

/// Whether an annex may start without an `Annex` line: a resolution that adopts a declaration
/// "as follows:" or "annexed to the present resolution" prints it right after that paragraph,
/// under its own title, and ends with the meeting line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AnnexCue {
    None,
    /// The last block announced the text that follows.
    Announced,
    /// The annex the announcement opened: its meeting line closes the resolution.
    Opened,
}

/// What announces a text printed right after the paragraph, in lower case.
const ANNOUNCING: &[&str] = &[
    "annexed to the present resolution",
    "contained in the annex to the present resolution",
    "set out in the annex to the present resolution",
    "anexo a la presente resolución",
    "anexa a la presente resolución",
    "anexos a la presente resolución",
    "anexas a la presente resolución",
    "figura en el anexo de la presente resolución",
    "figuran en el anexo de la presente resolución",
];

/// `B`, `II`, `A. Budget`: a heading that starts with a section's label.
fn opens_section(text: &str) -> bool {
    let label = text.split([' ', '.']).next().unwrap_or("");
    !label.is_empty()
        && label.len() <= 5
        && label.chars().all(|c| c.is_ascii_uppercase())
        && (label.len() == 1 || crate::label::roman_value(&label.to_ascii_lowercase()).is_some())
}

/// Verbs that adopt a text the resolution then prints: `Adopts the following declaration:`.
const ADOPTING: &[&str] = &[
    "adopts",
    "approves",
    "endorses",
    "proclaims",
    "aprueba",
    "adopta",
    "hace suya",
    "hace suyos",
    "hace suyas",
    "proclama",
    "refrenda",
];

fn announces_annex(text: &str) -> bool {
    let lower = text.to_lowercase();
    let opening = lower
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .trim_start_matches("also ")
        .trim_start_matches("further ")
        .trim_start_matches("también ");
    if !ADOPTING.iter().any(|verb| opening.starts_with(verb)) {
        return false;
    }
    let follows = lower.trim_end().ends_with(':')
        && (lower.contains("following") || lower.contains("siguiente"));
    follows || ANNOUNCING.iter().any(|phrase| lower.contains(phrase))
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
            annex: AnnexCue::None,
            cue_before_last: AnnexCue::None,
            last_is_joined: false,
            at: 0,
            last_meeting_line: None,
        }
    }

    pub(super) fn read(&mut self, entries: &[Entry], metadata: &Metadata) {
        let paragraph_texts: Vec<(usize, &Entry)> = entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.kind == EntryKind::Paragraph)
            .collect();
        self.last_meeting_line = last_meeting_line(entries, self.language);
        let mut next_paragraph = 0;
        let mut page_top = false;
        for (index, entry) in entries.iter().enumerate() {
            self.at = index;
            while next_paragraph < paragraph_texts.len()
                && paragraph_texts[next_paragraph].0 <= index
            {
                next_paragraph += 1;
            }
            let following = paragraph_texts.get(next_paragraph).map(|(_, entry)| *entry);
            match entry.kind {
                EntryKind::Footnote(_) => {}
                EntryKind::PageBreak => page_top = true,
                EntryKind::Heading => self.heading(entry),
                EntryKind::Table => self.push(entry, Role::Table),
                EntryKind::Paragraph
                    if page_top && self.is_running_head(&entry.text.text, metadata) => {}
                EntryKind::Paragraph => self.paragraph(entry, following, page_top),
            }
            if !matches!(entry.kind, EntryKind::Footnote(_) | EntryKind::PageBreak) {
                page_top = false;
            }
        }
    }

    /// A heading; `Annex`, `Annex II`, `Anexo` opens an annex, whose scope the ids carry, and
    /// is not a unit of its own (AKN4UN markup often has no such line to align it with).
    fn heading(&mut self, entry: &Entry) {
        // The meeting line, set apart like a heading (bold, centred), is still the closing.
        if self.read_closing(entry) {
            return;
        }
        let text = entry.text.text.trim_matches(['*', ' ']);
        if ANNEX.is_match(text) {
            self.open_annex(AnnexCue::None);
            return;
        }
        // The title of the announced text; a section (`B`, `II. Budget`) goes on with the body.
        if self.annex == AnnexCue::Announced && self.scope == Scope::Body && !opens_section(text) {
            self.open_annex(AnnexCue::Opened);
        }
        self.push(entry, Role::Heading);
    }

    /// The last paragraph was a heading after all.
    fn promote_last_to_heading(&mut self) {
        let Some(mut block) = self.blocks.pop() else {
            return;
        };
        self.annex = self.cue_before_last;
        if self.annex == AnnexCue::Announced
            && self.scope == Scope::Body
            && !opens_section(&block.text)
        {
            self.open_annex(AnnexCue::Opened);
            block.scope = self.scope;
            block.part = self.part;
        } else if self.annex == AnnexCue::Announced {
            self.annex = AnnexCue::None;
        }
        block.role = Role::Heading;
        self.blocks.push(block);
    }

    fn open_annex(&mut self, cue: AnnexCue) {
        self.annexes += 1;
        self.scope = Scope::Annex(self.annexes);
        self.part = Part::Operative;
        self.annex = cue;
    }

    fn paragraph(&mut self, entry: &Entry, following: Option<&Entry>, page_top: bool) {
        let text = &entry.text.text;
        if let Some((lines, record)) = split_vote_record(entry, self.language)
            && self.read_closing(&lines)
        {
            return self.paragraph(&record, following, page_top);
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
        // A heading that converted text printed over two lines was joined again; when what
        // follows starts afresh, it was a heading, and nothing a page break cut.
        if self.boundaries == Boundaries::Guessed
            && self.last_is_joined
            && self.blocks.last().is_some_and(|block| {
                block.role == Role::Paragraph
                    && looks_like_heading(&block.text, Some(entry), self.language, self.boundaries)
            })
        {
            self.promote_last_to_heading();
        }
        self.last_is_joined = false;
        if self.boundaries == Boundaries::Guessed
            && let Some(previous) = self.blocks.last_mut()
            && (continues(previous, self.scope, text, self.language)
                || (page_top && labelled_goes_on(previous, text, self.language)))
        {
            join(previous, entry);
            self.last_is_joined = true;
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
        if entry.line_count <= heading_lines(self.boundaries)
            && after_complete_paragraph
            && looks_like_heading(text, following, self.language, self.boundaries)
        {
            return self.heading(entry);
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
        if self.scope != Scope::Body
            && self.annex != AnnexCue::Opened
            && self.last_meeting_line != Some(self.at)
        {
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
        self.cue_before_last = self.annex;
        if self.annex == AnnexCue::Announced {
            self.annex = AnnexCue::None;
        }
        if role == Role::Paragraph
            && self.scope == Scope::Body
            && self.part == Part::Operative
            && announces_annex(&entry.text.text)
        {
            self.annex = AnnexCue::Announced;
        }
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

/// The last meeting line, when only the date and the record of the vote follow it: the
/// closing, wherever it is printed (after an annex, too). A meeting line inside an annex (a
/// programme of work lists meetings) has more text after it.
fn last_meeting_line(entries: &[Entry], language: Language) -> Option<usize> {
    let texts = || {
        entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| matches!(entry.kind, EntryKind::Paragraph | EntryKind::Heading))
    };
    let is_meeting_line = |entry: &Entry| {
        let text = &entry.text.text;
        let lines = text
            .split_once(" [")
            .map_or(text.as_str(), |(lines, _)| lines);
        masthead::closing(lines, Span::default(), language).is_some()
    };
    // Only the end of a document is looked at: the date, and a vote record however broken.
    const REACH: usize = 50;
    let (index, _) = texts()
        .rev()
        .take(REACH)
        .find(|(_, entry)| is_meeting_line(entry))?;
    let mut after = texts()
        .skip_while(|(at, _)| *at <= index)
        .map(|(_, entry)| entry.text.text.as_str())
        .skip_while(|text| masthead::date_line(text, language).is_some());
    after
        .next()
        .is_none_or(|text| text.starts_with('['))
        .then_some(index)
}

/// Closing lines and the record of the vote printed as one paragraph (`12 October 2023
/// [Adopted without a vote.]`): the lines, and the record as an entry of its own.
fn split_vote_record(entry: &Entry, language: Language) -> Option<(Entry, Entry)> {
    let text = &entry.text.text;
    let (lines, _) = text.split_once(" [")?;
    let record_start = lines.len() + 1;
    let is_closing_line = masthead::date_line(lines, language).is_some()
        || masthead::closing(lines, Span::default(), language).is_some();
    if !is_closing_line || !text.trim_end().ends_with(']') {
        return None;
    }
    let part = |range: std::ops::Range<usize>| {
        let mut text = entry.text.clone();
        text.calls.retain(|call| range.contains(&call.offset));
        for call in &mut text.calls {
            call.offset -= range.start;
        }
        text.text = text.text[range].to_string();
        text.lead_emphasis = None;
        Entry {
            kind: EntryKind::Paragraph,
            text,
            spans: entry.spans.clone(),
            line_count: 1,
        }
    };
    Some((part(0..lines.len()), part(record_start..text.len())))
}

/// Does `text` go on from `previous`, which a page break cut? Yes when it starts in lower case,
/// or when `previous` stopped without closing punctuation; never when it starts with a label.
fn continues(previous: &Block, scope: Scope, text: &str, language: Language) -> bool {
    // An `Annex` line between them opened another scope: nothing was cut there.
    if previous.role != Role::Paragraph
        || previous.scope != scope
        || leading_label(text, LabelSyntax::Running).is_some()
    {
        return false;
    }
    let opening = text.trim_start_matches(['“', '"', '‘', '\'', '(', '[']);
    let starts_lower = opening.chars().next().is_some_and(char::is_lowercase);
    let starts_new_phrase =
        lexicon::opening_phrase(language, text).is_some() || is_enacting_formula(text);
    starts_lower || (is_open(&previous.text) && !starts_new_phrase)
}

/// A numbered paragraph or an item that a page ends after a comma goes on at the top of the next
/// page in text without a label: what follows it would have its own.
fn labelled_goes_on(previous: &Block, text: &str, language: Language) -> bool {
    previous.role == Role::Paragraph
        && leading_label(&previous.text, LabelSyntax::Running).is_some()
        && without_trailing_calls(&previous.text).ends_with(',')
        && leading_label(text, LabelSyntax::Running).is_none()
        && lexicon::opening_phrase(language, text).is_none()
        && !is_enacting_formula(text)
}

/// A paragraph that stops without closing punctuation goes on somewhere. Calls that plain text
/// prints as digits after the punctuation (`Rights,8`, `activities, 1`) do not count.
fn is_open(text: &str) -> bool {
    let text = without_trailing_calls(text);
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    let text = match text[..text.len() - digits].strip_suffix(' ') {
        Some(before) if (1..=3).contains(&digits) && before.ends_with([',', ';', ':', '.']) => {
            before
        }
        _ => text,
    };
    !text
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

/// Where paragraph boundaries are guessed, a heading runs to three lines (200 characters) at
/// most, since a longer unpunctuated run is more likely a paragraph cut in two. Where they are
/// known, the title of an annex or a section may run to five lines (`Implementation of the 1995
/// Agreement for the Implementation of the Provisions of ...`).
fn heading_lines(boundaries: Boundaries) -> usize {
    match boundaries {
        Boundaries::Guessed => 3,
        Boundaries::Known => 5,
    }
}

fn heading_chars(boundaries: Boundaries) -> usize {
    match boundaries {
        Boundaries::Guessed => 200,
        Boundaries::Known => 400,
    }
}

/// A short line on its own, without closing punctuation, that the next paragraph does not
/// continue: `I`, `A. Base/floor salary scale`, `International Decade for People of African Descent`.
/// One that opens like a preambular paragraph (`Reaffirming international resolve`) is a heading
/// only where paragraph boundaries are known or a label follows: converted text may have cut a
/// paragraph there.
fn looks_like_heading(
    text: &str,
    following: Option<&Entry>,
    language: Language,
    boundaries: Boundaries,
) -> bool {
    const DANGLING: &[&str] = &[
        "the", "of", "and", "to", "for", "in", "on", "with", "by", "a", "an", "de", "la", "el",
        "los", "las", "y", "en", "del", "para", "por", "con", "que", "a", "e", "o", "u",
    ];
    let last_word = text.rsplit(' ').next().unwrap_or("").to_lowercase();
    let starts_upper = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let next_is_labelled = following
        .is_some_and(|entry| leading_label(&entry.text.text, LabelSyntax::Running).is_some());
    let next_starts_fresh = following.is_none_or(|entry| {
        let next = &entry.text.text;
        next.chars().next().is_some_and(|c| !c.is_lowercase())
            || leading_label(next, LabelSyntax::Running).is_some()
    });
    text.chars().count() <= heading_chars(boundaries)
        && starts_upper
        && is_open(text)
        && !(text.contains(' ') && DANGLING.contains(&last_word.as_str()))
        && leading_label(text, LabelSyntax::Running).is_none()
        && (lexicon::opening_phrase(language, text).is_none()
            || boundaries == Boundaries::Known
            || next_is_labelled)
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
            // `Deseosa`, `Temerosa` are adjectives; `Comprometiéndose` a gerund with its pronoun.
            (lower.ends_with('a') || lower.ends_with('e'))
                && ![
                    "ada", "ida", "ado", "ido", "nte", "ando", "endo", "dora", "osa", "ndose",
                ]
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
