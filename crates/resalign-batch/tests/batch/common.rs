//! Fixture trees in temporary directories, and reading a batch's output back.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use resalign_batch::{Batch, OutputDir, PairSet, Silent, Summary, Timings};
use tempfile::TempDir;

/// What a file of a test tree holds.
#[derive(Clone, Copy, Debug)]
pub enum Content {
    /// A file of `tests/fixtures`.
    Fixture(&'static str),
    /// These bytes.
    Bytes(&'static [u8]),
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A directory tree of files, removed at the end of the test.
pub struct Tree {
    dir: TempDir,
}

impl Tree {
    pub fn new(files: &[(&str, Content)]) -> Result<Tree> {
        let tree = Tree {
            dir: tempfile::tempdir()?,
        };
        for (path, content) in files {
            tree.add(path, *content)?;
        }
        Ok(tree)
    }

    pub fn add(&self, path: &str, content: Content) -> Result<()> {
        let path = self.dir.path().join(path);
        std::fs::create_dir_all(path.parent().context("a file needs a folder")?)?;
        let bytes = match content {
            Content::Fixture(name) => fixture(name),
            Content::Bytes(bytes) => bytes.to_vec(),
        };
        std::fs::write(&path, bytes)?;
        Ok(())
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// `path` below the root, with `/` separators.
    pub fn relative(&self, path: &Path) -> String {
        path.strip_prefix(self.dir.path())
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// A small corpus of aligned pairs in the UN layout, one pair that cannot be parsed (a PDF
/// named as a Spanish file) and one English file without counterpart.
pub fn small_corpus() -> Result<Tree> {
    Tree::new(&[
        ("GA/English/75_1_E.md", Content::Fixture("ecosoc.en.md")),
        ("GA/Spanish/75_1_S.md", Content::Fixture("ecosoc.es.md")),
        (
            "GA/English/75_2_E.md",
            Content::Fixture("e_res_2013_41.en.md"),
        ),
        (
            "GA/Spanish/75_2_S.md",
            Content::Fixture("e_res_2013_41.es.md"),
        ),
        ("GA/English/75_3_E.md", Content::Fixture("ecosoc.en.md")),
        (
            "GA/Spanish/75_3_S.md",
            Content::Bytes(b"%PDF-1.7\n%binary\n"),
        ),
        ("GA/English/75_4_E.md", Content::Fixture("sections.en.md")),
        (
            "docs/e_res_2013_41.en.md",
            Content::Fixture("e_res_2013_41.en.md"),
        ),
        (
            "docs/e_res_2013_41.es.md",
            Content::Fixture("e_res_2013_41.es.md"),
        ),
        ("docs/ecosoc_en.md", Content::Fixture("ecosoc.en.md")),
        ("docs/ecosoc_es.md", Content::Fixture("ecosoc.es.md")),
    ])
}

/// A batch on `threads` threads whose output does not depend on timing.
pub fn batch(threads: usize) -> Batch {
    let mut batch = Batch::new();
    batch
        .threads(NonZeroUsize::new(threads).unwrap_or(NonZeroUsize::MIN))
        .timings(Timings::Omit);
    batch
}

/// Runs `batch` over `pairs` into `out` (which must be new or empty).
pub fn write(batch: &Batch, pairs: PairSet, out: &Path) -> Result<Summary> {
    Ok(batch.write_dir(pairs, &OutputDir::new(out), &mut Silent)?)
}

/// Every file below an output directory, by path relative to it, with its bytes.
pub fn files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
                files.push((name, std::fs::read(&path)?));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The JSON lines of a file.
pub fn lines(path: &Path) -> Result<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    text.lines()
        .map(|line| Ok(serde_json::from_str(line)?))
        .collect()
}

/// The names in `dir`, sorted.
pub fn names(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}
