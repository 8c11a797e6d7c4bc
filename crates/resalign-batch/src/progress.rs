//! Progress reporting: a trait the writers call as pairs are done, a silent implementation, and
//! a progress bar on stderr that shows only when stderr is a terminal.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{HumanDuration, ProgressBar, ProgressDrawTarget, ProgressStyle};

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

/// A progress bar on stderr (pairs done, rate, failures, time left), drawn only when stderr is a
/// terminal so that logs and pipes stay clean. Rates and the time left appear once a pair is
/// done, counted from the pairs this run did, not those an earlier run left.
#[derive(Debug)]
pub struct TerminalProgress {
    bar: ProgressBar,
    started: Instant,
    total: Option<u64>,
    done_before: u64,
    done: u64,
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
            total: None,
            done_before: 0,
            done: 0,
            bytes: 0,
            failed: 0,
        }
    }

    fn update_message(&self) {
        self.bar.set_message(self.message(self.started.elapsed()));
    }

    /// `, 131 pairs/s, 12.3 MB/s, 2 failed, 3s left` after `done/total pairs`.
    fn message(&self, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64().max(1e-3);
        let per_second = self.done as f64 / seconds;
        let rate = if per_second >= 10.0 {
            format!("{per_second:.0}")
        } else {
            format!("{per_second:.1}")
        };
        let mut message = format!(
            ", {rate} pairs/s, {:.1} MB/s",
            self.bytes as f64 / 1e6 / seconds
        );
        if self.failed > 0 {
            message += &format!(", {} failed", self.failed);
        }
        if let Some(total) = self.total
            && per_second > 0.0
        {
            let left = total.saturating_sub(self.done_before + self.done) as f64 / per_second;
            message += &format!(", {} left", HumanDuration(Duration::from_secs_f64(left)));
        }
        message
    }
}

impl Progress for TerminalProgress {
    fn start(&mut self, total: Option<u64>, done: u64) {
        // The message holds the rates and the time left, set once the first pair is done: before
        // that there is nothing to tell.
        let template = match total {
            Some(total) => {
                self.bar.set_length(total);
                "{bar:30} {pos}/{len} pairs{msg}"
            }
            None => "{spinner} {pos} pairs{msg}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style);
        }
        self.total = total;
        self.done_before = done;
        self.bar.set_position(done);
        self.bar.enable_steady_tick(Duration::from_millis(200));
        self.started = Instant::now();
    }

    fn pair_done(&mut self, status: PairStatus, bytes: u64) {
        self.bytes += bytes;
        self.done += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(total: u64, done_before: u64, done: u64, failed: u64) -> TerminalProgress {
        let mut progress = TerminalProgress::new();
        progress.total = Some(total);
        progress.done_before = done_before;
        progress.done = done;
        progress.failed = failed;
        progress.bytes = done * 100_000;
        progress
    }

    #[test]
    fn rates_are_rounded_and_the_time_left_counts_this_run_only() {
        let message = progress(429, 0, 131, 0).message(Duration::from_secs_f64(0.998));
        assert_eq!(message, ", 131 pairs/s, 13.1 MB/s, 2 seconds left");
        let resumed = progress(100, 90, 5, 1).message(Duration::from_secs(2));
        assert_eq!(resumed, ", 2.5 pairs/s, 0.2 MB/s, 1 failed, 2 seconds left");
    }
}
