//! Test support for the HTML tests: small English/Spanish pairs written by hand in
//! `tests/fixtures/html/*.json` (documents, links and findings, with marks named by the text
//! they cover), the real data pair, and a check that a page's markup holds together.

// Each test binary includes this module and uses part of it.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use resalign_testkit::fixture::take_calls;

use resalign_align::{
    Alignment, Finding, FindingCode, FootnoteLink, Link, Mark, MarkTarget, PairVerdict, Side,
};
use resalign_core::{
    Date, Document, DocumentSymbol, Footnote, FootnoteCall, Label, LabelValue, Language, Metadata,
    Severity, SourceFormat, Span, Spanned, SymbolProvenance, TextRange, Unit, UnitId, UnitKind,
    anchors,
};

/// A pair as the fixtures write it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixturePair {
    en: FixtureDocument,
    es: FixtureDocument,
    /// Reasons for judging the documents different resolutions; absent for one resolution.
    #[serde(default)]
    different_resolutions: Option<Vec<String>>,
    /// `["op.12 op.13", "op.12", 0.83]`: English and Spanish ids, blank-separated, and the score.
    links: Vec<(String, String, f64)>,
    #[serde(default)]
    footnote_links: Vec<(Option<u32>, Option<u32>, f64)>,
    /// Absent when the checks were not run.
    #[serde(default)]
    findings: Option<Vec<FixtureFinding>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FixtureDocument {
    #[serde(default)]
    symbol: Option<String>,
    #[serde(default)]
    resolution_number: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    adopted: Option<Date>,
    #[serde(default)]
    enacting_formula: Option<String>,
    units: Vec<FixtureUnit>,
    #[serde(default)]
    footnotes: Vec<FixtureFootnote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureUnit {
    id: String,
    kind: UnitKind,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    opening: Option<String>,
    /// Footnote calls written `[^N]`.
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureFootnote {
    number: u32,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureFinding {
    code: FindingCode,
    severity: Severity,
    message: String,
    #[serde(default)]
    en: FixtureSide,
    #[serde(default)]
    es: FixtureSide,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FixtureSide {
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    footnotes: Vec<u32>,
    #[serde(default)]
    marks: Vec<FixtureMark>,
}

/// The first occurrence of `text` in a unit's or footnote's clean text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureMark {
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    footnote: Option<u32>,
    text: String,
}

/// Everything a pair report is made from.
pub struct Pair {
    pub en: Document,
    pub es: Document,
    pub alignment: Alignment,
    /// `None` when the checks were not run.
    pub findings: Option<Vec<Finding>>,
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

/// Every fixture file, by name without extension, in name order.
pub fn fixture_names() -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(fixtures_dir())? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            let stem = path.file_stem().context("fixture without a name")?;
            names.push(stem.to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

pub fn load_fixture(name: &str) -> Result<Pair> {
    let path = fixtures_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).with_context(|| format!("{}", path.display()))?;
    let fixture: FixturePair =
        serde_json::from_str(&text).with_context(|| format!("{}", path.display()))?;
    let en = build_document(Language::En, &fixture.en)?;
    let es = build_document(Language::Es, &fixture.es)?;
    let links = fixture
        .links
        .iter()
        .map(|(en_ids, es_ids, score)| Link {
            en: unit_ids(en_ids),
            es: unit_ids(es_ids),
            score: *score,
            evidence: Vec::new(),
        })
        .collect();
    let footnote_links = fixture
        .footnote_links
        .iter()
        .map(|(en, es, score)| FootnoteLink {
            en: *en,
            es: *es,
            score: *score,
            evidence: Vec::new(),
        })
        .collect();
    let verdict = match fixture.different_resolutions {
        Some(reasons) => PairVerdict::DifferentResolutions { reasons },
        None => PairVerdict::SameResolution,
    };
    let findings = match &fixture.findings {
        Some(findings) => Some(
            findings
                .iter()
                .map(|finding| build_finding(finding, &en, &es))
                .collect::<Result<Vec<_>>>()?,
        ),
        None => None,
    };
    Ok(Pair {
        en,
        es,
        alignment: Alignment {
            verdict,
            links,
            footnote_links,
            diagnostics: Vec::new(),
        },
        findings,
    })
}

/// The English/Spanish pair in `data/`, parsed, aligned and checked.
pub fn data_pair() -> Result<Pair> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let parser = resalign_core::Parser::new();
    let en = parser.parse_path(data.join("E_RES_2013_41.en.md"))?;
    let es = parser.parse_path(data.join("E_RES_2013_41.es.md"))?;
    let alignment = resalign_align::align(&en, &es)?;
    let findings = resalign_align::check(&en, &es, &alignment);
    Ok(Pair {
        en,
        es,
        alignment,
        findings: Some(findings),
    })
}

/// The page for `pair`, as a string.
pub fn render(
    pair: &Pair,
    configure: impl FnOnce(&mut resalign_export::html::PairReport),
) -> Result<String> {
    let mut report = resalign_export::html::PairReport::new(&pair.en, &pair.es, &pair.alignment);
    if let Some(findings) = &pair.findings {
        report.findings(findings);
    }
    configure(&mut report);
    let mut page = Vec::new();
    report.write(&mut page)?;
    Ok(String::from_utf8(page)?)
}

fn unit_ids(ids: &str) -> Vec<UnitId> {
    ids.split_whitespace().map(UnitId::new).collect()
}

fn build_document(language: Language, fixture: &FixtureDocument) -> Result<Document> {
    let mut metadata = Metadata::default();
    let spanned = |value: &str| Spanned::new(value.to_owned(), Span::default());
    metadata.resolution_number = fixture.resolution_number.as_deref().map(spanned);
    metadata.title = fixture.title.as_deref().map(spanned);
    metadata.enacting_formula = fixture.enacting_formula.as_deref().map(spanned);
    metadata.adoption_date = fixture
        .adopted
        .map(|date| Spanned::new(date, Span::default()));
    metadata.symbol = fixture.symbol.as_ref().map(|symbol| DocumentSymbol {
        value: symbol.clone(),
        provenance: SymbolProvenance::Printed,
        span: Span::default(),
    });
    let units = fixture
        .units
        .iter()
        .map(|unit| build_unit(language, unit))
        .collect::<Result<Vec<_>>>()?;
    let footnotes = fixture
        .footnotes
        .iter()
        .map(|footnote| {
            let (text, calls) = fixture_calls(&footnote.text)?;
            Ok(Footnote {
                number: footnote.number,
                anchors: anchors::extract(language, &text, &calls),
                text,
                spans: Vec::new(),
                eid: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Document {
        language,
        format: SourceFormat::Markdown,
        metadata,
        units,
        footnotes,
        diagnostics: Vec::new(),
        source: String::new(),
    })
}

fn build_unit(language: Language, fixture: &FixtureUnit) -> Result<Unit> {
    let (text, footnote_calls) = fixture_calls(&fixture.text)?;
    Ok(Unit {
        id: UnitId::new(fixture.id.clone()),
        kind: fixture.kind,
        label: fixture.label.as_deref().map(label),
        parent: fixture.parent.clone().map(UnitId::new),
        opening_phrase: fixture.opening.clone(),
        anchors: anchors::extract(language, &text, &footnote_calls),
        text,
        footnote_calls,
        spans: Vec::new(),
        eid: None,
    })
}

fn build_finding(fixture: &FixtureFinding, en: &Document, es: &Document) -> Result<Finding> {
    Ok(Finding {
        code: fixture.code,
        severity: fixture.severity,
        message: fixture.message.clone(),
        en: build_side(&fixture.en, en)?,
        es: build_side(&fixture.es, es)?,
        members: Vec::new(),
    })
}

fn build_side(fixture: &FixtureSide, document: &Document) -> Result<Side> {
    let marks = fixture
        .marks
        .iter()
        .map(|mark| build_mark(mark, document))
        .collect::<Result<Vec<_>>>()?;
    Ok(Side {
        units: fixture.units.iter().cloned().map(UnitId::new).collect(),
        footnotes: fixture.footnotes.clone(),
        spans: Vec::new(),
        marks,
    })
}

fn build_mark(fixture: &FixtureMark, document: &Document) -> Result<Mark> {
    let (target, text) = match (&fixture.unit, fixture.footnote) {
        (Some(unit), None) => {
            let found = document
                .unit(unit)
                .with_context(|| format!("no unit {unit}"))?;
            (MarkTarget::Unit(found.id.clone()), found.text.as_str())
        }
        (None, Some(number)) => {
            let found = document
                .footnote(number)
                .with_context(|| format!("no footnote {number}"))?;
            (MarkTarget::Footnote(number), found.text.as_str())
        }
        _ => bail!("a mark names one unit or one footnote"),
    };
    let start = text
        .find(&fixture.text)
        .with_context(|| format!("`{}` is not in {target:?}", fixture.text))?;
    Ok(Mark {
        target,
        range: TextRange::new(start, start + fixture.text.len()),
    })
}

/// What is wrong with a page's markup: a tag closed that was not open or left open, an id
/// given twice, a `#` link to no id. Markup is read tag by tag; the page escapes every `<` of
/// its text, so every `<` outside the style sheet starts a tag.
pub fn markup_problems(page: &str) -> Vec<String> {
    const VOID: [&str; 6] = ["meta", "br", "input", "col", "img", "link"];
    let mut problems = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut fragments: HashSet<String> = HashSet::new();
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            problems.push("a `<` without `>`".to_owned());
            break;
        };
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(opened) if opened == name => {}
                other => problems.push(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let parsed = parse_tag(tag);
        let name = parsed.name.to_owned();
        for (attribute, value) in parsed.attributes {
            match attribute {
                "id" => *ids.entry(value.to_owned()).or_default() += 1,
                "href" if value.starts_with('#') => {
                    fragments.insert(value[1..].to_owned());
                }
                _ => {}
            }
        }
        if matches!(name.as_str(), "style" | "script") {
            let closing = format!("</{name}>");
            match rest.find(&closing) {
                Some(position) => rest = &rest[position + closing.len()..],
                None => problems.push(format!("<{name}> never closed")),
            }
            continue;
        }
        if !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    if !open.is_empty() {
        problems.push(format!("left open: {open:?}"));
    }
    for (id, times) in &ids {
        if *times > 1 {
            problems.push(format!("id `{id}` given {times} times"));
        }
    }
    for fragment in &fragments {
        if !ids.contains_key(fragment) {
            problems.push(format!("#{fragment} links to no id"));
        }
    }
    problems.sort();
    problems
}

/// A start tag taken apart.
pub struct Tag<'t> {
    pub name: &'t str,
    /// `name="value"` pairs; the pages always quote values with `"`.
    pub attributes: Vec<(&'t str, &'t str)>,
    /// What is neither the name nor a quoted attribute: only blanks and valueless attribute
    /// names in the report's own markup.
    pub stray: Vec<&'t str>,
}

pub fn parse_tag(tag: &str) -> Tag<'_> {
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let mut parsed = Tag {
        name: &tag[..name_end],
        attributes: Vec::new(),
        stray: Vec::new(),
    };
    let mut rest = &tag[name_end..];
    while let Some(equals) = rest.find("=\"") {
        let before = &rest[..equals];
        let name_start = before
            .rfind(char::is_whitespace)
            .map_or(0, |blank| blank + 1);
        parsed.stray.extend(before[..name_start].split_whitespace());
        let after = &rest[equals + 2..];
        let Some(end) = after.find('"') else {
            parsed.stray.push(after);
            return parsed;
        };
        parsed
            .attributes
            .push((&before[name_start..], &after[..end]));
        rest = &after[end + 1..];
    }
    parsed.stray.extend(rest.split_whitespace());
    parsed
}

/// Every start tag of a page, outside its style sheet and script.
pub fn start_tags(page: &str) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        rest = &after[end..];
        if tag.starts_with('!') || tag.starts_with('/') {
            continue;
        }
        let parsed = parse_tag(tag);
        if matches!(parsed.name, "style" | "script") {
            let closing = format!("</{}>", parsed.name);
            rest = &rest[rest.find(&closing).unwrap_or(rest.len())..];
        }
        tags.push(parsed);
    }
    tags
}

/// The page without its style sheet and script, which are the same in every page.
pub fn without_constants(page: &str) -> String {
    let mut kept = String::with_capacity(page.len());
    let mut rest = page;
    loop {
        let next = ["<style>", "<script>"]
            .iter()
            .filter_map(|open| rest.find(open).map(|position| (position, *open)))
            .min();
        let Some((position, open)) = next else { break };
        let close = if open == "<style>" {
            "</style>"
        } else {
            "</script>"
        };
        kept.push_str(&rest[..position + open.len()]);
        kept.push('…');
        match rest[position..].find(close) {
            Some(end) => rest = &rest[position + end..],
            None => {
                rest = "";
                break;
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// A real pair from `../shared/corpus/unxml/` (`GA/75session`, `75_239`), aligned and checked:
/// for a test that declares `Corpus`.
pub fn corpus_pair(folder: &str, stem: &str) -> Result<Pair> {
    let folder = resalign_testkit::corpus::corpus_dir().join(folder);
    let parser = resalign_core::Parser::new();
    let en = parser.parse_path(folder.join(format!("English/{stem}_E.xml")))?;
    let es = parser.parse_path(folder.join(format!("Spanish/{stem}_S.xml")))?;
    let alignment = resalign_align::align(&en, &es)?;
    let findings = resalign_align::check(&en, &es, &alignment);
    Ok(Pair {
        en,
        es,
        alignment,
        findings: Some(findings),
    })
}

/// The page with a line break before each block-level tag, so a snapshot diff shows what
/// changed.
pub fn one_block_per_line(page: &str) -> String {
    const BLOCKS: [&str; 20] = [
        "<section", "<header", "<nav", "<main", "<table", "<thead", "<tbody", "<tfoot", "<tr",
        "<td", "<th ", "<th>", "<div", "<p", "<ul", "<ol", "<li", "<dl", "<h1", "<h2",
    ];
    let mut lines = String::with_capacity(page.len() + page.len() / 16);
    let mut rest = page;
    while let Some(position) = rest.find('<') {
        let at_block = BLOCKS.iter().any(|tag| rest[position..].starts_with(tag));
        lines.push_str(&rest[..position]);
        if at_block && !lines.ends_with('\n') {
            lines.push('\n');
        }
        lines.push('<');
        rest = &rest[position + 1..];
    }
    lines.push_str(rest);
    lines
}

/// `5.` is a number, anything else a letter, hostile text included: the report only shows the
/// printed form.
fn label(printed: &str) -> Label {
    let core = printed.trim_matches(|c: char| c == '(' || c == ')' || c == '.');
    let value = match core.parse::<u32>() {
        Ok(number) => LabelValue::Number(number),
        Err(_) => LabelValue::Letter(core.to_owned()),
    };
    Label {
        printed: printed.to_owned(),
        value,
    }
}

fn fixture_calls(marked: &str) -> Result<(String, Vec<FootnoteCall>)> {
    take_calls(marked).map_err(anyhow::Error::msg)
}
