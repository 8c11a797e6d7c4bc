//! What both shapes share: the order of what follows the masthead (units, annex titles, the
//! closing), each unit's printed words, and the risks a unit's own text carries.

use std::collections::BTreeSet;
use std::ops::Range;

use resalign_core::{Document, Language, Organ, Unit, UnitId, UnitKind};

use crate::inline::{Insert, Token, call_inserts, tokenize};
use crate::locale;
use crate::lookalike::{is_superscript_digit, looks_like_label};
use crate::rendering::{MetadataField, Risk, RiskKind, Site};
use crate::rng::Rng;
use crate::style::{CallStyle, Shape, Spacing};

/// One thing after the masthead, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    Unit(usize),
    /// `Annex`, `Annex II`: printed when the annex's units do not open with such a heading.
    AnnexTitle(String),
    Closing,
}

/// The annex a unit id belongs to: `annex2.para.1` is in annex 2.
pub(crate) fn annex_of(id: &UnitId) -> Option<u32> {
    let rest = id.as_str().strip_prefix("annex")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    rest[..digits].parse().ok()
}

/// Whether the closing lines are printed at the end of the body (everywhere but in Security
/// Council resolutions, whose adoption line names the meeting).
pub(crate) fn closing_at_end(document: &Document) -> bool {
    document.metadata.closing.is_some()
        && document.metadata.organ.as_ref().map(|organ| &organ.value)
            != Some(&Organ::SecurityCouncil)
}

/// Units in order, with the closing after the resolution's own text and a title before each
/// annex that lacks one.
pub(crate) fn body_blocks(document: &Document) -> Vec<Block> {
    let numbered_annexes = document
        .units
        .iter()
        .filter_map(|unit| annex_of(&unit.id))
        .any(|annex| annex > 1);
    let mut blocks = Vec::with_capacity(document.units.len() + 2);
    let mut scope = None;
    let mut closing_pending = closing_at_end(document);
    for (index, unit) in document.units.iter().enumerate() {
        // The record of the vote is printed under the closing lines.
        if unit.kind == UnitKind::Vote && closing_pending {
            blocks.push(Block::Closing);
            closing_pending = false;
        }
        let annex = annex_of(&unit.id);
        if annex != scope {
            scope = annex;
            if let Some(number) = annex {
                if closing_pending {
                    blocks.push(Block::Closing);
                    closing_pending = false;
                }
                let titled = unit.kind == UnitKind::Heading && locale::is_annex_heading(&unit.text);
                if !titled {
                    let numbering = numbered_annexes.then_some(number);
                    blocks.push(Block::AnnexTitle(locale::annex(
                        document.language,
                        numbering,
                    )));
                }
            }
        }
        blocks.push(Block::Unit(index));
    }
    if closing_pending {
        blocks.push(Block::Closing);
    }
    blocks
}

/// What a paragraph of a vote record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VoteLine {
    /// `[Adopted by a recorded vote of 32 to 13, with 2 abstentions. The voting was as follows:`
    Sentence,
    /// `In favour:`, on a line of its own and in italics.
    Label,
    Countries,
}

/// One paragraph of a vote record: which of the unit's tokens it prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VoteParagraph {
    pub tokens: Range<usize>,
    pub line: VoteLine,
}

/// The paragraphs the UN prints a vote record in: the sentence that states the counts, then
/// each list's label with the countries under it. A record without lists (`[Adopted without a
/// vote.]`) is one paragraph.
pub(crate) fn vote_paragraphs(language: Language, text: &str) -> Vec<VoteParagraph> {
    let word_at = |offset: usize| text[..offset].matches(' ').count();
    // A label opens a word: the text is searched with a space before it, so that the label
    // starting at byte `n` of the text is found at byte `n` of `padded`, after its space.
    let padded = format!(" {text}");
    let mut paragraphs = Vec::new();
    let mut start = 0;
    let mut line = VoteLine::Sentence;
    let mut searched = 0;
    for label in locale::vote_labels(language) {
        let Some(found) = padded[searched..]
            .find(&format!(" {label}"))
            .map(|at| searched + at)
        else {
            continue;
        };
        let end = found + label.len();
        if !(end == text.len() || text[end..].starts_with(' ')) {
            continue;
        }
        let first = word_at(found);
        let after = first + label.split(' ').count();
        paragraphs.push(VoteParagraph {
            tokens: start..first,
            line,
        });
        paragraphs.push(VoteParagraph {
            tokens: first..after,
            line: VoteLine::Label,
        });
        (start, line, searched) = (after, VoteLine::Countries, end + 1);
    }
    paragraphs.push(VoteParagraph {
        tokens: start..text.split(' ').count(),
        line,
    });
    paragraphs.retain(|paragraph| !paragraph.tokens.is_empty());
    paragraphs
}

/// Footnotes that no unit calls (a call in the title, say): they go on the first page.
pub(crate) fn uncalled_footnotes(document: &Document) -> Vec<u32> {
    let called: BTreeSet<u32> = document
        .units
        .iter()
        .flat_map(|unit| unit.footnote_calls.iter().map(|call| call.number))
        .collect();
    document
        .footnotes
        .iter()
        .map(|footnote| footnote.number)
        .filter(|number| !called.contains(number))
        .collect()
}

/// Whether a block is the first of an annex, which typesetters start on a new page.
pub(crate) fn opens_annex(document: &Document, block: &Block) -> bool {
    match block {
        Block::AnnexTitle(_) => true,
        Block::Closing => false,
        Block::Unit(index) => {
            let annex = annex_of(&document.units[*index].id);
            let previous = index
                .checked_sub(1)
                .map(|previous| annex_of(&document.units[previous].id));
            let titled = document.units[*index].kind == UnitKind::Heading
                && locale::is_annex_heading(&document.units[*index].text);
            annex.is_some() && previous != Some(annex) && titled
        }
    }
}

/// A unit's printed words with its calls put back, and extra inserts (emphasis).
pub(crate) fn unit_tokens(unit: &Unit, calls: CallStyle, extra: Vec<Insert>) -> Vec<Token> {
    let mut inserts = call_inserts(&unit.text, &unit.footnote_calls);
    inserts.extend(extra);
    tokenize(&unit.text, inserts, calls)
}

/// Rows of a table unit, as the XML front-end joins them: cells with ` | `, rows with ` || `.
pub(crate) fn table_rows(text: &str) -> Vec<Vec<&str>> {
    text.split(" || ")
        .map(|row| row.split(" | ").collect())
        .collect()
}

/// What a table token stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TableToken {
    RowBreak,
    CellBreak,
    Word,
}

pub(crate) fn table_token(token: &Token) -> TableToken {
    match token.text.as_str() {
        "||" if token.calls.is_empty() => TableToken::RowBreak,
        "|" if token.calls.is_empty() => TableToken::CellBreak,
        _ => TableToken::Word,
    }
}

/// Where even a perfect parser could misread the units and footnotes of `document` rendered
/// in `shape` with `calls`.
pub(crate) fn risks(document: &Document, shape: Shape, calls: CallStyle) -> Vec<Risk> {
    let mut risks = Vec::new();
    for unit in &document.units {
        let site = || Site::Unit(unit.id.clone());
        let mut add = |kind| risks.push(Risk { site: site(), kind });
        let first_word = unit.text.split(' ').next().unwrap_or_default();
        if unit.label.is_none() && unit.kind != UnitKind::Heading && looks_like_label(first_word) {
            add(RiskKind::TextLooksLikeLabel);
        }
        if unit.label.is_none() && unit.kind == UnitKind::Operative {
            add(RiskKind::UnlabelledOperative);
        }
        if has_markup(&unit.text, shape, calls) {
            add(RiskKind::MarkupInText);
        }
        let mut offsets: Vec<usize> = unit.footnote_calls.iter().map(|call| call.offset).collect();
        offsets.sort_unstable();
        if offsets.windows(2).any(|pair| pair[0] == pair[1]) && calls != CallStyle::HtmlSup {
            add(RiskKind::AdjacentCalls);
        }
        if calls == CallStyle::Inline
            && offsets
                .iter()
                .any(|&offset| touches_digit(&unit.text, offset))
        {
            add(RiskKind::CallTouchesDigit);
        }
    }
    for footnote in &document.footnotes {
        if has_markup(&footnote.text, shape, calls) {
            risks.push(Risk {
                site: Site::Footnote(footnote.number),
                kind: RiskKind::MarkupInText,
            });
        }
    }
    risks
}

fn has_markup(text: &str, shape: Shape, calls: CallStyle) -> bool {
    let markdown = shape == Shape::Markdown && (text.contains('*') || text.contains("<sup"));
    let superscripts = calls == CallStyle::Superscript && text.chars().any(is_superscript_digit);
    markdown || superscripts
}

fn touches_digit(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).and_then(|head| head.chars().next_back());
    let after = text.get(offset..).and_then(|tail| tail.chars().next());
    before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit())
}

/// The job number printed at the foot of the first page (`17-23007`), with its year taken from
/// the document's dates.
pub(crate) fn job_number(document: &Document, draw: u64) -> String {
    let metadata = &document.metadata;
    let year = metadata
        .distribution_date
        .as_ref()
        .or(metadata.adoption_date.as_ref())
        .map_or(20, |date| date.value.year % 100);
    format!("{year:02}-{:05}", draw % 100_000)
}

/// `17-23007 (E) 190118`: job number, language and the date it was processed.
pub(crate) fn job_line(document: &Document, job: &str) -> String {
    let metadata = &document.metadata;
    let stamp = metadata
        .distribution_date
        .as_ref()
        .or(metadata.adoption_date.as_ref())
        .map_or_else(String::new, |date| {
            let date = date.value;
            format!(" {:02}{:02}{:02}", date.day, date.month, date.year % 100)
        });
    format!("{job} ({}){stamp}", locale::job_language(document.language))
}

/// `*1723007*`
pub(crate) fn barcode(job: &str) -> String {
    format!("*{}*", job.replace('-', ""))
}

/// The language's word for the organ that adopted the document, if known.
pub(crate) fn organ(document: &Document) -> Option<&Organ> {
    document.metadata.organ.as_ref().map(|organ| &organ.value)
}

pub(crate) fn is_security_council(document: &Document) -> bool {
    organ(document) == Some(&Organ::SecurityCouncil)
}

/// The origin line's text, without brackets, when the document names reports.
pub(crate) fn origin_text(
    document: &Document,
    ellipsis: locale::Ellipsis,
    rng: &mut Rng,
) -> Option<String> {
    let symbols: Vec<String> = document
        .metadata
        .based_on
        .iter()
        .map(|symbol| symbol.value.clone())
        .collect();
    if symbols.is_empty() {
        return None;
    }
    let list = locale::symbol_list(document.language, &symbols, ellipsis);
    Some(locale::origin(
        document.language,
        organ(document),
        &list,
        rng,
    ))
}

/// The title line: `72/195. Medidas para ...`, or whichever of number and title exists.
pub(crate) fn title_line(document: &Document) -> Option<String> {
    let metadata = &document.metadata;
    let number = metadata
        .resolution_number
        .as_ref()
        .map(|number| number.value.as_str());
    let title = metadata.title.as_ref().map(|title| title.value.as_str());
    match (number, title) {
        (Some(number), Some(title)) => Some(format!("{number}. {title}")),
        (Some(number), None) => Some(format!("{number}.")),
        (None, Some(title)) => Some(title.to_string()),
        (None, None) => None,
    }
}

/// The metadata fields a line states: the adoption line states the organ (when the text names
/// one), the date of adoption (when there is one) and, for the Security Council, the meeting.
pub(crate) fn adoption_fields(document: &Document) -> Vec<MetadataField> {
    let metadata = &document.metadata;
    let mut fields: Vec<MetadataField> = organ(document)
        .map(|_| MetadataField::Organ)
        .into_iter()
        .collect();
    fields.extend(
        metadata
            .adoption_date
            .as_ref()
            .map(|_| MetadataField::AdoptionDate),
    );
    if is_security_council(document) {
        fields.extend(metadata.closing.as_ref().map(|_| MetadataField::Closing));
    }
    fields
}

/// The fields the title line states: the number and the title, whichever exist.
pub(crate) fn title_fields(document: &Document) -> Vec<MetadataField> {
    let metadata = &document.metadata;
    let number = metadata
        .resolution_number
        .as_ref()
        .map(|_| MetadataField::ResolutionNumber);
    let title = metadata.title.as_ref().map(|_| MetadataField::Title);
    number.into_iter().chain(title).collect()
}

/// How the origin line cites a report and its corrigendum: `E/2013/30 and Corr.1` most often.
pub(crate) fn draw_ellipsis(rng: &mut Rng) -> locale::Ellipsis {
    if rng.chance(70) {
        locale::Ellipsis::Elliptic
    } else {
        locale::Ellipsis::Full
    }
}

/// The adoption line: `Resolution adopted by ... on ...`, or the Security Council's
/// `Adopted by the Security Council at its 8956th meeting, on ...`.
pub(crate) fn adoption_line(document: &Document) -> Option<String> {
    let metadata = &document.metadata;
    let on = metadata.adoption_date.as_ref().map(|date| date.value);
    let language = document.language;
    if is_security_council(document) {
        let meeting = metadata
            .closing
            .as_ref()
            .map(|closing| closing.meeting.value.as_str());
        return Some(locale::council_adoption(language, meeting, on));
    }
    match (organ(document), on) {
        (Some(organ), _) => Some(locale::adopted_by(language, organ, on)),
        (None, Some(on)) => Some(match language {
            Language::En => format!("Resolution adopted on {}", locale::date(language, on)),
            Language::Es => format!("Resolución aprobada el {}", locale::date(language, on)),
        }),
        (None, None) => None,
    }
}

/// The closing lines: meeting, then date.
pub(crate) fn closing_lines(document: &Document) -> Vec<String> {
    let Some(closing) = &document.metadata.closing else {
        return Vec::new();
    };
    let mut lines = vec![closing.meeting.value.clone()];
    if let Some(date) = &closing.date {
        lines.push(locale::date(document.language, date.value));
    }
    lines
}

/// What separates a block from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gap {
    BlankLine,
    /// Only a line break: labelled paragraphs in a tight run (English seed, paragraphs 10-14).
    LineBreak,
}

/// The gap before each block. With [`Spacing::SometimesTight`], runs of labelled paragraphs
/// follow each other without blank lines.
pub(crate) fn gaps(
    document: &Document,
    blocks: &[Block],
    spacing: Spacing,
    rng: &mut Rng,
) -> Vec<Gap> {
    let mut in_run = false;
    let mut previous_was_paragraph = false;
    blocks
        .iter()
        .map(|block| {
            let labelled = match block {
                Block::Unit(index) => {
                    let unit = &document.units[*index];
                    unit.label.is_some()
                        && !matches!(unit.kind, UnitKind::Heading | UnitKind::Table)
                }
                _ => false,
            };
            let may_tighten =
                spacing == Spacing::SometimesTight && labelled && previous_was_paragraph;
            in_run = may_tighten
                && if in_run {
                    rng.chance(85)
                } else {
                    rng.chance(15)
                };
            previous_was_paragraph = matches!(block, Block::Unit(index)
                if !matches!(document.units[*index].kind, UnitKind::Heading | UnitKind::Table));
            if in_run {
                Gap::LineBreak
            } else {
                Gap::BlankLine
            }
        })
        .collect()
}
