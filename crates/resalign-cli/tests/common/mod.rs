//! What the workflow tests share: running the binary (in a folder of the test's choosing), the
//! data pair and copies of it with faults edited in, and the real readers the exports are read
//! back with.

// Each test binary includes this module and uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, bail};
use serde_json::Value;

pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn data(name: &str) -> PathBuf {
    repository().join("data").join(name)
}

/// Runs `resalign` with `args` in `folder`, without colour.
pub fn resalign_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resalign"))
        .args(args)
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|error| panic!("cannot run resalign: {error}"))
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder holding the data pair as `en.md` and `es.md`, to edit and check.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Result<Workspace> {
        let dir = tempfile::tempdir()?;
        std::fs::copy(data("E_RES_2013_41.en.md"), dir.path().join("en.md"))?;
        std::fs::copy(data("E_RES_2013_41.es.md"), dir.path().join("es.md"))?;
        Ok(Workspace { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        resalign_in(self.path(), args)
    }

    pub fn write(&self, name: &str, text: &str) -> Result<()> {
        Ok(std::fs::write(self.file(name), text)?)
    }

    pub fn read(&self, name: &str) -> Result<String> {
        std::fs::read_to_string(self.file(name)).with_context(|| name.to_owned())
    }

    /// Replaces `from` by `to` in one of the files, which must hold it.
    pub fn edit(&self, name: &str, from: &str, to: &str) -> Result<()> {
        let text = self.read(name)?;
        if !text.contains(from) {
            bail!("{name} has no `{from}`");
        }
        self.write(name, &text.replacen(from, to, 1))
    }
}

/// What `tests/readers/spreadsheet.py` read from an export (`csv` through Python's csv module,
/// `xlsx` through openpyxl: a test declares `Python` or `Openpyxl`).
pub fn spreadsheet(kind: &str, path: &Path) -> Result<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readers/spreadsheet.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(kind)
        .arg(path)
        .output()?;
    if !output.status.success() {
        bail!(
            "the {kind} reader could not read {}:\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

/// The rows of a sheet or CSV file as text cells.
pub fn rows(value: &Value) -> Vec<Vec<String>> {
    value
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    row.as_array()
                        .map(|cells| {
                            cells
                                .iter()
                                .map(|cell| cell.as_str().unwrap_or("").to_owned())
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}
