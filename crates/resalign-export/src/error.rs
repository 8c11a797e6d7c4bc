//! The error type for writing exports.

use std::fmt;
use std::io;

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
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(error) => Some(error),
            ErrorKind::Serialize(_) => None,
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
