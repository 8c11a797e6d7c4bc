//! Input a converter or an editor can produce that must still parse as what it is: XML that
//! opens with a document type declaration or a prefixed root, and dates no calendar has, which
//! are kept as written and reported.

use anyhow::Result;
use resalign_core::{AnchorKind, DiagnosticCode, Parser, SourceFormat};

const BODY: &str = r#"<act name="resolution">
    <preamble><p>The General Assembly,</p></preamble>
    <mainBody>
      <paragraph eId="para_1"><num>1.</num><content><p>Decides to act;</p></content></paragraph>
      <paragraph eId="para_2"><num>2.</num><content><p>Requests a report.</p></content></paragraph>
    </mainBody>
  </act>"#;

#[test]
fn xml_with_a_doctype_or_a_prefixed_root_is_read_as_xml() -> Result<()> {
    let documents = [
        format!("<!DOCTYPE akomaNtoso>\n<akomaNtoso>{BODY}</akomaNtoso>"),
        format!("<!doctype akomaNtoso SYSTEM \"akn.dtd\"><akomaNtoso>{BODY}</akomaNtoso>"),
        format!(
            "<akn:akomaNtoso xmlns:akn=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">{}</akn:akomaNtoso>",
            BODY.replace('<', "<akn:").replace("<akn:/", "</akn:")
        ),
    ];
    for text in &documents {
        let document = Parser::new().parse_str(text)?;
        assert_eq!(document.format, SourceFormat::AknXml, "{text}");
        let ids: Vec<&str> = document.units.iter().map(|unit| unit.id.as_str()).collect();
        assert_eq!(ids, ["pre.1", "op.1", "op.2"], "{text}");
    }
    Ok(())
}

#[test]
fn impossible_dates_stay_anchors_and_are_reported() -> Result<()> {
    let text = "*The General Assembly,*\n\n1. *Decides* to meet on 31 February 2020, on 29 \
                February 2021, on 29 February 2024 and on 31 April;\n";
    let document = Parser::new().parse_str(text)?;
    let dates: Vec<&str> = document
        .units
        .iter()
        .flat_map(|unit| &unit.anchors)
        .filter(|anchor| anchor.kind == AnchorKind::Date)
        .map(|anchor| anchor.key.as_str())
        .collect();
    assert_eq!(dates, ["2020-02-31", "2021-02-29", "2024-02-29", "--04-31"]);
    let reported: Vec<(&str, Option<&str>)> = document
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code == DiagnosticCode::ImpossibleDate)
        .map(|diagnostic| {
            (
                diagnostic.message.as_str(),
                diagnostic.unit.as_ref().map(|unit| unit.as_str()),
            )
        })
        .collect();
    assert_eq!(
        reported,
        [
            (
                "`31 February 2020` is not a date: the month has no such day",
                Some("op.1")
            ),
            (
                "`29 February 2021` is not a date: the month has no such day",
                Some("op.1")
            ),
            (
                "`31 April` is not a date: the month has no such day",
                Some("op.1")
            ),
        ]
    );
    Ok(())
}
