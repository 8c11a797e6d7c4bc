//! The error type for a batch that cannot run at all. A pair that cannot be read, parsed or
//! aligned is not an error here: it becomes a failed record and the run goes on.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Why a batch could not start or could not write its output.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

/// The kinds of batch failures. New kinds may be added.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading the corpus tree or a manifest, or writing the output, failed.
    Io(io::Error),
    /// A manifest line that is not a pair.
    Manifest { line: usize, reason: String },
    /// Two pairs with the same id; ids name results and resumed work, so they must be unique.
    DuplicateId { id: String },
    /// `--shard K/N` with `N = 0` or `K >= N`.
    InvalidShard { index: usize, count: usize },
    /// The output directory holds files that are not a resalign batch output.
    OutputNotEmpty { entries: Vec<String> },
    /// The output directory holds an earlier run that was not asked to be resumed or replaced.
    OutputInUse { state: OutputState },
    /// The journal of the run to resume does not fit this run.
    ResumeMismatch { reason: String },
    /// A result could not be serialized.
    Serialize(String),
    /// The worker threads could not be started.
    ThreadPool(String),
    /// A symbolic link inside the output folder where resalign writes: it is never followed.
    SymbolicLink,
    /// A file inside the output folder where resalign needs a folder.
    NotAFolder,
}

/// What an output directory already holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputState {
    /// A run that stopped before it finished: its journal and partial files are there.
    Interrupted,
    /// A finished run: its `summary.json` is there.
    Finished,
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind, path: None }
    }

    /// The same error, naming the file or directory it is about.
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

    pub(crate) fn io(error: io::Error, path: impl AsRef<Path>) -> Self {
        Error::new(ErrorKind::Io(error)).with_path(path)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}: ", path.display())?;
        }
        match &self.kind {
            ErrorKind::Io(error) => write!(f, "{error}"),
            ErrorKind::Manifest { line, reason } => write!(f, "line {line}: {reason}"),
            ErrorKind::DuplicateId { id } => {
                write!(f, "two pairs have the id `{id}`; pair ids must be unique")
            }
            ErrorKind::InvalidShard { index, count } => write!(
                f,
                "shard {index}/{count} does not exist: shards are numbered 0 to N-1 and N is at least 1"
            ),
            ErrorKind::OutputNotEmpty { entries } => write!(
                f,
                "the output directory is not empty and is not a resalign batch output (it holds {}); \
                 choose an empty directory, or pass --force to write resalign's files into it",
                entries.join(", ")
            ),
            ErrorKind::OutputInUse {
                state: OutputState::Interrupted,
            } => f.write_str(
                "the output directory holds an interrupted run; pass --resume to continue it \
                 or --force to start over",
            ),
            ErrorKind::OutputInUse {
                state: OutputState::Finished,
            } => f.write_str(
                "the output directory holds a finished run; pass --resume to add pairs it has \
                 not done, or --force to start over",
            ),
            ErrorKind::ResumeMismatch { reason } => write!(f, "cannot resume: {reason}"),
            ErrorKind::Serialize(message) => write!(f, "cannot serialize a result: {message}"),
            ErrorKind::ThreadPool(message) => write!(f, "cannot start worker threads: {message}"),
            ErrorKind::SymbolicLink => f.write_str(
                "a symbolic link inside the output folder; resalign writes nothing through one \
                 (remove the link, or give --out a folder without links)",
            ),
            ErrorKind::NotAFolder => f.write_str("a file where resalign needs a folder"),
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

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::new(ErrorKind::Serialize(error.to_string()))
    }
}
