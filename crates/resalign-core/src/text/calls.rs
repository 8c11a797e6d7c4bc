//! Footnote calls in plain text, where `pdftotext` prints the superscript as ordinary digits
//! glued to the word or punctuation they follow (`Development1,` / `Crime,2`).

use std::collections::{BTreeMap, HashSet};

use crate::assemble::Block;
use crate::model::{Date, FootnoteCall, Language};

/// How much a glued number looks like a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// Glued to a word in lower case, or to punctuation after a word: `Development1`,
    /// `Development,1`.
    Strong,
    /// Glued where numbers also end up: after an acronym (`INTERPOL1`), a year (`19683`) or
    /// punctuation after a number (`2015–2030,1`).
    Weak,
    /// Set apart by a space, as `pdftotext` prints a raised digit (`Development, 2 of`), where
    /// nothing around it reads as a number of the text (`Goal 3`, `5 per cent`).
    Spaced,
    /// Set apart as well, after punctuation or a capitalised name and before a word in lower
    /// case (`Development, 2 taking`, `Goals 2 for`): there a footnote called before may be
    /// called again.
    SpacedAfterName,
}

/// A run of digits that may be a footnote call: the bytes to take out of the text (a spaced
/// call's space too) and the number.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    number: u32,
    evidence: Evidence,
}

/// How many new footnote numbers a strong candidate may skip, so that one call the rules miss
/// does not stop every later one from being found.
const MISSED_CALLS_ALLOWED: u32 = 4;

/// Takes glued call digits out of every block, in document order. Footnotes are called in
/// increasing order the first time and may be called again later: a candidate counts only if
/// its footnote exists and its number fits that order (a weak one must be exactly the next new
/// number).
pub(super) fn find_glued_calls(blocks: &mut [Block], defined: &HashSet<u32>, language: Language) {
    if defined.is_empty() {
        return;
    }
    // Footnotes may be numbered on from another text (`998`): the first call is the lowest.
    let mut highest_called = defined.iter().min().map_or(0, |lowest| lowest - 1);
    for block in blocks.iter_mut() {
        let mut found = Vec::new();
        for candidate in candidates(&block.text, language) {
            let number = candidate.number;
            let fits = match candidate.evidence {
                Evidence::Strong => number <= highest_called + 1 + MISSED_CALLS_ALLOWED,
                Evidence::Weak => number == highest_called + 1,
                // One call missed before must not stop every later one from being found.
                Evidence::Spaced => number > highest_called && number <= highest_called + 2,
                Evidence::SpacedAfterName => number <= highest_called + 2,
            };
            if defined.contains(&number) && fits {
                highest_called = highest_called.max(number);
                found.push(candidate);
            }
        }
        remove_calls(block, &found);
    }
    recover_calls_glued_to_numbers(blocks, defined);
}

/// A place in the body: a block and a byte offset in its text.
type Position = (usize, usize);

/// A footnote still never called was probably called right after a number (`70/21⁵,` printed as
/// `70/215,`). Its first call must fall between the first calls of its neighbours in number; if
/// exactly one number there ends with its digits before a blank or punctuation, those digits are
/// the call.
fn recover_calls_glued_to_numbers(blocks: &mut [Block], defined: &HashSet<u32>) {
    let mut first_calls: BTreeMap<u32, Position> = BTreeMap::new();
    for (index, block) in blocks.iter().enumerate() {
        for call in &block.calls {
            first_calls
                .entry(call.number)
                .or_insert((index, call.offset));
        }
    }
    let mut missing: Vec<u32> = defined
        .iter()
        .copied()
        .filter(|number| !first_calls.contains_key(number))
        .collect();
    missing.sort_unstable();
    for number in missing {
        let after = first_calls
            .range(..number)
            .next_back()
            .map_or((0, 0), |(_, &at)| at);
        let before = first_calls
            .range(number + 1..)
            .next()
            .map_or((blocks.len(), 0), |(_, &at)| at);
        if let [only] = numbers_ending_with(blocks, number, after, before).as_slice() {
            let (index, candidate) = *only;
            remove_calls(&mut blocks[index], &[candidate]);
            first_calls.insert(number, (index, candidate.start));
        }
    }
}

/// Digit runs between two positions that end with `number`'s digits, glued to digits or a word
/// before them, and followed by a blank, punctuation or the end.
fn numbers_ending_with(
    blocks: &[Block],
    number: u32,
    after: Position,
    before: Position,
) -> Vec<(usize, Candidate)> {
    let suffix = number.to_string();
    let mut found = Vec::new();
    for (index, block) in blocks.iter().enumerate().take(before.0 + 1).skip(after.0) {
        let text = &block.text;
        let bytes = text.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            if !bytes[start].is_ascii_digit() {
                start += 1;
                continue;
            }
            let end = start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            let call_start = end - suffix.len().min(end - start);
            let inside = (index, call_start) >= after && (index, call_start) < before;
            // Glued to digits of its own run (`70/215`) or to a word (`Adicional I2`).
            let glued_to_digits = end - start > suffix.len();
            // A number's last digits are a call only where Spanish places calls, before
            // punctuation (`70/215,`); before a word they are its own (`2020/14 del Consejo`).
            let placed = !glued_to_digits
                || text[end..].is_empty()
                || text[end..].starts_with([',', ';', ':', '.', ')', '”']);
            let glued = glued_to_digits
                || text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
            // The paragraph's own number (`17. Recalls`) is never `1` and a call.
            let label = text[..start].trim_start_matches(['(', ' ']).is_empty();
            // `2001,` is a year, never `200` and a call.
            let year = end - start == 4
                && text[start..end]
                    .parse::<u32>()
                    .is_ok_and(|value| (1900..=2100).contains(&value));
            if inside
                && glued
                && placed
                && !label
                && !year
                && text[call_start..end] == suffix
                && ends_call(&text[end..])
            {
                let candidate = Candidate {
                    start: call_start,
                    end,
                    number,
                    evidence: Evidence::Weak,
                };
                found.push((index, candidate));
            }
            start = end;
        }
    }
    found
}

/// Digit runs glued to a word or to punctuation, followed by a blank, punctuation or the end.
fn candidates(text: &str, language: Language) -> Vec<Candidate> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit() {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            index += 1;
        }
        let end = index;
        if !ends_call(&text[end..]) {
            continue;
        }
        let parse = |from: usize| text[from..end].parse().ok();
        if let Some((space, evidence)) = spaced_call_start(text, start, end, language)
            && let Some(number) = parse(start)
        {
            found.push(Candidate {
                start: space,
                end,
                number,
                evidence,
            });
            continue;
        }
        // Up to three digits: long resolutions have more than 99 footnotes.
        if end - start <= 3 {
            // At the very end of a paragraph, `2019.3` cannot be a decimal: the paragraph's own
            // full stop came before the call.
            let at_end = text[end..].trim_end_matches(['”', '"', '’']).is_empty();
            let evidence = match glued_evidence(&text[..start], language) {
                None if at_end && text[..start].ends_with('.') => Some(Evidence::Strong),
                // After a full stop a call closes a sentence; before a word in lower case or
                // more punctuation the figure numbers what the stop abbreviates
                // (`C-24/DEC.4 and`, `DEC.3,`).
                Some(_) if text[..start].ends_with('.') && !opens_sentence_after(&text[end..]) => {
                    None
                }
                evidence => evidence,
            };
            if let (Some(evidence), Some(number)) = (evidence, parse(start)) {
                found.push(Candidate {
                    start,
                    end,
                    number,
                    evidence,
                });
            }
        } else if let Some(call_start) = call_after_year(&text[start..end])
            && let Some(number) = parse(start + call_start)
        {
            found.push(Candidate {
                start: start + call_start,
                end,
                number,
                evidence: Evidence::Weak,
            });
        }
    }
    found
}

/// Words after which a number is the text's own: `Goal 3`, `article 5`, `of 10`, `meta 3`.
const NUMBER_TAKERS: &[&str] = &[
    "goal",
    "target",
    "targets",
    "article",
    "articles",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "chapter",
    "chap",
    "annex",
    "annexes",
    "section",
    "sections",
    "rule",
    "rules",
    "principle",
    "principles",
    "recommendation",
    "recommendations",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "no",
    "nos",
    "vol",
    "volume",
    "part",
    "parts",
    "table",
    "page",
    "pages",
    "item",
    "items",
    "phase",
    "tier",
    "level",
    "category",
    "group",
    "protocol",
    "option",
    "step",
    "stage",
    "day",
    "days",
    "week",
    "year",
    "indicator",
    "box",
    "figure",
    "element",
    "module",
    "point",
    "points",
    "cluster",
    "programme",
    "subprogramme",
    "of",
    "to",
    "from",
    "and",
    "or",
    "under",
    "over",
    "than",
    "by",
    "at",
    "between",
    "in",
    "on",
    "for",
    "with",
    "about",
    "some",
    "nearly",
    "almost",
    "least",
    "most",
    "first",
    "last",
    "the",
    "a",
    "an",
    "every",
    "all",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "only",
    "per",
    "objetivo",
    "meta",
    "metas",
    "artículo",
    "artículos",
    "párrafo",
    "párrafos",
    "capítulo",
    "anexo",
    "anexos",
    "sección",
    "regla",
    "reglas",
    "principio",
    "principios",
    "recomendación",
    "recomendaciones",
    "resolución",
    "resoluciones",
    "decisión",
    "decisiones",
    "núm",
    "núms",
    "parte",
    "cuadro",
    "página",
    "páginas",
    "tema",
    "temas",
    "fase",
    "nivel",
    "categoría",
    "grupo",
    "protocolo",
    "opción",
    "día",
    "días",
    "año",
    "indicador",
    "recuadro",
    "elemento",
    "módulo",
    "punto",
    "puntos",
    "programa",
    "subprograma",
    "de",
    "del",
    "al",
    "y",
    "e",
    "o",
    "u",
    "en",
    "con",
    "por",
    "para",
    "entre",
    "los",
    "las",
    "el",
    "la",
    "un",
    "una",
    "unos",
    "unas",
    "más",
    "menos",
    "hasta",
    "desde",
    "sobre",
    "sus",
    "su",
    "cada",
    "todos",
    "todas",
];

/// Words after a number that make it a quantity: `5 per cent`, `10 years`, `3 million`.
const QUANTITY_WORDS: &[&str] = &[
    "per", "percent", "million", "millions", "billion", "billions", "thousand", "hundred", "years",
    "year", "months", "month", "weeks", "days", "hours", "minutes", "times", "por", "millones",
    "millón", "mil", "miles", "cien", "años", "meses", "mes", "semanas", "días", "horas",
    "minutos", "veces",
];

/// Words that join two numbers: `5 and 6`, `3 to 5`, `2 y 3`.
const NUMBER_JOINERS: &[&str] = &["and", "or", "to", "y", "e", "o", "u", "a", "al"];

/// Where the bytes of a call set apart by a space start (the space), if the digits from `start`
/// to `end` read as one: a small number after a word or punctuation, before a blank or
/// punctuation, with no word around it that makes it a number of the text.
fn spaced_call_start(
    text: &str,
    start: usize,
    end: usize,
    language: Language,
) -> Option<(usize, Evidence)> {
    if end - start > 4 || !text[..start].ends_with(' ') || text[..start].ends_with("  ") {
        return None;
    }
    let before = text[..start - 1].trim_end_matches(['”', '’', '"', ')']);
    let last = before.chars().next_back()?;
    let after_word = last.is_alphabetic() || matches!(last, ',' | ';' | ':' | '.');
    let word: String = before
        .trim_end_matches([',', ';', ':', '.', '”', '’', '"', ')'])
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    // After a number only past punctuation (`2007, 1 52/2`) or after a year (`2015–2030 3`),
    // not after a count (`15 3`).
    let closed = text[..start - 1].ends_with(['”', '’', '"', ')']);
    let after_punctuation = closed || (last != '.' && !last.is_alphanumeric());
    let number_before = word.chars().all(|c| c.is_ascii_digit());
    let after_year = number_before && word.len() == 4;
    // After a resolution number or a symbol: `resolución 74/262 998,`.
    let after_symbol = before
        .rsplit(' ')
        .next()
        .is_some_and(|token| token.contains('/') && token.ends_with(|c: char| c.is_ascii_digit()));
    if word.is_empty() || (number_before && !after_punctuation && !after_year && !after_symbol) {
        return None;
    }
    if !after_word && !after_year && !closed && !after_symbol {
        return None;
    }
    // `No. 5`, `para. 7`: a number after an abbreviation's full stop. After a closing bracket
    // or quotation mark the word is no longer taking a number (`(the Paris Principles) 7`).
    let lower = word.to_lowercase();
    if NUMBER_TAKERS.contains(&lower.as_str()) && !before.ends_with([',', ';', ':']) && !closed {
        return None;
    }
    let rest = &text[end..];
    if rest.starts_with(['.', ',']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let next_word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '%')
        .collect();
    let next_lower = next_word.to_lowercase();
    let is_month = Date::month_names(language)
        .iter()
        .any(|month| month.eq_ignore_ascii_case(&next_word));
    // `metas 9, 11, 16`: a list of numbers; `3 de junio`: a date.
    let listed = number_before
        && after_punctuation
        && rest
            .strip_prefix(',')
            .is_some_and(|list| list.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    // A Spanish number before `de` counts or dates (`1 de cada 5`, `3 de junio`).
    let spanish_count = language == Language::Es && next_lower == "de";
    // `Objetivo de Desarrollo Sostenible 4`, `Sustainable Development Goals 1 and 2`: a goal's
    // number a few words after the word for goal.
    let goal_number = before.split_whitespace().rev().take(4).any(|word| {
        matches!(
            word.to_lowercase()
                .trim_matches(|c: char| !c.is_alphabetic()),
            "objetivo" | "objetivos" | "goal" | "meta"
        )
    });
    if listed || spanish_count || goal_number {
        return None;
    }
    let joins_number = NUMBER_JOINERS.contains(&next_lower.as_str())
        && rest.trim_start()[next_word.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    if next_word.starts_with('%')
        || QUANTITY_WORDS.contains(&next_lower.as_str())
        || is_month
        || joins_number
        || rest.trim_start().starts_with(['–', '-', '/', '%'])
    {
        return None;
    }
    let after_name = before.ends_with([',', ';'])
        || (word.chars().next().is_some_and(char::is_uppercase) && !number_before);
    // Not a count of something (`, 6 abductions`): a number before a plural is one.
    let plural = next_lower.ends_with('s') && !next_lower.ends_with("ss");
    let before_word = next_word.chars().next().is_some_and(char::is_lowercase) && !plural;
    let evidence = if after_name && before_word {
        Evidence::SpacedAfterName
    } else {
        Evidence::Spaced
    };
    Some((start - 1, evidence))
}

/// A call glued to a year before punctuation, as Spanish places calls: `de 19683;` is the year
/// 1968 and a call to footnote 3. Returns where the call digits start.
fn call_after_year(digits: &str) -> Option<usize> {
    let year: u32 = digits.get(..4)?.parse().ok()?;
    ((5..=7).contains(&digits.len()) && (1900..=2100).contains(&year)).then_some(4)
}

/// What the text before a digit run says about it being a call. Spanish writes decimals with a
/// comma (`1,5`) and English never puts one or two digits after a comma in a number, so
/// `2015–2030,1` is a call in English, and `1968;3` in both.
fn glued_evidence(before: &str, language: Language) -> Option<Evidence> {
    let last = before.chars().next_back()?;
    let word_end = before.trim_end_matches([',', ';', ':', '.', '”', '’', '"', ')']);
    if word_end.len() < before.len() {
        let previous = word_end.chars().next_back()?;
        if !previous.is_ascii_digit() {
            return Some(Evidence::Strong);
        }
        // After a number, only what cannot be a decimal mark or a thousands separator there.
        let decimal_mark = match language {
            Language::En => last == '.',
            Language::Es => matches!(last, ',' | '.'),
        };
        return (!decimal_mark).then_some(Evidence::Strong);
    }
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    match word.chars().count() {
        0..=2 => None,
        _ if word.chars().any(char::is_lowercase) => Some(Evidence::Strong),
        _ => Some(Evidence::Weak),
    }
}

/// Whether what follows a figure starts a new sentence, or nothing follows.
fn opens_sentence_after(after: &str) -> bool {
    let rest = after.trim_start_matches(['”', '"', '’', ')']);
    rest.trim().is_empty()
        || (rest.starts_with(char::is_whitespace)
            && rest
                .trim_start()
                .starts_with(|c: char| c.is_uppercase() || matches!(c, '“' | '"' | '(' | '[')))
}

fn ends_call(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | ')' | '”'))
}

fn remove_calls(block: &mut Block, found: &[Candidate]) {
    for &Candidate {
        start, end, number, ..
    } in found.iter().rev()
    {
        block.text.replace_range(start..end, "");
        let removed = end - start;
        for call in &mut block.calls {
            if call.offset >= end {
                call.offset -= removed;
            }
        }
        if let Some(lead) = block.lead_emphasis.as_mut()
            && *lead >= end
        {
            *lead -= removed;
        }
        block.calls.push(FootnoteCall {
            number,
            offset: start,
        });
    }
    block.calls.sort_by_key(|call| call.offset);
}
