//! Data-driven tests of the AKN4UN XML front-end: every fixture under `fixtures/xml/` (small
//! resolutions written for these tests, one structure each; see `fixtures/xml/README.md`) is
//! parsed and its outline compared with a snapshot; English and Spanish fixtures of one
//! resolution must get the same ids; the vote record of the conclusions is one unit as printed;
//! and no input, however broken, makes the parser panic.

mod support;

use std::fmt::Write;
use std::path::PathBuf;

use proptest::prelude::*;
use support::{metadata_lines, with_calls};

use resalign_core::{
    DiagnosticCode, Document, ErrorKind, Language, Parser, SourceFormat, UnitKind,
};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xml")
        .join(name)
}

fn parse(name: &str) -> Document {
    Parser::new()
        .parse_path(fixture(name))
        .unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn xml_fixtures_parse_as_recorded() {
    insta::glob!("fixtures/xml/*.xml", |path| {
        let document = Parser::new()
            .parse_path(path)
            .unwrap_or_else(|error| panic!("{error}"));
        insta::assert_snapshot!(outline(&document));
    });
}

#[test]
fn english_and_spanish_fixtures_of_one_resolution_get_the_same_ids() {
    for (english, spanish) in [
        ("en_ga.xml", "es_ga.xml"),
        ("en_repairs.xml", "es_repairs.xml"),
        ("en_vote.xml", "es_vote.xml"),
    ] {
        let (english, spanish) = (parse(english), parse(spanish));
        let ids = |document: &Document| {
            document
                .units
                .iter()
                .map(|unit| (unit.id.clone(), unit.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&english), ids(&spanish));
        assert_eq!(english.language, Language::En);
        assert_eq!(spanish.language, Language::Es);
        let numbers = |document: &Document| {
            document
                .footnotes
                .iter()
                .map(|footnote| footnote.number)
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(&english), numbers(&spanish));
    }
}

#[test]
fn other_languages_are_refused_unless_the_caller_names_one() {
    let error = Parser::new()
        .parse_path(fixture("refused/fr_ga.xml"))
        .expect_err("a French resolution is refused");
    assert!(
        matches!(error.kind(), ErrorKind::UnsupportedLanguage { found } if found == "fra"),
        "{error}"
    );
    let forced = Parser::new()
        .language(Language::En)
        .parse_path(fixture("refused/fr_ga.xml"))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(forced.language, Language::En);
    assert_eq!(forced.units.len(), 2);
}

#[test]
fn xml_is_recognised_without_being_told() {
    let document = parse("en_ga.xml");
    assert_eq!(document.format, SourceFormat::AknXml);
}

#[test]
fn every_unit_span_covers_its_element() {
    for name in [
        "en_ga.xml",
        "en_sc.xml",
        "en_annex_table.xml",
        "es_repairs.xml",
        "en_vote.xml",
    ] {
        let document = parse(name);
        for unit in &document.units {
            let source = document.slice(unit.span());
            assert!(source.starts_with('<'), "{name} {}: {source:.40}", unit.id);
            assert!(source.ends_with('>'), "{name} {}: {source:.40}", unit.id);
        }
        for footnote in &document.footnotes {
            let source = footnote
                .spans
                .first()
                .map_or("", |span| document.slice(*span));
            assert!(source.starts_with("<authorialNote"), "{name}: {source:.40}");
        }
    }
}

#[test]
fn a_vote_record_is_one_unit_of_the_body_as_printed() {
    for (name, printed) in [
        (
            "en_vote.xml",
            "[Adopted by a recorded vote of 5 to 3, with 2 abstentions. The voting was as follows: \
             In favour: Algeria, Bangladesh, Bolivia (Plurinational State of), China and Viet Nam \
             Against: Belgium, United Kingdom of Great Britain and Northern Ireland and United \
             States of America Abstaining: Costa Rica and Mexico]",
        ),
        (
            "es_vote.xml",
            "[Aprobada en votación registrada por 5 votos contra 3 y 2 abstenciones. El resultado \
             de la votación fue el siguiente: Votos a favor: Argelia, Bangladesh, Bolivia (Estado \
             Plurinacional de), China y Viet Nam. Votos en contra: Bélgica, Estados Unidos de \
             América y Reino Unido de Gran Bretaña e Irlanda del Norte. Abstenciones: Costa Rica \
             y México.]",
        ),
        ("en_hrc.xml", "[Adopted without a vote.]"),
    ] {
        let document = parse(name);
        let votes: Vec<_> = document
            .units
            .iter()
            .filter(|unit| unit.kind == UnitKind::Vote)
            .collect();
        assert_eq!(votes.len(), 1, "{name}");
        assert_eq!(votes[0].id.as_str(), "vote.1", "{name}");
        assert_eq!(votes[0].text, printed, "{name}");
        // The closing lines stay metadata; the record follows the body, before any annex.
        assert!(document.metadata.closing.is_some(), "{name}");
        let after: Vec<&str> = document
            .units
            .iter()
            .skip_while(|unit| unit.kind != UnitKind::Vote)
            .skip(1)
            .map(|unit| unit.id.as_str())
            .collect();
        assert!(
            after.iter().all(|id| id.starts_with("annex")),
            "{name}: {after:?}"
        );
    }
}

#[test]
fn a_broken_file_is_repaired_with_diagnostics() {
    let document = parse("es_repairs.xml");
    let malformed = document
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code == DiagnosticCode::MalformedXml)
        .count();
    assert!(malformed >= 3, "{:#?}", document.diagnostics);
}

/// What the parser decided, readable: metadata, then every unit with its place and text
/// (footnote calls shown as `[^N]` where they stood), footnotes and diagnostics.
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
        let element: String = document
            .slice(unit.span())
            .chars()
            .take(32)
            .collect::<String>()
            .replace(['\n', '\r', '\t'], " ");
        let _ = writeln!(
            out,
            "{} [{}] label={} parent={} eid={} opening={:?}\n    from: {element}\n    text: {}",
            unit.id,
            unit.kind.name(),
            label,
            parent,
            unit.eid.as_deref().unwrap_or("-"),
            unit.opening_phrase.as_deref().unwrap_or(""),
            with_calls(&unit.text, &unit.footnote_calls)
        );
    }
    let _ = writeln!(out, "\nfootnotes:");
    for footnote in &document.footnotes {
        let _ = writeln!(
            out,
            "{} eid={}: {}",
            footnote.number,
            footnote.eid.as_deref().unwrap_or("-"),
            footnote.text
        );
    }
    let _ = writeln!(out, "\ndiagnostics:");
    for diagnostic in &document.diagnostics {
        let _ = writeln!(out, "{diagnostic}");
    }
    out
}

/// Pieces of AKN4UN markup, recombined at random into documents of any shape.
fn xml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<akomaNtoso>".to_string()),
        Just("<statement name=\"resolution\">".to_string()),
        Just(
            "<meta><FRBRExpression><FRBRlanguage language=\"spa\"/></FRBRExpression></meta>"
                .to_string()
        ),
        Just("<preamble>".to_string()),
        Just("<mainBody>".to_string()),
        Just("<paragraph class=\"H23\">".to_string()),
        Just("<paragraph eId=\"para_1\">".to_string()),
        Just("<num>1.</num>".to_string()),
        Just("<num>(a)</num>".to_string()),
        Just("<content><p>".to_string()),
        Just("</p></content>".to_string()),
        Just("<list><intro><p>Decides:</p></intro>".to_string()),
        Just("<point><num>(i)</num><content><p>".to_string()),
        Just("<container name=\"Recalling\"><p>".to_string()),
        Just("<authorialNote marker=\"1\"><p>A/75/1.</p></authorialNote>".to_string()),
        Just("<sup>1</sup>".to_string()),
        Just("<span class=\"italic\">".to_string()),
        Just("</span>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<attachments><attachment><doc name=\"annex\"><mainBody>".to_string()),
        Just("<subheading>Annex II</subheading>".to_string()),
        Just("<section><num>I</num>".to_string()),
        Just("<conclusions><p><vote><outcome>[Adopted by a recorded vote of ".to_string()),
        Just("<outcome refersTo=\"against\">Against:<eol/><organization>".to_string()),
        Just("</organization></outcome>".to_string()),
        Just("</outcome></vote></p></conclusions>".to_string()),
        Just("<embeddedStructure>".to_string()),
        Just("<![CDATA[a < b]]>".to_string()),
        Just("&amp;&#x9;&#xD800;&unknown;&".to_string()),
        Just("</paragraph>".to_string()),
        Just("</mainBody></statement>".to_string()),
        Just("</nothing>".to_string()),
        Just("<".to_string()),
        Just("<!--".to_string()),
        "[a-zA-Z0-9 .,;:()\u{a0}\u{200e}é\t\n]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let mut parser = Parser::new();
        parser.format(SourceFormat::AknXml);
        let _ = parser.parse_str(&text);
    }

    #[test]
    fn arbitrary_markup_never_panics(pieces in prop::collection::vec(xml_piece(), 0..40)) {
        let mut parser = Parser::new();
        parser.format(SourceFormat::AknXml);
        if let Ok(document) = parser.parse_str(&pieces.concat()) {
            for unit in &document.units {
                for call in &unit.footnote_calls {
                    prop_assert!(unit.text.is_char_boundary(call.offset));
                }
                prop_assert!(unit.span().end <= document.source.len());
            }
        }
    }
}
