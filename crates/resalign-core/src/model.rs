//! The typed document model: a resolution's metadata, its alignable units and its footnotes.
//!
//! Every value that was read from the source keeps its [`Span`] into [`Document::source`], so a
//! report can always point back at the bytes it is about.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::anchors::Anchor;
use crate::diagnostics::Diagnostic;
use crate::span::{Span, Spanned};

/// The two languages resalign reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Es,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Language::En),
            "es" | "spa" | "spanish" | "español" => Ok(Language::Es),
            other => Err(format!(
                "unsupported language `{other}` (expected en or es)"
            )),
        }
    }
}

/// The shape of the input a document was parsed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// Text converted from PDF with markdown (`#` headings, `*` emphasis, `<sup>` calls).
    Markdown,
    /// Plain text as `pdftotext` gives it (running heads, page numbers, hard-wrapped lines).
    PlainText,
    /// Akoma Ntoso for the UN (AKN4UN) XML.
    AknXml,
    /// A PDF with a text layer, as the UN publishes resolutions; `Document::source` is the text
    /// read from its pages.
    Pdf,
    /// A Word 2007+ document (`.docx`); `Document::source` is the text read from its body and
    /// footnotes.
    Docx,
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceFormat::Markdown => "markdown",
            SourceFormat::PlainText => "plain-text",
            SourceFormat::AknXml => "akn-xml",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Docx => "docx",
        })
    }
}

impl FromStr for SourceFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(SourceFormat::Markdown),
            "plain-text" | "plain" | "text" | "txt" | "pdftotext" => Ok(SourceFormat::PlainText),
            "akn-xml" | "akn" | "xml" => Ok(SourceFormat::AknXml),
            "pdf" => Ok(SourceFormat::Pdf),
            "docx" | "word" => Ok(SourceFormat::Docx),
            other => Err(format!(
                "unknown input format `{other}` (expected markdown, plain-text, akn-xml, pdf or docx)"
            )),
        }
    }
}

/// One resolution in one language.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    pub language: Language,
    pub format: SourceFormat,
    pub metadata: Metadata,
    /// Alignable units in reading order.
    pub units: Vec<Unit>,
    /// Footnotes in order of their numbers.
    pub footnotes: Vec<Footnote>,
    /// What the parser noticed and could not make fully right.
    pub diagnostics: Vec<Diagnostic>,
    /// The text the document was parsed from; every [`Span`] indexes into it.
    pub source: String,
}

impl Document {
    /// The unit with this id. A scan: to look up many, build a [`UnitIndex`] once.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|unit| unit.id.as_str() == id)
    }

    /// An index of the units by id, for code that looks many of them up.
    pub fn unit_index(&self) -> UnitIndex<'_> {
        crate::work::add(crate::work::Work::UnitsIndexed, self.units.len());
        UnitIndex {
            by_id: self
                .units
                .iter()
                .map(|unit| (unit.id.as_str(), unit))
                .collect(),
        }
    }

    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        self.footnotes
            .iter()
            .find(|footnote| footnote.number == number)
    }

    /// The source text under `span`, or `""` when the span does not fit the source.
    pub fn slice(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }
}

/// A document's units by id.
#[derive(Clone, Debug)]
pub struct UnitIndex<'d> {
    by_id: HashMap<&'d str, &'d Unit>,
}

impl<'d> UnitIndex<'d> {
    pub fn get(&self, id: &str) -> Option<&'d Unit> {
        self.by_id.get(id).copied()
    }
}

/// What the masthead, title and closing lines say about the resolution. Every field is optional:
/// a converted text may have lost any of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub organ: Option<Spanned<Organ>>,
    /// The resolution number as printed: `72/195`, `2013/41`, `2532 (2020)`, `54/10`.
    pub resolution_number: Option<Spanned<String>>,
    pub symbol: Option<DocumentSymbol>,
    pub title: Option<Spanned<String>>,
    pub session: Option<Spanned<Session>>,
    /// The agenda item as printed after "Agenda item"/"Tema": `14 (c)`, `107`.
    pub agenda_item: Option<Spanned<String>>,
    pub adoption_date: Option<Spanned<Date>>,
    pub distribution_date: Option<Spanned<Date>>,
    /// Document symbols of the reports it was adopted on the basis of, elliptic corrigenda
    /// expanded (`E/2013/30 and Corr.1` gives `E/2013/30` and `E/2013/30/Corr.1`).
    pub based_on: Vec<Spanned<String>>,
    /// `The General Assembly,` / `La Asamblea General,`
    pub enacting_formula: Option<Spanned<String>>,
    pub closing: Option<Closing>,
}

impl Metadata {
    /// Fills in the symbol a text did not print, from the organ's series and the resolution
    /// number (`A/RES/` + `75/100`, `S/RES/` + `2622 (2022)`).
    pub(crate) fn derive_missing_symbol(&mut self) {
        if self.symbol.is_some() {
            return;
        }
        let (Some(organ), Some(number)) = (&self.organ, &self.resolution_number) else {
            return;
        };
        if let Some(series) = organ.value.resolution_series() {
            self.symbol = Some(DocumentSymbol {
                value: format!("{series}{}", number.value),
                provenance: SymbolProvenance::Derived,
                span: number.span,
            });
        }
    }
}

/// The organ that adopted the resolution.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Organ {
    GeneralAssembly,
    EconomicAndSocialCouncil,
    SecurityCouncil,
    HumanRightsCouncil,
    /// Any other body, named as printed.
    Other(String),
}

impl Organ {
    /// The organs resalign knows by name, in both languages.
    pub const KNOWN: [Organ; 4] = [
        Organ::GeneralAssembly,
        Organ::EconomicAndSocialCouncil,
        Organ::SecurityCouncil,
        Organ::HumanRightsCouncil,
    ];

    /// The organ's name as documents in `language` print it: `General Assembly`,
    /// `Consejo Económico y Social`; another organ's name as it was printed.
    pub fn name(&self, language: Language) -> &str {
        match (self, language) {
            (Organ::GeneralAssembly, Language::En) => "General Assembly",
            (Organ::GeneralAssembly, Language::Es) => "Asamblea General",
            (Organ::EconomicAndSocialCouncil, Language::En) => "Economic and Social Council",
            (Organ::EconomicAndSocialCouncil, Language::Es) => "Consejo Económico y Social",
            (Organ::SecurityCouncil, Language::En) => "Security Council",
            (Organ::SecurityCouncil, Language::Es) => "Consejo de Seguridad",
            (Organ::HumanRightsCouncil, Language::En) => "Human Rights Council",
            (Organ::HumanRightsCouncil, Language::Es) => "Consejo de Derechos Humanos",
            (Organ::Other(name), _) => name,
        }
    }

    /// The first components of this organ's resolution symbols, when it has a known series.
    pub fn resolution_series(&self) -> Option<&'static str> {
        match self {
            Organ::GeneralAssembly => Some("A/RES/"),
            Organ::EconomicAndSocialCouncil => Some("E/RES/"),
            Organ::SecurityCouncil => Some("S/RES/"),
            Organ::HumanRightsCouncil => Some("A/HRC/RES/"),
            Organ::Other(_) => None,
        }
    }
}

/// A document symbol and whether the text printed it or resalign derived it from the number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSymbol {
    pub value: String,
    pub provenance: SymbolProvenance,
    /// Where it was printed, or where the number it was derived from was printed.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SymbolProvenance {
    Printed,
    Derived,
}

/// A session as printed (`Seventy-second session`, `Substantive session of 2013`) and what it
/// numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub printed: String,
    /// The ordinal of a numbered session (`72` for "Septuagésimo segundo período de sesiones").
    pub number: Option<u32>,
    /// The year of a session named by its year ("Substantive session of 2013").
    pub year: Option<u16>,
}

/// The closing lines: the meeting at which the resolution was adopted and the date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    /// As printed: `47th plenary meeting`, `73ª sesión plenaria`.
    pub meeting: Spanned<String>,
    pub meeting_number: Option<u32>,
    pub date: Option<Spanned<Date>>,
}

/// A calendar date, written and read as ISO 8601 (`2013-07-25`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date with a month in 1..=12 and a day that exists in that month.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const SPANISH_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

impl Date {
    /// The names of the months, January first, as `language` writes them (Spanish in lower case).
    pub fn month_names(language: Language) -> &'static [&'static str; 12] {
        match language {
            Language::En => &ENGLISH_MONTHS,
            Language::Es => &SPANISH_MONTHS,
        }
    }

    /// The date as UN documents in `language` write it: `25 July 2013`, `25 de julio de 2013`.
    pub fn in_words(self, language: Language) -> String {
        let months = Date::month_names(language);
        let month = months[usize::from(self.month.clamp(1, 12)) - 1];
        match language {
            Language::En => format!("{} {month} {}", self.day, self.year),
            Language::Es => format!("{} de {month} de {}", self.day, self.year),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, '-').map(str::parse::<u16>);
        let invalid = || format!("`{s}` is not an ISO date (YYYY-MM-DD)");
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) if month < 13 && day < 32 => {
                Date::new(year, month as u8, day as u8).ok_or_else(invalid)
            }
            _ => Err(invalid()),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A stable, readable unit id such as `pre.3`, `op.2.a`, `op.7.b.ii`, `annex1.op.4`.
/// The scheme is described in ARCHITECTURE.md.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitId(String);

impl UnitId {
    pub fn new(id: impl Into<String>) -> Self {
        UnitId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for UnitId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// What role a unit plays in the resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum UnitKind {
    /// A section or annex heading (`I`, `Annex`, `Base/floor salary scale`).
    Heading,
    /// A preambular paragraph (`Recalling ...,`).
    Preambular,
    /// An operative paragraph, numbered or not (`5. Requests ...;`).
    Operative,
    /// A lettered or roman item inside a preambular, operative or annex paragraph.
    Subparagraph,
    /// A paragraph of an annex or other attached text.
    AnnexParagraph,
    /// A table, its cells joined row by row.
    Table,
    /// The record of a vote after the closing lines, read as one unit whatever lines and
    /// paragraphs it was printed in: `[Adopted by a recorded vote of 32 to 13, with 2
    /// abstentions. The voting was as follows: In favour: Algeria, ... Against: ...
    /// Abstaining: ...]`.
    Vote,
}

impl UnitKind {
    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Heading => "heading",
            UnitKind::Preambular => "preambular",
            UnitKind::Operative => "operative",
            UnitKind::Subparagraph => "subparagraph",
            UnitKind::AnnexParagraph => "annex-paragraph",
            UnitKind::Table => "table",
            UnitKind::Vote => "vote",
        }
    }
}

/// A paragraph label as printed, and what it counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    /// As printed: `5.`, `(a)`, `a)`, `(ii)`.
    pub printed: String,
    pub value: LabelValue,
}

/// The language-independent value of a label: `(c)` and `c)` are both `Letter("c")`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelValue {
    Number(u32),
    /// A letter as printed in lower or upper case: `a`, `aa`, `A`.
    Letter(String),
    Roman(u32),
    /// A dash or bullet item.
    Bullet,
}

/// One alignable paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub kind: UnitKind,
    pub label: Option<Label>,
    /// The unit this one is an item of (`op.2` for `op.2.a`).
    pub parent: Option<UnitId>,
    /// The opening phrase: `Reiterating`, `Also requests`, `Insta`, `Acogiendo con beneplácito`.
    pub opening_phrase: Option<String>,
    /// The text with markdown emphasis, footnote calls, label and hard line breaks taken out.
    pub text: String,
    pub footnote_calls: Vec<FootnoteCall>,
    /// Where the unit was read; more than one when a page break cut it.
    pub spans: Vec<Span>,
    /// The AKN4UN `eId` of the element it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eid: Option<String>,
    /// Citations, numbers and dates that must survive translation unchanged.
    pub anchors: Vec<Anchor>,
}

impl Unit {
    /// The span from the start of the first piece to the end of the last.
    pub fn span(&self) -> Span {
        let first = self.spans.first().copied().unwrap_or_default();
        let last = self.spans.last().copied().unwrap_or_default();
        first.cover(last)
    }
}

/// A footnote call in a unit's or footnote's clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FootnoteCall {
    pub number: u32,
    /// Byte offset in the clean text where the call stood.
    pub offset: usize,
}

/// A footnote; a call that repeats an earlier number refers to the same footnote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
    pub spans: Vec<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eid: Option<String>,
    pub anchors: Vec<Anchor>,
}
