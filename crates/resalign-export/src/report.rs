//! The JSON document that `resalign align --format json` and `resalign check --format json`
//! print ([`Report`]), and the one-line records a batch writes as JSON Lines ([`LinkRecord`],
//! [`FindingRecord`]).
//!
//! A report looks like this (abridged):
//!
//! ```text
//! {
//!   "format_version": 1,
//!   "en": { "language": "en", "format": "markdown", "symbol": "E/RES/2013/41", ... },
//!   "es": { "language": "es", ... },
//!   "verdict": { "kind": "same-resolution", "reasons": [] },
//!   "totals": { "links": 31, "paired_links": 30, "shapes": { "1-0": 1, "1-1": 29, "2-1": 1 },
//!               "footnote_links": 7, "findings": { "error": 5, "warning": 1, "info": 0 } },
//!   "links": [ { "en": ["op.12", "op.13"], "es": ["op.12"], "shape": "2-1",
//!                "score": 0.9987, "evidence": [ { "type": "numbering", ... } ] } ],
//!   "footnote_links": [ { "en": 2, "es": 2, "score": 0.9999, "evidence": [ ... ] } ],
//!   "findings": [ { "code": "anchor-differs", "severity": "error", "message": "...",
//!                   "en": { "units": ["pre.3"], "footnotes": [], "spans": [ ... ],
//!                           "marks": [ { "unit": "pre.3", "start": 157, "end": 163,
//!                                        "text": "64/293" } ] },
//!                   "es": { ... },
//!                   "key": { "code": "anchor-differs", "en": ["pre.3"], "es": ["pre.3"],
//!                            "en_anchors": ["64/293"], "es_anchors": ["64/239"] } } ]
//! }
//! ```
//!
//! Every field is documented on the type that holds it. Names are stable: fields may be added,
//! but none is renamed, removed or given another meaning without a new `format_version`. Scores
//! are rounded to four decimals. Offsets (`start`, `end`) count bytes of UTF-8.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use serde::{Deserialize, Serialize};

use resalign_align::{
    Alignment, Evidence, Finding, FindingCode, FindingKey, FootnoteLink, Link, LinkShape, Mark,
    MarkTarget, PairVerdict, Side,
};
use resalign_core::{
    Date, Document, Footnote, Language, Organ, Severity, SourceFormat, Span, SymbolProvenance,
    Unit, UnitId, UnitIndex,
};

use crate::error::{Error, ErrorKind};

/// The value of [`Report::format_version`] this crate writes.
pub const FORMAT_VERSION: u32 = 1;

/// Everything `resalign align` or `resalign check` found about one pair, as one JSON document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `1`. Raised when a field is removed, renamed or changes meaning.
    pub format_version: u32,
    /// The English document.
    pub en: DocumentSummary,
    /// The Spanish document.
    pub es: DocumentSummary,
    /// Whether the two documents are versions of one resolution.
    pub verdict: Verdict,
    /// Counts over links and findings.
    pub totals: Totals,
    /// Paragraph links in document order; every unit of both documents is in exactly one.
    pub links: Vec<LinkEntry>,
    /// Footnote links in number order; every footnote of both documents is in exactly one.
    pub footnote_links: Vec<FootnoteLinkEntry>,
    /// The checks' findings, or `null` when the checks were not run (`resalign align`).
    pub findings: Option<Vec<FindingRecord>>,
}

impl Report {
    /// A report on an alignment whose pair was not checked: `findings` is `null`.
    pub fn aligned(en: &Document, es: &Document, alignment: &Alignment) -> Report {
        Report::build(en, es, alignment, None)
    }

    /// A report on an alignment and the findings of the checks.
    pub fn checked(
        en: &Document,
        es: &Document,
        alignment: &Alignment,
        findings: &[Finding],
    ) -> Report {
        Report::build(en, es, alignment, Some(findings))
    }

    fn build(
        en: &Document,
        es: &Document,
        alignment: &Alignment,
        findings: Option<&[Finding]>,
    ) -> Report {
        Report {
            format_version: FORMAT_VERSION,
            en: DocumentSummary::of(en),
            es: DocumentSummary::of(es),
            verdict: Verdict::of(&alignment.verdict),
            totals: Totals::of(alignment, findings),
            links: alignment.links.iter().map(LinkEntry::of).collect(),
            footnote_links: alignment
                .footnote_links
                .iter()
                .map(FootnoteLinkEntry::of)
                .collect(),
            findings: findings.map(|findings| FindingRecord::all(findings, en, es)),
        }
    }

    /// Writes the report as indented JSON and a final line break.
    pub fn write_json(&self, out: &mut impl Write) -> Result<(), Error> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// What one document's masthead, title and closing say, and how much it holds. The text itself
/// is left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// `"en"` or `"es"`.
    pub language: Language,
    /// What it was parsed from: `"markdown"`, `"plain-text"` or `"akn-xml"`.
    pub format: SourceFormat,
    /// The resolution's document symbol: `"E/RES/2013/41"`.
    pub symbol: Option<String>,
    /// `"printed"` when the text prints the symbol, `"derived"` when resalign built it from the
    /// organ and the resolution number.
    pub symbol_provenance: Option<SymbolProvenance>,
    /// The number as printed: `"2013/41"`, `"2532 (2020)"`.
    pub resolution_number: Option<String>,
    pub title: Option<String>,
    /// `"general-assembly"`, `"economic-and-social-council"`, `"security-council"`,
    /// `"human-rights-council"`, or the name of any other body as printed.
    pub organ: Option<String>,
    pub session: Option<SessionSummary>,
    /// As printed after "Agenda item" or "Tema": `"14 (c)"`.
    pub agenda_item: Option<String>,
    /// ISO 8601: `"2013-07-25"`.
    pub adoption_date: Option<Date>,
    /// ISO 8601.
    pub distribution_date: Option<Date>,
    /// Symbols of the reports the resolution was adopted on: `["E/2013/30", "E/2013/30/Corr.1"]`.
    pub based_on: Vec<String>,
    pub closing: Option<ClosingSummary>,
    /// Alignable units (paragraphs, sub-paragraphs, headings, tables).
    pub unit_count: usize,
    pub footnote_count: usize,
    /// What the parser noticed and could not make fully right.
    pub diagnostic_count: usize,
}

impl DocumentSummary {
    pub fn of(document: &Document) -> DocumentSummary {
        let metadata = &document.metadata;
        DocumentSummary {
            language: document.language,
            format: document.format,
            symbol: metadata.symbol.as_ref().map(|symbol| symbol.value.clone()),
            symbol_provenance: metadata.symbol.as_ref().map(|symbol| symbol.provenance),
            resolution_number: metadata
                .resolution_number
                .as_ref()
                .map(|number| number.value.clone()),
            title: metadata.title.as_ref().map(|title| title.value.clone()),
            organ: metadata
                .organ
                .as_ref()
                .map(|organ| organ_name(&organ.value)),
            session: metadata.session.as_ref().map(|session| SessionSummary {
                printed: session.value.printed.clone(),
                number: session.value.number,
                year: session.value.year,
            }),
            agenda_item: metadata.agenda_item.as_ref().map(|item| item.value.clone()),
            adoption_date: metadata.adoption_date.as_ref().map(|date| date.value),
            distribution_date: metadata.distribution_date.as_ref().map(|date| date.value),
            based_on: metadata
                .based_on
                .iter()
                .map(|symbol| symbol.value.clone())
                .collect(),
            closing: metadata.closing.as_ref().map(|closing| ClosingSummary {
                meeting: closing.meeting.value.clone(),
                meeting_number: closing.meeting_number,
                date: closing.date.as_ref().map(|date| date.value),
            }),
            unit_count: document.units.len(),
            footnote_count: document.footnotes.len(),
            diagnostic_count: document.diagnostics.len(),
        }
    }
}

fn organ_name(organ: &Organ) -> String {
    let name = match organ {
        Organ::GeneralAssembly => "general-assembly",
        Organ::EconomicAndSocialCouncil => "economic-and-social-council",
        Organ::SecurityCouncil => "security-council",
        Organ::HumanRightsCouncil => "human-rights-council",
        Organ::Other(printed) => printed,
    };
    name.to_owned()
}

/// The session the resolution was adopted at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// As printed: `"Substantive session of 2013"`, `"Septuagésimo segundo período de sesiones"`.
    pub printed: String,
    /// The ordinal of a numbered session: `72`.
    pub number: Option<u32>,
    /// The year of a session named by its year: `2013`.
    pub year: Option<u16>,
}

/// The closing lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingSummary {
    /// As printed: `"47th plenary meeting"`, `"73ª sesión plenaria"`.
    pub meeting: String,
    pub meeting_number: Option<u32>,
    /// ISO 8601.
    pub date: Option<Date>,
}

/// The aligner's judgement of the pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub kind: VerdictKind,
    /// Why the documents look like different resolutions; empty for the same resolution.
    pub reasons: Vec<String>,
}

impl Verdict {
    fn of(verdict: &PairVerdict) -> Verdict {
        match verdict {
            PairVerdict::SameResolution => Verdict {
                kind: VerdictKind::SameResolution,
                reasons: Vec::new(),
            },
            PairVerdict::DifferentResolutions { reasons } => Verdict {
                kind: VerdictKind::DifferentResolutions,
                reasons: reasons.clone(),
            },
        }
    }
}

/// `"same-resolution"` or `"different-resolutions"` (whose links are not to be trusted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    SameResolution,
    DifferentResolutions,
}

/// Counts a caller can print without walking the lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Paragraph links of every shape.
    pub links: usize,
    /// Paragraph links with units on both sides: the aligned paragraph pairs.
    pub paired_links: usize,
    /// Paragraph links by shape: `{"1-0": 1, "1-1": 29, "2-1": 1}`.
    pub shapes: BTreeMap<String, usize>,
    pub footnote_links: usize,
    /// Findings by severity; `null` when the checks were not run.
    pub findings: Option<SeverityCounts>,
}

impl Totals {
    fn of(alignment: &Alignment, findings: Option<&[Finding]>) -> Totals {
        let mut shapes = BTreeMap::new();
        for link in &alignment.links {
            *shapes.entry(link.shape().to_string()).or_insert(0) += 1;
        }
        Totals {
            links: alignment.links.len(),
            paired_links: paired_links(alignment),
            shapes,
            footnote_links: alignment.footnote_links.len(),
            findings: findings.map(SeverityCounts::of),
        }
    }
}

/// The number of paragraph links with units on both sides.
pub fn paired_links(alignment: &Alignment) -> usize {
    alignment
        .links
        .iter()
        .filter(|link| !link.en.is_empty() && !link.es.is_empty())
        .count()
}

/// Findings counted by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of(findings: &[Finding]) -> SeverityCounts {
        let mut counts = SeverityCounts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }
}

/// A paragraph link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkEntry {
    /// English unit ids (`["op.12", "op.13"]`); empty when the Spanish has no counterpart here.
    pub en: Vec<UnitId>,
    /// Spanish unit ids.
    pub es: Vec<UnitId>,
    /// Units on each side: `"1-1"`, `"1-0"`, `"0-1"`, `"2-1"`, `"1-2"`, `"2-2"`.
    pub shape: String,
    /// How sure the aligner is, in [0, 1]; for a one-sided link, how sure it is that the other
    /// language has no counterpart.
    pub score: f64,
    /// Why: each item has a `"type"` (`"numbering"`, `"anchors"`, `"length"`, `"kind"`,
    /// `"opening-phrase"`, `"numbers"`, `"vocabulary"`, `"called-from"`, `"no-counterpart"`)
    /// and that type's fields, as `resalign_align::Evidence` serializes them.
    pub evidence: Vec<Evidence>,
}

impl LinkEntry {
    fn of(link: &Link) -> LinkEntry {
        LinkEntry {
            en: link.en.clone(),
            es: link.es.clone(),
            shape: link.shape().to_string(),
            score: rounded_score(link.score),
            evidence: link.evidence.clone(),
        }
    }
}

/// A footnote link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FootnoteLinkEntry {
    /// The English footnote number, `null` when only the Spanish has this footnote.
    pub en: Option<u32>,
    /// The Spanish footnote number, `null` when only the English has this footnote.
    pub es: Option<u32>,
    pub score: f64,
    /// As for [`LinkEntry::evidence`].
    pub evidence: Vec<Evidence>,
}

impl FootnoteLinkEntry {
    fn of(link: &FootnoteLink) -> FootnoteLinkEntry {
        FootnoteLinkEntry {
            en: link.en,
            es: link.es,
            score: rounded_score(link.score),
            evidence: link.evidence.clone(),
        }
    }
}

/// Scores carry far more digits than anyone can use; four decimals tell every link apart
/// that matters.
pub(crate) fn rounded_score(score: f64) -> f64 {
    (score * 10_000.0).round() / 10_000.0
}

/// One finding. Also a JSON Lines record: a batch can `#[serde(flatten)]` it next to its own
/// fields (which pair it belongs to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRecord {
    /// Stable kebab-case code: `"anchor-differs"`, `"missing-in-spanish"`, ...
    pub code: FindingCode,
    /// `"error"`, `"warning"` or `"info"`.
    pub severity: Severity,
    /// A sentence a translator understands.
    pub message: String,
    /// Where the finding sits in the English document.
    pub en: FindingSide,
    /// Where the finding sits in the Spanish document.
    pub es: FindingSide,
    /// What a baseline recognises the finding by across runs and small edits: `code`, `en` and
    /// `es` (unit ids and `fn.N`), `en_anchors` and `es_anchors` (the marked text).
    pub key: FindingKey,
    /// For a finding that stands for a run with one cause (a numbering that restarts, a text
    /// that ends early), the run's findings, one per unit; absent otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<FindingRecord>,
}

impl FindingRecord {
    /// The record of `finding`, with the marked text read from the documents it was made on.
    /// Each call indexes both documents: for many findings, use [`FindingRecord::all`].
    pub fn of(finding: &Finding, en: &Document, es: &Document) -> FindingRecord {
        let key = FindingKey::of(finding, en, es);
        FindingRecord::with(finding, key, &Lookup::new(en), &Lookup::new(es))
    }

    /// The records of `findings`, in their order, indexing the documents once.
    pub fn all(findings: &[Finding], en: &Document, es: &Document) -> Vec<FindingRecord> {
        // Every record asks for its members' records, and most have none: indexing both
        // documents for each would make a run of thousands of members quadratic.
        if findings.is_empty() {
            return Vec::new();
        }
        let keys = FindingKey::all(findings, en, es);
        let (en, es) = (Lookup::new(en), Lookup::new(es));
        findings
            .iter()
            .zip(keys)
            .map(|(finding, key)| FindingRecord::with(finding, key, &en, &es))
            .collect()
    }

    fn with(finding: &Finding, key: FindingKey, en: &Lookup<'_>, es: &Lookup<'_>) -> FindingRecord {
        FindingRecord {
            code: finding.code,
            severity: finding.severity,
            message: finding.message.clone(),
            en: FindingSide::of(&finding.en, en),
            es: FindingSide::of(&finding.es, es),
            key,
            members: FindingRecord::all(&finding.members, en.document(), es.document()),
        }
    }
}

/// One language's part of a finding; all lists are empty when the finding is about something
/// this language lacks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingSide {
    /// Unit ids.
    pub units: Vec<UnitId>,
    /// Footnote numbers.
    pub footnotes: Vec<u32>,
    /// Byte ranges `{"start", "end"}` into the source file of the units or footnotes.
    pub spans: Vec<Span>,
    /// The exact pieces of text to highlight.
    pub marks: Vec<MarkRecord>,
}

impl FindingSide {
    fn of(side: &Side, document: &Lookup<'_>) -> FindingSide {
        FindingSide {
            units: side.units.clone(),
            footnotes: side.footnotes.clone(),
            spans: side.spans.clone(),
            marks: side
                .marks
                .iter()
                .map(|mark| MarkRecord::of(mark, document))
                .collect(),
        }
    }
}

/// A highlighted piece of a unit's or footnote's text: `{"unit": "pre.3", "start": 157,
/// "end": 163, "text": "64/293"}` or `{"footnote": 2, ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkRecord {
    /// `"unit": id` or `"footnote": number`.
    #[serde(flatten)]
    pub target: MarkTarget,
    /// Byte offset of the start in the unit's or footnote's clean text (`text` of the unit in
    /// `resalign parse` output), not in the source file.
    pub start: usize,
    pub end: usize,
    /// The marked text; `null` if the range does not fit the text.
    pub text: Option<String>,
}

impl MarkRecord {
    fn of(mark: &Mark, document: &Lookup<'_>) -> MarkRecord {
        MarkRecord {
            target: mark.target.clone(),
            start: mark.range.start,
            end: mark.range.end,
            text: marked_text(mark, document).map(str::to_owned),
        }
    }
}

/// A document's units by id and footnotes by number, for writers that look many of them up.
pub(crate) struct Lookup<'d> {
    document: &'d Document,
    units: UnitIndex<'d>,
    footnotes: HashMap<u32, &'d Footnote>,
}

impl<'d> Lookup<'d> {
    pub(crate) fn new(document: &'d Document) -> Lookup<'d> {
        let mut footnotes = HashMap::with_capacity(document.footnotes.len());
        for footnote in &document.footnotes {
            // The first of two with one number, as `Document::footnote` finds it.
            footnotes.entry(footnote.number).or_insert(footnote);
        }
        Lookup {
            document,
            units: document.unit_index(),
            footnotes,
        }
    }

    pub(crate) fn document(&self) -> &'d Document {
        self.document
    }

    pub(crate) fn unit(&self, id: &str) -> Option<&'d Unit> {
        self.units.get(id)
    }

    pub(crate) fn footnote(&self, number: u32) -> Option<&'d Footnote> {
        self.footnotes.get(&number).copied()
    }

    /// The clean text a mark points into, if the document has it.
    pub(crate) fn target_text(&self, target: &MarkTarget) -> Option<&'d str> {
        match target {
            MarkTarget::Unit(id) => self.unit(id.as_str()).map(|unit| unit.text.as_str()),
            MarkTarget::Footnote(number) => self
                .footnote(*number)
                .map(|footnote| footnote.text.as_str()),
        }
    }
}

fn marked_text<'d>(mark: &Mark, document: &Lookup<'d>) -> Option<&'d str> {
    document
        .target_text(&mark.target)?
        .get(mark.range.start..mark.range.end)
}

/// What a link pairs: `"unit"` (paragraphs, headings, tables) or `"footnote"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    Unit,
    Footnote,
}

/// One link with the texts of both sides: a JSON Lines record (`links.jsonl`), and the row
/// TSV writes. A batch can `#[serde(flatten)]` it next to its own fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkRecord {
    pub kind: LinkKind,
    /// English ids: unit ids (`"op.12"`), or `"fn.N"` for footnote `N`.
    pub en: Vec<String>,
    /// Spanish ids, as for `en`.
    pub es: Vec<String>,
    /// Units on each side: `"2-1"`; a footnote link is `"1-1"`, `"1-0"` or `"0-1"`.
    pub shape: String,
    /// As for [`LinkEntry::score`].
    pub score: f64,
    /// The English clean text (footnote calls, labels and emphasis taken out); the texts of
    /// two units are joined by a line break. Empty when the side is.
    pub en_text: String,
    /// The Spanish text, as for `en_text`.
    pub es_text: String,
}

impl LinkRecord {
    /// A record per paragraph link, in document order, then per footnote link.
    pub fn all(
        en: &Document,
        es: &Document,
        alignment: &Alignment,
    ) -> Result<Vec<LinkRecord>, Error> {
        Ok(link_texts(en, es, alignment)?
            .iter()
            .map(LinkTexts::record)
            .collect())
    }
}

/// A link with the ids and texts of both sides, units kept apart, for the writers that join
/// them their own way.
pub(crate) struct LinkTexts<'d> {
    pub kind: LinkKind,
    pub en_ids: Vec<String>,
    pub es_ids: Vec<String>,
    pub en_texts: Vec<&'d str>,
    pub es_texts: Vec<&'d str>,
    pub shape: LinkShape,
    pub score: f64,
}

impl LinkTexts<'_> {
    fn record(&self) -> LinkRecord {
        LinkRecord {
            kind: self.kind,
            en: self.en_ids.clone(),
            es: self.es_ids.clone(),
            shape: self.shape.to_string(),
            score: rounded_score(self.score),
            en_text: self.en_texts.join("\n"),
            es_text: self.es_texts.join("\n"),
        }
    }

    /// True when both languages have text here: a translation pair.
    pub fn is_paired(&self) -> bool {
        has_text(&self.en_texts) && has_text(&self.es_texts)
    }

    pub fn has_spanish_text(&self) -> bool {
        has_text(&self.es_texts)
    }
}

fn has_text(texts: &[&str]) -> bool {
    texts.iter().any(|text| !text.trim().is_empty())
}

/// The ids a finding side points at, written as links write them.
pub(crate) fn side_ids(side: &Side) -> impl Iterator<Item = String> + '_ {
    let units = side.units.iter().map(UnitId::to_string);
    let footnotes = side.footnotes.iter().map(|number| footnote_id(*number));
    units.chain(footnotes)
}

pub(crate) fn footnote_id(number: u32) -> String {
    format!("fn.{number}")
}

/// The findings that touch no link, and for each link those that touch it, in finding order.
pub(crate) fn findings_by_link<'f>(
    links: &[LinkTexts<'_>],
    findings: &'f [Finding],
) -> (Vec<&'f Finding>, Vec<Vec<&'f Finding>>) {
    let mut links_of: HashMap<(Language, &str), Vec<usize>> = HashMap::new();
    for (index, link) in links.iter().enumerate() {
        let sides = [(Language::En, &link.en_ids), (Language::Es, &link.es_ids)];
        for (language, ids) in sides {
            for id in ids {
                links_of
                    .entry((language, id.as_str()))
                    .or_default()
                    .push(index);
            }
        }
    }
    let mut unplaced = Vec::new();
    let mut by_link = vec![Vec::new(); links.len()];
    for finding in findings {
        let mut touched: Vec<usize> = [(Language::En, &finding.en), (Language::Es, &finding.es)]
            .into_iter()
            .flat_map(|(language, side)| {
                side_ids(side)
                    .flat_map(|id| {
                        links_of
                            .get(&(language, id.as_str()))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect::<Vec<usize>>()
            })
            .collect();
        touched.sort_unstable();
        touched.dedup();
        if touched.is_empty() {
            unplaced.push(finding);
        }
        for index in touched {
            if let Some(touching) = by_link.get_mut(index) {
                touching.push(finding);
            }
        }
    }
    (unplaced, by_link)
}

/// Every link of the alignment with its texts: paragraph links in document order, then footnote
/// links in number order.
pub(crate) fn link_texts<'d>(
    en: &'d Document,
    es: &'d Document,
    alignment: &Alignment,
) -> Result<Vec<LinkTexts<'d>>, Error> {
    let (en, es) = (Lookup::new(en), Lookup::new(es));
    let units = alignment
        .links
        .iter()
        .map(|link| unit_link_texts(&en, &es, link));
    let footnotes = alignment
        .footnote_links
        .iter()
        .map(|link| footnote_link_texts(&en, &es, link));
    units.chain(footnotes).collect()
}

fn unit_link_texts<'d>(
    en: &Lookup<'d>,
    es: &Lookup<'d>,
    link: &Link,
) -> Result<LinkTexts<'d>, Error> {
    Ok(LinkTexts {
        kind: LinkKind::Unit,
        en_ids: link.en.iter().map(UnitId::to_string).collect(),
        es_ids: link.es.iter().map(UnitId::to_string).collect(),
        en_texts: unit_texts(en, &link.en)?,
        es_texts: unit_texts(es, &link.es)?,
        shape: link.shape(),
        score: link.score,
    })
}

fn unit_texts<'d>(document: &Lookup<'d>, ids: &[UnitId]) -> Result<Vec<&'d str>, Error> {
    ids.iter()
        .map(|id| {
            document
                .unit(id.as_str())
                .map(|unit| unit.text.as_str())
                .ok_or_else(|| not_in_document(document.document().language, id.to_string()))
        })
        .collect()
}

fn footnote_link_texts<'d>(
    en: &Lookup<'d>,
    es: &Lookup<'d>,
    link: &FootnoteLink,
) -> Result<LinkTexts<'d>, Error> {
    let en_footnote = footnote(en, link.en)?;
    let es_footnote = footnote(es, link.es)?;
    Ok(LinkTexts {
        kind: LinkKind::Footnote,
        en_ids: link.en.map(footnote_id).into_iter().collect(),
        es_ids: link.es.map(footnote_id).into_iter().collect(),
        en_texts: en_footnote
            .map(|note| note.text.as_str())
            .into_iter()
            .collect(),
        es_texts: es_footnote
            .map(|note| note.text.as_str())
            .into_iter()
            .collect(),
        shape: LinkShape {
            en: usize::from(en_footnote.is_some()),
            es: usize::from(es_footnote.is_some()),
        },
        score: link.score,
    })
}

fn footnote<'d>(document: &Lookup<'d>, number: Option<u32>) -> Result<Option<&'d Footnote>, Error> {
    number
        .map(|number| {
            document
                .footnote(number)
                .ok_or_else(|| not_in_document(document.document().language, footnote_id(number)))
        })
        .transpose()
}

fn not_in_document(language: Language, id: String) -> Error {
    Error::new(ErrorKind::NotInDocument { language, id })
}
