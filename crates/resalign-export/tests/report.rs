//! The JSON report and the JSON Lines records: their field names (which the README documents),
//! their content for the fixture pair, and a round trip through serde.

mod fixture;

use anyhow::{Context, Result};
use resalign_export::ErrorKind;
use resalign_export::report::{FindingRecord, LinkKind, LinkRecord, Report, VerdictKind};
use serde::Serialize;
use serde_json::Value;

use fixture::frozen;

/// The keys of a JSON object, sorted (the snapshot shows their order).
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .map(|object| object.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    keys
}

fn sorted<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut names = names.to_vec();
    names.sort_unstable();
    names
}

#[test]
fn field_names_are_the_documented_ones() -> Result<()> {
    let pair = frozen("faults")?;
    let report = serde_json::to_value(Report::checked(
        &pair.en,
        &pair.es,
        &pair.alignment,
        &pair.findings,
    ))?;
    let cases: [(&str, &Value, &[&str]); 10] = [
        (
            "report",
            &report,
            &[
                "format_version",
                "en",
                "es",
                "verdict",
                "totals",
                "links",
                "footnote_links",
                "findings",
            ],
        ),
        (
            "document",
            &report["en"],
            &[
                "language",
                "format",
                "symbol",
                "symbol_provenance",
                "resolution_number",
                "title",
                "organ",
                "session",
                "agenda_item",
                "adoption_date",
                "distribution_date",
                "based_on",
                "closing",
                "unit_count",
                "footnote_count",
                "diagnostic_count",
            ],
        ),
        (
            "session",
            &report["en"]["session"],
            &["printed", "number", "year"],
        ),
        (
            "closing",
            &report["en"]["closing"],
            &["meeting", "meeting_number", "date"],
        ),
        ("verdict", &report["verdict"], &["kind", "reasons"]),
        (
            "totals",
            &report["totals"],
            &[
                "links",
                "paired_links",
                "shapes",
                "footnote_links",
                "findings",
            ],
        ),
        (
            "link",
            &report["links"][0],
            &["en", "es", "shape", "score", "evidence"],
        ),
        (
            "footnote link",
            &report["footnote_links"][0],
            &["en", "es", "score", "evidence"],
        ),
        (
            "finding",
            &report["findings"][1],
            &["code", "severity", "message", "en", "es", "key"],
        ),
        (
            "finding key",
            &report["findings"][1]["key"],
            &["code", "en", "es", "en_anchors", "es_anchors"],
        ),
    ];
    for (name, value, expected) in cases {
        assert_eq!(keys(value), sorted(expected), "{name}");
    }
    let side = &report["findings"][1]["en"];
    assert_eq!(
        keys(side),
        sorted(&["units", "footnotes", "spans", "marks"])
    );
    assert_eq!(
        keys(&side["marks"][0]),
        sorted(&["unit", "start", "end", "text"])
    );
    assert_eq!(
        keys(&report["totals"]["findings"]),
        sorted(&["error", "warning", "info"])
    );
    Ok(())
}

#[test]
fn snapshot_of_a_checked_pair() -> Result<()> {
    let pair = frozen("faults")?;
    let mut json = Vec::new();
    Report::checked(&pair.en, &pair.es, &pair.alignment, &pair.findings).write_json(&mut json)?;
    insta::assert_snapshot!(String::from_utf8(json)?);
    Ok(())
}

#[test]
fn an_unchecked_pair_has_null_findings() -> Result<()> {
    let pair = frozen("faults")?;
    let report = Report::aligned(&pair.en, &pair.es, &pair.alignment);
    let json = serde_json::to_value(&report)?;
    assert!(json["findings"].is_null());
    assert!(json["totals"]["findings"].is_null());
    assert_eq!(json["totals"]["links"], 12);
    assert_eq!(json["totals"]["paired_links"], 10);
    assert_eq!(
        json["totals"]["shapes"],
        serde_json::json!({"0-1": 1, "1-0": 1, "1-1": 9, "2-1": 1})
    );
    assert_eq!(report.verdict.kind, VerdictKind::SameResolution);
    Ok(())
}

#[test]
fn marks_carry_the_text_they_mark() -> Result<()> {
    let pair = frozen("faults")?;
    let report = Report::checked(&pair.en, &pair.es, &pair.alignment, &pair.findings);
    let marked: Vec<(String, Option<String>, Option<String>)> = report
        .findings
        .iter()
        .flatten()
        .filter(|finding| !finding.en.marks.is_empty())
        .map(|finding| {
            (
                finding.code.to_string(),
                finding.en.marks[0].text.clone(),
                finding.es.marks[0].text.clone(),
            )
        })
        .collect();
    let expected = [
        ("number-mismatch", "2022", "2021"),
        (
            "footnote-differs",
            "vol. 1577, No. 27531",
            "vol. 1577, núm. 27513",
        ),
        ("footnote-differs", "A/78/167", "A/78/176"),
    ];
    let expected: Vec<(String, Option<String>, Option<String>)> = expected
        .iter()
        .map(|(code, en, es)| (code.to_string(), Some(en.to_string()), Some(es.to_string())))
        .collect();
    assert_eq!(marked, expected);
    Ok(())
}

#[test]
fn the_report_reads_back_as_it_was_written() -> Result<()> {
    let pair = frozen("faults")?;
    let report = Report::checked(&pair.en, &pair.es, &pair.alignment, &pair.findings);
    let mut json = Vec::new();
    report.write_json(&mut json)?;
    let read: Report = serde_json::from_slice(&json)?;
    assert_eq!(read, report);
    Ok(())
}

/// What a batch writes: its own fields, and a record flattened beside them, one line each.
#[derive(Serialize)]
struct Line<'a, T> {
    pair: &'a str,
    #[serde(flatten)]
    record: &'a T,
}

#[test]
fn records_flatten_into_json_lines() -> Result<()> {
    let pair = frozen("faults")?;
    let links = LinkRecord::all(&pair.en, &pair.es, &pair.alignment)?;
    assert_eq!(links.len(), 14);
    assert_eq!(
        links
            .iter()
            .filter(|link| link.kind == LinkKind::Footnote)
            .count(),
        2
    );
    let merged = links
        .iter()
        .find(|link| link.shape == "2-1")
        .context("the 2-1 link")?;
    assert_eq!(merged.en, ["op.4", "op.5"]);
    assert_eq!(merged.en_text.lines().count(), 2);

    let mut lines = String::new();
    for link in &links {
        lines += &serde_json::to_string(&Line {
            pair: "A/RES/78/999",
            record: link,
        })?;
        lines.push('\n');
    }
    for finding in &pair.findings {
        let record = FindingRecord::of(finding, &pair.en, &pair.es);
        lines += &serde_json::to_string(&Line {
            pair: "A/RES/78/999",
            record: &record,
        })?;
        lines.push('\n');
    }
    let lines: Vec<&str> = lines.lines().collect();
    assert_eq!(lines.len(), links.len() + pair.findings.len());
    let first: Value = serde_json::from_str(lines[0])?;
    assert_eq!(
        keys(&first),
        sorted(&[
            "pair", "kind", "en", "es", "shape", "score", "en_text", "es_text"
        ])
    );
    let finding: Value = serde_json::from_str(lines[links.len()])?;
    assert_eq!(
        keys(&finding),
        sorted(&["pair", "code", "severity", "message", "en", "es", "key"])
    );
    let read: LinkRecord = serde_json::from_str(lines[10])?;
    assert_eq!(&read, merged);
    Ok(())
}

#[test]
fn records_of_other_documents_are_an_error() -> Result<()> {
    let faults = frozen("faults")?;
    let data = fixture::data_pair()?;
    let error = LinkRecord::all(&faults.en, &faults.es, &data.alignment)
        .err()
        .context("records of other documents")?;
    assert!(
        matches!(error.kind(), ErrorKind::NotInDocument { .. }),
        "{error}"
    );
    Ok(())
}

#[test]
fn the_data_pair_reports_its_metadata_and_counts() -> Result<()> {
    let pair = fixture::data_pair()?;
    let report = Report::checked(&pair.en, &pair.es, &pair.alignment, &pair.findings);
    for document in [&report.en, &report.es] {
        assert_eq!(document.symbol.as_deref(), Some("E/RES/2013/41"));
        assert_eq!(document.resolution_number.as_deref(), Some("2013/41"));
        assert_eq!(document.footnote_count, 7);
    }
    assert_eq!(
        report.en.organ.as_deref(),
        Some("economic-and-social-council")
    );
    assert_eq!(report.links.len(), pair.alignment.links.len());
    assert_eq!(
        report.totals.shapes.values().sum::<usize>(),
        report.totals.links
    );
    let counts = report.totals.findings.context("findings counted")?;
    assert_eq!(
        counts.error + counts.warning + counts.info,
        pair.findings.len()
    );
    Ok(())
}
