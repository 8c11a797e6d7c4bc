//! Data-driven tests of the DOCX front-end. Every folder under `fixtures/docx/` is a Word
//! package written by hand, part by part, with the habits of the program it imitates (see
//! `fixtures/docx/README.md`); it is zipped at test time, parsed, and its outline (source text
//! included) compared with a snapshot. Bad packages are made from the same fixtures.

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use support::{metadata_lines, with_calls};
use zip::write::SimpleFileOptions;

use resalign_core::{Document, ErrorKind, Language, Parser};

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
    assert!(!names.is_empty(), "fixtures missing");
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
    let _ = writeln!(out, "\nfootnotes:");
    for footnote in &document.footnotes {
        let _ = writeln!(out, "  {}: {}", footnote.number, footnote.text);
    }
    let _ = writeln!(out, "\ndiagnostics:");
    for diagnostic in &document.diagnostics {
        let _ = writeln!(
            out,
            "  {} {:?}: {}",
            diagnostic.severity, diagnostic.code, diagnostic.message
        );
    }
    let _ = writeln!(out, "\nsource:\n{}", document.source);
    out
}
