//! The error type for input that cannot be a resolution at all.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::SourceFormat;

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
    /// A PDF or Word document that cannot be opened: truncated, corrupt, or not what its
    /// signature says (a ZIP that holds no Word document).
    Malformed {
        format: SourceFormat,
        reason: String,
    },
    /// An encrypted or password-protected document.
    Encrypted { format: SourceFormat },
    /// A PDF whose pages carry no text (a scan): it needs OCR first.
    NoTextLayer { pages: usize },
    /// Content that decompresses past the reader's limit, in bytes: far more than any
    /// resolution (a decompression bomb).
    TooLarge { format: SourceFormat, limit: u64 },
    /// A Word document with macros (`.docm`), which resalign does not open.
    MacroEnabled,
    /// This build of resalign left the reader of the format out (cargo feature `feature`).
    FormatNotBuilt {
        format: SourceFormat,
        feature: &'static str,
    },
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
            ErrorKind::Malformed { format, reason } => {
                write!(f, "cannot read this {}: {reason}", format_name(*format))
            }
            ErrorKind::Encrypted { format } => write!(
                f,
                "this {} is encrypted; save an unprotected copy first",
                format_name(*format)
            ),
            ErrorKind::NoTextLayer { pages } => write!(
                f,
                "this PDF has no text on its {pages} page(s), as a scan has none; run OCR on it first"
            ),
            ErrorKind::TooLarge { format, limit } => write!(
                f,
                "this {} decompresses to more than {} MB, far more than any resolution",
                format_name(*format),
                limit / 1_000_000
            ),
            ErrorKind::MacroEnabled => {
                f.write_str("this is a macro-enabled Word document (.docm); save it as .docx first")
            }
            ErrorKind::FormatNotBuilt { format, feature } => write!(
                f,
                "this is a {}, and this build of resalign reads none (cargo feature `{feature}`)",
                format_name(*format)
            ),
        }
    }
}

/// How a message names a document format.
fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Pdf => "PDF",
        SourceFormat::Docx => "Word document",
        SourceFormat::AknXml => "AKN4UN XML document",
        SourceFormat::Markdown | SourceFormat::PlainText => "text",
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
