//! Resolution and decision numbers in their printed forms: `64/293`, `2013/41`, lettered
//! `31/16 A` and `75/290 A and B`, special sessions `S-8/1` and `ES-10/2`, Security Council
//! `1373 (2001)`, old General Assembly `3363 (XXX)` and `217 A (III)`, World Health Assembly
//! `63.22` (only after `resolution`), Framework Convention `1/CP.21`.

use crate::model::Language;
use crate::span::TextRange;

use super::cursor::Cursor;

/// Words that join the letters of a lettered resolution (`A and B`, `A y B`, `A to D`).
const LETTER_LISTS: [&str; 6] = [", and ", " and ", " y ", " e ", ", ", " & "];
const LETTER_RANGES: [&str; 5] = [" to ", " a ", "–", "-", " through "];

/// Whether a slash run is a resolution number: `64/293`, `S-8/1`, `ES-10/2`, `1/CP.21`, and
/// the decisions of other bodies with a lettered prefix (`C-SS-4/DEC.3`).
pub(super) fn is_slashed_number(token: &str) -> bool {
    let Some((session, number)) = token.split_once('/') else {
        return false;
    };
    let session = match session.rsplit_once('-') {
        Some((prefix, session)) if is_session_prefix(prefix) => session,
        _ => session,
    };
    let is_count = |part: &str| (1..=4).contains(&part.len()) && all_digits(part);
    is_count(session) && (is_count(number) || is_conference_decision(number))
}

/// `S`, `ES`, `C-SS`: uppercase words joined by hyphens.
fn is_session_prefix(prefix: &str) -> bool {
    prefix
        .split('-')
        .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_uppercase()))
}

/// `CP.21`, `CMA.1`: the body and session of a Framework Convention decision (`1/CP.21`).
fn is_conference_decision(part: &str) -> bool {
    part.split_once('.').is_some_and(|(body, session)| {
        !body.is_empty() && body.bytes().all(|b| b.is_ascii_uppercase()) && all_digits(session)
    })
}

fn all_digits(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
}

/// A slashed resolution number and the letters printed after it: `75/290 A and B` gives
/// `75/290 A` and `75/290 B`; `64/293` gives itself.
pub(super) fn with_letters(
    number: &str,
    run: TextRange,
    cursor: &mut Cursor,
) -> Vec<(String, TextRange)> {
    let letters = eat_letters(cursor);
    if letters.is_empty() {
        return vec![(number.to_string(), run)];
    }
    let range = TextRange::new(run.start, cursor.pos());
    letters
        .into_iter()
        .map(|letter| (format!("{number} {letter}"), range))
        .collect()
}

/// `1373 (2001)`, `3363 (XXX)`, `217 A (III)`, `3419 A to D (XXX)`, `3201 (S-VI)`: a number in
/// figures followed by the year or session in parentheses, at a cursor on the digits.
pub(super) fn read_with_session(cursor: &mut Cursor) -> Option<Vec<(String, TextRange)>> {
    let start = *cursor;
    let number = cursor.eat_digits().filter(|digits| digits.len() <= 4);
    // `217A (III)`: a letter glued to the number is a slip that does not change the citation.
    let letters = match eat_letter(cursor) {
        Some(letter) => vec![letter],
        None => eat_letters(cursor),
    };
    let session = number.and_then(|_| eat_session_in_parentheses(cursor));
    let (Some(number), Some(session)) = (number, session) else {
        *cursor = start;
        return None;
    };
    let range = TextRange::new(start.pos(), cursor.pos());
    if letters.is_empty() {
        return Some(vec![(format!("{number} {session}"), range)]);
    }
    Some(
        letters
            .into_iter()
            .map(|letter| (format!("{number} {letter} {session}"), range))
            .collect(),
    )
}

/// ` (2001)`, ` (XXX)`, ` (S-VI)`, ` (ES-V)` after a resolution number: the parenthesis as the
/// key prints it.
pub(super) fn eat_session_in_parentheses(cursor: &mut Cursor) -> Option<String> {
    let start = *cursor;
    // `2529(2020)` lacks the blank, a slip that does not change the citation.
    cursor.eat_blank();
    let session = cursor
        .eat("(")
        .then(|| eat_session(cursor))
        .flatten()
        .filter(|_| cursor.eat(")"));
    if session.is_none() {
        *cursor = start;
    }
    session.map(|session| format!("({session})"))
}

fn eat_session(cursor: &mut Cursor) -> Option<String> {
    if let Some(year) = cursor.eat_digits_exactly(4) {
        return matches!(year.as_bytes().first(), Some(b'1' | b'2')).then(|| year.to_string());
    }
    let prefix = [
        ("ES-", "ES-"),
        ("S-", "S-"),
        ("ES\u{2011}", "ES-"),
        ("S\u{2011}", "S-"),
    ]
    .into_iter()
    .find(|(printed, _)| cursor.eat(printed))
    .map_or("", |(_, key)| key);
    let numeral_start = cursor.pos();
    cursor.eat_roman()?;
    let numeral = cursor.text().get(numeral_start..cursor.pos())?;
    Some(format!("{prefix}{numeral}"))
}

/// The numbers after `resolution`, `decisions`, `resolución`... (the cursor stands right after
/// the cue word) that only the cue makes resolution numbers: World Health Assembly `63.22` (the
/// `WHA` prefix is left out of the key, since one version may drop it) and Security Council
/// numbers printed without their year (`resolution 1701`), alone or in a list
/// (`resolutions 63.22 and 65.18`). Slashed numbers need no cue and are left to the caller.
pub(super) fn read_after_cue(language: Language, cursor: &mut Cursor) -> Vec<(String, TextRange)> {
    let mut found = Vec::new();
    let mut probe = *cursor;
    // Spanish names the Health Assembly between the cue and the numbers.
    probe.eat(" de la Asamblea Mundial de la Salud");
    if !probe.eat_blank() {
        return found;
    }
    let joiners: &[&str] = match language {
        Language::En => &[", and ", " and ", ", "],
        Language::Es => &[" y ", " e ", ", "],
    };
    let mut form = None;
    loop {
        let start = probe.pos();
        let item = match form {
            None => [CuedForm::Dotted, CuedForm::WithSession, CuedForm::Bare]
                .into_iter()
                .find_map(|candidate| Some((candidate, read_cued(candidate, &mut probe)?))),
            // A list keeps one form: in `resolution 2245 (2015), 70 civilians` the 70 is not one.
            Some(same) => read_cued(same, &mut probe).map(|item| (same, item)),
        };
        let Some((item_form, keys)) = item else {
            break;
        };
        form = Some(item_form);
        let range = TextRange::new(start, probe.pos());
        found.extend(keys.into_iter().map(|key| (key, range)));
        *cursor = probe;
        if !probe.eat_any(joiners) {
            break;
        }
    }
    found
}

/// The forms of number a cue word introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CuedForm {
    Dotted,
    Bare,
    WithSession,
}

fn read_cued(form: CuedForm, cursor: &mut Cursor) -> Option<Vec<String>> {
    match form {
        CuedForm::Dotted => eat_dotted_number(cursor).map(|key| vec![key]),
        CuedForm::Bare => eat_bare_number(cursor).map(|key| vec![key]),
        CuedForm::WithSession => {
            read_with_session(cursor).map(|found| found.into_iter().map(|(key, _)| key).collect())
        }
    }
}

/// `1701` standing alone: no slash, point, letter or parenthesized year after it.
fn eat_bare_number(cursor: &mut Cursor) -> Option<String> {
    let start = *cursor;
    let number = cursor.eat_digits().filter(|digits| digits.len() <= 4);
    let alone = cursor.at_word_end()
        && !cursor.rest().starts_with('/')
        && !cursor.at_number_continuation()
        && !cursor.looking_at(" (")
        && !cursor.looking_at("(");
    match number {
        Some(number) if alone => Some(number.to_string()),
        _ => {
            *cursor = start;
            None
        }
    }
}

/// `63.22` or `WHA63.22`: a session, a point and a number.
fn eat_dotted_number(cursor: &mut Cursor) -> Option<String> {
    let start = *cursor;
    cursor.eat_any(&["WHA", "EB"]);
    let key = cursor.eat_digits().and_then(|session| {
        let number = cursor.eat(".").then(|| cursor.eat_digits()).flatten()?;
        let continues = !cursor.at_word_end()
            || cursor.rest().starts_with('/')
            || cursor.at_number_continuation();
        (!continues).then(|| format!("{session}.{number}"))
    });
    if key.is_none() {
        *cursor = start;
    }
    key
}

/// The letters of a lettered resolution after its number: ` A`, ` A and B`, ` A to D`.
fn eat_letters(cursor: &mut Cursor) -> Vec<char> {
    let mut letters = Vec::new();
    let mut probe = *cursor;
    if !probe.eat_blank() {
        return letters;
    }
    let Some(first) = eat_letter(&mut probe) else {
        return letters;
    };
    letters.push(first);
    *cursor = probe;
    loop {
        let mut next = *cursor;
        if LETTER_RANGES.iter().any(|joiner| next.eat(joiner)) {
            match eat_letter(&mut next) {
                Some(last) if last > first && letters.len() == 1 => {
                    letters.extend(
                        (u32::from(first) + 1..=u32::from(last)).filter_map(char::from_u32),
                    );
                    *cursor = next;
                }
                _ => break,
            }
            continue;
        }
        next = *cursor;
        if !LETTER_LISTS.iter().any(|joiner| next.eat(joiner)) {
            break;
        }
        match eat_letter(&mut next) {
            Some(letter) => {
                letters.push(letter);
                *cursor = next;
            }
            None => break,
        }
    }
    letters
}

/// One capital letter standing alone (not the `A` of `A/RES/...`).
fn eat_letter(cursor: &mut Cursor) -> Option<char> {
    let start = *cursor;
    let letter = cursor.eat_byte_if(|byte| byte.is_ascii_uppercase());
    let rest = cursor.rest();
    let continues_with = |mark: char, next: fn(char) -> bool| {
        rest.strip_prefix(mark)
            .is_some_and(|after| after.starts_with(next))
    };
    // `S-20/4` after `A and B` starts another number; `A-E` is a range of letters.
    let joined_on = rest.starts_with('/')
        || continues_with('.', char::is_alphanumeric)
        || continues_with('-', |c| c.is_ascii_digit());
    let alone = cursor.at_word_end() && !joined_on;
    match letter {
        Some(letter) if alone => Some(char::from(letter)),
        _ => {
            *cursor = start;
            None
        }
    }
}
