//! The pair report, page by page: every fixture in `tests/fixtures/html/` is rendered, its
//! markup must hold together (tags closed in order, ids unique, every `#` link landing on an
//! id), every unit and footnote must have its place, and the page body is kept as a snapshot.

mod html_fixture;

use anyhow::{Result, ensure};

use html_fixture::{
    Pair, fixture_names, load_fixture, markup_problems, one_block_per_line, render,
    without_constants,
};
use resalign_core::Language;
use resalign_export::html::FilterScript;

#[test]
fn fixtures_render_to_their_snapshots() -> Result<()> {
    let names = fixture_names()?;
    ensure!(names.len() >= 5, "fixtures missing: {names:?}");
    for name in names {
        let pair = load_fixture(&name)?;
        let page = render(&pair, |_| {})?;
        let problems = markup_problems(&page);
        ensure!(problems.is_empty(), "{name}: {problems:#?}");
        ensure_everything_has_its_place(&name, &pair, &page)?;
        insta::assert_snapshot!(name.clone(), one_block_per_line(&without_constants(&page)));
    }
    Ok(())
}

/// Every unit and footnote of both documents is on the page under its id; every finding is
/// listed once under its own id.
fn ensure_everything_has_its_place(name: &str, pair: &Pair, page: &str) -> Result<()> {
    for (language, document) in [(Language::En, &pair.en), (Language::Es, &pair.es)] {
        let prefix = language.code();
        for unit in &document.units {
            let plain_id = unit
                .id
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.');
            if plain_id {
                let id = format!("id=\"{prefix}-{}\"", unit.id);
                ensure!(page.contains(&id), "{name}: no {id}");
            }
        }
        for footnote in &document.footnotes {
            let id = format!("id=\"fn-{prefix}-{}\"", footnote.number);
            ensure!(page.contains(&id), "{name}: no {id}");
        }
    }
    let findings = pair.findings.as_deref().unwrap_or_default();
    for number in 1..=findings.len() {
        let id = format!("id=\"finding-{number}\"");
        ensure!(
            page.matches(&id).count() == 1,
            "{name}: {id} not listed once"
        );
    }
    ensure!(
        !page.contains(&format!("id=\"finding-{}\"", findings.len() + 1)),
        "{name}: more findings listed than given"
    );
    Ok(())
}

#[test]
fn a_report_of_the_alignment_alone_says_the_checks_did_not_run() -> Result<()> {
    let pair = load_fixture("alignment_only")?;
    let page = render(&pair, |_| {})?;
    ensure!(page.contains("The checks were not run"));
    let clean = render(&load_fixture("checked_clean")?, |_| {})?;
    ensure!(clean.contains("The checks found nothing to report."));
    ensure!(!clean.contains("The checks were not run"));
    Ok(())
}

#[test]
fn the_page_reads_fully_without_the_script() -> Result<()> {
    let pair = load_fixture("faults")?;
    let with_script = render(&pair, |_| {})?;
    let without = render(&pair, |report| {
        report.filter_script(FilterScript::Omit);
    })?;
    ensure!(with_script.contains("<script>") && with_script.contains("id=\"filter\""));
    ensure!(!without.contains("<script") && !without.contains("id=\"filter\""));
    ensure!(markup_problems(&without).is_empty());
    // Only the script and its control differ: every row is there either way.
    let rows = |page: &str| page.matches("<tr class=\"link ").count();
    ensure!(rows(&with_script) == rows(&without));
    Ok(())
}

#[test]
fn scores_show_below_the_threshold_only() -> Result<()> {
    let pair = load_fixture("faults")?;
    let shown = |page: &str| page.matches("class=\"score\"").count();
    let default_page = render(&pair, |_| {})?;
    ensure!(
        shown(&default_page) == scores_below(&pair, 0.75),
        "default threshold"
    );
    let strict_page = render(&pair, |report| {
        report.low_score_below(0.95);
    })?;
    ensure!(
        shown(&strict_page) == scores_below(&pair, 0.95),
        "threshold 0.95"
    );
    ensure!(
        scores_below(&pair, 0.95) > scores_below(&pair, 0.75),
        "the fixture has scores between the thresholds"
    );
    Ok(())
}

/// Links and footnote links scoring below `threshold`.
fn scores_below(pair: &Pair, threshold: f64) -> usize {
    let alignment = &pair.alignment;
    let links = alignment.links.iter().map(|link| link.score);
    let footnote_links = alignment.footnote_links.iter().map(|link| link.score);
    links
        .chain(footnote_links)
        .filter(|score| *score < threshold)
        .count()
}

#[test]
fn the_title_can_be_set() -> Result<()> {
    let pair = load_fixture("checked_clean")?;
    let page = render(&pair, |report| {
        report.title("Review of S/RES/2618 (2022) & annexes");
    })?;
    ensure!(page.contains("<title>Review of S/RES/2618 (2022) &amp; annexes</title>"));
    let default = render(&pair, |_| {})?;
    ensure!(default.contains("<title>S/RES/2618 (2022): English and Spanish</title>"));
    Ok(())
}
