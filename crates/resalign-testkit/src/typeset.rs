//! Typesets AKN4UN files the way the UN prints them, through `../shared/tools/typeset_akn.py`
//! (LibreOffice, then poppler's `pdftotext`), into the four forms a translator holds: the PDF,
//! the Word document, and the two texts `pdftotext` makes of the PDF. Results are cached by
//! content, so a test or an example that asks again for the same documents typesets nothing.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One way a typeset resolution reaches a reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    Pdf,
    Docx,
    /// `pdftotext FILE.pdf`: reading order, no layout.
    PdfToText,
    /// `pdftotext -layout FILE.pdf`: columns and indents kept with spaces.
    PdfToTextLayout,
}

impl Form {
    pub const ALL: [Form; 4] = [
        Form::Pdf,
        Form::Docx,
        Form::PdfToText,
        Form::PdfToTextLayout,
    ];

    /// The extension the typesetting tool gives the form's file.
    pub fn extension(self) -> &'static str {
        match self {
            Form::Pdf => "pdf",
            Form::Docx => "docx",
            Form::PdfToText => "pdftxt",
            Form::PdfToTextLayout => "layout",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Form::Pdf => "PDF",
            Form::Docx => "DOCX",
            Form::PdfToText => "pdftotext",
            Form::PdfToTextLayout => "pdftotext -layout",
        }
    }
}

impl fmt::Display for Form {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// Why documents could not be typeset.
#[derive(Debug)]
pub enum TypesetError {
    /// A program the tool needs is not installed.
    MissingPrograms(Vec<&'static str>),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The tool ran but failed, or left forms out.
    Tool { status: String, stderr: String },
}

impl fmt::Display for TypesetError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypesetError::MissingPrograms(programs) => write!(
                formatter,
                "typesetting needs {} (Debian: libreoffice-writer-nogui, poppler-utils, \
                 fonts-liberation)",
                programs.join(", ")
            ),
            TypesetError::Io { path, error } => write!(formatter, "{}: {error}", path.display()),
            TypesetError::Tool { status, stderr } => {
                write!(formatter, "typeset_akn.py failed ({status}): {stderr}")
            }
        }
    }
}

impl std::error::Error for TypesetError {}

/// The typeset forms of one source, in the cache.
#[derive(Clone, Debug)]
pub struct Typeset {
    pub source: PathBuf,
    /// The cache path without extension: `FOLDER/NAME-HASH`.
    base: PathBuf,
}

impl Typeset {
    /// Where the form's file is.
    pub fn path(&self, form: Form) -> PathBuf {
        self.with_extension(form.extension())
    }

    /// The OpenDocument source the tool laid out, from which every form was made.
    pub fn source_document(&self) -> PathBuf {
        self.with_extension(SOURCE_EXTENSION)
    }

    fn with_extension(&self, extension: &str) -> PathBuf {
        let mut path = self.base.clone().into_os_string();
        path.push(".");
        path.push(extension);
        PathBuf::from(path)
    }

    /// The paragraphs the tool typeset, to tell the XML's units it printed from those it left
    /// out (it reads only the paragraph-like elements that carry an `eId`, and nothing of a
    /// `documentCollection`).
    pub fn printed(&self) -> std::io::Result<Printed> {
        let path = self.source_document();
        let document = std::fs::read_to_string(&path)?;
        Ok(Printed::of_document(&document))
    }

    /// Whether every form was made.
    fn is_complete(&self) -> bool {
        Form::ALL.iter().all(|&form| self.path(form).is_file()) && self.source_document().is_file()
    }
}

/// The extension of the OpenDocument file the tool writes before converting it.
const SOURCE_EXTENSION: &str = "fodt";

/// The text of the paragraphs of a typeset document, footnotes left out, white space collapsed,
/// one paragraph a line.
#[derive(Clone, Debug, Default)]
pub struct Printed {
    text: String,
}

impl Printed {
    /// Reads the paragraphs of flat OpenDocument text (`.fodt`).
    pub fn of_document(document: &str) -> Printed {
        let body = document
            .split_once("<office:text>")
            .map_or("", |(_, body)| body);
        let body = without_notes(body);
        let mut text = String::with_capacity(body.len());
        for paragraph in body.split("</text:p>") {
            let Some(start) = paragraph.rfind("<text:p") else {
                continue;
            };
            let line = inline_text(&paragraph[start..]);
            text.push_str(&line);
            text.push('\n');
        }
        Printed { text }
    }

    /// Whether some paragraph holds `unit_text` (white space collapsed, non-breaking hyphens as
    /// hyphens, as the typeset text has them).
    pub fn holds(&self, unit_text: &str) -> bool {
        let wanted = collapse(&unit_text.replace('\u{2011}', "-"));
        if wanted.is_empty() {
            return false;
        }
        // One word (`I`, `B`: a section's label) is in any page: only a paragraph of its own
        // prints it.
        if !wanted.contains(' ') {
            return self.text.lines().any(|line| line == wanted);
        }
        self.text.contains(&wanted)
    }
}

/// Markup with the footnotes (`<text:note>…</text:note>`) taken out.
fn without_notes(markup: &str) -> String {
    let mut kept = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(start) = rest.find("<text:note ") {
        kept.push_str(&rest[..start]);
        match rest[start..].find("</text:note>") {
            Some(end) => rest = &rest[start + end + "</text:note>".len()..],
            None => {
                rest = "";
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// The text of inline markup: tags dropped (tabs and line breaks as spaces), entities decoded,
/// white space collapsed.
fn inline_text(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |end| start + end + 1);
        let tag = &rest[start..end];
        if tag.starts_with("<text:tab")
            || tag.starts_with("<text:line-break")
            || tag.starts_with("<text:s")
        {
            text.push(' ');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    // Direction marks and zero-width spaces are no text (the XML reader drops them too).
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'))
        .collect();
    let decoded = text
        .replace('\u{2011}', "-")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    collapse(&decoded)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs the typesetting tool over AKN4UN files, with a cache folder.
#[derive(Clone, Debug)]
pub struct Typesetter {
    tool: PathBuf,
    cache: PathBuf,
}

/// Programs the tool runs.
const PROGRAMS: [&str; 3] = ["python3", "soffice", "pdftotext"];

impl Typesetter {
    /// A typesetter running `tool` (`typeset_akn.py`) that keeps its results in `cache`.
    pub fn new(tool: impl Into<PathBuf>, cache: impl Into<PathBuf>) -> Typesetter {
        Typesetter {
            tool: tool.into(),
            cache: cache.into(),
        }
    }

    /// The tool of `../shared/tools/` beside the corpus folder `corpus` (`../shared/corpus/unxml`).
    pub fn beside_corpus(corpus: &Path, cache: impl Into<PathBuf>) -> Typesetter {
        let tool = corpus.join("../../tools/typeset_akn.py");
        Typesetter::new(tool, cache)
    }

    /// The programs typesetting needs that are not on the `PATH`.
    pub fn missing_programs() -> Vec<&'static str> {
        PROGRAMS
            .into_iter()
            .filter(|program| !on_path(program))
            .collect()
    }

    /// Typesets the sources not already in the cache, and returns every source's forms, in the
    /// order given.
    pub fn typeset(&self, sources: &[PathBuf]) -> Result<Vec<Typeset>, TypesetError> {
        let tool = std::fs::read(&self.tool).map_err(|error| TypesetError::Io {
            path: self.tool.clone(),
            error,
        })?;
        // Another version of the tool typesets differently: it gets a folder of its own.
        let folder = self.cache.join(format!("tool-{:016x}", fnv1a(&tool)));
        let mut typeset = Vec::with_capacity(sources.len());
        let mut missing = Vec::new();
        for source in sources {
            let bytes = std::fs::read(source).map_err(|error| TypesetError::Io {
                path: source.clone(),
                error,
            })?;
            let name = format!("{}-{:016x}", safe_stem(source), fnv1a(&bytes));
            let entry = Typeset {
                source: source.clone(),
                base: folder.join(&name),
            };
            if !entry.is_complete() {
                missing.push((name, bytes));
            }
            typeset.push(entry);
        }
        if !missing.is_empty() {
            self.run(&folder, &missing)?;
        }
        let incomplete: Vec<String> = typeset
            .iter()
            .filter(|entry| !entry.is_complete())
            .map(|entry| entry.source.display().to_string())
            .collect();
        if !incomplete.is_empty() {
            return Err(TypesetError::Tool {
                status: "some forms were not made".to_string(),
                stderr: incomplete.join(", "),
            });
        }
        Ok(typeset)
    }

    /// Typesets `(name, xml)` documents in a scratch folder, then moves the results into
    /// `folder`, so that an interrupted run never leaves half a document in the cache.
    fn run(&self, folder: &Path, documents: &[(String, Vec<u8>)]) -> Result<(), TypesetError> {
        let missing = Typesetter::missing_programs();
        if !missing.is_empty() {
            return Err(TypesetError::MissingPrograms(missing));
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |error| TypesetError::Io { path, error }
        };
        std::fs::create_dir_all(folder).map_err(io(folder))?;
        let scratch = folder.join(format!(".scratch-{}", std::process::id()));
        std::fs::create_dir_all(&scratch).map_err(io(&scratch))?;
        let mut inputs = Vec::with_capacity(documents.len());
        for (name, bytes) in documents {
            let input = scratch.join(format!("{name}.xml"));
            std::fs::write(&input, bytes).map_err(io(&input))?;
            inputs.push(input);
        }
        let output = Command::new("python3")
            .arg(&self.tool)
            .args(&inputs)
            .arg("--out")
            .arg(&scratch)
            .output()
            .map_err(io(&self.tool))?;
        if !output.status.success() {
            let _ = std::fs::remove_dir_all(&scratch);
            return Err(TypesetError::Tool {
                status: output.status.to_string(),
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            });
        }
        for (name, _) in documents {
            let extensions = Form::ALL
                .iter()
                .map(|form| form.extension())
                .chain([SOURCE_EXTENSION]);
            for extension in extensions {
                let file = format!("{name}.{extension}");
                let made = scratch.join(&file);
                if made.is_file() {
                    std::fs::rename(&made, folder.join(&file)).map_err(io(&made))?;
                }
            }
        }
        std::fs::remove_dir_all(&scratch).map_err(io(&scratch))
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|folder| folder.join(program).is_file())
    })
}

/// The file name without `.xml`, reduced to characters every tool takes in a file name.
fn safe_stem(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy())
        .unwrap_or_default();
    stem.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// FNV-1a, 64 bits: a content key that is the same on every machine and Rust version.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
