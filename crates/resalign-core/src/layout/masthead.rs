//! Reads metadata from the masthead lines of a converted resolution (organ, session, agenda
//! item, dates, origin, number and title) and from its closing lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    Closing, Date, DocumentSymbol, Language, Metadata, Organ, Session, SymbolProvenance,
};
use crate::span::{Span, Spanned, TextRange};

use super::Piece;
use crate::anchors::{document_symbols, first_date, ordinal_value};

/// The longest an adoption or origin line that wraps over several printed lines may grow.
const WRAPPED_MASTHEAD_LINE_BYTES: usize = 600;

/// The organ a text names first, in either language, if any.
pub(crate) fn organ_named_in(text: &str) -> Option<(Organ, TextRange)> {
    Organ::KNOWN
        .iter()
        .flat_map(|organ| {
            [Language::En, Language::Es].map(|language| (organ, organ.name(language)))
        })
        .filter_map(|(organ, name)| {
            text.find(name)
                .map(|start| (organ.clone(), TextRange::new(start, start + name.len())))
        })
        .min_by_key(|(_, range)| range.start)
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:E?S-)?\d{1,4}/\d{1,4}(?: ?[A-Z](?: (?:and|y|to|a) [A-Z])?)?)\.\s+(\S.*)$")
        .expect("static regex")
});
/// The resolution number alone in its cell, the title set apart after it: `73/8.`.
static NUMBER_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:E?S-)?\d{1,4}/\d{1,4}(?: ?[A-Z](?: (?:and|y|to|a) [A-Z])?)?)\.$")
        .expect("static regex")
});
static SC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Resolution|Resolución)\s+(\d{1,5}\s*\(\d{4}\))$").expect("static regex")
});
static SYMBOL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?: \(\d{4}\))?\*?$")
        .expect("static regex")
});
static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.*?)\b(?:session|período de sesiones|periodo de sesiones)\b")
        .expect("static regex")
});
static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:agenda items?\s+(.+?)|temas?\s+(.+?)\s+del programa)$")
        .expect("static regex")
});
static ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:resolution adopted by|resolución aprobada por|adopted by|aprobada por)\b")
        .expect("static regex")
});
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d{1,4}\s?(?:st|nd|rd|th|ª|º|a|o|\.ª|\.º|er)?|\p{L}+(?:[ -]\p{L}+)?)\s+(?:\((?:resumed|continuación)\)\s+)?(?:plenary meeting|meeting|sesión plenaria|sesión)(?:\s+\((?:resumed|continuación)\))?",
    )
    .expect("static regex")
});

/// The meeting named inside the Security Council's adoption line: `8956th meeting`,
/// `8956ª sesión`.
static MEETING_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,5})\s?(?:st|nd|rd|th|ª|º|a|o|\.ª)?\s+(?:meeting|sesión)")
        .expect("static regex")
});

/// Reads the masthead: the pieces of the page before the enacting formula.
pub(super) fn read(pieces: &[&Piece], language: Language) -> Metadata {
    let mut metadata = Metadata::default();
    let mut title = Title::Closed;
    let mut after_distribution = false;
    // A line that goes on in the next one: a wrapped origin line or adoption line.
    let mut unfinished: Option<(String, Span)> = None;
    for piece in pieces {
        let (text, span) = match piece {
            Piece::Cell { text, span } => (text.clone(), *span),
            Piece::Gap { .. } => {
                // A blank line ends the title, but may stand between the number and the title.
                if title == Title::Open {
                    title = Title::Closed;
                }
                continue;
            }
        };
        // The origin line `[on the recommendation of ... (E/2019/30)]` may wrap.
        let (text, span) = match unfinished.take() {
            Some((mut open, open_span)) => {
                open.push(' ');
                open.push_str(&text);
                (open, open_span.cover(span))
            }
            None => (text, span),
        };
        // A wrapped line ends within a few printed lines; past that it is no masthead line, and
        // asking a growing text again at every line would be quadratic.
        let may_continue = text.len() <= WRAPPED_MASTHEAD_LINE_BYTES;
        let unfinished_adoption =
            may_continue && ADOPTED.is_match(&text) && first_date(language, &text).is_none();
        let unfinished_origin = may_continue && text.starts_with('[') && !text.contains(']');
        if unfinished_origin || unfinished_adoption {
            unfinished = Some((text, span));
            continue;
        }
        let follows_distribution =
            std::mem::replace(&mut after_distribution, text.starts_with("Distr"));
        if follows_distribution
            && metadata.distribution_date.is_none()
            && let Some(date) = date_line(&text, language)
        {
            metadata.distribution_date = Some(Spanned::new(date, span));
            continue;
        }
        match title {
            Title::AfterNumber if !is_masthead_element(&text, language) => {
                metadata.title = Some(Spanned::new(text.trim_end_matches('*').to_string(), span));
                title = Title::Open;
                continue;
            }
            Title::Open if !is_masthead_element(&text, language) => {
                if let Some(title) = metadata.title.as_mut() {
                    title.value.push(' ');
                    title.value.push_str(text.trim_end_matches('*'));
                    title.span = title.span.cover(span);
                }
                continue;
            }
            _ => {}
        }
        if let Some(number) = NUMBER_ALONE
            .captures(&text)
            .and_then(|captures| captures.get(1))
        {
            metadata.resolution_number = Some(Spanned::new(number.as_str().to_string(), span));
            title = Title::AfterNumber;
            continue;
        }
        title = if read_line(&mut metadata, &text, span, language) {
            Title::Open
        } else {
            Title::Closed
        };
    }
    metadata
}

/// Where the title stands in the masthead being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Title {
    Closed,
    /// The number stood alone: the title follows, maybe after a blank line.
    AfterNumber,
    /// The title may go on in the next line: it runs until a blank line or another element.
    Open,
}

/// A line that the masthead prints apart from the title: the adoption line, the session, the
/// agenda item, the distribution, the origin in brackets, a symbol, a date, the organ.
fn is_masthead_element(text: &str, language: Language) -> bool {
    ADOPTED.is_match(text)
        || (SESSION.is_match(text) && text.split_whitespace().count() <= 6)
        || AGENDA.is_match(text)
        || text.starts_with("Distr")
        || text.starts_with('[')
        || SYMBOL_LINE.is_match(text)
        || TITLE.is_match(text)
        || date_line(text, language).is_some()
        || organ_named_in(text)
            .is_some_and(|(_, range)| range.start == 0 && range.end == text.len())
}

/// Reads one masthead line; true when it was the title line, which may wrap.
fn read_line(metadata: &mut Metadata, text: &str, span: Span, language: Language) -> bool {
    let spanned = |value: String| Spanned::new(value, span);
    if let Some(captures) = TITLE.captures(text)
        && let (Some(number), Some(title)) = (captures.get(1), captures.get(2))
    {
        metadata.resolution_number = Some(spanned(number.as_str().to_string()));
        metadata.title = Some(spanned(title.as_str().trim_end_matches('*').to_string()));
        return true;
    }
    if let Some(number) = SC_NUMBER
        .captures(text)
        .and_then(|captures| captures.get(1))
    {
        metadata.resolution_number = Some(spanned(number.as_str().to_string()));
        metadata
            .organ
            .get_or_insert(Spanned::new(Organ::SecurityCouncil, span));
    } else if SYMBOL_LINE.is_match(text) && text.contains("/RES/") {
        metadata.symbol.get_or_insert(DocumentSymbol {
            value: text.trim_end_matches('*').to_string(),
            provenance: SymbolProvenance::Printed,
            span,
        });
    } else if text.starts_with("Distr") {
        metadata.distribution_date =
            first_date(language, text).map(|(date, _)| Spanned::new(date, span));
    } else if text.starts_with('[') {
        metadata.based_on = document_symbols(text)
            .into_iter()
            .map(|(symbol, _)| spanned(symbol))
            .collect();
    } else if ADOPTED.is_match(text) {
        read_adoption_line(metadata, text, span, language);
    } else if let Some(captures) = AGENDA.captures(text) {
        if let Some(item) = captures.get(1).or_else(|| captures.get(2)) {
            metadata.agenda_item = Some(spanned(item.as_str().to_string()));
        }
    } else if let Some(captures) = SESSION.captures(text) {
        let ordinal = captures
            .get(1)
            .and_then(|before| ordinal_value(language, before.as_str()));
        metadata.session = Some(Spanned::new(
            Session {
                printed: text.to_string(),
                number: ordinal,
                year: year_in(text),
            },
            span,
        ));
    } else if let Some((organ, range)) = organ_named_in(text)
        && range.start == 0
        && range.end == text.len()
    {
        metadata.organ = Some(Spanned::new(organ, span));
    }
    false
}

/// "Resolution adopted by the General Assembly on 19 December 2017", or the Security Council's
/// "Adopted by the Security Council at its 8956th meeting, on 27 January 2022".
fn read_adoption_line(metadata: &mut Metadata, text: &str, span: Span, language: Language) {
    if let Some((organ, _)) = organ_named_in(text) {
        metadata.organ.get_or_insert(Spanned::new(organ, span));
    }
    let date = first_date(language, text).map(|(date, _)| Spanned::new(date, span));
    metadata.adoption_date = date.clone();
    if let Some(meeting) = MEETING_IN_TEXT.captures(text) {
        let (Some(whole), Some(number)) = (meeting.get(0), meeting.get(1)) else {
            return;
        };
        metadata.closing.get_or_insert(Closing {
            meeting: Spanned::new(whole.as_str().to_string(), span),
            meeting_number: number.as_str().parse().ok(),
            date,
        });
    }
}

fn year_in(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|digits| digits.len() == 4)
        .and_then(|digits| digits.parse().ok())
        .filter(|year| (1945..=2200).contains(year))
}

/// A closing line, `47th plenary meeting 25 July 2013`, `73ª sesión plenaria`: the whole of a
/// closing paragraph, and nothing else: a paragraph that merely starts with
/// "fourteenth meeting of the Conference" is not one.
pub(crate) fn closing(text: &str, span: Span, language: Language) -> Option<Closing> {
    if !is_meeting_line(text, language) || !text.starts_with(|c: char| !c.is_lowercase()) {
        return None;
    }
    let captures = MEETING.captures(text)?;
    let whole = captures.get(0)?;
    let number = captures
        .get(1)
        .and_then(|ordinal| meeting_number(ordinal.as_str(), language));
    let rest = text[whole.end()..].trim_matches([' ', '.', ',']);
    let date = first_date(language, rest);
    let nothing_else = match date {
        Some((_, range)) => {
            range.start == 0 && rest[range.end..].trim_matches(['.', ' ']).is_empty()
        }
        None => rest.is_empty(),
    };
    nothing_else.then(|| Closing {
        meeting: Spanned::new(whole.as_str().to_string(), span),
        meeting_number: number,
        date: date.map(|(date, _)| Spanned::new(date, span)),
    })
}

/// Does the line open with the meeting at which the resolution was adopted, numbered in figures
/// or in words (`47th plenary meeting`, `Novena sesión plenaria`)?
pub(crate) fn is_meeting_line(text: &str, language: Language) -> bool {
    MEETING
        .captures(text)
        .and_then(|captures| captures.get(1))
        .is_some_and(|ordinal| meeting_number(ordinal.as_str(), language).is_some())
}

/// `47th`, `73ª`, `30a`, `Novena`: the meeting's number.
fn meeting_number(ordinal: &str, language: Language) -> Option<u32> {
    let digits = ordinal.bytes().take_while(u8::is_ascii_digit).count();
    match digits {
        0 => ordinal_value(language, ordinal),
        _ => ordinal[..digits].parse().ok(),
    }
}

/// A line that is only a date (the second closing line).
pub(crate) fn date_line(text: &str, language: Language) -> Option<Date> {
    let (date, range) = first_date(language, text)?;
    (range.start == 0 && text[range.end..].trim_matches(['.', ' ']).is_empty()).then_some(date)
}
