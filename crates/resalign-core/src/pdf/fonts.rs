//! Fonts: which codes a shown string holds, the text each code stands for, how far it advances,
//! and whether the face is italic or bold (opening phrases are set in italics).

use std::collections::HashMap;
use std::sync::LazyLock;

use lopdf::{Dictionary, Document, Object};

use super::budget::{Budget, OverBudget};
use super::cmap::{CMap, code_value};
use super::objects;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Slant {
    #[default]
    Upright,
    Italic,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Weight {
    #[default]
    Regular,
    Bold,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct FontStyle {
    pub slant: Slant,
    pub weight: Weight,
}

/// One character code of a shown string.
#[derive(Clone, Copy, Debug)]
pub(super) struct Code {
    pub value: u32,
    pub length: u8,
}

pub(super) struct Font {
    pub style: FontStyle,
    encoding: CodeEncoding,
    to_unicode: Option<CMap>,
    widths: Widths,
    /// Glyph space to text space: 1/1000 for all but Type 3 fonts.
    scale: f32,
}

/// How a string splits into codes, and which text a code has when no `ToUnicode` says.
enum CodeEncoding {
    /// One byte a code; the text of each of the 256 codes by the font's encoding.
    Simple(Box<[String]>),
    /// Composite fonts: codes split by a CMap (two bytes for `Identity-H`), each selecting a
    /// CID; their text comes from `ToUnicode` alone.
    Composite(CidEncoding),
}

enum CidEncoding {
    Identity,
    Embedded(CMap),
}

enum Widths {
    /// `FirstChar` and `Widths`, in glyph space; codes outside take `missing`.
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    /// A font without widths (one of the standard 14 of old PDFs): guessed from the text.
    Guessed { monospaced: bool },
    /// `W` by CID with the default `DW`.
    Cid {
        widths: HashMap<u32, f32>,
        default: f32,
    },
}

impl Font {
    /// Reads a font dictionary. Anything unreadable in it falls back to a plain default (a
    /// standard encoding, guessed widths) rather than failing the page.
    pub(super) fn load(
        document: &Document,
        dict: &Dictionary,
        budget: &mut Budget,
    ) -> Result<Font, OverBudget> {
        let subtype = objects::name(document, dict, b"Subtype").unwrap_or(b"Type1");
        let to_unicode = match objects::stream(document, dict, b"ToUnicode") {
            Some(stream) => Some(CMap::parse(&objects::decoded(stream, budget)?)),
            None => None,
        };
        if subtype == b"Type0" {
            return Font::composite(document, dict, to_unicode, budget);
        }
        let descriptor = objects::dict(document, dict, b"FontDescriptor");
        let scale = if subtype == b"Type3" {
            objects::array(document, dict, b"FontMatrix")
                .and_then(|matrix| matrix.first())
                .and_then(|first| objects::number(document, first))
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let base_font = objects::name(document, dict, b"BaseFont").unwrap_or(b"");
        Ok(Font {
            style: style(document, base_font, descriptor),
            encoding: CodeEncoding::Simple(simple_texts(document, dict)),
            to_unicode,
            widths: simple_widths(document, dict, descriptor, base_font),
            scale,
        })
    }

    fn composite(
        document: &Document,
        dict: &Dictionary,
        to_unicode: Option<CMap>,
        budget: &mut Budget,
    ) -> Result<Font, OverBudget> {
        let encoding = match objects::get(document, dict, b"Encoding") {
            Some(Object::Stream(stream)) => {
                CidEncoding::Embedded(CMap::parse(&objects::decoded(stream, budget)?))
            }
            _ => CidEncoding::Identity,
        };
        let descendant = objects::array(document, dict, b"DescendantFonts")
            .and_then(|fonts| fonts.first())
            .and_then(|first| objects::resolve(document, first))
            .and_then(|first| first.as_dict().ok());
        let descriptor =
            descendant.and_then(|font| objects::dict(document, font, b"FontDescriptor"));
        let base_font = objects::name(document, dict, b"BaseFont")
            .or_else(|| descendant.and_then(|font| objects::name(document, font, b"BaseFont")))
            .unwrap_or(b"");
        let widths = match descendant {
            Some(font) => cid_widths(document, font),
            None => Widths::Cid {
                widths: HashMap::new(),
                default: 1000.0,
            },
        };
        Ok(Font {
            style: style(document, base_font, descriptor),
            encoding: CodeEncoding::Composite(encoding),
            to_unicode,
            widths,
            scale: 0.001,
        })
    }

    /// The codes of a shown string, in order.
    pub(super) fn codes<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = Code> + 'b {
        let mut at = 0;
        std::iter::from_fn(move || {
            let rest = bytes.get(at..).filter(|rest| !rest.is_empty())?;
            let length = self.code_length(rest);
            at += length;
            Some(Code {
                value: code_value(&rest[..length]),
                length: length as u8,
            })
        })
    }

    fn code_length(&self, bytes: &[u8]) -> usize {
        match &self.encoding {
            CodeEncoding::Simple(_) => 1,
            CodeEncoding::Composite(CidEncoding::Embedded(cmap)) if cmap.has_codespaces() => {
                cmap.code_length(bytes)
            }
            CodeEncoding::Composite(_) => match &self.to_unicode {
                Some(cmap) if cmap.has_codespaces() => cmap.code_length(bytes),
                _ => 2.min(bytes.len()),
            },
        }
    }

    /// Appends the text a code stands for; `false` when the font does not say.
    pub(super) fn push_text(&self, code: Code, out: &mut String) -> bool {
        if self
            .to_unicode
            .as_ref()
            .is_some_and(|cmap| cmap.push_text(code.value, code.length, out))
        {
            return true;
        }
        match &self.encoding {
            CodeEncoding::Simple(texts) => match texts.get(code.value as usize) {
                Some(text) if !text.is_empty() => {
                    out.push_str(text);
                    true
                }
                _ => false,
            },
            CodeEncoding::Composite(_) => false,
        }
    }

    /// How far a code advances, in text space units of a 1-point font.
    pub(super) fn advance(&self, code: Code, text: &str) -> f32 {
        let width = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .value
                .checked_sub(*first)
                .and_then(|index| widths.get(index as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Guessed { monospaced } => guessed_width(text, *monospaced),
            Widths::Cid { widths, default } => {
                let cid = match &self.encoding {
                    CodeEncoding::Composite(CidEncoding::Embedded(cmap)) => {
                        cmap.cid(code.value, code.length).unwrap_or(code.value)
                    }
                    _ => code.value,
                };
                widths.get(&cid).copied().unwrap_or(*default)
            }
        };
        width * self.scale
    }

    /// Word spacing (`Tw`) applies to the single-byte code 32 only.
    pub(super) fn is_word_space(&self, code: Code) -> bool {
        code.length == 1 && code.value == 32
    }
}

/// Italic and bold by the font's name (`TimesNewRomanPS-ItalicMT`, `ABCDEF+Arial-BoldMT`) or by
/// its descriptor's flags, italic angle and weight.
fn style(document: &Document, base_font: &[u8], descriptor: Option<&Dictionary>) -> FontStyle {
    let name = String::from_utf8_lossy(base_font).to_lowercase();
    let name = name.split_once('+').map_or(name.as_str(), |(_, name)| name);
    let flags = descriptor
        .and_then(|descriptor| objects::number_at(document, descriptor, b"Flags"))
        .map_or(0, |flags| flags as i64);
    let italic_angle = descriptor
        .and_then(|descriptor| objects::number_at(document, descriptor, b"ItalicAngle"))
        .unwrap_or(0.0);
    let weight = descriptor
        .and_then(|descriptor| objects::number_at(document, descriptor, b"FontWeight"))
        .unwrap_or(400.0);
    const ITALIC_FLAG: i64 = 1 << 6;
    const FORCE_BOLD_FLAG: i64 = 1 << 18;
    let italic = name.contains("italic")
        || name.contains("oblique")
        || name.ends_with("-it")
        || flags & ITALIC_FLAG != 0
        || italic_angle.abs() > 1.0;
    let bold = ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|marker| name.contains(marker))
        || flags & FORCE_BOLD_FLAG != 0
        || weight >= 600.0;
    FontStyle {
        slant: if italic {
            Slant::Italic
        } else {
            Slant::Upright
        },
        weight: if bold { Weight::Bold } else { Weight::Regular },
    }
}

/// The text of each one-byte code: the base encoding with the `Differences` applied.
fn simple_texts(document: &Document, dict: &Dictionary) -> Box<[String]> {
    let (base, differences) = match objects::get(document, dict, b"Encoding") {
        Some(Object::Name(name)) => (base_table(name), None),
        Some(Object::Dictionary(encoding)) => (
            objects::name(document, encoding, b"BaseEncoding")
                .map_or(STANDARD.as_slice(), base_table),
            objects::array(document, encoding, b"Differences"),
        ),
        _ => (STANDARD.as_slice(), None),
    };
    let mut texts: Box<[String]> = base.to_vec().into_boxed_slice();
    let mut code = 0usize;
    for item in differences.unwrap_or_default() {
        match objects::resolve(document, item) {
            Some(Object::Integer(value)) => code = (*value).clamp(0, 255) as usize,
            Some(Object::Name(name)) => {
                if let Some(slot) = texts.get_mut(code) {
                    *slot = glyph_name_text(name).unwrap_or_default();
                }
                code += 1;
            }
            _ => {}
        }
    }
    texts
}

static STANDARD: LazyLock<Vec<String>> = LazyLock::new(|| lopdf_table(b"StandardEncoding"));
static WIN_ANSI: LazyLock<Vec<String>> = LazyLock::new(|| lopdf_table(b"WinAnsiEncoding"));
static MAC_ROMAN: LazyLock<Vec<String>> = LazyLock::new(|| lopdf_table(b"MacRomanEncoding"));

fn base_table(name: &[u8]) -> &'static [String] {
    match name {
        b"WinAnsiEncoding" => &WIN_ANSI,
        b"MacRomanEncoding" => &MAC_ROMAN,
        _ => &STANDARD,
    }
}

/// A one-byte encoding's 256 texts as lopdf's tables give them (lopdf keeps the tables to
/// itself and shows them through a font dictionary's encoding).
fn lopdf_table(encoding: &[u8]) -> Vec<String> {
    let document = Document::new();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Name(encoding.to_vec()));
    let table = font.get_font_encoding(&document).ok();
    (0..=255u8)
        .map(|byte| {
            table
                .as_ref()
                .and_then(|table| table.bytes_to_string(&[byte]).ok())
                .unwrap_or_default()
        })
        .collect()
}

/// The text of a glyph name: `uni00E9` and `u1F600` by their code points, the rest by the Adobe
/// Glyph List that lopdf holds (asked through a one-entry `Differences` encoding).
fn glyph_name_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    let hex = base
        .strip_prefix("uni")
        .filter(|hex| hex.len() == 4)
        .or_else(|| {
            base.strip_prefix('u')
                .filter(|hex| (4..=6).contains(&hex.len()))
        });
    if let Some(character) = hex
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        .and_then(char::from_u32)
    {
        return Some(character.to_string());
    }
    let document = Document::new();
    let mut encoding = Dictionary::new();
    encoding.set(
        "Differences",
        vec![Object::Integer(0), Object::Name(base.as_bytes().to_vec())],
    );
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Dictionary(encoding));
    // Code 0 has no text in the standard encoding lopdf falls back to for a name it does not
    // know, so any text is the name's.
    let text = font
        .get_font_encoding(&document)
        .ok()?
        .bytes_to_string(&[0])
        .ok()?;
    (!text.is_empty()).then_some(text)
}

fn simple_widths(
    document: &Document,
    dict: &Dictionary,
    descriptor: Option<&Dictionary>,
    base_font: &[u8],
) -> Widths {
    let missing = descriptor
        .and_then(|descriptor| objects::number_at(document, descriptor, b"MissingWidth"))
        .unwrap_or(0.0);
    match objects::array(document, dict, b"Widths") {
        Some(widths) if !widths.is_empty() => Widths::Simple {
            first: objects::number_at(document, dict, b"FirstChar")
                .map_or(0, |first| first.max(0.0) as u32),
            widths: widths
                .iter()
                .map(|width| objects::number(document, width).unwrap_or(missing))
                .collect(),
            missing,
        },
        _ => Widths::Guessed {
            monospaced: String::from_utf8_lossy(base_font)
                .to_lowercase()
                .contains("courier"),
        },
    }
}

/// `W`: `c [w1 w2 ...]` gives CIDs from `c` on their widths, `c1 c2 w` one width to a range.
fn cid_widths(document: &Document, font: &Dictionary) -> Widths {
    /// A range wider than this is junk; real fonts have tens of thousands of glyphs at most.
    const MAX_RANGE: u32 = 1 << 16;
    let default = objects::number_at(document, font, b"DW").unwrap_or(1000.0);
    let mut widths = HashMap::new();
    let items = objects::array(document, font, b"W").unwrap_or_default();
    let mut at = 0;
    while at < items.len() {
        let Some(first) = objects::number(document, &items[at]) else {
            at += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match items
            .get(at + 1)
            .and_then(|item| objects::resolve(document, item))
        {
            Some(Object::Array(list)) => {
                for (offset, width) in list.iter().enumerate() {
                    if let Some(width) = objects::number(document, width) {
                        widths.insert(first.saturating_add(offset as u32), width);
                    }
                }
                at += 2;
            }
            Some(last) => {
                let last =
                    objects::number(document, last).map_or(first, |last| last.max(0.0) as u32);
                let width = items
                    .get(at + 2)
                    .and_then(|width| objects::number(document, width))
                    .unwrap_or(default);
                for cid in first..=last.min(first.saturating_add(MAX_RANGE)) {
                    widths.insert(cid, width);
                }
                at += 3;
            }
            None => break,
        }
    }
    Widths::Cid { widths, default }
}

/// Rough widths, in thousandths of an em, for fonts that give none.
fn guessed_width(text: &str, monospaced: bool) -> f32 {
    if monospaced {
        return 600.0;
    }
    match text.chars().next() {
        Some(' ') => 250.0,
        Some(
            'i' | 'j' | 'l' | 'f' | 't' | 'r' | 'I' | '.' | ',' | ';' | ':' | '\'' | '!' | '|',
        ) => 280.0,
        Some('m' | 'w' | 'M' | 'W') => 800.0,
        Some(c) if c.is_uppercase() => 680.0,
        _ => 500.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_give_their_text() {
        assert_eq!(glyph_name_text(b"eacute").as_deref(), Some("é"));
        assert_eq!(glyph_name_text(b"uni2019").as_deref(), Some("\u{2019}"));
        assert_eq!(glyph_name_text(b"fi").as_deref(), Some("\u{fb01}"));
        assert_eq!(glyph_name_text(b"g123"), None);
    }

    #[test]
    fn win_ansi_has_its_quotes() {
        assert_eq!(WIN_ANSI[0x93], "\u{201c}");
        assert_eq!(WIN_ANSI[0x41], "A");
        assert_eq!(STANDARD[0], "");
    }
}
