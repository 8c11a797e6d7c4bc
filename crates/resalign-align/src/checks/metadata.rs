//! The masthead and closing lines: organ, resolution number, symbol, session, agenda item,
//! adoption date, meeting and the reports the resolution was adopted on.
//!
//! Fields are compared only when both sides have them: a field one parse did not find is a
//! parser diagnostic, not a translation problem. The distribution date is not compared: the
//! language versions of one resolution are often issued a day apart.

use resalign_core::{Document, Organ, Session, Severity, Span, Spanned, SymbolProvenance};

use super::context::Pair;
use crate::findings::{Finding, FindingCode, Side};

/// A metadata field: what it is called, how serious a difference is, how to read it from a
/// document, and the key under which two values are the same.
struct Field {
    name: &'static str,
    severity: Severity,
    read: fn(&Document) -> Value,
    key: fn(&str) -> String,
    quote: Quote,
}

/// How a message quotes a field's value.
#[derive(Clone, Copy)]
enum Quote {
    /// As the source printed it (`30 July 2010`, `41st plenary meeting`).
    AsPrinted,
    /// The value alone: its span may hold more (the number's is the whole title line).
    AsValue,
}

/// A field's value in one document, as compared, and where it was printed.
type Value = Option<(String, Span)>;

/// The fields compared, masthead first.
const FIELDS: &[Field] = &[
    Field {
        name: "Organ",
        severity: Severity::Error,
        read: organ,
        key: str::to_string,
        quote: Quote::AsPrinted,
    },
    Field {
        name: "Resolution number",
        severity: Severity::Error,
        read: resolution_number,
        key: compact,
        quote: Quote::AsValue,
    },
    Field {
        name: "Document symbol",
        severity: Severity::Error,
        read: printed_symbol,
        key: compact,
        quote: Quote::AsPrinted,
    },
    Field {
        name: "Session",
        severity: Severity::Warning,
        read: session,
        key: str::to_string,
        quote: Quote::AsPrinted,
    },
    Field {
        name: "Agenda item",
        severity: Severity::Warning,
        read: agenda_item,
        key: item_numbers,
        quote: Quote::AsPrinted,
    },
    Field {
        name: "Adoption date",
        severity: Severity::Error,
        read: adoption_date,
        key: str::to_string,
        quote: Quote::AsPrinted,
    },
    Field {
        name: "Meeting",
        severity: Severity::Error,
        read: closing_meeting,
        key: str::to_string,
        quote: Quote::AsPrinted,
    },
    Field {
        name: "Date in the closing lines",
        severity: Severity::Error,
        read: closing_date,
        key: str::to_string,
        quote: Quote::AsPrinted,
    },
];

impl Field {
    fn quoted(&self, document: &Document, value: &str, span: Span) -> String {
        match self.quote {
            Quote::AsPrinted => printed(document, value, span),
            Quote::AsValue => value.to_string(),
        }
    }

    /// A finding when both documents have the field and their keys differ.
    fn compare(&self, pair: &Pair) -> Option<Finding> {
        let (en_value, en_span) = (self.read)(pair.en)?;
        let (es_value, es_span) = (self.read)(pair.es)?;
        if (self.key)(&en_value) == (self.key)(&es_value) {
            return None;
        }
        Some(Finding {
            code: FindingCode::MetadataDiffers,
            severity: self.severity,
            message: format!(
                "{} differs: English {}, Spanish {}",
                self.name,
                self.quoted(pair.en, &en_value, en_span),
                self.quoted(pair.es, &es_value, es_span)
            ),
            en: span_side(en_span),
            es: span_side(es_span),
            members: Vec::new(),
        })
    }
}

/// Compares the metadata of the two documents.
pub(crate) fn check_metadata(pair: &Pair, out: &mut Vec<Finding>) {
    out.extend(FIELDS.iter().filter_map(|field| field.compare(pair)));
    check_based_on(pair, out);
}

/// The source text under the span, or the value itself when the span shows nothing.
fn printed(document: &Document, value: &str, span: Span) -> String {
    let printed = without_markup(document.slice(span));
    if printed.is_empty() {
        value.to_string()
    } else {
        printed
    }
}

fn resolution_number(document: &Document) -> Value {
    spanned_text(document.metadata.resolution_number.as_ref())
}

fn agenda_item(document: &Document) -> Value {
    spanned_text(document.metadata.agenda_item.as_ref())
}

fn adoption_date(document: &Document) -> Value {
    let date = document.metadata.adoption_date.as_ref()?;
    Some((date.value.to_string(), date.span))
}

/// A known organ; an organ named as printed reads differently in each language.
fn organ(document: &Document) -> Value {
    let organ = document.metadata.organ.as_ref()?;
    match organ.value {
        Organ::Other(_) => None,
        ref known => Some((format!("{known:?}"), organ.span)),
    }
}

/// A symbol the text printed; a derived one repeats the resolution number, compared apart.
fn printed_symbol(document: &Document) -> Value {
    let symbol = document.metadata.symbol.as_ref()?;
    (symbol.provenance == SymbolProvenance::Printed).then(|| (symbol.value.clone(), symbol.span))
}

fn closing_meeting(document: &Document) -> Value {
    let closing = document.metadata.closing.as_ref()?;
    Some((closing.meeting_number?.to_string(), closing.meeting.span))
}

fn closing_date(document: &Document) -> Value {
    let date = document.metadata.closing.as_ref()?.date.as_ref()?;
    Some((date.value.to_string(), date.span))
}

/// The reports the resolution was adopted on: a symbol on one side only. A corrigendum listed
/// on one side only is left alone, as corrigenda do not always concern every language.
fn check_based_on(pair: &Pair, out: &mut Vec<Finding>) {
    let (en, es) = (&pair.en.metadata.based_on, &pair.es.metadata.based_on);
    if en.is_empty() || es.is_empty() {
        return;
    }
    let lonely = |own: &[Spanned<String>], other: &[Spanned<String>]| -> Vec<Spanned<String>> {
        own.iter()
            .filter(|symbol| !symbol.value.contains("/Corr."))
            .filter(|symbol| {
                !other
                    .iter()
                    .any(|theirs| compact(&theirs.value) == compact(&symbol.value))
            })
            .cloned()
            .collect()
    };
    let (en_only, es_only) = (lonely(en, es), lonely(es, en));
    if en_only.is_empty() && es_only.is_empty() {
        return;
    }
    let message = based_on_message(&en_only, &es_only);
    out.push(Finding {
        code: FindingCode::MetadataDiffers,
        severity: Severity::Warning,
        message,
        en: Side {
            spans: en_only.iter().map(|symbol| symbol.span).collect(),
            ..Side::default()
        },
        es: Side {
            spans: es_only.iter().map(|symbol| symbol.span).collect(),
            ..Side::default()
        },
        members: Vec::new(),
    });
}

/// One changed symbol is named on both sides; several are listed per language.
fn based_on_message(en_only: &[Spanned<String>], es_only: &[Spanned<String>]) -> String {
    if let ([en], [es]) = (en_only, es_only) {
        return format!(
            "The resolution is based on a different document: English {}, Spanish {}",
            en.value, es.value
        );
    }
    let list = |language: &str, symbols: &[Spanned<String>]| {
        (!symbols.is_empty()).then(|| {
            let values: Vec<&str> = symbols.iter().map(|symbol| symbol.value.as_str()).collect();
            format!("{language} only {}", values.join(", "))
        })
    };
    let parts: Vec<String> = [list("English", en_only), list("Spanish", es_only)]
        .into_iter()
        .flatten()
        .collect();
    format!(
        "The resolution is based on different documents: {}",
        parts.join("; ")
    )
}

fn span_side(span: Span) -> Side {
    Side {
        spans: vec![span],
        ..Side::default()
    }
}

fn spanned_text(value: Option<&Spanned<String>>) -> Value {
    value.map(|value| (value.value.clone(), value.span))
}

/// What a session counts: its number, or the year it is named by.
fn session(document: &Document) -> Value {
    let session: &Spanned<Session> = document.metadata.session.as_ref()?;
    let value = &session.value;
    let key = match (value.number, value.year) {
        (Some(number), _) => number.to_string(),
        (None, Some(year)) => year.to_string(),
        (None, None) => return None,
    };
    Some((key, session.span))
}

/// Without blanks, so `2532 (2020)` and `2532(2020)` compare equal.
fn compact(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The numbers and sub-item letters of agenda items, whatever words surround them:
/// `Agenda items 14 and 122` and `Temas 14 y 122 del programa` give `14 122`; `14 (c)` and
/// `14 c)` give `14 c`.
fn item_numbers(value: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        let word_rest = &rest[start..];
        let length = word_rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(word_rest.len());
        let word = &word_rest[..length];
        let closes_item = word_rest[length..].starts_with(')');
        if word.chars().all(|c| c.is_ascii_digit()) || (closes_item && word.chars().count() == 1) {
            parts.push(word.to_lowercase());
        }
        rest = &word_rest[length..];
    }
    parts.join(" ")
}

/// The text without markup tags and with single blanks, for quoting a value printed in XML.
fn without_markup(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}
