//! Parse one resolution and walk its document model.
//!
//! ```text
//! cargo run --example parse -- data/seeds/002_084e59128ef1f549.txt
//! ```

use anyhow::Context;
use resalign::{Parser, UnitKind};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/seeds/000_a2c4abc107a868c6.txt".to_string());
    // Format and language are detected; `Parser::language` and `Parser::format` force them.
    let document = Parser::new()
        .parse_path(&path)
        .with_context(|| format!("parsing {path}"))?;

    let metadata = &document.metadata;
    println!(
        "{} ({}, {})",
        metadata
            .symbol
            .as_ref()
            .map_or("(no symbol)", |symbol| symbol.value.as_str()),
        document.language,
        document.format
    );
    if let Some(title) = &metadata.title {
        println!("title:   {}", title.value);
    }
    if let Some(date) = &metadata.adoption_date {
        println!("adopted: {}", date.value);
    }

    let count = |kind: UnitKind| {
        document
            .units
            .iter()
            .filter(|unit| unit.kind == kind)
            .count()
    };
    println!(
        "{} preambular and {} operative paragraphs, {} sub-paragraphs, {} footnotes",
        count(UnitKind::Preambular),
        count(UnitKind::Operative),
        count(UnitKind::Subparagraph),
        document.footnotes.len()
    );

    // Every unit keeps its spans: slice the source to see exactly what it was read from.
    for unit in document.units.iter().take(3) {
        let source: Vec<&str> = unit
            .spans
            .iter()
            .map(|span| document.slice(*span))
            .collect();
        println!(
            "\n{} [{}] opening {:?}\n  text:   {}\n  source: {:?}",
            unit.id,
            unit.kind.name(),
            unit.opening_phrase.as_deref().unwrap_or("-"),
            unit.text,
            source
        );
        for anchor in &unit.anchors {
            println!("  anchor {:?} {}", anchor.kind, anchor.key);
        }
    }

    for diagnostic in &document.diagnostics {
        println!("{diagnostic}");
    }
    Ok(())
}
