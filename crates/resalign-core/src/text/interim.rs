//! TEMPORARY: date, symbol and ordinal readers until the anchors module provides them.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Date, Language};
use crate::span::TextRange;

const EN_MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];
const ES_MONTHS: [&str; 12] = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
];

static EN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b").expect("static regex")
});
static ES_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:º|o)?\s+de\s+(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\s+de\s+(\d{4})\b").expect("static regex")
});
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][A-Za-z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+(?:\s\(\d{4}\))?")
        .expect("static regex")
});

pub(crate) fn first_date(language: Language, text: &str) -> Option<(Date, TextRange)> {
    let (pattern, months) = match language {
        Language::En => (&*EN_DATE, &EN_MONTHS),
        Language::Es => (&*ES_DATE, &ES_MONTHS),
    };
    pattern.captures_iter(text).find_map(|captures| {
        let whole = captures.get(0)?;
        let day = captures.get(1)?.as_str().parse().ok()?;
        let month_name = captures.get(2)?.as_str().to_lowercase();
        let month_name = if month_name == "setiembre" {
            "septiembre".to_string()
        } else {
            month_name
        };
        let month = months.iter().position(|m| *m == month_name)? as u8 + 1;
        let year = captures.get(3)?.as_str().parse().ok()?;
        Some((
            Date::new(year, month, day)?,
            TextRange::new(whole.start(), whole.end()),
        ))
    })
}

pub(crate) fn document_symbols(text: &str) -> Vec<(String, TextRange)> {
    let mut symbols: Vec<(String, TextRange)> = Vec::new();
    for found in SYMBOL.find_iter(text) {
        let value = found.as_str().trim_end_matches('.').to_string();
        symbols.push((value.clone(), TextRange::new(found.start(), found.end())));
        let rest = &text[found.end()..];
        for joiner in [" and Corr.", " y Corr.", " and Add.", " y Add."] {
            if let Some(after) = rest.strip_prefix(joiner) {
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                if !digits.is_empty() {
                    let suffix = &joiner[joiner.len() - 5..];
                    symbols.push((
                        format!("{value}/{suffix}{digits}"),
                        TextRange::new(found.start(), found.end() + joiner.len() + digits.len()),
                    ));
                }
            }
        }
    }
    symbols
}

pub(crate) fn ordinal_value(language: Language, text: &str) -> Option<u32> {
    let lower = text.trim().to_lowercase();
    let digits: String = lower.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let (units, tens): (&[(&str, u32)], &[(&str, u32)]) = match language {
        Language::En => (
            &[
                ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5),
                ("sixth", 6), ("seventh", 7), ("eighth", 8), ("ninth", 9), ("tenth", 10),
            ],
            &[
                ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60),
                ("seventy", 70), ("eighty", 80), ("ninety", 90),
            ],
        ),
        Language::Es => (
            &[
                ("primer", 1), ("segundo", 2), ("tercer", 3), ("cuarto", 4), ("quinto", 5),
                ("sexto", 6), ("séptimo", 7), ("octavo", 8), ("noveno", 9), ("décimo", 10),
            ],
            &[
                ("vigésimo", 20), ("trigésimo", 30), ("cuadragésimo", 40), ("quincuagésimo", 50),
                ("sexagésimo", 60), ("septuagésimo", 70), ("octogésimo", 80), ("nonagésimo", 90),
            ],
        ),
    };
    let mut total = 0;
    for word in lower.split(['-', ' ']) {
        if let Some((_, value)) = tens.iter().find(|(name, _)| word.starts_with(name)) {
            total += value;
        } else if let Some((_, value)) = units.iter().find(|(name, _)| word.starts_with(name)) {
            total += value;
        }
    }
    (total > 0).then_some(total)
}
