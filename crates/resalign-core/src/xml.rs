//! Front-end for AKN4UN XML.

use crate::assemble::Draft;
use crate::error::Error;
use crate::model::{Language, Metadata, SourceFormat};

pub(crate) fn read(text: &str, language: Option<Language>) -> Result<Draft, Error> {
    Ok(Draft {
        language: language.unwrap_or(Language::En),
        format: SourceFormat::AknXml,
        source: text.to_string(),
        metadata: Metadata::default(),
        blocks: Vec::new(),
        footnotes: Vec::new(),
        diagnostics: Vec::new(),
    })
}
