//! Data-driven tests of citation anchors. Each fixture under `fixtures/anchors/` holds blocks of
//! an English sentence and its Spanish translation; the anchors read from every sentence are
//! compared with a snapshot, and the two sides of a block must give the same kinds and keys
//! unless the block says `expect: differ` (a deliberate translator's error that a reviser wants
//! flagged). A corpus test measures the same agreement over the real AKN4UN pairs (ignored where
//! the corpus is absent).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use resalign_core::anchors::extract;
use resalign_core::{Anchor, AnchorKind, Document, Language, Parser};
use resalign_testkit::corpus::corpus_dir;

/// One block of a fixture: a title, the sentences and whether their anchors must agree.
struct Case {
    title: String,
    sentences: Vec<(Language, String)>,
    expectation: Expectation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expectation {
    Agree,
    Differ,
}

fn read_cases(path: &Path) -> Vec<Case> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    text.split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .map(|block| parse_case(block, path))
        .collect()
}

fn parse_case(block: &str, path: &Path) -> Case {
    let mut case = Case {
        title: String::new(),
        sentences: Vec::new(),
        expectation: Expectation::Agree,
    };
    for line in block.lines() {
        if let Some(title) = line.strip_prefix("# ") {
            case.title = title.to_string();
        } else if let Some(sentence) = line.strip_prefix("en: ") {
            case.sentences.push((Language::En, sentence.to_string()));
        } else if let Some(sentence) = line.strip_prefix("es: ") {
            case.sentences.push((Language::Es, sentence.to_string()));
        } else if line == "expect: differ" {
            case.expectation = Expectation::Differ;
        } else {
            panic!("{}: unexpected line {line:?}", path.display());
        }
    }
    case
}

/// The (kind, key) multiset that the checks compare.
fn tally(anchors: &[Anchor]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for anchor in anchors {
        *counts
            .entry(format!("{:?} {}", anchor.kind, anchor.key))
            .or_insert(0) += 1;
    }
    counts
}

fn render(cases: &[Case]) -> String {
    let mut out = String::new();
    for case in cases {
        let _ = writeln!(out, "# {}", case.title);
        for (language, sentence) in &case.sentences {
            let _ = writeln!(out, "{language}: {sentence}");
            for anchor in extract(*language, sentence, &[]) {
                let printed = sentence
                    .get(anchor.range.start..anchor.range.end)
                    .unwrap_or("?");
                let _ = writeln!(out, "    {:?} {} «{printed}»", anchor.kind, anchor.key);
            }
        }
        out.push('\n');
    }
    out
}

fn anchor_fixtures_read_as_recorded() {
    insta::with_settings!({ snapshot_path => "fixtures/anchors/snapshots", prepend_module_to_snapshot => false }, {
        insta::glob!("fixtures/anchors/*.txt", |path| {
            insta::assert_snapshot!(render(&read_cases(path)));
        });
    });
}

fn translations_give_the_same_anchors_and_errors_do_not() {
    let pattern = format!("{}/tests/fixtures/anchors", env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&pattern)
        .unwrap_or_else(|error| panic!("{pattern}: {error}"))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {pattern}");
    let mut failures = Vec::new();
    for path in paths {
        for case in read_cases(&path) {
            let [(first, first_text), (second, second_text)] = case.sentences.as_slice() else {
                continue;
            };
            let left = tally(&extract(*first, first_text, &[]));
            let right = tally(&extract(*second, second_text, &[]));
            let agree = left == right;
            if agree != (case.expectation == Expectation::Agree) {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                failures.push(format!(
                    "{name}: {} ({:?})\n  {first}: {left:?}\n  {second}: {right:?}",
                    case.title, case.expectation
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn footnote_calls_are_anchors_at_their_offsets() {
    let calls = [
        resalign_core::FootnoteCall {
            number: 2,
            offset: 9,
        },
        resalign_core::FootnoteCall {
            number: 3,
            offset: 0,
        },
    ];
    let anchors = extract(Language::En, "Treaties, vol. 2225, No. 39574", &calls);
    let found: Vec<(String, usize, usize)> = anchors
        .iter()
        .map(|anchor| {
            (
                format!("{:?} {}", anchor.kind, anchor.key),
                anchor.range.start,
                anchor.range.end,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("FootnoteCall 3".to_string(), 0, 0),
            ("FootnoteCall 2".to_string(), 9, 9),
            ("TreatySeries 2225:39574".to_string(), 10, 30),
        ]
    );
}

proptest! {
    /// Any text, however odd, gives anchors in text order whose ranges fall on character
    /// boundaries of the text.
    fn extraction_never_panics_and_ranges_fit(text in "(\\PC|[0-9./,ºª \\-–(]){0,80}") {
        for language in [Language::En, Language::Es] {
            let anchors = extract(language, &text, &[]);
            for anchor in &anchors {
                prop_assert!(text.get(anchor.range.start..anchor.range.end).is_some());
            }
            prop_assert!(anchors.windows(2).all(|pair| pair[0].range.start <= pair[1].range.start));
        }
    }
}

/// Share of the paragraph pairs of the real corpus (documents whose two language versions have
/// the same units) whose anchors differ; what remains are mostly real differences between the
/// versions (a changed year, a corrigendum cited on one side) and free translations (`the two
/// organizations` for `ambas organizaciones`).
fn corpus_translations_mostly_agree() {
    let root = corpus_dir();
    let mut compared = 0usize;
    let mut differing = Vec::new();
    for (english, spanish) in corpus_pairs(
        &root,
        &["ECOSOC/2022", "GA/75session", "HRC/54session", "SC/2022"],
    ) {
        let (Some(english), Some(spanish)) = (parse(&english), parse(&spanish)) else {
            continue;
        };
        let eids = |document: &Document| -> Vec<Option<String>> {
            document.units.iter().map(|unit| unit.eid.clone()).collect()
        };
        if eids(&english) != eids(&spanish) {
            continue;
        }
        for (en, es) in english.units.iter().zip(&spanish.units) {
            compared += 1;
            if citations(&en.anchors) != citations(&es.anchors) {
                differing.push(format!(
                    "{:?}\n  {}\n  {}\n  {:?}\n  {:?}",
                    en.eid,
                    en.text,
                    es.text,
                    citations(&en.anchors),
                    citations(&es.anchors)
                ));
            }
        }
    }
    assert!(compared > 1_000, "only {compared} paragraph pairs compared");
    let share = differing.len() as f64 / compared as f64;
    println!("{} of {compared} paragraph pairs differ", differing.len());
    assert!(
        share < 0.015,
        "{} of {compared} pairs differ, e.g.\n{}",
        differing.len(),
        differing
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The tally without footnote calls: a few documents number their footnotes differently in
/// the two versions, which the checks compare on their own.
fn citations(anchors: &[Anchor]) -> BTreeMap<String, usize> {
    let cited: Vec<Anchor> = anchors
        .iter()
        .filter(|anchor| anchor.kind != AnchorKind::FootnoteCall)
        .cloned()
        .collect();
    tally(&cited)
}

fn parse(path: &Path) -> Option<Document> {
    Parser::new().parse_path(path).ok()
}

/// English and Spanish files of the given folders whose names differ only in the language letter
/// before the extension (`…E.xml`, `…S.xml`).
fn corpus_pairs(root: &Path, folders: &[&str]) -> Vec<(PathBuf, PathBuf)> {
    let mut pairs = Vec::new();
    for folder in folders {
        let english = root.join(folder).join("English");
        let spanish = root.join(folder).join("Spanish");
        let Ok(entries) = std::fs::read_dir(&english) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix("E.xml") else {
                continue;
            };
            let counterpart = spanish.join(format!("{stem}S.xml"));
            if counterpart.is_file() {
                pairs.push((entry.path(), counterpart));
            }
        }
    }
    pairs.sort();
    pairs
}

resalign_testkit::test_main! {
    anchor_fixtures_read_as_recorded,
    translations_give_the_same_anchors_and_errors_do_not,
    footnote_calls_are_anchors_at_their_offsets,
    extraction_never_panics_and_ranges_fit,
    corpus_translations_mostly_agree => [Corpus],
}
