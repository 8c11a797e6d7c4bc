//! A 300-paragraph resolution from the corpus (General Assembly 75/239, oceans and the law of
//! the sea: 464 English units, 149 footnotes) makes a page that holds together and stays a
//! reasonable size. Rendering it in a browser is in `html_browser.rs`. Ignored where the corpus
//! is absent.

mod html_fixture;

use std::time::Instant;

use anyhow::{Result, ensure};

use html_fixture::{corpus_pair, markup_problems, render};

/// Bytes of page per byte of the two texts: markup, marks and the findings over the text.
/// A page far heavier than this would be slow to open and to search.
const MAX_PAGE_PER_TEXT: usize = 8;

fn large_resolution_page_holds_together() -> Result<()> {
    let pair = corpus_pair("GA/75session", "75_239")?;
    ensure!(
        pair.en.units.len() >= 300,
        "75/239 should have 300+ paragraphs"
    );
    let started = Instant::now();
    let page = render(&pair, |_| {})?;
    let elapsed = started.elapsed();
    let problems = markup_problems(&page);
    ensure!(problems.is_empty(), "{problems:#?}");
    let text_bytes: usize = [&pair.en, &pair.es]
        .iter()
        .flat_map(|document| {
            let units = document.units.iter().map(|unit| unit.text.len());
            units.chain(
                document
                    .footnotes
                    .iter()
                    .map(|footnote| footnote.text.len()),
            )
        })
        .sum();
    ensure!(
        page.len() < MAX_PAGE_PER_TEXT * text_bytes,
        "{} bytes of page for {text_bytes} bytes of text",
        page.len()
    );
    let rows = page.matches("<tr class=\"link ").count();
    let links = pair.alignment.links.len() + pair.alignment.footnote_links.len();
    ensure!(rows == links, "{rows} rows for {links} links");
    println!(
        "{} links, {} findings: {} KB of page for {} KB of text, written in {elapsed:?}",
        pair.alignment.links.len(),
        pair.findings.as_ref().map_or(0, Vec::len),
        page.len() / 1024,
        text_bytes / 1024
    );
    Ok(())
}

resalign_testkit::test_main! {
    large_resolution_page_holds_together => [Corpus],
}
