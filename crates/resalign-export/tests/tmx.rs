//! TMX export: read back with quick-xml and checked against the rules of the TMX 1.4b DTD
//! (element order, required attributes, Level 1 segments), the texts and ids compared with the
//! links they came from, and read again with Translate Toolkit where it is installed.

mod fixture;

use anyhow::{Context, Result, ensure};
use resalign_align::PairVerdict;
use resalign_export::ErrorKind;
use resalign_export::report::LinkRecord;
use resalign_export::tmx::{TmxCounts, TmxWriter, TmxWriterBuilder, UntrustedPairs};

use fixture::xml::{Element, XmlDocument, parse};
use fixture::{Pair, frozen};

const HEADER_ATTRIBUTES: [(&str, &str); 6] = [
    ("creationtool", "resalign"),
    ("segtype", "paragraph"),
    ("o-tmf", "resalign"),
    ("adminlang", "en"),
    ("srclang", "en"),
    ("datatype", "plaintext"),
];

/// The attributes the DTD allows on `<tu>`.
const TU_ATTRIBUTES: [&str; 14] = [
    "tuid",
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "segtype",
    "changeid",
    "o-tmf",
    "srclang",
];

fn write_pairs(builder: &TmxWriterBuilder, pairs: &[&Pair]) -> Result<(String, TmxCounts)> {
    let mut writer = builder.build(Vec::new())?;
    for pair in pairs {
        writer.add_pair(&pair.en, &pair.es, &pair.alignment)?;
    }
    let counts = writer.counts();
    Ok((String::from_utf8(writer.finish()?)?, counts))
}

/// The rules of the TMX 1.4b DTD for what resalign writes, and the bilingual shape CAT tools
/// import: two `<tuv>` per `<tu>`, Level 1 segments.
fn check_structure(document: &XmlDocument, english: &str, spanish: &str) -> Result<()> {
    let declaration = document.declaration.as_deref().unwrap_or_default();
    ensure!(declaration.contains(r#"version="1.0""#) && declaration.contains("UTF-8"));
    ensure!(document.doctype.as_deref() == Some(r#"tmx SYSTEM "tmx14.dtd""#));
    let tmx = &document.root;
    ensure!(tmx.name == "tmx" && tmx.required("version")? == "1.4");
    ensure!(
        tmx.child_names() == ["header", "body"],
        "{:?}",
        tmx.child_names()
    );
    ensure!(tmx.has_element_content_only());
    check_header(tmx.child("header")?, english)?;
    let body = tmx.child("body")?;
    ensure!(body.has_element_content_only());
    for tu in body.elements() {
        ensure!(tu.name == "tu", "<body> holds <{}>", tu.name);
        check_unit(tu, english, spanish).with_context(|| format!("{tu:?}"))?;
    }
    Ok(())
}

fn check_header(header: &Element, english: &str) -> Result<()> {
    for (name, value) in HEADER_ATTRIBUTES {
        let expected = if name == "srclang" { english } else { value };
        ensure!(header.required(name)? == expected, "header {name}");
    }
    ensure!(header.required("creationtoolversion")? == env!("CARGO_PKG_VERSION"));
    ensure!(
        header
            .elements()
            .all(|child| ["note", "prop", "ude"].contains(&child.name.as_str()))
    );
    ensure!(header.child("note")?.text().contains("left out"));
    Ok(())
}

fn check_unit(tu: &Element, english: &str, spanish: &str) -> Result<()> {
    ensure!(tu.has_element_content_only());
    for (name, _) in &tu.attributes {
        ensure!(
            TU_ATTRIBUTES.contains(&name.as_str()),
            "tu attribute {name}"
        );
    }
    let names = tu.child_names();
    let first_variant = names
        .iter()
        .position(|name| *name == "tuv")
        .context("no tuv")?;
    ensure!(
        names[..first_variant]
            .iter()
            .all(|name| ["note", "prop"].contains(name))
    );
    ensure!(names[first_variant..] == ["tuv", "tuv"], "{names:?}");
    for prop in tu.children_named("prop") {
        ensure!(prop.required("type")?.starts_with("x-"));
        ensure!(prop.elements().next().is_none());
    }
    let languages: Vec<&str> = tu
        .children_named("tuv")
        .map(|tuv| tuv.required("xml:lang"))
        .collect::<Result<_>>()?;
    ensure!(languages == [english, spanish]);
    for tuv in tu.children_named("tuv") {
        ensure!(tuv.has_element_content_only());
        let names = tuv.child_names();
        ensure!(names.last() == Some(&"seg") && names.iter().filter(|n| **n == "seg").count() == 1);
        let seg = tuv.child("seg")?;
        ensure!(
            seg.elements().next().is_none(),
            "Level 1 segments hold text only"
        );
        ensure!(!seg.text().is_empty(), "an empty segment");
    }
    Ok(())
}

/// The props of a `<tu>` by type, in order.
fn props(tu: &Element, kind: &str) -> Vec<String> {
    tu.children_named("prop")
        .filter(|prop| prop.attribute("type") == Some(kind))
        .map(Element::text)
        .collect()
}

fn segments(tu: &Element) -> Result<Vec<String>> {
    tu.children_named("tuv")
        .map(|tuv| Ok(tuv.child("seg")?.text()))
        .collect()
}

fn paired_records(pair: &Pair) -> Result<Vec<LinkRecord>> {
    Ok(LinkRecord::all(&pair.en, &pair.es, &pair.alignment)?
        .into_iter()
        .filter(|record| !record.en_text.trim().is_empty() && !record.es_text.trim().is_empty())
        .collect())
}

fn every_link_with_two_sides_becomes_a_translation_unit() -> Result<()> {
    let pair = frozen("faults")?;
    let (text, counts) = write_pairs(&TmxWriterBuilder::new(), &[&pair])?;
    let document = parse(&text)?;
    check_structure(&document, "en", "es")?;

    let records = paired_records(&pair)?;
    let units: Vec<&Element> = document.root.child("body")?.elements().collect();
    assert_eq!(units.len(), records.len());
    assert_eq!(
        counts,
        TmxCounts {
            pairs: 1,
            untrusted_pairs: 0,
            translation_units: 12,
            one_sided_links: 2,
            long_segments: 1,
            flagged_links: 0,
        }
    );
    for (tu, record) in units.iter().zip(&records) {
        assert_eq!(props(tu, "x-doc-symbol"), ["A/RES/78/999"]);
        assert_eq!(props(tu, "x-en-ids"), [record.en.join(" ")]);
        assert_eq!(props(tu, "x-es-ids"), [record.es.join(" ")]);
        assert_eq!(props(tu, "x-link-shape"), [record.shape.as_str()]);
        assert_eq!(props(tu, "x-align-score"), [format!("{:.4}", record.score)]);
        let expected = [
            record.en_text.replace('\n', " "),
            record.es_text.replace('\n', " "),
        ];
        assert_eq!(segments(tu)?, expected, "{:?}", record.en);
    }
    Ok(())
}

fn markup_characters_survive_the_round_trip() -> Result<()> {
    let pair = frozen("faults")?;
    let (text, _) = write_pairs(&TmxWriterBuilder::new(), &[&pair])?;
    let document = parse(&text)?;
    let segments: Vec<String> = document
        .root
        .child("body")?
        .elements()
        .map(segments)
        .collect::<Result<Vec<_>>>()?
        .concat();
    for needle in [
        "(< 0.5 %)",
        "research & development (\"R&D\")",
        "Children's",
    ] {
        assert!(
            segments.iter().any(|segment| segment.contains(needle)),
            "{needle} was not read back"
        );
    }
    assert!(!text.contains("(< 0.5"), "`<` written unescaped");
    assert!(!text.contains("& dev"), "`&` written unescaped");
    Ok(())
}

fn characters_xml_cannot_carry_become_replacement_characters() -> Result<()> {
    let mut pair = frozen("faults")?;
    pair.en.units[0].text = "Page\u{c}break and a bell\u{7}, kept\ttab".to_owned();
    let (text, _) = write_pairs(&TmxWriterBuilder::new(), &[&pair])?;
    let document = parse(&text)?;
    let first = document.root.child("body")?.child("tu")?;
    assert_eq!(
        segments(first)?[0],
        "Page\u{FFFD}break and a bell\u{FFFD}, kept\ttab"
    );
    Ok(())
}

fn long_segments_are_flagged_not_cut() -> Result<()> {
    let pair = frozen("faults")?;
    let mut builder = TmxWriterBuilder::new();
    let (text, counts) = write_pairs(&builder, &[&pair])?;
    let document = parse(&text)?;
    let flagged: Vec<(Vec<String>, Vec<String>)> = document
        .root
        .child("body")?
        .elements()
        .filter(|tu| !props(tu, "x-long-segment").is_empty())
        .map(|tu| (props(tu, "x-es-ids"), props(tu, "x-long-segment")))
        .collect();
    assert_eq!(flagged, [(vec!["pre.5".to_owned()], vec!["es".to_owned()])]);
    assert_eq!(counts.long_segments, 1);

    builder.segment_limit(100);
    let (text, counts) = write_pairs(&builder, &[&pair])?;
    let document = parse(&text)?;
    let records = paired_records(&pair)?;
    let over_100 = records
        .iter()
        .flat_map(|record| [&record.en_text, &record.es_text])
        .filter(|text| text.chars().count() > 100)
        .count();
    assert_eq!(counts.long_segments, over_100);
    for (tu, record) in document.root.child("body")?.elements().zip(&records) {
        assert_eq!(segments(tu)?[1], record.es_text.replace('\n', " "));
    }
    Ok(())
}

fn language_tags_are_configurable_and_checked() -> Result<()> {
    let pair = frozen("faults")?;
    let cases = [
        ("en", "es", true),
        ("en-US", "es-419", true),
        ("en-GB", "es-ES", true),
        ("EN", "es-Latn-MX", true),
        ("en", "es_419", false),
        ("en", "en", false),
        ("es", "es", false),
        ("en", "spanish", false),
        ("en", "es-", false),
        ("en", "es-toolongsubtag", false),
        ("", "es", false),
    ];
    for (english, spanish, valid) in cases {
        let mut builder = TmxWriterBuilder::new();
        builder.english_tag(english).spanish_tag(spanish);
        match write_pairs(&builder, &[&pair]) {
            Ok((text, _)) => {
                assert!(valid, "{english}/{spanish} accepted");
                check_structure(&parse(&text)?, english, spanish)?;
            }
            Err(error) => {
                assert!(!valid, "{english}/{spanish} rejected: {error}");
                let export_error = error.downcast_ref::<resalign_export::Error>();
                assert!(
                    matches!(
                        export_error.map(resalign_export::Error::kind),
                        Some(ErrorKind::LanguageTag { .. })
                    ),
                    "{error}"
                );
            }
        }
    }
    Ok(())
}

fn pairs_judged_different_resolutions_are_left_out_unless_asked_for() -> Result<()> {
    let mut pair = frozen("faults")?;
    pair.alignment.verdict = PairVerdict::DifferentResolutions {
        reasons: vec!["the symbols differ".to_owned()],
    };
    let mut builder = TmxWriterBuilder::new();
    let (text, counts) = write_pairs(&builder, &[&pair])?;
    assert_eq!((counts.untrusted_pairs, counts.translation_units), (1, 0));
    assert_eq!(parse(&text)?.root.child("body")?.elements().count(), 0);

    builder.untrusted_pairs(UntrustedPairs::Include);
    let (_, counts) = write_pairs(&builder, &[&pair])?;
    assert_eq!((counts.untrusted_pairs, counts.translation_units), (0, 12));
    Ok(())
}

fn one_writer_streams_many_pairs() -> Result<()> {
    let faults = frozen("faults")?;
    let data = fixture::data_pair()?;
    let (text, counts) = write_pairs(&TmxWriterBuilder::new(), &[&faults, &data, &faults])?;
    let document = parse(&text)?;
    check_structure(&document, "en", "es")?;
    let expected = 2 * paired_records(&faults)?.len() + paired_records(&data)?.len();
    assert_eq!(counts.translation_units, expected);
    assert_eq!(counts.pairs, 3);
    let mut symbols: Vec<String> = document
        .root
        .child("body")?
        .elements()
        .flat_map(|tu| props(tu, "x-doc-symbol"))
        .collect();
    symbols.dedup();
    assert_eq!(symbols, ["A/RES/78/999", "E/RES/2013/41", "A/RES/78/999"]);
    Ok(())
}

fn an_alignment_of_other_documents_is_an_error() -> Result<()> {
    let faults = frozen("faults")?;
    let data = fixture::data_pair()?;
    let mut writer = TmxWriter::new(Vec::new())?;
    let error = writer
        .add_pair(&faults.en, &faults.es, &data.alignment)
        .err()
        .context("an alignment of other documents was written")?;
    assert!(
        matches!(error.kind(), ErrorKind::NotInDocument { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("document does not have"),
        "{error}"
    );
    Ok(())
}

fn snapshot() -> Result<()> {
    let pair = frozen("faults")?;
    let (text, _) = write_pairs(&TmxWriterBuilder::new(), &[&pair])?;
    insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "[version]"));
    Ok(())
}

fn translate_toolkit_reads_the_units() -> Result<()> {
    let pair = frozen("faults")?;
    let mut builder = TmxWriterBuilder::new();
    builder.spanish_tag("es-419");
    let (text, _) = write_pairs(&builder, &[&pair])?;
    let read = fixture::readers::translate_toolkit(&["tmx", "es-419"], text.as_bytes())?;
    assert_eq!(read["source_language"], "en");
    let units = read["units"].as_array().context("units")?;
    let records = paired_records(&pair)?;
    assert_eq!(units.len(), records.len());
    for (unit, record) in units.iter().zip(&records) {
        assert_eq!(unit["source"], record.en_text.replace('\n', " "));
        assert_eq!(unit["target"], record.es_text.replace('\n', " "));
        assert_eq!(unit["props"]["x-en-ids"][0], record.en.join(" "));
    }
    Ok(())
}

/// Every Economic and Social Council pair of the corpus in one file: well formed, DTD-shaped,
/// a unit per paired link, texts as the documents have them.
fn corpus_pairs_stream_into_one_memory() -> Result<()> {
    let corpus = resalign_testkit::corpus::corpus_dir();
    let mut pairs = Vec::new();
    for (en, es) in resalign_testkit::corpus::pairs_by_name(&corpus.join("ECOSOC/2022"))? {
        pairs.push(fixture::live(&en, &es)?);
    }
    ensure!(pairs.len() > 20, "only {} ECOSOC pairs", pairs.len());
    let mut builder = TmxWriterBuilder::new();
    builder.untrusted_pairs(UntrustedPairs::Include);
    let (text, counts) = write_pairs(&builder, &pairs.iter().collect::<Vec<_>>())?;
    let document = parse(&text)?;
    check_structure(&document, "en", "es")?;
    let records: Vec<LinkRecord> = pairs
        .iter()
        .map(paired_records)
        .collect::<Result<Vec<_>>>()?
        .concat();
    let units: Vec<&Element> = document.root.child("body")?.elements().collect();
    assert_eq!(units.len(), records.len());
    assert_eq!(counts.translation_units, records.len());
    for (tu, record) in units.iter().zip(&records) {
        let expected = [
            record.en_text.replace('\n', " "),
            record.es_text.replace('\n', " "),
        ];
        assert_eq!(segments(tu)?, expected);
    }
    println!("{counts:?}");
    Ok(())
}

resalign_testkit::test_main! {
    every_link_with_two_sides_becomes_a_translation_unit,
    markup_characters_survive_the_round_trip,
    characters_xml_cannot_carry_become_replacement_characters,
    long_segments_are_flagged_not_cut,
    language_tags_are_configurable_and_checked,
    pairs_judged_different_resolutions_are_left_out_unless_asked_for,
    one_writer_streams_many_pairs,
    an_alignment_of_other_documents_is_an_error,
    snapshot,
    translate_toolkit_reads_the_units => [TranslateToolkit],
    corpus_pairs_stream_into_one_memory => [Corpus],
}
