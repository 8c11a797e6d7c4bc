//! The command line against hostile input and odd settings: no escape sequence from a document
//! reaches the terminal, `-o` files get the mode the umask gives, `--jobs` is held to a sane
//! number, and `--list-pairs` survives any file name on its way back in through `--manifest`.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data(name: &str) -> PathBuf {
    repository().join("data").join(name)
}

fn resalign(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resalign"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|error| panic!("cannot run resalign: {error}"))
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

/// A pair whose first paragraphs carry terminal escape sequences and cite different resolutions,
/// so that `check` quotes them.
fn escaping_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let en = dir.join("en.md");
    let es = dir.join("es.md");
    let sequence = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m";
    std::fs::write(
        &en,
        format!(
            "*The General Assembly,*\n\n1. *Decides* to act {sequence}now under resolution 64/293;\n\n2. *Requests* a report.\n"
        ),
    )
    .expect("write the English file");
    std::fs::write(
        &es,
        format!(
            "*La Asamblea General,*\n\n1. *Decide* actuar {sequence}ahora en virtud de la resolución 64/239;\n\n2. *Solicita* un informe.\n"
        ),
    )
    .expect("write the Spanish file");
    (en, es)
}

#[test]
fn no_escape_sequence_from_a_document_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (en, es) = escaping_pair(dir.path());
    let runs: [Vec<&std::ffi::OsStr>; 4] = [
        vec![os("parse"), en.as_os_str()],
        vec![
            os("align"),
            en.as_os_str(),
            es.as_os_str(),
            os("--format"),
            os("tsv"),
        ],
        vec![
            os("align"),
            en.as_os_str(),
            es.as_os_str(),
            os("--format"),
            os("text"),
        ],
        vec![os("check"), en.as_os_str(), es.as_os_str()],
    ];
    for args in runs {
        let output = resalign(&args);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.code().is_some_and(|code| code <= 1),
            "{args:?}"
        );
        assert!(text.contains("op.1"), "{args:?}: {text}");
        assert!(
            !text
                .chars()
                .any(|character| character.is_control() && !matches!(character, '\n' | '\t')),
            "{args:?} printed a control character: {text:?}"
        );
    }
}

#[test]
fn output_files_get_the_mode_the_umask_gives_new_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("report.json");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" check \"$1\" \"$2\" --format json -o \"$3\"")
        .arg(env!("CARGO_BIN_EXE_resalign"))
        .arg(data("E_RES_2013_41.en.md"))
        .arg(data("E_RES_2013_41.es.md"))
        .arg(&out)
        .status()
        .expect("run resalign under sh");
    assert_eq!(status.code(), Some(1), "the seed pair has errors");
    let mode = std::fs::metadata(&out)
        .expect("the report")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644, "mode {:o}", mode & 0o777);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list the folder")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() != "report.json")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn jobs_are_held_to_a_few_threads_per_core_and_the_cut_is_said() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    let output = resalign(&[
        os("batch"),
        data("").as_os_str(),
        os("--out"),
        out.as_os_str(),
        os("--jobs"),
        os("5000"),
        os("--quiet"),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("--jobs 5000"), "{message}");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("the summary"))
            .expect("JSON");
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = summary["threads"].as_u64().expect("threads") as usize;
    assert!(
        (1..=4 * cores).contains(&threads),
        "{threads} threads on {cores} cores"
    );
}

#[test]
fn list_pairs_escapes_names_so_that_they_come_back_through_a_manifest() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let tree = dir.path().join("tree");
    std::fs::create_dir(&tree).expect("the tree");
    let en = std::fs::read(data("E_RES_2013_41.en.md")).expect("the English seed");
    let es = std::fs::read(data("E_RES_2013_41.es.md")).expect("the Spanish seed");
    let stems: [&[u8]; 3] = [b"tab\there", b"line\nbreak", b"caf\xE9"];
    for stem in stems {
        for (language, text) in [("en", &en), ("es", &es)] {
            let mut name = stem.to_vec();
            name.extend_from_slice(format!(".{language}.md").as_bytes());
            std::fs::write(tree.join(std::ffi::OsStr::from_bytes(&name)), text)
                .expect("write a file");
        }
    }
    let listed = resalign(&[os("batch"), tree.as_os_str(), os("--list-pairs")]);
    assert_eq!(listed.status.code(), Some(0));
    let manifest = String::from_utf8(listed.stdout).expect("the listing is UTF-8");
    let lines: Vec<&str> = manifest.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three pairs: {manifest:?}");
    for line in &lines {
        assert_eq!(line.matches('\t').count(), 2, "{line:?}");
    }
    let manifest_path = dir.path().join("pairs.tsv");
    std::fs::write(&manifest_path, &manifest).expect("write the manifest");
    let out = dir.path().join("out");
    let run = resalign(&[
        os("batch"),
        os("--manifest"),
        manifest_path.as_os_str(),
        os("--out"),
        out.as_os_str(),
        os("--quiet"),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let documents = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents");
    let aligned = documents
        .lines()
        .filter(|line| line.contains("\"status\":\"aligned\""))
        .count();
    assert_eq!(aligned, 3, "{documents}");
}
