//! The two official PDFs of `../shared/realpdf/` (Word documents printed to PDF by the UN), read
//! as translators get them from `pdftotext`, with and without `-layout`: every unit, footnote
//! and metadata field is pinned in a snapshot, and the two text forms must give the same
//! structure. The rules that read them are general ones; these documents are a sample of
//! official PDFs, not a target of their own.
//!
//! The tests need the official PDFs and poppler's `pdftotext` (`.ci/run` installs it); without
//! them they are reported ignored, unless `RESALIGN_REQUIRE_CORPUS=1` (for the PDFs) or `CI`
//! (for `pdftotext`) makes their absence a failure.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use resalign::{Document, Parser};
use resalign_testkit::corpus::realpdf_dir;

/// The official PDF of `symbol` (`A_RES_73_6`) in `../shared/realpdf/`.
fn real_pdf(name: &str) -> PathBuf {
    realpdf_dir().join(format!("{name}-EN.pdf"))
}

/// How `pdftotext` is asked to lay the text out.
#[derive(Clone, Copy, Debug)]
enum TextForm {
    ReadingOrder,
    Layout,
}

/// `pdftotext [-layout] FILE -` parsed.
fn parse_text_form(pdf: &Path, form: TextForm) -> Document {
    let mut command = Command::new("pdftotext");
    if let TextForm::Layout = form {
        command.arg("-layout");
    }
    let output = match command.arg(pdf).arg("-").output() {
        Ok(output) if output.status.success() => output,
        Ok(output) => panic!(
            "pdftotext failed on {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => panic!("pdftotext on {}: {error}", pdf.display()),
    };
    Parser::new()
        .parse_bytes(&output.stdout)
        .unwrap_or_else(|error| panic!("{}: {error}", pdf.display()))
}

/// Every decision the parser made, in full.
fn outline(document: &Document) -> String {
    let metadata = &document.metadata;
    let mut out = String::new();
    let field = |value: Option<String>| value.unwrap_or_else(|| "-".to_string());
    let _ = writeln!(
        out,
        "symbol: {}",
        field(metadata.symbol.as_ref().map(|s| s.value.clone()))
    );
    let _ = writeln!(
        out,
        "number: {}",
        field(metadata.resolution_number.as_ref().map(|n| n.value.clone()))
    );
    let _ = writeln!(
        out,
        "title: {}",
        field(metadata.title.as_ref().map(|t| t.value.clone()))
    );
    let _ = writeln!(
        out,
        "session: {}",
        field(metadata.session.as_ref().map(|s| s.value.printed.clone()))
    );
    let _ = writeln!(
        out,
        "agenda item: {}",
        field(metadata.agenda_item.as_ref().map(|a| a.value.clone()))
    );
    let _ = writeln!(
        out,
        "adopted: {}",
        field(metadata.adoption_date.as_ref().map(|d| d.value.to_string()))
    );
    let _ = writeln!(
        out,
        "distributed: {}",
        field(
            metadata
                .distribution_date
                .as_ref()
                .map(|d| d.value.to_string())
        )
    );
    let _ = writeln!(
        out,
        "closing: {}",
        field(metadata.closing.as_ref().map(|c| c.meeting.value.clone()))
    );
    for unit in &document.units {
        let calls: Vec<String> = unit
            .footnote_calls
            .iter()
            .map(|call| format!("{}@{}", call.number, call.offset))
            .collect();
        let _ = writeln!(
            out,
            "\n{} [{}] calls={}\n    {}",
            unit.id,
            unit.kind.name(),
            calls.join(","),
            unit.text
        );
    }
    let _ = writeln!(out, "\nfootnotes:");
    for footnote in &document.footnotes {
        let _ = writeln!(out, "  {}: {}", footnote.number, footnote.text);
    }
    out
}

fn ids(document: &Document) -> Vec<String> {
    document
        .units
        .iter()
        .map(|unit| unit.id.to_string())
        .collect()
}

/// Both text forms of one PDF: each pinned, and the two with the same units, footnotes and
/// metadata.
fn both_forms(name: &str) -> (Document, Document) {
    let pdf = real_pdf(name);
    let reading = parse_text_form(&pdf, TextForm::ReadingOrder);
    let layout = parse_text_form(&pdf, TextForm::Layout);
    insta::assert_snapshot!(format!("{name}.pdftotext"), outline(&reading));
    insta::assert_snapshot!(format!("{name}.pdftotext-layout"), outline(&layout));
    assert_eq!(
        ids(&reading),
        ids(&layout),
        "{name}: the two forms' units differ"
    );
    let notes = |document: &Document| {
        document
            .footnotes
            .iter()
            .map(|note| (note.number, note.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(notes(&reading), notes(&layout), "{name}: footnotes differ");
    let head = |document: &Document| {
        outline(document)
            .lines()
            .take(8)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(head(&reading), head(&layout), "{name}: metadata differs");
    (reading, layout)
}

fn assert_metadata(document: &Document, symbol: &str, number: &str, title_starts: &str) {
    let metadata = &document.metadata;
    assert_eq!(
        metadata.symbol.as_ref().map(|s| s.value.as_str()),
        Some(symbol)
    );
    assert_eq!(
        metadata
            .resolution_number
            .as_ref()
            .map(|n| n.value.as_str()),
        Some(number)
    );
    assert!(
        metadata
            .title
            .as_ref()
            .is_some_and(|title| title.value.starts_with(title_starts)),
        "title: {:?}",
        metadata.title
    );
    assert!(metadata.session.is_some() && metadata.agenda_item.is_some());
    assert!(metadata.adoption_date.is_some() && metadata.distribution_date.is_some());
}

fn a_res_73_6_as_pdftotext_text() {
    let forms = both_forms("A_RES_73_6");
    for document in [&forms.0, &forms.1] {
        let expected: Vec<String> = (1..=25)
            .map(|n| format!("pre.{n}"))
            .chain((1..=14).map(|n| format!("op.{n}")))
            .collect();
        assert_eq!(ids(document), expected);
        assert_eq!(document.footnotes.len(), 6);
        assert_metadata(document, "A/RES/73/6", "73/6", "Fiftieth anniversary");
    }
}

fn a_res_73_3_as_pdftotext_text() {
    let forms = both_forms("A_RES_73_3");
    for document in [&forms.0, &forms.1] {
        let expected: Vec<String> = ["text.1", "annex1.head.1", "annex1.head.2", "annex1.text.1"]
            .into_iter()
            .map(String::from)
            .chain((1..=53).map(|n| format!("annex1.para.{n}")))
            .collect();
        assert_eq!(ids(document), expected);
        assert_eq!(document.footnotes.len(), 7);
        assert_metadata(document, "A/RES/73/3", "73/3", "Political declaration");
    }
}

resalign_testkit::test_main! {
    a_res_73_6_as_pdftotext_text => [RealPdfs, Pdftotext],
    a_res_73_3_as_pdftotext_text => [RealPdfs, Pdftotext],
}
