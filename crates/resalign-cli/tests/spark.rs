//! The Spark job of `examples/spark/align_corpus.py`, run for real: `spark-submit` in local mode
//! with two executor threads, piping through this build's `resalign batch --stdin`. Its output
//! must be the lines of a plain `resalign batch` run over the same pairs, whether the documents
//! travel as text or as paths, with a task killed partway and retried, and with pairs that fail.
//!
//! It needs a Java runtime and pyspark (`.ci/run` installs both); without them its tests are
//! reported ignored, except in CI (`CI` set), where their absence is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

/// Local mode with two executor threads; a task may fail three times before the job does.
const MASTER: &str = "local[2,4]";

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn resalign() -> &'static str {
    env!("CARGO_BIN_EXE_resalign")
}

/// `spark-submit` of the installed pyspark.
fn spark_submit() -> Result<PathBuf> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), 'bin'))",
        ])
        .stderr(Stdio::null())
        .output()?;
    ensure!(output.status.success(), "pyspark is not installed");
    let bin = String::from_utf8(output.stdout)?;
    Ok(Path::new(bin.trim()).join("spark-submit"))
}

/// The corpus folder as one absolute path, so that every run names its files alike.
fn corpus() -> Result<PathBuf> {
    resalign_testkit::corpus::corpus_dir()
        .canonicalize()
        .context("the corpus folder")
}

/// What a run wrote: each folder's part files concatenated in name order.
#[derive(Debug, PartialEq, Eq)]
struct Output {
    links: String,
    findings: String,
    documents: String,
    failed: String,
}

impl Output {
    /// The output of the Spark job in `folder`.
    fn of_job(folder: &Path) -> Result<Output> {
        Ok(Output {
            links: concatenated(&folder.join("file=links"))?,
            findings: concatenated(&folder.join("file=findings"))?,
            documents: concatenated(&folder.join("file=documents"))?,
            failed: concatenated(&folder.join("file=failed"))?,
        })
    }

    /// The output of `resalign batch --out folder` in the job's layout, aligned pairs apart
    /// from failed ones.
    fn of_batch(folder: &Path) -> Result<Output> {
        let documents = std::fs::read_to_string(folder.join("documents.jsonl"))?;
        let (aligned, failed): (Vec<&str>, Vec<&str>) = documents
            .lines()
            .partition(|line| line.contains(r#""status":"aligned""#));
        let joined = |lines: Vec<&str>| lines.iter().map(|line| format!("{line}\n")).collect();
        Ok(Output {
            links: std::fs::read_to_string(folder.join("links.jsonl"))?,
            findings: std::fs::read_to_string(folder.join("findings.jsonl"))?,
            documents: joined(aligned),
            failed: joined(failed),
        })
    }

    /// The output with `paired_by` left out of the document lines: a pipe's pairs come from
    /// its input, a folder's from their file names.
    fn without_paired_by(&self) -> Output {
        Output {
            links: self.links.clone(),
            findings: self.findings.clone(),
            documents: without_paired_by(&self.documents),
            failed: without_paired_by(&self.failed),
        }
    }

    fn document_lines(&self) -> Result<Vec<Value>> {
        self.documents
            .lines()
            .chain(self.failed.lines())
            .map(|line| Ok(serde_json::from_str(line)?))
            .collect()
    }
}

fn concatenated(folder: &Path) -> Result<String> {
    if !folder.exists() {
        return Ok(String::new());
    }
    let mut parts: Vec<PathBuf> = std::fs::read_dir(folder)?
        .map(|entry| Ok(entry?.path()))
        .collect::<Result<_>>()?;
    parts.retain(|part| {
        part.file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with("part-"))
    });
    parts.sort();
    let mut text = String::new();
    for part in parts {
        text.push_str(&std::fs::read_to_string(part)?);
    }
    Ok(text)
}

fn without_paired_by(lines: &str) -> String {
    const FIELD: &str = r#""paired_by":""#;
    let mut kept = String::new();
    for line in lines.lines() {
        let (before, after) = match line.find(FIELD) {
            Some(start) => {
                let value = start + FIELD.len();
                let end = line[value..]
                    .find("\",")
                    .map_or(line.len(), |quote| value + quote + 2);
                (&line[..start], &line[end..])
            }
            None => (line, ""),
        };
        kept.push_str(before);
        kept.push_str(after);
        kept.push('\n');
    }
    kept
}

/// `resalign batch` over the whole corpus, once for all the tests that compare with it.
fn reference(corpus: &Path) -> Result<&'static Output> {
    static REFERENCE: OnceLock<std::result::Result<Output, String>> = OnceLock::new();
    let made = REFERENCE.get_or_init(|| {
        let run = || -> Result<Output> {
            let scratch = tempfile::tempdir()?;
            let out = scratch.path().join("batch");
            let status = Command::new(resalign())
                .arg("batch")
                .arg(corpus)
                .arg("--out")
                .arg(&out)
                .args(["--no-timings", "--quiet"])
                .status()?;
            ensure!(status.success(), "resalign batch exited with {status}");
            Output::of_batch(&out)
        };
        run().map_err(|error| format!("{error:#}"))
    });
    made.as_ref().map_err(|error| anyhow::anyhow!("{error}"))
}

/// Runs the job with `arguments` after the corpus and output folders, in `scratch`.
fn run_job(
    submit: &Path,
    scratch: &Path,
    corpus: &Path,
    resalign_command: &str,
    arguments: &[&str],
) -> Result<Output> {
    let out = scratch.join("spark-out");
    let run = Command::new(submit)
        .args(["--master", MASTER, "--conf", "spark.ui.enabled=false"])
        .arg(repository().join("examples/spark/align_corpus.py"))
        .arg(corpus)
        .arg(&out)
        .args(["--resalign", resalign_command, "--no-timings"])
        .args(arguments)
        .current_dir(scratch)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()?;
    // spark-submit passes on what the Python driver prints, stderr included, on its stdout.
    let printed = String::from_utf8_lossy(&run.stdout);
    if !run.status.success() {
        let log = String::from_utf8_lossy(&run.stderr);
        let tail: Vec<&str> = log.lines().rev().take(60).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!(
            "the job exited with {}:\n{printed}\n{}",
            run.status,
            tail.join("\n")
        );
    }
    ensure!(
        printed.contains(" aligned, ") && printed.contains(" failed, in "),
        "the job gave no closing line:\n{printed}"
    );
    Output::of_job(&out)
}

/// A word of a command line the job splits as a shell would.
fn quoted(word: &Path) -> String {
    format!("'{}'", word.display().to_string().replace('\'', r"'\''"))
}

fn documents_sent_as_text_give_the_lines_of_a_plain_batch_run() -> Result<()> {
    let (submit, corpus) = (spark_submit()?, corpus()?);
    let scratch = tempfile::tempdir()?;
    let output = run_job(
        &submit,
        scratch.path(),
        &corpus,
        &quoted(Path::new(resalign())),
        &["--partitions", "3"],
    )?;
    let expected = reference(&corpus)?;
    assert_eq!(expected.failed, "", "the corpus has pairs that fail");
    assert!(
        output.without_paired_by() == expected.without_paired_by(),
        "the job's lines differ from resalign batch's"
    );
    Ok(())
}

fn a_task_killed_partway_is_retried_and_every_pair_comes_out_once() -> Result<()> {
    let (submit, corpus) = (spark_submit()?, corpus()?);
    let scratch = tempfile::tempdir()?;
    let listing = Command::new(resalign())
        .args(["batch", ".", "--list-pairs"])
        .current_dir(&corpus)
        .stderr(Stdio::null())
        .output()?;
    ensure!(
        listing.status.success(),
        "resalign batch --list-pairs failed"
    );
    let pairs = scratch.path().join("pairs.tsv");
    std::fs::write(&pairs, &listing.stdout)?;
    let marker = scratch.path().join("marker");
    std::fs::create_dir(&marker)?;
    const LINES_BEFORE_THE_KILL: usize = 1000;
    let stand_in = format!(
        "python3 {} {} {LINES_BEFORE_THE_KILL} {}",
        quoted(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spark/kill_once.py")),
        quoted(&marker),
        quoted(Path::new(resalign())),
    );
    let output = run_job(
        &submit,
        scratch.path(),
        &corpus,
        &stand_in,
        &[
            "--partitions",
            "4",
            "--documents",
            "paths",
            "--pairs",
            &pairs.display().to_string(),
        ],
    )?;

    let killed_after =
        std::fs::read_to_string(marker.join("killed/lines")).context("no task was killed")?;
    assert_eq!(killed_after.trim(), LINES_BEFORE_THE_KILL.to_string());
    let runs = std::fs::read_to_string(marker.join("runs"))?;
    assert_eq!(runs.lines().count(), 5, "four tasks and one retry: {runs}");
    assert!(
        output.without_paired_by() == reference(&corpus)?.without_paired_by(),
        "the job's lines differ from resalign batch's"
    );
    Ok(())
}

/// A pair list of two good pairs and, between them, pairs that fail and lines that are not pairs,
/// in a corpus folder of the repository's own pair and broken files.
fn broken_corpus(folder: &Path) -> Result<PathBuf> {
    let corpus = folder.join("corpus");
    std::fs::create_dir_all(corpus.join("en"))?;
    std::fs::create_dir_all(corpus.join("es/folder.md"))?;
    let english = std::fs::read(repository().join("data/E_RES_2013_41.en.md"))?;
    let spanish = std::fs::read_to_string(repository().join("data/E_RES_2013_41.es.md"))?;
    std::fs::write(corpus.join("en/2013_41.md"), &english)?;
    std::fs::write(corpus.join("es/2013_41.md"), &spanish)?;
    let latin_1: Vec<u8> = spanish
        .chars()
        .map(|char| u8::try_from(u32::from(char)).unwrap_or(b'?'))
        .collect();
    std::fs::write(corpus.join("es/latin-1.md"), latin_1)?;
    let mut binary = english.clone();
    binary.splice(2000..2000, [0u8, 1, 2].repeat(50));
    std::fs::write(corpus.join("en/binary.md"), binary)?;
    let pair = |id: &str, en: &str, es: &str| json!({"id": id, "en": en, "es": es}).to_string();
    let lines = [
        pair("good", "en/2013_41.md", "es/2013_41.md"),
        pair("missing", "en/2013_41.md", "es/nowhere.md"),
        pair("latin-1", "en/2013_41.md", "es/latin-1.md"),
        pair("binary", "en/binary.md", "es/2013_41.md"),
        pair("folder", "en/2013_41.md", "es/folder.md"),
        "not a pair at all".to_string(),
        json!({"id": "half", "en": "en/2013_41.md"}).to_string(),
        pair("good-again", "en/2013_41.md", "es/2013_41.md"),
    ];
    let pairs = folder.join("pairs.jsonl");
    std::fs::write(&pairs, lines.map(|line| line + "\n").concat())?;
    Ok(pairs)
}

/// What the document line of a pair that failed says.
struct Failure {
    pair: &'static str,
    stage: &'static str,
    side: Option<&'static str>,
    /// The file at fault, in the corpus folder.
    file: Option<&'static str>,
    /// Words of the reason.
    reason: &'static str,
}

const fn failure(
    pair: &'static str,
    stage: &'static str,
    side: Option<&'static str>,
    file: Option<&'static str>,
    reason: &'static str,
) -> Failure {
    Failure {
        pair,
        stage,
        side,
        file,
        reason,
    }
}

const FAILURES: [Failure; 6] = [
    failure(
        "missing",
        "read",
        Some("es"),
        Some("es/nowhere.md"),
        "No such file",
    ),
    failure(
        "latin-1",
        "parse",
        Some("es"),
        Some("es/latin-1.md"),
        "not UTF-8",
    ),
    failure(
        "binary",
        "parse",
        Some("en"),
        Some("en/binary.md"),
        "binary",
    ),
    failure(
        "folder",
        "read",
        Some("es"),
        Some("es/folder.md"),
        "not a regular file but a folder",
    ),
    failure(
        "line 6",
        "input",
        None,
        None,
        "input line 6: not a JSON pair",
    ),
    failure("half", "input", None, None, "needs both"),
];

fn unreadable_files_and_lines_that_are_not_pairs_come_out_as_failed_documents() -> Result<()> {
    let submit = spark_submit()?;
    let scratch = tempfile::tempdir()?;
    let pairs = broken_corpus(scratch.path())?;
    let corpus = scratch.path().join("corpus");
    let mut outputs = Vec::new();
    for documents in ["text", "paths"] {
        let run = scratch.path().join(documents);
        std::fs::create_dir(&run)?;
        let arguments = [
            "--partitions",
            "2",
            "--documents",
            documents,
            "--pairs",
            &pairs.display().to_string(),
        ];
        let command = quoted(Path::new(resalign()));
        outputs.push(run_job(&submit, &run, &corpus, &command, &arguments)?);
    }
    assert!(
        outputs[0] == outputs[1],
        "text and paths give different lines:\n{:#?}",
        outputs
    );

    let documents = outputs[0].document_lines()?;
    let aligned: Vec<&Value> = documents
        .iter()
        .filter(|line| line["status"] == "aligned")
        .map(|line| &line["pair"])
        .collect();
    assert_eq!(aligned, ["good", "good-again"]);
    let failed: Vec<&Value> = documents
        .iter()
        .filter(|line| line["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), FAILURES.len(), "{failed:#?}");
    for (line, expected) in failed.iter().zip(FAILURES) {
        let error = &line["error"];
        assert_eq!(line["pair"], expected.pair, "{line}");
        assert_eq!(error["stage"], expected.stage, "{line}");
        assert_eq!(error["side"].as_str(), expected.side, "{line}");
        let in_corpus = expected
            .file
            .map(|file| corpus.join(file).display().to_string());
        assert_eq!(error["file"].as_str(), in_corpus.as_deref(), "{line}");
        let reason = error["reason"].as_str().unwrap_or_default();
        assert!(reason.contains(expected.reason), "{line}");
    }
    Ok(())
}

resalign_testkit::test_main! {
    documents_sent_as_text_give_the_lines_of_a_plain_batch_run => [Spark, Corpus],
    a_task_killed_partway_is_retried_and_every_pair_comes_out_once => [Spark, Corpus],
    unreadable_files_and_lines_that_are_not_pairs_come_out_as_failed_documents => [Spark],
}
