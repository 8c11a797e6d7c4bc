//! `resalign batch`: pairs, aligns and checks a whole corpus on all cores, writing JSON Lines to
//! an output directory (or, with `--stdin`, reading pair lines and writing result lines, for a
//! distributed engine to drive as a pipe). A thin shell over `resalign-batch`.

use std::io::Write;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use resalign_align::{Baseline, BaselineEntry, FindingKey};
use resalign_batch::{
    Batch, Csv, Existing, Html, OutputDir, PairFinder, PairSet, Progress, Shard, Silent, Source,
    Summary, TerminalProgress, Timings, Tmx, path_text, read_manifest, tsv_field,
};
use resalign_export::tmx::FlaggedUnits;
use serde::Deserialize;

use crate::output::Overwrite;
use crate::settings::{FindingArgs, write_baseline};

/// Exit code when the run finished but some pairs could not be aligned.
const SOME_PAIRS_FAILED: u8 = 1;
/// Threads per core past which more threads only cost: each holds pairs in flight, and
/// thousands of them take longer to start than the work takes.
const MAX_THREADS_PER_CORE: NonZeroUsize = NonZeroUsize::new(4).expect("4 is not zero");

/// Align every English/Spanish pair of a corpus.
#[derive(Args, Debug)]
#[command(
    after_help = "Exit status: 0 when every pair was aligned, 1 when some pair failed \
                        (its line in documents.jsonl says why), 2 when the run could not start \
                        or could not write its output."
)]
pub struct BatchArgs {
    /// A directory tree: files are paired by their names and folders (`English/75_100_E.xml`
    /// and `Spanish/75_100_S.xml`, `name.en.txt` and `name.es.txt`), else by the symbol they
    /// print.
    #[arg(required_unless_present_any = ["manifest", "stdin"], conflicts_with = "stdin")]
    input: Option<PathBuf>,

    /// Read the pairs from a manifest instead: JSON Lines `{"id", "en", "es"}` or TSV
    /// `id<TAB>en<TAB>es`, paths relative to the manifest.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["input", "stdin"])]
    manifest: Option<PathBuf>,

    /// Read JSON Lines pairs `{"id", "en", "es"}` (paths or inline text) from stdin and write
    /// result lines to stdout, in input order.
    #[arg(long, conflicts_with_all = ["out", "shard", "resume", "force", "tmx", "html", "list_pairs"])]
    stdin: bool,

    /// The output directory: links.jsonl, findings.jsonl, documents.jsonl, unpaired.jsonl,
    /// summary.json (and corpus.tmx with --tmx, html/ with --html).
    #[arg(long, value_name = "DIR", required_unless_present_any = ["stdin", "list_pairs"])]
    out: Option<PathBuf>,

    /// Worker threads [default: all cores; at most 4 per core]. The output is the same on any
    /// number.
    #[arg(long, short, value_name = "N")]
    jobs: Option<NonZeroUsize>,

    /// Do only shard K of N (K from 0): a stable share of the pairs, for array jobs.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,

    /// Continue an interrupted (or finished) run in --out, skipping the pairs it did.
    #[arg(long, conflicts_with = "force")]
    resume: bool,

    /// Write into --out even if it is not empty, replacing resalign's own files there.
    #[arg(long)]
    force: bool,

    /// Also write every pair's translation units to corpus.tmx (TMX 1.4b).
    #[arg(long)]
    tmx: bool,

    /// With --tmx: leave out the translation units a finding is about, instead of marking them
    /// with a x-resalign-findings prop, so that no wrong translation enters a memory.
    #[arg(long, requires = "tmx")]
    tmx_skip_findings: bool,

    /// Files beside the JSON Lines: `csv` adds findings.csv, one row per finding, for
    /// spreadsheets.
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    format: BatchFormat,

    /// After the run, record every finding shown in this baseline file (each entry names its
    /// pair); later runs with --baseline FILE report only new ones.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "stdin"])]
    write_baseline: Option<PathBuf>,

    /// Also write a side-by-side HTML report per pair and an index page, html/index.html.
    #[arg(long)]
    html: bool,

    /// Leave times out of documents.jsonl and summary.json, so that runs compare byte for byte.
    #[arg(long)]
    no_timings: bool,

    /// No progress bar and no closing summary.
    #[arg(long, short)]
    quiet: bool,

    /// Print the pairs as a TSV manifest (and the unpaired files on stderr) without aligning.
    #[arg(long)]
    list_pairs: bool,

    #[command(flatten)]
    findings: FindingArgs,
}

/// What a batch writes besides the JSON Lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum BatchFormat {
    /// The JSON Lines files only.
    Jsonl,
    /// findings.csv too.
    Csv,
}

pub fn run(mut args: BatchArgs) -> anyhow::Result<ExitCode> {
    args.jobs = args.jobs.map(capped_jobs);
    let mut batch = Batch::new();
    if let Some(jobs) = args.jobs {
        batch.threads(jobs);
    }
    if args.no_timings {
        batch.timings(Timings::Omit);
    }
    let settings = args.findings.settings(args.write_baseline.is_some())?;
    batch.checker(settings.checker);
    batch.triage(settings.triage);
    if let Some((_, baseline)) = &settings.baseline {
        batch.baseline(baseline);
    }
    let mut progress: Box<dyn Progress> = if args.quiet {
        Box::new(Silent)
    } else {
        Box::new(TerminalProgress::new())
    };
    if args.stdin {
        // Read on a thread of its own, which a lock on stdin could not be sent to.
        let summary = batch.stream(
            std::io::BufReader::new(std::io::stdin()),
            std::io::stdout().lock(),
            progress.as_mut(),
        )?;
        return Ok(finish(&summary, &args, None));
    }
    let mut pairs = find_pairs(&args)?;
    let shard = args.shard.unwrap_or(Shard::ALL);
    if args.list_pairs {
        pairs.retain_shard(shard);
        list_pairs(&pairs)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(out) = &args.out else {
        bail!("--out DIR is needed to write the results");
    };
    let mut output = OutputDir::new(out);
    output
        .shard(shard)
        .existing(existing(&args))
        .tmx(if args.tmx { Tmx::Write } else { Tmx::Skip })
        .tmx_flagged_units(if args.tmx_skip_findings {
            FlaggedUnits::Skip
        } else {
            FlaggedUnits::Mark
        })
        .csv(match args.format {
            BatchFormat::Csv => Csv::Write,
            BatchFormat::Jsonl => Csv::Skip,
        })
        .html(if args.html { Html::Write } else { Html::Skip });
    let summary = batch.write_dir(pairs, &output, progress.as_mut())?;
    if let Some(path) = &args.write_baseline {
        record_baseline(out, path, &args)?;
    }
    Ok(finish(&summary, &args, Some(out)))
}

/// `--jobs`, held to [`MAX_THREADS_PER_CORE`] threads per core, saying so when it is cut.
fn capped_jobs(requested: NonZeroUsize) -> NonZeroUsize {
    let cores = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    let cap = cores.saturating_mul(MAX_THREADS_PER_CORE);
    if requested <= cap {
        return requested;
    }
    eprintln!(
        "resalign: --jobs {requested} is more than {MAX_THREADS_PER_CORE} threads per core \
         ({cores} cores here); using {cap}"
    );
    cap
}

fn find_pairs(args: &BatchArgs) -> anyhow::Result<PairSet> {
    if let Some(manifest) = &args.manifest {
        return Ok(read_manifest(manifest)?);
    }
    let Some(root) = &args.input else {
        bail!("give a directory, --manifest FILE or --stdin");
    };
    let mut finder = PairFinder::new();
    if let Some(jobs) = args.jobs {
        finder.threads(jobs);
    }
    if let Some(out) = &args.out {
        finder.skip(out);
    }
    finder
        .find(root)
        .with_context(|| format!("finding pairs in {}", root.display()))
}

/// What `--write-baseline` needs of a line of `findings.jsonl`.
#[derive(Deserialize)]
struct FindingLine {
    pair: String,
    message: String,
    key: FindingKey,
}

/// Records every finding of the run's `findings.jsonl` in a corpus baseline.
fn record_baseline(out: &Path, path: &Path, args: &BatchArgs) -> anyhow::Result<()> {
    let findings = out.join("findings.jsonl");
    let text = std::fs::read_to_string(&findings)
        .with_context(|| format!("cannot read {}", findings.display()))?;
    let mut baseline = Baseline::new();
    for (number, line) in text.lines().enumerate() {
        let line: FindingLine = serde_json::from_str(line)
            .with_context(|| format!("{}, line {}", findings.display(), number + 1))?;
        let mut entry = BaselineEntry::new(Some(&line.pair), line.key);
        entry.message = Some(line.message);
        baseline.entries.push(entry);
    }
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    let recorded = write_baseline(path, baseline, overwrite)?;
    if !args.quiet {
        eprintln!(
            "{recorded} findings recorded in {}; `--baseline {}` now reports only new ones.",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

fn existing(args: &BatchArgs) -> Existing {
    match (args.resume, args.force) {
        (true, _) => Existing::Resume,
        (false, true) => Existing::Replace,
        (false, false) => Existing::Refuse,
    }
}

fn list_pairs(pairs: &PairSet) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "id\ten\tes")?;
    for pair in &pairs.pairs {
        writeln!(
            stdout,
            "{}\t{}\t{}",
            tsv_field(pair.id.as_bytes()),
            source_field(&pair.en),
            source_field(&pair.es)
        )?;
    }
    for unpaired in &pairs.unpaired {
        eprintln!(
            "unpaired: {}: {}",
            path_text(&unpaired.path),
            unpaired.reason
        );
    }
    eprintln!(
        "{} pairs, {} files unpaired",
        pairs.pairs.len(),
        pairs.unpaired.len()
    );
    Ok(())
}

/// A manifest field for a document: its path, escaped so that tabs, line breaks and names that
/// are not UTF-8 survive the round trip through `--manifest`.
fn source_field(source: &Source) -> String {
    match source {
        Source::Path(path) => tsv_field(path.as_os_str().as_encoded_bytes()),
        Source::Text(_) => tsv_field(source.to_string().as_bytes()),
    }
}

/// Prints the closing paragraph and gives the exit code the run deserves.
fn finish(summary: &Summary, args: &BatchArgs, out: Option<&PathBuf>) -> ExitCode {
    if !args.quiet {
        match out {
            Some(out) => eprintln!("{summary} Results in {}.", out.display()),
            None => eprintln!("{summary}"),
        }
    }
    if summary.failed > 0 {
        ExitCode::from(SOME_PAIRS_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}
