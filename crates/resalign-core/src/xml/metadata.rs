//! Metadata of an AKN4UN resolution: the FRBR identification, the cover page (symbol, organ,
//! dates, session, agenda item, originating report), the preface (number and title), the
//! enacting formula and the conclusions (meeting and date of adoption).

use quick_xml::events::BytesStart;

use super::clean::clean_line;
use super::tags::{Tag, attribute};
use crate::anchors::ordinal_value;
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::model::{
    Closing, Date, DocumentSymbol, Language, Metadata, Organ, Session, SymbolProvenance,
};
use crate::span::{Span, Spanned};

/// Where an element stands, which decides what a `docNumber` or `docTitle` means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Area {
    CoverPage,
    /// The preface of the resolution itself (not of one of several resolutions in a file).
    Preface,
    /// The first enacting formula of the document.
    Formula,
    /// Conclusions, or anywhere else outside the body.
    Elsewhere,
}

/// A metadata field whose element is being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Symbol,
    IssuingBody,
    SubsidiaryBody,
    DistributionDate,
    AdoptionDate,
    Session,
    AgendaItem,
    OriginatingDocument,
    ResolutionNumber,
    /// `Resolution 2622 (2022)` on a Security Council cover page.
    NumberedTitle,
    Title,
    EnactingFormula,
    Meeting,
}

/// An element being read for a field: its text so far and the attribute that matters.
#[derive(Debug)]
struct Capture {
    field: Field,
    depth: usize,
    start: usize,
    raw: String,
    attribute: Option<String>,
}

/// The most text a field's element is read for: titles, the longest fields, stay far below.
const MAX_FIELD_BYTES: usize = 8192;

/// Collects metadata while the document streams past.
#[derive(Debug, Default)]
pub(super) struct MetadataReader {
    captures: Vec<Capture>,
    metadata: Metadata,
    issuing_body: Option<Spanned<Organ>>,
    subsidiary_body: Option<Spanned<Organ>>,
    author: Option<Spanned<Organ>>,
    numbered_title: Option<Spanned<String>>,
    meeting: Option<(Spanned<String>, Option<String>)>,
    work_adoption: Option<Spanned<Date>>,
}

impl MetadataReader {
    /// Starts reading an element at stack `depth` if it holds a field.
    pub(super) fn open(
        &mut self,
        tag: Tag,
        element: &BytesStart<'_>,
        area: Area,
        depth: usize,
        start: usize,
    ) {
        let Some((field, attribute_name)) = field_of(tag, element, area) else {
            return;
        };
        if field == Field::EnactingFormula && self.metadata.enacting_formula.is_some() {
            return;
        }
        // An element for a field inside another for the same field (broken or repeated
        // markup) adds nothing the outer one does not read, and every open capture takes a copy
        // of each piece of text: nesting must not multiply that.
        if self.captures.iter().any(|capture| capture.field == field) {
            return;
        }
        self.captures.push(Capture {
            field,
            depth,
            start,
            raw: String::new(),
            attribute: attribute_name
                .and_then(|name| attribute(element, name))
                .map(|value| value.into_owned()),
        });
    }

    pub(super) fn is_reading(&self) -> bool {
        !self.captures.is_empty()
    }

    pub(super) fn text(&mut self, raw: &str) {
        for capture in &mut self.captures {
            // No field is this long: what a broken document pours into one is cut.
            let mut room = MAX_FIELD_BYTES
                .saturating_sub(capture.raw.len())
                .min(raw.len());
            while !raw.is_char_boundary(room) {
                room -= 1;
            }
            capture.raw.push_str(raw.get(..room).unwrap_or_default());
        }
    }

    /// A line break inside a field reads as a space.
    pub(super) fn separate(&mut self) {
        self.text(" ");
    }

    /// The element at stack `depth` closed at byte `end`.
    pub(super) fn close(&mut self, depth: usize, end: usize) {
        while self
            .captures
            .last()
            .is_some_and(|capture| capture.depth >= depth)
        {
            if let Some(capture) = self.captures.pop() {
                self.record(capture, end);
            }
        }
    }

    /// The meeting line of the closing, found printed as a paragraph of the body.
    pub(super) fn meeting_line(&mut self, text: &str, span: Span) {
        set_once(&mut self.meeting, || {
            Some((Spanned::new(text.to_string(), span), None))
        });
    }

    /// `FRBRauthor` and `FRBRdate` of the work (the resolution as adopted).
    pub(super) fn work_identification(&mut self, tag: Tag, element: &BytesStart<'_>, span: Span) {
        match tag {
            Tag::FrbrAuthor if self.author.is_none() => {
                self.author = attribute(element, "href")
                    .and_then(|href| organ_of_author(&href))
                    .map(|organ| Spanned::new(organ, span));
            }
            Tag::FrbrDate
                if self.work_adoption.is_none()
                    && attribute(element, "name").as_deref() == Some("adoption") =>
            {
                self.work_adoption = attribute(element, "date")
                    .and_then(|date| plausible_date(&date))
                    .map(|date| Spanned::new(date, span));
            }
            _ => {}
        }
    }

    fn record(&mut self, capture: Capture, end: usize) {
        let span = Span::new(capture.start, end.max(capture.start));
        let text = clean_line(&capture.raw);
        let metadata = &mut self.metadata;
        match capture.field {
            Field::Symbol => set_once(&mut metadata.symbol, || printed_symbol(text, span)),
            Field::IssuingBody => set_once(&mut self.issuing_body, || organ(&text, span)),
            Field::SubsidiaryBody => set_once(&mut self.subsidiary_body, || organ(&text, span)),
            Field::DistributionDate => set_once(&mut metadata.distribution_date, || {
                dated(capture.attribute.as_deref(), span)
            }),
            Field::AdoptionDate => set_once(&mut metadata.adoption_date, || {
                dated(capture.attribute.as_deref(), span)
            }),
            Field::Session => set_once(&mut metadata.session, || {
                session(text, capture.attribute.as_deref(), span)
            }),
            Field::AgendaItem => set_once(&mut metadata.agenda_item, || {
                let item = agenda_item(&text);
                (!item.is_empty()).then(|| Spanned::new(item.to_string(), span))
            }),
            Field::OriginatingDocument => metadata.based_on.extend(
                report_symbols(&text)
                    .into_iter()
                    .map(|symbol| Spanned::new(symbol, span)),
            ),
            Field::ResolutionNumber => add_number_part(metadata, &text, span),
            Field::NumberedTitle => set_once(&mut self.numbered_title, || {
                numbered_title(&text).map(|number| Spanned::new(number.to_string(), span))
            }),
            Field::Title => set_once(&mut metadata.title, || {
                (!text.is_empty()).then(|| Spanned::new(text, span))
            }),
            Field::EnactingFormula => set_once(&mut metadata.enacting_formula, || {
                (!text.is_empty()).then(|| Spanned::new(text, span))
            }),
            Field::Meeting => set_once(&mut self.meeting, || {
                (!text.is_empty()).then(|| (Spanned::new(text, span), capture.attribute))
            }),
        }
    }

    /// The metadata, with what the file left implicit filled in, and what is missing reported.
    pub(super) fn finish(
        mut self,
        language: Language,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Metadata {
        let mut metadata = std::mem::take(&mut self.metadata);
        metadata.organ = self
            .subsidiary_body
            .take()
            .or(self.issuing_body.take())
            .or(self.author.take());
        if metadata.resolution_number.is_none() {
            metadata.resolution_number = self.numbered_title.take();
        }
        if metadata.adoption_date.is_none() {
            metadata.adoption_date = self.work_adoption.take();
        }
        if let Some((meeting, title)) = self.meeting.take() {
            metadata.closing = Some(Closing {
                meeting_number: meeting_number(language, &meeting.value, title.as_deref()),
                meeting,
                date: metadata.adoption_date.clone(),
            });
        }
        if let Some(diagnostic) = missing(&metadata) {
            diagnostics.push(diagnostic);
        }
        metadata
    }
}

/// The field an element holds in its area, and the attribute to keep with it.
fn field_of(
    tag: Tag,
    element: &BytesStart<'_>,
    area: Area,
) -> Option<(Field, Option<&'static str>)> {
    let refers_to = || attribute(element, "refersTo");
    let name = || attribute(element, "name");
    let field = match (tag, area) {
        (Tag::Formula, Area::Formula) => (Field::EnactingFormula, None),
        (Tag::DocNumber, Area::CoverPage) if refers_to().as_deref() == Some("#symbol") => {
            (Field::Symbol, None)
        }
        (Tag::DocNumber, Area::Preface) => (Field::ResolutionNumber, None),
        (Tag::DocTitle, Area::Preface) => (Field::Title, None),
        (Tag::DocTitle, Area::CoverPage) if refers_to().as_deref() == Some("#resolutionNumber") => {
            (Field::NumberedTitle, None)
        }
        (Tag::DocAuthority, _) => match refers_to().as_deref() {
            Some("#issuingBody") => (Field::IssuingBody, None),
            Some("#subsidiaryBody") => (Field::SubsidiaryBody, None),
            _ => return None,
        },
        (Tag::DocDate, _) => match refers_to().as_deref() {
            Some("#dateOfIssuance") => (Field::DistributionDate, Some("date")),
            Some("#adoptionDate") => (Field::AdoptionDate, Some("date")),
            _ => return None,
        },
        (Tag::Session, Area::CoverPage) => (Field::Session, Some("value")),
        (Tag::Inline, _) => match name().as_deref() {
            Some("agenda item") => (Field::AgendaItem, None),
            Some("originating document") => (Field::OriginatingDocument, None),
            Some("adoptionMeeting") => (Field::Meeting, Some("title")),
            _ => return None,
        },
        (Tag::Location, _) if refers_to().as_deref() == Some("#adoptionMeeting") => {
            (Field::Meeting, Some("title"))
        }
        _ => return None,
    };
    Some(field)
}

fn set_once<T>(slot: &mut Option<T>, value: impl FnOnce() -> Option<T>) {
    if slot.is_none() {
        *slot = value();
    }
}

fn printed_symbol(text: String, span: Span) -> Option<DocumentSymbol> {
    (!text.is_empty()).then_some(DocumentSymbol {
        value: text,
        provenance: SymbolProvenance::Printed,
        span,
    })
}

const ORGAN_NAMES: &[(&str, Organ)] = &[
    ("general assembly", Organ::GeneralAssembly),
    ("asamblea general", Organ::GeneralAssembly),
    ("security council", Organ::SecurityCouncil),
    ("consejo de seguridad", Organ::SecurityCouncil),
    (
        "economic and social council",
        Organ::EconomicAndSocialCouncil,
    ),
    (
        "consejo económico y social",
        Organ::EconomicAndSocialCouncil,
    ),
    ("human rights council", Organ::HumanRightsCouncil),
    ("consejo de derechos humanos", Organ::HumanRightsCouncil),
];

fn organ(text: &str, span: Span) -> Option<Spanned<Organ>> {
    if text.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let organ = ORGAN_NAMES
        .iter()
        .find(|(name, _)| lower == *name)
        .map_or_else(
            || Organ::Other(text.to_string()),
            |(_, organ)| organ.clone(),
        );
    Some(Spanned::new(organ, span))
}

/// `FRBRauthor href="#ga"` and the like.
fn organ_of_author(href: &str) -> Option<Organ> {
    match href.trim_start_matches('#').to_ascii_lowercase().as_str() {
        "ga" | "unga" | "generalassembly" => Some(Organ::GeneralAssembly),
        "sc" | "unsc" | "securitycouncil" => Some(Organ::SecurityCouncil),
        "ecosoc" => Some(Organ::EconomicAndSocialCouncil),
        "hrc" | "humanrightscouncil" => Some(Organ::HumanRightsCouncil),
        _ => None,
    }
}

/// An ISO date that is not one of the placeholders (`0001-01-01`) some files carry.
fn plausible_date(iso: &str) -> Option<Date> {
    iso.trim()
        .parse::<Date>()
        .ok()
        .filter(|date| date.year >= 1900)
}

fn dated(iso: Option<&str>, span: Span) -> Option<Spanned<Date>> {
    iso.and_then(plausible_date)
        .map(|date| Spanned::new(date, span))
}

/// `value="75"` numbers the session; `value="2022"` names it by its year.
fn session(printed: String, value: Option<&str>, span: Span) -> Option<Spanned<Session>> {
    if printed.is_empty() {
        return None;
    }
    let value = value.map(str::trim).unwrap_or("");
    let year = value
        .parse::<u16>()
        .ok()
        .filter(|year| (1945..=2200).contains(year));
    let number = value
        .parse::<u32>()
        .ok()
        .filter(|_| year.is_none() && value.len() <= 3);
    Some(Spanned::new(
        Session {
            printed,
            number,
            year,
        },
        span,
    ))
}

/// `Agenda item 14 (c)` → `14 (c)`; `Tema 107 del programa` → `107`.
fn agenda_item(text: &str) -> &str {
    let mut item = text;
    for prefix in ["Agenda items", "Agenda item", "Temas", "Tema"] {
        if let Some(rest) = item.strip_prefix(prefix) {
            item = rest;
            break;
        }
    }
    for suffix in [" del programa", " de la agenda", " del orden del día"] {
        if let Some(rest) = item.strip_suffix(suffix) {
            item = rest;
            break;
        }
    }
    item.trim()
}

/// `A/75/414, para. 8` → `A/75/414`; `E/2013/30 and Corr.1` → `E/2013/30`, `E/2013/30/Corr.1`.
fn report_symbols(text: &str) -> Vec<String> {
    let mut symbols: Vec<String> = Vec::new();
    let pieces = text
        .split([',', ';'])
        .flat_map(|piece| piece.split(" and "))
        .flat_map(|piece| piece.split(" y "))
        .flat_map(|piece| piece.split(" et "));
    for piece in pieces {
        let piece = piece.trim().trim_end_matches(['.', ']', ')']);
        let is_symbol = piece.starts_with(|c: char| c.is_ascii_uppercase())
            && piece.contains('/')
            && !piece.contains(char::is_whitespace);
        let elliptic = ["Corr.", "Add.", "Rev."]
            .iter()
            .any(|part| piece.starts_with(part));
        if is_symbol {
            symbols.push(piece.to_string());
        } else if let (true, Some(base)) = (elliptic, symbols.last()) {
            let expanded = format!("{base}/{piece}");
            symbols.push(expanded);
        }
    }
    symbols
}

/// `75/100.` in the preface; a second `docNumber` (`B`) letters the resolution: `75/251 B`.
fn add_number_part(metadata: &mut Metadata, text: &str, span: Span) {
    let part = text.trim_end_matches('.').trim();
    if part.is_empty() {
        return;
    }
    match &mut metadata.resolution_number {
        Some(number) => {
            number.value.push(' ');
            number.value.push_str(part);
            number.span = number.span.cover(span);
        }
        None => metadata.resolution_number = Some(Spanned::new(part.to_string(), span)),
    }
}

/// `Resolution 2622 (2022)` → `2622 (2022)`.
fn numbered_title(text: &str) -> Option<&str> {
    ["Resolution ", "Resolución "]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .map(str::trim)
        .filter(|number| number.starts_with(|c: char| c.is_ascii_digit()))
}

/// The number of `41st plenary meeting`, `66a sesión plenaria` or `Novena sesión plenaria`,
/// read from the ordinal that opens it or from the `title` attribute that repeats it.
fn meeting_number(language: Language, printed: &str, title: Option<&str>) -> Option<u32> {
    let figures: String = printed
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if let Ok(number) = figures.parse() {
        return Some(number);
    }
    let words: Vec<&str> = printed.split_whitespace().take(3).collect();
    (1..=words.len())
        .rev()
        .find_map(|count| ordinal_value(language, &words[..count].join(" ")))
        .or_else(|| title.and_then(|title| ordinal_value(language, title)))
}

fn missing(metadata: &Metadata) -> Option<Diagnostic> {
    let absent: Vec<&str> = [
        ("organ", metadata.organ.is_none()),
        ("resolution number", metadata.resolution_number.is_none()),
        ("date of adoption", metadata.adoption_date.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, is_absent)| is_absent.then_some(name))
    .collect();
    (!absent.is_empty()).then(|| {
        Diagnostic::new(
            DiagnosticCode::MetadataMissing,
            Severity::Warning,
            format!("the XML does not give the {}", absent.join(", ")),
        )
    })
}
