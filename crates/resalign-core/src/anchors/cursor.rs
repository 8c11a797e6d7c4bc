//! A byte position in a text with the small look-ahead steps the anchor grammars are made of.
//!
//! Every step either succeeds and moves the cursor or fails and leaves it where it was, so a
//! grammar can try an alternative by keeping a copy of the cursor and going back to it.

use crate::label::roman_value;

/// Blanks that may separate the parts of a citation: a space, a no-break space, a narrow no-break
/// space or a thin space (typeset texts use the last three inside numbers and dates).
const BLANKS: [&str; 4] = [" ", "\u{a0}", "\u{202f}", "\u{2009}"];

/// Marks that take no room (direction marks, zero-width space) and that conversions leave next
/// to blanks.
const INVISIBLE_MARKS: [&str; 4] = ["\u{200e}", "\u{200f}", "\u{200b}", "\u{feff}"];

/// Whether matching tells capitals from small letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Exact,
    Ignored,
}

impl Case {
    fn same(self, a: u8, b: u8) -> bool {
        match self {
            Case::Exact => a == b,
            Case::Ignored => a.eq_ignore_ascii_case(&b),
        }
    }

    fn same_bytes(self, a: &[u8], b: &[u8]) -> bool {
        match self {
            Case::Exact => a == b,
            Case::Ignored => a.eq_ignore_ascii_case(b),
        }
    }
}

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

    /// `expected` at the cursor; a space in it stands for any blank (see [`BLANKS`]), since
    /// texts put no-break spaces where the grammar has spaces (`242\u{a0}(1967)`).
    pub(super) fn eat(&mut self, expected: &str) -> bool {
        self.eat_pieces(expected, Case::Exact)
    }

    /// Like [`Cursor::eat`], ignoring ASCII case.
    pub(super) fn eat_ignore_case(&mut self, expected: &str) -> bool {
        self.eat_pieces(expected, Case::Ignored)
    }

    fn eat_pieces(&mut self, expected: &str, case: Case) -> bool {
        let rest = self.rest().as_bytes();
        let pattern = expected.as_bytes();
        // Most attempts fail on the first byte; only patterns with a space need the slow path.
        match pattern.first() {
            None => return true,
            Some(b' ') => {}
            Some(first) if !rest.first().is_some_and(|next| case.same(*next, *first)) => {
                return false;
            }
            Some(_) if !pattern.contains(&b' ') => {
                let matched = rest
                    .get(..pattern.len())
                    .is_some_and(|head| case.same_bytes(head, pattern));
                if matched {
                    self.pos += pattern.len();
                }
                return matched;
            }
            Some(_) => {}
        }
        self.eat_spaced_pieces(expected, case)
    }

    fn eat_spaced_pieces(&mut self, expected: &str, case: Case) -> bool {
        let start = *self;
        for &byte in expected.as_bytes() {
            let matched = if byte == b' ' {
                self.eat_blank()
            } else if self.peek().is_some_and(|next| case.same(next, byte)) {
                // Pattern and text agree byte for byte, so a character is never left half read.
                self.pos += 1;
                true
            } else {
                false
            };
            if !matched {
                *self = start;
                return false;
            }
        }
        true
    }

    /// Whether `expected` comes next, as [`Cursor::eat`] reads it, without moving.
    pub(super) fn looking_at(&self, expected: &str) -> bool {
        let mut probe = *self;
        probe.eat(expected)
    }

    /// Whether `word` stands just before the cursor, then a blank: `one` before `third`.
    pub(super) fn follows_word(&self, word: &str) -> bool {
        let before = self.text.get(..self.pos).unwrap_or("");
        let Some(blank) = BLANKS.iter().find(|blank| before.ends_with(**blank)) else {
            return false;
        };
        let before = before.get(..before.len() - blank.len()).unwrap_or("");
        before.len() >= word.len()
            && before
                .get(before.len() - word.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(word))
            && !before
                .get(..before.len() - word.len())
                .and_then(|head| head.chars().next_back())
                .is_some_and(char::is_alphanumeric)
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

    /// One ASCII byte that `accept` takes.
    pub(super) fn eat_byte_if(&mut self, accept: impl Fn(u8) -> bool) -> Option<u8> {
        let byte = self.peek().filter(|byte| accept(*byte))?;
        self.pos += 1;
        Some(byte)
    }

    /// The first of `options` that stands here.
    pub(super) fn eat_any(&mut self, options: &[&str]) -> bool {
        options.iter().any(|option| self.eat(option))
    }

    /// Whether a point or comma followed by a digit comes next, continuing a number.
    pub(super) fn at_number_continuation(&self) -> bool {
        let rest = self.rest().as_bytes();
        matches!(rest.first(), Some(b'.' | b',')) && rest.get(1).is_some_and(u8::is_ascii_digit)
    }

    /// A whole word, matching case exactly.
    pub(super) fn eat_exact_word(&mut self, word: &str) -> bool {
        let start = *self;
        if self.eat(word) && self.at_word_end() {
            return true;
        }
        *self = start;
        false
    }

    /// One blank (see [`BLANKS`]), with any invisible marks around it.
    pub(super) fn eat_blank(&mut self) -> bool {
        let start = *self;
        self.skip_invisible_marks();
        let blank = match self.peek() {
            Some(b' ') => {
                self.pos += 1;
                true
            }
            // Every other blank and mark is a multi-byte character.
            Some(byte) if byte >= 0x80 => self.eat_literal_any(&BLANKS),
            _ => false,
        };
        if blank {
            self.skip_invisible_marks();
            return true;
        }
        *self = start;
        false
    }

    fn skip_invisible_marks(&mut self) {
        while self.peek().is_some_and(|byte| byte >= 0x80) && self.eat_literal_any(&INVISIBLE_MARKS)
        {
        }
    }

    /// The first of `options` that stands here byte for byte.
    fn eat_literal_any(&mut self, options: &[&str]) -> bool {
        let rest = self.rest();
        match options.iter().find(|option| rest.starts_with(**option)) {
            Some(option) => {
                self.pos += option.len();
                true
            }
            None => false,
        }
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

    /// A blank, then `word` as a whole word.
    pub(super) fn eat_blank_then_word(&mut self, word: &str) -> bool {
        let start = *self;
        if self.eat_blank() && self.eat_word(word) {
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
        match rest
            .get(..len)
            .and_then(|numeral| roman_value(&numeral.to_ascii_lowercase()))
        {
            Some(value) if self.at_word_end() => Some(value),
            _ => {
                *self = start;
                None
            }
        }
    }
}
