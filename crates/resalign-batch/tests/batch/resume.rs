//! Interrupted runs never look finished and resume to the same bytes; output directories that
//! are not a batch's are never written into unless asked.

use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use anyhow::Result;
use resalign_batch::{
    Batch, ErrorKind, Existing, Html, OutputDir, OutputState, PairFinder, PairSet, PairStatus,
    Progress, Silent, Tmx,
};

use crate::common::{batch, files, lines, names, small_corpus, write};

/// A progress report that stops the run, as a kill would, after `after` pairs.
struct Interrupt {
    after: usize,
    done: usize,
}

impl Progress for Interrupt {
    fn start(&mut self, _total: Option<u64>, _done: u64) {}

    fn pair_done(&mut self, _status: PairStatus, _bytes: u64) {
        self.done += 1;
        if self.done == self.after {
            panic!("interrupted on purpose after {} pairs", self.after);
        }
    }

    fn finish(&mut self) {}
}

/// Which files an output has.
#[derive(Clone, Copy)]
enum Files {
    JsonLines,
    /// JSON Lines, TMX and HTML.
    Everything,
}

fn output(dir: &Path, existing: Existing, files: Files) -> OutputDir {
    let mut output = OutputDir::new(dir);
    output.existing(existing);
    if let Files::Everything = files {
        output.tmx(Tmx::Write).html(Html::Write);
    }
    output
}

/// Runs until the interruption; the run must not return.
fn interrupted(batch: &Batch, pairs: PairSet, dir: &Path, after: usize) {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        batch.write_dir(
            pairs,
            &output(dir, Existing::Refuse, Files::Everything),
            &mut Interrupt { after, done: 0 },
        )
    }));
    assert!(outcome.is_err(), "the run was not interrupted");
}

fn append(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)?
        .write_all(bytes)?;
    Ok(())
}

pub(crate) fn an_interrupted_run_looks_unfinished_and_resumes_to_the_same_bytes() -> Result<()> {
    let tree = small_corpus()?;
    let found = PairFinder::new().find(tree.root())?;
    let scratch = tempfile::tempdir()?;
    let reference = scratch.path().join("reference");
    let reference_summary = batch(2).write_dir(
        found.clone(),
        &output(&reference, Existing::Refuse, Files::Everything),
        &mut Silent,
    )?;

    let resumed = scratch.path().join("resumed");
    interrupted(&batch(2), found.clone(), &resumed, 2);
    assert_eq!(
        names(&resumed)?,
        [
            "batch.journal",
            "corpus.tmx.partial",
            "documents.jsonl.partial",
            "findings.jsonl.partial",
            "html",
            "links.jsonl.partial"
        ],
        "only partial files after an interruption"
    );
    assert!(
        !resumed.join("html/index.html").exists(),
        "no index before the end"
    );
    // A kill can cut a line anywhere: after the journal's last entry, and in the journal.
    append(
        &resumed.join("links.jsonl.partial"),
        b"{\"pair\":\"GA/75_3\",\"ki",
    )?;
    append(&resumed.join("corpus.tmx.partial"), b"    <tu>\n")?;
    append(&resumed.join("batch.journal"), b"{\"pair\":\"GA/75")?;

    let refused = batch(1).write_dir(
        found.clone(),
        &output(&resumed, Existing::Refuse, Files::Everything),
        &mut Silent,
    );
    assert!(matches!(
        refused.as_ref().map_err(|error| error.kind()),
        Err(ErrorKind::OutputInUse {
            state: OutputState::Interrupted
        })
    ));

    let summary = batch(1).write_dir(
        found,
        &output(&resumed, Existing::Resume, Files::Everything),
        &mut Silent,
    )?;
    assert_eq!(summary, reference_summary);
    assert!(
        files(&resumed)? == files(&reference)?,
        "the resumed output differs"
    );
    Ok(())
}

pub(crate) fn resuming_with_other_settings_is_refused() -> Result<()> {
    let tree = small_corpus()?;
    let found = PairFinder::new().find(tree.root())?;
    let out = tempfile::tempdir()?;
    interrupted(&batch(1), found.clone(), out.path(), 1);
    let before = files(out.path())?;
    let error = batch(1)
        .write_dir(
            found,
            &output(out.path(), Existing::Resume, Files::JsonLines),
            &mut Silent,
        )
        .err()
        .map(|error| error.to_string());
    assert!(
        error
            .as_deref()
            .is_some_and(|error| error.contains("TMX written")),
        "{error:?}"
    );
    assert!(
        files(out.path())? == before,
        "a refused resumption changed the output"
    );
    Ok(())
}

pub(crate) fn a_finished_run_takes_new_pairs_on_resume() -> Result<()> {
    let tree = small_corpus()?;
    let found = PairFinder::new().find(tree.root())?;
    let out = tempfile::tempdir()?;
    let mut first_two = found.clone();
    first_two.pairs.truncate(2);
    write(&batch(2), first_two, out.path())?;

    let refused = batch(2).write_dir(
        found.clone(),
        &output(out.path(), Existing::Refuse, Files::JsonLines),
        &mut Silent,
    );
    assert!(matches!(
        refused.as_ref().map_err(|error| error.kind()),
        Err(ErrorKind::OutputInUse {
            state: OutputState::Finished
        })
    ));

    let resume = output(out.path(), Existing::Resume, Files::JsonLines);
    let summary = batch(2).write_dir(found.clone(), &resume, &mut Silent)?;
    assert_eq!(
        (summary.pairs_found, summary.aligned, summary.failed),
        (5, 4, 1)
    );
    let ids: Vec<String> = lines(&out.path().join("documents.jsonl"))?
        .iter()
        .filter_map(|line| line["pair"].as_str().map(str::to_string))
        .collect();
    let all: Vec<String> = found.pairs.iter().map(|pair| pair.id.clone()).collect();
    assert_eq!(ids, all);

    let finished = files(out.path())?;
    batch(1).write_dir(found, &resume, &mut Silent)?;
    assert!(
        files(out.path())? == finished,
        "resuming a complete run changed it"
    );
    Ok(())
}

pub(crate) fn a_directory_that_is_not_a_batch_output_is_left_alone() -> Result<()> {
    let tree = small_corpus()?;
    let found = PairFinder::new().find(tree.root())?;
    let out = tempfile::tempdir()?;
    std::fs::write(out.path().join("notes.txt"), "mine")?;
    std::fs::write(out.path().join("links.jsonl"), "also mine")?;
    for existing in [Existing::Refuse, Existing::Resume] {
        let result = batch(1).write_dir(
            found.clone(),
            &output(out.path(), existing, Files::JsonLines),
            &mut Silent,
        );
        assert!(
            matches!(
                result.as_ref().map_err(|error| error.kind()),
                Err(ErrorKind::OutputNotEmpty { .. })
            ),
            "{existing:?}"
        );
        assert_eq!(names(out.path())?, ["links.jsonl", "notes.txt"]);
        assert_eq!(
            std::fs::read_to_string(out.path().join("links.jsonl"))?,
            "also mine"
        );
    }
    batch(1).write_dir(
        found,
        &output(out.path(), Existing::Replace, Files::JsonLines),
        &mut Silent,
    )?;
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt"))?,
        "mine"
    );
    assert!(names(out.path())?.contains(&"summary.json".to_string()));
    Ok(())
}
