//! Finds the English/Spanish file pairs of the corpus: in every folder with `English/` and
//! `Spanish/` subfolders, files whose names differ only in the language letter before `.xml`
//! (`75_100_E.xml`/`75_100_S.xml`), then the rest by the resolution number inside them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use resalign_core::Parser;

/// One English file and its Spanish version.
#[derive(Clone, Debug)]
pub struct FilePair {
    /// The folder below the corpus root and the shared file stem: `GA/75session/75_100_`.
    pub name: String,
    pub en: PathBuf,
    pub es: PathBuf,
    pub matched_by: MatchedBy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    FileName,
    ResolutionNumber,
}

/// Every pair under `root`, sorted by name; English files without Spanish version are counted.
pub fn find_pairs(root: &Path) -> Result<(Vec<FilePair>, usize)> {
    let mut pairs = Vec::new();
    let mut unpaired = 0;
    for folder in language_folders(root)? {
        let english = xml_files(&folder.join("English"))?;
        let mut spanish: BTreeMap<String, PathBuf> = xml_files(&folder.join("Spanish"))?
            .into_iter()
            .map(|path| (stem_without_language(&path), path))
            .collect();
        let relative = folder
            .strip_prefix(root)
            .unwrap_or(&folder)
            .display()
            .to_string();
        let mut leftover = Vec::new();
        for en in english {
            let stem = stem_without_language(&en);
            match spanish.remove(&stem) {
                Some(es) => pairs.push(FilePair {
                    name: format!("{relative}/{stem}"),
                    en,
                    es,
                    matched_by: MatchedBy::FileName,
                }),
                None => leftover.push(en),
            }
        }
        let (matched, left) = match_by_number(&relative, leftover, spanish);
        pairs.extend(matched);
        unpaired += left;
    }
    pairs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((pairs, unpaired))
}

/// Folders holding both an `English` and a `Spanish` folder, at any depth.
fn language_folders(root: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        if folder.join("English").is_dir() && folder.join("Spanish").is_dir() {
            found.push(folder);
            continue;
        }
        for entry in std::fs::read_dir(&folder).with_context(|| folder.display().to_string())? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn xml_files(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| folder.display().to_string())?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "xml"))
        .collect();
    files.sort();
    Ok(files)
}

/// The file stem without its last letter, the language: `75_100_` for `75_100_E.xml`.
fn stem_without_language(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut chars = stem.chars();
    chars.next_back();
    chars.as_str().to_string()
}

/// Pairs the files left over by the resolution number they carry.
fn match_by_number(
    relative: &str,
    english: Vec<PathBuf>,
    spanish: BTreeMap<String, PathBuf>,
) -> (Vec<FilePair>, usize) {
    let number = |path: &Path| {
        Parser::new()
            .parse_path(path)
            .ok()
            .and_then(|document| document.metadata.resolution_number)
            .map(|number| number.value)
    };
    let mut by_number: BTreeMap<String, PathBuf> = spanish
        .into_values()
        .filter_map(|path| Some((number(&path)?, path)))
        .collect();
    let mut pairs = Vec::new();
    let mut unpaired = 0;
    for en in english {
        match number(&en).and_then(|value| by_number.remove(&value)) {
            Some(es) => pairs.push(FilePair {
                name: format!("{relative}/{}", stem_without_language(&en)),
                en,
                es,
                matched_by: MatchedBy::ResolutionNumber,
            }),
            None => unpaired += 1,
        }
    }
    (pairs, unpaired)
}

/// `count` pairs of each collection (`GA/75session`, ...), spread evenly over its sorted pairs.
pub fn sample(pairs: Vec<FilePair>, count: usize) -> Vec<FilePair> {
    let collection = |pair: &FilePair| {
        pair.name
            .rsplit_once('/')
            .map_or(String::new(), |(folder, _)| folder.to_string())
    };
    let mut by_collection: BTreeMap<String, Vec<FilePair>> = BTreeMap::new();
    for pair in pairs {
        by_collection
            .entry(collection(&pair))
            .or_default()
            .push(pair);
    }
    by_collection
        .into_values()
        .flat_map(|pairs| {
            let step = (pairs.len() / count.max(1)).max(1);
            pairs.into_iter().step_by(step).take(count)
        })
        .collect()
}
