//! The error type for pairs that cannot be aligned at all.

use std::fmt;

use resalign_core::Language;

/// Why two documents cannot be aligned.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// The kinds of unalignable pairs. New kinds may be added.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The "English" document is not English or the "Spanish" one not Spanish.
    WrongLanguage { expected: Language, found: Language },
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
            ErrorKind::WrongLanguage { expected, found } => write!(
                f,
                "expected a document in `{expected}` but it is in `{found}`"
            ),
        }
    }
}

impl std::error::Error for Error {}
