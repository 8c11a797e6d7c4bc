//! XLIFF 2.0 for bilingual review in a CAT tool: one unit per link, the checks' findings as
//! notes on the units they concern, and a segment state that tells a reviser where to look.
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"
//!        xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"
//!        version="2.0" srcLang="en" trgLang="es">
//!   <file id="E_RES_2013_41" original="E/RES/2013/41">
//!     <mda:metadata>
//!       <mda:metaGroup category="resalign">
//!         <mda:meta type="en-symbol">E/RES/2013/41</mda:meta>
//!         <mda:meta type="es-symbol">E/RES/2013/41</mda:meta>
//!         <mda:meta type="verdict">same-resolution</mda:meta>
//!       </mda:metaGroup>
//!     </mda:metadata>
//!     <notes><note category="metadata-differs" priority="5">...</note></notes>
//!     <unit id="op.12_op.13">
//!       <mda:metadata>
//!         <mda:metaGroup category="resalign">
//!           <mda:meta type="en-ids">op.12 op.13</mda:meta>
//!           <mda:meta type="es-ids">op.12</mda:meta>
//!           <mda:meta type="link-shape">2-1</mda:meta>
//!           <mda:meta type="align-score">0.9987</mda:meta>
//!         </mda:metaGroup>
//!       </mda:metadata>
//!       <notes><note category="merged-in-spanish" priority="1">...</note></notes>
//!       <segment state="translated">
//!         <source>Requests ... Decides ...</source>
//!         <target>Solicita ...</target>
//!       </segment>
//!     </unit>
//!   </file>
//! </xliff>
//! ```
//!
//! - One `<file>` per pair. Its `id` is the symbol with every character an `NMTOKEN` cannot hold
//!   made `_` (`E_RES_2013_41`), or `pair` without a symbol; a repeated id gets `-2`, `-3`...
//!   `original` is the symbol as printed.
//! - One `<unit>` per paragraph link in document order, then per footnote link. Its `id` is the
//!   English unit ids joined by `_` (`op.7`, `op.12_op.13`), `fn.N` for footnote `N`, and for a
//!   link with no English side `es_` and the Spanish ids (`es_op.9`); characters an `NMTOKEN`
//!   cannot hold (the `~` of a repeated `op.9~2`) become `_`, and a repeated id gets `-2`.
//!   Both sides' ids, the link shape and the score are in the metadata module
//!   (`urn:oasis:names:tc:xliff:metadata:2.0`), which the schema places before `<notes>`.
//! - `<notes>`: one `<note>` per finding that points at a unit or footnote of the link, with
//!   `category` = the finding code and `priority` 1 for an error, 5 for a warning, 9 for
//!   information (1 is the highest). Findings that point at no link (metadata, a verdict of
//!   different resolutions) are notes of the `<file>`.
//! - `<segment state>`: `reviewed` when no finding touches the link, `translated` when one does
//!   (the reviser's list of places to look), `initial` with no `<target>` for an English
//!   paragraph with no Spanish counterpart (it still needs a translation). A Spanish paragraph
//!   with no English counterpart has an empty `<source>` and the Spanish as `<target>`, state
//!   `translated`, so the reviser sees the extra text and the note saying why.
//! - Texts are plain: the units' clean text, footnote calls and labels taken out, the units of
//!   a side joined by a space.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use resalign_align::{Alignment, Finding, PairVerdict};
use resalign_core::{Document, Severity};

use crate::error::{Error, ErrorKind};
use crate::report::{LinkTexts, findings_by_link, link_texts, rounded_score};
use crate::xml::{LanguageTags, pair_symbol, xml_text};

const XLIFF_NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";
const METADATA_NAMESPACE: &str = "urn:oasis:names:tc:xliff:metadata:2.0";

/// Settings for an [`XliffWriter`].
#[derive(Clone, Debug, Default)]
pub struct XliffWriterBuilder {
    tags: LanguageTags,
}

impl XliffWriterBuilder {
    pub fn new() -> Self {
        XliffWriterBuilder::default()
    }

    /// `srcLang`: `en` (the default), `en-US`...
    pub fn english_tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.tags.english = tag.into();
        self
    }

    /// `trgLang`: `es` (the default), `es-ES`, `es-419`...
    pub fn spanish_tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.tags.spanish = tag.into();
        self
    }

    /// Checks the language tags and writes the root element's start.
    pub fn build<W: Write>(&self, out: W) -> Result<XliffWriter<W>, Error> {
        let tags = self.tags.checked()?;
        let mut xml = Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Start(BytesStart::new("xliff").with_attributes([
            ("xmlns", XLIFF_NAMESPACE),
            ("xmlns:mda", METADATA_NAMESPACE),
            ("version", "2.0"),
            ("srcLang", tags.english.as_str()),
            ("trgLang", tags.spanish.as_str()),
        ])))?;
        Ok(XliffWriter {
            xml,
            file_ids: UniqueIds::default(),
        })
    }
}

/// Writes an XLIFF 2.0 document, one `<file>` per pair. Call [`finish`](XliffWriter::finish)
/// to close it.
pub struct XliffWriter<W: Write> {
    xml: Writer<W>,
    file_ids: UniqueIds,
}

impl<W: Write> XliffWriter<W> {
    /// A writer for `en` and `es`; see [`XliffWriterBuilder`] for other tags.
    pub fn new(out: W) -> Result<XliffWriter<W>, Error> {
        XliffWriterBuilder::new().build(out)
    }

    /// Writes the pair as a `<file>`, with the findings as notes.
    pub fn add_pair(
        &mut self,
        en: &Document,
        es: &Document,
        alignment: &Alignment,
        findings: &[Finding],
    ) -> Result<(), Error> {
        let links = link_texts(en, es, alignment)?;
        if links.is_empty() {
            return Err(Error::new(ErrorKind::NoLinks));
        }
        let symbol = pair_symbol(en, es);
        let file_id = self
            .file_ids
            .claim(symbol.map_or_else(|| "pair".to_owned(), nmtoken));
        let mut file = BytesStart::new("file").with_attributes([("id", file_id.as_str())]);
        if let Some(symbol) = symbol {
            file.push_attribute(("original", xml_text(symbol).as_str()));
        }
        self.xml.write_event(Event::Start(file))?;
        write_metadata(&mut self.xml, &file_metadata(en, es, alignment))?;
        let (unplaced, by_link) = findings_by_link(&links, findings);
        write_notes(&mut self.xml, &unplaced)?;
        let mut unit_ids = UniqueIds::default();
        for (link, touching) in links.iter().zip(by_link) {
            write_unit(
                &mut self.xml,
                &unit_ids.claim(unit_id(link)),
                link,
                &touching,
            )?;
        }
        self.xml.write_event(Event::End(BytesEnd::new("file")))?;
        Ok(())
    }

    /// Closes the document and gives back the output.
    pub fn finish(mut self) -> Result<W, Error> {
        self.xml.write_event(Event::End(BytesEnd::new("xliff")))?;
        let mut out = self.xml.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(out)
    }
}

fn file_metadata(
    en: &Document,
    es: &Document,
    alignment: &Alignment,
) -> Vec<(&'static str, String)> {
    let symbol = |document: &Document| {
        document
            .metadata
            .symbol
            .as_ref()
            .map(|symbol| symbol.value.clone())
    };
    let verdict = match alignment.verdict {
        PairVerdict::SameResolution => "same-resolution",
        PairVerdict::DifferentResolutions { .. } => "different-resolutions",
    };
    let mut entries = Vec::new();
    if let Some(symbol) = symbol(en) {
        entries.push(("en-symbol", symbol));
    }
    if let Some(symbol) = symbol(es) {
        entries.push(("es-symbol", symbol));
    }
    entries.push(("verdict", verdict.to_owned()));
    entries
}

fn write_unit<W: Write>(
    xml: &mut Writer<W>,
    id: &str,
    link: &LinkTexts,
    findings: &[&Finding],
) -> Result<(), Error> {
    xml.write_event(Event::Start(
        BytesStart::new("unit").with_attributes([("id", id)]),
    ))?;
    let metadata = [
        ("en-ids", link.en_ids.join(" ")),
        ("es-ids", link.es_ids.join(" ")),
        ("link-shape", link.shape.to_string()),
        ("align-score", format!("{:.4}", rounded_score(link.score))),
    ];
    write_metadata(xml, &metadata)?;
    write_notes(xml, findings)?;
    let state = SegmentState::of(link, findings);
    xml.write_event(Event::Start(
        BytesStart::new("segment").with_attributes([("state", state.name())]),
    ))?;
    write_text_element(xml, "source", &link.en_texts.join(" "))?;
    if state != SegmentState::Initial {
        write_text_element(xml, "target", &link.es_texts.join(" "))?;
    }
    xml.write_event(Event::End(BytesEnd::new("segment")))?;
    xml.write_event(Event::End(BytesEnd::new("unit")))?;
    Ok(())
}

/// The XLIFF 2.0 segment states resalign uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SegmentState {
    /// No Spanish: still to be translated.
    Initial,
    /// Translated, and a finding asks for a look.
    Translated,
    /// Translated, and no finding touches it.
    Reviewed,
}

impl SegmentState {
    fn of(link: &LinkTexts, findings: &[&Finding]) -> SegmentState {
        if !link.has_spanish_text() {
            SegmentState::Initial
        } else if findings.is_empty() && link.is_paired() {
            SegmentState::Reviewed
        } else {
            SegmentState::Translated
        }
    }

    fn name(self) -> &'static str {
        match self {
            SegmentState::Initial => "initial",
            SegmentState::Translated => "translated",
            SegmentState::Reviewed => "reviewed",
        }
    }
}

fn write_metadata<W: Write>(xml: &mut Writer<W>, entries: &[(&str, String)]) -> Result<(), Error> {
    xml.write_event(Event::Start(BytesStart::new("mda:metadata")))?;
    xml.write_event(Event::Start(
        BytesStart::new("mda:metaGroup").with_attributes([("category", "resalign")]),
    ))?;
    for (kind, value) in entries {
        xml.create_element("mda:meta")
            .with_attribute(("type", *kind))
            .write_text_content(BytesText::new(&xml_text(value)))?;
    }
    xml.write_event(Event::End(BytesEnd::new("mda:metaGroup")))?;
    xml.write_event(Event::End(BytesEnd::new("mda:metadata")))?;
    Ok(())
}

/// A `<notes>` element with a note per finding; nothing when there are none, as the schema
/// wants at least one `<note>` in `<notes>`.
fn write_notes<W: Write>(xml: &mut Writer<W>, findings: &[&Finding]) -> Result<(), Error> {
    if findings.is_empty() {
        return Ok(());
    }
    xml.write_event(Event::Start(BytesStart::new("notes")))?;
    for finding in findings {
        xml.create_element("note")
            .with_attributes([
                ("category", finding.code.name()),
                ("priority", priority(finding.severity)),
            ])
            .write_text_content(BytesText::new(&xml_text(&finding.message)))?;
    }
    xml.write_event(Event::End(BytesEnd::new("notes")))?;
    Ok(())
}

/// XLIFF note priority: 1 is the highest, 10 the lowest.
fn priority(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1",
        Severity::Warning => "5",
        Severity::Info => "9",
    }
}

fn write_text_element<W: Write>(xml: &mut Writer<W>, name: &str, text: &str) -> Result<(), Error> {
    xml.create_element(name)
        .write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// The unit id a link is known by, before it is made unique.
fn unit_id(link: &LinkTexts) -> String {
    if link.en_ids.is_empty() {
        nmtoken(&format!("es_{}", link.es_ids.join("_")))
    } else {
        nmtoken(&link.en_ids.join("_"))
    }
}

/// `text` with every character an XML `NMTOKEN` cannot hold made `_`.
fn nmtoken(text: &str) -> String {
    let token: String = text
        .chars()
        .map(|character| {
            if is_name_char(character) {
                character
            } else {
                '_'
            }
        })
        .collect();
    if token.is_empty() {
        "_".to_owned()
    } else {
        token
    }
}

/// XML 1.0 `NameChar`.
fn is_name_char(character: char) -> bool {
    matches!(character,
        ':' | '_' | '-' | '.' | 'A'..='Z' | 'a'..='z' | '0'..='9' | '\u{B7}'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// Ids handed out so far in one scope; a repeated one gets `-2`, `-3`...
#[derive(Debug, Default)]
struct UniqueIds {
    used: HashSet<String>,
    /// The next suffix to try for each base claimed more than once, so that the n-th repeat
    /// costs one probe rather than n.
    next_suffix: HashMap<String, u32>,
}

impl UniqueIds {
    fn claim(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{next}");
            *next = next.saturating_add(1);
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}
