//! Input that cannot be a resolution is an error naming the file and the problem; anything else,
//! however odd, parses into a document with diagnostics and never panics.

use std::path::PathBuf;

use proptest::prelude::*;
use resalign_core::{ErrorKind, Language, Parser, SourceFormat};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

fn error_message(name: &str) -> (String, String) {
    let path = fixture(name);
    let error = Parser::new()
        .parse_path(&path)
        .expect_err("bad input must be an error");
    assert_eq!(error.path(), Some(path.as_path()));
    (format!("{:?}", error.kind()), error.to_string())
}

#[test]
fn blank_input_is_empty() {
    let (kind, message) = error_message("blank.txt");
    assert_eq!(kind, "Empty");
    assert!(
        message.ends_with("blank.txt: empty input: no text to parse"),
        "{message}"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn a_pdf_that_is_not_one_is_named_as_such() {
    let (kind, message) = error_message("binary.pdf");
    assert!(kind.starts_with("Malformed"), "{kind}");
    assert!(
        message.ends_with(
            "binary.pdf: cannot read this PDF: it is truncated or corrupt (no cross-reference table could be read)"
        ),
        "{message}"
    );
}

#[test]
fn binary_input_names_the_byte() {
    let (_, message) = error_message("binary.dat");
    assert!(
        message.ends_with("binary.dat: binary data, not text: control byte at offset 6"),
        "{message}"
    );
}

#[test]
fn invalid_utf8_gives_the_offset() {
    let (kind, message) = error_message("latin1.txt");
    assert_eq!(kind, "NotUtf8 { offset: 75 }");
    assert!(
        message.ends_with("latin1.txt: not UTF-8 text: invalid byte at offset 75"),
        "{message}"
    );
}

#[test]
fn a_french_text_is_refused_unless_a_language_is_forced() {
    let (kind, _) = error_message("french.md");
    assert!(kind.starts_with("UnsupportedLanguage"), "{kind}");
    let mut parser = Parser::new();
    parser.language(Language::Es);
    assert!(parser.parse_path(fixture("french.md")).is_ok());
}

#[test]
fn a_missing_file_is_an_error_that_names_it() {
    let error = Parser::new()
        .parse_path(fixture("no-such-file.md"))
        .expect_err("missing file");
    assert!(matches!(error.kind(), ErrorKind::Io(_)));
    assert!(error.to_string().contains("no-such-file.md: cannot read"));
}

/// Pieces converted resolutions are made of, so random documents hit the parser's rules.
fn resolution_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("The General Assembly,\n".to_string()),
        Just("La Asamblea General,\n".to_string()),
        Just("*Recalling* its resolution 64/293 of 30 July 2010,<sup>1</sup>\n".to_string()),
        Just("Recordando su resolución 64/293, de 30 de julio de 2010¹,\n".to_string()),
        Just("1. *Requests* the Secretary-General to report;\n".to_string()),
        Just("(a) item;\n".to_string()),
        Just("a) inciso;\n".to_string()),
        Just("(ii) ".to_string()),
        Just("---\n".to_string()),
        Just("\u{c}".to_string()),
        Just("__________\n".to_string()),
        Just("<sup>2</sup> United Nations, *Treaty Series*, vol. 2225, No. 39574.\n".to_string()),
        Just("² Naciones Unidas, vol. 2225, núm. 39574.\n".to_string()),
        Just("# Economic and Social Council\n".to_string()),
        Just("72/195. Title\n".to_string()),
        Just("*47th plenary meeting  \n25 July 2013*\n".to_string()),
        Just("Annex\n".to_string()),
        Just("\n".to_string()),
        Just("*".to_string()),
        Just("<sup>".to_string()),
        Just("&amp".to_string()),
        Just("\\".to_string()),
        "\\PC{0,40}",
        ".{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parsing_never_panics(pieces in prop::collection::vec(resolution_piece(), 0..40)) {
        let text: String = pieces.concat();
        for format in [SourceFormat::Markdown, SourceFormat::PlainText, SourceFormat::AknXml] {
            let mut parser = Parser::new();
            parser.format(format).language(Language::En);
            if let Ok(document) = parser.parse_str(&text) {
                for unit in &document.units {
                    for span in &unit.spans {
                        prop_assert!(span.start <= span.end && span.end <= document.source.len());
                    }
                    for call in &unit.footnote_calls {
                        prop_assert!(call.offset <= unit.text.len());
                        prop_assert!(unit.text.is_char_boundary(call.offset));
                    }
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = Parser::new().parse_bytes(&bytes);
    }
}
