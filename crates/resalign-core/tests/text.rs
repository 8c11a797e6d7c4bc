//! Data-driven tests of the text front-end: every fixture under `fixtures/text/` (markdown as
//! converters give it, and `pdftotext` output) is parsed and its outline compared with a snapshot.
//! Each fixture pins rules of the parser; see `fixtures/text/README.md`.

mod support;

use std::fmt::Write;

use support::{metadata_lines, with_calls};

use resalign_core::{Document, Parser};
use resalign_testkit::exact::{Numbering, Spacing, unit_keys};

#[test]
fn text_fixtures_parse_as_recorded() {
    insta::glob!("fixtures/text/[a-z][a-z]_*.{md,txt}", |path| {
        let document = Parser::new()
            .parse_path(path)
            .unwrap_or_else(|error| panic!("{error}"));
        insta::assert_snapshot!(outline(&document));
    });
}

/// The markdown and plain-text renderings of one resolution give the same units and footnotes.
#[test]
fn markdown_and_plain_text_of_one_resolution_agree() {
    for stem in ["en_ecosoc", "es_ecosoc", "en_sections"] {
        let fixture = |extension: &str| {
            let path = format!(
                "{}/tests/fixtures/text/{stem}.{extension}",
                env!("CARGO_MANIFEST_DIR")
            );
            Parser::new()
                .parse_path(&path)
                .unwrap_or_else(|error| panic!("{error}"))
        };
        let (markdown, plain) = (fixture("md"), fixture("txt"));
        let units = |document: &Document| {
            document
                .units
                .iter()
                .map(|unit| (unit.id.clone(), unit.kind, unit.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(units(&markdown), units(&plain), "{stem}");
        let footnotes = |document: &Document| {
            document
                .footnotes
                .iter()
                .map(|footnote| (footnote.number, footnote.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(footnotes(&markdown), footnotes(&plain), "{stem}");
        assert_eq!(
            markdown
                .metadata
                .closing
                .map(|closing| closing.meeting.value),
            plain.metadata.closing.map(|closing| closing.meeting.value)
        );
    }
}

/// The two text forms `pdftotext` makes of one official PDF, with and without `-layout`, give the
/// same units, footnotes and metadata.
#[test]
fn reading_order_and_layout_text_of_one_resolution_agree() {
    let fixture = |name: &str| {
        let path = format!(
            "{}/tests/fixtures/text/{name}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        Parser::new()
            .parse_path(&path)
            .unwrap_or_else(|error| panic!("{error}"))
    };
    let (reading, layout) = (fixture("en_official"), fixture("en_official_layout"));
    let units = |document: &Document| unit_keys(document, Spacing::Exact, Numbering::AsMarked);
    assert_eq!(units(&reading), units(&layout));
    let footnotes = |document: &Document| {
        document
            .footnotes
            .iter()
            .map(|footnote| (footnote.number, footnote.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(footnotes(&reading), footnotes(&layout));
    assert_eq!(metadata_lines(&reading), metadata_lines(&layout));
}

/// A readable outline with everything the parser decided: metadata, every unit in full,
/// footnotes and diagnostics.
fn outline(document: &Document) -> String {
    let mut out = String::new();
    out.push_str(&metadata_lines(document));
    let _ = writeln!(out, "\nunits:");
    for unit in &document.units {
        let label = unit
            .label
            .as_ref()
            .map_or("-", |label| label.printed.as_str());
        let parent = unit.parent.as_ref().map_or("-", |parent| parent.as_str());
        let _ = writeln!(
            out,
            "{} [{}] label={} parent={} opening={:?} pieces={}",
            unit.id,
            unit.kind.name(),
            label,
            parent,
            unit.opening_phrase.as_deref().unwrap_or(""),
            unit.spans.len()
        );
        let _ = writeln!(out, "    {}", with_calls(&unit.text, &unit.footnote_calls));
    }
    let _ = writeln!(out, "\nfootnotes:");
    for footnote in &document.footnotes {
        let _ = writeln!(out, "  {}: {}", footnote.number, footnote.text);
    }
    let _ = writeln!(out, "\ndiagnostics:");
    for diagnostic in &document.diagnostics {
        let unit = diagnostic.unit.as_ref().map_or("", |unit| unit.as_str());
        let _ = writeln!(
            out,
            "  {} {:?} {}: {}",
            diagnostic.severity, diagnostic.code, unit, diagnostic.message
        );
    }
    out
}
