//! What the text says where the markup is silent or wrong: annex titles, headings styled as
//! plain paragraphs, paragraph numbers left in the text, the meeting line left in the body.
//! Converted files slip in one language and not the other, so reading these keeps the two
//! versions of a resolution parallel.

use crate::anchors::ordinal_value;
use crate::label::{LabelSyntax, leading_label};
use crate::model::Language;

/// `Annex`, `Annex II`, `Annex A – Items ...`, `Anexo B`: a title that starts an annex (but
/// not `Annex to resolution 78/2`, which is a heading inside one).
pub(super) fn is_annex_title(text: &str) -> bool {
    let Some(rest) = ["Annex", "ANNEX", "Anexo", "ANEXO"]
        .iter()
        .find_map(|word| text.strip_prefix(word))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let label_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (label, after) = rest.split_at(label_len);
    let numbers_the_annex = label.is_empty()
        || label.bytes().all(|b| b.is_ascii_digit())
        || (label.len() == 1 && label.bytes().all(|b| b.is_ascii_uppercase()))
        || label
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'));
    let after = after.trim_start();
    numbers_the_annex && (after.is_empty() || after.starts_with(['–', '—', '-', ':', '.', '*']))
}

/// How to put a heading's printed label (`num`) in front of its text: bytes to remove from
/// the front and text to put there. `A.` + `Theme ...` gives `A. Theme ...`; `A.` +
/// `A. Pension Administration` stays as it is; `I.` + `. Establishment` (a stray full stop
/// in the source) gives `I. Establishment`.
pub(super) fn heading_label_edit(num: &str, text: &str) -> (usize, String) {
    let label = num.trim();
    if text.is_empty() {
        return (0, label.to_string());
    }
    if text.starts_with(label) {
        return (0, String::new());
    }
    let removed = if label.ends_with('.') {
        text.len() - text.trim_start_matches(['.', ' ']).len()
    } else {
        0
    };
    (removed, format!("{label} "))
}

/// Words a heading may have at most; operative paragraphs are longer or end with punctuation.
const HEADING_WORDS: usize = 16;

/// A short line without a label and without the punctuation that ends a paragraph
/// (`Economic recovery and development`): a heading, whatever its style says.
pub(super) fn reads_as_heading(text: &str) -> bool {
    text.starts_with(char::is_uppercase)
        && !text.ends_with(['.', ',', ';', ':'])
        && !text.contains([':', ';'])
        && text.split_whitespace().count() <= HEADING_WORDS
        && leading_label(text, LabelSyntax::Running).is_none()
}

/// `15 Reconoce ...` right after paragraph 14: the paragraph number, typed into the text
/// without its full stop. Gives the length of the number and of the space after it.
pub(super) fn bare_paragraph_number(text: &str, expected: u32) -> Option<(usize, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let number: u32 = text.get(..digits)?.parse().ok()?;
    let rest = &text[digits..];
    let after = rest.strip_prefix(' ')?;
    (digits <= 3 && number == expected && after.starts_with(char::is_uppercase))
        .then_some((digits, digits + 1))
}

/// The closing meeting line printed as a body paragraph: `20 a sesión plenaria`,
/// `Primera sesión plenaria`, `48th (resumed) plenary meeting`.
pub(super) fn is_meeting_line(text: &str) -> bool {
    let lower = text.trim_end_matches('.').to_lowercase();
    let Some(ordinal) = ["plenary meeting", "meeting", "sesión plenaria", "sesión"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
    else {
        return false;
    };
    let ordinal = ordinal
        .replace("(resumed)", "")
        .replace("(continuación)", "");
    let ordinal = ordinal.trim();
    let digits = ordinal.bytes().take_while(u8::is_ascii_digit).count();
    let suffix: String = ordinal[digits..].split_whitespace().collect();
    let figure = digits > 0
        && ["", "st", "nd", "rd", "th", "a", "ª", "º", "o", "er"].contains(&suffix.as_str());
    figure
        || (!ordinal.is_empty()
            && [Language::En, Language::Es]
                .into_iter()
                .any(|language| ordinal_value(language, ordinal).is_some()))
}
