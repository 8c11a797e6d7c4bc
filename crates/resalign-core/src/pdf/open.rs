//! Opens a PDF with lopdf and reads every page's glyphs, turning what cannot be read into the
//! error a user can act on: encrypted, truncated or corrupt, too large, or a scan with no text.

use lopdf::xref::XrefRecovery;
use lopdf::{Document, LoadOptions};

use super::budget::{Budget, LIMIT, OverBudget};
use super::interpret::{FontCache, Page, run_page};
use crate::error::{Error, ErrorKind};
use crate::model::SourceFormat;

/// Every page of the document, as drawn.
pub(super) fn pages(bytes: &[u8]) -> Result<Vec<Page>, Error> {
    let document = load(bytes)?;
    let page_ids: Vec<_> = document.page_iter().collect();
    if page_ids.is_empty() {
        return Err(malformed("it has no pages".to_string()));
    }
    let mut budget = Budget::new();
    let mut fonts = FontCache::default();
    let mut pages = Vec::with_capacity(page_ids.len());
    for page_id in page_ids {
        pages.push(run_page(&document, page_id, &mut fonts, &mut budget).map_err(too_large)?);
    }
    let has_text = pages.iter().any(|page| {
        page.glyphs
            .iter()
            .any(|glyph| page.glyph_text(glyph).chars().any(char::is_alphanumeric))
    });
    if !has_text {
        return Err(Error::new(ErrorKind::NoTextLayer { pages: pages.len() }));
    }
    Ok(pages)
}

fn load(bytes: &[u8]) -> Result<Document, Error> {
    let options = LoadOptions {
        max_decompressed_size: Some(LIMIT),
        ..LoadOptions::default()
    };
    let document =
        Document::load_mem_with_options(bytes, options).map_err(|error| match error {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                too_large(OverBudget)
            }
            lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => encrypted(),
            other => malformed(describe(&other)),
        })?;
    // A file whose cross-reference table had to be rebuilt by scanning it is truncated or
    // corrupt: what lopdf recovers from it may miss pages or text, and a partial resolution
    // would give false findings. (A table merely found a few bytes off is read as usual.)
    if document.xref_recovery == Some(XrefRecovery::Reconstructed) {
        return Err(malformed(
            "it is truncated or corrupt (its cross-reference table is damaged)".to_string(),
        ));
    }
    // lopdf opens a document protected by an owner password only (anyone may read it); one
    // that needs a user password to be read stays encrypted.
    if document.trailer.get(b"Encrypt").is_ok() && document.authenticate_password("").is_err() {
        return Err(encrypted());
    }
    Ok(document)
}

fn describe(error: &lopdf::Error) -> String {
    match error {
        lopdf::Error::Parse(_) | lopdf::Error::InvalidOffset(_) => {
            "it is truncated or corrupt (its objects do not parse)".to_string()
        }
        lopdf::Error::Xref(_) => {
            "it is truncated or corrupt (no cross-reference table could be read)".to_string()
        }
        other => format!("it is truncated or corrupt ({other})"),
    }
}

fn malformed(reason: String) -> Error {
    Error::new(ErrorKind::Malformed {
        format: SourceFormat::Pdf,
        reason,
    })
}

fn encrypted() -> Error {
    Error::new(ErrorKind::Encrypted {
        format: SourceFormat::Pdf,
    })
}

fn too_large(_: OverBudget) -> Error {
    Error::new(ErrorKind::TooLarge {
        format: SourceFormat::Pdf,
        limit: LIMIT as u64,
    })
}
