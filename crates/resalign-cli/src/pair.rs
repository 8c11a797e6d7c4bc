//! `resalign align` and `resalign check`: parse an English and a Spanish file, align them, check
//! the pair, and write the result in the format asked for.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use resalign_align::{Alignment, Finding, align, check};
use resalign_core::{Diagnostic, DiagnosticCode, Document, Language, Parser, Severity};
use resalign_export::html::PairReport;
use resalign_export::report::Report;
use resalign_export::terminal::{AlignmentView, CheckView};
use resalign_export::tmx::TmxWriterBuilder;
use resalign_export::tsv::write_tsv;
use resalign_export::xliff::XliffWriterBuilder;

use crate::output::{Output, Overwrite, ignore_broken_pipe};
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
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Language tag of the English side in TMX and XLIFF (`en`, `en-US`).
    #[arg(long, default_value = "en")]
    pub en_tag: String,
    /// Language tag of the Spanish side in TMX and XLIFF (`es`, `es-ES`, `es-419`).
    #[arg(long, default_value = "es")]
    pub es_tag: String,
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

fn output(args: &PairArgs) -> Output {
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    Output::new(args.output.clone(), overwrite)
}

pub fn run_align(args: &PairArgs, format: AlignFormat) -> anyhow::Result<Outcome> {
    let pair = Pair::load(args)?;
    let output = output(args);
    let styling = output.styling();
    let Pair { en, es, alignment } = &pair;
    // The report and the page a reviser opens carry the findings too; the files for tools
    // (TSV, TMX, XLIFF states) are about the links.
    let findings = match format {
        AlignFormat::Json | AlignFormat::Html => check(en, es, alignment),
        AlignFormat::Tsv | AlignFormat::Tmx | AlignFormat::Xliff | AlignFormat::Text => Vec::new(),
    };
    output.write_with(|mut out| {
        match format {
            AlignFormat::Json => {
                Report::checked(en, es, alignment, &findings).write_json(&mut out)?
            }
            AlignFormat::Tsv => write_tsv(&mut out, en, es, alignment)?,
            AlignFormat::Tmx => write_tmx(out, args, &pair)?,
            AlignFormat::Xliff => write_xliff(out, args, &pair, &[])?,
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

pub fn run_check(args: &PairArgs, format: CheckFormat) -> anyhow::Result<Outcome> {
    let pair = Pair::load(args)?;
    let findings = check(&pair.en, &pair.es, &pair.alignment);
    let output = output(args);
    let styling = output.styling();
    let Pair { en, es, alignment } = &pair;
    output.write_with(|mut out| {
        match format {
            CheckFormat::Text => {
                let mut view = CheckView::new(en, es, alignment, &findings);
                view.styling(styling);
                write!(out, "{view}").or_else(ignore_broken_pipe)?;
            }
            CheckFormat::Json => {
                Report::checked(en, es, alignment, &findings).write_json(&mut out)?
            }
            CheckFormat::Html => PairReport::new(en, es, alignment)
                .findings(&findings)
                .write(&mut out)?,
            CheckFormat::Xliff => write_xliff(out, args, &pair, &findings)?,
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

fn write_tmx(out: &mut dyn Write, args: &PairArgs, pair: &Pair) -> anyhow::Result<()> {
    let mut writer = TmxWriterBuilder::new()
        .english_tag(&args.en_tag)
        .spanish_tag(&args.es_tag)
        .build(out)?;
    writer.add_pair(&pair.en, &pair.es, &pair.alignment)?;
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
