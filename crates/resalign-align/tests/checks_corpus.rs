//! The checks on the real corpus of official translations (`../shared/corpus/unxml`): findings
//! name few of the aligned paragraphs, errors fewer still, and every error is one of the real
//! discrepancies listed here, each with the reason a reviser would agree with it.
//!
//! The corpus is not part of the repository. Without it these tests are reported ignored, unless
//! `RESALIGN_REQUIRE_CORPUS=1` makes its absence a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use resalign_align::{Finding, FindingCode, align, check};
use resalign_core::{Document, Language, Parser, Severity};
use resalign_testkit::corpus::corpus_dir;

/// At most this share of the aligned paragraphs of official translations may get a finding, and
/// at most this share a finding of error severity.
const MAX_FLAGGED_SHARE: f64 = 0.005;
const MAX_ERROR_SHARE: f64 = 0.002;

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

/// Paragraphs named by findings of error severity.
fn error_paragraphs(findings: &[Finding]) -> BTreeSet<String> {
    let errors: Vec<Finding> = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .cloned()
        .collect();
    flagged_paragraphs(&errors)
}

fn official_translations_get_few_findings_and_only_listed_errors() -> Result<()> {
    let root = corpus_dir();
    let mut aligned = 0;
    let mut flagged = 0;
    let mut with_errors = 0;
    let mut by_code: BTreeMap<FindingCode, usize> = BTreeMap::new();
    let mut unlisted = Vec::new();
    for (english, spanish) in pairs(&root)? {
        let (findings, links) = check_pair(&english, &spanish)?;
        aligned += links;
        flagged += flagged_paragraphs(&findings).len();
        with_errors += error_paragraphs(&findings).len();
        for finding in &findings {
            *by_code.entry(finding.code).or_default() += 1;
        }
        let relative = english.strip_prefix(&root).unwrap_or(&english);
        for finding in findings.iter().filter(|f| f.severity == Severity::Error) {
            let listed = REVISER_AGREES.iter().any(|(file, code, words, _)| {
                relative == Path::new(file)
                    && finding.code == *code
                    && finding.message.contains(words)
            });
            if !listed {
                unlisted.push(format!(
                    "  {}: {}: {}",
                    relative.display(),
                    finding.code,
                    finding.message
                ));
            }
        }
    }
    let share = flagged as f64 / aligned.max(1) as f64;
    let error_share = with_errors as f64 / aligned.max(1) as f64;
    println!(
        "{flagged} of {aligned} aligned paragraphs named by a finding ({share:.4}), {with_errors} \
         by an error ({error_share:.4}); {by_code:?}"
    );
    if aligned < 10_000 {
        bail!("only {aligned} aligned paragraphs: the corpus did not parse or align");
    }
    if share > MAX_FLAGGED_SHARE || error_share > MAX_ERROR_SHARE {
        bail!(
            "{share:.4} of the aligned paragraphs have findings, {error_share:.4} errors: {by_code:?}"
        );
    }
    if !unlisted.is_empty() {
        bail!(
            "errors not in REVISER_AGREES (a false alarm to fix, or a real discrepancy to list):\n{}",
            unlisted.join("\n")
        );
    }
    Ok(())
}

/// Every error the checks report on the corpus: a difference between the official English and
/// Spanish versions that a reviser would want to see. The English file, the code, words of the
/// message, and why a reviser would agree.
const REVISER_AGREES: &[(&str, FindingCode, &str, &str)] = &[
    (
        "GA/75session/English/75_14_E.xml",
        FindingCode::AnchorDiffers,
        "English 2 April 2020, Spanish 4 de abril de 2020",
        "resolution 74/270 is of 2 April 2020",
    ),
    (
        "GA/75session/English/75_152_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites Seventy-fourth, Spanish sexagésimo cuarto",
        "a session ten years off",
    ),
    (
        "GA/75session/English/75_168_E.xml",
        FindingCode::AnchorDiffers,
        "English 71/321, Spanish 71/231",
        "two digits transposed in a resolution number",
    ),
    (
        "GA/75session/English/75_176_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites Supplement No. 53A, Spanish Suplemento núm. 53",
        "supplement 53A (the Human Rights Council's report, addendum) is not supplement 53",
    ),
    (
        "GA/75session/English/75_187_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites A/67/53/Corr.1, Spanish A/67/53/Corr.2",
        "another corrigendum is cited; if Corr.2 concerns the Spanish only, the note should say so",
    ),
    (
        "GA/75session/English/75_193_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites A/67/53/Corr.1, Spanish A/67/53/Corr.2",
        "another corrigendum is cited, as in resolution 75/187",
    ),
    (
        "GA/75session/English/75_201_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites S/PRST/2016/12, Spanish S/PRST/2016/2",
        "a digit lost from a presidential statement's symbol",
    ),
    (
        "GA/75session/English/75_202_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites E/FFDF/2020/3, Spanish E/FFDF/2019/3",
        "the Forum's report of another year",
    ),
    (
        "GA/75session/English/75_203_E.xml",
        FindingCode::NumberMismatch,
        "English 2020, Spanish 2019",
        "the deadline for the fisheries-subsidies negotiations moved a year",
    ),
    (
        "GA/75session/English/75_209_E.xml",
        FindingCode::AnchorDiffers,
        "English 61/124, Spanish 61/194",
        "one digit changed in a resolution number",
    ),
    (
        "GA/75session/English/75_22_E.xml",
        FindingCode::NumberMismatch,
        "English seventy-sixth, Spanish septuagésimo quinto",
        "the session is the seventy-sixth",
    ),
    (
        "GA/75session/English/75_236_E.xml",
        FindingCode::AnchorDiffers,
        "English 14 September 2020, Spanish 14 de septiembre de 2019",
        "a date a year off",
    ),
    (
        "GA/75session/English/75_26_E.xml",
        FindingCode::AnchorDiffers,
        "English 11 September 2020, Spanish 15 de septiembre de 2020",
        "a date four days off",
    ),
    (
        "GA/75session/English/75_266_E.xml",
        FindingCode::AnchorDiffers,
        "English 28 May 2019, Spanish 28 de abril de 2019",
        "a date a month off",
    ),
    (
        "GA/75session/English/75_89_E.xml",
        FindingCode::NumberMismatch,
        "English Seventy-sixth, Spanish Sexagésimo sexto",
        "a session heading ten sessions off",
    ),
    (
        "GA/75session/English/75_89_E.xml",
        FindingCode::FootnoteDiffers,
        "English cites C/2017/REP, Spanish C/2009/REP",
        "a report of another year",
    ),
    (
        "GA/75session/English/A_RES_75_257 B-2109408E.xml",
        FindingCode::MergedInSpanish,
        "are one paragraph in the Spanish text",
        "two paragraphs of the addendum are one in the Spanish version",
    ),
    (
        "GA/75session/English/A_RES_75_293-2108996E.xml",
        FindingCode::AnchorDiffers,
        "English 30 June 2020, Spanish 3 de julio de 2020",
        "resolution 74/280 is of 30 June 2020",
    ),
    (
        "GA/75session/English/A_RES_75_311-2110242E.xml",
        FindingCode::AnchorDiffers,
        "English 20 December 2019, Spanish 20 de octubre de 2019",
        "a date two months off",
    ),
    (
        "GA/75session/English/A_RES_75_323-2112752E.xml",
        FindingCode::FootnoteDiffers,
        "English cites vol. 1978, No. 1197, Spanish vol. 1978, pág. 1197",
        "a registration number in one version, a page in the other",
    ),
    (
        "HRC/54session/English/A_HRC_RES_54_20E.xml",
        FindingCode::VoteDiffers,
        "The list of countries against differs: 10 in the English text, 9 in the Spanish text",
        "the Spanish list prints `Camerún China` without the comma between the two countries",
    ),
    (
        "SC/2022/English/S_RES_2624 (2022)-2202899E.xml",
        FindingCode::AnchorDiffers,
        "English 2140 (2140), Spanish 2140 (2014)",
        "the English prints the serial number as the year",
    ),
    (
        "SC/2022/English/S_RES_2639 (2022)-2210085E.xml",
        FindingCode::MetadataDiffers,
        "English 2639 (2022), Spanish 2639 (2002)",
        "the Spanish masthead misprints the year",
    ),
    (
        "SC/2022/English/S_RES_2662-2226129E.xml",
        FindingCode::AnchorDiffers,
        "English 2628 (2022), Spanish 2628 (2021)",
        "resolution 2628 is of 2022",
    ),
    (
        "SC/2022/English/S_RES_2665-2228829E.xml",
        FindingCode::AnchorDiffers,
        "English 2557 (2020), Spanish 2577 (2020)",
        "one digit changed in a resolution number",
    ),
];

/// Discrepancies reported below error severity, which must stay reported so: the file, the
/// code, the severity, words of the message, and why.
const NOTED: &[(&str, FindingCode, Severity, &str, &str)] = &[
    (
        "GA/75session/English/75_15_E.xml",
        FindingCode::FootnoteDiffers,
        Severity::Info,
        "English cites vol. 1833, No. 31363, Spanish vol. 1834, núm. 31363",
        "the Law of the Sea Convention spans several volumes; its registration number agrees",
    ),
    (
        "GA/75session/English/75_82_E.xml",
        FindingCode::AnchorDiffers,
        Severity::Warning,
        "the Spanish day seems glued to the month",
        "`8de diciembre de 2010`: the date agrees, a space is missing",
    ),
    (
        "GA/75session/English/75_12_E.xml",
        FindingCode::MetadataDiffers,
        Severity::Warning,
        "English A/75/L.22/Add.1, Spanish A/75/L22/Add.1",
        "a full stop lost from a symbol",
    ),
];

fn real_discrepancies_are_reported() -> Result<()> {
    let root = corpus_dir();
    let errors = REVISER_AGREES
        .iter()
        .map(|(file, code, words, _)| (*file, *code, Severity::Error, *words));
    let noted = NOTED
        .iter()
        .map(|(file, code, severity, words, _)| (*file, *code, *severity, *words));
    let mut missed = Vec::new();
    for (file, code, severity, words) in errors.chain(noted) {
        let english = root.join(file);
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
        let found = findings.iter().any(|finding| {
            finding.code == code && finding.severity == severity && finding.message.contains(words)
        });
        if !found {
            let got: Vec<String> = findings
                .iter()
                .map(|finding| {
                    format!(
                        "  {} {}: {}",
                        finding.severity, finding.code, finding.message
                    )
                })
                .collect();
            missed.push(format!(
                "{}: no {severity} {code} with “{words}”; got\n{}",
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

resalign_testkit::test_main! {
    official_translations_get_few_findings_and_only_listed_errors => [Corpus],
    real_discrepancies_are_reported => [Corpus],
}
