//! Runs of text with a slash: document symbols (`A/72/440`, `CTOC/COP/WG.4/2011/8`,
//! `S/RES/2532 (2020)`) with their elliptic corrigenda (`E/2013/30 and Corr.1`), and resolution
//! numbers (`64/293`, `31/16 A`, `S-8/1`, `ES-10/2`, `1/CP.21`).

use memchr::memchr_iter;

use crate::span::TextRange;

use super::cursor::Cursor;
use super::resolutions;

const NON_BREAKING_HYPHEN: char = '\u{2011}';

/// Parts that modify a symbol and may be cited after it elliptically (`and Corr.1`).
const MODIFIERS: [&str; 4] = ["Corr", "Add", "Rev", "Amend"];

/// Words and marks that join an elliptic modifier to the symbol before it.
const MODIFIER_JOINERS: [&str; 5] = [" and ", " y ", " e ", ", and ", ", "];

/// What a run with a slash turned out to be, with the citations read from it (the key and the
/// range of each) and where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Slashed {
    pub what: SlashedKind,
    pub citations: Vec<(String, TextRange)>,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SlashedKind {
    Symbol,
    Resolution,
    /// A slash in something else (`16/03/2002`, `and/or`): no citation.
    Other,
}

/// The run of symbol characters around `pos` when it holds a slash, trimmed of the points and
/// dashes that end sentences or join words.
pub(super) fn slash_run(text: &str, pos: usize) -> Option<TextRange> {
    let mut start = pos;
    while let Some(width) = symbol_char_before(text, start) {
        start -= width;
    }
    let mut end = pos;
    while let Some(width) = symbol_char_at(text, end) {
        end += width;
    }
    let bytes = text.as_bytes();
    let trimmed = |index: usize| matches!(bytes.get(index), Some(b'.' | b'-' | b'/'));
    while end > start && trimmed(end - 1) {
        end -= 1;
    }
    while start < end && trimmed(start) {
        start += 1;
    }
    let run = text.get(start..end)?;
    run.contains('/').then(|| TextRange::new(start, end))
}

/// The width of the symbol character at `index`, if there is one: ASCII letters and digits,
/// `/`, `.`, `-`, and the non-breaking hyphen that Spanish texts print inside symbols
/// (`C‑SS‑4/DEC.3`).
fn symbol_char_at(text: &str, index: usize) -> Option<usize> {
    let c = text.get(index..)?.chars().next()?;
    is_symbol_char(c).then(|| c.len_utf8())
}

fn symbol_char_before(text: &str, index: usize) -> Option<usize> {
    let c = text.get(..index)?.chars().next_back()?;
    is_symbol_char(c).then(|| c.len_utf8())
}

fn is_symbol_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | NON_BREAKING_HYPHEN)
}

/// A run as a key: hyphens of any kind printed as `-`.
fn normalized(token: &str) -> String {
    token.replace(NON_BREAKING_HYPHEN, "-")
}

/// Reads the citations of a slash run and what follows it (`(2020)`, `A and B`, `and Corr.1`).
pub(super) fn read_slashed(text: &str, run: TextRange) -> Slashed {
    let printed = text.get(run.start..run.end).unwrap_or("");
    let mut cursor = Cursor::new(text, run.end);
    let number = normalized(printed);
    if resolutions::is_slashed_number(&number) {
        let citations = resolutions::with_letters(&number, run, &mut cursor);
        return Slashed {
            what: SlashedKind::Resolution,
            citations,
            end: cursor.pos(),
        };
    }
    let parts = joint_parts(printed, run.start);
    let Some((last, last_range)) = parts.last().copied() else {
        return Slashed {
            what: SlashedKind::Other,
            citations: Vec::new(),
            end: run.end,
        };
    };
    let mut citations: Vec<(String, TextRange)> = parts
        .iter()
        .take(parts.len() - 1)
        .map(|(part, range)| (normalized(part), *range))
        .collect();
    let base = normalized(last);
    let mut symbol = base.clone();
    if base.contains("/RES/")
        && let Some(session) = resolutions::eat_session_in_parentheses(&mut cursor)
    {
        symbol.push(' ');
        symbol.push_str(&session);
    }
    citations.push((symbol, TextRange::new(last_range.start, cursor.pos())));
    citations.extend(read_elliptic_modifiers(&base, &mut cursor));
    Slashed {
        what: SlashedKind::Symbol,
        citations,
        end: cursor.pos(),
    }
}

/// The symbols of a run, with their ranges (the run starts at `offset`): one, or several
/// joined by hyphens for a document issued under more than one symbol
/// (`A/56/1026-S/2002/932`). Empty when the run is not a symbol.
fn joint_parts(run: &str, offset: usize) -> Vec<(&str, TextRange)> {
    let mut parts = Vec::new();
    let mut start = 0;
    while let Some((hyphen, width)) = next_joint(run, start) {
        parts.push((
            run.get(start..hyphen).unwrap_or(""),
            TextRange::new(offset + start, offset + hyphen),
        ));
        start = hyphen + width;
    }
    parts.push((
        run.get(start..).unwrap_or(""),
        TextRange::new(offset + start, offset + run.len()),
    ));
    if parts.iter().all(|(part, _)| is_symbol(part)) {
        parts
    } else if is_symbol(run) {
        vec![(run, TextRange::new(offset, offset + run.len()))]
    } else {
        Vec::new()
    }
}

/// The next hyphen at or after `from` that starts a second symbol (one followed by an
/// uppercase series and a slash), with its width.
fn next_joint(run: &str, from: usize) -> Option<(usize, usize)> {
    let tail = run.get(from..)?;
    tail.char_indices()
        .filter(|&(_, c)| c == '-' || c == NON_BREAKING_HYPHEN)
        .map(|(index, c)| (from + index, c.len_utf8()))
        .find(|&(index, width)| {
            let after = run.get(index + width..).unwrap_or("");
            let letters = after.bytes().take_while(u8::is_ascii_uppercase).count();
            letters > 0 && after.as_bytes().get(letters) == Some(&b'/')
        })
}

/// Document symbols in text order, elliptic corrigenda expanded: `E/2013/30 and Corr.1` gives
/// `E/2013/30` and `E/2013/30/Corr.1`; `A/72/440, párr. 8` gives `A/72/440`.
pub(crate) fn document_symbols(text: &str) -> Vec<(String, TextRange)> {
    let mut symbols = Vec::new();
    let mut read_up_to = 0;
    for slash in memchr_iter(b'/', text.as_bytes()) {
        if slash < read_up_to {
            continue;
        }
        let Some(run) = slash_run(text, slash) else {
            continue;
        };
        let slashed = read_slashed(text, run);
        read_up_to = slashed.end.max(run.end);
        if slashed.what == SlashedKind::Symbol {
            symbols.extend(slashed.citations);
        }
    }
    symbols
}

/// A symbol opens with an uppercase series (`A`, `E`, `CTOC`, `WHA63`) and has a number
/// somewhere, which keeps `HIV/AIDS` out.
fn is_symbol(token: &str) -> bool {
    let mut components = token.split('/');
    let series = components.next().unwrap_or("");
    let letters = series.bytes().take_while(u8::is_ascii_uppercase).count();
    let series_tail = series.get(letters..).unwrap_or("");
    let series_ok = letters > 0
        && (series_tail.bytes().all(|b| b.is_ascii_digit())
            || series_tail
                .strip_prefix('.')
                .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit())));
    series_ok
        && token.bytes().any(|b| b.is_ascii_digit())
        && token.split('/').all(|component| !component.is_empty())
}

/// `and Corr.1`, `y Corr. 3`, `and Corr.1–3`, `, Add.1 and Add.2`, each read as a symbol of
/// its own with the modifier appended to `base`.
fn read_elliptic_modifiers(base: &str, cursor: &mut Cursor) -> Vec<(String, TextRange)> {
    let mut found = Vec::new();
    loop {
        let mut probe = *cursor;
        if !MODIFIER_JOINERS.iter().any(|joiner| probe.eat(joiner)) {
            break;
        }
        let start = probe.pos();
        let Some(modifier) = MODIFIERS.iter().find(|modifier| probe.eat(modifier)) else {
            break;
        };
        if !probe.eat(".") {
            break;
        }
        probe.skip_blanks();
        let Some(first) = probe
            .eat_digits()
            .and_then(|digits| digits.parse::<u32>().ok())
        else {
            break;
        };
        let last = eat_range_end(&mut probe, first).unwrap_or(first);
        let range = TextRange::new(start, probe.pos());
        for number in first..=last {
            found.push((format!("{base}/{modifier}.{number}"), range));
        }
        *cursor = probe;
    }
    found
}

/// `–3` after `Corr.1`: the last of a short run of modifiers.
fn eat_range_end(cursor: &mut Cursor, first: u32) -> Option<u32> {
    const LONGEST_RUN: u32 = 20;
    let start = *cursor;
    let last = (cursor.eat("–") || cursor.eat("-"))
        .then(|| cursor.eat_digits())
        .flatten()
        .and_then(|digits| digits.parse::<u32>().ok())
        .filter(|last| *last > first && *last - first <= LONGEST_RUN);
    if last.is_none() {
        *cursor = start;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::document_symbols;

    #[test]
    fn symbols_with_elliptic_modifiers() {
        let cases: [(&str, &[&str]); 7] = [
            ("(E/2013/30 and Corr.1)", &["E/2013/30", "E/2013/30/Corr.1"]),
            ("(E/2013/30 y Corr.1)", &["E/2013/30", "E/2013/30/Corr.1"]),
            ("A/72/440, párr. 8", &["A/72/440"]),
            ("See CTOC/COP/2012/15.", &["CTOC/COP/2012/15"]),
            (
                "C/1 and Corr.1–3,",
                &["C/1", "C/1/Corr.1", "C/1/Corr.2", "C/1/Corr.3"],
            ),
            ("S/RES/2532 (2020) and HIV/AIDS", &["S/RES/2532 (2020)"]),
            ("resolution 64/293 and 16/03/2002", &[]),
        ];
        for (text, expected) in cases {
            let found: Vec<String> = document_symbols(text)
                .into_iter()
                .map(|(symbol, _)| symbol)
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
