//! The checks on whole documents, parsed from the files a converter gives: every case under
//! `tests/fixtures/documents/` is a small resolution we wrote, in English and Spanish, each as
//! seed-shaped markdown (`NAME.en.md`, `NAME.es.md`) and as `pdftotext` output (`NAME.en.txt`,
//! `NAME.es.txt`), and some also as AKN4UN XML (`NAME.en.xml`, `NAME.es.xml`). Every form must
//! give the findings `NAME.expect` lists, in order, one a line: `severity code: words of the
//! message`. The table in `tests/fixtures/documents/README.md` says which rule each case pins.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use resalign_align::{Finding, align, check};
use resalign_core::{Document, Language, Parser, UnitKind};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents")
}

/// The case names: every `NAME.expect` in the folder.
fn cases() -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(folder())? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "expect")
            && let Some(stem) = path.file_stem().and_then(|stem| stem.to_str())
        {
            names.push(stem.to_string());
        }
    }
    names.sort();
    Ok(names)
}

fn parse(path: &Path, language: Language) -> Result<Document> {
    let mut parser = Parser::new();
    parser.language(language);
    parser
        .parse_path(path)
        .with_context(|| format!("parsing {}", path.display()))
}

/// One expected finding: `error vote-differs: The list of countries`.
struct Expected {
    severity_and_code: String,
    words: String,
}

fn expected(name: &str) -> Result<Vec<Expected>> {
    let path = folder().join(format!("{name}.expect"));
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (head, words) = line.split_once(": ").unwrap_or((line, ""));
            Ok(Expected {
                severity_and_code: head.trim().to_string(),
                words: words.trim().to_string(),
            })
        })
        .collect()
}

fn describe(finding: &Finding) -> String {
    format!("{} {}: {}", finding.severity, finding.code, finding.message)
}

fn matches(expected: &[Expected], findings: &[Finding]) -> bool {
    expected.len() == findings.len()
        && expected.iter().zip(findings).all(|(expected, finding)| {
            format!("{} {}", finding.severity, finding.code) == expected.severity_and_code
                && finding.message.contains(&expected.words)
        })
}

#[test]
fn every_form_gives_the_expected_findings() -> Result<()> {
    let names = cases()?;
    if names.len() < 7 {
        bail!("document fixtures missing: {names:?}");
    }
    let mut failures = Vec::new();
    for name in &names {
        let expected = expected(name)?;
        for form in forms(name) {
            let en = parse(&folder().join(format!("{name}.en.{form}")), Language::En)?;
            let es = parse(&folder().join(format!("{name}.es.{form}")), Language::Es)?;
            let alignment = align(&en, &es)?;
            let findings = check(&en, &es, &alignment);
            if !matches(&expected, &findings) {
                let got: Vec<String> = findings.iter().map(describe).collect();
                failures.push(format!("{name}.{form}: got\n  {}", got.join("\n  ")));
            }
        }
    }
    if !failures.is_empty() {
        bail!("{}", failures.join("\n\n"));
    }
    Ok(())
}

/// The forms a case is written in: markdown and plain text always, XML where the case has it.
fn forms(name: &str) -> Vec<&'static str> {
    let mut forms = vec!["md", "txt"];
    if folder().join(format!("{name}.en.xml")).is_file() {
        forms.push("xml");
    }
    forms
}

/// A vote record is one unit, the same in every form: the XML front-end gives the record of
/// its conclusions as the text front-end gives the paragraphs a converter printed it in.
#[test]
fn a_vote_record_is_the_same_unit_in_every_form() -> Result<()> {
    for name in ["vote", "vote_counts"] {
        if forms(name).len() < 3 {
            bail!("{name}: no XML form");
        }
        for (language, code) in [(Language::En, "en"), (Language::Es, "es")] {
            let mut units = Vec::new();
            for form in forms(name) {
                let document = parse(&folder().join(format!("{name}.{code}.{form}")), language)?;
                let votes: Vec<(String, String)> = document
                    .units
                    .iter()
                    .filter(|unit| unit.kind == UnitKind::Vote)
                    .map(|unit| (unit.id.to_string(), unit.text.clone()))
                    .collect();
                units.push((form, votes));
            }
            let (first_form, first) = &units[0];
            if first.len() != 1 {
                bail!("{name}.{code}.{first_form}: vote units {first:?}");
            }
            for (form, votes) in &units[1..] {
                if votes != first {
                    bail!("{name}.{code}: {form} gives {votes:?}, {first_form} {first:?}");
                }
            }
        }
    }
    Ok(())
}

/// A run of one cause keeps its members, one per unit, for tools that look at each unit.
#[test]
fn grouped_findings_keep_their_members() -> Result<()> {
    for form in ["md", "txt"] {
        let en = parse(
            &folder().join(format!("truncated_english.en.{form}")),
            Language::En,
        )?;
        let es = parse(
            &folder().join(format!("truncated_english.es.{form}")),
            Language::Es,
        )?;
        let findings = check(&en, &es, &align(&en, &es)?);
        let Some(group) = findings.first() else {
            bail!("{form}: no finding");
        };
        let member_units: Vec<&str> = group
            .members
            .iter()
            .flat_map(|member| member.es.units.iter().map(|id| id.as_str()))
            .collect();
        if member_units != ["op.2", "op.3", "op.4", "op.5"] {
            bail!("{form}: members name {member_units:?}");
        }
    }
    Ok(())
}
