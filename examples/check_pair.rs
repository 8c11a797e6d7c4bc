//! Align and check an English/Spanish pair, and read the evidence behind each link.
//!
//! ```text
//! cargo run --example check_pair -- data/E_RES_2013_41.en.md data/E_RES_2013_41.es.md
//! ```

use anyhow::Context;
use resalign::align::{Evidence, PairVerdict, align, check};
use resalign::{Language, Parser};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let en_path = args
        .next()
        .unwrap_or_else(|| "data/E_RES_2013_41.en.md".to_string());
    let es_path = args
        .next()
        .unwrap_or_else(|| "data/E_RES_2013_41.es.md".to_string());
    // Set the languages: the files' order says which is which.
    let en = Parser::new()
        .language(Language::En)
        .parse_path(&en_path)
        .with_context(|| format!("parsing {en_path}"))?;
    let es = Parser::new()
        .language(Language::Es)
        .parse_path(&es_path)
        .with_context(|| format!("parsing {es_path}"))?;

    let alignment = align(&en, &es)?;
    if let PairVerdict::DifferentResolutions { reasons } = &alignment.verdict {
        println!("not the same resolution: {}", reasons.join("; "));
    }

    // Links pair unit ids; a link with one side empty is a paragraph without counterpart.
    for link in alignment.links.iter().filter(|link| link.score < 0.9) {
        println!(
            "{:>4} {:?} ↔ {:?}  score {:.2}",
            link.shape().to_string(),
            link.en.iter().map(|id| id.as_str()).collect::<Vec<_>>(),
            link.es.iter().map(|id| id.as_str()).collect::<Vec<_>>(),
            link.score
        );
        for evidence in &link.evidence {
            if let Evidence::Anchors {
                only_en, only_es, ..
            } = evidence
                && (!only_en.is_empty() || !only_es.is_empty())
            {
                println!("       anchors only in English {only_en:?}, only in Spanish {only_es:?}");
            }
        }
    }
    let confident = alignment
        .links
        .iter()
        .filter(|link| link.score >= 0.9)
        .count();
    println!(
        "{confident} of {} links scored 0.9 or more",
        alignment.links.len()
    );

    for finding in check(&en, &es, &alignment) {
        println!(
            "{} [{}] {}",
            finding.severity, finding.code, finding.message
        );
    }
    Ok(())
}
