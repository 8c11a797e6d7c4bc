//! Progress reporting: a trait the writers call as pairs are done, a silent implementation, and
//! a progress bar on stderr that shows only when stderr is a terminal.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How a finished pair turned out, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairStatus {
    Aligned,
    Failed,
}

/// Told about a run as it goes, on the thread that writes the results.
pub trait Progress {
    /// The run starts with `total` pairs (`None` when they come from a stream), `done` of them
    /// already done by an earlier run.
    fn start(&mut self, total: Option<u64>, done: u64);
    /// A pair is done and its results written.
    fn pair_done(&mut self, status: PairStatus, bytes: u64);
    /// The run is over.
    fn finish(&mut self);
}

/// Reports nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&mut self, _total: Option<u64>, _done: u64) {}
    fn pair_done(&mut self, _status: PairStatus, _bytes: u64) {}
    fn finish(&mut self) {}
}

/// A progress bar on stderr (pairs done, failures, rate, time left), drawn only when stderr is a
/// terminal so that logs and pipes stay clean.
#[derive(Debug)]
pub struct TerminalProgress {
    bar: ProgressBar,
    started: Instant,
    bytes: u64,
    failed: u64,
}

impl Default for TerminalProgress {
    fn default() -> Self {
        TerminalProgress::new()
    }
}

impl TerminalProgress {
    pub fn new() -> TerminalProgress {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        TerminalProgress {
            bar: ProgressBar::with_draw_target(None, target),
            started: Instant::now(),
            bytes: 0,
            failed: 0,
        }
    }

    fn update_message(&self) {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let failed = match self.failed {
            0 => String::new(),
            failed => format!(", {failed} failed"),
        };
        self.bar.set_message(format!(
            "{:.1} MB/s{failed}",
            self.bytes as f64 / 1e6 / seconds
        ));
    }
}

impl Progress for TerminalProgress {
    fn start(&mut self, total: Option<u64>, done: u64) {
        let template = match total {
            Some(total) => {
                self.bar.set_length(total);
                "{bar:30} {pos}/{len} pairs, {per_sec}, {msg}, {eta} left"
            }
            None => "{spinner} {pos} pairs, {per_sec}, {msg}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style);
        }
        self.bar.set_position(done);
        self.bar.reset_eta();
        self.bar.enable_steady_tick(Duration::from_millis(200));
        self.started = Instant::now();
    }

    fn pair_done(&mut self, status: PairStatus, bytes: u64) {
        self.bytes += bytes;
        if status == PairStatus::Failed {
            self.failed += 1;
        }
        self.bar.inc(1);
        self.update_message();
    }

    fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}
