//! What a hostile or broken input or output folder must not do: send a write through a symbolic
//! link inside `--out`, stop an HTML run with one odd pair id, end a pipe at one line that is not
//! UTF-8, fail a manifest over a byte order mark, block `--resume` with a torn journal, or hide a
//! file from `unpaired.jsonl`. Each test checks the files the user has, not only the outcome.

use std::os::unix::fs::symlink;
use std::path::Path;

use anyhow::{Context, Result};
use resalign_batch::{
    ErrorKind, Existing, Html, OutputDir, PairFinder, PairStatus, Progress, Silent, read_manifest,
};
use serde_json::Value;

use crate::common::{Content, Tree, batch, fixture, lines, write};

/// A tree with one pair of the fixture resolution.
fn one_pair() -> Result<Tree> {
    Tree::new(&[
        ("a.en.md", Content::Fixture("ecosoc.en.md")),
        ("a.es.md", Content::Fixture("ecosoc.es.md")),
    ])
}

fn html_output(dir: &Path, existing: Existing) -> OutputDir {
    let mut output = OutputDir::new(dir);
    output.html(Html::Write).existing(existing);
    output
}

/// The status of each pair in `documents.jsonl`, by id.
fn statuses(out: &Path) -> Result<Vec<(String, String)>> {
    lines(&out.join("documents.jsonl"))?
        .iter()
        .map(|line| {
            Ok((
                line["pair"].as_str().context("pair")?.to_string(),
                line["status"].as_str().context("status")?.to_string(),
            ))
        })
        .collect()
}

pub(crate) fn a_link_in_place_of_the_html_folder_is_refused_and_what_it_points_to_is_untouched()
-> Result<()> {
    let tree = one_pair()?;
    let scratch = tempfile::tempdir()?;
    let victim = scratch.path().join("victim");
    std::fs::create_dir(&victim)?;
    std::fs::write(victim.join("index.html"), "the user's page")?;
    let out = scratch.path().join("out");
    std::fs::create_dir(&out)?;
    symlink(&victim, out.join("html"))?;

    let pairs = PairFinder::new().find(tree.root())?;
    let error = batch(1)
        .write_dir(pairs, &html_output(&out, Existing::Replace), &mut Silent)
        .err()
        .context("the run must refuse the link")?;
    assert!(matches!(error.kind(), ErrorKind::SymbolicLink), "{error}");
    assert!(error.to_string().contains("symbolic link"), "{error}");
    assert_eq!(
        std::fs::read_to_string(victim.join("index.html"))?,
        "the user's page"
    );
    assert_eq!(std::fs::read_dir(&victim)?.count(), 1, "nothing added");
    Ok(())
}

pub(crate) fn resume_never_truncates_a_file_a_link_in_the_output_points_to() -> Result<()> {
    let tree = one_pair()?;
    let scratch = tempfile::tempdir()?;
    let out = scratch.path().join("out");
    write(&batch(1), PairFinder::new().find(tree.root())?, &out)?;
    let outside = scratch.path().join("precious.txt");
    std::fs::write(&outside, "the user's data\n")?;
    std::fs::remove_file(out.join("links.jsonl"))?;
    symlink(&outside, out.join("links.jsonl"))?;

    let mut resumed = OutputDir::new(&out);
    resumed.existing(Existing::Resume);
    let result = batch(1).write_dir(PairFinder::new().find(tree.root())?, &resumed, &mut Silent);
    let error = result.err().context("resuming through a link must fail")?;
    assert!(matches!(error.kind(), ErrorKind::SymbolicLink), "{error}");
    assert_eq!(std::fs::read_to_string(&outside)?, "the user's data\n");
    Ok(())
}

pub(crate) fn odd_pair_ids_get_safe_page_names_and_a_page_that_cannot_be_written_fails_only_its_pair()
-> Result<()> {
    let long = "x".repeat(300);
    let scratch = tempfile::tempdir()?;
    let en = scratch.path().join("en.md");
    let es = scratch.path().join("es.md");
    std::fs::write(&en, fixture("ecosoc.en.md"))?;
    std::fs::write(&es, fixture("ecosoc.es.md"))?;
    let ids = [
        "ok".to_string(),
        "ok.html/inside".to_string(),
        format!("deep/{long}"),
        format!("{}/page", "d/".repeat(40)),
        "blocked/page".to_string(),
    ];
    let manifest: String = ids
        .iter()
        .map(|id| format!("{id}\t{}\t{}\n", en.display(), es.display()))
        .collect();
    let manifest_path = scratch.path().join("pairs.tsv");
    std::fs::write(&manifest_path, manifest)?;
    let out = scratch.path().join("out");
    // A link where the pages of `blocked/` go: that pair cannot have its page.
    std::fs::create_dir_all(out.join("html/pairs"))?;
    let elsewhere = scratch.path().join("elsewhere");
    std::fs::create_dir(&elsewhere)?;
    symlink(&elsewhere, out.join("html/pairs/blocked"))?;

    let summary = batch(2).write_dir(
        read_manifest(&manifest_path)?,
        &html_output(&out, Existing::Replace),
        &mut Silent,
    )?;
    assert_eq!((summary.aligned, summary.failed), (4, 1));
    let documents = lines(&out.join("documents.jsonl"))?;
    let blocked = documents
        .iter()
        .find(|line| line["pair"] == "blocked/page")
        .context("the blocked pair's line")?;
    assert_eq!(blocked["status"], "failed");
    assert_eq!(blocked["error"]["stage"], "output");
    assert_eq!(std::fs::read_dir(&elsewhere)?.count(), 0);

    let pages = pages_below(&out.join("html"))?;
    assert_eq!(pages.len(), 4, "one page per aligned pair: {pages:?}");
    assert!(
        pages.iter().any(|page| page == "pairs/ok.html"),
        "{pages:?}"
    );
    for page in &pages {
        assert!(
            page.ends_with(".html") && !page.ends_with(".partial"),
            "{page}"
        );
        for component in Path::new(page).components() {
            assert!(component.as_os_str().len() < 255, "{page}");
        }
    }
    let index = std::fs::read_to_string(out.join("html/index.html"))?;
    for page in &pages {
        let href = format!("href=\"{}\"", page.replace('&', "&amp;"));
        assert!(index.contains(&href), "the index links {page}");
    }
    Ok(())
}

/// The pages below the HTML folder, relative to it, the index left out.
fn pages_below(html: &Path) -> Result<Vec<String>> {
    let mut pages = Vec::new();
    let mut pending = vec![html.join("pairs")];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if entry.file_type()?.is_file() {
                pages.push(path.strip_prefix(html)?.to_string_lossy().into_owned());
            }
        }
    }
    pages.sort();
    Ok(pages)
}

pub(crate) fn a_line_that_is_not_utf8_fails_alone_and_the_lines_after_it_are_aligned() -> Result<()>
{
    let tree = one_pair()?;
    let pair = |id: &str| {
        format!(
            "{{\"id\": \"{id}\", \"en\": \"{}\", \"es\": \"{}\"}}\n",
            tree.path("a.en.md").display(),
            tree.path("a.es.md").display()
        )
    };
    let mut input = pair("before").into_bytes();
    let bad_line_start = input.len();
    input.extend_from_slice(b"{\"id\": \"caf\xE9\"}\n");
    input.extend_from_slice(pair("after").as_bytes());

    let mut output = Vec::new();
    let summary = batch(2).stream(std::io::Cursor::new(input), &mut output, &mut Silent)?;
    assert_eq!((summary.aligned, summary.failed), (2, 1));
    let documents: Vec<Value> = String::from_utf8(output)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<Value>, _>>()?
        .into_iter()
        .filter(|line| line["record"] == "document")
        .collect();
    let summary: Vec<(&str, &str)> = documents
        .iter()
        .map(|line| {
            (
                line["pair"].as_str().unwrap_or_default(),
                line["status"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("before", "aligned"),
            ("line 2", "failed"),
            ("after", "aligned")
        ]
    );
    let error = &documents[1]["error"];
    assert_eq!(error["stage"], "input");
    let offset = bad_line_start + "{\"id\": \"caf".len();
    let reason = error["reason"].as_str().unwrap_or_default();
    assert!(reason.contains(&format!("byte {offset}")), "{reason}");
    Ok(())
}

pub(crate) fn manifests_that_start_with_a_byte_order_mark_are_read() -> Result<()> {
    let tree = one_pair()?;
    let (en, es) = (tree.path("a.en.md"), tree.path("a.es.md"));
    let json = format!(
        "\u{feff}{{\"id\": \"a\", \"en\": \"{}\", \"es\": \"{}\"}}\n",
        en.display(),
        es.display()
    );
    let tsv = format!(
        "\u{feff}id\ten\tes\na\t{}\t{}\n",
        en.display(),
        es.display()
    );
    for (name, text) in [("pairs.jsonl", json), ("pairs.tsv", tsv)] {
        let path = tree.path(name);
        std::fs::write(&path, text)?;
        let pairs = read_manifest(&path)?;
        let ids: Vec<&str> = pairs.pairs.iter().map(|pair| pair.id.as_str()).collect();
        assert_eq!(ids, ["a"], "{name}");
        let out = tree.path(&format!("out-{name}"));
        let summary = write(&batch(1), pairs, &out)?;
        assert_eq!((summary.aligned, summary.failed), (1, 0), "{name}");
    }
    Ok(())
}

/// A progress report that stops the run, as a kill would, after the first pair.
struct StopAfterOne;

impl Progress for StopAfterOne {
    fn start(&mut self, _total: Option<u64>, _done: u64) {}

    fn pair_done(&mut self, _status: PairStatus, _bytes: u64) {
        panic!("interrupted on purpose");
    }

    fn finish(&mut self) {}
}

pub(crate) fn a_journal_torn_inside_a_character_is_cut_back_and_the_run_resumes() -> Result<()> {
    let tree = Tree::new(&[
        ("é1.en.md", Content::Fixture("ecosoc.en.md")),
        ("é1.es.md", Content::Fixture("ecosoc.es.md")),
        ("é2.en.md", Content::Fixture("e_res_2013_41.en.md")),
        ("é2.es.md", Content::Fixture("e_res_2013_41.es.md")),
    ])?;
    let scratch = tempfile::tempdir()?;
    let (complete, torn) = (scratch.path().join("complete"), scratch.path().join("torn"));
    write(&batch(1), PairFinder::new().find(tree.root())?, &complete)?;
    let interrupted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        batch(1).write_dir(
            PairFinder::new().find(tree.root())?,
            &OutputDir::new(&torn),
            &mut StopAfterOne,
        )
    }));
    assert!(interrupted.is_err(), "the run was to be stopped");
    // The journal holds the first pair; tear a second entry inside the `é` of its id.
    let journal = torn.join("batch.journal");
    let mut bytes = std::fs::read(&journal)?;
    bytes.extend_from_slice(b"{\"pair\":\"\xC3");
    std::fs::write(&journal, bytes)?;

    let mut resumed = OutputDir::new(&torn);
    resumed.existing(Existing::Resume);
    let summary =
        batch(1).write_dir(PairFinder::new().find(tree.root())?, &resumed, &mut Silent)?;
    assert_eq!((summary.aligned, summary.failed), (2, 0));
    for name in ["links.jsonl", "findings.jsonl", "documents.jsonl"] {
        assert!(
            std::fs::read(torn.join(name))? == std::fs::read(complete.join(name))?,
            "{name} differs from an uninterrupted run"
        );
    }
    Ok(())
}

pub(crate) fn named_pipes_with_a_resolution_name_are_listed_as_unpaired_and_never_read()
-> Result<()> {
    let tree = one_pair()?;
    let fifo = tree.path("b.en.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success(), "mkfifo failed");
    let out = tree.path("out");
    let summary = write(&batch(1), PairFinder::new().find(tree.root())?, &out)?;
    assert_eq!((summary.aligned, summary.unpaired), (1, 1));
    let unpaired = lines(&out.join("unpaired.jsonl"))?;
    assert_eq!(unpaired.len(), 1);
    assert_eq!(unpaired[0]["reason"], "unreadable");
    assert!(
        unpaired[0]["path"]
            .as_str()
            .is_some_and(|path| path.ends_with("b.en.md"))
    );
    let detail = unpaired[0]["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("named pipe"), "{detail}");
    assert_eq!(statuses(&out)?, [("a".to_string(), "aligned".to_string())]);
    Ok(())
}

pub(crate) fn names_that_are_not_utf8_are_reported_without_loss() -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let tree = one_pair()?;
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9.en.md");
    std::fs::write(tree.root().join(name), fixture("ecosoc.en.md"))?;
    let out = tree.path("out");
    write(&batch(1), PairFinder::new().find(tree.root())?, &out)?;
    let unpaired = lines(&out.join("unpaired.jsonl"))?;
    let paths: Vec<&str> = unpaired
        .iter()
        .filter_map(|line| line["path"].as_str())
        .collect();
    assert_eq!(paths.len(), 1);
    assert!(paths[0].ends_with("caf\\xE9.en.md"), "{paths:?}");
    assert!(!paths[0].contains('\u{fffd}'), "{paths:?}");
    Ok(())
}
