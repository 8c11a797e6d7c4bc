//! Invariants of any alignment, on generated documents: every unit and footnote of both sides is
//! in exactly one link, in document order (so links never cross); link shapes are among 1-1,
//! 1-0, 0-1, 2-1 and 1-2; scores are in [0, 1]; the result is the same every time; and a
//! document aligned with a copy of itself links every unit to its own copy.

use proptest::prelude::*;
use resalign_align::{Alignment, align};
use resalign_core::{
    Document, Footnote, FootnoteCall, Label, LabelValue, Language, Metadata, SourceFormat, Unit,
    UnitId, UnitKind, anchors,
};

/// Words of both languages and a few numbers, so that generated texts sometimes share stems and
/// numbers and sometimes do not.
const WORDS: &[&str] = &[
    "Recalling",
    "Recordando",
    "Requests",
    "Solicita",
    "resolution",
    "resolución",
    "Secretary",
    "international",
    "internacional",
    "cooperation",
    "cooperación",
    "development",
    "desarrollo",
    "the",
    "de",
    "la",
    "and",
    "y",
    "2030",
    "64/293",
    "1,500",
    "September",
    "septiembre",
    "report",
    "informe",
    "States",
    "Estados",
    "human",
    "rights",
    "derechos",
    "humanos",
];

#[derive(Clone, Debug)]
struct UnitSpec {
    kind: UnitKind,
    numbered: bool,
    words: Vec<usize>,
    calls: Vec<u32>,
}

fn unit_spec() -> impl Strategy<Value = UnitSpec> {
    (
        prop_oneof![
            Just(UnitKind::Preambular),
            Just(UnitKind::Operative),
            Just(UnitKind::Subparagraph),
            Just(UnitKind::Heading),
        ],
        any::<bool>(),
        prop::collection::vec(0..WORDS.len(), 0..40),
        prop::collection::vec(1u32..6, 0..2),
    )
        .prop_map(|(kind, numbered, words, calls)| UnitSpec {
            kind,
            numbered,
            words,
            calls,
        })
}

fn document(language: Language, units: &[UnitSpec], notes: &[Vec<usize>]) -> Document {
    let mut operative = 0;
    let units = units
        .iter()
        .enumerate()
        .map(|(index, spec)| {
            let text = spec
                .words
                .iter()
                .filter_map(|&word| WORDS.get(word))
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let label = (spec.numbered && spec.kind == UnitKind::Operative).then(|| {
                operative += 1;
                Label {
                    printed: format!("{operative}."),
                    value: LabelValue::Number(operative),
                }
            });
            let footnote_calls: Vec<FootnoteCall> = spec
                .calls
                .iter()
                .map(|&number| FootnoteCall {
                    number,
                    offset: text.len(),
                })
                .collect();
            Unit {
                id: UnitId::new(format!("text.{}", index + 1)),
                kind: spec.kind,
                label,
                parent: None,
                opening_phrase: None,
                anchors: anchors::extract(language, &text, &footnote_calls),
                text,
                footnote_calls,
                spans: Vec::new(),
                eid: None,
            }
        })
        .collect();
    let footnotes = notes
        .iter()
        .enumerate()
        .map(|(index, words)| {
            let text = words
                .iter()
                .filter_map(|&word| WORDS.get(word))
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            Footnote {
                number: u32::try_from(index + 1).unwrap_or(u32::MAX),
                anchors: anchors::extract(language, &text, &[]),
                text,
                spans: Vec::new(),
                eid: None,
            }
        })
        .collect();
    Document {
        language,
        format: SourceFormat::AknXml,
        metadata: Metadata::default(),
        units,
        footnotes,
        diagnostics: Vec::new(),
        source: String::new(),
    }
}

fn assert_invariants(en: &Document, es: &Document, alignment: &Alignment) {
    let linked = |side: fn(&resalign_align::Link) -> &Vec<UnitId>| -> Vec<String> {
        alignment
            .links
            .iter()
            .flat_map(|link| side(link).iter().map(|id| id.to_string()))
            .collect()
    };
    let ids = |document: &Document| -> Vec<String> {
        document
            .units
            .iter()
            .map(|unit| unit.id.to_string())
            .collect()
    };
    assert_eq!(linked(|link| &link.en), ids(en));
    assert_eq!(linked(|link| &link.es), ids(es));
    for link in &alignment.links {
        let shape = (link.en.len(), link.es.len());
        assert!(
            matches!(shape, (1, 1) | (1, 0) | (0, 1) | (2, 1) | (1, 2)),
            "shape {shape:?}"
        );
        assert!((0.0..=1.0).contains(&link.score), "score {}", link.score);
    }
    let en_notes: Vec<u32> = alignment
        .footnote_links
        .iter()
        .filter_map(|l| l.en)
        .collect();
    let es_notes: Vec<u32> = alignment
        .footnote_links
        .iter()
        .filter_map(|l| l.es)
        .collect();
    let numbers = |document: &Document| -> Vec<u32> {
        document.footnotes.iter().map(|note| note.number).collect()
    };
    assert_eq!(en_notes, numbers(en));
    assert_eq!(es_notes, numbers(es));
    for link in &alignment.footnote_links {
        assert!((0.0..=1.0).contains(&link.score), "score {}", link.score);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn alignments_cover_both_documents_in_order(
        en_units in prop::collection::vec(unit_spec(), 0..60),
        es_units in prop::collection::vec(unit_spec(), 0..60),
        en_notes in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 0..12), 0..6),
        es_notes in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 0..12), 0..6),
    ) {
        let en = document(Language::En, &en_units, &en_notes);
        let es = document(Language::Es, &es_units, &es_notes);
        let alignment = align(&en, &es).map_err(|error| TestCaseError::fail(error.to_string()))?;
        assert_invariants(&en, &es, &alignment);
        let again = align(&en, &es).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(alignment, again);
    }

    #[test]
    fn a_document_aligns_one_to_one_with_itself_relabelled_as_spanish(
        units in prop::collection::vec(unit_spec(), 1..60),
    ) {
        let en = document(Language::En, &units, &[]);
        let es = document(Language::Es, &units, &[]);
        let alignment = align(&en, &es).map_err(|error| TestCaseError::fail(error.to_string()))?;
        assert_invariants(&en, &es, &alignment);
        // Read as Spanish, the same words can make other anchors ("September 2030" is a date in
        // English only, "septiembre 2030" in Spanish only), so two different units may share
        // the one date of the pair and pair up; what must hold is that nothing is left without
        // counterpart, even where such a false sure point steers the search far off.
        for link in &alignment.links {
            prop_assert!(!link.en.is_empty() && !link.es.is_empty(), "{:?}", link);
        }
    }

    #[test]
    fn a_document_links_each_unit_to_itself_in_a_copy_labelled_spanish(
        units in prop::collection::vec(unit_spec(), 1..60),
    ) {
        let en = document(Language::En, &units, &[]);
        let es = Document { language: Language::Es, ..en.clone() };
        let alignment = align(&en, &es).map_err(|error| TestCaseError::fail(error.to_string()))?;
        assert_invariants(&en, &es, &alignment);
        for link in &alignment.links {
            prop_assert!(link.en.len() == 1 && link.en == link.es, "{:?}", link);
        }
    }
}
