//! A batch written to a directory: `links.jsonl`, `findings.jsonl`, `documents.jsonl`,
//! `unpaired.jsonl`, optionally `corpus.tmx`, `findings.csv` and `html/`, and `summary.json`.
//!
//! While the run goes, lines are appended to `*.partial` files and every finished pair to the
//! journal. Only at the end are the files renamed to their final names, `summary.json` last, so
//! an interrupted run never leaves an output that looks complete, and `--resume` can pick up
//! where it stopped. The journal stays, so a finished output can be resumed too when pairs are
//! added to the corpus.

mod journal;
mod session;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::batch::Batch;
use crate::error::{Error, ErrorKind, OutputState};
use crate::html::{HTML_DIR, HTML_INDEX, Html};
use crate::pairs::{PairSet, Shard};
use crate::progress::Progress;
use crate::records::{LineStyle, Rendering, Timings};
use crate::summary::{OUTPUT_FORMAT, Summary};
use resalign_export::tmx::FlaggedUnits;

use journal::Header;
use session::Session;

pub(crate) const LINKS: &str = "links.jsonl";
pub(crate) const FINDINGS: &str = "findings.jsonl";
pub(crate) const DOCUMENTS: &str = "documents.jsonl";
pub(crate) const UNPAIRED: &str = "unpaired.jsonl";
pub(crate) const SUMMARY: &str = "summary.json";
pub(crate) const TMX: &str = "corpus.tmx";
pub(crate) const CSV: &str = "findings.csv";
pub(crate) const JOURNAL: &str = "batch.journal";
const PARTIAL: &str = ".partial";

/// The files pairs append to, in the order the journal records their lengths.
fn data_files(tmx: Tmx, csv: Csv) -> Vec<&'static str> {
    let mut files = vec![LINKS, FINDINGS, DOCUMENTS];
    if tmx == Tmx::Write {
        files.push(TMX);
    }
    if csv == Csv::Write {
        files.push(CSV);
    }
    files
}

/// What to do with an output directory that already holds something.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Existing {
    /// Stop with an error (the default): nothing a user had is overwritten.
    #[default]
    Refuse,
    /// Continue an earlier run from its journal, skipping the pairs it did.
    Resume,
    /// Start over: resalign's own files are replaced; any other file is left alone.
    Replace,
}

/// Whether the output has a corpus TMX file, `corpus.tmx`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tmx {
    #[default]
    Skip,
    Write,
}

/// Whether the output has the findings as CSV for spreadsheets, `findings.csv`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Csv {
    #[default]
    Skip,
    Write,
}

/// Where and how a batch writes its output.
#[derive(Clone, Debug)]
pub struct OutputDir {
    path: PathBuf,
    existing: Existing,
    shard: Shard,
    tmx: Tmx,
    tmx_flagged: FlaggedUnits,
    csv: Csv,
    html: Html,
}

impl OutputDir {
    pub fn new(path: impl Into<PathBuf>) -> OutputDir {
        OutputDir {
            path: path.into(),
            existing: Existing::Refuse,
            shard: Shard::ALL,
            tmx: Tmx::Skip,
            tmx_flagged: FlaggedUnits::Mark,
            csv: Csv::Skip,
            html: Html::Skip,
        }
    }

    /// Whether the units of `corpus.tmx` that a finding is about are marked with its code (the
    /// default) or left out of the memory.
    pub fn tmx_flagged_units(&mut self, policy: FlaggedUnits) -> &mut OutputDir {
        self.tmx_flagged = policy;
        self
    }

    /// Whether to write the findings to `findings.csv` too, for spreadsheets.
    pub fn csv(&mut self, csv: Csv) -> &mut OutputDir {
        self.csv = csv;
        self
    }

    /// Whether to write a report page for every pair and an index page over them to `html/`.
    pub fn html(&mut self, html: Html) -> &mut OutputDir {
        self.html = html;
        self
    }

    /// Whether to write the translation units of every pair to `corpus.tmx`.
    pub fn tmx(&mut self, tmx: Tmx) -> &mut OutputDir {
        self.tmx = tmx;
        self
    }

    pub fn existing(&mut self, existing: Existing) -> &mut OutputDir {
        self.existing = existing;
        self
    }

    /// Writes only this shard's share of the pairs.
    pub fn shard(&mut self, shard: Shard) -> &mut OutputDir {
        self.shard = shard;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn header(&self, batch: &Batch) -> Header {
        Header {
            format: OUTPUT_FORMAT.to_string(),
            shard: self.shard.to_string(),
            tmx: self.tmx == Tmx::Write,
            tmx_skip_findings: self.tmx_flagged == FlaggedUnits::Skip,
            csv: self.csv == Csv::Write,
            html: self.html == Html::Write,
            timings: batch.timings == Timings::Record,
            findings: batch.findings_setup(),
        }
    }

    fn shard_label(&self) -> Option<String> {
        (self.shard != Shard::ALL).then(|| self.shard.to_string())
    }
}

impl Batch {
    /// Aligns this shard's pairs and writes the results to `out`; returns the summary it wrote.
    /// Pairs that fail are recorded and the run goes on; only a failure to write is an error.
    pub fn write_dir(
        &self,
        mut pairs: PairSet,
        out: &OutputDir,
        progress: &mut dyn Progress,
    ) -> Result<Summary, Error> {
        let started = Instant::now();
        pairs.retain_shard(out.shard);
        refuse_repeated_ids(&pairs)?;
        let tmx = match out.tmx {
            Tmx::Write => Some(crate::tmx::fragments(out.tmx_flagged)?),
            Tmx::Skip => None,
        };
        let header = out.header(self);
        let extras = session::Extras {
            tmx: tmx.as_ref(),
            csv: out.csv,
            html: out.html,
        };
        let mut session = Session::open(&out.path, out.existing, &header, extras)?;
        let pairs_found = pairs.pairs.len() as u64;
        let todo: Vec<_> = pairs
            .pairs
            .into_iter()
            .filter(|pair| !session.is_done(&pair.id))
            .collect();
        progress.start(Some(pairs_found), pairs_found - todo.len() as u64);
        let work = self.pair_work();
        let rendering = Rendering {
            style: LineStyle::Files,
            timings: self.timings,
            tmx,
            csv: out.csv,
            pages: (out.html == Html::Write).then(|| out.path.join(HTML_DIR)),
        };
        let rendered = self.ordered(todo.into_iter(), move |pair| {
            rendering.render(work.process(pair))
        })?;
        for pair in rendered {
            let pair = pair?;
            session.append(&pair)?;
            progress.pair_done(pair.status(), pair.tally.bytes);
        }
        let time = self.run_time(started);
        let summary = Summary::new(
            pairs_found,
            pairs.unpaired.len() as u64,
            session.tally(),
            out.shard_label(),
            time,
        );
        session.finish(&pairs.unpaired, &summary)?;
        progress.finish();
        Ok(summary)
    }
}

/// Ids name the journal's entries, so two pairs with one id would make a resumed run skip the
/// second.
fn refuse_repeated_ids(pairs: &PairSet) -> Result<(), Error> {
    let mut seen = HashSet::new();
    match pairs
        .pairs
        .iter()
        .find(|pair| !seen.insert(pair.id.as_str()))
    {
        Some(pair) => Err(Error::new(ErrorKind::DuplicateId {
            id: pair.id.clone(),
        })),
        None => Ok(()),
    }
}

/// What an output directory holds before a run.
#[derive(Debug)]
enum DirState {
    /// Missing or empty.
    Empty,
    Batch(OutputState),
    /// Files that are not a resumable resalign output.
    Other(Vec<String>),
}

fn inspect(dir: &Path) -> Result<DirState, Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(DirState::Empty),
        Err(error) => return Err(Error::io(error, dir)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| Error::io(error, dir))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    let has = |name: &str| names.iter().any(|entry| entry == name);
    Ok(match (names.is_empty(), has(JOURNAL), has(SUMMARY)) {
        (true, _, _) => DirState::Empty,
        (_, true, true) => DirState::Batch(OutputState::Finished),
        (_, true, false) => DirState::Batch(OutputState::Interrupted),
        _ => DirState::Other(names),
    })
}

/// Every name resalign writes in an output directory.
fn own_names() -> Vec<String> {
    let finals = [LINKS, FINDINGS, DOCUMENTS, TMX, CSV, UNPAIRED, SUMMARY];
    let mut names: Vec<String> = finals.iter().map(|name| name.to_string()).collect();
    names.extend(finals.iter().map(|name| partial(name)));
    names.push(JOURNAL.to_string());
    // Pair pages are left to be overwritten: only the index says which pairs a run has.
    names.extend([HTML_INDEX.to_string(), partial(HTML_INDEX)]);
    names
}

fn partial(name: &str) -> String {
    format!("{name}{PARTIAL}")
}

/// Removes resalign's own files from `dir`, and nothing else.
fn remove_own_files(dir: &Path) -> Result<(), Error> {
    for name in own_names() {
        remove_if_present(&dir.join(name))?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(Error::io(error, path)),
    }
}

/// The error for a directory holding files that are not resalign's, naming a few of them.
fn not_empty(mut names: Vec<String>) -> Error {
    const SHOWN: usize = 5;
    if names.len() > SHOWN {
        let more = names.len() - SHOWN;
        names.truncate(SHOWN);
        names.push(format!("{more} more"));
    }
    Error::new(ErrorKind::OutputNotEmpty { entries: names })
}
