//! The pipe mode, for engines that drive resalign line by line (Spark `RDD.pipe`, Hadoop
//! Streaming): pairs come in as JSON lines, results go out as JSON lines in the same order, each
//! tagged `"record": "link" | "finding" | "document"`, the document line last for its pair.

use std::io::{self, BufRead, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::batch::Batch;
use crate::error::Error;
use crate::output::Csv;
use crate::pairs::{PairInput, PairedBy, parse_pair_line};
use crate::process::{Failure, Outcome, PairResult, Stage};
use crate::progress::Progress;
use crate::records::{LineStyle, Rendering};
use crate::summary::{Summary, Tally};

/// A line of input: a pair, or why the line is not one.
enum Request {
    Pair(PairInput),
    Malformed { id: String, reason: String },
}

/// Reads pair lines lazily, as bytes, so that a line that is not UTF-8 costs that line only; a
/// read error ends the input and is kept for the caller (the lines are read on a thread of their
/// own, hence the lock).
struct Requests<R> {
    lines: io::Split<R>,
    number: usize,
    /// Where the next line starts in the input.
    offset: u64,
    error: Arc<Mutex<Option<io::Error>>>,
}

impl<R: BufRead> Iterator for Requests<R> {
    type Item = Request;

    fn next(&mut self) -> Option<Request> {
        loop {
            let bytes = match self.lines.next()? {
                Ok(bytes) => bytes,
                Err(error) => {
                    *self.error.lock().unwrap_or_else(PoisonError::into_inner) = Some(error);
                    return None;
                }
            };
            let mut start = self.offset;
            self.offset += bytes.len() as u64 + 1;
            self.number += 1;
            let mut bytes = bytes.as_slice();
            if self.number == 1
                && let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
            {
                bytes = rest;
                start += 3;
            }
            let line = match std::str::from_utf8(bytes.strip_suffix(b"\r").unwrap_or(bytes)) {
                Ok(line) => line,
                Err(error) => {
                    return Some(Request::Malformed {
                        id: format!("line {}", self.number),
                        reason: format!(
                            "input line {} is not UTF-8 (byte {} of the input)",
                            self.number,
                            start + error.valid_up_to() as u64
                        ),
                    });
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(match parse_pair_line(line, None, PairedBy::Input) {
                Ok(pair) => Request::Pair(pair),
                Err(error) => Request::Malformed {
                    id: error.id.unwrap_or_else(|| format!("line {}", self.number)),
                    reason: format!("input line {}: {}", self.number, error.reason),
                },
            });
        }
    }
}

impl Batch {
    /// Aligns the pairs read from `input` as JSON lines and writes the result lines to `output`
    /// in input order, flushing after each pair. Each pair's lines are written as soon as it and
    /// the pairs before it are done, whether or not more input has come, so a driver may wait
    /// for one answer before it sends the next pair; `input` is read on a thread of its own for
    /// that. A line that is not a pair gives a failed document line and the run goes on.
    /// Returns the summary of the run.
    pub fn stream(
        &self,
        input: impl BufRead + Send + 'static,
        output: impl Write,
        progress: &mut dyn Progress,
    ) -> Result<Summary, Error> {
        let started = Instant::now();
        let read_error = Arc::new(Mutex::new(None));
        let requests = Requests {
            lines: input.split(b'\n'),
            number: 0,
            offset: 0,
            error: Arc::clone(&read_error),
        };
        let work = self.pair_work();
        let rendering = Rendering {
            style: LineStyle::Tagged,
            timings: self.timings,
            tmx: None,
            csv: Csv::Skip,
            pages: None,
        };
        let rendered = self.ordered(requests, move |request| {
            rendering.render(match request {
                Request::Pair(pair) => work.process(pair),
                Request::Malformed { id, reason } => malformed(id, reason),
            })
        })?;
        progress.start(None, 0);
        let mut output = io::BufWriter::new(output);
        let mut tally = Tally::default();
        for pair in rendered {
            let pair = pair?;
            for part in [&pair.links, &pair.findings, &pair.document] {
                output.write_all(part).map_err(output_error)?;
            }
            output.flush().map_err(output_error)?;
            tally.add(&pair.tally);
            progress.pair_done(pair.status(), pair.tally.bytes);
        }
        progress.finish();
        let read_error = read_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(error) = read_error {
            return Err(Error::io(error, "the input stream"));
        }
        let time = self.run_time(started);
        Ok(Summary::new(tally.pairs(), 0, &tally, None, time))
    }
}

fn malformed(id: String, reason: String) -> PairResult {
    PairResult {
        id,
        paired_by: PairedBy::Input,
        en_path: None,
        es_path: None,
        bytes: 0,
        elapsed: Duration::ZERO,
        outcome: Outcome::Failed(Failure {
            stage: Stage::Input,
            side: None,
            file: None,
            reason,
        }),
    }
}

fn output_error(error: io::Error) -> Error {
    Error::io(error, "the output stream")
}
