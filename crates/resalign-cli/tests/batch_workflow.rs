//! The reviser's day with `resalign batch`: findings.csv beside the JSON Lines, a baseline for
//! the whole corpus, the finding filters, the corpus TMX without the units a finding is about,
//! and the index page (natural order, titles, totals per code, unpaired files), sorted and
//! filtered in Chromium.

mod common;

use std::path::Path;

use anyhow::{Context, Result, ensure};
use serde_json::Value;

use common::{data, repository, resalign_in, rows, spreadsheet, stderr};
use resalign_testkit::browser::chromium;

/// A corpus in language folders: pair `1` is the data pair, `2` a clean pair, `10` the data pair
/// again, and `en/99.md` has no Spanish version.
struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new() -> Result<Corpus> {
        let dir = tempfile::tempdir()?;
        let clean = repository().join("crates/resalign-core/tests/fixtures/text");
        for language in ["en", "es"] {
            std::fs::create_dir_all(dir.path().join("corpus").join(language))?;
        }
        let files = [
            ("en/1.md", data("E_RES_2013_41.en.md")),
            ("es/1.md", data("E_RES_2013_41.es.md")),
            ("en/2.md", clean.join("en_ecosoc.md")),
            ("es/2.md", clean.join("es_ecosoc.md")),
            ("en/10.md", data("E_RES_2013_41.en.md")),
            ("es/10.md", data("E_RES_2013_41.es.md")),
            ("en/99.md", clean.join("en_ecosoc.md")),
        ];
        for (name, source) in files {
            std::fs::copy(&source, dir.path().join("corpus").join(name))
                .with_context(|| source.display().to_string())?;
        }
        Ok(Corpus { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        resalign_in(self.path(), args)
    }

    fn lines(&self, file: &str) -> Result<Vec<Value>> {
        let text = std::fs::read_to_string(self.path().join(file)).context(file.to_owned())?;
        text.lines()
            .map(|line| Ok(serde_json::from_str(line)?))
            .collect()
    }

    fn json(&self, file: &str) -> Result<Value> {
        Ok(serde_json::from_slice(&std::fs::read(
            self.path().join(file),
        )?)?)
    }
}

fn findings_csv_and_a_corpus_baseline_leave_only_new_findings() -> Result<()> {
    let corpus = Corpus::new()?;
    let first = corpus.run(&[
        "batch",
        "corpus",
        "--out",
        "first",
        "--format",
        "csv",
        "--write-baseline",
        "accepted.toml",
        "--no-timings",
        "--quiet",
    ]);
    ensure!(first.status.code() == Some(0), "{}", stderr(&first));
    let findings = corpus.lines("first/findings.jsonl")?;
    ensure!(findings.len() == 10, "{} findings", findings.len());
    let read = spreadsheet("csv", &corpus.path().join("first/findings.csv"))?;
    ensure!(read["bom"] == true);
    let rows = rows(&read["rows"]);
    ensure!(rows.len() == findings.len() + 1);
    for (row, line) in rows[1..].iter().zip(&findings) {
        ensure!(row[0] == line["pair"] && row[1] == line["code"] && row[7] == line["message"]);
    }
    let baseline = std::fs::read_to_string(corpus.path().join("accepted.toml"))?;
    ensure!(baseline.matches("[[finding]]").count() == 10);
    ensure!(baseline.contains("pair = \"10\"") && baseline.contains("pair = \"1\""));

    let edited = corpus.path().join("corpus/es/10.md");
    let text = std::fs::read_to_string(&edited)?;
    std::fs::write(
        &edited,
        text.replacen("resolución 2008/33", "resolución 2008/38", 1),
    )?;
    let second = corpus.run(&[
        "batch",
        "corpus",
        "--out",
        "second",
        "--baseline",
        "accepted.toml",
        "--no-timings",
        "--quiet",
    ]);
    ensure!(second.status.code() == Some(0), "{}", stderr(&second));
    let new = corpus.lines("second/findings.jsonl")?;
    ensure!(new.len() == 1, "{new:?}");
    ensure!(
        new[0]["pair"] == "10"
            && new[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("2008/38"))
    );
    let summary = corpus.json("second/summary.json")?;
    ensure!(summary["findings_in_baseline"] == 10, "{summary}");

    // A resumed run must show the findings the way the run it continues did.
    let resumed = corpus.run(&[
        "batch",
        "corpus",
        "--out",
        "second",
        "--resume",
        "--no-timings",
        "--quiet",
    ]);
    ensure!(resumed.status.code() == Some(2));
    ensure!(
        stderr(&resumed).contains("other finding settings"),
        "{}",
        stderr(&resumed)
    );
    Ok(())
}

fn filters_choose_the_findings_and_the_corpus_tmx_leaves_out_what_they_are_about() -> Result<()> {
    let corpus = Corpus::new()?;
    let run = corpus.run(&[
        "batch",
        "corpus",
        "--out",
        "out",
        "--only",
        "anchor-differs",
        "--tmx",
        "--tmx-skip-findings",
        "--no-timings",
        "--quiet",
    ]);
    ensure!(run.status.code() == Some(0), "{}", stderr(&run));
    let summary = corpus.json("out/summary.json")?;
    ensure!(
        summary["findings"] == serde_json::json!({"anchor-differs": 4}),
        "{summary}"
    );
    let tmx = std::fs::read_to_string(corpus.path().join("out/corpus.tmx"))?;
    ensure!(!tmx.contains("x-resalign-findings\">"));
    ensure!(
        !tmx.contains("64/239"),
        "a wrong translation entered the memory"
    );
    ensure!(
        tmx.contains("núm. 39547"),
        "only the units of the findings shown are left out"
    );
    Ok(())
}

/// Sorts and filters the real index page once loaded, and leaves what it saw in the page.
const INDEX_DRIVER: &str = r##"<script>
window.addEventListener("load", function () {
  var ids = function () {
    return Array.prototype.filter.call(document.querySelectorAll("#pairs tbody tr"), function (row) {
      return !row.hidden;
    }).map(function (row) { return row.cells[0].textContent; });
  };
  var results = { natural: ids() };
  document.querySelector("button.sort[data-column='4']").click();
  results.byErrors = ids();
  document.querySelector("a.code-link[data-code='footnote-differs']").click();
  results.footnoteCode = ids();
  results.filterShown = !document.getElementById("index-filter").hidden;
  var out = document.createElement("pre");
  out.id = "driver-results";
  out.textContent = JSON.stringify(results);
  document.body.appendChild(out);
});
</script>"##;

fn the_index_lists_pairs_in_natural_order_with_titles_code_totals_and_unpaired_files() -> Result<()>
{
    let corpus = Corpus::new()?;
    let edited = corpus.path().join("corpus/es/10.md");
    let text = std::fs::read_to_string(&edited)?;
    std::fs::write(&edited, text.replacen("núm. 39547", "núm. 39574", 1))?;
    let run = corpus.run(&[
        "batch",
        "corpus",
        "--out",
        "out",
        "--html",
        "--no-timings",
        "--quiet",
    ]);
    ensure!(run.status.code() == Some(0), "{}", stderr(&run));
    let page = std::fs::read_to_string(corpus.path().join("out/html/index.html"))?;
    let order: Vec<&str> = page
        .split("<th scope=\"row\" data-key=\"")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("\">")
                .and_then(|(_, id)| id.split('<').next())
        })
        .collect();
    ensure!(order == ["1", "2", "10"], "{order:?}");
    ensure!(
        page.contains("Implementation of the United Nations Global Plan of Action to Combat Trafficking in Persons"),
        "the pairs' titles are listed"
    );
    ensure!(page.contains("data-code=\"footnote-differs\">Footnote differs</a>"));
    ensure!(
        page.contains("Unpaired files (1)")
            && page.contains("99.md</th><td>English file without a Spanish counterpart")
    );

    let browser = chromium()?;
    let driven = corpus.path().join("out/html/driven.html");
    std::fs::write(
        &driven,
        page.replacen("</body>", &format!("{INDEX_DRIVER}</body>"), 1),
    )?;
    let dom = browser.dump_dom(&driven)?;
    let start = dom
        .find("<pre id=\"driver-results\">")
        .context("the driver did not run")?;
    let json = &dom[start + "<pre id=\"driver-results\">".len()..];
    let json = json[..json.find("</pre>").context("results")?].replace("&quot;", "\"");
    let results: Value = serde_json::from_str(&json)?;
    ensure!(
        results["natural"] == serde_json::json!(["1", "2", "10"]),
        "{results}"
    );
    // Most errors first: pair 1 has five, pair 10 four (its footnote was put right), pair 2 none.
    ensure!(
        results["byErrors"] == serde_json::json!(["1", "10", "2"]),
        "{results}"
    );
    ensure!(
        results["footnoteCode"] == serde_json::json!(["1"]),
        "{results}"
    );
    ensure!(results["filterShown"] == true);
    Ok(())
}

resalign_testkit::test_main! {
    findings_csv_and_a_corpus_baseline_leave_only_new_findings => [Python],
    filters_choose_the_findings_and_the_corpus_tmx_leaves_out_what_they_are_about,
    the_index_lists_pairs_in_natural_order_with_titles_code_totals_and_unpaired_files => [Chromium],
}
