//! The progress journal, `batch.journal`: a header naming the settings the output was written
//! with, then one line per pair whose lines are safely in the partial files, with the length of
//! each file after them and the pair's counts. A resumed run cuts the files back to the last
//! recorded lengths, skips the recorded pairs, and adds their counts to its summary.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::files;
use crate::summary::Tally;

/// What must not change between a run and its resumption.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Header {
    pub format: String,
    pub shard: String,
    pub tmx: bool,
    #[serde(default)]
    pub tmx_skip_findings: bool,
    #[serde(default)]
    pub csv: bool,
    #[serde(default)]
    pub html: bool,
    pub timings: bool,
    /// Which findings the output shows: the triage and the baseline, as
    /// [`crate::Batch::findings_setup`] describes them.
    #[serde(default)]
    pub findings: String,
}

/// The lengths of the output files after a pair's lines, in [`super::data_files`] order.
pub(crate) type Lengths = Vec<u64>;

#[derive(Serialize, Deserialize)]
struct Entry {
    pair: String,
    lengths: Lengths,
    tally: Tally,
}

/// What a journal says was done.
pub(crate) struct Done {
    pub pairs: HashSet<String>,
    pub tally: Tally,
    /// File lengths after the last pair; `None` when no pair was done.
    pub lengths: Option<Lengths>,
}

impl Done {
    pub(crate) fn nothing() -> Done {
        Done {
            pairs: HashSet::new(),
            tally: Tally::default(),
            lengths: None,
        }
    }
}

/// An open journal, appending one line per finished pair.
pub(crate) struct Journal {
    path: PathBuf,
    out: BufWriter<File>,
}

impl Journal {
    /// Starts a new journal with its header.
    pub(crate) fn create(path: &Path, header: &Header) -> Result<Journal, Error> {
        let file = files::create(path)?;
        let mut journal = Journal {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
        };
        journal.write_line(header)?;
        Ok(journal)
    }

    /// Reads the journal of an earlier run written with `expected` settings, drops a last line
    /// the interruption cut short, and reopens it for appending.
    pub(crate) fn resume(path: &Path, expected: &Header) -> Result<(Journal, Done), Error> {
        let bytes = files::read(path)?;
        let mismatch =
            |reason: String| Error::new(ErrorKind::ResumeMismatch { reason }).with_path(path);
        // A crash can cut the last line anywhere, even inside a character: what counts is the
        // lines up to the last line break.
        let complete = bytes
            .iter()
            .rposition(|&byte| byte == b'\n')
            .and_then(|end| bytes.get(..=end))
            .unwrap_or_default();
        let text = std::str::from_utf8(complete).map_err(|error| {
            mismatch(format!(
                "the journal is damaged at byte {}: not UTF-8",
                error.valid_up_to()
            ))
        })?;
        let mut complete_lines = text
            .split_inclusive('\n')
            .filter(|line| line.ends_with('\n'));
        let header: Header = complete_lines
            .next()
            .and_then(|line| serde_json::from_str(line).ok())
            .ok_or_else(|| mismatch("the journal has no header".to_string()))?;
        if &header != expected {
            return Err(mismatch(format!(
                "the output was written with other settings ({}); run with the same \
                 --shard, --tmx, --tmx-skip-findings, --format, --html, --no-timings and the \
                 same finding settings, or pass --force to start over",
                differences(&header, expected)
            )));
        }
        let mut done = Done::nothing();
        let mut kept = complete_lines_length(text, 1);
        let lines: Vec<&str> = complete_lines.collect();
        for (index, line) in lines.iter().enumerate() {
            let entry: Entry = match serde_json::from_str(line) {
                Ok(entry) => entry,
                // A crash can leave the last line half written; anything earlier is damage.
                Err(_) if index + 1 == lines.len() => break,
                Err(error) => {
                    return Err(mismatch(format!(
                        "journal line {} is damaged: {error}",
                        index + 2
                    )));
                }
            };
            kept += line.len() as u64;
            done.tally.add(&entry.tally);
            done.pairs.insert(entry.pair);
            done.lengths = Some(entry.lengths);
        }
        let file = files::open_for_writing(path, false)?;
        file.set_len(kept).map_err(|error| Error::io(error, path))?;
        let mut out = BufWriter::new(file);
        std::io::Seek::seek(&mut out, std::io::SeekFrom::End(0))
            .map_err(|error| Error::io(error, path))?;
        Ok((
            Journal {
                path: path.to_path_buf(),
                out,
            },
            done,
        ))
    }

    /// Records a pair whose lines are written and flushed.
    pub(crate) fn record(
        &mut self,
        pair: &str,
        lengths: Lengths,
        tally: &Tally,
    ) -> Result<(), Error> {
        self.write_line(&Entry {
            pair: pair.to_string(),
            lengths,
            tally: tally.clone(),
        })
    }

    fn write_line(&mut self, line: &impl Serialize) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, line)?;
        self.out
            .write_all(b"\n")
            .and_then(|()| self.out.flush())
            .map_err(|error| Error::io(error, &self.path))
    }

    pub(crate) fn sync(&mut self) -> Result<(), Error> {
        self.out
            .flush()
            .and_then(|()| self.out.get_ref().sync_all())
            .map_err(|error| Error::io(error, &self.path))
    }
}

/// The length in bytes of the first `count` lines of `text`.
fn complete_lines_length(text: &str, count: usize) -> u64 {
    text.split_inclusive('\n')
        .take(count)
        .map(|line| line.len() as u64)
        .sum()
}

fn differences(found: &Header, expected: &Header) -> String {
    let mut differences = Vec::new();
    if found.format != expected.format {
        differences.push(format!(
            "format {} instead of {}",
            found.format, expected.format
        ));
    }
    if found.shard != expected.shard {
        differences.push(format!(
            "shard {} instead of {}",
            found.shard, expected.shard
        ));
    }
    if found.tmx != expected.tmx {
        differences.push(format!(
            "TMX {}",
            if found.tmx { "written" } else { "not written" }
        ));
    }
    if found.tmx_skip_findings != expected.tmx_skip_findings {
        let units = if found.tmx_skip_findings {
            "left out"
        } else {
            "marked"
        };
        differences.push(format!("TMX units with findings {units}"));
    }
    if found.csv != expected.csv {
        let csv = if found.csv { "written" } else { "not written" };
        differences.push(format!("findings.csv {csv}"));
    }
    if found.html != expected.html {
        let html = if found.html { "written" } else { "not written" };
        differences.push(format!("HTML {html}"));
    }
    if found.findings != expected.findings {
        differences.push(
            "other finding settings (severities, --min-severity, --skip, --only or the baseline)"
                .to_owned(),
        );
    }
    if found.timings != expected.timings {
        let timings = if found.timings { "recorded" } else { "omitted" };
        differences.push(format!("timings {timings}"));
    }
    differences.join(", ")
}
