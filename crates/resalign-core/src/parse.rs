//! The parsing entry point: reads bytes, rejects what cannot be a resolution, detects the format
//! and the language, and hands the text to the right front-end.

use std::path::Path;

use crate::assemble::assemble;
use crate::detect::{detect_format, detect_language};
#[cfg(feature = "docx")]
use crate::docx;
use crate::error::{Error, ErrorKind};
use crate::model::{Document, Language, SourceFormat};
#[cfg(feature = "pdf")]
use crate::pdf;
use crate::{text, xml};

/// Parses resolutions. Format and language are detected unless set.
///
/// ```
/// use resalign_core::{Language, Parser};
///
/// let mut parser = Parser::new();
/// parser.language(Language::En);
/// let document = parser
///     .parse_str("The General Assembly,\n\nRecalling its resolution 64/293,\n\n1. Decides to act;\n")
///     .unwrap();
/// assert_eq!(document.units[0].id.as_str(), "pre.1");
/// assert_eq!(document.units[1].id.as_str(), "op.1");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Parser {
    language: Option<Language>,
    format: Option<SourceFormat>,
}

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Reads the input as this language instead of detecting it.
    pub fn language(&mut self, language: Language) -> &mut Parser {
        self.language = Some(language);
        self
    }

    /// Reads the input as this format instead of detecting it.
    pub fn format(&mut self, format: SourceFormat) -> &mut Parser {
        self.format = Some(format);
        self
    }

    /// Reads and parses a file; errors name the file.
    pub fn parse_path(&self, path: impl AsRef<Path>) -> Result<Document, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|error| Error::from(error).with_path(path))?;
        self.parse_bytes(&bytes)
            .map_err(|error| error.with_path(path))
    }

    /// Parses a PDF, a Word document, or bytes that should be UTF-8 text (a UTF-8 byte order
    /// mark is skipped).
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Document, Error> {
        match self.format.or_else(|| container_format(bytes)) {
            Some(SourceFormat::Pdf) => return self.parse_pdf(bytes),
            Some(SourceFormat::Docx) => return self.parse_docx(bytes),
            _ => {}
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        reject_binary(bytes)?;
        let text = std::str::from_utf8(bytes).map_err(|error| {
            Error::new(ErrorKind::NotUtf8 {
                offset: error.valid_up_to(),
            })
        })?;
        self.parse_text(text)
    }

    /// Parses text. Fails only on input that cannot be a resolution: empty, binary, or in a
    /// language other than English or Spanish.
    pub fn parse_str(&self, text: &str) -> Result<Document, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        reject_binary(text.as_bytes())?;
        self.parse_text(text)
    }

    #[cfg(feature = "pdf")]
    fn parse_pdf(&self, bytes: &[u8]) -> Result<Document, Error> {
        Ok(assemble(pdf::read(bytes, self.language)?))
    }

    #[cfg(not(feature = "pdf"))]
    fn parse_pdf(&self, _bytes: &[u8]) -> Result<Document, Error> {
        Err(Error::new(ErrorKind::FormatNotBuilt {
            format: SourceFormat::Pdf,
            feature: "pdf",
        }))
    }

    #[cfg(feature = "docx")]
    fn parse_docx(&self, bytes: &[u8]) -> Result<Document, Error> {
        Ok(assemble(docx::read(bytes, self.language)?))
    }

    #[cfg(not(feature = "docx"))]
    fn parse_docx(&self, _bytes: &[u8]) -> Result<Document, Error> {
        Err(Error::new(ErrorKind::FormatNotBuilt {
            format: SourceFormat::Docx,
            feature: "docx",
        }))
    }

    /// Parses text already known not to be binary.
    fn parse_text(&self, text: &str) -> Result<Document, Error> {
        if text.trim().is_empty() {
            return Err(Error::new(ErrorKind::Empty));
        }
        let format = self.format.unwrap_or_else(|| detect_format(text));
        let draft = match format {
            SourceFormat::AknXml => xml::read(text, self.language)?,
            SourceFormat::Pdf | SourceFormat::Docx => {
                return Err(Error::new(ErrorKind::Malformed {
                    format,
                    reason: "text given where a binary document was expected".to_string(),
                }));
            }
            SourceFormat::Markdown | SourceFormat::PlainText => {
                let (language, diagnostics) = match self.language {
                    Some(language) => (language, Vec::new()),
                    None => detect_language(text)?,
                };
                text::read(text, format, language, diagnostics)
            }
        };
        Ok(assemble(draft))
    }
}

/// A file format users pass by mistake (a PDF, a DOCX), or bytes that no text has.
fn reject_binary(bytes: &[u8]) -> Result<(), Error> {
    if let Some(format) = binary_signature(bytes) {
        return Err(Error::new(ErrorKind::Binary {
            offset: 0,
            format: Some(format),
        }));
    }
    match first_binary_byte(bytes) {
        Some(offset) => Err(Error::new(ErrorKind::Binary {
            offset,
            format: None,
        })),
        None => Ok(()),
    }
}

/// The binary document formats resalign reads, by their signatures: a PDF (which may have a
/// little junk before `%PDF-`) or a ZIP container, which the Word reader opens; the Word reader
/// also looks into an OLE compound file, which is how Word saves an encrypted document.
fn container_format(bytes: &[u8]) -> Option<SourceFormat> {
    const PDF_SIGNATURE_WINDOW: usize = 1024;
    const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    let head = &bytes[..bytes.len().min(PDF_SIGNATURE_WINDOW)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        Some(SourceFormat::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04")
        || (cfg!(feature = "docx") && bytes.starts_with(OLE_SIGNATURE))
    {
        Some(SourceFormat::Docx)
    } else {
        None
    }
}

/// Parses text with format and language detected.
pub fn parse(text: &str) -> Result<Document, Error> {
    Parser::new().parse_str(text)
}

/// Where binary data gives itself away: a NUL byte, or control bytes that text never has in
/// such numbers (a stray vertical tab from a word processor is fine; tabs, newlines and the
/// form feed pdftotext puts between pages are text).
fn first_binary_byte(bytes: &[u8]) -> Option<usize> {
    let is_control =
        |byte: &u8| *byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Some(offset);
    }
    let first = bytes.iter().position(is_control)?;
    let controls = bytes[first..]
        .iter()
        .filter(|byte| is_control(byte))
        .count();
    (controls > 8 && controls * 200 > bytes.len()).then_some(first)
}

/// The formats users most often pass by mistake, by their signatures.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 4] = [
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "ZIP (DOCX, ODT)"),
        (b"\xD0\xCF\x11\xE0", "Microsoft Office (DOC)"),
        (b"{\\rtf", "RTF"),
    ];
    SIGNATURES
        .iter()
        .find(|(signature, _)| bytes.starts_with(signature))
        .map(|(_, format)| *format)
}
