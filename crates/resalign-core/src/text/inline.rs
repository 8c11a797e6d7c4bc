//! Cleans the inline markup of converted text: markdown emphasis, escapes, HTML entities,
//! `<sup>` and Unicode-superscript footnote calls, and runs of whitespace.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::layout::Cleaned;
use crate::model::{FootnoteCall, SourceFormat};

/// An emphasized run that starts this close to the start of the text opens the paragraph: only
/// a label (`12.`, `(a)`) may come before it.
const LEAD_EMPHASIS_WINDOW: usize = 6;

/// How to clean the text of one document: its format, and whether it needs normalizing, which is
/// decided once for the whole source (converted text almost always is NFC already).
#[derive(Clone, Copy, Debug)]
pub(super) struct Cleaning {
    format: SourceFormat,
    normalization: Normalization,
}

impl Cleaning {
    pub fn for_source(source: &str, format: SourceFormat) -> Cleaning {
        let normalization = if is_nfc_quick(source.chars()) == IsNormalized::Yes {
            Normalization::AlreadyNfc
        } else {
            Normalization::ToNfc
        };
        Cleaning {
            format,
            normalization,
        }
    }

    pub fn format(&self) -> SourceFormat {
        self.format
    }

    /// Cleans one paragraph's raw text (its lines joined by `\n`).
    pub fn clean(&self, raw: &str) -> Cleaned {
        let markdown = self.format == SourceFormat::Markdown;
        let mut cleaner = Cleaner {
            out: Cleaned {
                text: String::with_capacity(raw.len()),
                ..Cleaned::default()
            },
            pending_space: false,
            emphasis: Emphasis::Closed,
            normalization: self.normalization,
        };
        let bytes = raw.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            let run_end = ordinary_run_end(bytes, index, markdown);
            if run_end > index {
                cleaner.push_str(&raw[index..run_end]);
                index = run_end;
                continue;
            }
            let rest = &raw[index..];
            index += match bytes[index] {
                b'*' if markdown => cleaner.toggle_emphasis(rest),
                b'\\' if markdown => cleaner.escape(rest),
                b'<' => cleaner.tag(rest),
                b'&' => cleaner.entity(rest),
                byte if is_space(byte) => {
                    cleaner.pending_space = true;
                    1
                }
                _ => cleaner.special_char(rest),
            };
        }
        cleaner.out
    }
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Bytes that may start something to clean: markup, whitespace, and the lead bytes of the
/// two-byte (`¹²³`) and three-byte (`⁰⁴`–`⁹`) superscript digits and of invisible marks.
fn needs_attention(byte: u8, markdown: bool) -> bool {
    matches!(byte, b'<' | b'&' | 0xC2 | 0xE2 | 0xEF)
        || is_space(byte)
        || (markdown && matches!(byte, b'*' | b'\\'))
}

/// The end of the text from `start` that can be copied as it is: ordinary bytes and single
/// spaces between them.
fn ordinary_run_end(bytes: &[u8], start: usize, markdown: bool) -> usize {
    let mut index = start;
    while let Some(&byte) = bytes.get(index) {
        let single_space = byte == b' '
            && index > start
            && bytes
                .get(index + 1)
                .is_some_and(|&next| !needs_attention(next, markdown));
        if needs_attention(byte, markdown) && !single_space {
            break;
        }
        index += 1;
    }
    index
}

/// Whether text runs need normalizing to NFC; most converted text already is NFC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Normalization {
    AlreadyNfc,
    ToNfc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Emphasis {
    Closed,
    /// Open since this offset of the clean text.
    Open {
        since: usize,
    },
}

struct Cleaner {
    out: Cleaned,
    pending_space: bool,
    emphasis: Emphasis,
    normalization: Normalization,
}

impl Cleaner {
    fn push_str(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.pending_space && !self.out.text.is_empty() {
            self.out.text.push(' ');
        }
        self.pending_space = false;
        match self.normalization {
            Normalization::AlreadyNfc => self.out.text.push_str(text),
            Normalization::ToNfc => self.out.text.extend(text.nfc()),
        }
    }

    /// A run of asterisks opens or closes emphasis; the asterisks themselves are dropped.
    fn toggle_emphasis(&mut self, rest: &str) -> usize {
        let run = rest.bytes().take_while(|&b| b == b'*').count();
        let offset =
            self.out.text.len() + usize::from(self.pending_space && !self.out.text.is_empty());
        self.emphasis = match self.emphasis {
            Emphasis::Closed => Emphasis::Open { since: offset },
            Emphasis::Open { since } => {
                if since <= LEAD_EMPHASIS_WINDOW && self.out.lead_emphasis.is_none() {
                    self.out.lead_emphasis = Some(self.out.text.len());
                }
                Emphasis::Closed
            }
        };
        run
    }

    /// `\*`, `\[`, `\_` and other escaped punctuation stand for themselves.
    fn escape(&mut self, rest: &str) -> usize {
        match rest[1..].chars().next() {
            Some(next) if next.is_ascii_punctuation() => {
                let mut buffer = [0u8; 4];
                self.push_str(next.encode_utf8(&mut buffer));
                1 + next.len_utf8()
            }
            _ => {
                self.push_str("\\");
                1
            }
        }
    }

    /// `<sup>7</sup>` is a footnote call, `<sup>er</sup>` an ordinal suffix kept as text; other
    /// inline tags are dropped. A `<` that starts no tag is text.
    fn tag(&mut self, rest: &str) -> usize {
        const SUP_OPEN: &str = "<sup>";
        const SUP_CLOSE: &str = "</sup>";
        if let Some(inner_and_rest) = rest.strip_prefix(SUP_OPEN)
            && let Some(end) = inner_and_rest.find(SUP_CLOSE)
        {
            let inner = &inner_and_rest[..end];
            if let Some(numbers) = call_numbers(inner) {
                self.push_calls(numbers);
            } else {
                let kept = inner.trim();
                // An ordinal suffix hugs its number: `73<sup>er</sup>` is `73er`.
                let glue = self.pending_space;
                self.pending_space = false;
                self.push_str(kept);
                self.pending_space = glue && kept.is_empty();
            }
            return SUP_OPEN.len() + end + SUP_CLOSE.len();
        }
        let tag_len = rest.find('>').map(|end| end + 1);
        match tag_len {
            Some(len) if is_inline_tag(&rest[..len]) => {
                if rest[..len].starts_with("<br") {
                    self.pending_space = true;
                }
                len
            }
            _ => {
                self.push_str("<");
                1
            }
        }
    }

    fn entity(&mut self, rest: &str) -> usize {
        let Some(end) = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(index, _)| index)
        else {
            self.push_str("&");
            return 1;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                let mut buffer = [0u8; 4];
                self.push_str(c.encode_utf8(&mut buffer));
                end + 1
            }
            None => {
                self.push_str("&");
                1
            }
        }
    }

    /// `¹⁴` is a call to footnote 14.
    fn superscript_call(&mut self, rest: &str) -> usize {
        let mut number = 0u32;
        let mut consumed = 0;
        for c in rest.chars() {
            let Some(digit) = superscript_digit(c) else {
                break;
            };
            number = number.saturating_mul(10).saturating_add(digit);
            consumed += c.len_utf8();
        }
        self.push_calls(vec![number]);
        consumed
    }

    fn push_calls(&mut self, numbers: Vec<u32>) {
        let offset = self.out.text.len();
        self.out.calls.extend(
            numbers
                .into_iter()
                .map(|number| FootnoteCall { number, offset }),
        );
    }

    /// A character whose lead byte needed a look: a superscript digit is a footnote call,
    /// anything else (`“`, `–`, `ª`, a no-break space) is text.
    fn special_char(&mut self, rest: &str) -> usize {
        match rest.chars().next() {
            Some(c) if superscript_digit(c).is_some() => self.superscript_call(rest),
            // Zero-width spaces and direction marks a converter leaves (`6.\u{200e}`) are not text.
            Some(c @ ('\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')) => c.len_utf8(),
            Some(c) => {
                self.push_str(&rest[..c.len_utf8()]);
                c.len_utf8()
            }
            None => 1,
        }
    }
}

/// `7`, `3, 4` or `3,4` inside `<sup>`: the footnote numbers called.
fn call_numbers(inner: &str) -> Option<Vec<u32>> {
    let numbers: Option<Vec<u32>> = inner
        .split(',')
        .map(|part| {
            let part = part.trim();
            // Long resolutions number their footnotes past 999.
            if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                part.parse().ok()
            }
        })
        .collect();
    numbers.filter(|numbers| !numbers.is_empty())
}

fn is_inline_tag(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        name.to_ascii_lowercase().as_str(),
        "sub" | "br" | "u" | "i" | "b" | "em" | "strong" | "span" | "small" | "sup"
    )
}

pub(super) fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}
