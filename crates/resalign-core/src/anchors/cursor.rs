//! A byte position in a text with the small look-ahead steps the anchor grammars are made of.
//!
//! Every step either succeeds and moves the cursor or fails and leaves it where it was, so a
//! grammar can try an alternative by keeping a copy of the cursor and going back to it.

use crate::label::roman_value;

/// Blanks that may separate the parts of a citation: a space, a no-break space, a narrow no-break
/// space or a thin space (typeset texts use the last three inside numbers and dates).
const BLANKS: [&str; 4] = [" ", "\u{a0}", "\u{202f}", "\u{2009}"];

#[derive(Clone, Copy, Debug)]
pub(super) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    pub(super) fn peek_char(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The character just before the cursor.
    pub(super) fn prev_char(&self) -> Option<char> {
        self.text.get(..self.pos)?.chars().next_back()
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// Whether no letter or digit follows, so that a word just read ends here.
    pub(super) fn at_word_end(&self) -> bool {
        !self.peek_char().is_some_and(char::is_alphanumeric)
    }

    pub(super) fn eat(&mut self, expected: &str) -> bool {
        if self.rest().starts_with(expected) {
            self.pos += expected.len();
            true
        } else {
            false
        }
    }

    /// Like [`Cursor::eat`], ignoring ASCII case.
    pub(super) fn eat_ignore_case(&mut self, expected: &str) -> bool {
        let matches = self
            .rest()
            .as_bytes()
            .get(..expected.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(expected.as_bytes()));
        if matches {
            self.pos += expected.len();
        }
        matches
    }

    /// A whole word (nothing alphanumeric right after it), ignoring ASCII case.
    pub(super) fn eat_word(&mut self, word: &str) -> bool {
        let start = *self;
        if self.eat_ignore_case(word) && self.at_word_end() {
            return true;
        }
        *self = start;
        false
    }

    /// The first of `words` that stands here as a whole word.
    pub(super) fn eat_any_word(&mut self, words: &[&str]) -> bool {
        words.iter().any(|word| self.eat_word(word))
    }

    /// One blank (see [`BLANKS`]).
    pub(super) fn eat_blank(&mut self) -> bool {
        BLANKS.iter().any(|blank| self.eat(blank))
    }

    /// A blank, then `word`, then a blank: ` and `, ` de `.
    pub(super) fn eat_spaced_word(&mut self, word: &str) -> bool {
        let start = *self;
        if self.eat_blank() && self.eat_word(word) && self.eat_blank() {
            return true;
        }
        *self = start;
        false
    }

    /// Any number of blanks.
    pub(super) fn skip_blanks(&mut self) {
        while self.eat_blank() {}
    }

    /// A run of ASCII digits.
    pub(super) fn eat_digits(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return None;
        }
        self.pos += len;
        rest.get(..len)
    }

    /// A run of ASCII digits of exactly `len` digits, not followed by another digit.
    pub(super) fn eat_digits_exactly(&mut self, len: usize) -> Option<&'a str> {
        let start = *self;
        match self.eat_digits() {
            Some(digits) if digits.len() == len => Some(digits),
            _ => {
                *self = start;
                None
            }
        }
    }

    /// A run of letters (any script) up to the next non-letter.
    pub(super) fn eat_letters(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            return None;
        }
        self.pos += len;
        rest.get(..len)
    }

    /// A run of ASCII uppercase letters that make a roman numeral (`XXI`, `III`).
    pub(super) fn eat_roman(&mut self) -> Option<u32> {
        let start = *self;
        let rest = self.rest();
        let len = rest
            .bytes()
            .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
            .count();
        self.pos += len;
        match rest.get(..len).and_then(|numeral| roman_value(&numeral.to_ascii_lowercase())) {
            Some(value) if self.at_word_end() => Some(value),
            _ => {
                *self = start;
                None
            }
        }
    }
}

