//! The `resalign` binary: parse, align and check English and Spanish UN resolutions.

mod batch;
mod outline;
mod output;
mod pair;
mod settings;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser as ClapParser, Subcommand, ValueEnum};
use resalign_core::{Language, Parser, SourceFormat};

use output::{Output, Overwrite};
use pair::{AlignArgs, CheckArgs};

#[derive(ClapParser)]
#[command(
    name = "resalign",
    version,
    about = "Parse, align and check English and Spanish UN resolutions",
    after_help = "Exit status: 0 when done (for `check`: no finding of error severity shown), \
                  1 when `check` shows errors, 2 for input that cannot be read as a resolution. \
                  Settings are read from ./resalign.toml when there is one (see --config)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse one resolution and print its document model.
    Parse {
        /// The resolution: markdown, pdftotext output or AKN4UN XML.
        file: PathBuf,
        /// Language of the document (detected when absent).
        #[arg(long, value_enum)]
        lang: Option<LanguageArg>,
        /// Input format (detected when absent).
        #[arg(long = "input-format", value_enum)]
        input_format: Option<InputFormatArg>,
        /// Output: the model as JSON, or a readable outline.
        #[arg(long, value_enum, default_value_t = ParseOutput::Text)]
        format: ParseOutput,
    },
    /// Align the English and Spanish versions of a resolution paragraph by paragraph.
    Align(AlignArgs),
    /// Align a pair and report what a reviser should look at.
    Check(CheckArgs),
    /// Align every English/Spanish pair of a corpus: a directory tree, a manifest, or --stdin.
    Batch(batch::BatchArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum LanguageArg {
    En,
    Es,
}

impl From<LanguageArg> for Language {
    fn from(language: LanguageArg) -> Language {
        match language {
            LanguageArg::En => Language::En,
            LanguageArg::Es => Language::Es,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    /// Markdown converted from PDF, as the seeds.
    Markdown,
    /// Plain text as `pdftotext` gives it.
    Text,
    /// AKN4UN XML.
    Xml,
}

impl From<InputFormatArg> for SourceFormat {
    fn from(format: InputFormatArg) -> SourceFormat {
        match format {
            InputFormatArg::Markdown => SourceFormat::Markdown,
            InputFormatArg::Text => SourceFormat::PlainText,
            InputFormatArg::Xml => SourceFormat::AknXml,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ParseOutput {
    Json,
    Text,
}

/// How a command that ran to the end went.
enum Outcome {
    Done,
    /// `check` found something of error severity.
    ErrorsFound,
    /// `batch` decides its own exit status (some pair failed, or the run could not start).
    Exit(ExitCode),
}

const ERRORS_FOUND: u8 = 1;
/// Input that cannot be read as a resolution, or a command line that makes no sense.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::ErrorsFound) => ExitCode::from(ERRORS_FOUND),
        Ok(Outcome::Exit(code)) => code,
        // A reader that stopped early (`| head`) is not a failure.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("resalign: {error:#}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Parse {
            file,
            lang,
            input_format,
            format,
        } => parse(&file, lang, input_format, format),
        Command::Align(args) => pair::run_align(&args),
        Command::Check(args) => pair::run_check(&args),
        Command::Batch(args) => batch::run(args).map(Outcome::Exit),
    }
}

fn parse(
    file: &PathBuf,
    lang: Option<LanguageArg>,
    input_format: Option<InputFormatArg>,
    format: ParseOutput,
) -> anyhow::Result<Outcome> {
    let mut parser = Parser::new();
    if let Some(lang) = lang {
        parser.language(lang.into());
    }
    if let Some(format) = input_format {
        parser.format(format.into());
    }
    let document = parser.parse_path(file)?;
    Output::new(None, Overwrite::Refuse).write_with(|out| {
        match format {
            ParseOutput::Json => {
                serde_json::to_writer_pretty(&mut *out, &document)?;
                writeln!(out)?;
            }
            ParseOutput::Text => outline::write(out, &document)?,
        }
        Ok(())
    })?;
    Ok(Outcome::Done)
}
