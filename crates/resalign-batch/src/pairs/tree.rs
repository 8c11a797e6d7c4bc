//! Finds the pairs of a directory tree. Files pair up when their folders and names differ only
//! in the language (`English/75_100_E.xml` and `Spanish/75_100_S.xml`, `name.en.txt` and
//! `name.es.txt`); the files a name does not settle are parsed and paired by the document
//! symbol they print, within the same collection folder. What is left is listed with a reason.

use std::collections::{BTreeMap, HashSet};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use resalign_core::{ErrorKind as ParseErrorKind, Language, Parser};

use super::names::{NamedLanguage, language_named, language_of_stem};
use super::{PairInput, PairSet, PairedBy, Source, Unpaired, UnpairedReason, os_text};
use crate::error::Error;
use crate::process::file_kind;
use crate::workers::thread_pool;

/// The extensions of the files a tree's resolutions can be in.
const EXTENSIONS: [&str; 7] = ["xml", "md", "markdown", "txt", "text", "pdf", "docx"];

/// Finds English/Spanish pairs in a directory tree.
///
/// ```no_run
/// use resalign_batch::PairFinder;
///
/// let found = PairFinder::new().find("corpus/unxml".as_ref())?;
/// println!("{} pairs, {} files unpaired", found.pairs.len(), found.unpaired.len());
/// # Ok::<(), resalign_batch::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct PairFinder {
    threads: Option<NonZeroUsize>,
    skipped: Vec<PathBuf>,
}

impl PairFinder {
    pub fn new() -> PairFinder {
        PairFinder::default()
    }

    /// Threads for parsing the files that must be paired by symbol (all cores by default).
    pub fn threads(&mut self, threads: NonZeroUsize) -> &mut PairFinder {
        self.threads = Some(threads);
        self
    }

    /// A folder not to look into, such as the batch's own output inside the tree.
    pub fn skip(&mut self, folder: impl Into<PathBuf>) -> &mut PairFinder {
        self.skipped.push(folder.into());
        self
    }

    /// The pairs under `root`, sorted by id, and the files that are in no pair, sorted by path.
    pub fn find(&self, root: &Path) -> Result<PairSet, Error> {
        let skipped: HashSet<PathBuf> = self
            .skipped
            .iter()
            .filter_map(|folder| folder.canonicalize().ok())
            .collect();
        let walked = walk(root, &skipped)?;
        let mut found = PairSet {
            pairs: Vec::new(),
            unpaired: walked.unreadable,
        };
        let leftovers = pair_by_name(walked.files, &mut found);
        let identified = thread_pool(self.threads)?
            .install(|| leftovers.into_par_iter().map(identify).collect::<Vec<_>>());
        pair_by_symbol(identified, &mut found);
        make_ids_unique(&mut found.pairs);
        found.pairs.sort_by(|a, b| a.id.cmp(&b.id));
        found.unpaired.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(found)
    }
}

/// A file that may be a resolution, and what its place in the tree says about it.
struct Candidate {
    path: PathBuf,
    /// The folders below the root, language folders left out: `GA/75session`.
    collection: String,
    /// The name without extension and language: `75_100`, `A_HRC_RES_54_10`.
    shared: String,
    extension: String,
    language: Option<NamedLanguage>,
}

impl Candidate {
    fn new(path: PathBuf, folders: &[String], extension: String) -> Candidate {
        let stem = path
            .file_stem()
            .map(|stem| os_text(stem).into_owned())
            .unwrap_or_default();
        let collection = folders
            .iter()
            .filter(|folder| language_named(folder).is_none())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("/");
        let (shared, language) = match language_of_stem(&stem) {
            Some(named) => (named.shared.to_string(), Some(named.language)),
            None => (
                stem.clone(),
                folders
                    .iter()
                    .rev()
                    .find_map(|folder| language_named(folder)),
            ),
        };
        Candidate {
            path,
            collection,
            shared,
            extension,
            language,
        }
    }

    fn pair_id(&self) -> String {
        match self.collection.as_str() {
            "" => self.shared.clone(),
            collection => format!("{collection}/{}", self.shared),
        }
    }
}

struct Walked {
    files: Vec<Candidate>,
    unreadable: Vec<Unpaired>,
}

/// Every candidate file under `root`, in path order. Hidden entries are skipped; symbolic links
/// are followed, each real folder once.
fn walk(root: &Path, skipped: &HashSet<PathBuf>) -> Result<Walked, Error> {
    let mut walked = Walked {
        files: Vec::new(),
        unreadable: Vec::new(),
    };
    let mut visited = HashSet::new();
    let mut pending = vec![(root.to_path_buf(), Vec::<String>::new())];
    while let Some((folder, folders)) = pending.pop() {
        let entries = match folder.canonicalize().and_then(|real| {
            let seen = skipped.contains(&real) || !visited.insert(real);
            if seen {
                Ok(None)
            } else {
                sorted_entries(&folder).map(Some)
            }
        }) {
            Ok(Some(entries)) => entries,
            Ok(None) => continue,
            Err(error) if folder == root => return Err(Error::io(error, root)),
            Err(error) => {
                walked
                    .unreadable
                    .push(unreadable(folder, error.to_string()));
                continue;
            }
        };
        let mut subfolders = Vec::new();
        for (name, path) in entries {
            match std::fs::metadata(&path) {
                Ok(metadata) if metadata.is_dir() => subfolders.push((name, path)),
                Ok(metadata) if metadata.is_file() => {
                    if let Some(extension) = candidate_extension(&path) {
                        walked.files.push(Candidate::new(path, &folders, extension));
                    }
                }
                // A named pipe or a device with a resolution's name is listed, never read.
                Ok(metadata) => {
                    if candidate_extension(&path).is_some() {
                        let detail = format!("not a regular file but {}", file_kind(&metadata));
                        walked.unreadable.push(unreadable(path, detail));
                    }
                }
                Err(error) => walked.unreadable.push(unreadable(path, error.to_string())),
            }
        }
        for (name, path) in subfolders.into_iter().rev() {
            let mut below = folders.clone();
            below.push(name);
            pending.push((path, below));
        }
    }
    Ok(walked)
}

fn sorted_entries(folder: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = os_text(&entry.file_name()).into_owned();
        if !name.starts_with('.') {
            entries.push((name, entry.path()));
        }
    }
    entries.sort();
    Ok(entries)
}

fn candidate_extension(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_string_lossy().to_lowercase();
    EXTENSIONS
        .contains(&extension.as_str())
        .then_some(extension)
}

fn unreadable(path: PathBuf, detail: String) -> Unpaired {
    Unpaired {
        path,
        reason: UnpairedReason::Unreadable { detail },
    }
}

/// Pairs the files whose collection and shared name agree; returns the files their names do
/// not settle.
fn pair_by_name(files: Vec<Candidate>, found: &mut PairSet) -> Vec<Candidate> {
    let mut buckets: BTreeMap<(String, String), Vec<Candidate>> = BTreeMap::new();
    for file in files {
        buckets
            .entry((file.collection.clone(), file.shared.clone()))
            .or_default()
            .push(file);
    }
    let mut leftovers = Vec::new();
    for bucket in buckets.into_values() {
        let mut english = Vec::new();
        let mut spanish = Vec::new();
        for file in bucket {
            match file.language {
                Some(NamedLanguage::English) => english.push(file),
                Some(NamedLanguage::Spanish) => spanish.push(file),
                Some(language) => found.unpaired.push(Unpaired {
                    path: file.path,
                    reason: UnpairedReason::OtherLanguage { language },
                }),
                None => leftovers.push(file),
            }
        }
        pair_bucket(english, spanish, found, &mut leftovers);
    }
    leftovers
}

/// One English and one Spanish file make a pair; with more (`x.en.md`, `x.en.txt`), files pair
/// up by extension.
fn pair_bucket(
    english: Vec<Candidate>,
    spanish: Vec<Candidate>,
    found: &mut PairSet,
    leftovers: &mut Vec<Candidate>,
) {
    if english.len() == 1 && spanish.len() == 1 {
        found.pairs.extend(
            english
                .into_iter()
                .zip(spanish)
                .map(|(en, es)| name_pair(en, es, PairedBy::FileName)),
        );
        return;
    }
    let mut english_by_extension: BTreeMap<String, usize> = BTreeMap::new();
    for en in &english {
        *english_by_extension
            .entry(en.extension.clone())
            .or_default() += 1;
    }
    let mut unmatched_spanish = spanish;
    for en in english {
        let mut same_extension = unmatched_spanish
            .iter()
            .enumerate()
            .filter(|(_, es)| es.extension == en.extension)
            .map(|(at, _)| at);
        let only_spanish = match (same_extension.next(), same_extension.next()) {
            (Some(at), None) => Some(at),
            _ => None,
        };
        match only_spanish.filter(|_| english_by_extension[&en.extension] == 1) {
            Some(at) => {
                let es = unmatched_spanish.remove(at);
                found.pairs.push(name_pair(en, es, PairedBy::FileName));
            }
            None => leftovers.push(en),
        }
    }
    leftovers.extend(unmatched_spanish);
}

fn name_pair(en: Candidate, es: Candidate, paired_by: PairedBy) -> PairInput {
    PairInput {
        id: en.pair_id(),
        en: Source::Path(en.path),
        es: Source::Path(es.path),
        paired_by,
    }
}

/// A leftover file after parsing: its language and symbol, or why it has none.
struct Identified {
    file: Candidate,
    identity: Result<(NamedLanguage, Option<String>), UnpairedReason>,
}

fn identify(file: Candidate) -> Identified {
    let identity = match Parser::new().parse_path(&file.path) {
        Ok(document) => {
            let language = match document.language {
                Language::En => NamedLanguage::English,
                Language::Es => NamedLanguage::Spanish,
            };
            Ok((
                language,
                document.metadata.symbol.map(|symbol| symbol.value),
            ))
        }
        Err(error) => Err(match error.kind() {
            ParseErrorKind::UnsupportedLanguage { found } => match language_named(found) {
                Some(language) => UnpairedReason::OtherLanguage { language },
                None => UnpairedReason::LanguageUnknown {
                    detail: error.to_string(),
                },
            },
            _ => UnpairedReason::Unreadable {
                detail: error.to_string(),
            },
        }),
    };
    Identified { file, identity }
}

/// The files of one collection that print one symbol.
#[derive(Default)]
struct SymbolGroup {
    english: Vec<Candidate>,
    spanish: Vec<Candidate>,
}

/// Pairs the leftover files of each collection by the symbol their documents print.
fn pair_by_symbol(identified: Vec<Identified>, found: &mut PairSet) {
    let mut groups: BTreeMap<(String, String), SymbolGroup> = BTreeMap::new();
    for Identified { file, identity } in identified {
        match identity {
            Ok((language, Some(symbol))) => {
                let group = groups.entry((file.collection.clone(), symbol)).or_default();
                match language {
                    NamedLanguage::Spanish => group.spanish.push(file),
                    _ => group.english.push(file),
                }
            }
            Ok((language, None)) => found.unpaired.push(Unpaired {
                path: file.path,
                reason: UnpairedReason::NoCounterpart { language },
            }),
            Err(reason) => found.unpaired.push(Unpaired {
                path: file.path,
                reason,
            }),
        }
    }
    for ((_, symbol), group) in groups {
        settle_symbol_group(symbol, group, found);
    }
}

fn settle_symbol_group(symbol: String, group: SymbolGroup, found: &mut PairSet) {
    let SymbolGroup { english, spanish } = group;
    if english.len() == 1 && spanish.len() == 1 {
        found.pairs.extend(
            english
                .into_iter()
                .zip(spanish)
                .map(|(en, es)| name_pair(en, es, PairedBy::Symbol)),
        );
        return;
    }
    let ambiguous = english.len() > 1 || spanish.len() > 1;
    let sides = [
        (NamedLanguage::English, english),
        (NamedLanguage::Spanish, spanish),
    ];
    for (language, files) in sides {
        for file in files {
            let reason = if ambiguous {
                UnpairedReason::SameSymbol {
                    language,
                    symbol: symbol.clone(),
                }
            } else {
                UnpairedReason::NoCounterpart { language }
            };
            found.unpaired.push(Unpaired {
                path: file.path,
                reason,
            });
        }
    }
}

/// Two pairs may share an id (`x.en.md`/`x.es.md` and `x.en.txt`/`x.es.txt` are both `x`):
/// such ids get the English file's extension, then a counter if that is not enough.
fn make_ids_unique(pairs: &mut [PairInput]) {
    pairs.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.en.path().cmp(&b.en.path())));
    let repeated = repeated_ids(pairs);
    for pair in pairs.iter_mut().filter(|pair| repeated.contains(&pair.id)) {
        let extension = pair
            .en
            .path()
            .and_then(Path::extension)
            .map(|extension| extension.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        pair.id = format!("{}.{extension}", pair.id);
    }
    let repeated = repeated_ids(pairs);
    let mut counters: BTreeMap<String, usize> = BTreeMap::new();
    for pair in pairs.iter_mut().filter(|pair| repeated.contains(&pair.id)) {
        let counter = counters.entry(pair.id.clone()).or_insert(0);
        *counter += 1;
        pair.id = format!("{}~{counter}", pair.id);
    }
}

fn repeated_ids(pairs: &[PairInput]) -> HashSet<String> {
    let mut seen = HashSet::new();
    pairs
        .iter()
        .filter(|pair| !seen.insert(pair.id.as_str()))
        .map(|pair| pair.id.clone())
        .collect()
}
