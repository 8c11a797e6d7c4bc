//! Tab-separated values: one link per line, for spreadsheets and line-oriented tools.
//!
//! The first line is the header `en_ids`, `es_ids`, `score`, `en_text`, `es_text`. Then one line
//! per paragraph link in document order, and one per footnote link:
//!
//! - `en_ids`, `es_ids`: the unit ids of each side separated by a space (`op.12 op.13`), or
//!   `fn.N` for footnote `N`; empty for the language that has no counterpart.
//! - `score`: the aligner's confidence, four decimals (`0.9987`).
//! - `en_text`, `es_text`: the clean texts. The texts of the units of one side are joined by a
//!   line break, written as below.
//!
//! So that every record is one line and no field holds a tab, four characters are written as
//! backslash escapes, as PostgreSQL's `COPY` and MySQL's `LOAD DATA` read them: a backslash as
//! `\\`, a tab as `\t`, a line break as `\n` and a carriage return as `\r`. Any other control
//! character (the escape that starts a terminal's control sequences, C1 controls) is written as
//! U+FFFD, so that a TSV printed to a terminal cannot drive it. Nothing else is quoted or
//! escaped; in particular `"` stands for itself.

use std::borrow::Cow;
use std::io::Write;

use resalign_align::Alignment;
use resalign_core::Document;

use crate::error::Error;
use crate::report::LinkRecord;

/// The header line's fields, in order.
pub const HEADER: [&str; 5] = ["en_ids", "es_ids", "score", "en_text", "es_text"];

/// Writes the header and one line per link of the pair.
pub fn write_tsv(
    out: &mut impl Write,
    en: &Document,
    es: &Document,
    alignment: &Alignment,
) -> Result<(), Error> {
    write_header(out)?;
    write_records(out, &LinkRecord::all(en, es, alignment)?)
}

/// Writes the header line alone, for a caller that writes the records of many pairs.
pub fn write_header(out: &mut impl Write) -> Result<(), Error> {
    writeln!(out, "{}", HEADER.join("\t"))?;
    Ok(())
}

/// Writes one line per record.
pub fn write_records(out: &mut impl Write, records: &[LinkRecord]) -> Result<(), Error> {
    for record in records {
        writeln!(
            out,
            "{}\t{}\t{:.4}\t{}\t{}",
            escape(&record.en.join(" ")),
            escape(&record.es.join(" ")),
            record.score,
            escape(&record.en_text),
            escape(&record.es_text)
        )?;
    }
    Ok(())
}

/// The field as written: backslash, tab, line feed and carriage return as backslash escapes,
/// other control characters as U+FFFD.
pub fn escape(field: &str) -> Cow<'_, str> {
    if !field.contains(|character: char| character == '\\' || character.is_control()) {
        return Cow::Borrowed(field);
    }
    let mut escaped = String::with_capacity(field.len() + 8);
    for character in field.chars() {
        match character {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            other if other.is_control() => escaped.push(char::REPLACEMENT_CHARACTER),
            other => escaped.push(other),
        }
    }
    Cow::Owned(escaped)
}
