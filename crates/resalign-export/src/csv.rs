//! The findings as CSV, for spreadsheets: one row per finding with the pair, the code, the
//! severity, the units of both languages, an excerpt of both and the message.
//!
//! ```text
//! pair,code,severity,en_units,es_units,en_excerpt,es_excerpt,message
//! "E/RES/2013/41","anchor-differs","error","pre.3","pre.3","pre.3  …resolution «64/293» of…","pre.3  …resolución «64/239», de…","Resolution number differs: …"
//! ```
//!
//! Written the way Excel and LibreOffice open a file by double-click without an import dialog:
//! UTF-8 with a byte order mark (without it Excel reads UTF-8 as the local code page), comma
//! separated, every field quoted (so commas, quotes and the line breaks of a multi-line excerpt
//! stay inside their cell), CRLF line ends. Unit ids are separated by spaces, footnotes written
//! `fn.N`; marked text is between `«` and `»`, as in the terminal.

use std::io::Write;

use ::csv::{QuoteStyle, Terminator, WriterBuilder};
use resalign_align::{Finding, Side};
use resalign_core::Document;

use crate::error::{Error, ErrorKind};
use crate::report::Lookup;
use crate::report::side_ids;
use crate::terminal::plain_excerpt;

/// The byte order mark Excel needs to read the file as UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header row.
pub const FINDING_COLUMNS: [&str; 8] = [
    "pair",
    "code",
    "severity",
    "en_units",
    "es_units",
    "en_excerpt",
    "es_excerpt",
    "message",
];

/// The byte order mark and the header row: what a findings file starts with.
pub fn findings_csv_start() -> Result<Vec<u8>, Error> {
    let mut out = UTF8_BOM.to_vec();
    {
        let mut writer = csv_writer(&mut out);
        writer.write_record(FINDING_COLUMNS)?;
        writer.flush()?;
    }
    Ok(out)
}

/// The rows of one pair's findings, without the header: a batch appends them pair after pair.
pub fn findings_csv_rows(
    pair: &str,
    en: &Document,
    es: &Document,
    findings: &[Finding],
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    {
        let mut writer = csv_writer(&mut out);
        let (en, es) = (Lookup::new(en), Lookup::new(es));
        for finding in findings {
            writer.write_record([
                pair,
                finding.code.name(),
                &finding.severity.to_string(),
                &joined_ids(&finding.en),
                &joined_ids(&finding.es),
                &plain_excerpt(&finding.en, &en),
                &plain_excerpt(&finding.es, &es),
                &finding.message,
            ])?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// A whole findings file for one pair, named `pair` in its first column.
pub fn write_findings_csv(
    out: &mut impl Write,
    pair: &str,
    en: &Document,
    es: &Document,
    findings: &[Finding],
) -> Result<(), Error> {
    out.write_all(&findings_csv_start()?)?;
    out.write_all(&findings_csv_rows(pair, en, es, findings)?)?;
    out.flush()?;
    Ok(())
}

fn csv_writer(out: &mut Vec<u8>) -> ::csv::Writer<&mut Vec<u8>> {
    WriterBuilder::new()
        .quote_style(QuoteStyle::Always)
        .terminator(Terminator::CRLF)
        .from_writer(out)
}

/// Unit ids, then footnotes as `fn.N`, separated by spaces.
pub(crate) fn joined_ids(side: &Side) -> String {
    side_ids(side).collect::<Vec<_>>().join(" ")
}

impl From<::csv::Error> for Error {
    fn from(error: ::csv::Error) -> Self {
        Error::new(ErrorKind::Serialize(error.to_string()))
    }
}
