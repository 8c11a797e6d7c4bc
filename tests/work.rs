//! Inputs built to make the pipeline's inner loops run away: repeated paragraph numbers, deep or
//! broken XML nesting, pairs with no paragraph unique to both sides whose lengths differ, one side
//! ten times the other, a finding with thousands of members. Each costs work in proportion to its
//! size, counted (ids probed, open elements looked at, alignment cells filled, units indexed)
//! rather than timed: the figures per megabyte are in
//! BENCHMARKS.md.

use anyhow::Result;
use resalign::align::{Aligner, FindingCode, check};
use resalign::work::{Work, counted};
use resalign::{DiagnosticCode, Document, Parser};

/// `repeats` operative paragraphs all numbered `1.`.
fn repeated_numbers(repeats: usize) -> String {
    format!(
        "*The General Assembly,*\n\n{}",
        "1. *Decides* to act;\n\n".repeat(repeats)
    )
}

/// `depth` nested `content` elements, then `stray` end tags that close nothing, inside
/// `stray` open elements that are never closed.
fn broken_xml(depth: usize, stray: usize) -> String {
    format!(
        "<akomaNtoso><act><preamble><p>The General Assembly,</p></preamble><mainBody>{}\
         Decides to act;{}{}{}",
        "<content>".repeat(depth),
        "</content>".repeat(depth),
        "<zz>".repeat(stray),
        "</yy>".repeat(stray)
    )
}

/// `count` preambular paragraphs that all read the same.
fn uniform(count: usize, formula: &str, paragraph: &str) -> String {
    format!("{formula}\n\n{}", format!("{paragraph}\n\n").repeat(count))
}

fn parse(text: &str) -> Result<(Document, u64, u64)> {
    let (document, counts) = counted(|| Parser::new().parse_str(text));
    Ok((
        document?,
        counts.get(Work::IdProbes),
        counts.get(Work::XmlStackSteps),
    ))
}

#[test]
fn repeated_paragraph_numbers_cost_one_id_probe_each() -> Result<()> {
    let mut probes = Vec::new();
    for repeats in [1000, 2000] {
        let (document, id_probes, _) = parse(&repeated_numbers(repeats))?;
        assert_eq!(document.units.len(), repeats);
        let last = document.units.last().map(|unit| unit.id.as_str());
        assert_eq!(last, Some(format!("op.1~{repeats}").as_str()));
        assert!(
            id_probes <= 2 * document.units.len() as u64,
            "{id_probes} probes for {} units",
            document.units.len()
        );
        probes.push(id_probes);
    }
    assert!(probes[1] <= probes[0] * 21 / 10, "{probes:?}");
    Ok(())
}

#[test]
fn deep_or_broken_xml_costs_steps_in_proportion_to_its_tags() -> Result<()> {
    let mut steps = Vec::new();
    for size in [2000, 4000] {
        let text = broken_xml(size, size);
        let (document, _, stack_steps) = parse(&text)?;
        assert!(
            document
                .units
                .iter()
                .any(|unit| unit.text == "Decides to act;")
        );
        let tags = text.matches('<').count() as u64;
        assert!(
            stack_steps <= 4 * tags,
            "{stack_steps} steps for {tags} tags"
        );
        steps.push(stack_steps);
    }
    assert!(steps[1] <= steps[0] * 21 / 10, "{steps:?}");
    Ok(())
}

/// Aligns and checks the pair, and returns the cells the search filled.
fn aligned_cells(en: &Document, es: &Document) -> Result<(u64, bool)> {
    let (alignment, counts) = counted(|| Aligner::new().align(en, es));
    let alignment = alignment?;
    let linked: usize = alignment.links.iter().map(|link| link.en.len()).sum();
    assert_eq!(linked, en.units.len(), "every English unit in one link");
    let linked: usize = alignment.links.iter().map(|link| link.es.len()).sum();
    assert_eq!(linked, es.units.len(), "every Spanish unit in one link");
    let narrowed = alignment
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code == DiagnosticCode::AlignmentNarrowed);
    let reported = check(en, es, &alignment)
        .iter()
        .any(|finding| finding.code == FindingCode::AlignmentNarrowed);
    assert_eq!(narrowed, reported, "the checks report a narrowed search");
    Ok((counts.get(Work::AlignmentCells), narrowed))
}

/// The aligner's budget: three cells per unit and per cell of its default band width, or a
/// megabyte of cells for short pairs.
fn budget(en: &Document, es: &Document) -> u64 {
    let units = (en.units.len() + es.units.len() + 2) as u64;
    (3 * 21 * units).max(1 << 20)
}

#[test]
fn uniform_pairs_whose_lengths_differ_are_aligned_within_the_cell_budget() -> Result<()> {
    let en = Parser::new().parse_str(&uniform(
        2400,
        "*The General Assembly,*",
        "*Recalling* its resolution of the Assembly,",
    ))?;
    let es = Parser::new().parse_str(&uniform(
        1200,
        "*La Asamblea General,*",
        "*Recordando* su resolución de la Asamblea,",
    ))?;
    let (cells, narrowed) = aligned_cells(&en, &es)?;
    // The corridor the difference in length asks for holds every row times the difference.
    let wanted = (en.units.len() * es.units.len()) as u64;
    assert!(narrowed, "a search this wide is narrowed and says so");
    assert!(cells <= budget(&en, &es), "{cells} cells");
    assert!(cells < wanted / 2, "{cells} cells of {wanted}");
    Ok(())
}

#[test]
fn one_side_ten_times_the_other_is_aligned_within_the_cell_budget() -> Result<()> {
    let numbered = |count: usize, text: &str| -> String {
        (1..=count)
            .map(|number| format!("{number}. {text} {number};\n\n"))
            .collect()
    };
    let en = Parser::new().parse_str(&format!(
        "*The General Assembly,*\n\n{}",
        numbered(500, "*Decides* to act on item")
    ))?;
    let es = Parser::new().parse_str(&format!(
        "*La Asamblea General,*\n\n{}",
        numbered(50, "*Decide* actuar sobre el tema")
    ))?;
    let (cells, _) = aligned_cells(&en, &es)?;
    assert!(cells <= budget(&en, &es), "{cells} cells");
    Ok(())
}

/// A Spanish text that ends early gives one finding whose members are every English paragraph
/// left over; each output looks the units up in an index it builds once, never once per member.
#[test]
fn a_run_of_thousands_of_missing_paragraphs_is_written_in_linear_work() -> Result<()> {
    use resalign::export::csv::write_findings_csv;
    use resalign::export::html::PairReport;
    use resalign::export::report::Report;
    use resalign::export::terminal::CheckView;
    use resalign::export::xliff::XliffWriterBuilder;

    let numbered = |count: usize, paragraph: &dyn Fn(usize) -> String| -> String {
        (1..=count)
            .map(|number| format!("{number}. {}\n\n", paragraph(number)))
            .collect()
    };
    let en = Parser::new().parse_str(&format!(
        "*The General Assembly,*\n\n{}",
        numbered(2000, &|n| format!(
            "*Decides* to consider document A/{n}/L.{};",
            n % 97
        ))
    ))?;
    let es = Parser::new().parse_str(&format!(
        "*La Asamblea General,*\n\n{}",
        numbered(40, &|n| format!(
            "*Decide* examinar el documento A/{n}/L.{};",
            n % 97
        ))
    ))?;
    let alignment = Aligner::new().align(&en, &es)?;
    let findings = check(&en, &es, &alignment);
    let members: usize = findings.iter().map(|finding| finding.members.len()).sum();
    assert!(members >= 1900, "{members} members in {findings:?}");
    let units = (en.units.len() + es.units.len()) as u64;
    let mut out = Vec::new();
    let (written, counts) = counted(|| -> Result<()> {
        Report::checked(&en, &es, &alignment, &findings).write_json(&mut out)?;
        write_findings_csv(&mut out, "pair", &en, &es, &findings)?;
        PairReport::new(&en, &es, &alignment)
            .findings(&findings)
            .write(&mut out)?;
        let mut xliff = XliffWriterBuilder::new().build(&mut out)?;
        xliff.add_pair(&en, &es, &alignment, &findings)?;
        xliff.finish()?;
        let _ = CheckView::new(&en, &es, &alignment, &findings).to_string();
        Ok(())
    });
    written?;
    let indexed = counts.get(Work::UnitsIndexed);
    assert!(
        indexed <= 20 * units,
        "{indexed} units indexed for {units} units"
    );
    Ok(())
}
