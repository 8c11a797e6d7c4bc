//! Turns the blocks a front-end read into the document model: labels, nesting, ids, kinds,
//! opening phrases, footnote links, anchors and numbering diagnostics.
//!
//! Every input format goes through here, so one resolution gets the same ids whether it came as
//! markdown, pdftotext output or AKN4UN XML, and the English and Spanish versions of a resolution
//! get the same ids wherever their structure is parallel.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::anchors::{self, AnchorKind};
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::label::{
    LabelSyntax, RawLabel, is_letter_label, leading_label, letter_index, roman_value, to_roman,
};
use crate::lexicon;
use crate::model::{
    Document, Footnote, FootnoteCall, Label, LabelValue, Language, Metadata, SourceFormat, Unit,
    UnitId, UnitKind,
};
use crate::span::Span;
use crate::work::{self, Work};

/// Everything a front-end read from one input, before structure and ids.
pub(crate) struct Draft {
    pub language: Language,
    pub format: SourceFormat,
    pub source: String,
    pub metadata: Metadata,
    pub blocks: Vec<Block>,
    pub footnotes: Vec<DraftFootnote>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The resolution itself, or one of its annexes (numbered from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Scope {
    Body,
    Annex(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    Preamble,
    Operative,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Paragraph,
    Heading,
    Table,
}

/// One paragraph-like piece of text as a front-end found it.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub scope: Scope,
    pub part: Part,
    pub role: Role,
    /// A label that markup printed apart from the text (AKN `<num>`). Without one, a label at
    /// the start of the text is looked for.
    pub num: Option<String>,
    /// Nesting that markup gave (0 = paragraph, 1 = its items, 2 = their items). Without it,
    /// nesting is inferred from the labels.
    pub depth: Option<u8>,
    /// Clean text: no markup, no footnote calls, single spaces.
    pub text: String,
    pub calls: Vec<FootnoteCall>,
    pub spans: Vec<Span>,
    pub eid: Option<String>,
    /// Byte length of an emphasized run that opens the text, a hint for the opening phrase.
    pub lead_emphasis: Option<usize>,
}

impl Block {
    pub fn new(scope: Scope, part: Part, role: Role, text: String, spans: Vec<Span>) -> Block {
        Block {
            scope,
            part,
            role,
            num: None,
            depth: None,
            text,
            calls: Vec::new(),
            spans,
            eid: None,
            lead_emphasis: None,
        }
    }
}

impl Block {
    /// A heading or table that markup placed between the items of a list.
    fn sits_inside_an_item(&self) -> bool {
        self.role != Role::Paragraph && self.depth.is_some_and(|depth| depth > 0)
    }
}

/// A footnote body as a front-end found it.
#[derive(Clone, Debug)]
pub(crate) struct DraftFootnote {
    pub number: u32,
    pub text: String,
    pub spans: Vec<Span>,
    pub eid: Option<String>,
}

/// Builds the document: the only way a front-end's output becomes a [`Document`].
pub(crate) fn assemble(draft: Draft) -> Document {
    let Draft {
        language,
        format,
        source,
        mut metadata,
        mut blocks,
        footnotes,
        mut diagnostics,
    } = draft;
    metadata.derive_missing_symbol();
    blocks.retain(|block| !is_annex_marker(block));
    let votes = join_vote_blocks(language, &mut blocks);
    let labels = resolve_labels(&mut blocks);
    let mut units = build_units(&blocks, &labels, &mut diagnostics);
    mark_votes(&mut units, &votes);
    check_numbering(&units, &mut diagnostics);
    if !units.iter().any(|unit| unit.kind == UnitKind::Operative) {
        diagnostics.push(Diagnostic::new(
            DiagnosticCode::NoOperativePart,
            Severity::Warning,
            "no operative paragraph found",
        ));
    }
    for (unit, block) in units.iter_mut().zip(&blocks) {
        unit.opening_phrase = opening_phrase(language, unit.kind, block);
        unit.anchors = anchors::extract(language, &unit.text, &unit.footnote_calls);
        impossible_dates(unit, &mut diagnostics);
    }
    let footnotes = collect_footnotes(language, footnotes, &mut diagnostics);
    link_footnotes(&units, &footnotes, &mut diagnostics);
    Document {
        language,
        format,
        metadata,
        units,
        footnotes,
        diagnostics,
        source,
    }
}

/// A date the unit prints that no calendar has (`31 February 2020`): kept as an anchor, as the
/// text has it, and reported.
fn impossible_dates(unit: &Unit, diagnostics: &mut Vec<Diagnostic>) {
    for anchor in &unit.anchors {
        if anchor.kind != AnchorKind::Date || !anchors::is_impossible_date(&anchor.key) {
            continue;
        }
        let printed = unit
            .text
            .get(anchor.range.start..anchor.range.end)
            .unwrap_or(&anchor.key);
        let mut diagnostic = Diagnostic::new(
            DiagnosticCode::ImpossibleDate,
            Severity::Warning,
            format!("`{printed}` is not a date: the month has no such day"),
        )
        .with_unit(unit.id.clone());
        if let Some(span) = unit.spans.first() {
            diagnostic = diagnostic.with_span(*span);
        }
        diagnostics.push(diagnostic);
    }
}

/// How the record of a vote opens, after an optional `[`: `[Adopted by a recorded vote of 32
/// to 13, with 2 abstentions. The voting was as follows:`, `[Aprobada en votación registrada por
/// 32 votos contra 13 y 2 abstenciones. El resultado de la votación fue el siguiente:`.
const VOTE_OPENINGS: [(Language, &[&str]); 2] = [
    (
        Language::En,
        &[
            "adopted by a recorded vote",
            "adopted by a vote",
            "adopted without a vote",
        ],
    ),
    (
        Language::Es,
        &[
            "aprobada en votación registrada",
            "aprobada por votación registrada",
            "aprobado en votación registrada",
            "aprobada sin votación",
            "aprobado sin votación",
        ],
    ),
];

/// The labels of the lists of a vote record, ending in a colon.
pub(crate) const VOTE_LABELS: [(Language, &[&str]); 2] = [
    (
        Language::En,
        &[
            "in favour:",
            "in favor:",
            "against:",
            "abstaining:",
            "abstentions:",
        ],
    ),
    (
        Language::Es,
        &[
            "votos a favor:",
            "a favor:",
            "votos en contra:",
            "en contra:",
            "abstenciones:",
        ],
    ),
];

fn vote_words(
    table: &[(Language, &'static [&'static str]); 2],
    language: Language,
) -> &'static [&'static str] {
    table
        .iter()
        .find(|(own, _)| *own == language)
        .map_or(&[], |(_, words)| words)
}

/// The first characters of a text, lower case: enough to hold any opening or label.
fn lowered_start(text: &str) -> String {
    text.trim_start_matches(['[', ' '])
        .chars()
        .take(VOTE_WORDS_CHARS)
        .flat_map(char::to_lowercase)
        .collect()
}

/// More characters than the longest vote opening or label has.
const VOTE_WORDS_CHARS: usize = 40;

fn opens_vote(language: Language, text: &str) -> bool {
    let text = lowered_start(text);
    vote_words(&VOTE_OPENINGS, language)
        .iter()
        .any(|opening| text.starts_with(opening))
}

fn opens_with_vote_label(language: Language, text: &str) -> bool {
    let text = lowered_start(text);
    vote_words(&VOTE_LABELS, language)
        .iter()
        .any(|label| text.starts_with(label))
}

/// Joins the blocks a vote record was printed in (its opening line, each list's label and the
/// countries, however a converter broke them into lines, paragraphs or headings) into one
/// block, and says which blocks are such records. A record opens with its `[Adopted by ...`
/// line or, where that line is missing, with a list's label; it ends with its closing `]`, or
/// where the text stops reading as a vote.
fn join_vote_blocks(language: Language, blocks: &mut Vec<Block>) -> Vec<bool> {
    let mut votes = vec![false; blocks.len()];
    let mut index = 0;
    while index < blocks.len() {
        let opens = opens_vote(language, &blocks[index].text)
            || opens_with_vote_label(language, &blocks[index].text);
        if !opens || blocks[index].role == Role::Table {
            index += 1;
            continue;
        }
        let mut end = closing_bracket(blocks, index).map_or(index + 1, |last| last + 1);
        let mut after_label = ends_with_label(language, &blocks[index].text);
        while end < blocks.len() && !blocks[end - 1].text.trim_end().ends_with(']') {
            let next = &blocks[end];
            let continues = next.scope == blocks[index].scope
                && next.role != Role::Table
                && leading_label(&next.text, LabelSyntax::Running).is_none()
                && (after_label || opens_with_vote_label(language, &next.text));
            if !continues {
                break;
            }
            after_label = ends_with_label(language, &next.text);
            end += 1;
        }
        let joined: Vec<Block> = blocks.drain(index + 1..end).collect();
        votes.drain(index + 1..end);
        for block in joined {
            append_block(&mut blocks[index], block);
        }
        blocks[index].role = Role::Paragraph;
        votes[index] = true;
        index += 1;
    }
    votes
}

/// Most blocks a bracketed vote record is looked for in: its opening, three lists with their
/// labels, and the lines a converter may have made of them.
const VOTE_RECORD_BLOCKS: usize = 40;

/// The block that closes the bracket a vote record opens with (`[Adopted by a recorded vote
/// of` … `… and Viet Nam]`), however the lines between were broken: everything up to it is
/// the record.
fn closing_bracket(blocks: &[Block], index: usize) -> Option<usize> {
    let opening = &blocks[index];
    if !opening.text.trim_start().starts_with('[') {
        return None;
    }
    blocks
        .iter()
        .enumerate()
        .skip(index)
        .take(VOTE_RECORD_BLOCKS)
        .take_while(|(at, block)| {
            *at == index
                || (block.scope == opening.scope
                    && block.role != Role::Table
                    && leading_label(&block.text, LabelSyntax::Running).is_none())
        })
        .find(|(_, block)| block.text.trim_end().ends_with(']'))
        .map(|(at, _)| at)
}

/// Whether the text ends with a list's label, so that the countries follow in the next block.
fn ends_with_label(language: Language, text: &str) -> bool {
    let text: String = text
        .trim_end()
        .chars()
        .rev()
        .take(VOTE_WORDS_CHARS)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    vote_words(&VOTE_LABELS, language)
        .iter()
        .any(|label| text.ends_with(label))
}

fn append_block(into: &mut Block, block: Block) {
    let offset = into.text.len() + 1;
    into.text.push(' ');
    into.text.push_str(&block.text);
    into.calls
        .extend(block.calls.into_iter().map(|call| FootnoteCall {
            number: call.number,
            offset: call.offset + offset,
        }));
    into.spans.extend(block.spans);
}

/// Vote records are units of their own kind, `vote.1`, `vote.2`..., outside the numbering.
fn mark_votes(units: &mut [Unit], votes: &[bool]) {
    let mut count = 0;
    for (unit, _) in units.iter_mut().zip(votes).filter(|(_, vote)| **vote) {
        count += 1;
        unit.kind = UnitKind::Vote;
        unit.id = UnitId::new(format!("vote.{count}"));
        unit.label = None;
        unit.parent = None;
    }
}

/// The `Annex`, `Annex II`, `Anexo` line that opens an annex: its scope is in the ids, and AKN4UN
/// markup often has no such line, so it is not a unit (text and XML then agree).
fn is_annex_marker(block: &Block) -> bool {
    if block.role != Role::Heading || !matches!(block.scope, Scope::Annex(_)) {
        return false;
    }
    let mut words = block.text.trim_end_matches('.').split_whitespace();
    let is_annex = words.next().is_some_and(|word| {
        word.eq_ignore_ascii_case("annex") || word.eq_ignore_ascii_case("anexo")
    });
    let numbered = words.next().is_none_or(|number| {
        number.bytes().all(|b| b.is_ascii_digit())
            || roman_value(&number.to_ascii_lowercase()).is_some()
    });
    is_annex && numbered && words.next().is_none()
}

/// A label and the depth of the block that carries it.
#[derive(Clone, Debug)]
struct Placed {
    label: Option<Label>,
    depth: u8,
}

/// The kind of the last label seen at one depth, to tell `(i)` the letter from `(i)` the numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sequence {
    Letter(u32),
    Roman(u32),
    Other,
}

/// Reads every block's label (from markup or from the start of its text, which loses it) and
/// decides its depth.
fn resolve_labels(blocks: &mut [Block]) -> Vec<Placed> {
    let mut placed = Vec::with_capacity(blocks.len());
    // Last label kind per depth, reset whenever a shallower unit starts.
    let mut open: Vec<Option<Sequence>> = Vec::new();
    let mut scope = None;
    let mut previous: Option<Previous> = None;
    // The last letter of a list under roman numerals, which the next numeral does not end.
    let mut letters_under_romans: Option<u32> = None;
    for block in blocks.iter_mut() {
        if scope != Some((block.scope, block.part)) {
            scope = Some((block.scope, block.part));
            open.clear();
            previous = None;
            letters_under_romans = None;
        }
        if block.role != Role::Paragraph {
            previous = None;
            if !block.sits_inside_an_item() {
                open.clear();
            }
            placed.push(Placed {
                label: None,
                depth: 0,
            });
            continue;
        }
        let raw = take_label(block);
        let (label, depth) = match raw {
            None => (None, block.depth.unwrap_or(0)),
            Some((RawLabel::Number(number), printed)) => (
                Some(Label {
                    printed,
                    value: LabelValue::Number(number),
                }),
                block.depth.unwrap_or(0),
            ),
            Some((RawLabel::Bullet, printed)) => (
                Some(Label {
                    printed,
                    value: LabelValue::Bullet,
                }),
                block.depth.unwrap_or_else(|| bullet_depth(previous)),
            ),
            Some((RawLabel::Alpha(word), printed)) => {
                let (value, depth) = place_alpha(&word, block.depth, &open, letters_under_romans);
                (Some(Label { printed, value }), depth)
            }
        };
        let depth_index = usize::from(depth);
        let under_roman = matches!(open.get(1).copied().flatten(), Some(Sequence::Roman(_)));
        letters_under_romans = match label.as_ref().map(|label| &label.value) {
            _ if depth == 0 => None,
            Some(LabelValue::Letter(word)) if depth == 2 && under_roman => {
                letter_index(&word.to_ascii_lowercase())
            }
            _ => letters_under_romans,
        };
        open.truncate(depth_index + 1);
        open.resize(depth_index + 1, None);
        open[depth_index] = Some(match label.as_ref().map(|label| &label.value) {
            Some(LabelValue::Letter(word)) => {
                Sequence::Letter(letter_index(&word.to_ascii_lowercase()).unwrap_or(0))
            }
            Some(LabelValue::Roman(value)) => Sequence::Roman(*value),
            _ => Sequence::Other,
        });
        previous = Some(Previous {
            depth,
            introduces: block.text.trim_end().ends_with(':'),
            is_bullet: matches!(
                label.as_ref().map(|label| &label.value),
                Some(LabelValue::Bullet)
            ),
        });
        placed.push(Placed { label, depth });
    }
    placed
}

/// The paragraph before a bullet, where markup gives no nesting.
#[derive(Clone, Copy)]
struct Previous {
    depth: u8,
    /// It ends with a colon: the list after it is its own.
    introduces: bool,
    is_bullet: bool,
}

/// A bullet goes under the paragraph or item that introduces its list (`(iii) To take steps:`
/// then `–` items under `(iii)`), beside the bullet before it, and else under the paragraph.
fn bullet_depth(previous: Option<Previous>) -> u8 {
    match previous {
        Some(previous) if previous.introduces => previous.depth.saturating_add(1),
        Some(previous) if previous.is_bullet => previous.depth,
        _ => 1,
    }
}

/// Takes the block's label out of its markup or off the front of its text.
fn take_label(block: &mut Block) -> Option<(RawLabel, String)> {
    if let Some(num) = &block.num {
        let printed = num.trim();
        return leading_label(printed, LabelSyntax::Markup)
            .map(|found| (found.raw, printed.to_string()));
    }
    let found = leading_label(&block.text, LabelSyntax::Running)?;
    let printed = block.text[..found.printed_len].to_string();
    block.text.drain(..found.consumed);
    for call in &mut block.calls {
        call.offset = call.offset.saturating_sub(found.consumed);
    }
    if let Some(lead) = block.lead_emphasis.as_mut() {
        *lead = lead.saturating_sub(found.consumed);
    }
    Some((found.raw, printed))
}

/// Decides whether letters are a letter item or a roman numeral, and how deep they sit.
/// `(i)` after `(h)` is a letter; `(i)` after `(a)` opens roman items under `(a)`.
fn place_alpha(
    word: &str,
    markup_depth: Option<u8>,
    open: &[Option<Sequence>],
    letters_under_romans: Option<u32>,
) -> (LabelValue, u8) {
    let lower = word.to_ascii_lowercase();
    let as_letter = letter_index(&lower);
    let as_roman = roman_value(&lower);
    let letter = || LabelValue::Letter(word.to_string());
    let roman = |value| LabelValue::Roman(value);
    let at = |depth: usize| open.get(depth).copied().flatten();

    if let Some(depth) = markup_depth {
        let value = match (at(usize::from(depth)), as_letter, as_roman) {
            (Some(Sequence::Letter(last)), Some(index), _) if index == last + 1 => letter(),
            (Some(Sequence::Roman(last)), _, Some(value)) if value == last + 1 => roman(value),
            (_, _, Some(value)) if value == 1 || as_letter.is_none() => roman(value),
            (Some(Sequence::Roman(_)), _, Some(value)) => roman(value),
            _ => letter(),
        };
        return (value, depth);
    }

    // Running text: depth 1 holds letters, roman items go one deeper when letters are open.
    let letters_open = matches!(at(1), Some(Sequence::Letter(_)));
    let roman_depth = if letters_open { 2 } else { 1 };
    if let (Some(Sequence::Letter(last)), Some(index)) = (at(1), as_letter)
        && index == last + 1
    {
        return (letter(), 1);
    }
    // Roman numerals first, letters under them (`(i) Protection of civilians` then `(a)` to
    // `(f)`, `(ii)` then `(g)`): an `(a)` under a numeral opens them, and they count on under
    // each numeral after it.
    if matches!(at(1), Some(Sequence::Roman(_)))
        && let Some(index) = as_letter
        && (index == 1 || letters_under_romans.is_some_and(|last| index == last + 1))
    {
        return (letter(), 2);
    }
    for depth in [2usize, 1] {
        if let (Some(Sequence::Roman(last)), Some(value)) = (at(depth), as_roman)
            && value == last + 1
        {
            return (roman(value), depth as u8);
        }
    }
    match (as_letter, as_roman) {
        (_, Some(1)) => (roman(1), roman_depth),
        (Some(_), _) if is_letter_label(&lower) => (letter(), 1),
        (_, Some(value)) => (roman(value), roman_depth),
        _ => (letter(), 1),
    }
}

/// The path of section labels (`I`, `A`) that headings open, used to keep ids unique when
/// numbering starts again in each section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct SectionPath(Vec<String>);

impl SectionPath {
    /// Moves into the section a heading opens, if the heading starts with a section label.
    fn enter(&mut self, heading: &str) {
        let Some(label) = section_label(heading) else {
            return;
        };
        let is_roman = looks_roman(&label);
        let under_roman = self.0.first().is_some_and(|first| looks_roman(first));
        if is_roman || !under_roman {
            self.0 = vec![label];
        } else {
            self.0.truncate(1);
            self.0.push(label);
        }
    }

    fn prefix(&self) -> String {
        if self.0.is_empty() {
            String::new()
        } else {
            format!("sec{}.", self.0.join("."))
        }
    }
}

/// A section label that is a roman numeral: `I`, `V`, `X` or several numeral letters. A single
/// `C`, `D`, `L` or `M` is taken for a letter, as sections lettered A to D are common.
fn looks_roman(label: &str) -> bool {
    matches!(label, "I" | "V" | "X")
        || (label.len() > 1 && roman_value(&label.to_ascii_lowercase()).is_some())
}

/// `I`, `IV.`, `B`, `B. Title`, `Section II`, `Sección II` → the label; `A conference ...` → none.
fn section_label(heading: &str) -> Option<String> {
    let mut text = heading.trim();
    for word in [
        "Section ",
        "Sección ",
        "Part ",
        "Parte ",
        "Chapter ",
        "Capítulo ",
    ] {
        if let Some(rest) = text.strip_prefix(word) {
            text = rest.trim_start();
        }
    }
    let token_len = text.bytes().take_while(|b| b.is_ascii_uppercase()).count();
    if token_len == 0 {
        return None;
    }
    let token = &text[..token_len];
    let rest = &text[token_len..];
    let stands_alone = rest.is_empty() || rest.starts_with('.') || rest.starts_with(" –");
    let is_label = token_len == 1 || roman_value(&token.to_ascii_lowercase()).is_some();
    (stands_alone && is_label).then(|| token.to_string())
}

/// Per-scope counters for ordinal ids (`pre.3`, `text.2`, `head.1`).
#[derive(Default)]
struct Counters {
    ordinals: HashMap<String, u32>,
}

impl Counters {
    fn next(&mut self, key: String) -> u32 {
        let counter = self.ordinals.entry(key).or_insert(0);
        *counter += 1;
        *counter
    }
}

fn build_units(
    blocks: &[Block],
    labels: &[Placed],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Unit> {
    let restarting = scopes_with_restarting_numbering(blocks, labels);
    let mut units: Vec<Unit> = Vec::with_capacity(blocks.len());
    let mut used = UsedIds::with_capacity(blocks.len());
    let mut counters = Counters::default();
    let mut sections: HashMap<Scope, SectionPath> = HashMap::new();
    // The id of the last unit at each depth, for parents.
    let mut ancestors: Vec<UnitId> = Vec::new();
    let mut current_scope = None;
    for (block, placed) in blocks.iter().zip(labels) {
        if current_scope != Some(block.scope) {
            current_scope = Some(block.scope);
            ancestors.clear();
        }
        let section = sections.entry(block.scope).or_default();
        if block.role == Role::Heading {
            section.enter(&block.text);
        }
        let mut prefix = scope_prefix(block.scope);
        if restarting.contains(&block.scope) {
            prefix.push_str(&section.prefix());
        }
        if block.sits_inside_an_item() {
            // A heading or table between the items of a list belongs to no item, and the items
            // after it still belong to their paragraph.
            let id = UnitId::new(used.unique(top_segment(block, placed, &prefix, &mut counters)));
            units.push(new_unit(id, block, placed, 0, None));
            continue;
        }
        let mut depth = usize::from(placed.depth);
        if depth > ancestors.len() {
            // An item with nothing to hang from: keep it, at the deepest level that exists.
            diagnostics.push(
                Diagnostic::new(
                    DiagnosticCode::UnplacedText,
                    Severity::Warning,
                    format!(
                        "item `{}` has no paragraph above it",
                        placed
                            .label
                            .as_ref()
                            .map_or("", |label| label.printed.as_str())
                    ),
                )
                .with_span(first_span(block)),
            );
            depth = ancestors.len();
        }
        ancestors.truncate(depth);
        let parent = ancestors.last().cloned();
        let base = match &parent {
            Some(parent) => format!("{parent}.{}", item_segment(placed, &mut counters, parent)),
            None => top_segment(block, placed, &prefix, &mut counters),
        };
        let id = UnitId::new(used.unique(base));
        ancestors.push(id.clone());
        units.push(new_unit(id, block, placed, depth, parent));
    }
    units
}

fn new_unit(
    id: UnitId,
    block: &Block,
    placed: &Placed,
    depth: usize,
    parent: Option<UnitId>,
) -> Unit {
    Unit {
        id,
        kind: unit_kind(block, depth),
        label: placed.label.clone(),
        parent,
        opening_phrase: None,
        text: block.text.clone(),
        footnote_calls: block.calls.clone(),
        spans: block.spans.clone(),
        eid: block.eid.clone(),
        anchors: Vec::new(),
    }
}

fn first_span(block: &Block) -> Span {
    block.spans.first().copied().unwrap_or_default()
}

fn scope_prefix(scope: Scope) -> String {
    match scope {
        Scope::Body => String::new(),
        Scope::Annex(number) => format!("annex{number}."),
    }
}

/// The id of a top-level unit, under `prefix`.
fn top_segment(block: &Block, placed: &Placed, prefix: &str, counters: &mut Counters) -> String {
    let mut ordinal = |name: &str| {
        let key = format!("{prefix}{name}");
        let n = counters.next(key.clone());
        format!("{key}.{n}")
    };
    match (block.role, block.part, &placed.label) {
        (Role::Heading, _, _) => ordinal("head"),
        (Role::Table, _, _) => ordinal("table"),
        (Role::Paragraph, Part::Preamble, _) => ordinal("pre"),
        (Role::Paragraph, Part::Operative, Some(label)) => match &label.value {
            LabelValue::Number(number) => {
                let name = if block.scope == Scope::Body {
                    "op"
                } else {
                    "para"
                };
                format!("{prefix}{name}.{number}")
            }
            _ => ordinal("text"),
        },
        (Role::Paragraph, Part::Operative, None) => ordinal("text"),
    }
}

/// The last id segment of an item: its label's value, or its place among unlabelled siblings.
fn item_segment(placed: &Placed, counters: &mut Counters, parent: &UnitId) -> String {
    match placed.label.as_ref().map(|label| &label.value) {
        Some(LabelValue::Number(number)) => number.to_string(),
        Some(LabelValue::Letter(word)) => word.to_ascii_lowercase(),
        Some(LabelValue::Roman(value)) => to_roman(*value),
        Some(LabelValue::Bullet) | None => {
            format!("{}", counters.next(format!("{parent}/items")))
        }
    }
}

/// The ids given so far, and for each repeated base the next suffix to try, so that the n-th
/// repeat of `op.1` costs one probe rather than n.
struct UsedIds {
    ids: HashSet<String>,
    next_suffix: HashMap<String, u32>,
}

impl UsedIds {
    fn with_capacity(capacity: usize) -> UsedIds {
        UsedIds {
            ids: HashSet::with_capacity(capacity),
            next_suffix: HashMap::new(),
        }
    }

    /// An id not used before in the document: a repeated `op.9` becomes `op.9~2`, the smallest
    /// suffix not taken.
    fn unique(&mut self, base: String) -> String {
        work::add(Work::IdProbes, 1);
        if self.ids.insert(base.clone()) {
            return base;
        }
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            work::add(Work::IdProbes, 1);
            let candidate = format!("{base}~{next}");
            *next = next.saturating_add(1);
            if self.ids.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn unit_kind(block: &Block, depth: usize) -> UnitKind {
    match (block.role, depth, block.part, block.scope) {
        (Role::Heading, _, _, _) => UnitKind::Heading,
        (Role::Table, _, _, _) => UnitKind::Table,
        (Role::Paragraph, 1.., _, _) => UnitKind::Subparagraph,
        (Role::Paragraph, 0, Part::Preamble, _) => UnitKind::Preambular,
        (Role::Paragraph, 0, Part::Operative, Scope::Body) => UnitKind::Operative,
        (Role::Paragraph, 0, Part::Operative, Scope::Annex(_)) => UnitKind::AnnexParagraph,
    }
}

/// Scopes where operative numbering starts again after a section heading (`A`, `B`, ... each
/// with paragraphs 1, 2, ...). Only there do ids carry the section, so that a resolution with
/// continuous numbering keeps the plain `op.N` a reader would cite.
fn scopes_with_restarting_numbering(blocks: &[Block], labels: &[Placed]) -> HashSet<Scope> {
    let mut restarting = HashSet::new();
    let mut last: HashMap<Scope, (u32, SectionPath)> = HashMap::new();
    let mut sections: HashMap<Scope, SectionPath> = HashMap::new();
    for (block, placed) in blocks.iter().zip(labels) {
        let section = sections.entry(block.scope).or_default();
        if block.role == Role::Heading {
            section.enter(&block.text);
            continue;
        }
        let Some(LabelValue::Number(number)) = placed.label.as_ref().map(|label| &label.value)
        else {
            continue;
        };
        if placed.depth != 0 || block.part != Part::Operative {
            continue;
        }
        if let Some((previous, previous_section)) = last.get(&block.scope)
            && *number <= *previous
            && previous_section != section
        {
            restarting.insert(block.scope);
        }
        last.insert(block.scope, (*number, section.clone()));
    }
    restarting
}

/// Gaps, repeats and reversals in each numbered or lettered sequence.
fn check_numbering(units: &[Unit], diagnostics: &mut Vec<Diagnostic>) {
    // The previous label of each sequence: top-level paragraphs of one scope and section share a
    // sequence (keyed by the id prefix before `op.`), items share one per parent.
    let mut previous: BTreeMap<String, (u32, String)> = BTreeMap::new();
    for unit in units {
        let Some(label) = &unit.label else { continue };
        let (position, sequence) = match (&label.value, &unit.parent) {
            (LabelValue::Number(number), None) if unit.kind != UnitKind::Subparagraph => {
                let id = unit.id.as_str();
                let stem = id.rfind(['.']).map_or("", |cut| &id[..cut]);
                (*number, format!("top:{stem}"))
            }
            (LabelValue::Number(number), Some(parent)) => (*number, format!("items:{parent}")),
            (LabelValue::Letter(word), Some(parent)) => (
                letter_index(&word.to_ascii_lowercase()).unwrap_or(0),
                format!("letters:{parent}"),
            ),
            (LabelValue::Roman(value), Some(parent)) => (*value, format!("romans:{parent}")),
            _ => continue,
        };
        let printed = label.printed.clone();
        if let Some((last, last_printed)) = previous.get(&sequence) {
            let message = if position == *last {
                Some((
                    DiagnosticCode::NumberingRepeated,
                    format!("`{printed}` is printed twice in a row"),
                ))
            } else if position == last + 2 {
                Some((
                    DiagnosticCode::NumberingGap,
                    format!(
                        "{} missing between `{last_printed}` and `{printed}`",
                        describe_missing(&label.value, last + 1)
                    ),
                ))
            } else if position > last + 2 {
                Some((
                    DiagnosticCode::NumberingGap,
                    format!("numbering jumps from `{last_printed}` to `{printed}`"),
                ))
            } else if position < *last {
                Some((
                    DiagnosticCode::NumberingOutOfOrder,
                    format!("`{printed}` follows `{last_printed}`"),
                ))
            } else {
                None
            };
            if let Some((code, message)) = message {
                diagnostics.push(
                    Diagnostic::new(code, Severity::Warning, message)
                        .with_unit(unit.id.clone())
                        .with_span(unit.span()),
                );
            }
        }
        previous.insert(sequence, (position, printed));
    }
}

fn describe_missing(value: &LabelValue, position: u32) -> String {
    match value {
        LabelValue::Number(_) => format!("paragraph {position}"),
        LabelValue::Letter(_) => {
            let letter = char::from(b'a' + ((position - 1) % 26) as u8);
            let repeat = (position - 1) / 26 + 1;
            format!("item ({})", letter.to_string().repeat(repeat as usize))
        }
        LabelValue::Roman(_) => format!("item ({})", to_roman(position)),
        LabelValue::Bullet => "an item".to_string(),
    }
}

/// The phrase a paragraph opens with: from the lexicon when it knows it, else the emphasized run
/// that opens the paragraph when that run is short enough to be a phrase.
fn opening_phrase(language: Language, kind: UnitKind, block: &Block) -> Option<String> {
    if !matches!(kind, UnitKind::Preambular | UnitKind::Operative) {
        return None;
    }
    if let Some(opening) = lexicon::opening_phrase(language, &block.text) {
        return Some(opening.phrase(&block.text).to_string());
    }
    let lead = block.lead_emphasis?;
    let phrase = block.text.get(..lead)?.trim_end_matches([',', ' ', ':']);
    let words = phrase.split_whitespace().count();
    (1..=4).contains(&words).then(|| phrase.to_string())
}

/// Footnotes in number order, one per number.
fn collect_footnotes(
    language: Language,
    drafts: Vec<DraftFootnote>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Footnote> {
    let mut by_number: BTreeMap<u32, Footnote> = BTreeMap::new();
    for draft in drafts {
        if by_number.contains_key(&draft.number) {
            let mut diagnostic = Diagnostic::new(
                DiagnosticCode::FootnoteDuplicated,
                Severity::Warning,
                format!(
                    "footnote {} is defined twice; the first text is kept",
                    draft.number
                ),
            );
            if let Some(span) = draft.spans.first() {
                diagnostic = diagnostic.with_span(*span);
            }
            diagnostics.push(diagnostic);
            continue;
        }
        let anchors = anchors::extract(language, &draft.text, &[]);
        by_number.insert(
            draft.number,
            Footnote {
                number: draft.number,
                text: draft.text,
                spans: draft.spans,
                eid: draft.eid,
                anchors,
            },
        );
    }
    by_number.into_values().collect()
}

/// Calls that reach no footnote, and footnotes no call reaches.
fn link_footnotes(units: &[Unit], footnotes: &[Footnote], diagnostics: &mut Vec<Diagnostic>) {
    let defined: HashSet<u32> = footnotes.iter().map(|footnote| footnote.number).collect();
    let mut called = HashSet::new();
    for unit in units {
        for call in &unit.footnote_calls {
            if called.insert(call.number) && !defined.contains(&call.number) {
                diagnostics.push(
                    Diagnostic::new(
                        DiagnosticCode::FootnoteNotDefined,
                        Severity::Warning,
                        format!("footnote {} called but never defined", call.number),
                    )
                    .with_unit(unit.id.clone())
                    .with_span(unit.span()),
                );
            }
        }
    }
    for footnote in footnotes {
        if !called.contains(&footnote.number) {
            let mut diagnostic = Diagnostic::new(
                DiagnosticCode::FootnoteNeverCalled,
                Severity::Info,
                format!("footnote {} is never called in the text", footnote.number),
            );
            if let Some(span) = footnote.spans.first() {
                diagnostic = diagnostic.with_span(*span);
            }
            diagnostics.push(diagnostic);
        }
    }
}
