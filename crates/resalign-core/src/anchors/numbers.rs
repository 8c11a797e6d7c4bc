//! Numbers written in figures, read with each language's separators into one canonical key:
//! EN `1,500.5` and ES `1.500,5` are both `1500.5`; EN `1.5 billion` and ES `1.500 millones` are
//! both `1500000000`; `47th`, `47ª` and `73er` are read as the number they order.

use crate::model::Language;

use super::cursor::Cursor;

/// What a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Quantity {
    Plain,
    Percentage,
}

/// A number read in figures.
#[derive(Clone, Debug)]
pub(super) struct Figure {
    digits: Digits,
    /// The power of ten of the scale word after it (6 for `million`).
    scale: u32,
    pub quantity: Quantity,
}

impl Figure {
    pub(super) fn key(&self) -> String {
        match &self.digits.dotted {
            Some(label) => label.clone(),
            None => canonical_decimal(&self.digits.integer, &self.digits.fraction, self.scale),
        }
    }

    /// Printed without scale word or percent sign, which a range may print only at its end.
    fn is_bare(&self) -> bool {
        self.scale == 0 && self.quantity == Quantity::Plain && self.digits.dotted.is_none()
    }
}

/// Digits of a decimal number before any scale word, without separators.
#[derive(Clone, Debug, Default)]
struct Digits {
    integer: String,
    fraction: String,
    /// A label such as `3.8.1` (an indicator) that is not a quantity: kept as printed.
    dotted: Option<String>,
}

/// Thousands separators that both languages may print, besides the language's own.
const TYPESET_GROUP_SEPARATORS: [&str; 4] = [" ", "\u{a0}", "\u{202f}", "\u{2009}"];

/// Scale words after a figure and the power of ten they multiply by. Longest first, so that
/// `mil millones` wins over `mil`.
const ENGLISH_SCALES: [(&str, u32); 6] = [
    ("trillions", 12),
    ("trillion", 12),
    ("billions", 9),
    ("billion", 9),
    ("millions", 6),
    ("million", 6),
];
const SPANISH_SCALES: [(&str, u32); 6] = [
    ("mil millones", 9),
    ("billones", 12),
    ("billón", 12),
    ("millones", 6),
    ("millón", 6),
    ("mil", 3),
];

/// Reads a figure at the cursor: digits with the language's separators, then an optional
/// scale word, ordinal suffix or percent sign. `None` when the digits are glued to letters that
/// are not an ordinal suffix (`5G`, `29A`), which makes them part of a name, not a number.
pub(super) fn read_figure(language: Language, cursor: &mut Cursor) -> Option<Figure> {
    let start = *cursor;
    let digits = read_digits(language, cursor)?;
    if digits.dotted.is_some() {
        if !cursor.at_word_end() {
            *cursor = start;
            return None;
        }
        return Some(Figure {
            digits,
            scale: 0,
            quantity: Quantity::Plain,
        });
    }
    let suffixed = !digits.is_year() && eat_ordinal_suffix(language, cursor);
    // `1st` and `1ª` stand where the other language often writes `first`, `primera`, which do
    // not count (see `words`).
    let first = suffixed && digits.integer.trim_start_matches('0') == "1";
    let glued = !suffixed && !eat_glued_unit(language, &digits, cursor);
    if first || (glued && starts_with_ascii_letter(cursor)) {
        *cursor = start;
        return None;
    }
    let scale = eat_scale(language, cursor);
    let quantity = if eat_percent(language, cursor) {
        Quantity::Percentage
    } else {
        Quantity::Plain
    };
    Some(Figure {
        digits,
        scale,
        quantity,
    })
}

/// Like [`read_figure`], giving the first number of a range the scale word or percent sign
/// printed only after the last: `88 to 115 million` (where Spanish may write `88 millones a
/// 115 millones`), `between 5 and 8 per cent`, `0.15 to 0.20 per cent`.
pub(super) fn read_figure_in_range(language: Language, cursor: &mut Cursor) -> Option<Figure> {
    let start = *cursor;
    let mut figure = read_figure(language, cursor)?;
    if figure.is_bare()
        && !figure.digits.is_year()
        && let Some(end) = range_end(language, &start, *cursor)
    {
        figure.scale = end.scale;
        figure.quantity = end.quantity;
    }
    Some(figure)
}

/// The figure that closes a range opened at `start`, when it carries a scale or percent sign.
fn range_end(language: Language, start: &Cursor, mut cursor: Cursor) -> Option<Figure> {
    const RANGE_JOINERS: [&str; 5] = [" to ", "–", "-", " a ", " al "];
    const BETWEEN: [&str; 4] = ["between", "entre", "el", "un"];
    const BETWEEN_JOINERS: [&str; 4] = [" and ", " y el ", " y un ", " y "];
    let after_between = BETWEEN.iter().any(|word| start.follows_word(word));
    let joined =
        cursor.eat_any(&RANGE_JOINERS) || (after_between && cursor.eat_any(&BETWEEN_JOINERS));
    let end = joined
        .then(|| read_figure(language, &mut cursor))
        .flatten()?;
    (!end.is_bare()).then_some(end)
}

/// Digits with an ordinal ending (`47th`, `73ª`, `1.er`): the number they order.
pub(super) fn read_ordinal_figure(language: Language, cursor: &mut Cursor) -> Option<u64> {
    let start = *cursor;
    let value = cursor.eat_digits()?.parse().ok();
    if eat_ordinal_suffix(language, cursor) {
        return value;
    }
    *cursor = start;
    None
}

/// `50 per cent`, `50 %`, `50%`, `50 por ciento` after a number.
pub(super) fn eat_percent(language: Language, cursor: &mut Cursor) -> bool {
    let start = *cursor;
    if cursor.eat("%") {
        return true;
    }
    if cursor.eat_blank() {
        let words: &[&str] = match language {
            Language::En => &["%", "per cent", "percent"],
            Language::Es => &["%", "por ciento"],
        };
        let after_blank = *cursor;
        for word in words {
            if cursor.eat(word) && cursor.at_word_end() {
                return true;
            }
            *cursor = after_blank;
        }
    }
    *cursor = start;
    false
}

/// A scale word after a number (`million`, `mil millones`); the power of ten it adds.
pub(super) fn eat_scale(language: Language, cursor: &mut Cursor) -> u32 {
    let start = *cursor;
    let scales: &[(&str, u32)] = match language {
        Language::En => &ENGLISH_SCALES,
        Language::Es => &SPANISH_SCALES,
    };
    if cursor.eat_blank() {
        for (word, power) in scales {
            if cursor.eat_word(word) {
                return *power;
            }
        }
    }
    *cursor = start;
    0
}

/// The key of a decimal number multiplied by `10^shift`: no separators, no leading zeros, no
/// trailing zeros after the point (`0.70` → `0.7`, `1.5` × 10⁹ → `1500000000`).
pub(super) fn canonical_decimal(integer: &str, fraction: &str, shift: u32) -> String {
    let shift = shift as usize;
    let moved = fraction.len().min(shift);
    let mut whole = String::with_capacity(integer.len() + shift);
    whole.push_str(integer.trim_start_matches('0'));
    whole.push_str(fraction.get(..moved).unwrap_or(""));
    whole.extend(std::iter::repeat_n('0', shift - moved));
    let whole = whole.trim_start_matches('0');
    let rest = fraction.get(moved..).unwrap_or("").trim_end_matches('0');
    match (whole.is_empty(), rest.is_empty()) {
        (true, true) => "0".to_string(),
        (true, false) => format!("0.{rest}"),
        (false, true) => whole.to_string(),
        (false, false) => format!("{whole}.{rest}"),
    }
}

impl Digits {
    /// Four digits from 1900 to 2100 and nothing else: a year, which neither takes an ordinal
    /// ending (`2021a` is a year with a note letter) nor opens a range of amounts (`in 2019 to
    /// 2.18 trillion`).
    fn is_year(&self) -> bool {
        self.fraction.is_empty()
            && self.dotted.is_none()
            && self.integer.len() == 4
            && self
                .integer
                .parse::<u16>()
                .is_ok_and(|year| (1900..=2100).contains(&year))
    }
}

fn read_digits(language: Language, cursor: &mut Cursor) -> Option<Digits> {
    let first = cursor.eat_digits()?;
    let mut digits = Digits {
        integer: first.to_string(),
        ..Digits::default()
    };
    let (group_separator, decimal_separator) = match language {
        Language::En => (",", "."),
        Language::Es => (".", ","),
    };
    let grouped = first.len() <= 3
        && (eat_groups(cursor, group_separator, &mut digits.integer)
            || TYPESET_GROUP_SEPARATORS
                .iter()
                .any(|separator| eat_groups(cursor, separator, &mut digits.integer)));
    if let Some(fraction) = eat_fraction(cursor, decimal_separator) {
        digits.fraction = fraction.to_string();
    } else if !grouped && language == Language::Es {
        // Spanish texts print section numbers, indicators and clock times with a point
        // (`5.2`, `15.00 horas`); a point not grouping thousands reads as in English.
        if let Some(fraction) = eat_fraction(cursor, ".") {
            digits.fraction = fraction.to_string();
        }
    }
    if !digits.fraction.is_empty() {
        digits.dotted = eat_dotted_tail(cursor, first, &digits.fraction);
    }
    Some(digits)
}

/// Groups of exactly three digits after `separator`, appended to `integer`.
fn eat_groups(cursor: &mut Cursor, separator: &str, integer: &mut String) -> bool {
    let mut grouped = false;
    loop {
        let before = *cursor;
        let group = cursor.eat(separator).then(|| cursor.eat_digits_exactly(3));
        match group.flatten() {
            Some(group) => {
                integer.push_str(group);
                grouped = true;
            }
            None => {
                *cursor = before;
                return grouped;
            }
        }
    }
}

/// The digits after a decimal separator.
fn eat_fraction<'a>(cursor: &mut Cursor<'a>, separator: &str) -> Option<&'a str> {
    let before = *cursor;
    if cursor.eat(separator)
        && let Some(fraction) = cursor.eat_digits()
    {
        return Some(fraction);
    }
    *cursor = before;
    None
}

/// `3.8.1`: more points after a first fraction make a label, kept as printed.
fn eat_dotted_tail(cursor: &mut Cursor, first: &str, fraction: &str) -> Option<String> {
    let mut label = None;
    loop {
        let before = *cursor;
        match (cursor.eat("."), cursor.eat_digits()) {
            (true, Some(part)) => {
                let label = label.get_or_insert_with(|| format!("{first}.{fraction}"));
                label.push('.');
                label.push_str(part);
            }
            _ => {
                *cursor = before;
                return label;
            }
        }
    }
}

/// An ordinal ending glued to the digits: EN `st`, `nd`, `rd`, `th`; ES `º`, `ª`, `.º`, `er`,
/// `o`, `a`, and the degree sign that often stands for `º`.
fn eat_ordinal_suffix(language: Language, cursor: &mut Cursor) -> bool {
    const INDICATORS: [&str; 5] = ["º", "ª", "°", ".º", ".ª"];
    if INDICATORS.iter().any(|indicator| cursor.eat(indicator)) {
        return true;
    }
    let endings: &[&str] = match language {
        Language::En => &["st", "nd", "rd", "th"],
        Language::Es => &["er", ".er", "os", "as", "o", "a"],
    };
    endings.iter().any(|ending| cursor.eat_exact_word(ending))
}

/// A unit of measure glued to the number (`14.5mm`, where Spanish writes `14,5 mm`), or the `s`
/// of an English decade (`the 1990s`, Spanish `el decenio de 1990`).
fn eat_glued_unit(language: Language, digits: &Digits, cursor: &mut Cursor) -> bool {
    const UNITS: [&str; 8] = ["mm", "cm", "km", "kg", "kW", "MW", "GW", "ha"];
    let decade = language == Language::En && digits.is_year() && digits.integer.ends_with('0');
    UNITS.iter().any(|unit| cursor.eat_exact_word(unit)) || (decade && cursor.eat_exact_word("s"))
}

fn starts_with_ascii_letter(cursor: &Cursor) -> bool {
    cursor.peek().is_some_and(|b| b.is_ascii_alphabetic())
}
