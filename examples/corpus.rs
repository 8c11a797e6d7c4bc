//! Measures `resalign batch` on the AKN4UN corpus: where a pair's time goes on one thread, then
//! the whole corpus end to end (pair, parse both sides, align, check, write JSON Lines) at 1
//! thread and at all cores, once and ten times over: pairs/s, input MB/s, MB/s per core, the
//! speed-up, and peak memory.
//!
//! ```text
//! cargo run --release --example corpus -- [CORPUS] [--repeat N] [--copies N]
//! ```
//!
//! Every end-to-end figure comes from a fresh child process (this example run again with
//! `--measure`), so that each peak resident set size (`VmHWM`) belongs to one configuration.
//! Times are medians of `--repeat` runs (3 by default): the machine is shared, so compare the
//! figures of one run with each other rather than with another day's.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use resalign::{Document, Parser};
use resalign_align::{Alignment, Finding, align, check};
use resalign_batch::{Batch, OutputDir, PairFinder, PairInput, PairSet, Silent, Source};
use resalign_export::report::{FindingRecord, LinkRecord};

#[path = "common/corpus_source.rs"]
mod corpus_source;

use corpus_source::missing_corpus;

const DEFAULT_CORPUS: &str = "../shared/corpus/unxml";

fn main() -> Result<()> {
    let options = Options::from_args()?;
    match options.measure {
        Some(run) => measure(&options.corpus, run),
        None => report(&options),
    }
}

struct Options {
    corpus: PathBuf,
    repeat: usize,
    /// The largest number of corpus copies measured (besides one).
    copies: usize,
    /// Set in a child process: run this configuration once and print its figures.
    measure: Option<Run>,
}

/// One end-to-end configuration.
#[derive(Clone, Copy, Debug)]
struct Run {
    threads: usize,
    copies: usize,
}

impl Options {
    fn from_args() -> Result<Options> {
        let mut options = Options {
            corpus: PathBuf::from(DEFAULT_CORPUS),
            repeat: 3,
            copies: 10,
            measure: None,
        };
        let mut args = std::env::args().skip(1);
        let mut threads = None;
        while let Some(arg) = args.next() {
            let mut value = |name: &str| -> Result<usize> {
                Ok(args.next().with_context(|| format!("{name} N"))?.parse()?)
            };
            match arg.as_str() {
                "--repeat" => options.repeat = value("--repeat")?.max(1),
                "--copies" => options.copies = value("--copies")?.max(1),
                "--measure" => threads = Some(value("--measure")?),
                flag if flag.starts_with("--") => bail!("unknown option {flag}"),
                path => options.corpus = PathBuf::from(path),
            }
        }
        options.measure = threads.map(|threads| Run {
            threads,
            copies: options.copies,
        });
        Ok(options)
    }
}

/// The child's side: align the corpus `copies` times over on `threads` threads and print
/// `pairs bytes seconds peak-kB`.
fn measure(corpus: &Path, run: Run) -> Result<()> {
    let threads = NonZeroUsize::new(run.threads).context("--measure needs at least 1 thread")?;
    let started = Instant::now();
    let found = PairFinder::new().threads(threads).find(corpus)?;
    let pairs = copies(found, run.copies);
    let out = tempfile::tempdir()?;
    let mut batch = Batch::new();
    batch.threads(threads);
    let summary = batch.write_dir(pairs, &OutputDir::new(out.path().join("out")), &mut Silent)?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} {} {seconds} {} {}",
        summary.aligned + summary.failed,
        summary.bytes,
        cpu_seconds()?,
        peak_resident_kb()?
    );
    Ok(())
}

/// User and system CPU time of the whole process so far, every thread included, from
/// `/proc/self/stat` (in the kernel's fixed 100 ticks a second).
fn cpu_seconds() -> Result<f64> {
    const TICKS_PER_SECOND: f64 = 100.0;
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // The command name may hold spaces; the fields after it do not.
    let after_name = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| -> Result<f64> {
        Ok(fields
            .get(index)
            .context("short /proc/self/stat")?
            .parse::<f64>()?)
    };
    // utime and stime are the 14th and 15th fields; the first after the name is the 3rd.
    Ok((ticks(11)? + ticks(12)?) / TICKS_PER_SECOND)
}

/// The pairs of the corpus `count` times, each copy under its own ids.
fn copies(found: PairSet, count: usize) -> PairSet {
    if count == 1 {
        return found;
    }
    let pairs = (0..count)
        .flat_map(|copy| {
            found.pairs.iter().map(move |pair| PairInput {
                id: format!("copy{copy}/{}", pair.id),
                ..pair.clone()
            })
        })
        .collect();
    PairSet {
        pairs,
        unpaired: found.unpaired,
    }
}

/// The process's peak resident set size in kB, as Linux counts it.
fn peak_resident_kb() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmHWM in /proc/self/status")
}

/// Figures of one end-to-end run.
#[derive(Clone, Copy, Debug)]
struct Measured {
    pairs: u64,
    bytes: u64,
    seconds: f64,
    /// CPU time of all threads: what the run cost, whatever else the machine was doing.
    cpu_seconds: f64,
    peak_kb: u64,
}

fn run_child(corpus: &Path, run: Run) -> Result<Measured> {
    let output = Command::new(std::env::current_exe()?)
        .arg(corpus)
        .args(["--measure", &run.threads.to_string()])
        .args(["--copies", &run.copies.to_string()])
        .output()?;
    if !output.status.success() {
        bail!(
            "{run:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = String::from_utf8(output.stdout)?;
    let fields: Vec<&str> = text.split_whitespace().collect();
    let [pairs, bytes, seconds, cpu_seconds, peak_kb] = fields.as_slice() else {
        bail!("{run:?} printed `{text}`");
    };
    Ok(Measured {
        pairs: pairs.parse()?,
        bytes: bytes.parse()?,
        seconds: seconds.parse()?,
        cpu_seconds: cpu_seconds.parse()?,
        peak_kb: peak_kb.parse()?,
    })
}

/// The median run of `repeat` (by time), and the highest peak memory of them.
fn median_run(corpus: &Path, run: Run, repeat: usize) -> Result<Measured> {
    let mut runs = (0..repeat)
        .map(|_| run_child(corpus, run))
        .collect::<Result<Vec<_>>>()?;
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let peak_kb = runs.iter().map(|run| run.peak_kb).max().unwrap_or(0);
    Ok(Measured {
        peak_kb,
        ..runs[runs.len() / 2]
    })
}

fn report(options: &Options) -> Result<()> {
    if !options.corpus.is_dir() {
        return Err(missing_corpus(&options.corpus));
    }
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    println!(
        "corpus {} on {cores} cores, load average {}\n",
        options.corpus.display(),
        load_average()
    );
    stage_profile(&options.corpus)?;

    println!(
        "\nend to end (median of {} runs, each in a fresh process):",
        options.repeat
    );
    println!(
        "{:>7} {:>7} {:>6} {:>8} {:>8} {:>8} {:>8} {:>12} {:>9}",
        "threads", "copies", "pairs", "MB", "seconds", "pairs/s", "MB/s", "MB/CPU-s", "peak MB"
    );
    let mut measured = Vec::new();
    for copies in [1, options.copies] {
        for threads in [1, cores] {
            let run = Run { threads, copies };
            let figures = median_run(&options.corpus, run, options.repeat)?;
            let megabytes = figures.bytes as f64 / 1e6;
            println!(
                "{threads:>7} {copies:>7} {:>6} {megabytes:>8.1} {:>8.2} {:>8.1} {:>8.1} {:>12.1} {:>9.1}",
                figures.pairs,
                figures.seconds,
                figures.pairs as f64 / figures.seconds,
                megabytes / figures.seconds,
                megabytes / figures.cpu_seconds,
                figures.peak_kb as f64 / 1024.0
            );
            measured.push((run, figures));
        }
    }
    let find = |threads: usize, copies: usize| {
        measured
            .iter()
            .find(|(run, _)| run.threads == threads && run.copies == copies)
            .map(|(_, figures)| *figures)
    };
    for copies in [1, options.copies] {
        if let (Some(one), Some(all)) = (find(1, copies), find(cores, copies)) {
            println!(
                "{copies} cop{}: {cores} threads {:.2}x faster than 1; input MB/s per core: \
                 {:.1} at 1 thread, {:.1} at {cores}",
                if copies == 1 { "y" } else { "ies" },
                one.seconds / all.seconds,
                one.bytes as f64 / 1e6 / one.seconds,
                all.bytes as f64 / 1e6 / all.seconds / cores as f64,
            );
        }
    }
    if let (Some(small), Some(big)) = (find(cores, 1), find(cores, options.copies)) {
        println!(
            "peak memory at {cores} threads: {:.1} MB for 1 copy, {:.1} MB for {} ({:+.1} MB)",
            small.peak_kb as f64 / 1024.0,
            big.peak_kb as f64 / 1024.0,
            options.copies,
            (big.peak_kb as f64 - small.peak_kb as f64) / 1024.0
        );
    }
    Ok(())
}

/// The one-minute load average: how busy the machine was while it was measured.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Time per stage over every pair, on this thread: read, parse, align, check, and rendering the
/// JSON lines a batch writes.
fn stage_profile(corpus: &Path) -> Result<()> {
    let found = PairFinder::new().find(corpus)?;
    let mut stages = [Duration::ZERO; 5];
    let mut bytes = 0;
    for pair in &found.pairs {
        let (Source::Path(en_path), Source::Path(es_path)) = (&pair.en, &pair.es) else {
            continue;
        };
        let timed = |stage: &mut Duration, started: Instant| *stage += started.elapsed();
        let started = Instant::now();
        let en_bytes = std::fs::read(en_path)?;
        let es_bytes = std::fs::read(es_path)?;
        timed(&mut stages[0], started);
        bytes += en_bytes.len() + es_bytes.len();

        let started = Instant::now();
        let (Ok(en), Ok(es)) = (
            Parser::new().parse_bytes(&en_bytes),
            Parser::new().parse_bytes(&es_bytes),
        ) else {
            continue;
        };
        timed(&mut stages[1], started);

        let started = Instant::now();
        let Ok(alignment) = align(&en, &es) else {
            continue;
        };
        timed(&mut stages[2], started);

        let started = Instant::now();
        let findings = check(&en, &es, &alignment);
        timed(&mut stages[3], started);

        let started = Instant::now();
        render(&en, &es, &alignment, &findings)?;
        timed(&mut stages[4], started);
    }
    let total: Duration = stages.iter().sum();
    println!(
        "one thread, stage by stage ({} pairs, {:.1} MB):",
        found.pairs.len(),
        bytes as f64 / 1e6
    );
    let names = [
        "read",
        "parse (resalign-core)",
        "align (resalign-align)",
        "check (resalign-align)",
        "render JSON lines (resalign-export, serde_json)",
    ];
    for (name, stage) in names.iter().zip(stages) {
        println!(
            "  {name:<48} {:>7.3} s {:>5.1}% {:>9.1} MB/s",
            stage.as_secs_f64(),
            100.0 * stage.as_secs_f64() / total.as_secs_f64(),
            bytes as f64 / 1e6 / stage.as_secs_f64()
        );
    }
    println!(
        "  {:<48} {:>7.3} s        {:>9.1} MB/s",
        "total",
        total.as_secs_f64(),
        bytes as f64 / 1e6 / total.as_secs_f64()
    );
    Ok(())
}

/// The link and finding lines of a pair, as a batch serializes them.
fn render(
    en: &Document,
    es: &Document,
    alignment: &Alignment,
    findings: &[Finding],
) -> Result<usize> {
    let mut lines = Vec::new();
    for link in LinkRecord::all(en, es, alignment)? {
        serde_json::to_writer(&mut lines, &link)?;
    }
    for finding in findings {
        serde_json::to_writer(&mut lines, &FindingRecord::of(finding, en, es))?;
    }
    Ok(lines.len())
}
