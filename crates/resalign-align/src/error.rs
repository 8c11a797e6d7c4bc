//! The error type: pairs that cannot be aligned at all, and settings that cannot be read.

use std::fmt;

use resalign_core::Language;

/// Why two documents cannot be aligned, or checker settings cannot be read.
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
    /// A line of citation conventions that cannot be read (see
    /// [`Conventions::parse`](crate::Conventions::parse)).
    Conventions { line: usize, reason: String },
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
            ErrorKind::Conventions { line, reason } => {
                write!(f, "citation conventions, line {line}: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}
