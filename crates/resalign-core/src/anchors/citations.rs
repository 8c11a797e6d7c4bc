//! Citations introduced by a cue word: Treaty Series volumes and numbers (`vol. 2225, No. 39574`
//! = `vol. 2225, núm. 39574`), Official Records supplements (`Supplement No. 10` = `Suplemento
//! núm. 10`), Sustainable Development Goal targets (`target 5.2` = `meta 5.2`) and Spanish
//! centuries in roman numerals (`siglo XXI`).

use crate::model::Language;
use crate::span::TextRange;

use super::cursor::Cursor;

/// `No.`, `núm.` and their plurals and variants, which introduce a number in a citation.
const NUMBER_SIGNS: [&str; 8] = ["Nos.", "No.", "núms.", "núm.", "N.º", "Nº", "nos", "no"];

/// Joiners of a list of numbers in either language.
const LIST_JOINERS: [&str; 5] = [", and ", " and ", " y ", " e ", ", "];
/// Joiners of a range of numbers in either language.
const RANGE_JOINERS: [&str; 6] = ["–", "-", " to ", " a ", " al ", " through "];

/// `vol. 2225, No. 39574` (the cursor stands after `vol.` or `vols.`): the key
/// `2225:39574`; volume and number lists are joined by commas and ranges by a dash
/// (`vols. 2225 and 2237, No. 39574` → `2225,2237:39574`; `vol. 75, Nos. 970–973` →
/// `75:970-973`); a page instead of a number gives `1978:p1197`.
pub(super) fn read_treaty_series(cursor: &mut Cursor) -> Option<String> {
    let start = *cursor;
    let key = cursor
        .eat_blank()
        .then(|| eat_number_list(cursor))
        .flatten()
        .and_then(|volumes| {
            let numbers = eat_treaty_numbers(cursor)?;
            Some(format!("{volumes}:{numbers}"))
        });
    if key.is_none() {
        *cursor = start;
    }
    key
}

fn eat_treaty_numbers(cursor: &mut Cursor) -> Option<String> {
    let start = *cursor;
    if !cursor.eat(", ") {
        return None;
    }
    let after_comma = *cursor;
    if eat_number_sign(cursor)
        && let Some(numbers) = eat_number_list(cursor)
    {
        return Some(numbers);
    }
    *cursor = after_comma;
    if cursor.eat_any(&["págs.", "pág.", "pp.", "p."]) {
        cursor.skip_blanks();
        if let Some(page) = cursor.eat_digits() {
            return Some(format!("p{page}"));
        }
    }
    *cursor = start;
    None
}

/// `Supplement No. 10`, `suplemento núm. 53A` (the cursor stands after the cue word): the key
/// `10`, `53A`.
pub(super) fn read_supplement(cursor: &mut Cursor) -> Option<String> {
    let start = *cursor;
    let key = (cursor.eat_blank() && eat_number_sign(cursor))
        .then(|| {
            let digits = cursor.eat_digits()?;
            let letter = cursor.eat_byte_if(|byte| byte.is_ascii_uppercase());
            cursor.at_word_end().then(|| {
                let mut key = digits.to_string();
                key.extend(letter.map(char::from));
                key
            })
        })
        .flatten();
    if key.is_none() {
        *cursor = start;
    }
    key
}

/// `target 5.2`, `targets 3.3 and 3.b`, `metas 3.3 y 3.b` (the cursor stands after the cue):
/// each target with its range.
pub(super) fn read_targets(cursor: &mut Cursor) -> Vec<(String, TextRange)> {
    let mut targets = Vec::new();
    let mut probe = *cursor;
    if !probe.eat_blank() {
        return targets;
    }
    loop {
        let start = probe.pos();
        let Some(target) = eat_target(&mut probe) else {
            break;
        };
        targets.push((target, TextRange::new(start, probe.pos())));
        *cursor = probe;
        if !probe.eat_any(&LIST_JOINERS) {
            break;
        }
    }
    targets
}

/// `siglo XXI` (the cursor stands after `siglo`): 21.
pub(super) fn read_century(cursor: &mut Cursor) -> Option<u32> {
    let start = *cursor;
    let century = cursor.eat_blank().then(|| cursor.eat_roman()).flatten();
    if century.is_none() {
        *cursor = start;
    }
    century
}

/// The cue words that open these citations, for the trigger automaton.
pub(super) fn cue_words(language: Language) -> &'static [(&'static str, Cue)] {
    match language {
        Language::En => &[
            ("vol.", Cue::Volume),
            ("vols.", Cue::Volume),
            ("Supplement", Cue::Supplement),
            ("target", Cue::Target),
            ("targets", Cue::Target),
            ("resolution", Cue::Resolution),
            ("resolutions", Cue::Resolution),
            ("decision", Cue::Resolution),
            ("decisions", Cue::Resolution),
        ],
        Language::Es => &[
            ("vol.", Cue::Volume),
            ("vols.", Cue::Volume),
            ("suplemento", Cue::Supplement),
            ("meta", Cue::Target),
            ("metas", Cue::Target),
            ("resolución", Cue::Resolution),
            ("resoluciones", Cue::Resolution),
            ("decisión", Cue::Resolution),
            ("decisiones", Cue::Resolution),
            ("siglo", Cue::Century),
        ],
    }
}

/// What a cue word introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    Volume,
    Supplement,
    Target,
    Resolution,
    Century,
}

fn eat_number_sign(cursor: &mut Cursor) -> bool {
    let start = *cursor;
    let signed = NUMBER_SIGNS.iter().any(|sign| cursor.eat_ignore_case(sign));
    if signed {
        cursor.skip_blanks();
        if cursor.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            return true;
        }
    }
    *cursor = start;
    false
}

/// `2225`, `2225, 2237 and 2326`, `970–973`, `17512 and 17513`, as a key: items joined by
/// commas, ranges by a dash.
fn eat_number_list(cursor: &mut Cursor) -> Option<String> {
    let mut key = String::new();
    let mut probe = *cursor;
    while let Some(number) = eat_whole_number(&mut probe) {
        if !key.is_empty() {
            key.push(',');
        }
        key.push_str(number);
        *cursor = probe;
        let mut after_range = probe;
        if after_range.eat_any(&RANGE_JOINERS)
            && let Some(last) = eat_whole_number(&mut after_range)
        {
            key.push('-');
            key.push_str(last);
            *cursor = after_range;
            probe = after_range;
        }
        if !probe.eat_any(&LIST_JOINERS) {
            break;
        }
    }
    (!key.is_empty()).then_some(key)
}

/// Digits that stand alone (not `4th`, not `2225A`).
fn eat_whole_number<'a>(cursor: &mut Cursor<'a>) -> Option<&'a str> {
    let start = *cursor;
    match cursor.eat_digits() {
        Some(digits) if cursor.at_word_end() && !cursor.at_number_continuation() => Some(digits),
        _ => {
            *cursor = start;
            None
        }
    }
}

/// `5.2`, `16.a`, `3.b`.
fn eat_target(cursor: &mut Cursor) -> Option<String> {
    let start = *cursor;
    let target = cursor.eat_digits().and_then(|goal| {
        if !cursor.eat(".") {
            return None;
        }
        let item = cursor.eat_digits().or_else(|| {
            let letter_start = cursor.pos();
            cursor.eat_byte_if(|byte| byte.is_ascii_lowercase())?;
            cursor.text().get(letter_start..cursor.pos())
        })?;
        let ends = cursor.at_word_end() && !cursor.at_number_continuation();
        ends.then(|| format!("{goal}.{item}"))
    });
    if target.is_none() {
        *cursor = start;
    }
    target
}
