//! The `resalign` binary: parse, align and check English and Spanish UN resolutions.

mod outline;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser as ClapParser, Subcommand, ValueEnum};
use resalign_core::{Document, Language, Parser, SourceFormat};

#[derive(ClapParser)]
#[command(name = "resalign", version, about = "Parse, align and check English and Spanish UN resolutions")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse one resolution and print its document model.
    Parse {
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
    Markdown,
    Text,
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

/// Exit code for input that cannot be read as a resolution.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("resalign: {error:#}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse {
            file,
            lang,
            input_format,
            format,
        } => {
            let document = parse_file(&file, lang, input_format)?;
            let mut stdout = std::io::stdout().lock();
            match format {
                ParseOutput::Json => {
                    serde_json::to_writer_pretty(&mut stdout, &document)?;
                    writeln!(stdout)?;
                }
                ParseOutput::Text => outline::write(&mut stdout, &document)?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_file(
    file: &PathBuf,
    lang: Option<LanguageArg>,
    input_format: Option<InputFormatArg>,
) -> anyhow::Result<Document> {
    let mut parser = Parser::new();
    if let Some(lang) = lang {
        parser.language(lang.into());
    }
    if let Some(format) = input_format {
        parser.format(format.into());
    }
    Ok(parser.parse_path(file)?)
}
