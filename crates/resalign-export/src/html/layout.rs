//! Where everything goes on the pair report, worked out before any markup is written: which part
//! each link belongs to, which row or footnote row each finding is shown in, and the fragment
//! identifiers that the findings list links to.

use std::collections::HashMap;

use resalign_align::{Alignment, Finding, FindingCode, FootnoteLink, Link, MarkTarget};
use resalign_core::{Document, Footnote, Language, Unit, UnitId, UnitKind};

use crate::report::Lookup;

use super::markup::fragment;

/// A part of the resolution, shown as its own table so that it can start a printed page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Preamble,
    Operative,
    /// An annex, by the first component of its unit ids (`annex1`).
    Annex(String),
    /// Units whose part nothing tells (a document of headings only).
    Unplaced,
}

impl Part {
    pub fn title(&self) -> String {
        match self {
            Part::Preamble => "Preamble".to_owned(),
            Part::Operative => "Operative part".to_owned(),
            Part::Annex(scope) => match scope.strip_prefix("annex") {
                Some(number) if !number.is_empty() => format!("Annex {number}"),
                _ => "Annex".to_owned(),
            },
            Part::Unplaced => "Text".to_owned(),
        }
    }

    pub fn fragment(&self) -> String {
        match self {
            Part::Preamble => "part-preamble".to_owned(),
            Part::Operative => "part-operative".to_owned(),
            Part::Annex(scope) => fragment("part", scope),
            Part::Unplaced => "part-text".to_owned(),
        }
    }
}

/// Where a finding is shown in the page body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The banner that says the documents are different resolutions.
    Verdict,
    /// The table of both documents' metadata.
    Documents,
    /// A row of the parallel text, by link index.
    Row(usize),
    /// A row of the footnote table, by footnote link index.
    FootnoteRow(usize),
}

pub const VERDICT_FRAGMENT: &str = "verdict";
pub const DOCUMENTS_FRAGMENT: &str = "documents";
pub const FOOTNOTES_FRAGMENT: &str = "footnotes";
pub const FINDINGS_FRAGMENT: &str = "findings";

/// Codes with more findings than this list them compactly, so that a long resolution's
/// findings do not push its text pages down.
const FULL_LISTING_LIMIT: usize = 12;

/// How a code's findings are listed at the top of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Each finding with its severity, message and a link to its place.
    Full,
    /// Links to the places only, the messages on hover; the rows show them in full.
    Compact,
}

/// A run of consecutive links of one part.
pub struct Section {
    pub part: Part,
    pub links: std::ops::Range<usize>,
}

/// The report's plan: parts, and for each finding where it is shown.
pub struct Layout<'a> {
    pub en: &'a Document,
    pub es: &'a Document,
    pub alignment: &'a Alignment,
    pub findings: &'a [Finding],
    pub sections: Vec<Section>,
    pub places: Vec<Place>,
    /// Finding indices by link, in finding order.
    pub row_findings: Vec<Vec<usize>>,
    /// Finding indices by footnote link.
    pub footnote_row_findings: Vec<Vec<usize>>,
    pub document_findings: Vec<usize>,
    pub verdict_findings: Vec<usize>,
    findings_by_code: HashMap<FindingCode, usize>,
    en_lookup: Lookup<'a>,
    es_lookup: Lookup<'a>,
}

impl<'a> Layout<'a> {
    pub fn new(
        en: &'a Document,
        es: &'a Document,
        alignment: &'a Alignment,
        findings: &'a [Finding],
    ) -> Self {
        let rows = RowIndex::new(alignment);
        let places: Vec<Place> = findings
            .iter()
            .map(|finding| rows.place_of(finding))
            .collect();
        let (en_lookup, es_lookup) = (Lookup::new(en), Lookup::new(es));
        let mut layout = Layout {
            en,
            es,
            alignment,
            findings,
            sections: sections(&en_lookup, &es_lookup, &alignment.links),
            row_findings: vec![Vec::new(); alignment.links.len()],
            footnote_row_findings: vec![Vec::new(); alignment.footnote_links.len()],
            document_findings: Vec::new(),
            verdict_findings: Vec::new(),
            places: Vec::new(),
            findings_by_code: HashMap::new(),
            en_lookup,
            es_lookup,
        };
        for finding in findings {
            *layout.findings_by_code.entry(finding.code).or_default() += 1;
        }
        for (index, place) in places.iter().enumerate() {
            match *place {
                Place::Verdict => layout.verdict_findings.push(index),
                Place::Documents => layout.document_findings.push(index),
                Place::Row(row) => layout.row_findings[row].push(index),
                Place::FootnoteRow(row) => layout.footnote_row_findings[row].push(index),
            }
        }
        layout.places = places;
        layout
    }

    pub fn document(&self, language: Language) -> &'a Document {
        match language {
            Language::En => self.en,
            Language::Es => self.es,
        }
    }

    /// The unit with this id on one side, looked up in constant time.
    pub fn unit(&self, language: Language, id: &str) -> Option<&'a Unit> {
        self.lookup(language).unit(id)
    }

    /// The footnote with this number on one side, looked up in constant time.
    pub fn footnote(&self, language: Language, number: u32) -> Option<&'a Footnote> {
        self.lookup(language).footnote(number)
    }

    fn lookup(&self, language: Language) -> &Lookup<'a> {
        match language {
            Language::En => &self.en_lookup,
            Language::Es => &self.es_lookup,
        }
    }

    pub fn listing(&self, code: FindingCode) -> Listing {
        match self.findings_by_code.get(&code) {
            Some(&count) if count > FULL_LISTING_LIMIT => Listing::Compact,
            _ => Listing::Full,
        }
    }

    /// Where a note about a finding links back to: the finding in the list, or its code's
    /// group when the group is listed compactly.
    pub fn listed_fragment(&self, index: usize) -> String {
        let code = self.findings[index].code;
        match self.listing(code) {
            Listing::Full => finding_fragment(index),
            Listing::Compact => code_fragment(code),
        }
    }

    /// The fragment a link to `place` points at.
    pub fn place_fragment(&self, place: Place) -> String {
        match place {
            Place::Verdict => VERDICT_FRAGMENT.to_owned(),
            Place::Documents => DOCUMENTS_FRAGMENT.to_owned(),
            Place::Row(index) => row_fragment(&self.alignment.links[index], index),
            Place::FootnoteRow(index) => {
                footnote_row_fragment(&self.alignment.footnote_links[index], index)
            }
        }
    }

    /// A short name of what a finding is about, for the findings list: its English units
    /// (`op.12 + op.13`), else its Spanish ones (`op.3 (Spanish)`), else its place
    /// (`footnote 2`, `document data`).
    pub fn place_name(&self, finding: &Finding, place: Place) -> String {
        let join = |ids: &[UnitId]| {
            let names: Vec<&str> = ids.iter().map(UnitId::as_str).collect();
            names.join(" + ")
        };
        match place {
            Place::Verdict => "the whole pair".to_owned(),
            Place::Documents => "document data".to_owned(),
            Place::Row(_) if !finding.en.units.is_empty() => join(&finding.en.units),
            Place::Row(_) if !finding.es.units.is_empty() => {
                format!("{} (Spanish)", join(&finding.es.units))
            }
            Place::Row(index) => {
                let link = &self.alignment.links[index];
                if link.en.is_empty() {
                    format!("{} (Spanish)", join(&link.es))
                } else {
                    join(&link.en)
                }
            }
            Place::FootnoteRow(index) => {
                let link = &self.alignment.footnote_links[index];
                match (link.en, link.es) {
                    (Some(number), _) => format!("footnote {number}"),
                    (None, Some(number)) => format!("footnote {number} (Spanish)"),
                    (None, None) => "footnotes".to_owned(),
                }
            }
        }
    }
}

/// The id of a link's row, from its first English unit, or its first Spanish one.
pub fn row_fragment(link: &Link, index: usize) -> String {
    match (link.en.first(), link.es.first()) {
        (Some(unit), _) => fragment("row-en", unit.as_str()),
        (None, Some(unit)) => fragment("row-es", unit.as_str()),
        (None, None) => fragment("row", &index.to_string()),
    }
}

pub fn footnote_row_fragment(link: &FootnoteLink, index: usize) -> String {
    match (link.en, link.es) {
        (Some(number), _) => fragment("fn-row-en", &number.to_string()),
        (None, Some(number)) => fragment("fn-row-es", &number.to_string()),
        (None, None) => fragment("fn-row", &index.to_string()),
    }
}

pub fn unit_fragment(language: Language, unit: &UnitId) -> String {
    match language {
        Language::En => fragment("en", unit.as_str()),
        Language::Es => fragment("es", unit.as_str()),
    }
}

pub fn footnote_fragment(language: Language, number: u32) -> String {
    match language {
        Language::En => fragment("fn-en", &number.to_string()),
        Language::Es => fragment("fn-es", &number.to_string()),
    }
}

pub fn finding_fragment(index: usize) -> String {
    fragment("finding", &(index + 1).to_string())
}

pub fn code_fragment(code: FindingCode) -> String {
    fragment("code", code.name())
}

/// Which row shows each unit and footnote.
struct RowIndex<'a> {
    units: HashMap<(Language, &'a UnitId), usize>,
    footnotes: HashMap<(Language, u32), usize>,
}

impl<'a> RowIndex<'a> {
    fn new(alignment: &'a Alignment) -> Self {
        let mut units = HashMap::new();
        for (index, link) in alignment.links.iter().enumerate() {
            for unit in &link.en {
                units.entry((Language::En, unit)).or_insert(index);
            }
            for unit in &link.es {
                units.entry((Language::Es, unit)).or_insert(index);
            }
        }
        let mut footnotes = HashMap::new();
        for (index, link) in alignment.footnote_links.iter().enumerate() {
            if let Some(number) = link.en {
                footnotes.entry((Language::En, number)).or_insert(index);
            }
            if let Some(number) = link.es {
                footnotes.entry((Language::Es, number)).or_insert(index);
            }
        }
        RowIndex { units, footnotes }
    }

    /// The first row that shows something the finding points at: its units, then its
    /// footnotes, then whatever its marks are in.
    fn place_of(&self, finding: &Finding) -> Place {
        if finding.code == FindingCode::DifferentResolutions {
            return Place::Verdict;
        }
        let sides = [(Language::En, &finding.en), (Language::Es, &finding.es)];
        let by_unit = sides.iter().find_map(|(language, side)| {
            side.units
                .iter()
                .find_map(|unit| self.units.get(&(*language, unit)).copied())
        });
        let by_footnote = || {
            sides.iter().find_map(|(language, side)| {
                side.footnotes
                    .iter()
                    .find_map(|number| self.footnotes.get(&(*language, *number)).copied())
            })
        };
        let by_mark = || {
            sides.iter().find_map(|(language, side)| {
                side.marks.iter().find_map(|mark| match &mark.target {
                    MarkTarget::Unit(unit) => {
                        self.units.get(&(*language, unit)).copied().map(Place::Row)
                    }
                    MarkTarget::Footnote(number) => self
                        .footnotes
                        .get(&(*language, *number))
                        .copied()
                        .map(Place::FootnoteRow),
                })
            })
        };
        by_unit
            .map(Place::Row)
            .or_else(|| by_footnote().map(Place::FootnoteRow))
            .or_else(by_mark)
            .unwrap_or(Place::Documents)
    }
}

/// Runs of links by part, in document order. A heading or table belongs to the part of what
/// follows it (a section heading opens the paragraphs under it), or of what precedes it at the
/// end of the document.
fn sections(en: &Lookup<'_>, es: &Lookup<'_>, links: &[Link]) -> Vec<Section> {
    let known: Vec<Option<Part>> = links.iter().map(|link| link_part(en, es, link)).collect();
    let mut parts: Vec<Part> = Vec::with_capacity(links.len());
    let mut following: Option<Part> = None;
    for part in known.iter().rev() {
        if part.is_some() {
            following.clone_from(part);
        }
        parts.push(following.clone().unwrap_or(Part::Unplaced));
    }
    parts.reverse();
    if let Some(last_known) = known.iter().rposition(Option::is_some) {
        let trailing = parts[last_known].clone();
        parts[last_known..].fill(trailing);
    }
    let mut sections: Vec<Section> = Vec::new();
    for (index, part) in parts.into_iter().enumerate() {
        match sections.last_mut() {
            Some(section) if section.part == part => section.links.end = index + 1,
            _ => sections.push(Section {
                part,
                links: index..index + 1,
            }),
        }
    }
    sections
}

fn link_part(en: &Lookup<'_>, es: &Lookup<'_>, link: &Link) -> Option<Part> {
    let en_units = link.en.iter().filter_map(|id| en.unit(id.as_str()));
    let es_units = link.es.iter().filter_map(|id| es.unit(id.as_str()));
    en_units
        .map(|unit| (en, unit))
        .chain(es_units.map(|unit| (es, unit)))
        .find_map(|(index, unit)| unit_part(index, unit))
}

/// The part a unit is in: annexes by id, the rest by kind, items by the paragraph they are in.
fn unit_part(index: &Lookup<'_>, unit: &Unit) -> Option<Part> {
    if let Some(scope) = annex_scope(unit.id.as_str()) {
        return Some(Part::Annex(scope.to_owned()));
    }
    let mut current = unit;
    // Items nest a few levels at most; the bound keeps a parent cycle in odd input finite.
    for _ in 0..8 {
        match current.kind {
            UnitKind::Preambular => return Some(Part::Preamble),
            UnitKind::Operative => return Some(Part::Operative),
            UnitKind::AnnexParagraph => return Some(Part::Annex("annex".to_owned())),
            UnitKind::Subparagraph => {
                current = index.unit(current.parent.as_ref()?.as_str())?;
            }
            _ => return None,
        }
    }
    None
}

/// `annex1` for `annex1.para.3`.
fn annex_scope(id: &str) -> Option<&str> {
    let scope = id.split('.').next()?;
    scope.starts_with("annex").then_some(scope)
}
