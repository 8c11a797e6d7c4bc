//! `resalign batch --stdin` streams: 50,000 pairs of small documents through one process, which
//! must answer all but the last few while its input is still open (a pipe mode that read its whole
//! input first would answer none, and the test says so after a timeout instead of hanging), and
//! whose peak memory must not grow with the input (one that read ahead without bound would hold
//! the 58 MB of pairs).

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

const PAIRS: usize = 50_000;
/// The peak memory after this many answers is the baseline the rest of the run must keep to.
const WARM_UP: usize = 1_000;
/// How much the peak may grow from the warm-up to the end: a quarter of the input's size.
const GROWTH_CEILING_KB: u64 = 16 * 1024;
/// How many pairs may still be unanswered when the input has all been written and stdin is still
/// open: those in resalign's window (eight per thread) still being worked on, and the few dozen
/// lines the pipe and the readers on both sides hold.
const MAX_UNANSWERED: usize = 100;
/// Longer than any pair takes on a busy machine; only a pipe that holds results back waits this.
const SILENCE_LIMIT: Duration = Duration::from_secs(120);

const ENGLISH: &str = "# Economic and Social Council

## Resolution adopted by the Economic and Social Council on 27 July 2016

### **2016/{n}. Road safety, report {n}**

*The Economic and Social Council,*

*Recalling* General Assembly resolution 70/260 of 15 April 2016 and its own resolution 2011/{n},

1. *Invites* Member States to accede to the Convention on Road Traffic of 8 November 1968;

2. *Requests* the Secretary-General to report on the matter at its session of {year};

3. *Decides* to remain seized of the matter.
";

const SPANISH: &str = "# Consejo Económico y Social

## Resolución aprobada por el Consejo Económico y Social el 27 de julio de 2016

### **2016/{n}. Seguridad vial, informe {n}**

*El Consejo Económico y Social,*

*Recordando* la resolución 70/260 de la Asamblea General, de 15 de abril de 2016, y su propia \
resolución 2011/{n},

1. *Invita* a los Estados Miembros a que se adhieran a la Convención sobre la Circulación Vial \
de 8 de noviembre de 1968;

2. *Solicita* al Secretario General que informe sobre la cuestión en su período de sesiones \
de {year};

3. *Decide* seguir ocupándose de la cuestión.
";

fn pair_id(index: usize) -> String {
    format!("small/{index:05}")
}

/// The pair line for `index`: both documents inline, numbered so that no two pairs are alike.
fn pair_line(index: usize) -> String {
    let fill = |template: &str| {
        template
            .replace("{n}", &index.to_string())
            .replace("{year}", &(2000 + index % 50).to_string())
    };
    let line = json!({"id": pair_id(index), "en": fill(ENGLISH), "es": fill(SPANISH)});
    format!("{line}\n")
}

/// Writes every pair, counting them in `written`, then holds stdin open until all but
/// [`MAX_UNANSWERED`] pairs are `answered`, and says how many were when it closed it.
fn write_pairs(
    stdin: ChildStdin,
    written: &AtomicUsize,
    answered: &AtomicUsize,
    measured: Receiver<()>,
) -> Result<usize> {
    let mut stdin = BufWriter::new(stdin);
    for index in 0..PAIRS {
        stdin.write_all(pair_line(index).as_bytes())?;
        written.store(index + 1, Ordering::Relaxed);
    }
    stdin.flush()?;
    // The reader says when it has answered enough and measured the memory, or gives up.
    let _ = measured.recv_timeout(SILENCE_LIMIT);
    Ok(answered.load(Ordering::Relaxed))
}

/// The process's peak resident set size so far, in KB.
fn peak_memory_kb(child: &Child) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id()))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmHWM in /proc/PID/status")
}

struct Progress {
    written_at_first_line: Option<usize>,
    warm_peak_kb: Option<u64>,
    /// The peak memory when all but [`MAX_UNANSWERED`] pairs were answered, stdin still open.
    last_peak_kb: Option<u64>,
}

#[test]
fn fifty_thousand_pairs_stream_through_one_process_in_bounded_memory() -> Result<()> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_resalign"))
        .args(["batch", "--stdin", "--quiet", "--no-timings", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let stdin = child.stdin.take().context("resalign's stdin")?;
    let stdout = child.stdout.take().context("resalign's stdout")?;
    let written = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(AtomicUsize::new(0));
    let (measured, measured_receiver) = channel();
    let writer = {
        let (written, answered) = (Arc::clone(&written), Arc::clone(&answered));
        thread::spawn(move || write_pairs(stdin, &written, &answered, measured_receiver))
    };
    let (line_sender, lines) = channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if line_sender.send(line).is_err() {
                return;
            }
        }
    });

    let outcome = read_answers(&child, &lines, &written, &answered, measured);
    if outcome.is_err() {
        child.kill()?;
    }
    let status = child.wait()?;
    let answered_with_stdin_open = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer panicked"))??;
    let progress = outcome?;
    ensure!(status.success(), "resalign exited with {status}");

    let first = progress.written_at_first_line.context("no result line")?;
    assert!(
        first < PAIRS,
        "the first result came only after all {PAIRS} pairs were written"
    );
    assert!(
        answered_with_stdin_open + MAX_UNANSWERED >= PAIRS,
        "only {answered_with_stdin_open} of {PAIRS} pairs were answered while stdin was open"
    );
    let warm = progress.warm_peak_kb.context("no warm-up figure")?;
    let peak = progress.last_peak_kb.context("no final figure")?;
    assert!(
        peak <= warm + GROWTH_CEILING_KB,
        "peak memory grew from {warm} KB after {WARM_UP} pairs to {peak} KB after {PAIRS}"
    );
    Ok(())
}

/// Reads result lines until every pair is answered, checking that they come in input order, and
/// measures the memory after [`WARM_UP`] pairs and when all but [`MAX_UNANSWERED`] are answered.
fn read_answers(
    child: &Child,
    lines: &Receiver<std::io::Result<String>>,
    written: &AtomicUsize,
    answered: &AtomicUsize,
    measured: Sender<()>,
) -> Result<Progress> {
    let mut progress = Progress {
        written_at_first_line: None,
        warm_peak_kb: None,
        last_peak_kb: None,
    };
    let mut done = 0;
    while done < PAIRS {
        let line = match lines.recv_timeout(SILENCE_LIMIT) {
            Ok(line) => line?,
            Err(RecvTimeoutError::Timeout) => bail!(
                "no result line for {SILENCE_LIMIT:?} with {done} of {PAIRS} pairs answered and \
                 {} written: --stdin holds its results back",
                written.load(Ordering::Relaxed)
            ),
            Err(RecvTimeoutError::Disconnected) => {
                bail!("resalign closed its output after answering {done} of {PAIRS} pairs")
            }
        };
        progress
            .written_at_first_line
            .get_or_insert_with(|| written.load(Ordering::Relaxed));
        if !line.starts_with(r#"{"record":"document""#) {
            continue;
        }
        let record: Value = serde_json::from_str(&line)?;
        let expected = pair_id(done);
        ensure!(
            record["pair"] == expected.as_str() && record["status"] == "aligned",
            "expected pair {expected} aligned, got {line}"
        );
        done += 1;
        answered.store(done, Ordering::Relaxed);
        if done == WARM_UP {
            progress.warm_peak_kb = Some(peak_memory_kb(child)?);
        }
        if done + MAX_UNANSWERED == PAIRS {
            progress.last_peak_kb = Some(peak_memory_kb(child)?);
            measured.send(()).ok();
        }
    }
    Ok(progress)
}
