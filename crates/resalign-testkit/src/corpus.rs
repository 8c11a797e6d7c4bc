//! Where tests find the AKN4UN corpus (`../shared/corpus/unxml` beside the repository) and the
//! official PDFs (`../shared/realpdf`). A test that reads them declares
//! [`Requirement::Corpus`](crate::harness::Requirement::Corpus) or
//! [`Requirement::RealPdfs`](crate::harness::Requirement::RealPdfs): without them it is reported
//! ignored, unless `RESALIGN_REQUIRE_CORPUS=1` (as CI sets) makes the absence a failure.

use std::path::{Path, PathBuf};

/// Where the corpus folder belongs, whether or not it is there: for a test that declares
/// [`Requirement::Corpus`](crate::harness::Requirement::Corpus), which the harness checks first.
pub fn corpus_dir() -> PathBuf {
    shared("corpus/unxml")
}

/// Where the official PDFs belong, for a test that declares
/// [`Requirement::RealPdfs`](crate::harness::Requirement::RealPdfs).
pub fn realpdf_dir() -> PathBuf {
    shared("realpdf")
}

fn shared(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(relative)
}

/// Every `.xml` file under `root`, at any depth, sorted; folders that cannot be read are passed
/// over.
pub fn xml_files_under(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "xml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The English and Spanish files of a corpus folder (`GA/75session`) whose names differ only in
/// the language letter (`75_100_E.xml` / `75_100_S.xml`, `A_HRC_RES_54_10E.xml` /
/// `A_HRC_RES_54_10S.xml`), sorted. The batch crate pairs the rest (by symbol, by manifest).
pub fn pairs_by_name(folder: &Path) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut pairs = Vec::new();
    for entry in std::fs::read_dir(folder.join("English"))? {
        let en = entry?.path();
        let Some(stem) = en
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix("E.xml"))
        else {
            continue;
        };
        let es = folder.join("Spanish").join(format!("{stem}S.xml"));
        if es.is_file() {
            pairs.push((en, es));
        }
    }
    pairs.sort();
    Ok(pairs)
}

/// The collection folders of the corpus (`GA/75session`, `SC/2022`...): those with `English`
/// and `Spanish` folders, sorted.
pub fn collections(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for organ in std::fs::read_dir(root)? {
        let organ = organ?.path();
        if !organ.is_dir() {
            continue;
        }
        for collection in std::fs::read_dir(&organ)? {
            let collection = collection?.path();
            if collection.join("English").is_dir() && collection.join("Spanish").is_dir() {
                found.push(collection);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `count` pairs from every collection, spread evenly over its sorted pairs, so that a sample
/// covers every organ and stays the same from run to run.
pub fn sample_pairs(root: &Path, count: usize) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut sample = Vec::new();
    for collection in collections(root)? {
        let pairs = pairs_by_name(&collection)?;
        let step = (pairs.len() / count.max(1)).max(1);
        sample.extend(pairs.into_iter().step_by(step).take(count));
    }
    Ok(sample)
}
