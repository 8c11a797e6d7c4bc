//! TSV export: one record per line whatever the texts hold, and fields that unescape back to
//! the links' ids and texts.

mod fixture;

use anyhow::{Context, Result, bail};
use resalign_export::report::LinkRecord;
use resalign_export::tsv::{HEADER, escape, write_tsv};

use fixture::frozen;

/// The inverse of the documented escaping.
fn unescape(field: &str) -> Result<String> {
    let mut text = String::new();
    let mut characters = field.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            text.push(character);
            continue;
        }
        match characters.next() {
            Some('\\') => text.push('\\'),
            Some('t') => text.push('\t'),
            Some('n') => text.push('\n'),
            Some('r') => text.push('\r'),
            other => bail!("unknown escape \\{other:?} in {field:?}"),
        }
    }
    Ok(text)
}

#[test]
fn escaping_keeps_every_record_on_one_line() -> Result<()> {
    let cases = [
        ("plain text, \"quoted\"", "plain text, \"quoted\""),
        ("a\tb", "a\\tb"),
        ("first\nsecond", "first\\nsecond"),
        ("carriage\r\nreturn", "carriage\\r\\nreturn"),
        ("C:\\path\\n", "C:\\\\path\\\\n"),
        ("año\tçà", "año\\tçà"),
        ("", ""),
    ];
    for (field, written) in cases {
        assert_eq!(escape(field), written, "{field:?}");
        assert_eq!(unescape(written)?, field);
    }
    Ok(())
}

#[test]
fn every_link_is_one_line_of_five_fields() -> Result<()> {
    let pair = frozen("faults")?;
    let mut out = Vec::new();
    write_tsv(&mut out, &pair.en, &pair.es, &pair.alignment)?;
    let text = String::from_utf8(out)?;
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER.join("\t").as_str()));
    let records = LinkRecord::all(&pair.en, &pair.es, &pair.alignment)?;
    let lines: Vec<&str> = lines.collect();
    assert_eq!(lines.len(), records.len());
    for (line, record) in lines.iter().zip(&records) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line}");
        assert_eq!(unescape(fields[0])?, record.en.join(" "));
        assert_eq!(unescape(fields[1])?, record.es.join(" "));
        assert_eq!(fields[2].parse::<f64>()?, record.score);
        assert_eq!(unescape(fields[3])?, record.en_text);
        assert_eq!(unescape(fields[4])?, record.es_text);
    }
    let merged = lines
        .iter()
        .find(|line| line.starts_with("op.4 op.5\t"))
        .context("the 2-1 link")?;
    assert!(merged.contains("plans;\\nAlso invites"), "{merged}");
    Ok(())
}

#[test]
fn snapshot() -> Result<()> {
    let pair = frozen("faults")?;
    let mut out = Vec::new();
    write_tsv(&mut out, &pair.en, &pair.es, &pair.alignment)?;
    insta::assert_snapshot!(String::from_utf8(out)?);
    Ok(())
}
