//! The readable outline of a parsed document that `resalign parse --format text` prints. All text
//! from the document goes through `printable`, so that it cannot send escape sequences to the
//! terminal.

use std::io::{self, Write};

use resalign_core::{Document, Language};
use resalign_export::terminal::printable;

const EXCERPT_CHARS: usize = 60;

pub fn write(out: &mut dyn Write, document: &Document) -> io::Result<()> {
    write_metadata(out, document)?;
    writeln!(out, "\nunits ({}):", document.units.len())?;
    for unit in &document.units {
        let label = unit
            .label
            .as_ref()
            .map_or("", |label| label.printed.as_str());
        let calls: String = unit
            .footnote_calls
            .iter()
            .map(|call| format!(" [{}]", call.number))
            .collect();
        writeln!(
            out,
            "  {:<14} {:<15} {:<6} {}{}",
            printable(unit.id.as_str()),
            unit.kind.name(),
            printable(label),
            excerpt(&unit.text),
            calls
        )?;
    }
    writeln!(out, "\nfootnotes ({}):", document.footnotes.len())?;
    for footnote in &document.footnotes {
        writeln!(out, "  {:<4} {}", footnote.number, excerpt(&footnote.text))?;
    }
    writeln!(out, "\ndiagnostics ({}):", document.diagnostics.len())?;
    for diagnostic in &document.diagnostics {
        let unit = diagnostic
            .unit
            .as_ref()
            .map(|unit| format!(" ({})", printable(unit.as_str())))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<7} {}{unit}: {}",
            diagnostic.severity.to_string(),
            diagnostic.code.name(),
            printable(&diagnostic.message)
        )?;
    }
    Ok(())
}

fn write_metadata(out: &mut dyn Write, document: &Document) -> io::Result<()> {
    let metadata = &document.metadata;
    let symbol = metadata
        .symbol
        .as_ref()
        .map_or("(no symbol)", |symbol| symbol.value.as_str());
    let organ = metadata
        .organ
        .as_ref()
        .map_or("(organ unknown)", |organ| organ.value.name(Language::En));
    writeln!(
        out,
        "{} — {organ} ({}, {})",
        printable(symbol),
        document.language,
        document.format
    )?;
    let field = |name: &str, value: Option<String>| value.map(|value| format!("  {name}: {value}"));
    let lines = [
        field(
            "number",
            metadata.resolution_number.as_ref().map(|n| n.value.clone()),
        ),
        field("title", metadata.title.as_ref().map(|t| t.value.clone())),
        field(
            "session",
            metadata.session.as_ref().map(|s| s.value.printed.clone()),
        ),
        field(
            "agenda item",
            metadata.agenda_item.as_ref().map(|a| a.value.clone()),
        ),
        field(
            "adopted",
            metadata.adoption_date.as_ref().map(|d| d.value.to_string()),
        ),
        field(
            "distributed",
            metadata
                .distribution_date
                .as_ref()
                .map(|d| d.value.to_string()),
        ),
        field(
            "based on",
            (!metadata.based_on.is_empty()).then(|| {
                metadata
                    .based_on
                    .iter()
                    .map(|symbol| symbol.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ),
        field(
            "formula",
            metadata.enacting_formula.as_ref().map(|f| f.value.clone()),
        ),
        field(
            "closing",
            metadata.closing.as_ref().map(|closing| {
                let date = closing
                    .date
                    .as_ref()
                    .map(|date| format!(", {}", date.value))
                    .unwrap_or_default();
                format!("{}{date}", closing.meeting.value)
            }),
        ),
    ];
    for line in lines.into_iter().flatten() {
        writeln!(out, "{}", printable(&line))?;
    }
    Ok(())
}

fn excerpt(text: &str) -> String {
    let text = printable(text);
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
