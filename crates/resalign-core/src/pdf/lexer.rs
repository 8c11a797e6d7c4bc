//! Splits a page's content stream into operators and their operands.
//!
//! A hand-written lexer rather than lopdf's content parser: it reads the few operand types text
//! extraction needs without allocating for every number, it never stops on junk (an unknown
//! token is skipped, as viewers skip it), and it is about ten times faster on the verbose
//! streams Word writes.

/// An operand of a content-stream operator.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Operand {
    Number(f32),
    /// A literal or hexadecimal string, decoded to its bytes.
    String(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Operand>),
    /// A dictionary, `true`, `false`, `null`: nothing text extraction reads.
    Other,
}

impl Operand {
    pub(super) fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(value) => Some(*value),
            _ => None,
        }
    }
}

/// Arrays nest no deeper than this; deeper nesting is junk and is read as one opaque operand.
const MAX_NESTING: usize = 32;

/// The operators of a content stream in order, each with its operands.
pub(super) struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
    operands: Vec<Operand>,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Lexer<'a> {
        Lexer {
            bytes,
            at: 0,
            operands: Vec::new(),
        }
    }

    /// The next operator and its operands, or `None` at the end of the stream.
    pub(super) fn next_operation(&mut self) -> Option<(&'a [u8], &[Operand])> {
        self.operands.clear();
        loop {
            self.skip_whitespace_and_comments();
            let &byte = self.bytes.get(self.at)?;
            match byte {
                b'/' | b'(' | b'<' | b'[' | b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    if let Some(operand) = self.operand(0) {
                        self.operands.push(operand);
                    }
                }
                b')' | b'>' | b']' | b'{' | b'}' => self.at += 1,
                _ => {
                    let operator = self.regular_token();
                    if operator == b"BI" {
                        self.skip_inline_image();
                        self.operands.clear();
                        continue;
                    }
                    if matches!(operator, b"true" | b"false" | b"null") {
                        self.operands.push(Operand::Other);
                        continue;
                    }
                    return Some((operator, &self.operands));
                }
            }
        }
    }

    fn operand(&mut self, depth: usize) -> Option<Operand> {
        let &byte = self.bytes.get(self.at)?;
        Some(match byte {
            b'/' => {
                self.at += 1;
                Operand::Name(self.name())
            }
            b'(' => {
                self.at += 1;
                Operand::String(self.literal_string())
            }
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.skip_dictionary();
                Operand::Other
            }
            b'<' => {
                self.at += 1;
                Operand::String(self.hex_string())
            }
            b'[' => {
                self.at += 1;
                self.array(depth + 1)
            }
            _ => {
                let token = self.regular_token();
                match parse_number(token) {
                    Some(value) => Operand::Number(value),
                    None => Operand::Other,
                }
            }
        })
    }

    fn array(&mut self, depth: usize) -> Operand {
        let mut items = Vec::new();
        loop {
            self.skip_whitespace_and_comments();
            let Some(&byte) = self.bytes.get(self.at) else {
                break;
            };
            match byte {
                b']' => {
                    self.at += 1;
                    break;
                }
                b'/' | b'(' | b'<' | b'[' | b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    if depth >= MAX_NESTING {
                        self.skip_past(b']');
                        return Operand::Other;
                    }
                    if let Some(item) = self.operand(depth) {
                        items.push(item);
                    }
                }
                b')' | b'>' | b'{' | b'}' => self.at += 1,
                _ => {
                    // An operator inside an array is a broken stream: the array ends there.
                    let token = self.regular_token();
                    if !matches!(token, b"true" | b"false" | b"null") {
                        break;
                    }
                }
            }
        }
        Operand::Array(items)
    }

    fn skip_whitespace_and_comments(&mut self) {
        while let Some(&byte) = self.bytes.get(self.at) {
            if is_whitespace(byte) {
                self.at += 1;
            } else if byte == b'%' {
                while let Some(&byte) = self.bytes.get(self.at) {
                    if byte == b'\n' || byte == b'\r' {
                        break;
                    }
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn skip_past(&mut self, end: u8) {
        match memchr::memchr(end, &self.bytes[self.at..]) {
            Some(offset) => self.at += offset + 1,
            None => self.at = self.bytes.len(),
        }
    }

    /// A token of regular characters (an operator, a number, a keyword); at least one byte so
    /// that the lexer always moves on.
    fn regular_token(&mut self) -> &'a [u8] {
        let start = self.at;
        while let Some(&byte) = self.bytes.get(self.at) {
            if is_whitespace(byte) || is_delimiter(byte) {
                break;
            }
            self.at += 1;
        }
        if self.at == start {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    fn name(&mut self) -> Vec<u8> {
        let mut name = Vec::new();
        while let Some(&byte) = self.bytes.get(self.at) {
            if is_whitespace(byte) || is_delimiter(byte) {
                break;
            }
            self.at += 1;
            if byte == b'#'
                && let Some(value) = self
                    .bytes
                    .get(self.at..self.at + 2)
                    .and_then(|hex| Some(hex_value(hex[0])? * 16 + hex_value(hex[1])?))
            {
                self.at += 2;
                name.push(value);
            } else {
                name.push(byte);
            }
        }
        name
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'(' => {
                    depth += 1;
                    out.push(byte);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(byte);
                }
                b'\\' => self.escape(&mut out),
                _ => out.push(byte),
            }
        }
        out
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(&byte) = self.bytes.get(self.at) else {
            return;
        };
        self.at += 1;
        match byte {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'0'..=b'7' => {
                let mut value = u32::from(byte - b'0');
                for _ in 0..2 {
                    match self.bytes.get(self.at) {
                        Some(&digit @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(digit - b'0');
                            self.at += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            // A backslash before a line end continues the string on the next line.
            b'\r' => {
                if self.bytes.get(self.at) == Some(&b'\n') {
                    self.at += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            if byte == b'>' {
                break;
            }
            let Some(value) = hex_value(byte) else {
                continue;
            };
            match high.take() {
                Some(high) => out.push(high * 16 + value),
                None => high = Some(value),
            }
        }
        // An odd final digit is followed by an implied 0.
        if let Some(high) = high {
            out.push(high * 16);
        }
        out
    }

    fn skip_dictionary(&mut self) {
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            match &self.bytes[self.at..] {
                [b'<', b'<', ..] => {
                    depth += 1;
                    self.at += 2;
                }
                [b'>', b'>', ..] => {
                    self.at += 2;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                [b'(', ..] => {
                    self.at += 1;
                    self.literal_string();
                }
                _ => self.at += 1,
            }
        }
    }

    /// Inline image data is binary: it ends at `EI` between whitespace.
    fn skip_inline_image(&mut self) {
        let Some(start) = memchr::memmem::find(&self.bytes[self.at..], b"ID") else {
            self.at = self.bytes.len();
            return;
        };
        let mut at = self.at + start + 2;
        while let Some(offset) = memchr::memmem::find(&self.bytes[at..], b"EI") {
            let end = at + offset;
            let before = end.checked_sub(1).map(|index| self.bytes[index]);
            let after = self.bytes.get(end + 2).copied();
            if before.is_some_and(is_whitespace) && after.is_none_or(is_whitespace) {
                self.at = end + 2;
                return;
            }
            at = end + 2;
        }
        self.at = self.bytes.len();
    }
}

fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | 0)
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// `12`, `-3.5`, `.5`, `+2.`; producers also write `--2` and `1.2.3`, read as far as they go.
fn parse_number(token: &[u8]) -> Option<f32> {
    let mut digits = token;
    let mut negative = false;
    while let [sign @ (b'+' | b'-'), rest @ ..] = digits {
        negative ^= *sign == b'-';
        digits = rest;
    }
    let mut value = 0f64;
    let mut scale = 0f64;
    let mut any = false;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                any = true;
                let digit = f64::from(byte - b'0');
                if scale == 0.0 {
                    value = value * 10.0 + digit;
                } else {
                    value += digit * scale;
                    scale /= 10.0;
                }
            }
            b'.' if scale == 0.0 => scale = 0.1,
            _ => break,
        }
    }
    any.then(|| {
        let value = if negative { -value } else { value };
        value.clamp(f64::from(f32::MIN), f64::from(f32::MAX)) as f32
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operations(stream: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lexer = Lexer::new(stream);
        let mut out = Vec::new();
        while let Some((operator, operands)) = lexer.next_operation() {
            out.push((
                String::from_utf8_lossy(operator).into_owned(),
                operands.to_vec(),
            ));
        }
        out
    }

    #[test]
    fn reads_text_operators_and_their_operands() {
        let found = operations(b"BT /F1 9.96 Tf 1 0 0 1 62.5 -.5 Tm [(A\\)b)-9<0048 1>] TJ ET");
        assert_eq!(found[1].0, "Tf");
        assert_eq!(
            found[1].1,
            vec![Operand::Name(b"F1".to_vec()), Operand::Number(9.96)]
        );
        assert_eq!(found[2].1[5], Operand::Number(-0.5));
        assert_eq!(
            found[3].1,
            vec![Operand::Array(vec![
                Operand::String(b"A)b".to_vec()),
                Operand::Number(-9.0),
                Operand::String(vec![0x00, 0x48, 0x10]),
            ])]
        );
        assert_eq!(found.len(), 5);
    }

    #[test]
    fn skips_marked_content_dictionaries_and_inline_images() {
        let found = operations(
            b"/Artifact <</Type/Pagination /A (x>>)>> BDC BI /W 2 ID \x00EI\xff EI Q (t) Tj",
        );
        let operators: Vec<&str> = found.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(operators, ["BDC", "Q", "Tj"]);
        assert_eq!(found[0].1[1], Operand::Other);
    }

    #[test]
    fn junk_never_stops_the_lexer() {
        let found = operations(b") ] } 1.2.3 --4 Td [[[[ (unterminated");
        assert_eq!(found[0].0, "Td");
        assert_eq!(found[0].1, vec![Operand::Number(1.2), Operand::Number(4.0)]);
    }
}
