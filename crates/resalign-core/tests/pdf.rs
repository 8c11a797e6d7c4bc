//! The PDF front-end: every page description under `fixtures/pdf/` (see its README) is built into
//! a PDF and read back, its outline compared with a snapshot; bad PDFs are errors that name the
//! file; and no mutation of a PDF makes the reader panic. (The two official PDFs are pinned by
//! the root package's `tests/pdf_official.rs`.)

#![cfg(feature = "pdf")]

mod pdf_fixture;
mod support;
#[path = "support/tail.rs"]
mod tail;

use std::fmt::Write;

use proptest::prelude::*;
use resalign_core::{Document, Language, Parser};
use support::{metadata_lines, with_calls};
use tail::footnotes_diagnostics_and_source;

fn read(bytes: &[u8]) -> Document {
    Parser::new()
        .parse_bytes(bytes)
        .unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn page_descriptions_read_as_recorded() {
    insta::glob!("fixtures/pdf/*.page", |path| {
        let description = std::fs::read_to_string(path).expect("fixture");
        let document = read(&pdf_fixture::build(&description));
        insta::assert_snapshot!(outline(&document));
    });
}

/// Metadata, every unit with its calls and opening phrase, footnotes, diagnostics, and the
/// source text the spans index.
fn outline(document: &Document) -> String {
    let mut out = metadata_lines(document);
    let _ = writeln!(out, "\nunits:");
    for unit in &document.units {
        let pieces: Vec<&str> = unit
            .spans
            .iter()
            .map(|span| &document.source[span.start..span.end])
            .collect();
        let _ = writeln!(
            out,
            "{} [{}] opening={:?} spans={}",
            unit.id,
            unit.kind.name(),
            unit.opening_phrase.as_deref().unwrap_or(""),
            pieces.len()
        );
        let _ = writeln!(out, "    {}", with_calls(&unit.text, &unit.footnote_calls));
    }
    out.push_str(&footnotes_diagnostics_and_source(document));
    out
}

fn fixture_path(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

fn resolution() -> String {
    std::fs::read_to_string(fixture_path("en_resolution.page")).expect("fixture")
}

/// The error a bad PDF gives, read from a file so that the message must name it.
fn error_for(name: &str, bytes: &[u8]) -> (String, String) {
    let folder = std::env::temp_dir().join(format!("resalign-pdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temporary folder");
    let path = folder.join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    let error = Parser::new()
        .parse_path(&path)
        .expect_err("a bad PDF is an error");
    let _ = std::fs::remove_file(&path);
    assert_eq!(error.path(), Some(path.as_path()));
    let message = error.to_string();
    assert!(message.contains(name), "{message}");
    (format!("{:?}", error.kind()), message)
}

/// The fixture resolution encrypted (RC4, 128 bits) with `user_password`; an empty one opens
/// for anyone.
fn encrypted_resolution(user_password: &str) -> Vec<u8> {
    let mut document = pdf_fixture::build_document(&resolution());
    let id = lopdf::Object::string_literal(b"resalign-fixture".to_vec());
    document.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &document,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::default(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("an encryption state");
    document.encrypt(&state).expect("encrypted");
    pdf_fixture::to_bytes(document)
}

#[test]
fn a_pdf_that_needs_a_password_is_refused_as_encrypted() {
    let (kind, message) = error_for("locked.pdf", &encrypted_resolution("reader"));
    assert!(kind.starts_with("Encrypted"), "{kind}");
    assert!(
        message.ends_with("locked.pdf: this PDF is encrypted; save an unprotected copy first"),
        "{message}"
    );
}

#[test]
fn a_pdf_anyone_may_open_is_read_though_it_is_encrypted() {
    let plain = read(&pdf_fixture::build(&resolution()));
    let protected = read(&encrypted_resolution(""));
    assert_eq!(outline(&protected), outline(&plain));
}

#[test]
fn a_scan_without_text_needs_ocr() {
    let mut document = pdf_fixture::build_document("page\nrule 72 540 400\npage\nrule 72 540 400");
    for (_, page) in document.get_pages() {
        document
            .add_page_contents(page, b"q 612 0 0 792 0 0 cm 0.5 g 0 0 1 1 re f Q".to_vec())
            .expect("page content");
    }
    let (kind, message) = error_for("scan.pdf", &pdf_fixture::to_bytes(document));
    assert_eq!(kind, "NoTextLayer { pages: 2 }");
    assert!(message.ends_with("run OCR on it first"), "{message}");
}

#[test]
fn a_truncated_pdf_is_named_truncated() {
    let bytes = pdf_fixture::build(&resolution());
    for cut in [bytes.len() / 3, bytes.len() * 2 / 3, bytes.len() - 40] {
        let (kind, message) = error_for("cut.pdf", &bytes[..cut]);
        assert!(kind.starts_with("Malformed"), "{kind}");
        assert!(
            message.contains("cut.pdf: cannot read this PDF: it is truncated or corrupt"),
            "{message}"
        );
    }
}

#[test]
fn a_corrupt_pdf_is_named_corrupt() {
    let mut bytes = pdf_fixture::build(&resolution());
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..] {
        *byte = b'#';
    }
    let (kind, message) = error_for("noise.pdf", &bytes);
    assert!(kind.starts_with("Malformed"), "{kind}");
    assert!(
        message.contains("noise.pdf: cannot read this PDF: it is truncated or corrupt"),
        "{message}"
    );
}

/// `fixtures/pdf/bomb.pdf` (made by `make_bomb.py`) is 2 KB and decompresses to 1 GB.
#[test]
fn a_decompression_bomb_is_refused_within_the_limit() {
    let bytes = std::fs::read(fixture_path("bomb.pdf")).expect("fixture");
    let (kind, message) = error_for("bomb.pdf", &bytes);
    assert!(kind.starts_with("TooLarge"), "{kind}");
    assert!(
        message.ends_with(
            "bomb.pdf: this PDF decompresses to more than 64 MB, far more than any resolution"
        ),
        "{message}"
    );
}

/// A form that draws itself, and `q` without `Q` to no end: junk that must end.
#[test]
fn content_that_never_ends_is_read_to_its_end() {
    let mut document = pdf_fixture::build_document(&resolution());
    let form = document.new_object_id();
    let mut form_dict = lopdf::Dictionary::new();
    form_dict.set("Type", "XObject");
    form_dict.set("Subtype", "Form");
    form_dict.set("BBox", vec![0.into(), 0.into(), 612.into(), 792.into()]);
    let mut xobjects = lopdf::Dictionary::new();
    xobjects.set("X1", form);
    let mut resources = lopdf::Dictionary::new();
    resources.set("XObject", xobjects);
    form_dict.set("Resources", resources.clone());
    document.objects.insert(
        form,
        lopdf::Object::Stream(lopdf::Stream::new(
            form_dict,
            b"q q q /X1 Do /X1 Do".to_vec(),
        )),
    );
    for (_, page) in document.get_pages() {
        document
            .add_page_contents(page, "q ".repeat(10_000).into_bytes())
            .expect("page content");
        if let Ok(page) = document.get_dictionary_mut(page) {
            let fonts = page.get(b"Resources").ok().cloned();
            let mut merged = resources.clone();
            if let Some(lopdf::Object::Reference(id)) = fonts {
                merged.set("Font", lopdf::Object::Reference(id));
            }
            page.set("Resources", merged);
        }
    }
    let _ = Parser::new().parse_bytes(&pdf_fixture::to_bytes(document));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Bytes changed, cut or inserted anywhere in a PDF: an error or a document, never a panic.
    #[test]
    fn mutated_pdfs_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..12),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = PDF.clone();
        for (place, byte, action) in edits {
            let at = place.index(bytes.len());
            match action {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => { bytes.remove(at); }
            }
        }
        let _ = Parser::new().parse_bytes(&bytes);
        let _ = Parser::new().parse_bytes(&bytes[..cut.index(bytes.len())]);
    }

    /// Any operators with any operands in a page's content stream.
    #[test]
    fn arbitrary_content_streams_never_panic(content in prop::collection::vec(content_token(), 0..200)) {
        let mut document = pdf_fixture::build_document(&resolution());
        for (_, page) in document.get_pages() {
            document.add_page_contents(page, content.concat().into_bytes()).expect("page content");
        }
        let mut parser = Parser::new();
        parser.language(Language::En);
        if let Ok(document) = parser.parse_bytes(&pdf_fixture::to_bytes(document)) {
            for unit in &document.units {
                for span in &unit.spans {
                    prop_assert!(span.start <= span.end && span.end <= document.source.len());
                }
                for call in &unit.footnote_calls {
                    prop_assert!(unit.text.is_char_boundary(call.offset));
                }
            }
        }
    }
}

static PDF: std::sync::LazyLock<Vec<u8>> =
    std::sync::LazyLock::new(|| pdf_fixture::build(&resolution()));

fn content_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("BT ".to_string()),
        Just("ET ".to_string()),
        Just("/F1 10 Tf ".to_string()),
        Just("/F9 10 Tf ".to_string()),
        Just("(Recalling) Tj ".to_string()),
        Just("[(a) -300 (b)] TJ ".to_string()),
        Just("1 0 0 1 100 700 Tm ".to_string()),
        Just("0 -1e38 Td ".to_string()),
        Just("3 Ts ".to_string()),
        Just("0 1 -1 0 0 0 cm ".to_string()),
        Just("q ".to_string()),
        Just("Q ".to_string()),
        Just("100 100 200 0.5 re f ".to_string()),
        Just("/X1 Do ".to_string()),
        Just("BI /W 1 ID \u{0}\u{1} EI ".to_string()),
        Just("<< /A [1 2 ".to_string()),
        "[ -~]{0,12}",
        "-?[0-9]{1,6}(\\.[0-9]{1,3})? ",
    ]
}
