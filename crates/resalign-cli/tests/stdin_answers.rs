//! `resalign batch --stdin` answers each pair as soon as it is done, while stdin is still open:
//! a driver that sends one pair and waits for its answer before it sends the next gets it (one
//! that held answers back until its window was full would never answer, and the test says so
//! after a timeout instead of hanging).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

use common::data;

/// Far longer than one small pair takes on a busy machine: only a pipe that holds its answers
/// back waits this long.
const ANSWER_LIMIT: Duration = Duration::from_secs(120);

/// The running `resalign batch --stdin`, killed if the test ends before it exits.
struct Pipe {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<std::io::Result<String>>,
    errors: Option<thread::JoinHandle<String>>,
}

impl Pipe {
    fn start(jobs: &str) -> Result<Pipe> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_resalign"))
            .args([
                "batch",
                "--stdin",
                "--quiet",
                "--no-timings",
                "--jobs",
                jobs,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().context("resalign's stdin")?;
        let stdout = child.stdout.take().context("resalign's stdout")?;
        let mut stderr = child.stderr.take().context("resalign's stderr")?;
        let (sender, lines) = channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        let errors = thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        Ok(Pipe {
            child,
            stdin: Some(stdin),
            lines,
            errors: Some(errors),
        })
    }

    fn send(&mut self, line: &Value) -> Result<()> {
        let stdin = self.stdin.as_mut().context("stdin is closed")?;
        writeln!(stdin, "{line}")?;
        stdin.flush()?;
        Ok(())
    }

    /// Reads the lines of pair `id` up to its document line, which it returns.
    fn answer(&self, id: &str) -> Result<Value> {
        let deadline = Instant::now() + ANSWER_LIMIT;
        loop {
            let waited = deadline.saturating_duration_since(Instant::now());
            let line = match self.lines.recv_timeout(waited) {
                Ok(line) => line?,
                Err(RecvTimeoutError::Timeout) => bail!(
                    "no answer for pair {id} within {ANSWER_LIMIT:?} while stdin stays open: \
                     --stdin holds its answers back"
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    bail!("resalign closed its output before answering pair {id}")
                }
            };
            let record: Value = serde_json::from_str(&line)?;
            ensure!(
                record["pair"] == id,
                "expected a line of pair {id}, got {line}"
            );
            if record["record"] == "document" {
                return Ok(record);
            }
        }
    }

    /// Closes stdin and waits for the process to exit, at most [`ANSWER_LIMIT`].
    fn close(&mut self) -> Result<ExitStatus> {
        drop(self.stdin.take());
        let deadline = Instant::now() + ANSWER_LIMIT;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            ensure!(
                Instant::now() < deadline,
                "resalign did not exit within {ANSWER_LIMIT:?} of stdin closing"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn stderr(&mut self) -> String {
        self.errors
            .take()
            .and_then(|errors| errors.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for Pipe {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn pair_line(id: &str) -> Value {
    json!({
        "id": id,
        "en": data("E_RES_2013_41.en.md"),
        "es": data("E_RES_2013_41.es.md"),
    })
}

#[test]
fn each_pair_is_answered_before_the_next_is_sent() -> Result<()> {
    for jobs in ["1", "2"] {
        let mut pipe = Pipe::start(jobs)?;
        for id in ["first", "second"] {
            pipe.send(&pair_line(id))?;
            let document = pipe.answer(id)?;
            assert_eq!(document["status"], "aligned", "{document}");
        }
        let status = pipe.close()?;
        let stderr = pipe.stderr();
        assert!(status.success(), "resalign exited with {status}: {stderr}");
        assert!(
            pipe.lines.recv().is_err(),
            "resalign wrote more after the last answer"
        );
    }
    Ok(())
}
