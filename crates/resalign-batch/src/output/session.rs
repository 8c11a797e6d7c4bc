//! One run's hold on its output directory: the partial files lines are appended to, the
//! journal, and the final renames.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::journal::{Done, Header, Journal, Lengths};
use super::{
    CSV, Csv, DOCUMENTS, DirState, Existing, FINDINGS, JOURNAL, LINKS, SUMMARY, TMX, Tmx, UNPAIRED,
    data_files, inspect, not_empty, partial, remove_if_present, remove_own_files,
};
use crate::error::{Error, ErrorKind};
use crate::files;
use crate::html::{HTML_DIR, HTML_INDEX, Html, IndexSources, write_index};
use crate::pairs::Unpaired;
use crate::records::RenderedPair;
use crate::summary::{Summary, Tally};
use resalign_export::csv::findings_csv_start;
use resalign_export::tmx::TmxFragments;

/// The optional outputs of a run.
#[derive(Clone, Copy)]
pub(crate) struct Extras<'a> {
    /// Set when the output has a TMX file.
    pub tmx: Option<&'a TmxFragments>,
    pub csv: Csv,
    pub html: Html,
}

impl Extras<'_> {
    fn data_files(&self) -> Vec<&'static str> {
        let tmx = match self.tmx {
            Some(_) => Tmx::Write,
            None => Tmx::Skip,
        };
        data_files(tmx, self.csv)
    }
}

pub(super) struct Session {
    dir: PathBuf,
    /// The data files, in the order of [`data_files`]: links, findings, documents, TMX, CSV.
    files: Vec<Tracked>,
    /// The TMX closing tags, when there is a TMX file.
    tmx_closing: Option<Vec<u8>>,
    html: Html,
    journal: Journal,
    done: HashSet<String>,
    tally: Tally,
}

/// A partial file and how long it is.
struct Tracked {
    name: &'static str,
    path: PathBuf,
    out: BufWriter<File>,
    length: u64,
}

impl Tracked {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.out
            .write_all(bytes)
            .map_err(|error| Error::io(error, &self.path))?;
        self.length += bytes.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        self.out
            .flush()
            .map_err(|error| Error::io(error, &self.path))
    }

    fn sync(&mut self) -> Result<(), Error> {
        self.flush()?;
        self.out
            .get_ref()
            .sync_all()
            .map_err(|error| Error::io(error, &self.path))
    }
}

impl Session {
    /// Takes hold of `dir` as `existing` says, after checking what it holds.
    pub(super) fn open(
        dir: &Path,
        existing: Existing,
        header: &Header,
        extras: Extras<'_>,
    ) -> Result<Session, Error> {
        // Files under `html/` are removed and written through that folder: it must be real.
        files::refuse_link(&dir.join(HTML_DIR))?;
        match (inspect(dir)?, existing) {
            (DirState::Empty, _) => Session::fresh(dir, header, extras),
            (DirState::Batch(_), Existing::Resume) => Session::resume(dir, header, extras),
            (_, Existing::Replace) => {
                remove_own_files(dir)?;
                Session::fresh(dir, header, extras)
            }
            (DirState::Batch(state), Existing::Refuse) => {
                Err(Error::new(ErrorKind::OutputInUse { state }).with_path(dir))
            }
            (DirState::Other(names), _) => Err(not_empty(names).with_path(dir)),
        }
    }

    fn fresh(dir: &Path, header: &Header, extras: Extras<'_>) -> Result<Session, Error> {
        std::fs::create_dir_all(dir).map_err(|error| Error::io(error, dir))?;
        let journal = Journal::create(&dir.join(JOURNAL), header)?;
        Session::start(dir, journal, Done::nothing(), extras)
    }

    fn resume(dir: &Path, header: &Header, extras: Extras<'_>) -> Result<Session, Error> {
        let (journal, done) = Journal::resume(&dir.join(JOURNAL), header)?;
        // A link in place of a data file is refused before anything is renamed, so that the
        // message names the link where the user put it.
        for name in extras.data_files() {
            files::refuse_link(&dir.join(name))?;
            files::refuse_link(&dir.join(partial(name)))?;
        }
        // From here on the output is being changed: first make sure it no longer looks finished.
        for name in [SUMMARY, UNPAIRED] {
            remove_if_present(&dir.join(name))?;
        }
        remove_if_present(&dir.join(HTML_INDEX))?;
        for name in extras.data_files() {
            unfinish(dir, name)?;
        }
        Session::start(dir, journal, done, extras)
    }

    /// Opens the data files where the journal's last pair left them, or empty (with the TMX
    /// prologue and the CSV header) when it records none.
    fn start(
        dir: &Path,
        journal: Journal,
        done: Done,
        extras: Extras<'_>,
    ) -> Result<Session, Error> {
        let names = extras.data_files();
        let lengths = done.lengths.unwrap_or_else(|| vec![0; names.len()]);
        if lengths.len() != names.len() {
            return Err(Error::new(ErrorKind::ResumeMismatch {
                reason: "the journal records another set of output files".to_string(),
            })
            .with_path(dir.join(JOURNAL)));
        }
        let mut files = names
            .iter()
            .zip(lengths)
            .map(|(name, length)| track(dir, name, length))
            .collect::<Result<Vec<_>, _>>()?;
        for file in files.iter_mut().filter(|file| file.length == 0) {
            match (file.name, extras.tmx) {
                (TMX, Some(tmx)) => file.write(tmx.prologue())?,
                (CSV, _) => {
                    let start = findings_csv_start().map_err(|error| {
                        Error::new(ErrorKind::Serialize(error.to_string())).with_path(&file.path)
                    })?;
                    file.write(&start)?
                }
                _ => {}
            }
        }
        Ok(Session {
            dir: dir.to_path_buf(),
            files,
            tmx_closing: extras.tmx.map(|tmx| tmx.epilogue().to_vec()),
            html: extras.html,
            journal,
            done: done.pairs,
            tally: done.tally,
        })
    }

    pub(super) fn is_done(&self, id: &str) -> bool {
        self.done.contains(id)
    }

    pub(super) fn tally(&self) -> &Tally {
        &self.tally
    }

    /// Appends a pair's lines, then records the pair in the journal once they are flushed.
    pub(super) fn append(&mut self, pair: &RenderedPair) -> Result<(), Error> {
        for file in &mut self.files {
            let bytes = match file.name {
                LINKS => &pair.links,
                FINDINGS => &pair.findings,
                DOCUMENTS => &pair.document,
                TMX => &pair.tmx,
                CSV => &pair.csv,
                _ => continue,
            };
            file.write(bytes)?;
        }
        for file in &mut self.files {
            file.flush()?;
        }
        let lengths: Lengths = self.files.iter().map(|file| file.length).collect();
        self.journal.record(&pair.id, lengths, &pair.tally)?;
        self.tally.add(&pair.tally);
        Ok(())
    }

    /// Writes the unpaired files and the summary, then gives every file its final name,
    /// `summary.json` last.
    pub(super) fn finish(mut self, unpaired: &[Unpaired], summary: &Summary) -> Result<(), Error> {
        let tmx = self.files.iter_mut().find(|file| file.name == TMX);
        if let (Some(closing), Some(file)) = (&self.tmx_closing, tmx) {
            file.write(closing)?;
        }
        for file in &mut self.files {
            file.sync()?;
        }
        let mut unpaired_lines = Vec::new();
        for file in unpaired {
            serde_json::to_writer(&mut unpaired_lines, file)?;
            unpaired_lines.push(b'\n');
        }
        write_partial(&self.dir, UNPAIRED, &unpaired_lines)?;
        let mut summary_json = serde_json::to_vec_pretty(summary)?;
        summary_json.push(b'\n');
        write_partial(&self.dir, SUMMARY, &summary_json)?;
        let mut names: Vec<&str> = self.files.iter().map(|file| file.name).collect();
        names.push(UNPAIRED);
        if self.html == Html::Write {
            let sources = IndexSources {
                documents: &self.dir.join(partial(DOCUMENTS)),
                findings: &self.dir.join(partial(FINDINGS)),
                unpaired,
            };
            write_index(&sources, &self.dir.join(partial(HTML_INDEX)))?;
            names.push(HTML_INDEX);
        }
        names.push(SUMMARY);
        self.journal.sync()?;
        for name in names {
            let from = self.dir.join(partial(name));
            std::fs::rename(&from, self.dir.join(name)).map_err(|error| Error::io(error, from))?;
        }
        File::open(&self.dir)
            .and_then(|dir| dir.sync_all())
            .map_err(|error| Error::io(error, &self.dir))
    }
}

/// Opens `name`'s partial file at `length`, cutting off what a run wrote after its last
/// journal entry.
fn track(dir: &Path, name: &'static str, length: u64) -> Result<Tracked, Error> {
    let path = dir.join(partial(name));
    let file = files::open_for_writing(&path, length == 0)?;
    let found = file
        .metadata()
        .map_err(|error| Error::io(error, &path))?
        .len();
    if found < length {
        return Err(Error::new(ErrorKind::ResumeMismatch {
            reason: format!(
                "the file has {found} bytes, fewer than the {length} the journal records"
            ),
        })
        .with_path(path));
    }
    file.set_len(length)
        .map_err(|error| Error::io(error, &path))?;
    let mut out = BufWriter::new(file);
    out.seek(SeekFrom::End(0))
        .map_err(|error| Error::io(error, &path))?;
    Ok(Tracked {
        name,
        path,
        out,
        length,
    })
}

/// Gives a finished file its partial name back, for a run that continues it.
fn unfinish(dir: &Path, name: &str) -> Result<(), Error> {
    let finished = dir.join(name);
    let partial = dir.join(partial(name));
    if finished.exists() && !partial.exists() {
        std::fs::rename(&finished, &partial).map_err(|error| Error::io(error, finished))?;
    }
    Ok(())
}

fn write_partial(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let path = dir.join(partial(name));
    let mut file = files::create(&path)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|error| Error::io(error, &path))
}
