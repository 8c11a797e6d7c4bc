//! The error type for input that cannot be a resolution at all.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Why an input could not be parsed. Odd text is never an error (it gives diagnostics); only
/// input that cannot be a resolution is.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

/// The kinds of unparseable input. New kinds may be added.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io(io::Error),
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    NotUtf8 { offset: usize },
    /// Nothing but whitespace.
    Empty,
    /// Control bytes that no text has; `offset` is the first. `format` names the file format
    /// when its signature is known (`PDF`, `ZIP (DOCX)`).
    Binary {
        offset: usize,
        format: Option<&'static str>,
    },
    /// A language other than English or Spanish (`fra`, `zho` in AKN4UN terms).
    UnsupportedLanguage { found: String },
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind, path: None }
    }

    /// The same error, naming the file it is about.
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}: ", path.display())?;
        }
        match &self.kind {
            ErrorKind::Io(error) => write!(f, "cannot read: {error}"),
            ErrorKind::NotUtf8 { offset } => {
                write!(f, "not UTF-8 text: invalid byte at offset {offset}")
            }
            ErrorKind::Empty => f.write_str("empty input: no text to parse"),
            ErrorKind::Binary {
                format: Some(format),
                ..
            } => write!(
                f,
                "binary data, not text: this is a {format} file; convert it to text first"
            ),
            ErrorKind::Binary { offset, .. } => {
                write!(f, "binary data, not text: control byte at offset {offset}")
            }
            ErrorKind::UnsupportedLanguage { found } => write!(
                f,
                "the document is in `{found}`; resalign reads English and Spanish"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(error) => Some(error),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        Error::new(ErrorKind::Io(error))
    }
}
