//! Manifests: the pairs of a corpus whose layout no naming rule fits, listed by hand or by a
//! script. JSON Lines (`{"id": ..., "en": ..., "es": ...}`) or TSV (`id<TAB>en<TAB>es`, with or
//! without that header line); blank lines and lines starting with `#` are skipped. Relative
//! paths are taken from the manifest's folder, so a manifest can travel with its corpus.

use std::collections::HashSet;
use std::path::Path;

use super::{
    PairInput, PairSet, PairedBy, Source, parse_pair_line, path_from_bytes, tsv_unescaped,
};
use crate::error::{Error, ErrorKind};

/// Reads a manifest; the pairs come back sorted by id. A malformed line or a repeated id fails
/// the whole manifest, naming the line, before any work starts.
pub fn read_manifest(path: &Path) -> Result<PairSet, Error> {
    let text = std::fs::read_to_string(path).map_err(|error| Error::io(error, path))?;
    // A byte order mark, as some editors on Windows write.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let base = path.parent().unwrap_or(Path::new(""));
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .peekable();
    let json = lines
        .peek()
        .is_some_and(|(_, line)| line.trim_start().starts_with('{'));
    let mut pairs = Vec::new();
    let mut seen = HashSet::new();
    for (number, line) in lines {
        let pair = if json {
            parse_pair_line(line, Some(base), PairedBy::Manifest)
                .map_err(|error| malformed(path, number, error.reason))?
        } else {
            match tsv_pair(line, base) {
                TsvLine::Pair(pair) => pair,
                TsvLine::Header => continue,
                TsvLine::Malformed(reason) => return Err(malformed(path, number, reason)),
            }
        };
        if !seen.insert(pair.id.clone()) {
            return Err(Error::new(ErrorKind::DuplicateId { id: pair.id }).with_path(path));
        }
        pairs.push(pair);
    }
    pairs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(PairSet {
        pairs,
        unpaired: Vec::new(),
    })
}

enum TsvLine {
    Pair(PairInput),
    Header,
    Malformed(String),
}

fn tsv_pair(line: &str, base: &Path) -> TsvLine {
    let fields: Vec<&str> = line.split('\t').collect();
    let [id, en, es] = fields.as_slice() else {
        return TsvLine::Malformed(format!(
            "expected three tab-separated fields (id, English path, Spanish path), found {}",
            fields.len()
        ));
    };
    if [id, en, es].map(|field| field.trim().to_lowercase()) == ["id", "en", "es"] {
        return TsvLine::Header;
    }
    if [id, en, es].iter().any(|field| field.trim().is_empty()) {
        return TsvLine::Malformed("a field is empty".to_string());
    }
    let id = String::from_utf8(tsv_unescaped(id.trim()));
    let Ok(id) = id else {
        return TsvLine::Malformed("the id is not UTF-8".to_string());
    };
    let path = |field: &str| base.join(path_from_bytes(tsv_unescaped(field.trim())));
    TsvLine::Pair(PairInput {
        id,
        en: Source::Path(path(en)),
        es: Source::Path(path(es)),
        paired_by: PairedBy::Manifest,
    })
}

fn malformed(path: &Path, line: usize, reason: String) -> Error {
    Error::new(ErrorKind::Manifest { line, reason }).with_path(path)
}
