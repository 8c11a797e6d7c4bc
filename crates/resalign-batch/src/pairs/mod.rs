//! The pairs a batch aligns: found in a directory tree by file names, folders and symbols, read
//! from a manifest, or read one JSON line at a time from a pipe; and the files left without a
//! counterpart, with the reason.

mod lines;
mod manifest;
mod names;
mod shard;
mod tree;

use std::borrow::Cow;
use std::ffi::OsStr;
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
            Source::Path(path) => f.write_str(&path_text(path)),
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
            .retain(|unpaired| shard.contains(&path_text(&unpaired.path)));
    }
}

pub(crate) fn serialize_path<S: Serializer>(
    path: &std::path::Path,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path_text(path))
}

/// A path as text, losing nothing: its UTF-8 text, or for a name that is not UTF-8, every byte
/// that is not part of a character written `\xNN` (and every backslash doubled), so that two
/// such names never read the same.
pub fn path_text(path: &std::path::Path) -> Cow<'_, str> {
    os_text(path.as_os_str())
}

/// A file or folder name as text, as [`path_text`] writes it.
pub(crate) fn os_text(text: &OsStr) -> Cow<'_, str> {
    match text.to_str() {
        Some(text) => Cow::Borrowed(text),
        None => Cow::Owned(escaped(text.as_encoded_bytes(), &[])),
    }
}

/// `bytes` as text: backslashes doubled, the characters of `named` written `\t`, `\n` or
/// `\r`, and bytes that are not UTF-8 written `\xNN`.
fn escaped(bytes: &[u8], named: &[char]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for character in chunk.valid().chars() {
            match character {
                '\\' => text.push_str("\\\\"),
                '\t' if named.contains(&character) => text.push_str("\\t"),
                '\n' if named.contains(&character) => text.push_str("\\n"),
                '\r' if named.contains(&character) => text.push_str("\\r"),
                character => text.push(character),
            }
        }
        for byte in chunk.invalid() {
            text.push_str(&format!("\\x{byte:02X}"));
        }
    }
    text
}

/// A field of a TSV manifest: tabs, line breaks and backslashes escaped, bytes that are not
/// UTF-8 written `\xNN`. [`read_manifest`] reads it back.
pub fn tsv_field(bytes: &[u8]) -> String {
    escaped(bytes, &['\t', '\n', '\r'])
}

/// The bytes a TSV manifest field stands for: `\\`, `\t`, `\n`, `\r` and `\xNN` decoded; a
/// backslash before anything else is kept as written.
pub(crate) fn tsv_unescaped(field: &str) -> Vec<u8> {
    let bytes = field.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let next = bytes.get(index + 1).copied();
        let (value, length) = match (byte, next) {
            (b'\\', Some(b'\\')) => (b'\\', 2),
            (b'\\', Some(b't')) => (b'\t', 2),
            (b'\\', Some(b'n')) => (b'\n', 2),
            (b'\\', Some(b'r')) => (b'\r', 2),
            (b'\\', Some(b'x')) => match bytes
                .get(index + 2..index + 4)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                Some(value) => (value, 4),
                None => (byte, 1),
            },
            _ => (byte, 1),
        };
        decoded.push(value);
        index += length;
    }
    decoded
}

/// A path from the bytes of a name, which on Unix need not be UTF-8.
pub(crate) fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}
