//! The DOCX front-end (in progress on its own branch).

use crate::assemble::Draft;
use crate::error::{Error, ErrorKind};
use crate::model::{Language, SourceFormat};

pub(crate) fn read(_bytes: &[u8], _language: Option<Language>) -> Result<Draft, Error> {
    Err(Error::new(ErrorKind::FormatNotBuilt {
        format: SourceFormat::Docx,
        feature: "docx",
    }))
}
