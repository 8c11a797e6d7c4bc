//! XLIFF 2.0 export: read back with quick-xml and checked against the core schema's rules for
//! what resalign writes (element order in `<file>` and `<unit>`, `NMTOKEN` ids unique in their
//! scope, note priorities, states and targets), the notes placed on the links their findings
//! touch, and read again with Translate Toolkit's XLIFF 2.0 store where it is installed.

mod fixture;

use std::collections::HashSet;

use anyhow::{Context, Result, ensure};
use resalign_align::FindingCode;
use resalign_export::ErrorKind;
use resalign_export::report::LinkRecord;
use resalign_export::xliff::{XliffWriter, XliffWriterBuilder};

use fixture::xml::{Element, XmlDocument, parse};
use fixture::{Pair, frozen};

const XLIFF_NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";
const METADATA_NAMESPACE: &str = "urn:oasis:names:tc:xliff:metadata:2.0";

fn write_pairs(builder: &XliffWriterBuilder, pairs: &[&Pair]) -> Result<String> {
    let mut writer = builder.build(Vec::new())?;
    for pair in pairs {
        writer.add_pair(&pair.en, &pair.es, &pair.alignment, &pair.findings)?;
    }
    Ok(String::from_utf8(writer.finish()?)?)
}

fn is_nmtoken(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|character| {
            character.is_alphanumeric() || matches!(character, '.' | '-' | '_' | ':' | '\u{B7}')
        })
}

/// The schema's rules for the elements resalign writes.
fn check_structure(document: &XmlDocument, english: &str, spanish: &str) -> Result<()> {
    let root = &document.root;
    ensure!(root.name == "xliff");
    ensure!(root.required("xmlns")? == XLIFF_NAMESPACE);
    ensure!(root.required("xmlns:mda")? == METADATA_NAMESPACE);
    ensure!(root.required("version")? == "2.0");
    ensure!(root.required("srcLang")? == english);
    ensure!(root.required("trgLang")? == spanish);
    ensure!(root.has_element_content_only());
    let mut file_ids = HashSet::new();
    for file in root.elements() {
        ensure!(file.name == "file", "<xliff> holds <{}>", file.name);
        let id = file.required("id")?;
        ensure!(
            is_nmtoken(id) && file_ids.insert(id.to_owned()),
            "file id {id}"
        );
        check_file(file).with_context(|| format!("file {id}"))?;
    }
    ensure!(!file_ids.is_empty());
    Ok(())
}

/// `<file>`: extension elements, then `<notes>`, then at least one unit.
fn check_file(file: &Element) -> Result<()> {
    ensure!(file.has_element_content_only());
    let names = file.child_names();
    let first_unit = names
        .iter()
        .position(|name| *name == "unit")
        .context("no unit")?;
    let before: Vec<&str> = names[..first_unit]
        .iter()
        .copied()
        .filter(|name| *name != "mda:metadata")
        .collect();
    ensure!(before.is_empty() || before == ["notes"], "{names:?}");
    ensure!(names[first_unit..].iter().all(|name| *name == "unit"));
    if let Ok(notes) = file.child("notes") {
        check_notes(notes)?;
    }
    let mut unit_ids = HashSet::new();
    for unit in file.children_named("unit") {
        let id = unit.required("id")?;
        ensure!(
            is_nmtoken(id) && unit_ids.insert(id.to_owned()),
            "unit id {id}"
        );
        check_unit(unit).with_context(|| format!("unit {id}"))?;
    }
    for metadata in file.children_named("mda:metadata") {
        check_metadata(metadata)?;
    }
    Ok(())
}

/// `<unit>`: extension elements, `<notes>`, one segment with a source and, unless the state is
/// `initial`, a target.
fn check_unit(unit: &Element) -> Result<()> {
    ensure!(unit.has_element_content_only());
    let names = unit.child_names();
    ensure!(
        names == ["mda:metadata", "segment"] || names == ["mda:metadata", "notes", "segment"],
        "{names:?}"
    );
    check_metadata(unit.child("mda:metadata")?)?;
    if let Ok(notes) = unit.child("notes") {
        check_notes(notes)?;
    }
    let segment = unit.child("segment")?;
    ensure!(segment.has_element_content_only());
    let state = segment.required("state")?;
    let expected = if state == "initial" {
        vec!["source"]
    } else {
        ensure!(["translated", "reviewed"].contains(&state), "state {state}");
        vec!["source", "target"]
    };
    ensure!(
        segment.child_names() == expected,
        "{:?}",
        segment.child_names()
    );
    for text in segment.elements() {
        ensure!(
            text.elements().next().is_none(),
            "inline markup in <{}>",
            text.name
        );
    }
    Ok(())
}

fn check_notes(notes: &Element) -> Result<()> {
    ensure!(notes.has_element_content_only() && notes.elements().count() > 0);
    for note in notes.elements() {
        ensure!(note.name == "note");
        let category = note.required("category")?;
        ensure!(
            category.parse::<FindingCode>().is_ok(),
            "category {category}"
        );
        let priority: u8 = note.required("priority")?.parse()?;
        ensure!((1..=10).contains(&priority));
        ensure!(!note.text().is_empty());
    }
    Ok(())
}

fn check_metadata(metadata: &Element) -> Result<()> {
    ensure!(metadata.child_names() == ["mda:metaGroup"]);
    let group = metadata.child("mda:metaGroup")?;
    ensure!(group.required("category")? == "resalign");
    for meta in group.elements() {
        ensure!(meta.name == "mda:meta");
        meta.required("type")?;
    }
    Ok(())
}

fn units(document: &XmlDocument) -> Result<Vec<&Element>> {
    Ok(document
        .root
        .child("file")?
        .children_named("unit")
        .collect())
}

fn meta(unit: &Element, kind: &str) -> Result<String> {
    unit.child("mda:metadata")?
        .child("mda:metaGroup")?
        .elements()
        .find(|meta| meta.attribute("type") == Some(kind))
        .map(Element::text)
        .with_context(|| format!("no meta {kind}"))
}

fn note_categories(element: &Element) -> Vec<String> {
    element
        .children_named("notes")
        .flat_map(Element::elements)
        .map(|note| note.attribute("category").unwrap_or_default().to_owned())
        .collect()
}

fn state(unit: &Element) -> Result<String> {
    Ok(unit.child("segment")?.required("state")?.to_owned())
}

fn every_link_becomes_a_unit_in_document_order() -> Result<()> {
    let pair = frozen("faults")?;
    let document = parse(&write_pairs(&XliffWriterBuilder::new(), &[&pair])?)?;
    check_structure(&document, "en", "es")?;
    let file = document.root.child("file")?;
    assert_eq!(file.attribute("id"), Some("A_RES_78_999"));
    assert_eq!(file.attribute("original"), Some("A/RES/78/999"));

    let records = LinkRecord::all(&pair.en, &pair.es, &pair.alignment)?;
    let units = units(&document)?;
    let ids: Vec<&str> = units
        .iter()
        .filter_map(|unit| unit.attribute("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "pre.1",
            "pre.2",
            "pre.3",
            "es_pre.4",
            "pre.4",
            "op.1",
            "op.2",
            "op.2.a",
            "op.2.b",
            "op.3",
            "op.4_op.5",
            "op.6",
            "fn.1",
            "fn.2"
        ]
    );
    assert_eq!(units.len(), records.len());
    for (unit, record) in units.iter().zip(&records) {
        assert_eq!(meta(unit, "en-ids")?, record.en.join(" "));
        assert_eq!(meta(unit, "es-ids")?, record.es.join(" "));
        assert_eq!(meta(unit, "link-shape")?, record.shape);
        let segment = unit.child("segment")?;
        assert_eq!(
            segment.child("source")?.text(),
            record.en_text.replace('\n', " ")
        );
        if let Ok(target) = segment.child("target") {
            assert_eq!(target.text(), record.es_text.replace('\n', " "));
        }
    }
    Ok(())
}

fn findings_are_notes_of_the_units_they_touch() -> Result<()> {
    let pair = frozen("faults")?;
    let document = parse(&write_pairs(&XliffWriterBuilder::new(), &[&pair])?)?;
    let units = units(&document)?;
    let notes: Vec<(String, Vec<String>)> = units
        .iter()
        .map(|unit| {
            (
                unit.attribute("id").unwrap_or_default().to_owned(),
                note_categories(unit),
            )
        })
        .filter(|(_, categories)| !categories.is_empty())
        .collect();
    let expected = [
        ("pre.2", vec!["number-mismatch"]),
        ("es_pre.4", vec!["missing-in-english"]),
        ("pre.4", vec!["length-ratio"]),
        ("op.2.b", vec!["punctuation"]),
        ("op.3", vec!["missing-in-spanish"]),
        ("op.4_op.5", vec!["merged-in-spanish"]),
        ("fn.1", vec!["footnote-differs"]),
        ("fn.2", vec!["footnote-differs"]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(id, codes)| {
            (
                id.to_string(),
                codes.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(notes, expected);
    assert_eq!(
        note_categories(document.root.child("file")?),
        ["metadata-differs"]
    );

    let priorities: Vec<(&str, &str)> = units
        .iter()
        .flat_map(|unit| unit.children_named("notes").flat_map(Element::elements))
        .map(|note| {
            (
                note.attribute("category").unwrap_or_default(),
                note.attribute("priority").unwrap_or_default(),
            )
        })
        .filter(|(category, _)| {
            ["number-mismatch", "punctuation", "length-ratio"].contains(category)
        })
        .collect();
    assert_eq!(
        priorities,
        [
            ("number-mismatch", "1"),
            ("length-ratio", "9"),
            ("punctuation", "5")
        ]
    );
    Ok(())
}

fn states_tell_the_reviser_where_to_look() -> Result<()> {
    let pair = frozen("faults")?;
    let document = parse(&write_pairs(&XliffWriterBuilder::new(), &[&pair])?)?;
    for unit in units(&document)? {
        let id = unit.required("id")?;
        let has_notes = unit.child("notes").is_ok();
        let expected = match id {
            "op.3" => "initial",
            "es_pre.4" => "translated",
            _ if has_notes => "translated",
            _ => "reviewed",
        };
        assert_eq!(state(unit)?, expected, "{id}");
    }
    let extra = units(&document)?
        .into_iter()
        .find(|unit| unit.attribute("id") == Some("es_pre.4"))
        .context("es_pre.4")?;
    assert_eq!(extra.child("segment")?.child("source")?.text(), "");
    assert!(
        extra
            .child("segment")?
            .child("target")?
            .text()
            .starts_with("Tomando nota")
    );
    Ok(())
}

fn ids_stay_unique_across_pairs_and_valid_for_odd_unit_ids() -> Result<()> {
    let pair = frozen("faults")?;
    let document = parse(&write_pairs(&XliffWriterBuilder::new(), &[&pair, &pair])?)?;
    check_structure(&document, "en", "es")?;
    let file_ids: Vec<&str> = document
        .root
        .elements()
        .filter_map(|file| file.attribute("id"))
        .collect();
    assert_eq!(file_ids, ["A_RES_78_999", "A_RES_78_999-2"]);

    let mut renamed = frozen("faults")?;
    for (index, id) in ["op.9~2", "op 9", "op.9_2"].into_iter().enumerate() {
        let old = renamed.alignment.links[index].en[0].clone();
        let new = resalign_core::UnitId::new(id);
        renamed.alignment.links[index].en = vec![new.clone()];
        if let Some(unit) = renamed.en.units.iter_mut().find(|unit| unit.id == old) {
            unit.id = new;
        }
    }
    let document = parse(&write_pairs(&XliffWriterBuilder::new(), &[&renamed])?)?;
    check_structure(&document, "en", "es")?;
    let ids: Vec<&str> = units(&document)?
        .iter()
        .take(3)
        .filter_map(|unit| unit.attribute("id"))
        .collect();
    assert_eq!(ids, ["op.9_2", "op_9", "op.9_2-2"]);
    Ok(())
}

fn language_tags_are_configurable_and_checked() -> Result<()> {
    let pair = frozen("faults")?;
    let mut builder = XliffWriterBuilder::new();
    builder.english_tag("en-US").spanish_tag("es-419");
    check_structure(
        &parse(&write_pairs(&builder, &[&pair])?)?,
        "en-US",
        "es-419",
    )?;

    builder.spanish_tag("es_ES");
    let error = builder
        .build(Vec::new())
        .err()
        .context("es_ES was accepted")?;
    assert!(
        matches!(error.kind(), ErrorKind::LanguageTag { .. }),
        "{error}"
    );
    Ok(())
}

fn a_pair_without_links_is_an_error() -> Result<()> {
    let mut pair = frozen("faults")?;
    pair.alignment.links.clear();
    pair.alignment.footnote_links.clear();
    let mut writer = XliffWriter::new(Vec::new())?;
    let error = writer
        .add_pair(&pair.en, &pair.es, &pair.alignment, &pair.findings)
        .err()
        .context("an empty file was written")?;
    assert!(matches!(error.kind(), ErrorKind::NoLinks), "{error}");
    Ok(())
}

fn snapshot() -> Result<()> {
    let pair = frozen("faults")?;
    insta::assert_snapshot!(write_pairs(&XliffWriterBuilder::new(), &[&pair])?);
    Ok(())
}

fn translate_toolkit_reads_units_states_and_notes() -> Result<()> {
    let pair = frozen("faults")?;
    let text = write_pairs(&XliffWriterBuilder::new(), &[&pair])?;
    let read = fixture::readers::translate_toolkit(&["xliff"], text.as_bytes())?;
    assert_eq!(read["source_language"], "en");
    assert_eq!(read["target_language"], "es");
    let units = read["units"].as_array().context("units")?;
    let records = LinkRecord::all(&pair.en, &pair.es, &pair.alignment)?;
    assert_eq!(units.len(), records.len());
    for (unit, record) in units.iter().zip(&records) {
        assert_eq!(unit["source"], record.en_text.replace('\n', " "));
        if unit["state"] != "initial" {
            assert_eq!(unit["target"], record.es_text.replace('\n', " "));
        }
        assert_eq!(unit["approved"], unit["state"] == "reviewed", "{unit}");
    }
    let merged = units
        .iter()
        .find(|unit| unit["id"] == "op.4_op.5")
        .context("op.4_op.5")?;
    assert_eq!(merged["notes"][0]["category"], "merged-in-spanish");
    assert_eq!(merged["notes"][0]["priority"], "1");
    Ok(())
}

/// Every Economic and Social Council pair of the corpus, aligned and checked live, in one
/// XLIFF document that keeps to the schema's rules and places every finding.
fn corpus_pairs_make_valid_review_files() -> Result<()> {
    let corpus = resalign_testkit::corpus::corpus_dir();
    let mut pairs = Vec::new();
    for (en, es) in resalign_testkit::corpus::pairs_by_name(&corpus.join("ECOSOC/2022"))? {
        pairs.push(fixture::live(&en, &es)?);
    }
    let text = write_pairs(
        &XliffWriterBuilder::new(),
        &pairs.iter().collect::<Vec<_>>(),
    )?;
    let document = parse(&text)?;
    check_structure(&document, "en", "es")?;
    let files: Vec<&Element> = document.root.elements().collect();
    assert_eq!(files.len(), pairs.len());
    for (file, pair) in files.iter().zip(&pairs) {
        let records = LinkRecord::all(&pair.en, &pair.es, &pair.alignment)?;
        assert_eq!(file.children_named("unit").count(), records.len());
        let notes = note_categories(file).len()
            + file
                .children_named("unit")
                .map(|unit| note_categories(unit).len())
                .sum::<usize>();
        assert!(
            notes >= pair.findings.len(),
            "findings lost in {:?}",
            file.attribute("id")
        );
    }
    Ok(())
}

resalign_testkit::test_main! {
    every_link_becomes_a_unit_in_document_order,
    findings_are_notes_of_the_units_they_touch,
    states_tell_the_reviser_where_to_look,
    ids_stay_unique_across_pairs_and_valid_for_odd_unit_ids,
    language_tags_are_configurable_and_checked,
    a_pair_without_links_is_an_error,
    snapshot,
    translate_toolkit_reads_units_states_and_notes => [TranslateToolkit],
    corpus_pairs_make_valid_review_files => [Corpus],
}
