//! `resalign align` and `resalign check`: parse an English and a Spanish file, align them, check
//! the pair, and write the result in the format asked for, showing the findings the project's
//! settings and the command line choose.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use resalign_align::{Alignment, Baseline, Finding, align};
use resalign_core::{Diagnostic, DiagnosticCode, Document, Language, Parser, Severity};
use resalign_export::csv::write_findings_csv;
use resalign_export::html::PairReport;
use resalign_export::report::Report;
use resalign_export::terminal::{AlignmentView, CheckView};
use resalign_export::tmx::{FlaggedUnits, TmxWriterBuilder};
use resalign_export::tsv::write_tsv;
use resalign_export::xliff::XliffWriterBuilder;
use resalign_export::xlsx::XlsxReport;

use crate::output::{Output, Overwrite, ignore_broken_pipe};
use crate::settings::{FindingArgs, FindingSettings, write_baseline};
use crate::{InputFormatArg, Outcome};

/// The two versions of one resolution.
#[derive(Args)]
pub struct PairArgs {
    /// The English version (markdown, pdftotext output or AKN4UN XML).
    pub en_file: PathBuf,
    /// The Spanish version.
    pub es_file: PathBuf,
    /// Input format of both files (detected when absent).
    #[arg(long = "input-format", value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Replace the output file (or the --write-baseline file) if it exists.
    #[arg(long)]
    pub force: bool,
    /// Language tag of the English side in TMX and XLIFF (`en`, `en-US`).
    #[arg(long, default_value = "en")]
    pub en_tag: String,
    /// Language tag of the Spanish side in TMX and XLIFF (`es`, `es-ES`, `es-419`).
    #[arg(long, default_value = "es")]
    pub es_tag: String,
}

/// `resalign align`.
#[derive(Args)]
pub struct AlignArgs {
    #[command(flatten)]
    pub pair: PairArgs,
    /// What to write.
    #[arg(long, value_enum, default_value_t = AlignFormat::Json)]
    pub format: AlignFormat,
    /// With --format tmx: leave out the translation units a finding is about, instead of
    /// marking them with a x-resalign-findings prop.
    #[arg(long)]
    pub tmx_skip_findings: bool,
    #[command(flatten)]
    pub findings: FindingArgs,
}

/// `resalign check`.
#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub pair: PairArgs,
    /// What to write.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Record the findings shown in this baseline file instead of reporting them; later runs
    /// with --baseline FILE report only new ones.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "output"])]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub findings: FindingArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AlignFormat {
    /// The report: both documents' metadata, links with scores and evidence, and the findings.
    Json,
    /// One link per line: ids, score, English text, Spanish text.
    Tsv,
    /// TMX 1.4b, one translation unit per link, for translation memories.
    Tmx,
    /// XLIFF 2.0, one unit per link, for bilingual review.
    Xliff,
    /// A self-contained side-by-side HTML page, findings marked.
    Html,
    /// A readable table of the links.
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CheckFormat {
    /// The findings grouped by severity, with excerpts.
    Text,
    /// The report with the findings.
    Json,
    /// A self-contained side-by-side HTML page with the findings marked.
    Html,
    /// XLIFF 2.0 with the findings as notes.
    Xliff,
    /// One row per finding, for spreadsheets (UTF-8 with BOM, as Excel expects).
    Csv,
    /// An Excel workbook: the findings, and the paragraphs side by side with the differing
    /// anchors in bold red. Needs -o FILE on a terminal.
    Xlsx,
}

/// A parsed, aligned and checked pair.
struct Pair {
    en: Document,
    es: Document,
    alignment: Alignment,
}

impl Pair {
    fn load(args: &PairArgs) -> anyhow::Result<Pair> {
        let en = parse_as(&args.en_file, Language::En, args.input_format)?;
        let es = parse_as(&args.es_file, Language::Es, args.input_format)?;
        let alignment = align(&en, &es).context("cannot align the pair")?;
        Ok(Pair { en, es, alignment })
    }
}

/// Parses a file that the command line says is in `expected`. A weak guess of the language
/// yields to the command line; a confident one that disagrees is an error, since the files were
/// probably given in the wrong order.
fn parse_as(
    path: &Path,
    expected: Language,
    format: Option<InputFormatArg>,
) -> anyhow::Result<Document> {
    let mut parser = Parser::new();
    if let Some(format) = format {
        parser.format(format.into());
    }
    let document = parser.parse_path(path)?;
    if document.language == expected {
        return Ok(document);
    }
    let guessed_weakly = document
        .diagnostics
        .iter()
        .any(|diagnostic: &Diagnostic| diagnostic.code == DiagnosticCode::LanguageUncertain);
    if guessed_weakly {
        return Ok(parser.language(expected).parse_path(path)?);
    }
    bail!(
        "{}: this document is in {}, but it was given as the {} version (English first, then Spanish)",
        path.display(),
        language_name(document.language),
        language_name(expected)
    )
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::Es => "Spanish",
    }
}

fn overwrite(args: &PairArgs) -> Overwrite {
    if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    }
}

fn output(args: &PairArgs) -> Output {
    Output::new(args.output.clone(), overwrite(args))
}

/// The findings to show: the checks', triaged, less those the baseline has; and how many the
/// baseline left out.
fn shown_findings(pair: &Pair, settings: &FindingSettings) -> (Vec<Finding>, usize) {
    let Pair { en, es, alignment } = pair;
    let findings = settings
        .triage
        .apply(settings.checker.check(en, es, alignment));
    match &settings.baseline {
        Some((_, baseline)) => {
            let sorted = baseline.index().sort(None, findings, en, es);
            (sorted.new, sorted.known.len())
        }
        None => (findings, 0),
    }
}

pub fn run_align(args: &AlignArgs) -> anyhow::Result<Outcome> {
    let settings = args.findings.settings(false)?;
    let pair = Pair::load(&args.pair)?;
    let output = output(&args.pair);
    let styling = output.styling();
    let format = args.format;
    // The report, the page a reviser opens and the memory carry the findings too; the files for
    // review tools (TSV, XLIFF states) are about the links.
    let findings = match format {
        AlignFormat::Json | AlignFormat::Html | AlignFormat::Tmx => {
            shown_findings(&pair, &settings).0
        }
        AlignFormat::Tsv | AlignFormat::Xliff | AlignFormat::Text => Vec::new(),
    };
    let Pair { en, es, alignment } = &pair;
    output.write_with(|mut out| {
        match format {
            AlignFormat::Json => {
                Report::checked(en, es, alignment, &findings).write_json(&mut out)?
            }
            AlignFormat::Tsv => write_tsv(&mut out, en, es, alignment)?,
            AlignFormat::Tmx => write_tmx(out, args, &pair, &findings)?,
            AlignFormat::Xliff => write_xliff(out, &args.pair, &pair, &[])?,
            AlignFormat::Html => PairReport::new(en, es, alignment)
                .findings(&findings)
                .write(&mut out)?,
            AlignFormat::Text => {
                let mut view = AlignmentView::new(en, es, alignment);
                view.styling(styling);
                write!(out, "{view}").or_else(ignore_broken_pipe)?;
            }
        }
        Ok(())
    })?;
    Ok(Outcome::Done)
}

pub fn run_check(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let settings = args.findings.settings(args.write_baseline.is_some())?;
    let pair = Pair::load(&args.pair)?;
    let (findings, known) = shown_findings(&pair, &settings);
    if let Some(path) = &args.write_baseline {
        return record_baseline(path, &pair, &findings, overwrite(&args.pair));
    }
    let output = output(&args.pair);
    if matches!(args.format, CheckFormat::Xlsx)
        && matches!(output, Output::Stdout)
        && std::io::stdout().is_terminal()
    {
        bail!("an .xlsx workbook is not for a terminal: give -o FILE.xlsx");
    }
    let styling = output.styling();
    let Pair { en, es, alignment } = &pair;
    let name = pair_name(&args.pair, en, es);
    output.write_with(|mut out| {
        match args.format {
            CheckFormat::Text => {
                let mut view = CheckView::new(en, es, alignment, &findings);
                view.styling(styling).known_findings(known);
                write!(out, "{view}").or_else(ignore_broken_pipe)?;
            }
            CheckFormat::Json => {
                Report::checked(en, es, alignment, &findings).write_json(&mut out)?
            }
            CheckFormat::Html => PairReport::new(en, es, alignment)
                .findings(&findings)
                .write(&mut out)?,
            CheckFormat::Xliff => write_xliff(out, &args.pair, &pair, &findings)?,
            CheckFormat::Csv => write_findings_csv(&mut out, &name, en, es, &findings)?,
            CheckFormat::Xlsx => XlsxReport::new(en, es, alignment, &findings)
                .pair(name.as_str())
                .write(&mut out)?,
        }
        Ok(())
    })?;
    let has_errors = findings
        .iter()
        .any(|finding: &Finding| finding.severity == Severity::Error);
    Ok(if has_errors {
        Outcome::ErrorsFound
    } else {
        Outcome::Done
    })
}

/// `check --write-baseline`: the findings shown, recorded as accepted.
fn record_baseline(
    path: &Path,
    pair: &Pair,
    findings: &[Finding],
    overwrite: Overwrite,
) -> anyhow::Result<Outcome> {
    let mut baseline = Baseline::new();
    for finding in findings {
        baseline.accept(None, finding, &pair.en, &pair.es);
    }
    let recorded = write_baseline(path, baseline, overwrite)?;
    eprintln!(
        "resalign: {recorded} findings recorded in {}; `--baseline {}` now reports only new ones",
        path.display(),
        path.display()
    );
    Ok(Outcome::Done)
}

/// What the first column of a spreadsheet calls the pair: its symbol, else the English file's
/// name.
fn pair_name(args: &PairArgs, en: &Document, es: &Document) -> String {
    let symbol = |document: &Document| {
        document
            .metadata
            .symbol
            .as_ref()
            .map(|symbol| symbol.value.clone())
    };
    symbol(en).or_else(|| symbol(es)).unwrap_or_else(|| {
        args.en_file
            .file_stem()
            .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned())
    })
}

fn write_tmx(
    out: &mut dyn Write,
    args: &AlignArgs,
    pair: &Pair,
    findings: &[Finding],
) -> anyhow::Result<()> {
    let flagged = if args.tmx_skip_findings {
        FlaggedUnits::Skip
    } else {
        FlaggedUnits::Mark
    };
    let mut writer = TmxWriterBuilder::new()
        .english_tag(&args.pair.en_tag)
        .spanish_tag(&args.pair.es_tag)
        .flagged_units(flagged)
        .build(out)?;
    writer.add_checked_pair(&pair.en, &pair.es, &pair.alignment, findings)?;
    writer.finish()?;
    Ok(())
}

fn write_xliff(
    out: &mut dyn Write,
    args: &PairArgs,
    pair: &Pair,
    findings: &[Finding],
) -> anyhow::Result<()> {
    let mut writer = XliffWriterBuilder::new()
        .english_tag(&args.en_tag)
        .spanish_tag(&args.es_tag)
        .build(out)?;
    writer.add_pair(&pair.en, &pair.es, &pair.alignment, findings)?;
    writer.finish()?;
    Ok(())
}
