//! What the issue says must hold for the two seed documents (copied into `data/seeds/`).

use std::path::Path;

use resalign::{Date, Document, Organ, Parser, UnitKind};

fn seed(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/seeds")
        .join(name);
    Parser::new()
        .parse_path(&path)
        .unwrap_or_else(|error| panic!("{error}"))
}

fn ids(document: &Document, kind: UnitKind) -> Vec<String> {
    document
        .units
        .iter()
        .filter(|unit| unit.kind == kind)
        .map(|unit| unit.id.to_string())
        .collect()
}

fn date(text: &str) -> Date {
    text.parse().unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn the_english_seed_is_ecosoc_resolution_2013_41() {
    let document = seed("000_a2c4abc107a868c6.txt");
    let metadata = &document.metadata;
    assert_eq!(
        metadata.organ.as_ref().map(|organ| &organ.value),
        Some(&Organ::EconomicAndSocialCouncil)
    );
    assert_eq!(
        metadata.symbol.as_ref().map(|symbol| symbol.value.as_str()),
        Some("E/RES/2013/41")
    );
    assert_eq!(
        metadata.adoption_date.as_ref().map(|d| d.value),
        Some(date("2013-07-25"))
    );
    assert_eq!(
        metadata.distribution_date.as_ref().map(|d| d.value),
        Some(date("2013-10-18"))
    );
    assert_eq!(
        metadata.agenda_item.as_ref().map(|a| a.value.as_str()),
        Some("14 (c)")
    );
    let based_on: Vec<&str> = metadata.based_on.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(based_on, ["E/2013/30", "E/2013/30/Corr.1"]);

    let preambular = ids(&document, UnitKind::Preambular);
    assert_eq!(preambular.len(), 12);
    let operative = ids(&document, UnitKind::Operative);
    let expected: Vec<String> = (1..=14).map(|n| format!("op.{n}")).collect();
    assert_eq!(operative, expected);
    let items = ids(&document, UnitKind::Subparagraph);
    assert_eq!(
        items,
        ["op.2.a", "op.2.b", "op.2.c", "op.2.d", "op.2.e", "op.2.f"]
    );

    // (a) was cut by a page break, with footnotes 2 to 7 dropped in between.
    let item_a = document.unit("op.2.a").expect("op.2.a");
    assert_eq!(item_a.spans.len(), 2);
    assert!(item_a.text.ends_with(
        "reinforce the implementation of existing instruments against trafficking in persons;"
    ));

    let footnotes: Vec<u32> = document.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(footnotes, (1..=7).collect::<Vec<_>>());
    let closing = metadata.closing.as_ref().expect("closing");
    assert_eq!(closing.meeting.value, "47th plenary meeting");
    assert_eq!(closing.meeting_number, Some(47));
    assert_eq!(
        closing.date.as_ref().map(|d| d.value),
        Some(date("2013-07-25"))
    );
}

#[test]
fn the_spanish_seed_is_general_assembly_resolution_72_195() {
    let document = seed("002_084e59128ef1f549.txt");
    let metadata = &document.metadata;
    assert_eq!(
        metadata.organ.as_ref().map(|organ| &organ.value),
        Some(&Organ::GeneralAssembly)
    );
    assert_eq!(
        metadata.symbol.as_ref().map(|symbol| symbol.value.as_str()),
        Some("A/RES/72/195")
    );
    assert_eq!(
        metadata.adoption_date.as_ref().map(|d| d.value),
        Some(date("2017-12-19"))
    );
    assert_eq!(
        metadata.session.as_ref().and_then(|s| s.value.number),
        Some(72)
    );
    assert_eq!(
        metadata.agenda_item.as_ref().map(|a| a.value.as_str()),
        Some("107")
    );
    let based_on: Vec<&str> = metadata.based_on.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(based_on, ["A/72/440"]);

    assert_eq!(ids(&document, UnitKind::Preambular).len(), 34);
    let eighth: Vec<String> = document
        .units
        .iter()
        .filter(|unit| {
            unit.parent
                .as_ref()
                .is_some_and(|parent| parent.as_str() == "pre.8")
        })
        .map(|unit| unit.id.to_string())
        .collect();
    assert_eq!(
        eighth,
        [
            "pre.8.a", "pre.8.b", "pre.8.c", "pre.8.d", "pre.8.e", "pre.8.f"
        ]
    );
    let operative = ids(&document, UnitKind::Operative);
    let expected: Vec<String> = (1..=22).map(|n| format!("op.{n}")).collect();
    assert_eq!(operative, expected);

    let footnotes: Vec<u32> = document.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(footnotes, (1..=14).collect::<Vec<_>>());
    let joined = document
        .units
        .iter()
        .filter(|unit| unit.spans.len() > 1)
        .count();
    assert_eq!(joined, 7, "paragraphs joined across page breaks");

    // No footnote text inside a paragraph, and no paragraph text inside a footnote.
    for unit in &document.units {
        for footnote in &document.footnotes {
            assert!(
                !unit.text.contains(&footnote.text),
                "{} holds footnote {}",
                unit.id,
                footnote.number
            );
        }
    }
    for footnote in &document.footnotes {
        assert!(
            footnote.text.len() < 300,
            "footnote {} swallowed text",
            footnote.number
        );
    }
    let closing = metadata.closing.as_ref().expect("closing");
    assert_eq!(closing.meeting.value, "73ª sesión plenaria");
    assert_eq!(
        closing.date.as_ref().map(|d| d.value),
        Some(date("2017-12-19"))
    );
}
