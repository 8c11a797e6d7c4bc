//! The HTML report in a real browser: headless Chromium renders the report of the data pair and
//! of a pair full of hostile text, the DOM it builds is read back, and screenshots are kept in
//! `target/html-report/` for a person to look at.
//!
//! Without Chromium the tests print "skipped: chromium not found" and pass, unless `CI` is set.

mod html_fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

use html_fixture::{Pair, data_pair, load_fixture, render};
use resalign_export::html::escape;

/// Chromium starts slowly on a loaded machine; a page that takes longer than this is broken.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);

#[test]
fn data_pair_report_shows_both_texts_and_the_findings() -> Result<()> {
    let Some(browser) = browser()? else {
        return Ok(());
    };
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

#[test]
fn hostile_text_stays_text_in_the_browser() -> Result<()> {
    let Some(browser) = browser()? else {
        return Ok(());
    };
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

#[test]
fn different_resolutions_show_a_banner_first() -> Result<()> {
    let Some(browser) = browser()? else {
        return Ok(());
    };
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

#[test]
fn large_resolution_renders_in_the_browser() -> Result<()> {
    let Some(pair) = html_fixture::corpus_pair("GA/75session", "75_239")? else {
        return Ok(());
    };
    let Some(browser) = browser()? else {
        return Ok(());
    };
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

/// A headless Chromium, started fresh for every page.
struct Browser {
    program: PathBuf,
}

/// Chromium, or `None` after printing why the test is skipped; in CI its absence fails.
fn browser() -> Result<Option<Browser>> {
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let from_env = std::env::var_os("RESALIGN_CHROMIUM").map(PathBuf::from);
    let on_path = || {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
            .find(|candidate| candidate.is_file())
    };
    match from_env.or_else(on_path) {
        Some(program) => Ok(Some(Browser { program })),
        None if std::env::var_os("CI").is_some() => {
            bail!("chromium not found, and CI needs it (apt-get install chromium)")
        }
        None => {
            println!("skipped: chromium not found");
            Ok(None)
        }
    }
}

impl Browser {
    fn dump_dom(&self, page: &Path) -> Result<String> {
        let output = self.run(page, &["--dump-dom".to_owned()])?;
        ensure!(output.contains("</html>"), "chromium printed no DOM");
        Ok(output)
    }

    fn screenshot(&self, page: &Path, png: &Path, window: &str) -> Result<()> {
        let _ = std::fs::remove_file(png);
        self.run(
            page,
            &[
                format!("--screenshot={}", png.display()),
                format!("--window-size={window}"),
                "--hide-scrollbars".to_owned(),
            ],
        )?;
        Ok(())
    }

    /// Runs Chromium on `page` with a fresh profile and returns what it printed.
    fn run(&self, page: &Path, arguments: &[String]) -> Result<String> {
        let profile = TempDir::new()?;
        let mut command = Command::new(&self.program);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path.display()))
            .args(arguments)
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", self.program.display()))?;
        let output = wait_with_timeout(child)?;
        ensure!(
            output.status.success(),
            "chromium failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Ok(String::from_utf8(output.stdout)?)
    }
}

fn wait_with_timeout(mut child: std::process::Child) -> Result<std::process::Output> {
    let started = Instant::now();
    // Read the pipes on threads so a large DOM cannot fill a pipe and stall Chromium.
    let stdout = child.stdout.take().context("stdout")?;
    let stderr = child.stderr.take().context("stderr")?;
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).map(|_| bytes)
        })
    };
    let stdout = read(Box::new(stdout));
    let stderr = read(Box::new(stderr));
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            child.kill()?;
            child.wait()?;
            bail!("chromium took more than {BROWSER_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let join = |handle: std::thread::JoinHandle<std::io::Result<Vec<u8>>>| -> Result<Vec<u8>> {
        match handle.join() {
            Ok(bytes) => Ok(bytes?),
            Err(_) => bail!("reading chromium's output panicked"),
        }
    };
    Ok(std::process::Output {
        status,
        stdout: join(stdout)?,
        stderr: join(stderr)?,
    })
}

/// A fresh Chromium profile directory, removed afterwards.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Result<Self> {
        static CREATED: AtomicUsize = AtomicUsize::new(0);
        let serial = CREATED.fetch_add(1, Ordering::Relaxed);
        let name = format!("resalign-html-test-{}-{serial}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path)?;
        Ok(TempDir { path })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Chromium may still be flushing its profile; a leftover temp dir is harmless.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
