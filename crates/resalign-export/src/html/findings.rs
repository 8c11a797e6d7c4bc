//! Findings as the report shows them: counted by code and severity, listed by code with a link
//! to the place each is about, and as notes in that place linking back to the list.

use std::collections::BTreeMap;
use std::io::{self, Write};

use resalign_align::{Finding, FindingCode};

use super::layout::{Layout, Listing, code_fragment, finding_fragment};
use super::markup::Markup;
use super::wording::{SEVERITIES, code_title, severity_class, severity_name};

/// The table of counts by code and severity, then the findings grouped by code.
pub fn write_findings_by_code<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
) -> io::Result<()> {
    let groups = group_by_code(layout.findings);
    write_summary_table(markup, layout.findings, &groups)?;
    for (code, indices) in &groups {
        let id = code_fragment(*code);
        markup.open("div", &[("class", "code-group"), ("id", &id)])?;
        markup.open("h3", &[])?;
        markup.text(code_title(*code))?;
        markup.text(" ")?;
        markup.element("code", &[], code.name())?;
        markup.close("h3")?;
        match layout.listing(*code) {
            Listing::Full => write_full_list(markup, layout, indices)?,
            Listing::Compact => write_compact_list(markup, layout, indices)?,
        }
        markup.close("div")?;
        markup.newline()?;
    }
    Ok(())
}

/// Notes for findings shown in place (in a row, the banner, the documents table), each linking
/// back to the finding in the list.
pub fn write_finding_list<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    indices: &[usize],
) -> io::Result<()> {
    if indices.is_empty() {
        return Ok(());
    }
    markup.open("ul", &[("class", "notes")])?;
    for &index in indices {
        write_note(markup, layout, index)?;
    }
    markup.close("ul")
}

fn write_note<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    index: usize,
) -> io::Result<()> {
    let finding = &layout.findings[index];
    let class = format!("note {}", severity_class(finding.severity));
    let severity = finding.severity.to_string();
    markup.open(
        "li",
        &[
            ("class", &class),
            ("data-code", finding.code.name()),
            ("data-severity", &severity),
        ],
    )?;
    write_severity(markup, finding)?;
    let target = format!("#{}", layout.listed_fragment(index));
    markup.element(
        "a",
        &[("href", &target), ("class", "code")],
        code_title(finding.code),
    )?;
    markup.text(": ")?;
    markup.text(&finding.message)?;
    markup.close("li")
}

fn write_full_list<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    indices: &[usize],
) -> io::Result<()> {
    markup.open("ol", &[("class", "finding-list")])?;
    for &index in indices {
        let finding = &layout.findings[index];
        let class = format!("finding {}", severity_class(finding.severity));
        let id = finding_fragment(index);
        let place = layout.places[index];
        let target = format!("#{}", layout.place_fragment(place));
        let severity = finding.severity.to_string();
        markup.open(
            "li",
            &[
                ("class", &class),
                ("id", &id),
                ("data-code", finding.code.name()),
                ("data-severity", &severity),
            ],
        )?;
        write_severity(markup, finding)?;
        markup.element("span", &[("class", "message")], &finding.message)?;
        markup.text(" ")?;
        markup.element(
            "a",
            &[("class", "place"), ("href", &target)],
            &layout.place_name(finding, place),
        )?;
        markup.close("li")?;
    }
    markup.close("ol")
}

/// One link per place, however many findings of the code it has, each message on hover.
fn write_compact_list<W: Write>(
    markup: &mut Markup<W>,
    layout: &Layout<'_>,
    indices: &[usize],
) -> io::Result<()> {
    let note = format!(
        "{} findings; each is described in its row below (hover for the message).",
        indices.len()
    );
    markup.element("p", &[("class", "quiet")], &note)?;
    markup.open("ol", &[("class", "finding-list compact")])?;
    for same_place in indices.chunk_by(|&a, &b| layout.places[a] == layout.places[b]) {
        let findings = same_place.iter().map(|&index| &layout.findings[index]);
        let worst = findings.clone().map(|finding| finding.severity).max();
        let mut severities: Vec<String> = Vec::new();
        for finding in findings.clone() {
            let name = finding.severity.to_string();
            if !severities.contains(&name) {
                severities.push(name);
            }
        }
        let severities = severities.join(" ");
        let messages: Vec<String> = findings
            .map(|finding| format!("{}: {}", severity_name(finding.severity), finding.message))
            .collect();
        let first = same_place[0];
        let place = layout.places[first];
        let target = format!("#{}", layout.place_fragment(place));
        let class = format!("finding {}", worst.map_or("", severity_class));
        let title = messages.join("\n");
        let code = layout.findings[first].code.name();
        markup.open(
            "li",
            &[
                ("class", &class),
                ("data-code", code),
                ("data-severity", &severities),
            ],
        )?;
        markup.element(
            "a",
            &[("class", "place"), ("href", &target), ("title", &title)],
            &layout.place_name(&layout.findings[first], place),
        )?;
        if same_place.len() > 1 {
            markup.element(
                "span",
                &[("class", "times")],
                &format!("×{}", same_place.len()),
            )?;
        }
        markup.close("li")?;
    }
    markup.close("ol")
}

fn write_severity<W: Write>(markup: &mut Markup<W>, finding: &Finding) -> io::Result<()> {
    let class = format!("sev {}", severity_class(finding.severity));
    markup.element(
        "span",
        &[("class", &class)],
        severity_name(finding.severity),
    )?;
    markup.text(" ")
}

fn write_summary_table<W: Write>(
    markup: &mut Markup<W>,
    findings: &[Finding],
    groups: &BTreeMap<FindingCode, Vec<usize>>,
) -> io::Result<()> {
    markup.open("table", &[("class", "summary")])?;
    markup.open("thead", &[])?;
    markup.open("tr", &[])?;
    markup.element("th", &[("scope", "col")], "Finding")?;
    for severity in SEVERITIES {
        let class = format!("sev {}", severity_class(severity));
        markup.open("th", &[("scope", "col")])?;
        markup.element("span", &[("class", &class)], severity_name(severity))?;
        markup.close("th")?;
    }
    markup.close("tr")?;
    markup.close("thead")?;
    markup.open("tbody", &[])?;
    for (code, indices) in groups {
        markup.open("tr", &[])?;
        markup.open("th", &[("scope", "row")])?;
        let target = format!("#{}", code_fragment(*code));
        markup.element("a", &[("href", &target)], code_title(*code))?;
        markup.text(" ")?;
        markup.element("code", &[], code.name())?;
        markup.close("th")?;
        let of_code = indices.iter().map(|&index| &findings[index]);
        write_severity_counts(markup, of_code)?;
        markup.close("tr")?;
    }
    markup.close("tbody")?;
    markup.open("tfoot", &[])?;
    markup.open("tr", &[])?;
    markup.element("th", &[("scope", "row")], "All findings")?;
    write_severity_counts(markup, findings.iter())?;
    markup.close("tr")?;
    markup.close("tfoot")?;
    markup.close("table")?;
    markup.newline()
}

fn write_severity_counts<'f, W: Write>(
    markup: &mut Markup<W>,
    findings: impl Iterator<Item = &'f Finding> + Clone,
) -> io::Result<()> {
    for severity in SEVERITIES {
        let number = findings
            .clone()
            .filter(|finding| finding.severity == severity)
            .count();
        let class = if number == 0 { "count zero" } else { "count" };
        markup.element("td", &[("class", class)], &number.to_string())?;
    }
    Ok(())
}

/// What the page's script reads of the findings shown in one place (a row, the documents
/// table): `error:anchor-differs warning:punctuation`.
pub fn findings_attribute(layout: &Layout<'_>, indices: &[usize]) -> String {
    let tokens: Vec<String> = indices
        .iter()
        .map(|&index| {
            let finding = &layout.findings[index];
            format!("{}:{}", finding.severity, finding.code.name())
        })
        .collect();
    tokens.join(" ")
}

/// The codes of the findings, each once, in their stable order.
pub fn codes_present(findings: &[Finding]) -> Vec<FindingCode> {
    group_by_code(findings).into_keys().collect()
}

/// Finding indices by code, codes in their stable order.
fn group_by_code(findings: &[Finding]) -> BTreeMap<FindingCode, Vec<usize>> {
    let mut groups: BTreeMap<FindingCode, Vec<usize>> = BTreeMap::new();
    for (index, finding) in findings.iter().enumerate() {
        groups.entry(finding.code).or_default().push(index);
    }
    groups
}
