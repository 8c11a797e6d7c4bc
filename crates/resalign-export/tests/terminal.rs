//! What `resalign check` and `resalign align` print: the fixture pair as snapshots, the order of
//! findings, the marks in both stylings, and excerpts that never cut a character in two
//! whatever the text and the mark ranges.

mod fixture;

use anyhow::Result;
use proptest::prelude::*;
use resalign_align::{Alignment, Finding, FindingCode, Link, Mark, MarkTarget, PairVerdict, Side};
use resalign_core::{
    Document, Language, Metadata, Severity, SourceFormat, TextRange, Unit, UnitId, UnitKind,
};
use resalign_export::terminal::{AlignmentView, CheckView, Styling};

use fixture::frozen;

#[test]
fn check_snapshot() -> Result<()> {
    let pair = frozen("faults")?;
    let view = CheckView::new(&pair.en, &pair.es, &pair.alignment, &pair.findings);
    insta::assert_snapshot!(view.to_string());
    Ok(())
}

#[test]
fn align_snapshot() -> Result<()> {
    let pair = frozen("faults")?;
    insta::assert_snapshot!(AlignmentView::new(&pair.en, &pair.es, &pair.alignment).to_string());
    Ok(())
}

#[test]
fn errors_come_first_and_the_summary_counts_them() -> Result<()> {
    let pair = frozen("faults")?;
    let text = CheckView::new(&pair.en, &pair.es, &pair.alignment, &pair.findings).to_string();
    let headings: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with(' ') && line.contains("]: "))
        .map(|line| line.split(':').next().unwrap_or_default())
        .collect();
    assert_eq!(
        headings,
        [
            "error[missing-in-spanish]",
            "error[missing-in-english]",
            "error[merged-in-spanish]",
            "error[number-mismatch]",
            "error[footnote-differs]",
            "error[footnote-differs]",
            "error[metadata-differs]",
            "warning[punctuation]",
            "note[length-ratio]",
        ]
    );
    assert_eq!(
        text.lines().last(),
        Some("7 errors, 1 warning, 1 note in 10 aligned paragraph pairs")
    );
    Ok(())
}

#[test]
fn marks_are_shown_in_both_stylings() -> Result<()> {
    let pair = frozen("faults")?;
    let mut view = CheckView::new(&pair.en, &pair.es, &pair.alignment, &pair.findings);
    let plain = view.to_string();
    assert!(plain.contains("public budgets in «2022»,"), "{plain}");
    assert!(
        plain.contains("presupuestos públicos en «2021»,"),
        "{plain}"
    );
    assert!(!plain.contains('\x1b'));

    let ansi = view.styling(Styling::Ansi).to_string();
    assert!(ansi.contains("públicos en \x1b[7m2021\x1b[0m,"), "{ansi}");
    assert!(ansi.contains("\x1b[1;31merror\x1b[0m"));
    assert!(!ansi.contains('«'));
    Ok(())
}

#[test]
fn findings_without_units_show_the_source_lines() -> Result<()> {
    let pair = frozen("faults")?;
    let text = CheckView::new(&pair.en, &pair.es, &pair.alignment, &pair.findings).to_string();
    let lines = [
        "    en line 54  *50th plenary meeting 19 December 2023*",
        "    es line 42  *50ª sesión plenaria 18 de diciembre de 2023*",
    ];
    for line in lines {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    Ok(())
}

#[test]
fn live_marks_of_the_data_pair_are_all_shown() -> Result<()> {
    let pair = fixture::data_pair()?;
    let text = CheckView::new(&pair.en, &pair.es, &pair.alignment, &pair.findings).to_string();
    for finding in &pair.findings {
        for (document, side) in [(&pair.en, &finding.en), (&pair.es, &finding.es)] {
            for mark in &side.marks {
                let marked = match &mark.target {
                    MarkTarget::Unit(id) => document.unit(id.as_str()).map(|unit| &unit.text),
                    MarkTarget::Footnote(number) => {
                        document.footnote(*number).map(|footnote| &footnote.text)
                    }
                }
                .and_then(|text| text.get(mark.range.start..mark.range.end));
                if let Some(marked) = marked {
                    assert!(text.contains(&format!("«{marked}»")), "{marked} in\n{text}");
                }
            }
        }
    }
    Ok(())
}

#[test]
fn control_characters_in_documents_do_not_reach_the_terminal() -> Result<()> {
    let hostile = "Decides \x1b[2J\x1b]0;owned\x07 to act in 2024;";
    let en = document(Language::En, hostile);
    let es = document(Language::Es, "Decide actuar en 2025;");
    let alignment = one_link();
    let findings = [Finding {
        code: FindingCode::NumberMismatch,
        severity: Severity::Error,
        message: "Number differs: \x1b[31m2024\x1b[0m".to_owned(),
        en: side(&[(33, 37)]),
        es: side(&[(17, 21)]),
        members: Vec::new(),
    }];
    for styling in [Styling::Plain, Styling::Ansi] {
        let text = CheckView::new(&en, &es, &alignment, &findings)
            .styling(styling)
            .to_string();
        let controls: Vec<&str> = text.matches(['\x1b', '\x07']).collect();
        let expected = match styling {
            Styling::Plain => 0,
            Styling::Ansi => text.matches("\x1b[").count(),
        };
        assert_eq!(controls.len(), expected, "{text:?}");
        assert!(
            !text.contains("\x1b[2J") && !text.contains("\x1b]0;"),
            "{text:?}"
        );
        assert!(text.contains("�[2J�]0;owned� to act in "), "{text:?}");
        let table = AlignmentView::new(&en, &es, &alignment).to_string();
        assert!(!table.contains('\x1b'), "{table:?}");
    }
    Ok(())
}

fn one_link() -> Alignment {
    Alignment {
        verdict: PairVerdict::SameResolution,
        links: vec![Link {
            en: vec![UnitId::new("op.1")],
            es: vec![UnitId::new("op.1")],
            score: 1.0,
            evidence: Vec::new(),
        }],
        footnote_links: Vec::new(),
        diagnostics: Vec::new(),
    }
}

/// A one-unit document holding `text`.
fn document(language: Language, text: &str) -> Document {
    Document {
        language,
        format: SourceFormat::Markdown,
        metadata: Metadata::default(),
        units: vec![Unit {
            id: UnitId::new("op.1"),
            kind: UnitKind::Operative,
            label: None,
            parent: None,
            opening_phrase: None,
            text: text.to_owned(),
            footnote_calls: Vec::new(),
            spans: Vec::new(),
            eid: None,
            anchors: Vec::new(),
        }],
        footnotes: Vec::new(),
        diagnostics: Vec::new(),
        source: text.to_owned(),
    }
}

fn side(ranges: &[(usize, usize)]) -> Side {
    Side {
        units: vec![UnitId::new("op.1")],
        footnotes: Vec::new(),
        spans: Vec::new(),
        marks: ranges
            .iter()
            .map(|&(start, end)| Mark {
                target: MarkTarget::Unit(UnitId::new("op.1")),
                range: TextRange { start, end },
            })
            .collect(),
    }
}

/// Ranges made disjoint the way a reader expects: overlapping ones are one mark.
fn disjoint(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    ranges.dedup();
    let mut result: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match result.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => result.push((start, end)),
        }
    }
    result
}

proptest! {
    /// Any text, any ranges (even ones that split a character or run past the end): the view
    /// renders, and shows every range that is a real piece of the text between markers.
    #[test]
    fn excerpts_never_split_a_character(
        text in "[a-zñáéíóúü€😀 ,.;]{0,240}",
        ranges in proptest::collection::vec((0usize..260, 0usize..40), 0..4),
    ) {
        let ranges: Vec<(usize, usize)> =
            ranges.into_iter().map(|(start, length)| (start, start + length)).collect();
        let en = document(Language::En, &text);
        let es = document(Language::Es, &text);
        let alignment = one_link();
        let findings = [Finding {
            code: FindingCode::AnchorDiffers,
            severity: Severity::Error,
            message: "differs".to_owned(),
            en: side(&ranges),
            es: side(&[]),
            members: Vec::new(),
        }];
        let rendered = CheckView::new(&en, &es, &alignment, &findings).to_string();
        let valid: Vec<(usize, usize)> = ranges
            .iter()
            .copied()
            .filter(|&(start, end)| text.get(start..end).is_some())
            .collect();
        prop_assert_eq!(rendered.matches('«').count(), disjoint(valid.clone()).len());
        prop_assert_eq!(rendered.matches('«').count(), rendered.matches('»').count());
        for line in rendered.lines().filter_map(|line| line.strip_prefix("    en op.1  ")) {
            for piece in line.replace(['«', '»'], "").split('…') {
                prop_assert!(text.contains(piece), "{piece:?} is not in {text:?}");
            }
        }
        for (start, end) in valid {
            let marked = &text[start..end];
            prop_assert!(rendered.replace(['«', '»'], "").contains(marked));
        }
        prop_assert!(rendered.ends_with("1 error, 0 warnings, 0 notes in 1 aligned paragraph pair\n"));
    }
}

/// A finding that stands for a run (a text that ends early) shows where the run starts and
/// ends, not every paragraph; the JSON record keeps every member.
#[test]
fn a_run_of_one_cause_shows_its_ends_and_keeps_its_members() -> Result<()> {
    let en_text = "*The General Assembly,*\n\n1. *Welcomes* the report of the Secretary-General;\n";
    let mut es_text = String::from(
        "*La Asamblea General,*\n\n1. *Acoge con beneplácito* el informe del Secretario General;\n",
    );
    for number in 2..=7 {
        es_text.push_str(&format!(
            "\n{number}. *Solicita* al Secretario General que le informe sobre la cuestión {number};\n"
        ));
    }
    let mut parser = resalign_core::Parser::new();
    let en = parser.language(Language::En).parse_str(en_text)?;
    let es = parser.language(Language::Es).parse_str(&es_text)?;
    let alignment = resalign_align::align(&en, &es)?;
    let findings = resalign_align::check(&en, &es, &alignment);
    let text = CheckView::new(&en, &es, &alignment, &findings).to_string();
    assert!(
        text.contains("The English text ends after op.1; 6 paragraphs"),
        "{text}"
    );
    assert!(text.contains("es … 3 more"), "{text}");
    let report = resalign_export::report::Report::checked(&en, &es, &alignment, &findings);
    let mut json = Vec::new();
    report.write_json(&mut json)?;
    let value: serde_json::Value = serde_json::from_slice(&json)?;
    let members = value["findings"][0]["members"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(members, 6);
    Ok(())
}
