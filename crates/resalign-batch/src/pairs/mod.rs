//! The pairs a batch aligns: found in a directory tree by file names, folders and symbols, read
//! from a manifest, or read one JSON line at a time from a pipe; and the files left without a
//! counterpart, with the reason.

mod lines;
mod manifest;
mod names;
mod shard;
mod tree;

use std::fmt;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

pub use lines::{PairLineError, parse_pair_line};
pub use manifest::read_manifest;
pub use names::NamedLanguage;
pub use shard::Shard;
pub(crate) use shard::id_hash;
pub use tree::PairFinder;

/// One English document and its Spanish version, under an id unique in the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairInput {
    /// Names the pair in every output line: `GA/75session/75_100`.
    pub id: String,
    pub en: Source,
    pub es: Source,
    pub paired_by: PairedBy,
}

/// Where a document's text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Path(PathBuf),
    /// The text itself, as a pipe can send it.
    Text(String),
}

impl Source {
    /// The path for reports, or `None` for inline text.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Source::Path(path) => Some(path),
            Source::Text(_) => None,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Path(path) => write!(f, "{}", path.display()),
            Source::Text(_) => f.write_str("(inline text)"),
        }
    }
}

/// What put the two documents together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PairedBy {
    /// Names and folders that differ only in the language.
    FileName,
    /// The document symbol both files print, when their names did not settle it.
    Symbol,
    /// A line of a manifest.
    Manifest,
    /// A line read from standard input.
    Input,
}

/// A file of the tree that is in no pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unpaired {
    #[serde(serialize_with = "serialize_path")]
    pub path: PathBuf,
    #[serde(flatten)]
    pub reason: UnpairedReason,
}

/// Why a file is in no pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum UnpairedReason {
    /// An English or Spanish file whose other language version is not in the tree.
    NoCounterpart { language: NamedLanguage },
    /// A file in a language resalign does not align (a French file in an English folder).
    OtherLanguage { language: NamedLanguage },
    /// Several files of one language print the same symbol, so none can be paired by it.
    SameSymbol {
        language: NamedLanguage,
        symbol: String,
    },
    /// Neither the name, the folders nor the text tell the file's language.
    LanguageUnknown { detail: String },
    /// A file or folder that could not be read.
    Unreadable { detail: String },
}

impl fmt::Display for UnpairedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnpairedReason::NoCounterpart { language } => {
                let other = match language {
                    NamedLanguage::Spanish => NamedLanguage::English,
                    _ => NamedLanguage::Spanish,
                };
                write!(f, "{language} file without a {other} counterpart")
            }
            UnpairedReason::OtherLanguage { language } => {
                write!(f, "in {language}; resalign aligns English and Spanish")
            }
            UnpairedReason::SameSymbol { language, symbol } => write!(
                f,
                "one of several {language} files printing {symbol}, so none can be paired by it"
            ),
            UnpairedReason::LanguageUnknown { detail } => write!(f, "language unknown: {detail}"),
            UnpairedReason::Unreadable { detail } => write!(f, "unreadable: {detail}"),
        }
    }
}

/// The pairs of a tree, and the files left over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairSet {
    /// Sorted by id.
    pub pairs: Vec<PairInput>,
    /// Sorted by path.
    pub unpaired: Vec<Unpaired>,
}

impl PairSet {
    /// Keeps this shard's share of the pairs and of the unpaired files.
    pub fn retain_shard(&mut self, shard: Shard) {
        self.pairs.retain(|pair| shard.contains(&pair.id));
        self.unpaired
            .retain(|unpaired| shard.contains(&unpaired.path.to_string_lossy()));
    }
}

pub(crate) fn serialize_path<S: Serializer>(
    path: &std::path::Path,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&path.display())
}
