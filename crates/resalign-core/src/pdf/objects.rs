//! Reading lopdf objects leniently: references followed a bounded number of times, numbers of
//! either type, a missing or mistyped entry read as absent rather than as an error.

use lopdf::{Dictionary, Document, Object, Stream};

use super::budget::{Budget, OverBudget};

/// A chain of references longer than this is a loop.
const MAX_REFERENCES: usize = 16;

pub(super) fn resolve<'a>(document: &'a Document, mut object: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_REFERENCES {
        match object {
            Object::Reference(id) => object = document.get_object(*id).ok()?,
            _ => return Some(object),
        }
    }
    None
}

pub(super) fn get<'a>(
    document: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    resolve(document, dict.get(key).ok()?)
}

pub(super) fn dict<'a>(
    document: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match get(document, dict, key)? {
        Object::Dictionary(found) => Some(found),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    }
}

pub(super) fn stream<'a>(
    document: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Stream> {
    get(document, dict, key)?.as_stream().ok()
}

pub(super) fn array<'a>(
    document: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [Object]> {
    get(document, dict, key)?.as_array().ok().map(Vec::as_slice)
}

pub(super) fn name<'a>(
    document: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [u8]> {
    get(document, dict, key)?.as_name().ok()
}

pub(super) fn number(document: &Document, object: &Object) -> Option<f32> {
    resolve(document, object)?
        .as_float()
        .ok()
        .filter(|value| value.is_finite())
}

pub(super) fn number_at(document: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(document, dict.get(key).ok()?)
}

/// A stream's decoded bytes, charged to the budget. A stream that does not decode (an
/// unknown filter, corrupt data) gives nothing; one past the budget is an error.
pub(super) fn decoded(stream: &Stream, budget: &mut Budget) -> Result<Vec<u8>, OverBudget> {
    match stream.get_plain_content_with_limit(budget.remaining()) {
        Ok(bytes) => {
            budget.charge(bytes.len())?;
            Ok(bytes)
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(OverBudget)
        }
        Err(_) => Ok(Vec::new()),
    }
}
