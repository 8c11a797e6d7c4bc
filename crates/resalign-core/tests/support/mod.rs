//! Helpers shared by the snapshot tests: the metadata lines of an outline, and texts with their
//! footnote calls shown where they stood.

use std::fmt::Write;

use resalign_core::{Document, FootnoteCall};

/// `name: value` for every metadata field, spans left out so that snapshots read as content.
pub fn metadata_lines(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "language: {}, format: {}",
        document.language, document.format
    );
    let metadata = serde_json::to_value(&document.metadata).unwrap_or_default();
    if let Some(fields) = metadata.as_object() {
        for (name, value) in fields {
            let _ = writeln!(out, "{name}: {}", without_spans(value));
        }
    }
    out
}

/// The text with `[^N]` where each footnote call stood.
pub fn with_calls(text: &str, calls: &[FootnoteCall]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for call in calls {
        out.push_str(text.get(last..call.offset).unwrap_or(""));
        let _ = write!(out, "[^{}]", call.number);
        last = call.offset;
    }
    out.push_str(text.get(last..).unwrap_or(""));
    out
}

fn without_spans(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(fields) => {
            if let (Some(inner), true, 2) = (
                fields.get("value"),
                fields.contains_key("span"),
                fields.len(),
            ) {
                return without_spans(inner);
            }
            serde_json::Value::Object(
                fields
                    .iter()
                    .filter(|(name, _)| name.as_str() != "span")
                    .map(|(name, value)| (name.clone(), without_spans(value)))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(without_spans).collect())
        }
        other => other.clone(),
    }
}
