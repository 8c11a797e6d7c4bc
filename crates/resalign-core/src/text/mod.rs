//! Front-end for text converted from PDF: markdown (as in the seeds) and plain `pdftotext` output.

use crate::assemble::Draft;
use crate::diagnostics::Diagnostic;
use crate::model::{Language, Metadata, SourceFormat};

pub(crate) fn read(
    text: &str,
    format: SourceFormat,
    language: Language,
    diagnostics: Vec<Diagnostic>,
) -> Draft {
    Draft {
        language,
        format,
        source: text.to_string(),
        metadata: Metadata::default(),
        blocks: Vec::new(),
        footnotes: Vec::new(),
        diagnostics,
    }
}
