//! Where a command writes: standard output, or a file given with `-o`, written whole to a temporary
//! file beside it and renamed into place, and never over a file the user already has.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use resalign_export::terminal::Styling;

/// Whether `-o` may replace an existing file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    Refuse,
    Allow,
}

/// The destination of a command's output.
pub enum Output {
    Stdout,
    File { path: PathBuf, overwrite: Overwrite },
}

impl Output {
    pub fn new(path: Option<PathBuf>, overwrite: Overwrite) -> Output {
        match path {
            None => Output::Stdout,
            Some(path) => Output::File { path, overwrite },
        }
    }

    /// Colour only for a terminal, and never when `NO_COLOR` is set (<https://no-color.org>).
    pub fn styling(&self) -> Styling {
        let colour_wanted = std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
        match self {
            Output::Stdout if colour_wanted && io::stdout().is_terminal() => Styling::Ansi,
            _ => Styling::Plain,
        }
    }

    /// Writes everything `write` produces; a file appears only once it is complete.
    pub fn write_with(
        &self,
        write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        match self {
            Output::Stdout => {
                let mut stdout = io::stdout().lock();
                write(&mut stdout)?;
                stdout.flush().or_else(ignore_broken_pipe)?;
                Ok(())
            }
            Output::File { path, overwrite } => write_file(path, *overwrite, write),
        }
    }
}

fn write_file(
    path: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if overwrite == Overwrite::Refuse && path.exists() {
        bail!(
            "{} already exists; choose another name or pass --force to replace it",
            path.display()
        );
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("cannot create a file in {}", folder.display()))?;
    {
        let mut buffered = io::BufWriter::new(file.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Output piped into `head` and the like: stopping early is not an error.
pub fn ignore_broken_pipe(error: io::Error) -> io::Result<()> {
    match error.kind() {
        io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(error),
    }
}
