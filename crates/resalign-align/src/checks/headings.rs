//! Headings that one language's markup splits into a label and a title (`II` and
//! `Capacity-building`) where the other keeps one heading (`II Creación de capacidad`). The
//! aligner then links two headings to one, or leaves one without counterpart; either way nothing
//! is lost in translation.

use resalign_core::{Unit, UnitKind};

use super::context::LinkUnits;

/// Words that may come before a section label: `Article 1`, `Anexo A`.
const LABEL_WORDS: &[&str] = &[
    "article",
    "artículo",
    "section",
    "sección",
    "part",
    "parte",
    "chapter",
    "capítulo",
    "annex",
    "anexo",
    "appendix",
    "apéndice",
];

/// Whether a structural difference only reflects how the headings were marked up.
pub(crate) fn layout_only(units: &LinkUnits, neighbours: [Option<&LinkUnits>; 2]) -> bool {
    let headings = |side: &[&Unit]| side.iter().all(|unit| unit.kind == UnitKind::Heading);
    if !headings(&units.en) || !headings(&units.es) {
        return false;
    }
    match (units.en.as_slice(), units.es.as_slice()) {
        ([label, _title], [joined]) | ([joined], [label, _title]) => {
            bare_label(&label.text).is_some_and(|label| joins_label(&joined.text, &label))
        }
        ([lonely], []) => neighbours
            .into_iter()
            .flatten()
            .filter_map(LinkUnits::one_to_one)
            .any(|(en, es)| completes_joined_heading(lonely, en, es)),
        ([], [lonely]) => neighbours
            .into_iter()
            .flatten()
            .filter_map(LinkUnits::one_to_one)
            .any(|(en, es)| completes_joined_heading(lonely, es, en)),
        _ => false,
    }
}

/// Whether a heading without counterpart is the other half of a neighbouring heading, `same`
/// on its side linked with `other`: `other` opens with a label that is either the lonely
/// heading (`II`, next to `Capacity-building` / `II Creación de capacidad`) or `same` (`I` /
/// `I Calendario de conferencias`, next to `Calendar of conferences`).
fn completes_joined_heading(lonely: &Unit, same: &Unit, other: &Unit) -> bool {
    if same.kind != UnitKind::Heading || other.kind != UnitKind::Heading {
        return false;
    }
    [lonely, same]
        .into_iter()
        .filter_map(|heading| bare_label(&heading.text))
        .any(|label| joins_label(&other.text, &label))
}

/// A bare label (`A`) against a heading that opens with it and goes on with the title (`A
/// Puestos financiados...`): the title's citations are on the neighbouring heading.
pub(crate) fn label_against_joined_heading(en: &Unit, es: &Unit) -> bool {
    if en.kind != UnitKind::Heading || es.kind != UnitKind::Heading {
        return false;
    }
    let joined = |label: &Unit, heading: &Unit| {
        bare_label(&label.text).is_some_and(|label| joins_label(&heading.text, &label))
    };
    joined(en, es) || joined(es, en)
}

/// The identifier of a heading that is only a label: `II`, `B.`, `Article 1`, `Anexo A`.
fn bare_label(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect();
    let identifier = match words.as_slice() {
        [identifier] => identifier,
        [word, identifier] if LABEL_WORDS.contains(&word.to_lowercase().as_str()) => identifier,
        _ => return None,
    };
    is_identifier(identifier).then(|| identifier.to_lowercase())
}

/// A roman numeral, a letter or a number.
fn is_identifier(word: &str) -> bool {
    let roman = word
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    let letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    let number = word.chars().all(|c| c.is_ascii_digit());
    !word.is_empty() && (roman || letter || number)
}

/// Whether a heading opens with the label whose identifier is given and goes on with a title:
/// `II Creación de capacidad`, `Artículo 1 Objeto y propósito`.
fn joins_label(heading: &str, identifier: &str) -> bool {
    let mut words = heading.split_whitespace();
    let first = words.next().unwrap_or("");
    let candidate = if LABEL_WORDS.contains(&first.to_lowercase().as_str()) {
        words.next().unwrap_or("")
    } else {
        first
    };
    candidate.trim_end_matches('.').to_lowercase() == identifier && words.next().is_some()
}
