//! The checks on the real corpus of official translations (`../shared/corpus/unxml`): findings
//! name few of the aligned paragraphs, and the real discrepancies the corpus holds are among
//! them.
//!
//! The corpus is not part of the repository. Without it these tests print "skipped: corpus not
//! found" and pass, unless `RESALIGN_REQUIRE_CORPUS=1` makes its absence a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use resalign_align::{Finding, FindingCode, align, check};
use resalign_core::{Document, Language, Parser};
use resalign_testkit::corpus::corpus_root;

/// At most this share of the aligned paragraphs of official translations may get a finding.
const MAX_FLAGGED_SHARE: f64 = 0.01;

fn parse(path: &Path, language: Language) -> Result<Document> {
    let mut parser = Parser::new();
    parser.language(language);
    parser
        .parse_path(path)
        .with_context(|| format!("parsing {}", path.display()))
}

/// English and Spanish files of one resolution: same folder, same name but for the trailing
/// language letter (`75_100_E.xml`, `75_100_S.xml`).
fn pairs(root: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut pairs = Vec::new();
    for organ in sorted_entries(root)? {
        for collection in sorted_entries(&organ)? {
            for english in sorted_entries(&collection.join("English"))? {
                let Some(name) = english.file_name().and_then(|name| name.to_str()) else {
                    continue;
                };
                let Some(stem) = name.strip_suffix("E.xml") else {
                    continue;
                };
                let spanish = collection.join("Spanish").join(format!("{stem}S.xml"));
                if spanish.is_file() {
                    pairs.push((english, spanish));
                }
            }
        }
    }
    Ok(pairs)
}

fn sorted_entries(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(folder)
        .with_context(|| folder.display().to_string())?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

/// The findings on one pair, and how many of its links have units on both sides.
fn check_pair(english: &Path, spanish: &Path) -> Result<(Vec<Finding>, usize)> {
    let en = parse(english, Language::En)?;
    let es = parse(spanish, Language::Es)?;
    let alignment = align(&en, &es)?;
    let aligned = alignment
        .links
        .iter()
        .filter(|link| !link.en.is_empty() && !link.es.is_empty())
        .count();
    Ok((check(&en, &es, &alignment), aligned))
}

/// Paragraphs a finding names: English ones, or Spanish ones when it names no English one.
fn flagged_paragraphs(findings: &[Finding]) -> BTreeSet<String> {
    let mut flagged = BTreeSet::new();
    for finding in findings {
        if finding.en.units.is_empty() {
            flagged.extend(finding.es.units.iter().map(|id| format!("es {id}")));
        } else {
            flagged.extend(finding.en.units.iter().map(|id| format!("en {id}")));
        }
    }
    flagged
}

#[test]
fn official_translations_get_few_findings() -> Result<()> {
    let Some(root) = corpus_root() else {
        return Ok(());
    };
    let mut aligned = 0;
    let mut flagged = 0;
    let mut by_code: BTreeMap<FindingCode, usize> = BTreeMap::new();
    for (english, spanish) in pairs(&root)? {
        let (findings, links) = check_pair(&english, &spanish)?;
        aligned += links;
        flagged += flagged_paragraphs(&findings).len();
        for finding in &findings {
            *by_code.entry(finding.code).or_default() += 1;
        }
    }
    let share = flagged as f64 / aligned.max(1) as f64;
    println!(
        "{flagged} of {aligned} aligned paragraphs named by a finding ({share:.4}); {by_code:?}"
    );
    if aligned < 10_000 {
        bail!("only {aligned} aligned paragraphs: the corpus did not parse or align");
    }
    if share > MAX_FLAGGED_SHARE {
        bail!("{share:.4} of the aligned paragraphs have findings: {by_code:?}");
    }
    Ok(())
}

/// Differences between the official English and Spanish versions that a reviser would want
/// to see: the English file, the code, and words of the message.
const KNOWN_DISCREPANCIES: &[(&str, FindingCode, &str)] = &[
    (
        "GA/75session/English/75_209_E.xml",
        FindingCode::AnchorDiffers,
        "Resolution number differs: English 61/124, Spanish 61/194",
    ),
    (
        "GA/75session/English/75_168_E.xml",
        FindingCode::AnchorDiffers,
        "English 71/321, Spanish 71/231",
    ),
    (
        "GA/75session/English/75_14_E.xml",
        FindingCode::AnchorDiffers,
        "Date differs: English 2 April 2020, Spanish 4 de abril de 2020",
    ),
    (
        "SC/2022/English/S_RES_2665-2228829E.xml",
        FindingCode::AnchorDiffers,
        "English 2557 (2020), Spanish 2577 (2020)",
    ),
    (
        "SC/2022/English/S_RES_2624 (2022)-2202899E.xml",
        FindingCode::AnchorDiffers,
        "English 2140 (2140), Spanish 2140 (2014)",
    ),
    (
        "GA/75session/English/75_15_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites vol. 1833, No. 31363, Spanish vol. 1834, núm. 31363",
    ),
    (
        "GA/75session/English/75_201_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites S/PRST/2016/12, Spanish S/PRST/2016/2",
    ),
    (
        "GA/75session/English/75_22_E.xml",
        FindingCode::NumberMismatch,
        "English seventy-sixth, Spanish septuagésimo quinto",
    ),
    (
        "GA/75session/English/75_203_E.xml",
        FindingCode::NumberMismatch,
        "English 2020, Spanish 2019",
    ),
    (
        "GA/75session/English/75_12_E.xml",
        FindingCode::MetadataDiffers,
        "English A/75/L.22/Add.1, Spanish A/75/L22/Add.1",
    ),
];

#[test]
fn real_discrepancies_are_reported() -> Result<()> {
    let Some(root) = corpus_root() else {
        return Ok(());
    };
    let mut missed = Vec::new();
    for (english, code, words) in KNOWN_DISCREPANCIES {
        let english = root.join(english);
        let spanish_name = english
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix("E.xml"))
            .map(|stem| format!("{stem}S.xml"))
            .context("English file name")?;
        let spanish = english
            .parent()
            .and_then(Path::parent)
            .map(|collection| collection.join("Spanish").join(spanish_name))
            .context("Spanish folder")?;
        let (findings, _) = check_pair(&english, &spanish)?;
        let found = findings
            .iter()
            .any(|finding| finding.code == *code && finding.message.contains(words));
        if !found {
            let got: Vec<String> = findings
                .iter()
                .map(|finding| format!("  {}: {}", finding.code, finding.message))
                .collect();
            missed.push(format!(
                "{}: no {code} with “{words}”; got\n{}",
                english.display(),
                got.join("\n")
            ));
        }
    }
    if !missed.is_empty() {
        bail!("{}", missed.join("\n"));
    }
    Ok(())
}
