//! Where a command writes: standard output, or a file given with `-o`, written whole to a temporary
//! file beside it and moved into place, and never over a file the user already has, even one that
//! appeared while the command ran. The file gets the mode the umask gives new files.

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
    // Checked before the work so that a long run does not end in a refusal; checked again by
    // the final step, which never replaces a file that appeared meanwhile.
    if overwrite == Overwrite::Refuse && path.symlink_metadata().is_ok() {
        bail!(already_exists(path));
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = temporary_file_in(folder)
        .with_context(|| format!("cannot create a file in {}", folder.display()))?;
    {
        let mut buffered = io::BufWriter::new(file.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    let persisted = match overwrite {
        Overwrite::Allow => file.persist(path),
        Overwrite::Refuse => file.persist_noclobber(path),
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
            bail!(already_exists(path))
        }
        Err(error) => Err(error.error).with_context(|| format!("cannot write {}", path.display())),
    }
}

fn already_exists(path: &Path) -> String {
    format!(
        "{} already exists; choose another name or pass --force to replace it",
        path.display()
    )
}

/// A temporary file that becomes the output: created with the mode any new file gets (0666
/// less the umask, so 0644 for most users), not the 0600 of a private temporary file.
fn temporary_file_in(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".resalign-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Output piped into `head` and the like: stopping early is not an error.
pub fn ignore_broken_pipe(error: io::Error) -> io::Result<()> {
    match error.kind() {
        io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The user saves a file under the name while the report is being written: theirs is kept
    /// and the command fails, leaving no temporary file behind.
    #[test]
    fn a_file_that_appears_while_the_output_is_written_is_kept() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("report.html");
        let result = write_file(&path, Overwrite::Refuse, |out| {
            std::fs::write(&path, "the user's file")?;
            out.write_all(b"the report")?;
            Ok(())
        });
        let error = result.err().context("the write must fail")?;
        assert!(error.to_string().contains("already exists"), "{error}");
        assert_eq!(std::fs::read_to_string(&path)?, "the user's file");
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            1,
            "no temporary file left"
        );
        Ok(())
    }

    #[test]
    fn force_replaces_a_file_that_appeared() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("report.html");
        write_file(&path, Overwrite::Allow, |out| {
            std::fs::write(&path, "the user's file")?;
            out.write_all(b"the report")?;
            Ok(())
        })?;
        assert_eq!(std::fs::read_to_string(&path)?, "the report");
        Ok(())
    }
}
