//! The two texts side by side: one table per part of the resolution, one row per alignment link
//! (a split or merge is one row holding every unit it joins), then the footnotes the same way.
//! Each row carries the findings about it, and the anchors of its two sides are marked as found
//! on both sides or on one only.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use resalign_align::{Finding, FindingCode, FootnoteLink, Link, MarkTarget};
use resalign_core::{Anchor, AnchorKind, Footnote, Language, Severity, Unit, UnitId, UnitKind};

use super::findings::{findings_attribute, write_finding_list};
use super::layout::{
    FOOTNOTES_FRAGMENT, Layout, Section, footnote_fragment, footnote_row_fragment, row_fragment,
    unit_fragment,
};
use super::markup::Markup;
use super::pair::Settings;
use super::text::{Highlight, HighlightStyle, Opening, write_text};
use super::wording::{code_title, language_name, severity_class, shape_name};

pub(crate) fn write<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    settings: &Settings,
) -> io::Result<()> {
    let marks = FindingMarks::new(layout.findings);
    let table = TableWriter {
        layout,
        settings,
        marks: &marks,
    };
    markup.open("main", &[("class", "text")])?;
    markup.newline()?;
    let mut parts_seen = HashSet::new();
    for (position, section) in layout.sections.iter().enumerate() {
        let first_of_part = parts_seen.insert(section.part.fragment());
        table.write_section(markup, section, first_of_part, position == 0)?;
    }
    if !layout.alignment.footnote_links.is_empty() {
        table.write_footnotes(markup)?;
    }
    markup.close("main")?;
    markup.newline()
}

/// The highlights each finding asks for, by the unit or footnote they are in.
struct FindingMarks {
    by_target: HashMap<(Language, MarkTarget), Vec<Highlight>>,
}

impl FindingMarks {
    fn new(findings: &[Finding]) -> Self {
        let mut by_target: HashMap<(Language, MarkTarget), Vec<Highlight>> = HashMap::new();
        for finding in findings {
            let note = format!("{}: {}", code_title(finding.code), finding.message);
            for (language, side) in [(Language::En, &finding.en), (Language::Es, &finding.es)] {
                for mark in &side.marks {
                    by_target
                        .entry((language, mark.target.clone()))
                        .or_default()
                        .push(Highlight {
                            range: mark.range,
                            style: HighlightStyle::Finding(finding.severity),
                            note: note.clone(),
                        });
                }
            }
        }
        FindingMarks { by_target }
    }

    fn of(&self, language: Language, target: MarkTarget) -> &[Highlight] {
        self.by_target
            .get(&(language, target))
            .map_or(&[], Vec::as_slice)
    }
}

/// The anchor keys of one side of a link, to tell which anchors of the other side it shares.
type AnchorKeys<'a> = HashSet<(AnchorKind, &'a str)>;

fn anchor_keys<'a>(anchors: impl Iterator<Item = &'a Anchor>) -> AnchorKeys<'a> {
    anchors
        .filter(|anchor| anchor.kind != AnchorKind::FootnoteCall)
        .map(|anchor| (anchor.kind, anchor.key.as_str()))
        .collect()
}

/// Shared and one-sided anchors of a text against the anchors of its counterpart; nothing when
/// there is no counterpart to compare with.
fn anchor_highlights(
    anchors: &[Anchor],
    counterpart: Option<&AnchorKeys<'_>>,
    other: Language,
) -> Vec<Highlight> {
    let Some(counterpart) = counterpart else {
        return Vec::new();
    };
    anchors
        .iter()
        .filter(|anchor| anchor.kind != AnchorKind::FootnoteCall && !anchor.range.is_empty())
        .map(|anchor| {
            if counterpart.contains(&(anchor.kind, anchor.key.as_str())) {
                Highlight {
                    range: anchor.range,
                    style: HighlightStyle::Shared,
                    note: format!("In both texts: {}", anchor.key),
                }
            } else {
                Highlight {
                    range: anchor.range,
                    style: HighlightStyle::Unmatched,
                    note: format!("Not in the {} text: {}", language_name(other), anchor.key),
                }
            }
        })
        .collect()
}

fn other_language(language: Language) -> Language {
    match language {
        Language::En => Language::Es,
        Language::Es => Language::En,
    }
}

/// What a cell of a row shows: units found in the document, or ids the document lacks.
enum CellUnit<'a> {
    Found(&'a Unit),
    Unknown(&'a UnitId),
}

struct TableWriter<'l, 'a> {
    layout: &'l Layout<'a>,
    settings: &'l Settings,
    marks: &'l FindingMarks,
}

impl TableWriter<'_, '_> {
    fn write_section<W: Write>(
        &self,
        markup: &mut Markup<W>,
        section: &Section,
        first_of_part: bool,
        first_section: bool,
    ) -> io::Result<()> {
        let has_findings = section
            .links
            .clone()
            .any(|index| !self.layout.row_findings[index].is_empty());
        let class = if has_findings {
            "part"
        } else {
            "part no-findings"
        };
        let id = section.part.fragment();
        let mut attributes = vec![("class", class)];
        if first_of_part {
            attributes.push(("id", id.as_str()));
        }
        markup.open("section", &attributes)?;
        markup.element("h2", &[], &section.part.title())?;
        write_table_start(markup, "parallel")?;
        if first_section {
            self.write_enacting_formula(markup)?;
        }
        for index in section.links.clone() {
            self.write_row(markup, index)?;
        }
        markup.close("tbody")?;
        markup.close("table")?;
        markup.close("section")?;
        markup.newline()
    }

    /// `The General Assembly,` over the first paragraphs, as the resolution prints it.
    fn write_enacting_formula<W: Write>(&self, markup: &mut Markup<W>) -> io::Result<()> {
        let formula = |language: Language| {
            let metadata = &self.layout.document(language).metadata;
            metadata
                .enacting_formula
                .as_ref()
                .map(|formula| formula.value.as_str())
        };
        let (Some(en), Some(es)) = (formula(Language::En), formula(Language::Es)) else {
            return Ok(());
        };
        markup.open("tr", &[("class", "formula")])?;
        markup.element("td", &[("class", "gutter")], "")?;
        for (language, text) in [(Language::En, en), (Language::Es, es)] {
            markup.open("td", &[("class", "side"), ("lang", language.code())])?;
            markup.open("p", &[])?;
            markup.element("em", &[], text)?;
            markup.close("p")?;
            markup.close("td")?;
        }
        markup.close("tr")?;
        markup.newline()
    }

    fn write_row<W: Write>(&self, markup: &mut Markup<W>, index: usize) -> io::Result<()> {
        let link = &self.layout.alignment.links[index];
        let findings = &self.layout.row_findings[index];
        let id = row_fragment(link, index);
        let class = row_class(link_shape_class(link), self.worst_severity(findings));
        self.open_row(markup, &class, &id, findings)?;
        self.write_gutter(markup, &id, index, link)?;
        let en_units = self.cell_units(Language::En, &link.en);
        let es_units = self.cell_units(Language::Es, &link.es);
        let en_keys = anchor_keys(en_units.iter().flat_map(|unit| unit_anchors(unit)));
        let es_keys = anchor_keys(es_units.iter().flat_map(|unit| unit_anchors(unit)));
        // A paragraph without counterpart has nothing to compare its anchors with.
        let (en_counterpart, es_counterpart) = if en_units.is_empty() || es_units.is_empty() {
            (None, None)
        } else {
            (Some(&es_keys), Some(&en_keys))
        };
        let side_is_empty = |language: Language| match language {
            Language::En => en_units.is_empty(),
            Language::Es => es_units.is_empty(),
        };
        let (in_cells, notes): (Vec<usize>, Vec<usize>) = findings.iter().partition(|&&finding| {
            missing_in(&self.layout.findings[finding]).is_some_and(side_is_empty)
        });
        self.write_cell(markup, Language::En, &en_units, en_counterpart, &in_cells)?;
        self.write_cell(markup, Language::Es, &es_units, es_counterpart, &in_cells)?;
        markup.close("tr")?;
        markup.newline()?;
        self.write_notes_row(markup, &notes)
    }

    /// A row of the text; one with findings says which, for the page's keyboard navigation and
    /// filters.
    fn open_row<W: Write>(
        &self,
        markup: &mut Markup<W>,
        class: &str,
        id: &str,
        findings: &[usize],
    ) -> io::Result<()> {
        if findings.is_empty() {
            return markup.open("tr", &[("class", class), ("id", id)]);
        }
        let attribute = findings_attribute(self.layout, findings);
        markup.open(
            "tr",
            &[("class", class), ("id", id), ("data-findings", &attribute)],
        )
    }

    /// The findings about a row, under it and across both texts.
    fn write_notes_row<W: Write>(
        &self,
        markup: &mut Markup<W>,
        findings: &[usize],
    ) -> io::Result<()> {
        let Some(worst) = self.worst_severity(findings) else {
            return Ok(());
        };
        let class = format!("row-notes has-findings {}", severity_class(worst));
        markup.open("tr", &[("class", &class)])?;
        markup.element("td", &[("class", "gutter")], "")?;
        markup.open("td", &[("colspan", "2")])?;
        write_finding_list(markup, self.layout, findings)?;
        markup.close("td")?;
        markup.close("tr")?;
        markup.newline()
    }

    fn worst_severity(&self, findings: &[usize]) -> Option<Severity> {
        findings
            .iter()
            .map(|&index| self.layout.findings[index].severity)
            .max()
    }

    fn write_gutter<W: Write>(
        &self,
        markup: &mut Markup<W>,
        row_id: &str,
        index: usize,
        link: &Link,
    ) -> io::Result<()> {
        markup.open("td", &[("class", "gutter")])?;
        let target = format!("#{row_id}");
        let number = (index + 1).to_string();
        markup.element("a", &[("class", "row-number"), ("href", &target)], &number)?;
        if let Some(name) = shape_name(link.shape()) {
            let shape = link.shape().to_string();
            markup.element("span", &[("class", "shape"), ("title", name)], &shape)?;
        }
        self.write_score(markup, link.score)?;
        markup.close("td")
    }

    fn write_score<W: Write>(&self, markup: &mut Markup<W>, score: f64) -> io::Result<()> {
        if score >= self.settings.low_score {
            return Ok(());
        }
        markup.element(
            "span",
            &[("class", "score"), ("title", "alignment score (0 to 1)")],
            &format!("{score:.2}"),
        )
    }

    fn cell_units<'u>(&'u self, language: Language, ids: &'u [UnitId]) -> Vec<CellUnit<'u>> {
        ids.iter()
            .map(|id| match self.layout.unit(language, id.as_str()) {
                Some(unit) => CellUnit::Found(unit),
                None => CellUnit::Unknown(id),
            })
            .collect()
    }

    fn write_cell<W: Write>(
        &self,
        markup: &mut Markup<W>,
        language: Language,
        units: &[CellUnit<'_>],
        counterpart: Option<&AnchorKeys<'_>>,
        missing_findings: &[usize],
    ) -> io::Result<()> {
        if units.is_empty() {
            let missing_here: Vec<usize> = missing_findings
                .iter()
                .copied()
                .filter(|&index| missing_in(&self.layout.findings[index]) == Some(language))
                .collect();
            let placeholder = format!("No {} paragraph", language_name(language));
            return write_empty_cell(markup, self.layout, &placeholder, &missing_here);
        }
        markup.open("td", &[("class", "side"), ("lang", language.code())])?;
        for unit in units {
            match unit {
                CellUnit::Found(unit) => self.write_unit(markup, language, unit, counterpart)?,
                CellUnit::Unknown(id) => write_unknown_unit(markup, language, id)?,
            }
        }
        markup.close("td")
    }

    fn write_unit<W: Write>(
        &self,
        markup: &mut Markup<W>,
        language: Language,
        unit: &Unit,
        counterpart: Option<&AnchorKeys<'_>>,
    ) -> io::Result<()> {
        let mut highlights =
            anchor_highlights(&unit.anchors, counterpart, other_language(language));
        highlights.extend_from_slice(self.marks.of(language, MarkTarget::Unit(unit.id.clone())));
        let id = unit_fragment(language, &unit.id);
        let class = format!(
            "unit kind-{}{}",
            unit.kind.name(),
            if unit.parent.is_some() { " item" } else { "" }
        );
        markup.open("div", &[("class", &class), ("id", &id)])?;
        markup.element("span", &[("class", "uid")], unit.id.as_str())?;
        let paragraph_class = match unit.kind {
            UnitKind::Heading => "heading",
            _ => "para",
        };
        markup.open("p", &[("class", paragraph_class)])?;
        if let Some(label) = &unit.label {
            markup.element("span", &[("class", "label")], &label.printed)?;
            markup.text(" ")?;
        }
        let opening = match &unit.opening_phrase {
            Some(phrase) if !phrase.is_empty() && unit.text.starts_with(phrase.as_str()) => {
                Opening::Italic {
                    length: phrase.len(),
                }
            }
            _ => Opening::Plain,
        };
        write_text(
            markup,
            language,
            &unit.text,
            opening,
            &highlights,
            &unit.footnote_calls,
        )?;
        markup.close("p")?;
        markup.close("div")
    }

    fn write_footnotes<W: Write>(&self, markup: &mut Markup<W>) -> io::Result<()> {
        let has_findings = self
            .layout
            .footnote_row_findings
            .iter()
            .any(|findings| !findings.is_empty());
        let class = if has_findings {
            "part footnotes"
        } else {
            "part footnotes no-findings"
        };
        markup.open("section", &[("class", class), ("id", FOOTNOTES_FRAGMENT)])?;
        markup.element("h2", &[], "Footnotes")?;
        write_table_start(markup, "parallel footnote-table")?;
        for (index, link) in self.layout.alignment.footnote_links.iter().enumerate() {
            self.write_footnote_row(markup, index, link)?;
        }
        markup.close("tbody")?;
        markup.close("table")?;
        markup.close("section")?;
        markup.newline()
    }

    fn write_footnote_row<W: Write>(
        &self,
        markup: &mut Markup<W>,
        index: usize,
        link: &FootnoteLink,
    ) -> io::Result<()> {
        let findings = &self.layout.footnote_row_findings[index];
        let id = footnote_row_fragment(link, index);
        let shape_class = match (link.en, link.es) {
            (Some(_), Some(_)) => "shape-1-1",
            _ => "shape-one-sided",
        };
        let class = row_class(shape_class, self.worst_severity(findings));
        self.open_row(markup, &class, &id, findings)?;
        markup.open("td", &[("class", "gutter")])?;
        let target = format!("#{id}");
        let number = link
            .en
            .or(link.es)
            .map(|n| n.to_string())
            .unwrap_or_default();
        markup.element("a", &[("class", "row-number"), ("href", &target)], &number)?;
        self.write_score(markup, link.score)?;
        markup.close("td")?;
        let en = link.en.map(|number| self.footnote(Language::En, number));
        let es = link.es.map(|number| self.footnote(Language::Es, number));
        let (en_keys, es_keys) = (footnote_keys(en), footnote_keys(es));
        let (en_counterpart, es_counterpart) = match (&en_keys, &es_keys) {
            (Some(en_keys), Some(es_keys)) => (Some(es_keys), Some(en_keys)),
            _ => (None, None),
        };
        self.write_footnote_cell(markup, Language::En, en, en_counterpart)?;
        self.write_footnote_cell(markup, Language::Es, es, es_counterpart)?;
        markup.close("tr")?;
        markup.newline()?;
        self.write_notes_row(markup, findings)
    }

    /// The footnote of that number, or the number when the document has no such footnote.
    fn footnote(&self, language: Language, number: u32) -> Result<&Footnote, u32> {
        self.layout.footnote(language, number).ok_or(number)
    }

    fn write_footnote_cell<W: Write>(
        &self,
        markup: &mut Markup<W>,
        language: Language,
        footnote: Option<Result<&Footnote, u32>>,
        counterpart: Option<&AnchorKeys<'_>>,
    ) -> io::Result<()> {
        let footnote = match footnote {
            None => {
                let placeholder = format!("No {} footnote", language_name(language));
                return write_empty_cell(markup, self.layout, &placeholder, &[]);
            }
            Some(Err(number)) => {
                let placeholder = format!(
                    "Footnote {number} is not in the {} document",
                    language_name(language)
                );
                return write_empty_cell(markup, self.layout, &placeholder, &[]);
            }
            Some(Ok(footnote)) => footnote,
        };
        let mut highlights =
            anchor_highlights(&footnote.anchors, counterpart, other_language(language));
        highlights.extend_from_slice(
            self.marks
                .of(language, MarkTarget::Footnote(footnote.number)),
        );
        markup.open("td", &[("class", "side"), ("lang", language.code())])?;
        let id = footnote_fragment(language, footnote.number);
        markup.open("div", &[("class", "footnote"), ("id", &id)])?;
        markup.open("p", &[])?;
        markup.element(
            "span",
            &[("class", "fn-number")],
            &footnote.number.to_string(),
        )?;
        markup.text(" ")?;
        write_text(
            markup,
            language,
            &footnote.text,
            Opening::Plain,
            &highlights,
            &[],
        )?;
        markup.close("p")?;
        markup.close("div")?;
        markup.close("td")
    }
}

fn footnote_keys(footnote: Option<Result<&Footnote, u32>>) -> Option<AnchorKeys<'_>> {
    let footnote = footnote?.ok()?;
    Some(anchor_keys(footnote.anchors.iter()))
}

fn unit_anchors<'u>(unit: &'u CellUnit<'_>) -> &'u [Anchor] {
    match unit {
        CellUnit::Found(unit) => &unit.anchors,
        CellUnit::Unknown(_) => &[],
    }
}

/// The language a finding says a paragraph is missing from.
fn missing_in(finding: &Finding) -> Option<Language> {
    match finding.code {
        FindingCode::MissingInSpanish => Some(Language::Es),
        FindingCode::MissingInEnglish => Some(Language::En),
        _ => None,
    }
}

fn link_shape_class(link: &Link) -> &'static str {
    match (link.en.len(), link.es.len()) {
        (1, 1) => "shape-1-1",
        (_, 0) | (0, _) => "shape-one-sided",
        _ => "shape-many",
    }
}

fn row_class(shape_class: &str, worst: Option<Severity>) -> String {
    match worst {
        Some(severity) => format!(
            "link {shape_class} has-findings {}",
            severity_class(severity)
        ),
        None => format!("link {shape_class}"),
    }
}

fn write_table_start<W: Write>(markup: &mut Markup<W>, class: &'static str) -> io::Result<()> {
    markup.open("table", &[("class", class)])?;
    markup.open("colgroup", &[])?;
    markup.open("col", &[("class", "gutter")])?;
    markup.open("col", &[("class", "en")])?;
    markup.open("col", &[("class", "es")])?;
    markup.close("colgroup")?;
    markup.open("thead", &[])?;
    markup.open("tr", &[])?;
    markup.element("th", &[("scope", "col"), ("class", "gutter")], "#")?;
    markup.element("th", &[("scope", "col")], "English")?;
    markup.element("th", &[("scope", "col")], "Spanish")?;
    markup.close("tr")?;
    markup.close("thead")?;
    markup.open("tbody", &[])
}

fn write_empty_cell<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    placeholder: &str,
    findings: &[usize],
) -> io::Result<()> {
    markup.open("td", &[("class", "side empty")])?;
    markup.element("p", &[("class", "placeholder")], placeholder)?;
    write_finding_list(markup, layout, findings)?;
    markup.close("td")
}

fn write_unknown_unit<W: Write>(
    markup: &mut Markup<W>,
    language: Language,
    id: &UnitId,
) -> io::Result<()> {
    let message = format!(
        "The alignment names {}, which is not in the {} document.",
        id.as_str(),
        language_name(language)
    );
    markup.element("p", &[("class", "placeholder unknown")], &message)
}
