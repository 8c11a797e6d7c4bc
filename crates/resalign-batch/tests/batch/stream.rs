//! The pipe mode: pair lines in, result lines out in input order, each pair's document line
//! last, a bad line a failed record; the same bytes on one thread and two.

use anyhow::Result;
use resalign_batch::Silent;
use serde_json::{Value, json};

use crate::common::{batch, fixture, small_corpus};

/// The input lines, and for each the pair id and status its document line must have.
fn requests(tree: &crate::common::Tree) -> Result<(String, Vec<(String, &'static str)>)> {
    let path = |relative: &str| tree.path(relative).display().to_string();
    let text = |name: &str| String::from_utf8(fixture(name));
    let lines = [
        json!({"id": "by-path", "en": path("GA/English/75_2_E.md"), "es": path("GA/Spanish/75_2_S.md")}),
        json!({"id": "inline", "en": text("ecosoc.en.md")?, "es": {"text": text("ecosoc.es.md")?}}),
        json!({"id": "missing-file", "en": path("GA/English/75_1_E.md"), "es": path("nowhere/75_1_S.md")}),
        json!({"id": "swapped", "en": path("GA/Spanish/75_1_S.md"), "es": path("GA/English/75_1_E.md")}),
        json!({"en": "a.md", "es": "b.md"}),
    ];
    let mut input: String = lines.iter().map(|line| format!("{line}\n")).collect();
    input.push_str("\nnot json at all\n");
    let expected = [
        ("by-path", "aligned"),
        ("inline", "aligned"),
        ("missing-file", "failed"),
        ("swapped", "failed"),
        ("line 5", "failed"),
        ("line 7", "failed"),
    ]
    .map(|(id, status)| (id.to_string(), status))
    .to_vec();
    Ok((input, expected))
}

pub(crate) fn result_lines_come_out_in_input_order_each_pair_closed_by_its_document_line()
-> Result<()> {
    let tree = small_corpus()?;
    let (input, expected) = requests(&tree)?;
    let mut outputs = Vec::new();
    for threads in [1, 2] {
        let mut output = Vec::new();
        let summary = batch(threads).stream(
            std::io::Cursor::new(input.clone()),
            &mut output,
            &mut Silent,
        )?;
        assert_eq!((summary.aligned, summary.failed), (2, 4));
        outputs.push(output);
    }
    assert!(outputs[0] == outputs[1], "one thread and two disagree");

    let lines: Vec<Value> = String::from_utf8(outputs.remove(0))?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let documents: Vec<(String, String)> = lines
        .iter()
        .filter(|line| line["record"] == "document")
        .map(|line| {
            (
                line["pair"].as_str().unwrap_or_default().to_string(),
                line["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(id, status)| (id, status.to_string()))
        .collect();
    assert_eq!(documents, expected);

    // Every link and finding line comes before the document line of its pair, and after the
    // document line of the pair before.
    let mut open_pair: Option<String> = None;
    for line in &lines {
        let pair = line["pair"].as_str().map(str::to_string);
        match line["record"].as_str() {
            Some("link" | "finding") => {
                if open_pair.is_none() {
                    open_pair = pair.clone();
                }
                assert_eq!(pair, open_pair, "{line}");
            }
            Some("document") => {
                if let Some(open) = open_pair.take() {
                    assert_eq!(pair, Some(open), "{line}");
                }
            }
            other => panic!("unknown record {other:?} in {line}"),
        }
    }
    let reasons: Vec<&str> = lines
        .iter()
        .filter(|line| line["status"] == "failed")
        .filter_map(|line| line["error"]["stage"].as_str())
        .collect();
    assert_eq!(reasons, ["read", "align", "input", "input"]);
    Ok(())
}
