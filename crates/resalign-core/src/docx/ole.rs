//! OLE compound files (signature `D0 CF 11 E0`): Word saves a password-protected document as one,
//! with the encrypted package inside; any other is a Word 97–2003 `.doc` or another old Office
//! file, which resalign does not read.

use std::io::Cursor;

use crate::error::{Error, ErrorKind};
use crate::model::SourceFormat;

pub(super) const SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Why the compound file cannot be read: `Encrypted` when its directory holds the
/// `EncryptedPackage` stream of an encrypted Office document, else the binary `.doc` refusal.
pub(super) fn refuse(bytes: &[u8]) -> Error {
    let encrypted = cfb::CompoundFile::open(Cursor::new(bytes))
        .is_ok_and(|file| file.is_stream("/EncryptedPackage"));
    if encrypted {
        Error::new(ErrorKind::Encrypted {
            format: SourceFormat::Docx,
        })
    } else {
        Error::new(ErrorKind::Binary {
            offset: 0,
            format: Some("Microsoft Office (DOC)"),
        })
    }
}
