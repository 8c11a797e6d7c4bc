//! A clean text turned back into printed words: footnote calls put back at their offsets and
//! emphasis marks added, split at spaces into tokens that layout can wrap and cut between.

use std::ops::Range;

use resalign_core::FootnoteCall;

use crate::style::CallStyle;

/// Something put into a clean text at a byte offset.
#[derive(Clone, Debug)]
pub(crate) struct Insert {
    pub offset: usize,
    pub kind: InsertKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum InsertKind {
    /// An emphasis mark that opens before anything else at its offset.
    Open,
    /// An emphasis mark that closes before a call at the same offset (`*Phrase*¹`).
    Close,
    Call(u32),
}

impl InsertKind {
    /// At one offset: opening marks, then closing marks, then calls.
    fn rank(&self) -> u8 {
        match self {
            InsertKind::Open => 1,
            InsertKind::Close => 0,
            InsertKind::Call(_) => 2,
        }
    }
}

/// One space-delimited word as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub text: String,
    /// Calls in this token: number and byte range within `text`.
    pub calls: Vec<(u32, Range<usize>)>,
    /// First and last characters of the clean word (no marks, no calls).
    pub first_clean: Option<char>,
    pub last_clean: Option<char>,
    /// Whether the token is the clean word as is, which alone may be hyphenated.
    pub bare: bool,
}

/// The inserts for calls, clamped to the text and to character boundaries.
pub(crate) fn call_inserts(text: &str, calls: &[FootnoteCall]) -> Vec<Insert> {
    calls
        .iter()
        .map(|call| Insert {
            offset: floor_boundary(text, call.offset),
            kind: InsertKind::Call(call.number),
        })
        .collect()
}

/// Marks around `range` of the text.
pub(crate) fn emphasis_inserts(range: Range<usize>) -> [Insert; 2] {
    [
        Insert {
            offset: range.start,
            kind: InsertKind::Open,
        },
        Insert {
            offset: range.end,
            kind: InsertKind::Close,
        },
    ]
}

/// `*Treaty Series*` and similar titles that converters keep in italics inside footnotes.
pub(crate) fn title_emphasis(text: &str) -> Vec<Insert> {
    let mut inserts = Vec::new();
    for title in [
        "Treaty Series",
        "Ibid.",
        "Official Records of",
        "Documentos Oficiales de",
    ] {
        let mut from = 0;
        while let Some(found) = text[from..].find(title) {
            let start = from + found;
            let mut end = start + title.len();
            if title.ends_with(" of") || title.ends_with(" de") {
                // The italic title of Official Records runs to the supplement's symbol.
                match text[end..].find(')') {
                    Some(close) => end += close + 1,
                    None => break,
                }
            }
            inserts.extend(emphasis_inserts(start..end));
            from = end;
        }
    }
    inserts
}

/// The printed tokens of `text` with `inserts` put in.
pub(crate) fn tokenize(text: &str, mut inserts: Vec<Insert>, calls: CallStyle) -> Vec<Token> {
    inserts.sort_by_key(|insert| (insert.offset, insert.kind.rank()));
    let mut tokens = Vec::new();
    let mut pending = inserts.into_iter().peekable();
    let mut start = 0;
    for word in text.split(' ') {
        let end = start + word.len();
        let mut token = Token {
            text: String::new(),
            calls: Vec::new(),
            first_clean: word.chars().next(),
            last_clean: word.chars().next_back(),
            bare: true,
        };
        let mut cursor = start;
        while let Some(insert) = pending.next_if(|insert| insert.offset <= end) {
            let at = insert.offset.max(cursor);
            token.text.push_str(&text[cursor..at]);
            cursor = at;
            token.bare = false;
            match insert.kind {
                InsertKind::Open | InsertKind::Close => token.text.push('*'),
                InsertKind::Call(number) => {
                    let from = token.text.len();
                    token.text.push_str(&call_text(number, calls));
                    token.calls.push((number, from..token.text.len()));
                }
            }
        }
        token.text.push_str(&text[cursor..end]);
        tokens.push(token);
        start = end + 1;
    }
    tokens
}

/// A call as printed in `style`.
pub(crate) fn call_text(number: u32, style: CallStyle) -> String {
    match style {
        CallStyle::HtmlSup => format!("<sup>{number}</sup>"),
        CallStyle::Inline => number.to_string(),
        CallStyle::Superscript => number.to_string().chars().map(superscript).collect(),
    }
}

fn superscript(digit: char) -> char {
    match digit {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        other => other,
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where a long word may be broken with a hyphen: before a consonant between two vowels
/// (`coordina-tion`), leaving at least three letters on each side. Returns the byte length of the head.
pub(crate) fn hyphenation_points(word: &str) -> Vec<usize> {
    let letters: Vec<(usize, char)> = word.char_indices().collect();
    let trailing = letters
        .iter()
        .rev()
        .take_while(|(_, c)| matches!(c, ',' | ';' | ':' | '.' | ')'))
        .count();
    let core = &letters[..letters.len() - trailing];
    let plain_word = core.len() >= 7
        && core.iter().all(|(_, c)| c.is_alphabetic())
        && core[1..].iter().all(|(_, c)| c.is_lowercase());
    if !plain_word {
        return Vec::new();
    }
    let is_vowel = |c: char| "aeiouáéíóúü".contains(c);
    (3..=core.len() - 3)
        .filter(|&cut| {
            is_vowel(core[cut - 1].1) && !is_vowel(core[cut].1) && is_vowel(core[cut + 1].1)
        })
        .map(|cut| core[cut].0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(number: u32, offset: usize) -> FootnoteCall {
        FootnoteCall { number, offset }
    }

    #[test]
    fn calls_and_marks_land_at_their_offsets() {
        let text = "Recalling its resolution 20/3, entitled “Implementation”,";
        let mut inserts = call_inserts(text, &[call(1, text.len()), call(2, 29)]);
        inserts.extend(emphasis_inserts(0..9));
        let tokens = tokenize(text, inserts, CallStyle::HtmlSup);
        let printed: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
        assert_eq!(
            printed,
            [
                "*Recalling*",
                "its",
                "resolution",
                "20/3<sup>2</sup>,",
                "entitled",
                "“Implementation”,<sup>1</sup>"
            ]
        );
        assert_eq!(tokens[3].calls, vec![(2, 4..16)]);
        assert_eq!(tokens[0].first_clean, Some('R'));
        assert!(tokens[1].bare && !tokens[0].bare);
    }

    #[test]
    fn superscripts_print_every_digit() {
        assert_eq!(call_text(14, CallStyle::Superscript), "¹⁴");
        assert_eq!(call_text(10, CallStyle::Inline), "10");
    }

    #[test]
    fn official_records_are_italic_up_to_the_symbol() {
        let text =
            "See Official Records of the Council, 2011, Supplement No. 10 (E/2011/30), chap. I.";
        let tokens = tokenize(text, title_emphasis(text), CallStyle::HtmlSup);
        let printed: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
        assert_eq!(
            printed.join(" "),
            "See *Official Records of the Council, 2011, Supplement No. 10 (E/2011/30)*, chap. I."
        );
    }

    #[test]
    fn only_plain_long_words_hyphenate() {
        assert_eq!(hyphenation_points("coordination,"), vec![6, 8]);
        assert!(hyphenation_points("non-governmental").is_empty());
        assert!(hyphenation_points("Member").is_empty());
        assert!(hyphenation_points("UNESCO-led").is_empty());
    }
}
