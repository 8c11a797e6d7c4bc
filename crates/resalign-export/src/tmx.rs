//! TMX 1.4b, Level 1, for translation memories: one translation unit per link that has text in
//! both languages, streamed, so that one file can hold a whole corpus.
//!
//! The shape, as Trados, memoQ, OmegaT and Phrase import it:
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <!DOCTYPE tmx SYSTEM "tmx14.dtd">
//! <tmx version="1.4">
//!   <header creationtool="resalign" creationtoolversion="0.1.0" segtype="paragraph"
//!           o-tmf="resalign" adminlang="en" srclang="en" datatype="plaintext">
//!     <note>...how the file was made...</note>
//!   </header>
//!   <body>
//!     <tu>
//!       <prop type="x-doc-symbol">E/RES/2013/41</prop>
//!       <prop type="x-en-ids">op.12 op.13</prop>
//!       <prop type="x-es-ids">op.12</prop>
//!       <prop type="x-link-shape">2-1</prop>
//!       <prop type="x-align-score">0.9987</prop>
//!       <prop type="x-resalign-findings">merged-in-spanish</prop>
//!       <tuv xml:lang="en"><seg>Requests ... Decides ...</seg></tuv>
//!       <tuv xml:lang="es"><seg>Solicita ...</seg></tuv>
//!     </tu>
//!   </body>
//! </tmx>
//! ```
//!
//! - One `<tu>` per paragraph link and per footnote link with text on both sides; exactly two
//!   `<tuv>`, English first. Links with no text on one side (a paragraph or footnote missing in
//!   one language, shapes `1-0` and `0-1`, or a unit with empty text) pair something with
//!   nothing and are left out; the header note says so and [`TmxCounts::one_sided_links`]
//!   counts them.
//! - Props come before the `<tuv>`s, as the DTD requires, all named `x-...` as Trados requires of
//!   custom fields: `x-doc-symbol` (the English document's symbol, else the Spanish one's; left
//!   out when neither has one), `x-en-ids` and `x-es-ids` (unit ids separated by spaces, or
//!   `fn.N` for footnote `N`), `x-link-shape`, `x-align-score` (four decimals).
//! - `<seg>` holds plain text (Level 1): the units' clean text, footnote calls and labels taken
//!   out; the units of a side are joined by a space. Characters XML 1.0 cannot carry (control
//!   characters other than tab and line breaks) become U+FFFD.
//! - A segment longer than the limit (2,000 characters by default, the most Trados Cloud
//!   imports) is written whole, never cut: the unit gets one `<prop type="x-long-segment">` per
//!   such side, holding that side's `xml:lang`, so a user can filter those units out or split
//!   them, and [`TmxCounts::long_segments`] counts them. Characters are Unicode scalar values.
//! - Pairs the aligner judged to be different resolutions are left out by default
//!   ([`UntrustedPairs`]): their links would put wrong translations in a memory.
//! - Given the checks' findings ([`TmxWriter::add_checked_pair`]), a unit whose link a finding
//!   is about gets `<prop type="x-resalign-findings">` with the findings' codes, separated by
//!   spaces (`anchor-differs number-mismatch`), so a memory manager can filter or penalise it;
//!   [`FlaggedUnits::Skip`] leaves such units out instead, so that a wrong translation does not
//!   enter a memory, and [`TmxCounts::flagged_links`] counts them.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use resalign_align::{Alignment, Finding, PairVerdict};
use resalign_core::Document;

use crate::error::Error;
use crate::report::{LinkTexts, findings_by_link, link_texts, rounded_score};
use crate::xml::{LanguageTags, pair_symbol, xml_text};

/// The longest segment Trados Cloud imports, in characters.
pub const TRADOS_SEGMENT_LIMIT: usize = 2000;

/// What to do with a pair the aligner judged to be two different resolutions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UntrustedPairs {
    /// Leave its links out, and count the pair in [`TmxCounts::untrusted_pairs`].
    #[default]
    Skip,
    /// Write its links like any other pair's.
    Include,
}

/// What to do with a translation unit whose link a finding is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FlaggedUnits {
    /// Write it with a `x-resalign-findings` prop naming the codes.
    #[default]
    Mark,
    /// Leave it out, and count it in [`TmxCounts::flagged_links`].
    Skip,
}

/// Settings for a [`TmxWriter`].
#[derive(Clone, Debug)]
pub struct TmxWriterBuilder {
    tags: LanguageTags,
    segment_limit: usize,
    untrusted_pairs: UntrustedPairs,
    flagged_units: FlaggedUnits,
}

impl Default for TmxWriterBuilder {
    fn default() -> Self {
        TmxWriterBuilder {
            tags: LanguageTags::default(),
            segment_limit: TRADOS_SEGMENT_LIMIT,
            untrusted_pairs: UntrustedPairs::default(),
            flagged_units: FlaggedUnits::default(),
        }
    }
}

impl TmxWriterBuilder {
    pub fn new() -> Self {
        TmxWriterBuilder::default()
    }

    /// The `xml:lang` of English segments and the header's `srclang`: `en` (the default),
    /// `en-US`, `en-GB`...
    pub fn english_tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.tags.english = tag.into();
        self
    }

    /// The `xml:lang` of Spanish segments: `es` (the default), `es-ES`, `es-419`... A Trados
    /// memory is made for one variant and skips the others.
    pub fn spanish_tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.tags.spanish = tag.into();
        self
    }

    /// Segments longer than this many characters are flagged; 2,000 by default.
    pub fn segment_limit(&mut self, characters: usize) -> &mut Self {
        self.segment_limit = characters;
        self
    }

    pub fn untrusted_pairs(&mut self, policy: UntrustedPairs) -> &mut Self {
        self.untrusted_pairs = policy;
        self
    }

    /// Whether units with findings are marked (the default) or left out.
    pub fn flagged_units(&mut self, policy: FlaggedUnits) -> &mut Self {
        self.flagged_units = policy;
        self
    }

    /// Checks the language tags and writes everything up to the start of the body.
    pub fn build<W: Write>(&self, out: W) -> Result<TmxWriter<W>, Error> {
        let mut writer = TmxWriter {
            xml: Writer::new_with_indent(out, b' ', 2),
            tags: self.tags.checked()?,
            segment_limit: self.segment_limit,
            untrusted_pairs: self.untrusted_pairs,
            flagged_units: self.flagged_units,
            counts: TmxCounts::default(),
        };
        writer.write_prologue()?;
        Ok(writer)
    }
}

impl TmxWriterBuilder {
    /// The pieces of a TMX document rendered apart, for a caller that renders pairs on many
    /// threads and appends them in a fixed order: the prologue, each pair's units, the epilogue.
    pub fn fragments(&self) -> Result<TmxFragments, Error> {
        let prologue = self.build(Vec::new())?.xml.into_inner();
        Ok(TmxFragments {
            builder: self.clone(),
            prologue,
        })
    }
}

/// A TMX document in pieces: [`prologue`](TmxFragments::prologue), then any number of
/// [`units`](TmxFragments::units), then [`epilogue`](TmxFragments::epilogue), concatenated, make
/// the document a [`TmxWriter`] would write for the same pairs.
#[derive(Clone, Debug)]
pub struct TmxFragments {
    builder: TmxWriterBuilder,
    prologue: Vec<u8>,
}

impl TmxFragments {
    /// The declaration, the header and `<body>`.
    pub fn prologue(&self) -> &[u8] {
        &self.prologue
    }

    /// One pair's translation units, indented as inside `<body>`, and what was written and left
    /// out; `findings` as for [`TmxWriter::add_checked_pair`].
    pub fn units(
        &self,
        en: &Document,
        es: &Document,
        alignment: &Alignment,
        findings: &[Finding],
    ) -> Result<(Vec<u8>, TmxCounts), Error> {
        let mut writer = self.builder.build(Vec::new())?;
        let start = writer.xml.get_ref().len();
        writer.add_checked_pair(en, es, alignment, findings)?;
        let counts = writer.counts();
        let units = writer.xml.into_inner().split_off(start);
        Ok((units, counts))
    }

    /// `</body>` and `</tmx>`, indented as [`TmxWriter::finish`] closes a document with units.
    pub fn epilogue(&self) -> &'static [u8] {
        b"\n  </body>\n</tmx>\n"
    }
}

/// What a [`TmxWriter`] wrote and left out so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TmxCounts {
    /// Pairs given to [`TmxWriter::add_pair`].
    pub pairs: usize,
    /// Pairs left out because the aligner judged them different resolutions.
    pub untrusted_pairs: usize,
    /// `<tu>` elements written.
    pub translation_units: usize,
    /// Links left out because one side has no text (`1-0`, `0-1`, or empty units).
    pub one_sided_links: usize,
    /// Segments longer than the limit, each language counted apart.
    pub long_segments: usize,
    /// Links left out because a finding is about them ([`FlaggedUnits::Skip`]).
    pub flagged_links: usize,
}

/// Writes a TMX document, one pair at a time. Call [`finish`](TmxWriter::finish) to close it.
pub struct TmxWriter<W: Write> {
    xml: Writer<W>,
    tags: LanguageTags,
    segment_limit: usize,
    untrusted_pairs: UntrustedPairs,
    flagged_units: FlaggedUnits,
    counts: TmxCounts,
}

impl<W: Write> TmxWriter<W> {
    /// A writer with the default settings (`en`, `es`, the Trados limit, untrusted pairs
    /// skipped); see [`TmxWriterBuilder`] for others.
    pub fn new(out: W) -> Result<TmxWriter<W>, Error> {
        TmxWriterBuilder::new().build(out)
    }

    /// Writes a translation unit for each link of the pair with text on both sides.
    pub fn add_pair(
        &mut self,
        en: &Document,
        es: &Document,
        alignment: &Alignment,
    ) -> Result<(), Error> {
        self.add_checked_pair(en, es, alignment, &[])
    }

    /// As [`TmxWriter::add_pair`], with the checks' findings on the pair: a unit a finding is
    /// about is marked with the codes, or left out, as [`FlaggedUnits`] says.
    pub fn add_checked_pair(
        &mut self,
        en: &Document,
        es: &Document,
        alignment: &Alignment,
        findings: &[Finding],
    ) -> Result<(), Error> {
        self.counts.pairs += 1;
        let untrusted = matches!(alignment.verdict, PairVerdict::DifferentResolutions { .. });
        if untrusted && self.untrusted_pairs == UntrustedPairs::Skip {
            self.counts.untrusted_pairs += 1;
            return Ok(());
        }
        let symbol = pair_symbol(en, es);
        let links = link_texts(en, es, alignment)?;
        let (_, findings_of) = findings_by_link(&links, findings);
        for (link, touching) in links.iter().zip(&findings_of) {
            let codes = finding_codes(touching);
            if !link.is_paired() {
                self.counts.one_sided_links += 1;
            } else if !codes.is_empty() && self.flagged_units == FlaggedUnits::Skip {
                self.counts.flagged_links += 1;
            } else {
                self.write_unit(symbol, link, &codes)?;
            }
        }
        Ok(())
    }

    pub fn counts(&self) -> TmxCounts {
        self.counts
    }

    /// Closes the document and gives back the output.
    pub fn finish(mut self) -> Result<W, Error> {
        self.xml.write_event(Event::End(BytesEnd::new("body")))?;
        self.xml.write_event(Event::End(BytesEnd::new("tmx")))?;
        let mut out = self.xml.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(out)
    }

    fn write_prologue(&mut self) -> Result<(), Error> {
        self.xml
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        self.xml
            .write_event(Event::DocType(BytesText::from_escaped(
                r#"tmx SYSTEM "tmx14.dtd""#,
            )))?;
        self.xml.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))?;
        let header = BytesStart::new("header").with_attributes([
            ("creationtool", "resalign"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "paragraph"),
            ("o-tmf", "resalign"),
            ("adminlang", "en"),
            ("srclang", self.tags.english.as_str()),
            ("datatype", "plaintext"),
        ]);
        self.xml.write_event(Event::Start(header))?;
        let note = header_note(self.segment_limit, self.flagged_units);
        self.xml
            .create_element("note")
            .write_text_content(BytesText::new(&note))?;
        self.xml.write_event(Event::End(BytesEnd::new("header")))?;
        self.xml
            .write_event(Event::Start(BytesStart::new("body")))?;
        Ok(())
    }

    fn write_unit(
        &mut self,
        symbol: Option<&str>,
        link: &LinkTexts,
        codes: &[&str],
    ) -> Result<(), Error> {
        let en_text = xml_text(&link.en_texts.join(" "));
        let es_text = xml_text(&link.es_texts.join(" "));
        let variants = [(&self.tags.english, en_text), (&self.tags.spanish, es_text)];
        let xml = &mut self.xml;
        xml.write_event(Event::Start(BytesStart::new("tu")))?;
        if let Some(symbol) = symbol {
            write_prop(xml, "x-doc-symbol", symbol)?;
        }
        write_prop(xml, "x-en-ids", &link.en_ids.join(" "))?;
        write_prop(xml, "x-es-ids", &link.es_ids.join(" "))?;
        write_prop(xml, "x-link-shape", &link.shape.to_string())?;
        let score = format!("{:.4}", rounded_score(link.score));
        write_prop(xml, "x-align-score", &score)?;
        if !codes.is_empty() {
            write_prop(xml, "x-resalign-findings", &codes.join(" "))?;
        }
        for (tag, text) in &variants {
            if text.chars().count() > self.segment_limit {
                self.counts.long_segments += 1;
                write_prop(xml, "x-long-segment", tag)?;
            }
        }
        for (tag, text) in &variants {
            write_variant(xml, tag, text)?;
        }
        xml.write_event(Event::End(BytesEnd::new("tu")))?;
        self.counts.translation_units += 1;
        Ok(())
    }
}

/// The codes of the findings about a link, each once, in the order of the findings.
fn finding_codes(findings: &[&Finding]) -> Vec<&'static str> {
    let mut codes = Vec::new();
    for finding in findings {
        let code = finding.code.name();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

fn write_prop<W: Write>(xml: &mut Writer<W>, kind: &str, value: &str) -> Result<(), Error> {
    xml.create_element("prop")
        .with_attribute(("type", kind))
        .write_text_content(BytesText::new(&xml_text(value)))?;
    Ok(())
}

fn write_variant<W: Write>(xml: &mut Writer<W>, tag: &str, text: &str) -> Result<(), Error> {
    xml.create_element("tuv")
        .with_attribute(("xml:lang", tag))
        .write_inner_content(|xml| {
            xml.create_element("seg")
                .write_text_content(BytesText::new(text))?;
            Ok::<(), std::io::Error>(())
        })?;
    Ok(())
}

fn header_note(segment_limit: usize, flagged_units: FlaggedUnits) -> String {
    let flagged = match flagged_units {
        FlaggedUnits::Mark => {
            "Units that resalign's checks found a problem in carry prop x-resalign-findings \
             with the finding codes."
        }
        FlaggedUnits::Skip => "Units that resalign's checks found a problem in are left out.",
    };
    format!(
        "Paragraphs of English and Spanish United Nations resolutions, aligned by resalign. \
         One translation unit per aligned paragraph or footnote with text in both languages; \
         paragraphs found in one language only are left out. Footnote calls and paragraph \
         labels are not part of the segments. Segments longer than {segment_limit} characters \
         are kept whole and marked with prop x-long-segment. {flagged}"
    )
}
