//! Triage and baselines as a Rust user meets them, on the pair shipped in `data/` (five
//! deliberate faults, `data/README.md`): a team's severities and filters, and a baseline that
//! recognises accepted findings after the text around them moved, and only them.

use anyhow::Result;

use resalign_align::{Baseline, Finding, FindingCode, FindingKey, Triage, align, check};
use resalign_core::{Document, Parser, Severity};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

fn text(language: &str) -> Result<String> {
    Ok(std::fs::read_to_string(format!(
        "{DATA}/E_RES_2013_41.{language}.md"
    ))?)
}

fn checked(en: &str, es: &str) -> Result<(Document, Document, Vec<Finding>)> {
    let en = Parser::new().parse_str(en)?;
    let es = Parser::new().parse_str(es)?;
    let findings = check(&en, &es, &align(&en, &es)?);
    Ok((en, es, findings))
}

fn codes(findings: &[Finding]) -> Vec<(FindingCode, Severity)> {
    findings
        .iter()
        .map(|finding| (finding.code, finding.severity))
        .collect()
}

#[test]
fn a_teams_severities_come_before_the_lowest_severity_and_the_filters() -> Result<()> {
    let (_, _, findings) = checked(&text("en")?, &text("es")?)?;
    let mut triage = Triage::new();
    triage
        .severity(FindingCode::AnchorDiffers, Severity::Info)
        .min_severity(Severity::Warning);
    assert_eq!(
        codes(&triage.apply(findings.clone())),
        [
            (FindingCode::MissingInSpanish, Severity::Error),
            (FindingCode::MergedInSpanish, Severity::Error),
            (FindingCode::FootnoteDiffers, Severity::Error),
        ]
    );
    let mut only = Triage::new();
    only.only(FindingCode::AnchorDiffers)
        .only(FindingCode::FootnoteDiffers)
        .skip(FindingCode::FootnoteDiffers);
    assert_eq!(
        codes(&only.apply(findings)),
        [(FindingCode::AnchorDiffers, Severity::Error); 2]
    );
    Ok(())
}

#[test]
fn a_baseline_knows_accepted_findings_after_renumbering_and_only_once_each() -> Result<()> {
    let (en, es, findings) = checked(&text("en")?, &text("es")?)?;
    let mut baseline = Baseline::new();
    for finding in &findings {
        baseline.accept(None, finding, &en, &es);
    }
    let key = FindingKey::of(&findings[0], &en, &es);
    assert_eq!(key.en, ["pre.3"]);
    assert_eq!(
        (key.en_anchors, key.es_anchors),
        (vec!["64/293".to_owned()], vec!["64/239".to_owned()])
    );

    // A paragraph inserted above renumbers the accepted ones; the same wrong number is then
    // written a second time further down, which no entry accounts for.
    let insert = |text: &str, before: &str, paragraph: &str| {
        text.replacen(before, &format!("{paragraph}\n\n{before}"), 1)
    };
    let en_text = insert(
        &text("en")?,
        "*Reiterating",
        "*Recalling* its resolution 2011/33 of 28 July 2011,",
    );
    let es_text = insert(
        &text("es")?,
        "Reiterando",
        "Recordando su resolución 2011/33, de 28 de julio de 2011,",
    )
    .replacen(
        "resolución 64/293, en la prestación",
        "resolución 64/239, en la prestación",
        1,
    );
    let (en, es, findings) = checked(&en_text, &es_text)?;
    let sorted = baseline.index().sort(None, findings, &en, &es);
    assert_eq!(sorted.known.len(), 5);
    assert_eq!(
        codes(&sorted.new),
        [(FindingCode::AnchorDiffers, Severity::Error)]
    );
    assert!(
        sorted.new[0].message.contains("(pre.9)"),
        "{}",
        sorted.new[0].message
    );

    // Entries of a corpus baseline apply to their own pair only.
    let mut corpus = Baseline::new();
    for entry in &baseline.entries {
        let mut entry = entry.clone();
        entry.pair = Some("GA/75_1".to_owned());
        corpus.entries.push(entry);
    }
    let other = corpus
        .index()
        .sort(Some("GA/75_2"), sorted.known.clone(), &en, &es);
    assert_eq!(other.new.len(), 5);
    Ok(())
}
