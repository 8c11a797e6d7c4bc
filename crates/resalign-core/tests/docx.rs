//! Data-driven tests of the DOCX front-end. Every folder under `fixtures/docx/` is a Word
//! package written by hand, part by part, with the habits of the program it imitates (see
//! `fixtures/docx/README.md`); it is zipped at test time, parsed, and its outline (source text
//! included) compared with a snapshot. Bad packages are made from the same fixtures.

mod support;
#[path = "support/tail.rs"]
mod tail;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use support::{metadata_lines, with_calls};
use tail::footnotes_diagnostics_and_source;
use zip::write::SimpleFileOptions;

use resalign_core::{Document, Language, Parser};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx")
}

/// A package's parts by name, zipped on demand.
#[derive(Clone)]
struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    fn fixture(name: &str) -> Package {
        let root = fixtures().join(name);
        let mut parts = BTreeMap::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder)
                .expect("fixture folder")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let name = path
                    .strip_prefix(&root)
                    .expect("inside the fixture")
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                parts.insert(name, std::fs::read(&path).expect("fixture part"));
            }
        }
        Package { parts }
    }

    fn with(mut self, name: &str, content: impl Into<Vec<u8>>) -> Package {
        self.parts.insert(name.to_string(), content.into());
        self
    }

    fn text(&self, name: &str) -> String {
        String::from_utf8(self.parts[name].clone()).expect("UTF-8 part")
    }

    fn zip(&self) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        // Word writes `[Content_Types].xml` first.
        let mut names: Vec<&String> = self.parts.keys().collect();
        names.sort_by_key(|name| (name.as_str() != "[Content_Types].xml", name.as_str()));
        for name in names {
            writer
                .start_file(name.as_str(), SimpleFileOptions::default())
                .expect("zip entry");
            writer.write_all(&self.parts[name]).expect("zip data");
        }
        writer.finish().expect("zip").into_inner()
    }
}

fn parse(bytes: &[u8]) -> Document {
    Parser::new()
        .parse_bytes(bytes)
        .unwrap_or_else(|error| panic!("{error}"))
}

fn refusal(bytes: &[u8]) -> (String, String) {
    let error = Parser::new()
        .parse_bytes(bytes)
        .expect_err("must be refused");
    (format!("{:?}", error.kind()), error.to_string())
}

#[test]
fn docx_fixtures_parse_as_recorded() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 3, "fixtures missing: {names:?}");
    for name in names {
        let document = parse(&Package::fixture(&name).zip());
        insta::assert_snapshot!(name.clone(), outline(&document));
    }
}

/// Everything the parser decided, and the source text the spans index.
fn outline(document: &Document) -> String {
    let mut out = metadata_lines(document);
    let _ = writeln!(out, "\nunits:");
    for unit in &document.units {
        let label = unit
            .label
            .as_ref()
            .map_or("-", |label| label.printed.as_str());
        let _ = writeln!(
            out,
            "{} [{}] label={} opening={:?}",
            unit.id,
            unit.kind.name(),
            label,
            unit.opening_phrase.as_deref().unwrap_or(""),
        );
        let _ = writeln!(out, "    {}", with_calls(&unit.text, &unit.footnote_calls));
        for span in &unit.spans {
            let _ = writeln!(
                out,
                "    source: {:?}",
                &document.source[span.start..span.end]
            );
        }
    }
    out.push_str(&footnotes_diagnostics_and_source(document));
    out
}

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

/// Files a user may pass for a Word document, each refused with an error that names the file
/// and says what it is.
#[test]
fn what_is_not_a_readable_word_document_is_named() {
    for (file, kind, message) in [
        (
            "encrypted.docx",
            "Encrypted",
            "this Word document is encrypted; save an unprotected copy first",
        ),
        (
            "word97.doc",
            "Binary",
            "this is a Microsoft Office (DOC) file",
        ),
        (
            "macros.docm",
            "MacroEnabled",
            "macro-enabled Word document (.docm); save it as .docx first",
        ),
        (
            "document.odt",
            "Malformed",
            "this is an OpenDocument text (.odt), not a Word document",
        ),
        (
            "archive.zip",
            "Malformed",
            "this is a ZIP archive (2 entries: notes.txt, agenda.txt) with no Word document in it",
        ),
        (
            "truncated.docx",
            "Malformed",
            "the ZIP archive is truncated or corrupt",
        ),
        ("bomb.docx", "TooLarge", "decompresses to more than 100 MB"),
    ] {
        let path = bad(file);
        let error = Parser::new()
            .parse_path(&path)
            .expect_err("must be refused");
        assert_eq!(error.path(), Some(path.as_path()), "{file}");
        let found = format!("{:?}", error.kind());
        assert!(found.starts_with(kind), "{file}: {found}");
        let shown = error.to_string();
        assert!(
            shown.starts_with(&path.display().to_string()) && shown.contains(message),
            "{file}: {shown}"
        );
    }
}

#[test]
fn other_office_packages_are_named() {
    let workbook = Package::fixture("en_strict").with(
        "[Content_Types].xml",
        Package::fixture("en_strict")
            .text("[Content_Types].xml")
            .replace(
                "wordprocessingml.document.main+xml",
                "spreadsheetml.sheet.main+xml",
            ),
    );
    let (kind, message) = refusal(&workbook.zip());
    assert!(kind.starts_with("Malformed"), "{kind}");
    assert!(
        message.contains("this Office file is an Excel workbook, not a Word document"),
        "{message}"
    );
}

#[test]
fn a_package_whose_document_part_is_missing_says_so() {
    let mut package = Package::fixture("en_strict");
    package.parts.remove("word/main.xml");
    let (_, message) = refusal(&package.zip());
    assert!(
        message
            .contains("the package names `word/main.xml` as its document, and holds no such part"),
        "{message}"
    );
}

#[test]
fn a_corrupt_entry_is_an_error_naming_the_part() {
    let bytes = Package::fixture("en_strict").zip();
    // The first entry's compressed data starts after its local header (30 bytes and the name).
    let name_length = usize::from(u16::from_le_bytes([bytes[26], bytes[27]]));
    let mut corrupt = bytes.clone();
    for byte in &mut corrupt[30 + name_length..30 + name_length + 8] {
        *byte ^= 0x5A;
    }
    let (kind, message) = refusal(&corrupt);
    assert!(kind.starts_with("Malformed"), "{kind}");
    assert!(
        message.contains("is corrupt") || message.contains("cannot be read"),
        "{message}"
    );
}

#[test]
fn too_many_entries_are_refused_before_any_is_read() {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for index in 0..10_001 {
        writer
            .start_file(format!("media/{index}.txt"), stored)
            .expect("entry");
    }
    let bytes = writer.finish().expect("zip").into_inner();
    let (kind, message) = refusal(&bytes);
    assert!(kind.starts_with("Malformed"), "{kind}");
    assert!(message.contains("holds 10001 entries"), "{message}");
}

#[test]
fn a_document_without_text_is_empty() {
    let package = Package::fixture("en_strict").with(
        "word/main.xml",
        r#"<document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><body><p/><p><r><t xml:space="preserve">   </t></r></p></body></document>"#,
    );
    let (kind, _) = refusal(&package.zip());
    assert_eq!(kind, "Empty");
}

#[test]
fn a_document_part_that_breaks_off_keeps_what_came_before() {
    let whole = Package::fixture("en_strict").text("word/main.xml");
    let cut = &whole[..whole.find("<p><r><t>12th plenary").expect("closing")];
    let package = Package::fixture("en_strict").with("word/main.xml", format!("{cut}<p><r></t>"));
    let document = parse(&package.zip());
    assert_eq!(document.units.len(), 5);
    assert!(
        document
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.message.contains("stops being well-formed XML")),
        "{:?}",
        document.diagnostics
    );
}

#[test]
fn a_forced_language_is_kept() {
    let mut parser = Parser::new();
    parser.language(Language::Es);
    let document = parser
        .parse_bytes(&Package::fixture("en_strict").zip())
        .expect("parses");
    assert_eq!(document.language, Language::Es);
}

/// Pieces of WordprocessingML, so that mutated documents hit the reader's rules.
fn markup_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<r>".to_string()),
        Just("</r>".to_string()),
        Just("<t>Decides</t>".to_string()),
        Just("<tab/>".to_string()),
        Just("<br/>".to_string()),
        Just("<tbl><tr><tc>".to_string()),
        Just("</tc></tr></tbl>".to_string()),
        Just("<tc>".to_string()),
        Just("<txbxContent>".to_string()),
        Just("<pPr><numPr><ilvl val=\"1\"/><numId val=\"1\"/></numPr></pPr>".to_string()),
        Just("<pPr><rPr><del/></rPr><sectPr/></pPr>".to_string()),
        Just("<rPr><vertAlign val=\"superscript\"/></rPr><t>3</t>".to_string()),
        Just("<footnoteReference id=\"7\"/>".to_string()),
        Just("<footnoteReference customMarkFollows=\"1\" id=\"8\"/>".to_string()),
        Just("<fldChar fldCharType=\"begin\"/>".to_string()),
        Just("<fldChar fldCharType=\"separate\"/>".to_string()),
        Just("<fldChar fldCharType=\"end\"/>".to_string()),
        Just("<instrText> NOTEREF _Ref </instrText>".to_string()),
        Just("<del><r><delText>x</delText></r></del>".to_string()),
        Just("<sym font=\"Symbol\" char=\"F0B0\"/>".to_string()),
        Just("&amp;&#x1F600;&#0;&bogus;".to_string()),
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Mutated bytes of a real package: refused or parsed, never a panic.
    #[test]
    fn mutated_packages_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = Package::fixture("es_word").zip();
        for (at, value) in edits {
            let index = at.index(bytes.len());
            bytes[index] = value;
        }
        if truncate {
            let keep = cut.index(bytes.len());
            bytes.truncate(keep);
        }
        if let Ok(document) = Parser::new().parse_bytes(&bytes) {
            check_spans(&document)?;
        }
    }

    /// A document part with pieces of markup put in anywhere, tags cut and left open.
    #[test]
    fn mutated_document_parts_never_panic(
        insertions in prop::collection::vec((any::<prop::sample::Index>(), markup_piece()), 0..16),
        removal in prop::option::of((any::<prop::sample::Index>(), 0usize..200)),
    ) {
        let mut xml = Package::fixture("en_strict").text("word/main.xml");
        for (at, piece) in insertions {
            let mut index = at.index(xml.len() + 1);
            while !xml.is_char_boundary(index) {
                index -= 1;
            }
            xml.insert_str(index, &piece);
        }
        if let Some((at, length)) = removal {
            let mut start = at.index(xml.len() + 1);
            while !xml.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + length).min(xml.len());
            while !xml.is_char_boundary(end) {
                end -= 1;
            }
            xml.replace_range(start..end, "");
        }
        let package = Package::fixture("en_strict").with("word/main.xml", xml);
        if let Ok(document) = Parser::new().parse_bytes(&package.zip()) {
            check_spans(&document)?;
        }
    }
}

/// A numbering definition level with any start, format, text and restart.
fn numbering_level() -> impl Strategy<Value = String> {
    (
        0u8..12,
        prop_oneof![Just(0u64), Just(1), Just(399), Just(400), Just(u64::from(u32::MAX))],
        prop_oneof![
            Just("decimal"),
            Just("lowerLetter"),
            Just("upperRoman"),
            Just("bullet"),
            Just("none"),
            Just("ordinalText"),
        ],
        prop_oneof![Just("%1."), Just("(%2)"), Just("%3)%9%%0"), Just(""), Just("%")],
        prop::option::of(0u8..10),
    )
        .prop_map(|(level, start, format, text, restart)| {
            let restart = restart.map_or(String::new(), |after| {
                format!("<w:lvlRestart w:val=\"{after}\"/>")
            });
            format!(
                "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/>{restart}</w:lvl>"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Any numbering definitions under the fixture's numbered paragraphs.
    #[test]
    fn any_numbering_definitions_parse(levels in prop::collection::vec(numbering_level(), 0..12)) {
        let numbering = format!(
            "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\">{}</w:abstractNum><w:abstractNum w:abstractNumId=\"2\"><w:numStyleLink w:val=\"OperativeList\"/></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/></w:num><w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4294967295\"/></w:lvlOverride></w:num></w:numbering>",
            levels.concat()
        );
        let package = Package::fixture("en_word").with("word/numbering.xml", numbering);
        let document = parse(&package.zip());
        check_spans(&document)?;
    }
}

fn check_spans(document: &Document) -> Result<(), TestCaseError> {
    for unit in &document.units {
        for span in &unit.spans {
            prop_assert!(span.start <= span.end && span.end <= document.source.len());
            prop_assert!(document.source.is_char_boundary(span.start));
            prop_assert!(document.source.is_char_boundary(span.end));
        }
        for call in &unit.footnote_calls {
            prop_assert!(call.offset <= unit.text.len());
            prop_assert!(unit.text.is_char_boundary(call.offset));
        }
    }
    Ok(())
}
