//! The top of the pair report: title and navigation, the banner for a pair that is not one
//! resolution, both documents' data side by side, the counts, the findings by code and
//! severity with links to their rows, and the legend.

use std::collections::BTreeMap;
use std::io::{self, Write};

use resalign_align::PairVerdict;
use resalign_core::{Document, Language, SymbolProvenance, UnitKind};

use super::findings::{
    codes_present, findings_attribute, write_finding_list, write_findings_by_code,
};
use super::layout::{
    DOCUMENTS_FRAGMENT, FINDINGS_FRAGMENT, FOOTNOTES_FRAGMENT, Layout, VERDICT_FRAGMENT,
};
use super::markup::Markup;
use super::pair::{Checks, FilterScript, Settings};
use super::wording::{
    SEVERITIES, code_title, count, language_name, printed_ordinals, severity_name, shape_name,
};

/// The documents' symbols, or their resolution numbers, or a plain name.
pub fn default_title(en: &Document, es: &Document) -> String {
    let name = |document: &Document| {
        let metadata = &document.metadata;
        metadata
            .symbol
            .as_ref()
            .map(|symbol| symbol.value.clone())
            .or_else(|| metadata.resolution_number.as_ref().map(|n| n.value.clone()))
    };
    match (name(en), name(es)) {
        (Some(en), Some(es)) if en == es => format!("{en}: English and Spanish"),
        (Some(en), Some(es)) => format!("{en} (English) and {es} (Spanish)"),
        (Some(only), None) | (None, Some(only)) => format!("{only}: English and Spanish"),
        (None, None) => "English and Spanish resolutions".to_owned(),
    }
}

pub(crate) fn write<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    checks: Checks<'_>,
    settings: &Settings,
    title: &str,
) -> io::Result<()> {
    markup.open("header", &[("class", "top")])?;
    markup.element("p", &[("class", "kicker")], "resalign · alignment report")?;
    markup.element("h1", &[], title)?;
    write_navigation(markup, layout)?;
    markup.close("header")?;
    markup.newline()?;
    if let PairVerdict::DifferentResolutions { reasons } = &layout.alignment.verdict {
        write_banner(markup, layout, reasons)?;
    }
    write_documents(markup, layout)?;
    write_counts(markup, layout, settings)?;
    write_findings(markup, layout, checks)?;
    write_legend(markup)?;
    if settings.script == FilterScript::Include {
        write_filter_control(markup, layout)?;
    }
    Ok(())
}

fn write_navigation<W: Write>(markup: &mut Markup<W>, layout: &Layout<'_>) -> io::Result<()> {
    markup.open("nav", &[("class", "jump")])?;
    let mut targets: Vec<(String, String)> = vec![
        (format!("#{DOCUMENTS_FRAGMENT}"), "Documents".to_owned()),
        (format!("#{FINDINGS_FRAGMENT}"), "Findings".to_owned()),
    ];
    for section in &layout.sections {
        let target = format!("#{}", section.part.fragment());
        if !targets.iter().any(|(existing, _)| *existing == target) {
            targets.push((target, section.part.title()));
        }
    }
    if !layout.alignment.footnote_links.is_empty() {
        targets.push((format!("#{FOOTNOTES_FRAGMENT}"), "Footnotes".to_owned()));
    }
    targets.push(("#legend".to_owned(), "Legend".to_owned()));
    for (target, name) in &targets {
        markup.element("a", &[("href", target)], name)?;
    }
    markup.close("nav")
}

fn write_banner<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    reasons: &[String],
) -> io::Result<()> {
    let findings = findings_attribute(layout, &layout.verdict_findings);
    markup.open(
        "section",
        &[
            ("class", "banner"),
            ("id", VERDICT_FRAGMENT),
            ("role", "alert"),
            ("data-findings", &findings),
        ],
    )?;
    markup.element("h2", &[], "These look like two different resolutions")?;
    markup.element(
        "p",
        &[],
        "The English and Spanish documents do not read as versions of one resolution. The \
         paragraphs below are paired as well as they can be, but the pairing should not be \
         trusted.",
    )?;
    if !reasons.is_empty() {
        markup.open("ul", &[])?;
        for reason in reasons {
            markup.element("li", &[], reason)?;
        }
        markup.close("ul")?;
    }
    write_finding_list(markup, layout, &layout.verdict_findings)?;
    markup.close("section")?;
    markup.newline()
}

/// One row of the documents table: a name and what each document says.
struct DataRow {
    name: &'static str,
    en: Vec<String>,
    es: Vec<String>,
}

fn write_documents<W: Write>(markup: &mut Markup<W>, layout: &Layout<'_>) -> io::Result<()> {
    let findings = findings_attribute(layout, &layout.document_findings);
    let mut attributes = vec![("class", "documents"), ("id", DOCUMENTS_FRAGMENT)];
    if !layout.document_findings.is_empty() {
        attributes.push(("data-findings", &findings));
    }
    markup.open("section", &attributes)?;
    markup.element("h2", &[], "Documents")?;
    markup.open("table", &[("class", "data")])?;
    markup.open("thead", &[])?;
    markup.open("tr", &[])?;
    markup.element("th", &[("scope", "col")], "")?;
    markup.element("th", &[("scope", "col")], "English")?;
    markup.element("th", &[("scope", "col")], "Spanish")?;
    markup.close("tr")?;
    markup.close("thead")?;
    markup.open("tbody", &[])?;
    for row in data_rows(layout.en, layout.es) {
        if row.en.is_empty() && row.es.is_empty() {
            continue;
        }
        markup.open("tr", &[])?;
        markup.element("th", &[("scope", "row")], row.name)?;
        write_data_cell(markup, Language::En, &row.en)?;
        write_data_cell(markup, Language::Es, &row.es)?;
        markup.close("tr")?;
    }
    markup.close("tbody")?;
    markup.close("table")?;
    write_finding_list(markup, layout, &layout.document_findings)?;
    markup.close("section")?;
    markup.newline()
}

fn write_data_cell<W: Write>(
    markup: &mut Markup<W>,
    language: Language,
    values: &[String],
) -> io::Result<()> {
    if values.is_empty() {
        return markup.element("td", &[("class", "absent")], "not found");
    }
    markup.open("td", &[("lang", language.code())])?;
    for (index, value) in values.iter().enumerate() {
        if index > 0 {
            markup.open("br", &[])?;
        }
        markup.text(value)?;
    }
    markup.close("td")
}

fn data_rows(en: &Document, es: &Document) -> Vec<DataRow> {
    let row = |name: &'static str, read: &dyn Fn(&Document) -> Vec<String>| DataRow {
        name,
        en: read(en),
        es: read(es),
    };
    vec![
        row("Symbol", &symbol),
        row("Title", &|document| {
            let metadata = &document.metadata;
            let number = metadata
                .resolution_number
                .as_ref()
                .map(|n| n.value.as_str());
            let title = metadata.title.as_ref().map(|title| title.value.as_str());
            match (number, title) {
                (Some(number), Some(title)) => vec![format!("{number}. {title}")],
                (Some(text), None) | (None, Some(text)) => vec![text.to_owned()],
                (None, None) => Vec::new(),
            }
        }),
        row("Adopted", &adoption),
        row("Session", &|document| {
            let session = document.metadata.session.as_ref();
            session
                .map(|s| s.value.printed.clone())
                .into_iter()
                .collect()
        }),
        row("Agenda item", &|document| {
            let item = document.metadata.agenda_item.as_ref();
            item.map(|item| item.value.clone()).into_iter().collect()
        }),
        row("Based on", &|document| {
            let reports = document.metadata.based_on.iter();
            let symbols: Vec<&str> = reports.map(|report| report.value.as_str()).collect();
            if symbols.is_empty() {
                Vec::new()
            } else {
                vec![symbols.join(", ")]
            }
        }),
        row("Distributed", &|document| {
            let date = document.metadata.distribution_date.as_ref();
            date.map(|date| date.value.in_words(document.language))
                .into_iter()
                .collect()
        }),
        row("Paragraphs", &|document| vec![unit_counts(document)]),
        row("Footnotes", &|document| {
            vec![document.footnotes.len().to_string()]
        }),
        row("Read from", &|document| vec![document.format.to_string()]),
    ]
}

fn symbol(document: &Document) -> Vec<String> {
    let Some(symbol) = document.metadata.symbol.as_ref() else {
        return Vec::new();
    };
    match symbol.provenance {
        SymbolProvenance::Printed => vec![symbol.value.clone()],
        SymbolProvenance::Derived => {
            vec![format!(
                "{} (derived from the resolution number)",
                symbol.value
            )]
        }
    }
}

/// The adoption date and the meeting, as the document's language writes them.
fn adoption(document: &Document) -> Vec<String> {
    let metadata = &document.metadata;
    let closing = metadata.closing.as_ref();
    let date = metadata
        .adoption_date
        .as_ref()
        .map(|date| date.value)
        .or_else(|| {
            closing
                .and_then(|closing| closing.date.as_ref())
                .map(|date| date.value)
        });
    let date = date.map(|date| date.in_words(document.language));
    let meeting = closing.map(|closing| match document.language {
        Language::Es => printed_ordinals(&closing.meeting.value),
        Language::En => closing.meeting.value.clone(),
    });
    match (date, meeting) {
        (Some(date), Some(meeting)) => vec![format!("{date}, {meeting}")],
        (Some(text), None) | (None, Some(text)) => vec![text],
        (None, None) => Vec::new(),
    }
}

/// The kinds in the order their counts are listed, with the words they are counted in.
const KIND_COUNT_NAMES: [(UnitKind, &str); 6] = [
    (UnitKind::Heading, "headings"),
    (UnitKind::Preambular, "preambular"),
    (UnitKind::Operative, "operative"),
    (UnitKind::Subparagraph, "sub-paragraphs"),
    (UnitKind::AnnexParagraph, "annex paragraphs"),
    (UnitKind::Table, "tables"),
];

/// `40 units: 12 preambular, 22 operative, 6 sub-paragraphs`.
fn unit_counts(document: &Document) -> String {
    let parts: Vec<String> = KIND_COUNT_NAMES
        .iter()
        .filter_map(|(kind, name)| {
            let number = document
                .units
                .iter()
                .filter(|unit| unit.kind == *kind)
                .count();
            (number > 0).then(|| format!("{number} {name}"))
        })
        .collect();
    let total = count(document.units.len(), "unit", "units");
    if parts.is_empty() {
        total
    } else {
        format!("{total}: {}", parts.join(", "))
    }
}

fn write_counts<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    settings: &Settings,
) -> io::Result<()> {
    let links = &layout.alignment.links;
    let mut by_shape: BTreeMap<&'static str, usize> = BTreeMap::new();
    for link in links {
        if let Some(name) = shape_name(link.shape()) {
            *by_shape.entry(name).or_default() += 1;
        }
    }
    let one_to_one = links
        .iter()
        .filter(|link| shape_name(link.shape()).is_none())
        .count();
    let low = links
        .iter()
        .filter(|link| link.score < settings.low_score)
        .count();
    markup.open("section", &[("class", "counts")])?;
    markup.open("ul", &[])?;
    markup.open("li", &[])?;
    markup.element("strong", &[], &count(links.len(), "link", "links"))?;
    let mut details = vec![format!("{one_to_one} one to one")];
    details.extend(
        by_shape
            .iter()
            .map(|(name, number)| format!("{number} {name}")),
    );
    markup.text(&format!(": {}", details.join(", ")))?;
    markup.close("li")?;
    markup.element(
        "li",
        &[],
        &count(
            layout.alignment.footnote_links.len(),
            "footnote link",
            "footnote links",
        ),
    )?;
    markup.element(
        "li",
        &[],
        &format!(
            "{} scored below {:.2}",
            count(low, "link", "links"),
            settings.low_score
        ),
    )?;
    for language in [Language::En, Language::Es] {
        let unlinked = unlinked_units(layout, language);
        if unlinked > 0 {
            markup.element(
                "li",
                &[("class", "warning-text")],
                &format!(
                    "{} of the {} text in no link (not shown)",
                    count(unlinked, "unit", "units"),
                    language_name(language)
                ),
            )?;
        }
    }
    markup.close("ul")?;
    markup.close("section")?;
    markup.newline()
}

fn unlinked_units(layout: &Layout<'_>, language: Language) -> usize {
    let linked: std::collections::HashSet<&str> = layout
        .alignment
        .links
        .iter()
        .flat_map(|link| match language {
            Language::En => &link.en,
            Language::Es => &link.es,
        })
        .map(|id| id.as_str())
        .collect();
    let document = layout.document(language);
    document
        .units
        .iter()
        .filter(|unit| !linked.contains(unit.id.as_str()))
        .count()
}

fn write_findings<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    checks: Checks<'_>,
) -> io::Result<()> {
    markup.open(
        "section",
        &[("class", "findings"), ("id", FINDINGS_FRAGMENT)],
    )?;
    markup.element("h2", &[], "Findings")?;
    match checks {
        Checks::NotRun => markup.element(
            "p",
            &[("class", "quiet")],
            "The checks were not run: this report shows the alignment only.",
        )?,
        Checks::Ran([]) => markup.element(
            "p",
            &[("class", "quiet")],
            "The checks found nothing to report.",
        )?,
        Checks::Ran(_) => write_findings_by_code(markup, layout)?,
    }
    markup.close("section")?;
    markup.newline()
}

fn write_legend<W: Write>(markup: &mut Markup<W>) -> io::Result<()> {
    markup.open("section", &[("class", "legend"), ("id", "legend")])?;
    markup.element("h2", &[], "Legend")?;
    markup.open("dl", &[])?;
    let samples: [(&str, &str, &str); 6] = [
        (
            "m-finding sev-error",
            "64/239",
            "What a finding points at: error solid, warning double, info thin underline",
        ),
        (
            "m-unmatched",
            "25 July 2008",
            "Citation or number not in the other paragraph (dashed)",
        ),
        (
            "m-shared",
            "64/293",
            "Citation or number in both paragraphs (dotted)",
        ),
        (
            "fn-call-sample",
            "2",
            "Footnote call, links to the footnote",
        ),
        ("score-sample", "0.42", "Alignment score, shown when low"),
        (
            "empty-sample",
            "No Spanish paragraph",
            "No counterpart (hatched)",
        ),
    ];
    for (class, sample, meaning) in samples {
        markup.open("div", &[])?;
        markup.open("dt", &[])?;
        markup.element("span", &[("class", class)], sample)?;
        markup.close("dt")?;
        markup.element("dd", &[], meaning)?;
        markup.close("div")?;
    }
    markup.close("dl")?;
    markup.close("section")?;
    markup.newline()
}

/// The findings-only switch, the severity and code filters and the keys, in one bar.
fn write_filter_control<W: Write>(markup: &mut Markup<W>, layout: &Layout<'_>) -> io::Result<()> {
    // Hidden until the script shows it, so a page without scripts offers nothing that fails.
    markup.open(
        "div",
        &[("class", "filter"), ("id", "filter"), ("hidden", "")],
    )?;
    markup.open("label", &[])?;
    markup.open("input", &[("type", "checkbox"), ("id", "findings-only")])?;
    markup.text(" Show only rows with findings")?;
    markup.close("label")?;
    for severity in SEVERITIES {
        let name = severity.to_string();
        markup.text(" ")?;
        markup.open("label", &[("class", "severity-choice")])?;
        markup.open(
            "input",
            &[
                ("type", "checkbox"),
                ("data-severity", &name),
                ("checked", ""),
            ],
        )?;
        markup.text(" ")?;
        markup.text(severity_name(severity))?;
        markup.close("label")?;
    }
    markup.text(" ")?;
    markup.open("label", &[])?;
    markup.text("Code ")?;
    markup.open("select", &[("id", "code-filter")])?;
    markup.element("option", &[("value", "")], "all")?;
    for code in codes_present(layout.findings) {
        markup.element("option", &[("value", code.name())], code_title(code))?;
    }
    markup.close("select")?;
    markup.close("label")?;
    markup.text(" ")?;
    markup.element("output", &[("id", "finding-position")], "")?;
    markup.open("span", &[("class", "keys")])?;
    for (key, what) in [("j", "next"), ("k", "previous"), ("f", "findings only")] {
        markup.element("kbd", &[], key)?;
        markup.text(&format!(" {what} "))?;
    }
    markup.close("span")?;
    markup.close("div")?;
    markup.newline()
}
