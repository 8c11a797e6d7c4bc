//! One pair as a JSON line, `{"id": ..., "en": ..., "es": ...}`, as manifests and pipes give it.
//!
//! A side is a path, or the document's text itself. A plain string is text when it holds a line
//! break or starts with `<` (no file path does, and every resolution does one or the other);
//! otherwise it is a path. `{"path": ...}` and `{"text": ...}` say it outright.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{PairInput, PairedBy, Source};

#[derive(Deserialize)]
struct PairLine {
    id: Option<String>,
    en: Option<SideField>,
    es: Option<SideField>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SideField {
    Plain(String),
    Path { path: PathBuf },
    Text { text: String },
}

/// A line that is not a pair. `id` is the pair's id when the line gave one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairLineError {
    pub id: Option<String>,
    pub reason: String,
}

impl fmt::Display for PairLineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Reads a JSON pair line. Relative paths are taken from `base` when given.
pub fn parse_pair_line(
    line: &str,
    base: Option<&Path>,
    paired_by: PairedBy,
) -> Result<PairInput, PairLineError> {
    let parsed: PairLine = serde_json::from_str(line).map_err(|error| PairLineError {
        id: None,
        reason: format!("not a JSON pair ({{\"id\", \"en\", \"es\"}}): {error}"),
    })?;
    let Some(id) = parsed.id.filter(|id| !id.trim().is_empty()) else {
        return Err(PairLineError {
            id: None,
            reason: "the pair has no \"id\"".to_string(),
        });
    };
    let (Some(en), Some(es)) = (parsed.en, parsed.es) else {
        return Err(PairLineError {
            id: Some(id),
            reason: "a pair needs both \"en\" and \"es\"".to_string(),
        });
    };
    Ok(PairInput {
        id,
        en: source(en, base),
        es: source(es, base),
        paired_by,
    })
}

fn source(field: SideField, base: Option<&Path>) -> Source {
    let path = |path: PathBuf| match base {
        Some(base) if path.is_relative() => Source::Path(base.join(path)),
        _ => Source::Path(path),
    };
    match field {
        SideField::Plain(text) if looks_like_text(&text) => Source::Text(text),
        SideField::Plain(plain) => path(PathBuf::from(plain)),
        SideField::Path { path: given } => path(given),
        SideField::Text { text } => Source::Text(text),
    }
}

fn looks_like_text(value: &str) -> bool {
    value.contains('\n') || value.trim_start().starts_with('<')
}
