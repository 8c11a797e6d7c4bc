//! The HTML report in a real browser: headless Chromium renders the report of the data pair and
//! of a pair full of hostile text, the DOM it builds is read back, and screenshots are kept in
//! `target/html-report/` for a person to look at.
//!
//! Without Chromium the tests are reported ignored, unless `CI` is set, where they fail.

mod html_fixture;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, ensure};

use html_fixture::{Pair, data_pair, load_fixture, render};
use resalign_align::FindingCode;
use resalign_export::html::{FindingCounts, IndexPage, IndexRow, PairStatus, UnpairedRow, escape};
use resalign_testkit::browser::chromium;

fn data_pair_report_shows_both_texts_and_the_findings() -> Result<()> {
    let browser = chromium()?;
    let pair = data_pair()?;
    let findings = pair
        .findings
        .as_deref()
        .context("the data pair is checked")?;
    ensure!(!findings.is_empty(), "the data pair has deliberate faults");
    let page = render(&pair, |_| {})?;
    let report = write_artifact("report.html", &page)?;
    let dom = browser.dump_dom(&report)?;

    for finding in findings {
        let message = escape(&finding.message);
        ensure!(
            dom.contains(&*message),
            "finding not shown: {}",
            finding.message
        );
    }
    // The deliberate fault of the third preambular paragraph, marked on both sides.
    ensure!(
        dom.contains(">64/293</mark>"),
        "English 64/293 is not marked"
    );
    ensure!(
        dom.contains(">64/239</mark>"),
        "Spanish 64/239 is not marked"
    );
    for (document, lang) in [(&pair.en, "en"), (&pair.es, "es")] {
        ensure!(dom.contains(&format!("lang=\"{lang}\"")), "no {lang} cells");
        for unit in &document.units {
            let words: String = unit.text.chars().take(30).collect();
            let first_words = escape(words.split(' ').next().unwrap_or(""));
            ensure!(
                dom.contains(&format!("id=\"{lang}-{}\"", unit.id)),
                "{lang} unit {} not on the page",
                unit.id
            );
            ensure!(
                dom.contains(&*first_words),
                "{lang} {} text not shown",
                unit.id
            );
        }
    }
    ensure!(
        dom.contains("class=\"filter\" id=\"filter\"") && !dom.contains("id=\"filter\" hidden"),
        "the script did not show the filter control"
    );

    let screenshot = artifact_path("report.png")?;
    browser.screenshot(&report, &screenshot, "1400,2000")?;
    ensure_png(&screenshot)
}

fn hostile_text_stays_text_in_the_browser() -> Result<()> {
    let browser = chromium()?;
    let pair = load_fixture("hostile")?;
    let page = render(&pair, |report| {
        report.title("</title><script>document.body.dataset.pwned = 'title'</script>");
    })?;
    let report = write_artifact("hostile.html", &page)?;
    let dom = browser.dump_dom(&report)?;
    ensure!(
        !dom.contains("pwned=\""),
        "a script from the input ran: {}",
        pwned_part(&dom)
    );
    ensure!(!dom.contains("<img"), "an element from the input was built");
    ensure!(
        dom.matches("<script").count() == 1,
        "a script element from the input"
    );
    let fixture_text = hostile_fixture_text(&pair);
    for piece in HOSTILE_PIECES {
        ensure!(fixture_text.contains(piece), "the fixture lost `{piece}`");
        ensure!(
            dom.contains(&*escape_for_dom(piece)),
            "not shown as text: {piece}"
        );
    }
    let screenshot = artifact_path("hostile.png")?;
    browser.screenshot(&report, &screenshot, "1400,2200")?;
    ensure_png(&screenshot)
}

fn different_resolutions_show_a_banner_first() -> Result<()> {
    let browser = chromium()?;
    let pair = load_fixture("different_resolutions")?;
    let page = render(&pair, |_| {})?;
    let report = write_artifact("different.html", &page)?;
    let dom = browser.dump_dom(&report)?;
    let banner = dom.find("role=\"alert\"").context("no banner")?;
    let documents = dom.find("id=\"documents\"").context("no documents table")?;
    ensure!(banner < documents, "the banner is not above the documents");
    ensure!(dom.contains("These look like two different resolutions"));
    let screenshot = artifact_path("different.png")?;
    browser.screenshot(&report, &screenshot, "1400,1000")?;
    ensure_png(&screenshot)
}

fn large_resolution_renders_in_the_browser() -> Result<()> {
    let pair = html_fixture::corpus_pair("GA/75session", "75_239")?;
    let browser = chromium()?;
    let page = render(&pair, |_| {})?;
    let report = write_artifact("large.html", &page)?;
    let started = Instant::now();
    let dom = browser.dump_dom(&report)?;
    let rows = dom.matches("<tr class=\"link ").count();
    let links = pair.alignment.links.len() + pair.alignment.footnote_links.len();
    ensure!(rows == links, "{rows} rows rendered for {links} links");
    println!(
        "rendered {} links ({} KB) in {:?}",
        rows,
        page.len() / 1024,
        started.elapsed()
    );
    let screenshot = artifact_path("large.png")?;
    browser.screenshot(&report, &screenshot, "1400,2000")?;
    ensure_png(&screenshot)
}

/// Pieces of `tests/fixtures/html/hostile.json` that must reach the reader as the very text
/// they are, markup-looking characters included.
const HOSTILE_PIECES: [&str; 7] = [
    "<script>document.body.dataset.pwned = 'text'</script>",
    "&amp; &lt;not a tag&gt; ]]> \"double\" 'single',",
    "Requests\"><img src=x onerror=\"document.body.dataset.pwned='attribute'\"> the <!-- comment --> Secretary-General",
    "</td></tr></table><script>document.body.dataset.pwned = 'es'</script>",
    "See <a href=\"javascript:alert(",
    "The <i>General</i> Assembly & \"friends\",",
    "<1>.",
];

/// Every text of the fixture's documents, to tell that the pieces above are still in it.
fn hostile_fixture_text(pair: &Pair) -> String {
    let mut text = String::new();
    for document in [&pair.en, &pair.es] {
        let units = document.units.iter();
        for unit in units {
            text.extend(unit.label.as_ref().map(|label| label.printed.clone()));
            text.push_str(&unit.text);
            text.push('\n');
        }
        for footnote in &document.footnotes {
            text.push_str(&footnote.text);
            text.push('\n');
        }
        if let Some(formula) = &document.metadata.enacting_formula {
            text.push_str(&formula.value);
        }
    }
    text
}

/// What Chromium's DOM serializer writes for a text node: `&`, `<`, `>` and no-break spaces
/// escaped, quotes as they are.
fn escape_for_dom(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

fn pwned_part(dom: &str) -> &str {
    let start = dom.find("pwned").unwrap_or(0);
    let end = (start + 80).min(dom.len());
    dom.get(start.saturating_sub(80)..end).unwrap_or("")
}

fn artifact_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/html-report")
}

fn artifact_path(name: &str) -> Result<PathBuf> {
    let dir = artifact_dir();
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join(name))
}

fn write_artifact(name: &str, page: &str) -> Result<PathBuf> {
    let path = artifact_path(name)?;
    std::fs::write(&path, page)?;
    Ok(path.canonicalize()?)
}

fn ensure_png(path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("no screenshot {}", path.display()))?;
    ensure!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "{} is not a screenshot",
        path.display()
    );
    println!("screenshot kept: {}", path.display());
    Ok(())
}

/// Drives the report's keys and filters from a script run after the page's own, and reads back
/// what it saw: which place each key moved to, and what the filters left shown.
const KEYBOARD_DRIVER: &str = r#"<script>
(function () {
  var key = function (name) {
    document.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true }));
  };
  var current = function () {
    var place = document.querySelector(".current");
    return place ? place.id : null;
  };
  var shownRows = function () {
    return Array.prototype.filter.call(document.querySelectorAll("tr.link"), function (row) {
      return row.offsetParent !== null;
    }).length;
  };
  var stops = Array.prototype.map.call(document.querySelectorAll("[data-findings]"), function (stop) {
    return stop.id;
  });
  var walk = [];
  for (var step = 0; step <= stops.length; step += 1) {
    key(step % 2 === 0 ? "j" : "n");
    walk.push(current());
  }
  var back = [];
  key("k");
  back.push(current());
  key("p");
  back.push(current());
  var rowsBefore = shownRows();
  key("f");
  var onlyOn = document.body.classList.contains("findings-only");
  var rowsFindingsOnly = shownRows();
  var code = document.getElementById("code-filter");
  code.value = "footnote-differs";
  code.dispatchEvent(new Event("change"));
  var rowsOneCode = shownRows();
  var notesShown = Array.prototype.filter.call(document.querySelectorAll("li[data-code]"), function (item) {
    return !item.hidden;
  }).map(function (item) { return item.getAttribute("data-code"); });
  key("j");
  var afterFilter = current();
  code.value = "";
  code.dispatchEvent(new Event("change"));
  document.querySelector("input[data-severity='error']").click();
  var noErrors = document.getElementById("finding-position").textContent;
  key("f");
  var results = {
    stops: stops, walk: walk, back: back, rowsBefore: rowsBefore, onlyOn: onlyOn,
    rowsFindingsOnly: rowsFindingsOnly, rowsOneCode: rowsOneCode, notesShown: notesShown,
    afterFilter: afterFilter, noErrors: noErrors,
    onlyOff: !document.body.classList.contains("findings-only")
  };
  var out = document.createElement("pre");
  out.id = "driver-results";
  out.textContent = JSON.stringify(results);
  document.body.appendChild(out);
})();
</script>"#;

/// What the driver found, read from the DOM it left.
fn driver_results(dom: &str) -> Result<serde_json::Value> {
    let start = dom
        .find("<pre id=\"driver-results\">")
        .context("the driver did not run")?
        + "<pre id=\"driver-results\">".len();
    let end = start + dom[start..].find("</pre>").context("unclosed results")?;
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    Ok(serde_json::from_str(&json)?)
}

fn keys_move_between_findings_and_filters_narrow_them() -> Result<()> {
    let browser = chromium()?;
    let pair = data_pair()?;
    let page = render(&pair, |_| {})?;
    let driven = page.replacen("</body>", &format!("{KEYBOARD_DRIVER}</body>"), 1);
    let report = write_artifact("keyboard.html", &driven)?;
    let results = driver_results(&browser.dump_dom(&report)?)?;
    let stops: Vec<&str> = results["stops"]
        .as_array()
        .context("stops")?
        .iter()
        .filter_map(|stop| stop.as_str())
        .collect();
    // The data pair's five faults are in four paragraph rows and the row of footnote 2.
    ensure!(stops.len() == 5, "places with findings: {stops:?}");
    ensure!(
        stops.contains(&"fn-row-en-2"),
        "the footnote row is not a stop: {stops:?}"
    );
    let walk: Vec<&str> = results["walk"]
        .as_array()
        .context("walk")?
        .iter()
        .filter_map(|stop| stop.as_str())
        .collect();
    // j and n go through every place in order, and stay on the last one.
    ensure!(walk[..5] == stops[..], "j/n walked {walk:?}");
    ensure!(
        walk[5] == stops[4],
        "j past the last place moved to {}",
        walk[5]
    );
    ensure!(
        results["back"] == serde_json::json!([stops[3], stops[2]]),
        "k/p went to {}",
        results["back"]
    );
    ensure!(results["onlyOn"] == true, "f did not turn findings-only on");
    let (before, only, one_code) = (
        results["rowsBefore"].as_u64().unwrap_or(0),
        results["rowsFindingsOnly"].as_u64().unwrap_or(0),
        results["rowsOneCode"].as_u64().unwrap_or(0),
    );
    ensure!(
        before > 30 && only == 5 && one_code == 1,
        "rows shown: {before} at first, {only} with findings only, {one_code} for one code"
    );
    ensure!(
        results["notesShown"].as_array().is_some_and(
            |codes| !codes.is_empty() && codes.iter().all(|code| code == "footnote-differs")
        ),
        "the code filter left other findings shown: {}",
        results["notesShown"]
    );
    // With one code shown, j from the third place skips to the only place of that code.
    ensure!(
        results["afterFilter"] == "fn-row-en-2",
        "k went to {}",
        results["afterFilter"]
    );
    ensure!(
        results["noErrors"] == "no finding shown",
        "with errors unticked: {}",
        results["noErrors"]
    );
    ensure!(
        results["onlyOff"] == true,
        "f did not turn findings-only off"
    );
    Ok(())
}

/// Sorts and filters the index from a script run once the page has loaded, timing each step.
const INDEX_DRIVER: &str = r##"<script>
window.addEventListener("load", function () {
  var navigation = performance.getEntriesByType("navigation")[0];
  var results = {
    loadedMs: Math.round(performance.now()),
    domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd)
  };
  var visible = function () {
    return Array.prototype.filter.call(document.querySelectorAll("#pairs tbody tr"), function (row) {
      return !row.hidden;
    });
  };
  var firstIds = function (count) {
    return visible().slice(0, count).map(function (row) { return row.cells[0].textContent; });
  };
  var timed = function (name, action) {
    var started = performance.now();
    action();
    results[name + "Ms"] = Math.round(performance.now() - started);
  };
  var sortButton = function (column) {
    return document.querySelector("button.sort[data-column='" + column + "']");
  };
  results.natural = firstIds(3);
  timed("sortErrors", function () { sortButton(4).click(); });
  results.mostErrors = visible()[0].cells[4].textContent;
  sortButton(4).click();
  results.fewestErrors = visible()[0].cells[4].textContent;
  timed("sortPair", function () { sortButton(0).click(); });
  results.pairAscending = firstIds(1);
  sortButton(0).click();
  results.pairDescending = firstIds(1);
  var status = document.getElementById("status-filter");
  timed("filterStatus", function () {
    status.value = "failed";
    status.dispatchEvent(new Event("change"));
  });
  results.failed = visible().length;
  status.value = "";
  status.dispatchEvent(new Event("change"));
  var code = document.getElementById("code-filter");
  code.value = "footnote-differs";
  code.dispatchEvent(new Event("change"));
  results.withCode = visible().length;
  code.value = "";
  code.dispatchEvent(new Event("change"));
  var text = document.getElementById("text-filter");
  timed("filterText", function () {
    text.value = "sc/2022/123";
    text.dispatchEvent(new Event("input"));
  });
  results.withText = firstIds(20);
  results.shown = document.getElementById("shown-count").textContent;
  var out = document.createElement("pre");
  out.id = "driver-results";
  out.textContent = JSON.stringify(results);
  document.body.appendChild(out);
});
</script>"##;

/// The folders of the generated corpus, as a batch of the AKN4UN layout names its pairs.
const FOLDERS: [&str; 4] = ["GA/75session", "ECOSOC/2022", "SC/2022", "HRC/54session"];

/// Ten thousand pairs as a batch lists them: in the text order of their ids, every 50th failed,
/// others with errors, warnings or nothing, and a few footnote findings.
fn generated_index_rows() -> Vec<IndexRow> {
    let mut rows: Vec<IndexRow> = (0..10_000usize)
        .map(|index| {
            let folder = FOLDERS[index % FOLDERS.len()];
            let number = index / FOLDERS.len() + 1;
            let pair_id = format!("{folder}/{number}");
            let mut codes = BTreeMap::new();
            let errors = index % 7 % 3;
            if errors > 0 {
                codes.insert(FindingCode::AnchorDiffers, errors);
            }
            if index % 97 == 0 {
                codes.insert(FindingCode::FootnoteDiffers, 1);
            }
            let status = if index % 50 == 0 {
                codes.clear();
                PairStatus::Failed {
                    reason: format!("{pair_id}_S.xml: the file is empty"),
                }
            } else {
                PairStatus::Checked(FindingCounts {
                    errors: errors + usize::from(index % 97 == 0),
                    warnings: index % 5 % 2,
                    info: 0,
                })
            };
            IndexRow {
                title: Some(format!("Resolution {number} of {folder}")),
                en_symbol: Some(format!("A/RES/{number}")),
                es_symbol: Some(format!("A/RES/{number}")),
                report: Some(format!("pairs/{pair_id}.html")),
                pair_id,
                status,
                codes,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.pair_id.cmp(&b.pair_id));
    rows
}

fn index_of_ten_thousand_pairs_sorts_and_filters_in_the_browser() -> Result<()> {
    let browser = chromium()?;
    let rows = generated_index_rows();
    let failed = rows
        .iter()
        .filter(|row| matches!(row.status, PairStatus::Failed { .. }))
        .count();
    let with_footnote_code = rows
        .iter()
        .filter(|row| row.codes.contains_key(&FindingCode::FootnoteDiffers))
        .count();
    let unpaired = [UnpairedRow {
        path: "GA/75session/English/75_999_E.xml".to_owned(),
        reason: "English file without a Spanish counterpart".to_owned(),
    }];
    let mut page = Vec::new();
    IndexPage::new(&rows).unpaired(&unpaired).write(&mut page)?;
    let page = String::from_utf8(page)?;
    let driven = page.replacen("</body>", &format!("{INDEX_DRIVER}</body>"), 1);
    let index = write_artifact("index-10000.html", &driven)?;
    let results = driver_results(&browser.dump_dom(&index)?)?;
    ensure!(
        results["natural"]
            == serde_json::json!(["ECOSOC/2022/1", "ECOSOC/2022/2", "ECOSOC/2022/3"]),
        "not in natural order: {}",
        results["natural"]
    );
    ensure!(
        results["mostErrors"] == "3",
        "errors descending start with {}",
        results["mostErrors"]
    );
    ensure!(
        results["fewestErrors"] == "",
        "errors ascending start with {}",
        results["fewestErrors"]
    );
    ensure!(
        results["pairAscending"] == serde_json::json!(["ECOSOC/2022/1"]),
        "pairs ascending start with {}",
        results["pairAscending"]
    );
    ensure!(
        results["pairDescending"] == serde_json::json!(["SC/2022/2500"]),
        "pairs descending start with {}",
        results["pairDescending"]
    );
    ensure!(
        results["failed"] == failed,
        "{} failed rows shown, {failed} expected",
        results["failed"]
    );
    ensure!(
        results["withCode"] == with_footnote_code,
        "{} rows with footnote-differs, {with_footnote_code} expected",
        results["withCode"]
    );
    let with_text: Vec<&str> = results["withText"]
        .as_array()
        .context("withText")?
        .iter()
        .filter_map(|id| id.as_str())
        .collect();
    // The rows keep the last sort (pair, descending) while filtered.
    ensure!(
        with_text
            == [
                "SC/2022/1239",
                "SC/2022/1238",
                "SC/2022/1237",
                "SC/2022/1236",
                "SC/2022/1235",
                "SC/2022/1234",
                "SC/2022/1233",
                "SC/2022/1232",
                "SC/2022/1231",
                "SC/2022/1230",
                "SC/2022/123"
            ],
        "text filter shows {with_text:?}"
    );
    ensure!(
        results["shown"] == "11 of 10000 pairs shown",
        "{}",
        results["shown"]
    );
    println!(
        "index of {} pairs ({} KB): DOMContentLoaded {} ms, load {} ms; sort by errors {} ms, by pair {} ms; \
         status filter {} ms, text filter {} ms",
        rows.len(),
        page.len() / 1024,
        results["domContentLoadedMs"],
        results["loadedMs"],
        results["sortErrorsMs"],
        results["sortPairMs"],
        results["filterStatusMs"],
        results["filterTextMs"]
    );
    Ok(())
}

resalign_testkit::test_main! {
    data_pair_report_shows_both_texts_and_the_findings => [Chromium],
    hostile_text_stays_text_in_the_browser => [Chromium],
    different_resolutions_show_a_banner_first => [Chromium],
    large_resolution_renders_in_the_browser => [Corpus, Chromium],
    keys_move_between_findings_and_filters_narrow_them => [Chromium],
    index_of_ten_thousand_pairs_sorts_and_filters_in_the_browser => [Chromium],
}
