//! Test support: small hand-written documents loaded from `tests/fixtures/*.json`, and what a
//! perfect parser would read back from a rendering given where the renderer says things went.

// Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use resalign_core::{
    Closing, Date, Document, DocumentSymbol, Footnote, FootnoteCall, Label, LabelValue, Language,
    Metadata, Organ, Session, SourceFormat, Span, Spanned, SymbolProvenance, Unit, UnitId,
    UnitKind,
};
use resalign_testkit::{Continuation, Rendering, RiskKind, Shape, Site, Style};
use serde::Deserialize;

/// A document as the fixtures write it: calls as `{N}` in the text, labels as printed.
#[derive(Deserialize)]
struct Fixture {
    language: Language,
    organ: Option<Organ>,
    resolution_number: Option<String>,
    symbol: Option<String>,
    title: Option<String>,
    session: Option<String>,
    agenda_item: Option<String>,
    adoption_date: Option<Date>,
    distribution_date: Option<Date>,
    #[serde(default)]
    based_on: Vec<String>,
    enacting_formula: Option<String>,
    closing: Option<FixtureClosing>,
    units: Vec<FixtureUnit>,
    #[serde(default)]
    footnotes: BTreeMap<u32, String>,
}

#[derive(Deserialize)]
struct FixtureClosing {
    meeting: String,
    date: Option<Date>,
}

#[derive(Deserialize)]
struct FixtureUnit {
    id: String,
    kind: UnitKind,
    label: Option<String>,
    phrase: Option<String>,
    text: String,
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every fixture, by file stem, in name order.
pub fn fixtures() -> Vec<(String, Document)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures directory")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (stem, load(&path))
        })
        .collect()
}

pub fn fixture(stem: &str) -> Document {
    load(&fixtures_dir().join(format!("{stem}.json")))
}

fn load(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).expect("readable fixture");
    let fixture: Fixture = serde_json::from_str(&text).expect("well-formed fixture");
    let metadata = Metadata {
        organ: fixture.organ.map(spanned),
        resolution_number: fixture.resolution_number.map(spanned),
        symbol: fixture.symbol.map(|value| DocumentSymbol {
            value,
            provenance: SymbolProvenance::Printed,
            span: Span::default(),
        }),
        title: fixture.title.map(spanned),
        session: fixture.session.map(|printed| {
            spanned(Session {
                printed,
                number: None,
                year: None,
            })
        }),
        agenda_item: fixture.agenda_item.map(spanned),
        adoption_date: fixture.adoption_date.map(spanned),
        distribution_date: fixture.distribution_date.map(spanned),
        based_on: fixture.based_on.into_iter().map(spanned).collect(),
        enacting_formula: fixture.enacting_formula.map(spanned),
        closing: fixture.closing.map(|closing| Closing {
            meeting: spanned(closing.meeting),
            meeting_number: None,
            date: closing.date.map(spanned),
        }),
    };
    let units = fixture.units.into_iter().map(unit).collect();
    let footnotes = fixture
        .footnotes
        .into_iter()
        .map(|(number, text)| Footnote {
            number,
            text,
            spans: Vec::new(),
            eid: None,
            anchors: Vec::new(),
        })
        .collect();
    Document {
        language: fixture.language,
        format: SourceFormat::AknXml,
        metadata,
        units,
        footnotes,
        diagnostics: Vec::new(),
        source: String::new(),
    }
}

/// A value read from nowhere: fixtures have no source text.
fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Span::default())
}

fn unit(fixture: FixtureUnit) -> Unit {
    let (text, footnote_calls) = take_calls(&fixture.text);
    let parent = match fixture.kind {
        UnitKind::Subparagraph => fixture
            .id
            .rsplit_once('.')
            .map(|(parent, _)| UnitId::new(parent)),
        _ => None,
    };
    Unit {
        label: fixture.label.map(|printed| Label {
            value: label_value(&printed),
            printed,
        }),
        id: UnitId::new(fixture.id),
        kind: fixture.kind,
        parent,
        opening_phrase: fixture.phrase,
        text,
        footnote_calls,
        spans: Vec::new(),
        eid: None,
        anchors: Vec::new(),
    }
}

/// `{N}` markers out of the text, as calls at their offsets.
fn take_calls(marked: &str) -> (String, Vec<FootnoteCall>) {
    let mut text = String::new();
    let mut calls = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('}').expect("closed call marker") + open;
        let number = rest[open + 1..close].parse().expect("numeric call marker");
        calls.push(FootnoteCall {
            number,
            offset: text.len(),
        });
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, calls)
}

fn label_value(printed: &str) -> LabelValue {
    let core = printed.trim_matches(|c| matches!(c, '(' | ')' | '.'));
    if let Ok(number) = core.parse() {
        return LabelValue::Number(number);
    }
    const ROMANS: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    match ROMANS.iter().position(|roman| *roman == core) {
        Some(position) if core != "i" || printed.starts_with('(') => {
            LabelValue::Roman(position as u32 + 1)
        }
        _ => LabelValue::Letter(core.to_string()),
    }
}

/// Clean text and calls as a perfect parser reads them from the places the rendering reports.
pub fn read_back(
    rendering: &Rendering,
    pieces: &[Span],
    label: Option<&str>,
    calls: &[(u32, Span)],
) -> (String, Vec<FootnoteCall>) {
    let shape = rendering.style.shape();
    let mut text = String::new();
    let mut found = Vec::new();
    for (position, piece) in pieces.iter().enumerate() {
        let mut start = piece.start;
        if position == 0
            && let Some(label) = label
        {
            let source = &rendering.text[start..piece.end];
            assert!(
                source.starts_with(label),
                "piece {source:?} should open with {label:?}"
            );
            start += label.len();
            start += rendering.text[start..piece.end].len()
                - rendering.text[start..piece.end].trim_start().len();
        }
        if position > 0 {
            text.push(' ');
        }
        if shape == Shape::Markdown && position == 0 {
            // A markdown heading's `#` marks, not `#` inside text (`#eSkills4Girls`).
            let source = &rendering.text[start..piece.end];
            let marks = source.len() - source.trim_start_matches('#').len();
            if marks > 0 {
                start += marks;
            }
        }
        let mut cursor = start;
        while cursor < piece.end {
            if let Some((number, call)) = calls.iter().find(|(_, call)| call.start == cursor) {
                found.push(FootnoteCall {
                    number: *number,
                    offset: text.len(),
                });
                cursor = call.end;
                continue;
            }
            let c = rendering.text[cursor..]
                .chars()
                .next()
                .expect("char inside piece");
            cursor += c.len_utf8();
            match (shape, c) {
                (Shape::Markdown, '*') => {}
                (Shape::PlainText, '\n') if text.ends_with('-') => {
                    text.pop();
                }
                // The paragraphs a vote record is printed in read as one text, a space apart.
                (Shape::Markdown, '\n') if text.ends_with(' ') => {}
                (_, '\n') => text.push(' '),
                _ => text.push(c),
            }
        }
    }
    let trimmed = text.trim_start().len();
    let cut = text.len() - trimmed;
    let text = text[cut..].to_string();
    for call in &mut found {
        call.offset -= cut;
    }
    (text, found)
}

/// Renders with a style drawn from `seed`.
pub fn render(document: &Document, shape: Shape, seed: u64, page_chars: usize) -> Rendering {
    resalign_testkit::Renderer::new()
        .shape(shape)
        .seed(seed)
        .page_chars(page_chars)
        .render(document)
}

pub fn render_with(document: &Document, style: Style, seed: u64, page_chars: usize) -> Rendering {
    resalign_testkit::Renderer::new()
        .style(style)
        .seed(seed)
        .page_chars(page_chars)
        .render(document)
}

/// The calls of one unit as (number, span) pairs.
pub fn unit_calls(rendering: &Rendering, id: &UnitId) -> Vec<(u32, Span)> {
    rendering
        .calls
        .iter()
        .filter(|call| &call.unit == id)
        .map(|call| (call.number, call.span))
        .collect()
}

/// Everything a perfect parser must get back, checked on one rendering.
pub fn check_read_back(label: &str, document: &Document, rendering: &Rendering) {
    assert_eq!(rendering.units.len(), document.units.len(), "{label}");
    // Text that holds markup characters cannot read back exactly; the rendering says where.
    let markup_in_text: Vec<&UnitId> = rendering
        .risks
        .iter()
        .filter(|risk| risk.kind == RiskKind::MarkupInText)
        .filter_map(|risk| match &risk.site {
            Site::Unit(id) => Some(id),
            Site::Footnote(_) => None,
        })
        .collect();
    for (unit, placement) in document.units.iter().zip(&rendering.units) {
        assert_eq!(unit.id, placement.id, "{label}");
        assert!(
            !placement.pieces.is_empty(),
            "{label}: {} not written",
            unit.id
        );
        if unit.kind == UnitKind::Table {
            let text = read_back_table(
                rendering,
                &placement.pieces,
                &unit_calls(rendering, &unit.id),
            );
            assert_eq!(text, unit.text, "{label}: table {}", unit.id);
            continue;
        }
        if markup_in_text.contains(&&unit.id) {
            continue;
        }
        let printed = unit.label.as_ref().map(|label| label.printed.as_str());
        let (text, calls) = read_back(
            rendering,
            &placement.pieces,
            printed,
            &unit_calls(rendering, &unit.id),
        );
        assert_eq!(text, unit.text, "{label}: text of {}", unit.id);
        assert_eq!(calls, unit.footnote_calls, "{label}: calls of {}", unit.id);
        for piece in &placement.pieces {
            for line in rendering.text[piece.start..piece.end].lines().skip(1) {
                let first = line.split(char::is_whitespace).next().unwrap_or_default();
                assert!(
                    !looks_structural(first),
                    "{label}: line {line:?} inside {}",
                    unit.id
                );
            }
        }
    }
    for cut in &rendering.cuts {
        let before = rendering.text[..cut.before].trim_end_matches('*');
        let continuation = rendering.text[cut.after..].trim_start_matches('*');
        let first_word = continuation
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default();
        assert!(
            !looks_structural(first_word),
            "{label}: continuation {first_word:?}"
        );
        if cut.continuation == Continuation::Capital {
            assert!(
                !before.ends_with([',', ';', ':', '.']),
                "{label}: capital after {before:?}"
            );
        }
        assert!(cut.page > 0 && cut.after > cut.before, "{label}: {cut:?}");
    }
    let written: BTreeSet<u32> = rendering
        .footnotes
        .iter()
        .map(|footnote| footnote.number)
        .collect();
    for footnote in &document.footnotes {
        assert!(
            written.contains(&footnote.number),
            "{label}: footnote {}",
            footnote.number
        );
    }
    for placement in &rendering.footnotes {
        let risky = rendering
            .risks
            .iter()
            .any(|risk| risk.site == Site::Footnote(placement.number));
        if risky {
            continue;
        }
        let footnote = document
            .footnote(placement.number)
            .expect("written footnotes exist");
        let (text, _) = read_back(rendering, &[placement.span], None, &[]);
        assert_eq!(text, footnote.text, "{label}: footnote {}", footnote.number);
    }
    let form_feeds = rendering.text.matches('\u{c}').count();
    match rendering.style.shape() {
        Shape::PlainText => assert_eq!(form_feeds, rendering.pages.len(), "{label}"),
        Shape::Markdown => assert_eq!(form_feeds, 0, "{label}"),
    }
}

/// What a reader takes for the start of a paragraph, an item, a footnote or a page number.
fn looks_structural(word: &str) -> bool {
    let bytes = word.as_bytes();
    let short_closed =
        word.ends_with(')') && word.len() <= 6 && !word[..word.len() - 1].contains(' ');
    let opens_with_digit = bytes.first().is_some_and(u8::is_ascii_digit);
    let superscript = word.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']);
    let markup = word.starts_with(['#', '<', '[', '(', '–', '-', '•']);
    short_closed || opens_with_digit || superscript || markup
}

/// A table's text as the XML front-end joins it (cells ` | `, rows ` || `), read from its rows
/// without its calls.
pub fn read_back_table(rendering: &Rendering, pieces: &[Span], calls: &[(u32, Span)]) -> String {
    let mut rows = Vec::new();
    for piece in pieces {
        let mut text = String::new();
        let mut cursor = piece.start;
        for (_, call) in calls
            .iter()
            .filter(|(_, call)| piece.start <= call.start && call.end <= piece.end)
        {
            text.push_str(&rendering.text[cursor..call.start]);
            cursor = call.end;
        }
        text.push_str(&rendering.text[cursor..piece.end]);
        for line in text.lines() {
            let row = match rendering.style.shape() {
                Shape::Markdown => {
                    if line.chars().all(|c| matches!(c, '|' | '-' | ' ')) {
                        continue;
                    }
                    let inner = line.strip_prefix("| ").unwrap_or(line);
                    inner.strip_suffix(" |").unwrap_or(inner).to_string()
                }
                Shape::PlainText => line.replace("   ", " | "),
            };
            rows.push(row);
        }
    }
    rows.join(" || ")
}
