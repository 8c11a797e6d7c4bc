//! Footnote calls in plain text, where `pdftotext` prints the superscript as ordinary digits
//! glued to the word or punctuation they follow (`Development1,` / `Crime,2`).

use std::collections::HashSet;

use crate::assemble::Block;
use crate::model::{FootnoteCall, Language};

/// Takes glued call digits out of every block, in document order. Footnotes are called in
/// increasing order the first time and may be called again later, so a candidate counts only if
/// its footnote exists and it is either the next new number or one already called.
pub(super) fn find_glued_calls(blocks: &mut [Block], defined: &HashSet<u32>, language: Language) {
    if defined.is_empty() {
        return;
    }
    let mut highest_called = 0;
    for block in blocks {
        let mut found = Vec::new();
        for (start, end, number) in candidates(&block.text, language) {
            let is_next = number == highest_called + 1;
            let is_repeat = number <= highest_called;
            if defined.contains(&number) && (is_next || is_repeat) {
                highest_called = highest_called.max(number);
                found.push((start, end, number));
            }
        }
        remove_calls(block, &found);
    }
}

/// Digit runs glued to a word or to punctuation after a word, followed by a blank, punctuation
/// or the end: `(start, end, number)`.
fn candidates(text: &str, language: Language) -> Vec<(usize, usize, u32)> {
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
        if end - start <= 2 && glued_after_word(&text[..start], language) {
            if let Ok(number) = text[start..end].parse() {
                found.push((start, end, number));
            }
        } else if let Some(call_start) = call_after_year(&text[start..end])
            && let Ok(number) = text[start + call_start..end].parse()
        {
            found.push((start + call_start, end, number));
        }
    }
    found
}

/// A call glued to a year before punctuation, as Spanish places calls: `de 19683;` is the year
/// 1968 and a call to footnote 3. Returns where the call digits start.
fn call_after_year(digits: &str) -> Option<usize> {
    let year: u32 = digits.get(..4)?.parse().ok()?;
    ((5..=6).contains(&digits.len()) && (1900..=2100).contains(&year)).then_some(4)
}

/// `...Development1` or `...Development,1` or `...1968;3` or `...”1`: glued to a word that is not
/// an acronym (`G20`, `CO2`), or to punctuation that does not sit inside a number. Spanish writes
/// decimals with a comma (`1,5`), English never puts one or two digits after a comma in a number,
/// so `2015–2030,1` is a call in English only.
fn glued_after_word(before: &str, language: Language) -> bool {
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    let word_end = before.trim_end_matches([',', ';', ':', '.', '”', '’', '"', ')']);
    if word_end.len() < before.len() {
        let previous = word_end.chars().next_back();
        let after_digit = previous.is_some_and(|c| c.is_ascii_digit());
        let decimal_mark = match language {
            Language::En => last == '.',
            Language::Es => matches!(last, ',' | '.'),
        };
        return previous.is_some() && !(after_digit && decimal_mark);
    }
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    word.chars().count() >= 3 && word.chars().any(char::is_lowercase)
}

fn ends_call(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | ')' | '”'))
}

fn remove_calls(block: &mut Block, found: &[(usize, usize, u32)]) {
    for &(start, end, number) in found.iter().rev() {
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
