//! The error type for writing exports.

use std::fmt;
use std::io;

use resalign_core::Language;

/// Why an export could not be written.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// The kinds of export failures. New kinds may be added.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Writing to the output failed.
    Io(io::Error),
    /// The output could not be serialized.
    Serialize(String),
    /// The alignment names a unit (`op.7`) or footnote (`fn.2`) that the document does not
    /// have: the alignment was made from other documents.
    NotInDocument { language: Language, id: String },
    /// A language tag that is not a well-formed tag of the language it is set for
    /// (`es-ES` for English, `spanish`, `es_419`).
    LanguageTag { language: Language, tag: String },
    /// A pair whose alignment has no links: an XLIFF `<file>` needs at least one unit.
    NoLinks,
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io(error) => write!(f, "cannot write the export: {error}"),
            ErrorKind::Serialize(message) => write!(f, "cannot serialize the export: {message}"),
            ErrorKind::NotInDocument { language, id } => write!(
                f,
                "the alignment names `{id}`, which the {} document does not have; \
                 was it made from other documents?",
                language_name(*language)
            ),
            ErrorKind::LanguageTag { language, tag } => write!(
                f,
                "`{tag}` is not a language tag for {} (expected `{}` or `{}-` and a region, \
                 such as `{}`)",
                language_name(*language),
                language.code(),
                language.code(),
                example_tag(*language)
            ),
            ErrorKind::NoLinks => write!(
                f,
                "the alignment has no links, and an XLIFF file needs at least one unit"
            ),
        }
    }
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::Es => "Spanish",
    }
}

fn example_tag(language: Language) -> &'static str {
    match language {
        Language::En => "en-US",
        Language::Es => "es-419",
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

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::new(ErrorKind::Serialize(error.to_string()))
    }
}

impl From<quick_xml::Error> for Error {
    fn from(error: quick_xml::Error) -> Self {
        Error::new(ErrorKind::Serialize(error.to_string()))
    }
}
