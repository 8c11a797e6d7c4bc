//! Closing punctuation of aligned paragraphs. Preambular paragraphs end with a comma, operative
//! ones with a semicolon and the last with a full stop; items follow their list. Only a
//! difference between the two languages is reported: where both agree, the translation kept
//! whatever the original did, and where the Spanish ends as its kind calls for, the slip is the
//! original's, not the translation's.

use resalign_core::{Document, Severity, Unit, UnitKind};

use super::context::units_side;
use super::naming::{describe, where_both};
use crate::findings::{Finding, FindingCode};

/// Characters that may follow the closing punctuation: quotes, brackets and direction marks.
const TRAILERS: &[char] = &['”', '"', '’', '\'', ')', ']', '»', '\u{200e}', '\u{200f}'];

/// Abbreviations whose full stop may or may not also close the paragraph.
const ABBREVIATIONS: &[&str] = &[
    "etc.", "No.", "Nos.", "vol.", "para.", "paras.", "núm.", "párr.",
];

/// Words that end an item before the next one (`...; and`, `..., y`): the list continues, and
/// the languages place the punctuation around them differently.
const CONJUNCTIONS: &[&str] = &["and", "or", "y", "e", "o", "u"];

/// How a paragraph ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Closing {
    Comma,
    Semicolon,
    Colon,
    FullStop,
    /// Some other mark: `?`, `!`, `…`.
    Other(char),
    /// A letter or digit: no closing punctuation at all.
    Nothing,
}

impl Closing {
    pub fn of(text: &str) -> Closing {
        match text
            .trim_end_matches(|c: char| c.is_whitespace() || TRAILERS.contains(&c))
            .chars()
            .next_back()
        {
            Some(',') => Closing::Comma,
            Some(';') => Closing::Semicolon,
            Some(':') => Closing::Colon,
            Some('.') => Closing::FullStop,
            Some(c) if c.is_alphanumeric() => Closing::Nothing,
            Some(c) => Closing::Other(c),
            None => Closing::Nothing,
        }
    }

    fn describe(self) -> String {
        self.mark()
            .map_or_else(|| "no punctuation".to_string(), |mark| format!("“{mark}”"))
    }

    /// A full stop or no punctuation where the other side continues changes where the text
    /// ends; a comma for a semicolon does not.
    fn ends_text(self) -> bool {
        matches!(self, Closing::FullStop | Closing::Nothing)
    }

    /// The mark itself, for a closing that has one.
    pub fn mark(self) -> Option<char> {
        match self {
            Closing::Comma => Some(','),
            Closing::Semicolon => Some(';'),
            Closing::Colon => Some(':'),
            Closing::FullStop => Some('.'),
            Closing::Other(c) => Some(c),
            Closing::Nothing => None,
        }
    }
}

/// The last operative paragraph of each document, which ends with a full stop.
pub(crate) struct Conventions<'a> {
    en_last_operative: Option<&'a Unit>,
}

impl<'a> Conventions<'a> {
    pub fn new(en: &'a Document) -> Conventions<'a> {
        Conventions {
            en_last_operative: en
                .units
                .iter()
                .rev()
                .find(|unit| unit.kind == UnitKind::Operative),
        }
    }

    /// The punctuation the English paragraph's kind calls for, and how to say so.
    fn expected(&self, unit: &Unit) -> Option<(Closing, &'static str)> {
        match unit.kind {
            UnitKind::Preambular => {
                Some((Closing::Comma, "preambular paragraphs end with a comma"))
            }
            UnitKind::Operative if self.is_last_operative(unit) => Some((
                Closing::FullStop,
                "the last operative paragraph ends with a full stop",
            )),
            UnitKind::Operative => Some((
                Closing::Semicolon,
                "operative paragraphs end with a semicolon",
            )),
            _ => None,
        }
    }

    fn is_last_operative(&self, unit: &Unit) -> bool {
        self.en_last_operative
            .is_some_and(|last| last.id == unit.id)
    }
}

/// Compares how two aligned paragraphs of the same kind end.
pub(crate) fn check_punctuation(
    conventions: &Conventions,
    en_document: &Document,
    en: &Unit,
    es: &Unit,
    out: &mut Vec<Finding>,
) {
    let is_paragraph = matches!(
        en.kind,
        UnitKind::Preambular
            | UnitKind::Operative
            | UnitKind::Subparagraph
            | UnitKind::AnnexParagraph
    );
    let ambiguous = |text: &str| ends_with_conjunction(text) || ends_with_abbreviation(text);
    if !is_paragraph || ambiguous(&en.text) || ambiguous(&es.text) {
        return;
    }
    let (en_closing, es_closing) = (Closing::of(&en.text), Closing::of(&es.text));
    // A Spanish paragraph that ends as its kind calls for is right, whatever the English did.
    let spanish_follows_rule = conventions
        .expected(en)
        .is_some_and(|(expected, _)| expected == es_closing);
    if en_closing == es_closing || spanish_follows_rule {
        return;
    }
    let severity = if en_closing.ends_text() || es_closing.ends_text() {
        Severity::Warning
    } else {
        Severity::Info
    };
    // One mark for another inside a list or an annex, where no rule says which is right, reads
    // the same either way.
    if severity == Severity::Info && conventions.expected(en).is_none() {
        return;
    }
    let rule = conventions
        .expected(en)
        .filter(|(expected, _)| *expected == en_closing || *expected == es_closing)
        .map_or_else(String::new, |(_, rule)| format!("; {rule}"));
    out.push(Finding {
        code: FindingCode::Punctuation,
        severity,
        message: format!(
            "Closing punctuation differs in {}: English {}, Spanish {}{rule} ({})",
            describe(en_document, en),
            en_closing.describe(),
            es_closing.describe(),
            where_both(&[en], &[es])
        ),
        en: units_side(&[en]),
        es: units_side(&[es]),
        members: Vec::new(),
    });
}

fn ends_with_conjunction(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| !c.is_alphanumeric());
    let last_word = trimmed
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    CONJUNCTIONS.contains(&last_word)
}

/// `... from 3 to 6 p.m.`: whether that stop closes the paragraph cannot be told.
fn ends_with_abbreviation(text: &str) -> bool {
    let last_word = text
        .trim_end_matches(|c: char| c.is_whitespace() || TRAILERS.contains(&c))
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    last_word.ends_with('.')
        && (last_word.matches('.').count() > 1 || ABBREVIATIONS.contains(&last_word))
}
