//! Numbering keys: language-independent hashes of where a unit sits in the numbered structure,
//! equal for `op.7.c` labelled `(c)` in English and `c)` in Spanish, and for headings that
//! number their section the same way (`Article 4`, `Artículo 4`; `II. Financing`, `II.
//! Financiación`).

use std::collections::HashMap;

use resalign_core::{LabelValue, Unit, UnitKind};

/// Keys that are equal for two units when their labels and the labels above them agree: `op.7`
/// and `op.7`, `op.2.c` with `(c)` and `op.2.c` with `c)`. A repeated number (`op.9~2`) gets
/// the key of the number it repeats. Items of an unlabelled paragraph (`pre.3.a`) are keyed by
/// their own label only, since the paragraph's position may differ between the languages.
pub(crate) fn numbering_keys(units: &[Unit]) -> Vec<Option<u64>> {
    let positions: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(index, unit)| (unit.id.as_str(), index))
        .collect();
    let mut keys: Vec<Option<u64>> = Vec::with_capacity(units.len());
    for unit in units {
        let own = unit_label(unit).and_then(|label| label_code(&label));
        let key = own.map(|own| {
            let context = match &unit.parent {
                Some(parent) => positions
                    .get(parent.as_str())
                    .and_then(|&index| keys.get(index).copied().flatten())
                    .unwrap_or(UNLABELLED_PARENT),
                None => hash_bytes(2, id_stem(unit.id.as_str())),
            };
            mix(context, own)
        });
        keys.push(key);
    }
    keys
}

const UNLABELLED_PARENT: u64 = 0x5bd1_e995_0000_0001;

/// The id without its last segment: `op` for `op.7`, `annex1.para` for `annex1.para.4`.
fn id_stem(id: &str) -> &str {
    id.rfind('.').map_or("", |cut| &id[..cut])
}

fn label_code(value: &LabelValue) -> Option<u64> {
    match value {
        LabelValue::Number(number) => Some(mix(3, u64::from(*number))),
        LabelValue::Letter(letters) => Some(hash_bytes(4, &letters.to_ascii_lowercase())),
        LabelValue::Roman(number) => Some(mix(5, u64::from(*number))),
        // Every dash looks like every other one: no evidence.
        LabelValue::Bullet => None,
    }
}

/// The label a unit is numbered by: its own label, or for a heading the section label its text
/// opens with (`II` in `II. Financing`, `B` in `B`).
pub(crate) fn unit_label(unit: &Unit) -> Option<LabelValue> {
    match unit.kind {
        UnitKind::Heading => heading_label(&unit.text),
        _ => unit.label.as_ref().map(|label| label.value.clone()),
    }
}

fn heading_label(text: &str) -> Option<LabelValue> {
    let text = without_heading_word(text.trim_start());
    let end = text
        .find(|ch: char| !(ch.is_ascii_uppercase() || ch.is_ascii_digit()))
        .unwrap_or(text.len());
    let token = text.get(..end)?;
    let rest = text.get(end..)?;
    let stands_alone =
        rest.is_empty() || rest.starts_with('.') || rest.starts_with(' ') || rest.starts_with(':');
    if !stands_alone || token.is_empty() {
        return None;
    }
    if let Ok(number) = token.parse() {
        return Some(LabelValue::Number(number));
    }
    if let Some(value) = roman(token) {
        return Some(LabelValue::Roman(value));
    }
    (token.len() == 1).then(|| LabelValue::Letter(token.to_ascii_lowercase()))
}

/// The heading without the word that introduces its number (`Article 4`, `Artículo 4`,
/// `Annex II`, `Anexo II`), which the two languages spell differently.
fn without_heading_word(text: &str) -> &str {
    const WORDS: &[&str] = &[
        "Annex",
        "Anexo",
        "Appendix",
        "Apéndice",
        "Article",
        "Artículo",
        "Chapter",
        "Capítulo",
        "Part",
        "Parte",
        "Section",
        "Sección",
        "Rule",
        "Regla",
        "Title",
        "Título",
    ];
    WORDS
        .iter()
        .find_map(|word| {
            text.strip_prefix(word)
                .filter(|rest| rest.starts_with(' '))
                .map(str::trim_start)
        })
        .unwrap_or(text)
}

/// The value of an upper-case roman numeral of the letters sections use (`IV`, `XII`).
fn roman(token: &str) -> Option<u32> {
    let digit = |byte: u8| match byte {
        b'I' => Some(1),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = token.bytes().map(digit).collect::<Option<_>>()?;
    // A lone `C`, `L`, `V` or `X` is read as a section letter: the reading only has to be the
    // same in both languages, and `A`, `B`, `C` sections are more common than a fifth part.
    if values.len() == 1 && token != "I" {
        return None;
    }
    let mut total: i64 = 0;
    for (index, &value) in values.iter().enumerate() {
        let next = values.get(index + 1).copied().unwrap_or(0);
        if value < next {
            total -= i64::from(value);
        } else {
            total += i64::from(value);
        }
    }
    u32::try_from(total).ok().filter(|&total| total > 0)
}

/// FNV-1a over the bytes, seeded with a tag so that different kinds of values never collide
/// by construction.
fn hash_bytes(tag: u64, text: &str) -> u64 {
    text.bytes().fold(
        0xcbf2_9ce4_8422_2325 ^ tag.wrapping_mul(0x1000_0000_01b3),
        |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x1000_0000_01b3),
    )
}

/// Combines two 64-bit values (splitmix64 finaliser over their sum).
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a
        .rotate_left(17)
        .wrapping_add(b)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
