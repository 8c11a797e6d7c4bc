//! The DOCX front-end: Word 2007+ documents read from their markup.
//!
//! The package is opened (refusing what is not a Word document, macro-enabled documents,
//! encrypted files and decompression bombs), the main document and its footnotes are read as
//! they print with tracked changes accepted, paragraph numbers are generated as Word does, and
//! the shared layout walk does the rest. The markup says where every paragraph starts, so
//! nothing is joined by guessing.

mod document;
mod markup;
mod numbering;
mod ole;
mod package;
mod printed;
mod styles;

use crate::assemble::Draft;
use crate::detect::detect_language;
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::error::{Error, ErrorKind};
use crate::layout::{self, Boundaries, Layout};
use crate::model::{Language, SourceFormat};

use numbering::Numbering;
use styles::Styles;

/// Reads a Word document (or the OLE container Word encrypts one in) into a draft.
pub(crate) fn read(bytes: &[u8], language: Option<Language>) -> Result<Draft, Error> {
    if bytes.starts_with(ole::SIGNATURE) {
        return Err(ole::refuse(bytes));
    }
    let parts = package::read_parts(bytes)?;
    let styles = parts
        .styles
        .as_deref()
        .map(Styles::read)
        .unwrap_or_default();
    let numbering = parts
        .numbering
        .as_deref()
        .map(Numbering::read)
        .unwrap_or_default();
    let body = document::read(&parts.document, &styles);
    let notes = parts
        .footnotes
        .as_deref()
        .map(|xml| document::read(xml, &styles));
    let mut diagnostics = Vec::new();
    for (part, broken_at) in [
        ("document", body.broken_at),
        (
            "footnotes",
            notes.as_ref().and_then(|notes| notes.broken_at),
        ),
    ] {
        if let Some(offset) = broken_at {
            diagnostics.push(Diagnostic::new(
                DiagnosticCode::MalformedXml,
                Severity::Warning,
                format!(
                    "the {part} part stops being well-formed XML at byte {offset}; what follows was left out"
                ),
            ));
        }
    }
    let footnotes = notes.map(|notes| notes.footnotes).unwrap_or_default();
    let footnote_start = parts.settings.as_deref().map_or(1, settings_footnote_start);
    let printed = printed::print(body.blocks, &footnotes, &styles, numbering, footnote_start);
    if printed.source.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    diagnostics.extend(printed.diagnostics);
    let language = match language {
        Some(language) => language,
        None => {
            let (language, found) = detect_language(&printed.source)?;
            diagnostics.extend(found);
            language
        }
    };
    Ok(layout::walk(Layout {
        language,
        format: SourceFormat::Docx,
        source: printed.source,
        pieces: printed.pieces,
        entries: printed.entries,
        boundaries: Boundaries::Known,
        diagnostics,
    }))
}

/// The number of the first footnote (`w:footnotePr/w:numStart` in the settings), 1 by default.
fn settings_footnote_start(xml: &str) -> u32 {
    use markup::{Ns, Pass, Token};
    let mut pass = Pass::new(xml);
    let mut in_footnote_properties = false;
    loop {
        match pass.next_token() {
            Token::Start(Ns::Word, element) if element.local_name().as_ref() == "footnotePr" => {
                in_footnote_properties = true;
            }
            Token::End(Ns::Word, element) if element.local_name().as_ref() == "footnotePr" => {
                in_footnote_properties = false;
            }
            Token::Empty(Ns::Word, element)
                if in_footnote_properties && element.local_name().as_ref() == "numStart" =>
            {
                return markup::number_attribute(&element, "val")
                    .and_then(|start| u32::try_from(start).ok())
                    .unwrap_or(1);
            }
            Token::Eof | Token::Broken(_) => return 1,
            _ => {}
        }
    }
}
