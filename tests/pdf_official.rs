//! The two official PDFs in `../shared/realpdf/` (Word 2016 printed to PDF) read exactly right:
//! every paragraph with the id the XML would give it, every footnote with its text, the calls
//! where they are printed, and the masthead's metadata. Ignored when the folder is absent, unless
//! `RESALIGN_REQUIRE_CORPUS=1` makes that a failure.

use resalign::{Document, Parser};
use resalign_testkit::corpus::realpdf_dir;

fn official(name: &str) -> Document {
    Parser::new()
        .parse_path(realpdf_dir().join(name))
        .unwrap_or_else(|error| panic!("{error}"))
}

fn ids(document: &Document) -> Vec<String> {
    document
        .units
        .iter()
        .map(|unit| unit.id.to_string())
        .collect()
}

fn footnotes(document: &Document) -> Vec<(u32, &str)> {
    document
        .footnotes
        .iter()
        .map(|footnote| (footnote.number, footnote.text.as_str()))
        .collect()
}

/// Each call with the words it follows.
fn calls(document: &Document) -> Vec<(String, u32, String)> {
    document
        .units
        .iter()
        .flat_map(|unit| {
            unit.footnote_calls.iter().map(|call| {
                let before = &unit.text[..call.offset];
                let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
                let words: Vec<&str> = words.into_iter().rev().collect();
                (unit.id.to_string(), call.number, words.join(" "))
            })
        })
        .collect()
}

fn unit_text<'a>(document: &'a Document, id: &str) -> &'a str {
    document
        .units
        .iter()
        .find(|unit| unit.id.as_str() == id)
        .map_or("", |unit| unit.text.as_str())
}

fn metadata(document: &Document) -> Vec<String> {
    let metadata = &document.metadata;
    vec![
        metadata
            .symbol
            .as_ref()
            .map_or(String::new(), |symbol| symbol.value.clone()),
        metadata
            .resolution_number
            .as_ref()
            .map_or(String::new(), |number| number.value.clone()),
        metadata
            .title
            .as_ref()
            .map_or(String::new(), |title| title.value.clone()),
        metadata
            .adoption_date
            .as_ref()
            .map_or(String::new(), |date| date.value.to_string()),
        metadata
            .distribution_date
            .as_ref()
            .map_or(String::new(), |date| date.value.to_string()),
        metadata
            .session
            .as_ref()
            .map_or(String::new(), |session| session.value.printed.clone()),
        metadata
            .agenda_item
            .as_ref()
            .map_or(String::new(), |item| item.value.clone()),
    ]
}

fn a_res_73_6_reads_exactly() {
    let document = official("A_RES_73_6-EN.pdf");
    let expected: Vec<String> = (1..=25)
        .map(|n| format!("pre.{n}"))
        .chain((1..=14).map(|n| format!("op.{n}")))
        .collect();
    assert_eq!(ids(&document), expected);
    assert_eq!(
        metadata(&document),
        [
            "A/RES/73/6",
            "73/6",
            "Fiftieth anniversary of the first United Nations Conference on the Exploration and Peaceful Uses of Outer Space: space as a driver of sustainable development",
            "2018-10-26",
            "2018-10-31",
            "Seventy-third session",
            "30",
        ]
    );
    assert_eq!(
        footnotes(&document),
        [
            (1, "See A/AC.105/1137."),
            (2, "Resolution 70/1."),
            (3, "Resolution 69/283, annex II."),
            (4, "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."),
            (5, "United Nations, Treaty Series, vol. 610, No. 8843."),
            (
                6,
                "Related documents include A/AC.105/1129, A/AC.105/1131, A/AC.105/1160, \
                 A/AC.105/1161, A/AC.105/1162, A/AC.105/1163, A/AC.105/1164, A/AC.105/1165, \
                 A/AC.105/1166, A/AC.105/1168, A/AC.105/1169, A/AC.105/1170, A/AC.105/1171, \
                 A/AC.105/1172, A/AC.105/1173, A/AC.105/1174, A/AC.105/1175, A/AC.105/1180 \
                 and A/AC.105/1181."
            ),
        ]
    );
    let expected_calls = [
        ("pre.2", 1, "space activities,"),
        ("pre.5", 2, "Sustainable Development,"),
        ("pre.5", 3, "Reduction 2015–2030"),
        ("pre.5", 4, "Paris Agreement"),
        ("pre.13", 5, "Celestial Bodies,"),
        ("pre.23", 6, "to UNISPACE+50,"),
        ("op.1", 2, "Development Goals"),
        ("op.4", 2, "Sustainable Development,"),
    ];
    let expected_calls: Vec<(String, u32, String)> = expected_calls
        .iter()
        .map(|(id, number, words)| (id.to_string(), *number, words.to_string()))
        .collect();
    assert_eq!(calls(&document), expected_calls);
    // Word positions the glyphs of `Conference` and `UN-SPIDER` in pieces: no space inside.
    assert!(unit_text(&document, "pre.2").starts_with(
        "Recognizing that the fiftieth anniversary of the first United Nations Conference on the \
         Exploration and Peaceful Uses of Outer Space (UNISPACE+50) offers a unique opportunity"
    ));
    assert!(unit_text(&document, "pre.6").contains("Emergency Response (UN-SPIDER), and"));
    // The paragraph that runs from page 1 onto page 2, past the footnote and the running head.
    assert!(
        unit_text(&document, "pre.4")
            .ends_with("to continue to shape the global governance of outer space activities to benefit people and the planet,")
    );
    assert_eq!(
        document
            .metadata
            .closing
            .as_ref()
            .map(|closing| closing.meeting.value.as_str()),
        Some("26th plenary meeting")
    );
    assert_eq!(
        document.units[0].opening_phrase.as_deref(),
        Some("Recalling")
    );
}

fn a_res_73_3_reads_its_operative_paragraph_declaration_and_footnotes() {
    let document = official("A_RES_73_3-EN.pdf");
    assert_eq!(
        metadata(&document),
        [
            "A/RES/73/3",
            "73/3",
            "Political declaration of the high-level meeting of the General Assembly on the fight against tuberculosis",
            "2018-10-10",
            "2018-10-18",
            "Seventy-third session",
            "129",
        ]
    );
    assert_eq!(
        unit_text(&document, "text.1"),
        "Adopts the following political declaration approved by the high-level meeting of the \
         General Assembly on the fight against tuberculosis on 26 September 2018:"
    );
    // The declaration's 53 numbered paragraphs, in order, none lost or split at a page break.
    let numbered: Vec<String> = document
        .units
        .iter()
        .filter_map(|unit| unit.label.as_ref())
        .map(|label| label.printed.clone())
        .collect();
    let expected: Vec<String> = (1..=53).map(|n| format!("{n}.")).collect();
    assert_eq!(numbered, expected);
    assert_eq!(
        footnotes(&document),
        [
            (1, "Resolution 70/1."),
            (2, "Resolution 69/313, annex."),
            (
                3,
                "See World Health Organization, document WHA69/2016/REC/1."
            ),
            (
                4,
                "See Official Records of the General Assembly, Seventy-first Session, Supplement \
                 No. 53A and corrigendum (A/71/53/Add.1 and A/71/53/Add.1/Corr.1), chap. II."
            ),
            (
                5,
                "See World Health Organization, document WHA67/2014/REC/1."
            ),
            (6, "See resolution 55/2."),
            (
                7,
                "See World Health Organization, document WHA71/2018/REC/1."
            ),
        ]
    );
    let numbers: Vec<u32> = calls(&document)
        .iter()
        .map(|(_, number, _)| *number)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    // `multidrug-` at a line end is the compound the declaration writes elsewhere.
    assert!(document.units.iter().any(|unit| {
        unit.text
            .contains("crisis of multidrug-resistant tuberculosis")
    }));
}

/// The declaration is the resolution's annex: its paragraphs take annex ids, as the XML of such a
/// resolution gives them, though this PDF prints no `Annex` heading: the declaration's title
/// follows the operative paragraph that adopts it.
fn a_res_73_3_gives_the_declaration_annex_ids() {
    let document = official("A_RES_73_3-EN.pdf");
    let expected: Vec<String> = ["text.1", "annex1.head.1", "annex1.head.2", "annex1.text.1"]
        .into_iter()
        .map(str::to_string)
        .chain((1..=53).map(|n| format!("annex1.para.{n}")))
        .collect();
    assert_eq!(ids(&document), expected);
}

resalign_testkit::test_main! {
    a_res_73_6_reads_exactly => [RealPdfs],
    a_res_73_3_reads_its_operative_paragraph_declaration_and_footnotes => [RealPdfs],
    a_res_73_3_gives_the_declaration_annex_ids => [RealPdfs],
}
