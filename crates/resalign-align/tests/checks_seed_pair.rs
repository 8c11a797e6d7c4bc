//! End to end on the pair shipped in `data/`: the English seed (ECOSOC resolution 2013/41) and
//! the project's own Spanish translation of it, which carries five deliberate faults (see
//! `data/README.md`). Parsed, aligned and checked, the pair must give exactly those five.

use std::path::Path;

use anyhow::{Result, bail};

use resalign_align::{FindingCode, align, check};
use resalign_core::{Language, Parser, Severity};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

/// The faults of `data/README.md`, in document order: code and words of the message.
const DELIBERATE_FAULTS: &[(FindingCode, &str)] = &[
    (
        FindingCode::AnchorDiffers,
        "Resolution number differs: English 64/293, Spanish 64/239 (pre.3)",
    ),
    (
        FindingCode::AnchorDiffers,
        "Date differs: English 25 July 2008, Spanish 25 de junio de 2008 (pre.4)",
    ),
    (
        FindingCode::MissingInSpanish,
        "Operative paragraph 9 of the English text has no Spanish counterpart",
    ),
    (
        FindingCode::MergedInSpanish,
        "Operative paragraphs 12 and 13 of the English text are one paragraph",
    ),
    (
        FindingCode::FootnoteDiffers,
        "Footnote 2: English cites vol. 2225, No. 39574, Spanish vol. 2225, núm. 39547",
    ),
];

#[test]
fn the_deliberate_faults_and_nothing_else() -> Result<()> {
    let data = Path::new(DATA);
    let mut parser = Parser::new();
    let en = parser
        .language(Language::En)
        .parse_path(data.join("E_RES_2013_41.en.md"))?;
    let es = parser
        .language(Language::Es)
        .parse_path(data.join("E_RES_2013_41.es.md"))?;
    let findings = check(&en, &es, &align(&en, &es)?);
    let got: Vec<String> = findings
        .iter()
        .map(|finding| format!("{} {}: {}", finding.severity, finding.code, finding.message))
        .collect();
    let matches = findings.len() == DELIBERATE_FAULTS.len()
        && findings
            .iter()
            .zip(DELIBERATE_FAULTS)
            .all(|(finding, (code, words))| {
                finding.code == *code
                    && finding.severity == Severity::Error
                    && finding.message.contains(words)
            });
    if !matches {
        bail!(
            "expected the {} deliberate faults as errors, got:\n{}",
            DELIBERATE_FAULTS.len(),
            got.join("\n")
        );
    }
    Ok(())
}
