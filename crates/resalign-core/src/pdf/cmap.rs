//! CMaps: how a font's byte codes split into character codes, which text each code stands for
//! (a `ToUnicode` CMap) and which glyph it selects in a composite font (an embedded encoding
//! CMap).

use std::collections::HashMap;

use super::lexer::{Lexer, Operand};

/// A range of codes of one byte length, as `begincodespacerange` declares it.
#[derive(Clone, Copy, Debug)]
struct Codespace {
    low: u32,
    high: u32,
    length: u8,
}

/// `beginbfrange` / `begincidrange`: codes `low..=high` map to consecutive targets.
#[derive(Clone, Debug)]
struct Range<T> {
    low: u32,
    high: u32,
    length: u8,
    target: T,
}

/// What a `bfrange` maps to: text whose last code unit counts up, or one text per code.
#[derive(Clone, Debug)]
enum TextTarget {
    Counting(Vec<u16>),
    Listed(Vec<String>),
}

/// A parsed CMap. Codes are keyed by their byte length too: `<00>` and `<0000>` differ.
#[derive(Clone, Debug, Default)]
pub(super) struct CMap {
    codespaces: Vec<Codespace>,
    text: HashMap<(u8, u32), String>,
    text_ranges: Vec<Range<TextTarget>>,
    cids: HashMap<(u8, u32), u32>,
    cid_ranges: Vec<Range<u32>>,
}

/// CMaps are small; one that declares more than this many mappings is junk.
const MAX_ENTRIES: usize = 200_000;

impl CMap {
    pub(super) fn parse(bytes: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(bytes);
        let mut entries = 0usize;
        while let Some((operator, operands)) = lexer.next_operation() {
            entries += operands.len();
            if entries > MAX_ENTRIES {
                break;
            }
            match operator {
                b"endcodespacerange" => cmap.read_codespaces(operands),
                b"endbfchar" => cmap.read_text_chars(operands),
                b"endbfrange" => cmap.read_text_ranges(operands),
                b"endcidchar" => cmap.read_cid_chars(operands),
                b"endcidrange" => cmap.read_cid_ranges(operands),
                _ => {}
            }
        }
        cmap
    }

    pub(super) fn has_codespaces(&self) -> bool {
        !self.codespaces.is_empty()
    }

    /// The length of the code that starts `bytes`, by the codespace ranges; a byte no range
    /// covers is a code of its own.
    pub(super) fn code_length(&self, bytes: &[u8]) -> usize {
        for length in 1..=4usize.min(bytes.len()) {
            let code = code_value(&bytes[..length]);
            if self.codespaces.iter().any(|space| {
                usize::from(space.length) == length && (space.low..=space.high).contains(&code)
            }) {
                return length;
            }
        }
        1
    }

    /// Appends the text a code stands for; `false` when the CMap does not map it.
    pub(super) fn push_text(&self, code: u32, length: u8, out: &mut String) -> bool {
        if let Some(text) = self.text.get(&(length, code)) {
            out.push_str(text);
            return true;
        }
        let Some(range) = self
            .text_ranges
            .iter()
            .find(|range| range.length == length && (range.low..=range.high).contains(&code))
        else {
            return false;
        };
        let offset = code - range.low;
        match &range.target {
            TextTarget::Counting(units) => {
                let Some((last, head)) = units.split_last() else {
                    return false;
                };
                let last = last.wrapping_add(offset as u16);
                out.extend(
                    char::decode_utf16(head.iter().copied().chain([last]))
                        .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER)),
                );
                true
            }
            TextTarget::Listed(texts) => match texts.get(offset as usize) {
                Some(text) => {
                    out.push_str(text);
                    true
                }
                None => false,
            },
        }
    }

    /// The CID a code selects, if this CMap maps it.
    pub(super) fn cid(&self, code: u32, length: u8) -> Option<u32> {
        if let Some(cid) = self.cids.get(&(length, code)) {
            return Some(*cid);
        }
        self.cid_ranges
            .iter()
            .find(|range| range.length == length && (range.low..=range.high).contains(&code))
            .map(|range| range.target + (code - range.low))
    }

    fn read_codespaces(&mut self, operands: &[Operand]) {
        for pair in operands.chunks_exact(2) {
            if let (Operand::String(low), Operand::String(high)) = (&pair[0], &pair[1])
                && (1..=4).contains(&low.len())
                && low.len() == high.len()
            {
                self.codespaces.push(Codespace {
                    low: code_value(low),
                    high: code_value(high),
                    length: low.len() as u8,
                });
            }
        }
    }

    fn read_text_chars(&mut self, operands: &[Operand]) {
        for pair in operands.chunks_exact(2) {
            if let (Operand::String(code), Operand::String(text)) = (&pair[0], &pair[1])
                && (1..=4).contains(&code.len())
            {
                self.text
                    .insert((code.len() as u8, code_value(code)), utf16_bytes_text(text));
            }
        }
    }

    fn read_text_ranges(&mut self, operands: &[Operand]) {
        for triple in operands.chunks_exact(3) {
            let (Operand::String(low), Operand::String(high)) = (&triple[0], &triple[1]) else {
                continue;
            };
            if !(1..=4).contains(&low.len()) || low.len() != high.len() {
                continue;
            }
            let target = match &triple[2] {
                Operand::String(text) => TextTarget::Counting(utf16_units(text)),
                Operand::Array(items) => TextTarget::Listed(
                    items
                        .iter()
                        .map(|item| match item {
                            Operand::String(text) => utf16_bytes_text(text),
                            _ => String::new(),
                        })
                        .collect(),
                ),
                _ => continue,
            };
            let length = low.len() as u8;
            let (low, high) = (code_value(low), code_value(high));
            if low <= high {
                self.text_ranges.push(Range {
                    low,
                    high,
                    length,
                    target,
                });
            }
        }
    }

    fn read_cid_chars(&mut self, operands: &[Operand]) {
        for pair in operands.chunks_exact(2) {
            if let (Operand::String(code), Some(cid)) = (&pair[0], pair[1].number())
                && (1..=4).contains(&code.len())
                && cid >= 0.0
            {
                self.cids
                    .insert((code.len() as u8, code_value(code)), cid as u32);
            }
        }
    }

    fn read_cid_ranges(&mut self, operands: &[Operand]) {
        for triple in operands.chunks_exact(3) {
            if let (Operand::String(low), Operand::String(high), Some(cid)) =
                (&triple[0], &triple[1], triple[2].number())
                && (1..=4).contains(&low.len())
                && low.len() == high.len()
                && cid >= 0.0
            {
                let (low_code, high_code) = (code_value(low), code_value(high));
                if low_code <= high_code {
                    self.cid_ranges.push(Range {
                        low: low_code,
                        high: high_code,
                        length: low.len() as u8,
                        target: cid as u32,
                    });
                }
            }
        }
    }
}

/// A code's bytes read big-endian.
pub(super) fn code_value(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |value, &byte| (value << 8) | u32::from(byte))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|pair| match pair {
            [high, low] => u16::from_be_bytes([*high, *low]),
            [single] => u16::from(*single),
            _ => 0,
        })
        .collect()
}

fn utf16_bytes_text(bytes: &[u8]) -> String {
    char::decode_utf16(utf16_units(bytes))
        .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORD_CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <002E> endbfchar
2 beginbfrange <0024> <0026> <0041> <00B7> <00B8> [<FB01> <0066006C>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    fn text(cmap: &CMap, code: u32, length: u8) -> Option<String> {
        let mut out = String::new();
        cmap.push_text(code, length, &mut out).then_some(out)
    }

    #[test]
    fn reads_a_to_unicode_cmap() {
        let cmap = CMap::parse(WORD_CMAP);
        assert_eq!(cmap.code_length(&[0x00, 0x24, 0x00]), 2);
        assert_eq!(text(&cmap, 0x03, 2).as_deref(), Some(" "));
        assert_eq!(text(&cmap, 0x26, 2).as_deref(), Some("C"));
        assert_eq!(text(&cmap, 0xB8, 2).as_deref(), Some("fl"));
        assert_eq!(text(&cmap, 0xB7, 2).as_deref(), Some("\u{fb01}"));
        assert_eq!(text(&cmap, 0x26, 1), None);
        assert_eq!(text(&cmap, 0x27, 2), None);
    }

    #[test]
    fn reads_cid_mappings() {
        let cmap = CMap::parse(
            b"1 begincodespacerange <00> <80> endcodespacerange
1 begincidrange <20> <7e> 1 endcidrange 1 begincidchar <80> 500 endcidchar",
        );
        assert_eq!(cmap.code_length(&[0x41]), 1);
        assert_eq!(cmap.cid(0x41, 1), Some(0x22));
        assert_eq!(cmap.cid(0x80, 1), Some(500));
        assert_eq!(cmap.cid(0x10, 1), None);
    }
}
