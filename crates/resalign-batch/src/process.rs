//! The work done for one pair on a worker thread: read both sides, parse, align, check. Any
//! failure, a panic included, becomes a failed result for that pair alone.

use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use resalign_align::{Aligner, Alignment, BaselineIndex, Checker, Finding, Sorted, Triage};
use resalign_core::{Document, Language, Parser};
use serde::Serialize;

use crate::pairs::{PairInput, PairedBy, Source, path_text};

/// What a batch gives back for one pair.
#[derive(Debug)]
pub struct PairResult {
    pub id: String,
    pub paired_by: PairedBy,
    /// The English file, `None` for inline text.
    pub en_path: Option<PathBuf>,
    pub es_path: Option<PathBuf>,
    /// Input bytes read, both sides.
    pub bytes: u64,
    /// Wall time spent on the pair.
    pub elapsed: Duration,
    pub outcome: Outcome,
}

/// Whether the pair was aligned, and what came of it.
#[derive(Debug)]
pub enum Outcome {
    Aligned(Box<AlignedPair>),
    Failed(Failure),
}

/// The two documents, their alignment and the checks' findings.
#[derive(Debug)]
pub struct AlignedPair {
    pub en: Document,
    pub es: Document,
    pub alignment: Alignment,
    /// The findings to show: triaged, and without those the baseline accounts for.
    pub findings: Vec<Finding>,
    /// Findings left out because the baseline has them.
    pub known_findings: usize,
}

/// Why a pair could not be aligned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub stage: Stage,
    /// The side at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Language>,
    /// The file at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub reason: String,
}

/// Where in the work for a pair it failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// The file could not be read, or is larger than the batch accepts.
    Read,
    /// The text cannot be a resolution (binary, empty, another language).
    Parse,
    /// The documents cannot be aligned (the "English" side is Spanish).
    Align,
    /// The pair's id was malformed, or the input line was not a pair.
    Input,
    /// The pair's own output (its HTML page) could not be written.
    Output,
    /// resalign itself failed on this pair; a bug to report with the files.
    Internal,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

/// Everything the workers need to process pairs; shared by all of them.
#[derive(Clone, Debug)]
pub(crate) struct PairWork {
    pub parser: Parser,
    pub aligner: Aligner,
    pub checker: Checker,
    pub triage: Triage,
    pub baseline: Option<Arc<BaselineIndex>>,
    pub max_file_bytes: u64,
}

impl PairWork {
    pub(crate) fn process(&self, input: PairInput) -> PairResult {
        let started = Instant::now();
        let PairInput {
            id,
            en,
            es,
            paired_by,
        } = input;
        let en_path = en.path().map(PathBuf::from);
        let es_path = es.path().map(PathBuf::from);
        let mut bytes = 0;
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            self.align_sources(&id, en, es, &mut bytes)
        }))
        .unwrap_or_else(|payload| {
            Outcome::Failed(Failure {
                stage: Stage::Internal,
                side: None,
                file: None,
                reason: format!("resalign panicked: {}", panic_message(&*payload)),
            })
        });
        PairResult {
            id,
            paired_by,
            en_path,
            es_path,
            bytes,
            elapsed: started.elapsed(),
            outcome,
        }
    }

    fn align_sources(&self, id: &str, en: Source, es: Source, bytes: &mut u64) -> Outcome {
        let documents = self
            .load(en, Language::En, bytes)
            .and_then(|en| Ok((en, self.load(es, Language::Es, bytes)?)));
        let (en, es) = match documents {
            Ok(documents) => documents,
            Err(failure) => return Outcome::Failed(failure),
        };
        match self.aligner.align(&en, &es) {
            Ok(alignment) => {
                let findings = self.triage.apply(self.checker.check(&en, &es, &alignment));
                let sorted = match &self.baseline {
                    Some(baseline) => baseline.sort(Some(id), findings, &en, &es),
                    None => Sorted {
                        new: findings,
                        known: Vec::new(),
                    },
                };
                Outcome::Aligned(Box::new(AlignedPair {
                    en,
                    es,
                    alignment,
                    findings: sorted.new,
                    known_findings: sorted.known.len(),
                }))
            }
            Err(error) => Outcome::Failed(Failure {
                stage: Stage::Align,
                side: None,
                file: None,
                reason: error.to_string(),
            }),
        }
    }

    fn load(&self, source: Source, side: Language, bytes: &mut u64) -> Result<Document, Failure> {
        let file = source.path().map(|path| path_text(path).into_owned());
        let failure = |stage: Stage, reason: String| Failure {
            stage,
            side: Some(side),
            file: file.clone(),
            reason,
        };
        let parsed = match source {
            Source::Text(text) => {
                *bytes += text.len() as u64;
                self.parser.parse_str(&text)
            }
            Source::Path(path) => {
                let content = read_limited(&path, self.max_file_bytes)
                    .map_err(|reason| failure(Stage::Read, reason))?;
                *bytes += content.len() as u64;
                self.parser.parse_bytes(&content)
            }
        };
        parsed.map_err(|error| failure(Stage::Parse, error.to_string()))
    }
}

/// The file's bytes, unless it is larger than `limit`: a stray multi-gigabyte file must not
/// take the memory every other pair needs. Only regular files are read: a named pipe or a
/// device (`/dev/zero`) could block the worker or never end.
fn read_limited(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|error| error.to_string())?;
    if !metadata.is_file() {
        return Err(format!("not a regular file but {}", file_kind(&metadata)));
    }
    let size = metadata.len();
    if size > limit {
        return Err(format!(
            "the file has {size} bytes, more than the {limit} a batch reads"
        ));
    }
    std::fs::read(path).map_err(|error| error.to_string())
}

/// What a path that is not a regular file is, in words.
pub(crate) fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    let kind = metadata.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|message| message.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}
