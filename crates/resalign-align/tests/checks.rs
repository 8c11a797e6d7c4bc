//! Data-driven tests of the translator checks. Every file under `tests/fixtures/checks/` holds
//! small English/Spanish pairs with their alignment; each case lists the findings it expects
//! (severity and code, in order) and the full output is kept as a snapshot next to the
//! fixtures.
//!
//! Fixture units are written as plain text with footnote calls as `[^N]`; anchors come from
//! `resalign_core::anchors::extract`, as the parser would give them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use resalign_testkit::fixture::{printed_label, take_calls};

use resalign_align::{
    Alignment, Checker, Finding, FindingCode, FootnoteLink, Link, PairVerdict, check,
};
use resalign_core::{
    Closing, Date, Diagnostic, DiagnosticCode, Document, DocumentSymbol, Footnote, FootnoteCall,
    Language, Metadata, Severity, SourceFormat, Span, Spanned, SymbolProvenance, Unit, UnitId,
    UnitKind, anchors,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// `"error anchor-differs"`, one per finding, in output order.
    expect: Vec<String>,
    en: FixtureDocument,
    es: FixtureDocument,
    /// `["op.2", "op.2 op.3"]`: English and Spanish ids, blank-separated, empty for none.
    /// Without it, units are linked one to one in order (the id lists must then be equal).
    #[serde(default)]
    links: Option<Vec<[String; 2]>>,
    /// `[[1, 1], [2, null]]`. Without it, footnotes are linked by number.
    #[serde(default)]
    footnote_links: Option<Vec<[Option<u32>; 2]>>,
    /// Reasons the aligner gave for judging the pair two different resolutions.
    #[serde(default)]
    different_resolutions: Option<Vec<String>>,
    /// Diagnostics the aligner gave about its own search (`alignment-narrowed`), as messages.
    #[serde(default)]
    alignment_narrowed: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FixtureDocument {
    #[serde(default)]
    metadata: FixtureMetadata,
    units: Vec<FixtureUnit>,
    #[serde(default)]
    footnotes: Vec<FixtureFootnote>,
}

/// Metadata as printed; the harness writes it into the source so that spans point at it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FixtureMetadata {
    resolution_number: Option<String>,
    symbol: Option<String>,
    agenda_item: Option<String>,
    /// `["2010-07-30", "30 July 2010"]`: the date and how it is printed.
    adoption_date: Option<(Date, String)>,
    /// `["47th plenary meeting", 47]`.
    meeting: Option<(String, u32)>,
    closing_date: Option<(Date, String)>,
    #[serde(default)]
    based_on: Vec<String>,
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
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureFootnote {
    number: u32,
    text: String,
}

/// The source text being built, so that every span points at what it names.
#[derive(Default)]
struct Source {
    text: String,
}

impl Source {
    fn push(&mut self, piece: &str) -> Span {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(piece);
        Span::new(start, self.text.len())
    }

    fn spanned<T>(&mut self, value: T, printed: &str) -> Spanned<T> {
        let span = self.push(printed);
        Spanned::new(value, span)
    }
}

fn build_document(language: Language, fixture: &FixtureDocument) -> Result<Document> {
    let mut source = Source::default();
    let metadata = build_metadata(&fixture.metadata, &mut source);
    let mut units = Vec::new();
    for unit in &fixture.units {
        units.push(build_unit(language, unit, &mut source)?);
    }
    let footnotes = fixture
        .footnotes
        .iter()
        .map(|footnote| {
            let (text, calls) = fixture_calls(&footnote.text)?;
            let span = source.push(&text);
            Ok(Footnote {
                number: footnote.number,
                anchors: anchors::extract(language, &text, &calls),
                text,
                spans: vec![span],
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
        source: source.text,
    })
}

fn build_metadata(fixture: &FixtureMetadata, source: &mut Source) -> Metadata {
    let mut metadata = Metadata::default();
    if let Some(number) = &fixture.resolution_number {
        metadata.resolution_number = Some(source.spanned(number.clone(), number));
    }
    if let Some(symbol) = &fixture.symbol {
        metadata.symbol = Some(DocumentSymbol {
            value: symbol.clone(),
            provenance: SymbolProvenance::Printed,
            span: source.push(symbol),
        });
    }
    if let Some(item) = &fixture.agenda_item {
        metadata.agenda_item = Some(source.spanned(item.clone(), item));
    }
    if let Some((date, printed)) = &fixture.adoption_date {
        metadata.adoption_date = Some(source.spanned(*date, printed));
    }
    for symbol in &fixture.based_on {
        metadata
            .based_on
            .push(source.spanned(symbol.clone(), symbol));
    }
    if let Some((printed, number)) = &fixture.meeting {
        metadata.closing = Some(Closing {
            meeting: source.spanned(printed.clone(), printed),
            meeting_number: Some(*number),
            date: fixture
                .closing_date
                .as_ref()
                .map(|(date, printed)| source.spanned(*date, printed)),
        });
    }
    metadata
}

fn build_unit(language: Language, fixture: &FixtureUnit, source: &mut Source) -> Result<Unit> {
    let (text, footnote_calls) = fixture_calls(&fixture.text)?;
    let printed = match &fixture.label {
        Some(label) => format!("{label} {text}"),
        None => text.clone(),
    };
    let span = source.push(&printed);
    Ok(Unit {
        id: UnitId::new(fixture.id.clone()),
        kind: fixture.kind,
        label: fixture
            .label
            .as_deref()
            .map(printed_label)
            .transpose()
            .map_err(anyhow::Error::msg)?,
        parent: fixture.parent.clone().map(UnitId::new),
        opening_phrase: None,
        anchors: anchors::extract(language, &text, &footnote_calls),
        text,
        footnote_calls,
        spans: vec![span],
        eid: None,
    })
}

fn build_alignment(case: &Case, en: &Document, es: &Document) -> Result<Alignment> {
    let ids = |document: &Document| -> Vec<UnitId> {
        document.units.iter().map(|unit| unit.id.clone()).collect()
    };
    let links = match &case.links {
        Some(links) => links
            .iter()
            .map(|[en, es]| link(split_ids(en), split_ids(es)))
            .collect(),
        None if ids(en) == ids(es) => ids(en)
            .into_iter()
            .map(|id| link(vec![id.clone()], vec![id]))
            .collect(),
        None => bail!(
            "case `{}` has different unit ids and needs `links`",
            case.name
        ),
    };
    let footnote_links = match &case.footnote_links {
        Some(pairs) => pairs
            .iter()
            .map(|[en, es]| footnote_link(*en, *es))
            .collect(),
        None => footnotes_by_number(en, es),
    };
    let verdict = match &case.different_resolutions {
        Some(reasons) => PairVerdict::DifferentResolutions {
            reasons: reasons.clone(),
        },
        None => PairVerdict::SameResolution,
    };
    Ok(Alignment {
        verdict,
        links,
        footnote_links,
        diagnostics: case
            .alignment_narrowed
            .iter()
            .map(|message| {
                Diagnostic::new(
                    DiagnosticCode::AlignmentNarrowed,
                    Severity::Warning,
                    message.clone(),
                )
            })
            .collect(),
    })
}

fn split_ids(ids: &str) -> Vec<UnitId> {
    ids.split_whitespace().map(UnitId::new).collect()
}

fn link(en: Vec<UnitId>, es: Vec<UnitId>) -> Link {
    Link {
        en,
        es,
        score: 1.0,
        evidence: Vec::new(),
    }
}

fn footnote_link(en: Option<u32>, es: Option<u32>) -> FootnoteLink {
    FootnoteLink {
        en,
        es,
        score: 1.0,
        evidence: Vec::new(),
    }
}

fn footnotes_by_number(en: &Document, es: &Document) -> Vec<FootnoteLink> {
    let mut numbers: Vec<u32> = en
        .footnotes
        .iter()
        .chain(&es.footnotes)
        .map(|footnote| footnote.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .into_iter()
        .map(|number| {
            footnote_link(
                en.footnote(number).map(|_| number),
                es.footnote(number).map(|_| number),
            )
        })
        .collect()
}

fn describe(finding: &Finding) -> String {
    format!("{} {}", finding.severity, finding.code)
}

fn fixture_paths() -> Result<Vec<PathBuf>> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&directory).with_context(|| directory.display().to_string())? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

#[test]
fn fixtures_give_the_expected_findings() -> Result<()> {
    let paths = fixture_paths()?;
    if paths.is_empty() {
        bail!("no fixtures found");
    }
    let mut failures = Vec::new();
    let mut outputs = Vec::new();
    for path in &paths {
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .context("fixture name")?
            .to_string();
        let text = std::fs::read_to_string(path)?;
        let fixture: Fixture =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        for case in &fixture.cases {
            let en = build_document(Language::En, &case.en)?;
            let es = build_document(Language::Es, &case.es)?;
            let alignment = build_alignment(case, &en, &es)?;
            let findings = check(&en, &es, &alignment);
            let got: Vec<String> = findings.iter().map(describe).collect();
            if got != case.expect {
                let messages: Vec<String> = findings
                    .iter()
                    .map(|finding| format!("  {}: {}", describe(finding), finding.message))
                    .collect();
                failures.push(format!(
                    "{stem} / {}: expected {:?}, got\n{}",
                    case.name,
                    case.expect,
                    messages.join("\n")
                ));
            }
            outputs.push((format!("{stem}__{}", slug(&case.name)), findings));
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} case(s) failed:\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("fixtures/checks/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, findings) in &outputs {
            insta::assert_json_snapshot!(name.as_str(), findings);
        }
    });
    Ok(())
}

#[test]
fn every_code_has_a_fixture() -> Result<()> {
    let stems: Vec<String> = fixture_paths()?
        .iter()
        .filter_map(|path| path.file_stem()?.to_str().map(str::to_string))
        .collect();
    let missing: Vec<&str> = FindingCode::ALL
        .iter()
        .map(|code| code.name())
        .filter(|name| !stems.iter().any(|stem| stem == name))
        .collect();
    if !missing.is_empty() {
        bail!("codes without a fixture file: {missing:?}");
    }
    Ok(())
}

#[test]
fn checker_settings_filter_findings() -> Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks/punctuation.json");
    let fixture: Fixture = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let case = fixture
        .cases
        .first()
        .context("punctuation fixture has no case")?;
    let en = build_document(Language::En, &case.en)?;
    let es = build_document(Language::Es, &case.es)?;
    let alignment = build_alignment(case, &en, &es)?;
    let all = check(&en, &es, &alignment);
    if !all
        .iter()
        .any(|finding| finding.code == FindingCode::Punctuation)
    {
        bail!("the first punctuation case should report punctuation");
    }
    let ignored = Checker::new()
        .ignore(FindingCode::Punctuation)
        .check(&en, &es, &alignment);
    if ignored
        .iter()
        .any(|finding| finding.code == FindingCode::Punctuation)
    {
        bail!("ignored code still reported");
    }
    let serious = Checker::new()
        .min_severity(Severity::Error)
        .check(&en, &es, &alignment);
    if serious
        .iter()
        .any(|finding| finding.severity < Severity::Error)
    {
        bail!("minimum severity not applied");
    }
    Ok(())
}

fn fixture_calls(marked: &str) -> Result<(String, Vec<FootnoteCall>)> {
    take_calls(marked).map_err(anyhow::Error::msg)
}
