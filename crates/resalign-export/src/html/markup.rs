//! The only way text reaches an HTML page: a small writer that escapes every piece of text and
//! every attribute value, and lets through unescaped only markup compiled into the program.

use std::borrow::Cow;
use std::io::{self, Write};

/// `text` with the five characters that can end a text run or an attribute value replaced by
/// character references, so it reads as text in element content and in quoted attributes.
pub fn escape(text: &str) -> Cow<'_, str> {
    let needs_escaping = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'');
    if !text.contains(needs_escaping) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    Cow::Owned(escaped)
}

/// An attribute: its name is part of the program, its value may come from the input.
pub type Attribute<'v> = (&'static str, &'v str);

/// Writes elements whose names are part of the program and whose text and attribute values are
/// escaped.
pub struct Markup<W: Write> {
    out: W,
}

impl<W: Write> Markup<W> {
    pub fn new(out: W) -> Self {
        Markup { out }
    }

    pub fn into_inner(self) -> W {
        self.out
    }

    pub fn open(&mut self, tag: &'static str, attributes: &[Attribute<'_>]) -> io::Result<()> {
        write!(self.out, "<{tag}")?;
        for (name, value) in attributes {
            write!(self.out, " {name}=\"{}\"", escape(value))?;
        }
        self.out.write_all(b">")
    }

    pub fn close(&mut self, tag: &'static str) -> io::Result<()> {
        write!(self.out, "</{tag}>")
    }

    pub fn text(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(escape(text).as_bytes())
    }

    /// An element holding nothing but `text`.
    pub fn element(
        &mut self,
        tag: &'static str,
        attributes: &[Attribute<'_>],
        text: &str,
    ) -> io::Result<()> {
        self.open(tag, attributes)?;
        self.text(text)?;
        self.close(tag)
    }

    /// Markup written into the program (the style sheet, the script, the doctype); never input.
    pub fn constant(&mut self, markup: &'static str) -> io::Result<()> {
        self.out.write_all(markup.as_bytes())
    }

    pub fn newline(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n")
    }
}

/// A fragment identifier built from input (a unit id), kept to the characters that need no
/// escaping in a URL fragment or a CSS selector: other bytes, and `_` itself, become `_XX`, so
/// two different inputs never give the same identifier.
pub fn fragment(prefix: &'static str, value: &str) -> String {
    let mut fragment = String::with_capacity(prefix.len() + 1 + value.len());
    fragment.push_str(prefix);
    fragment.push('-');
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' => fragment.push(byte as char),
            other => push_escaped_byte(&mut fragment, '_', other),
        }
    }
    fragment
}

/// A relative link to a file, percent-encoded so that spaces, parentheses, `#`, `?` and `:`
/// cannot turn it into a fragment, a query or a link with a scheme (`javascript:`), and kept
/// relative when it starts with `/` (`//host/...` would otherwise name another host).
pub fn relative_href(path: &str) -> String {
    let mut href = String::with_capacity(path.len() + 2);
    if path.starts_with('/') {
        href.push('.');
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                href.push(byte as char)
            }
            other => push_escaped_byte(&mut href, '%', other),
        }
    }
    href
}

fn push_escaped_byte(out: &mut String, marker: char, byte: u8) {
    const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push(marker);
    out.push(HEX_DIGITS[usize::from(byte >> 4)] as char);
    out.push(HEX_DIGITS[usize::from(byte & 0x0F)] as char);
}
