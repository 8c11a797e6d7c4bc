//! The `resalign` command line end to end: outputs, exit codes and messages for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data(name: &str) -> String {
    repository().join("data").join(name).display().to_string()
}

fn resalign(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resalign"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|error| panic!("cannot run resalign: {error}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn parse_prints_an_outline_and_json() {
    let seed = data("seeds/000_a2c4abc107a868c6.txt");
    let outline = resalign(&["parse", &seed]);
    assert_eq!(outline.status.code(), Some(0));
    let text = stdout(&outline);
    assert!(text.starts_with("E/RES/2013/41 — Economic and Social Council (en, markdown)"));
    assert!(text.contains("op.2.a"));
    assert!(text.contains("footnotes (7):"));

    let json = resalign(&["parse", &seed, "--format", "json"]);
    let document: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(document["language"], "en");
    assert_eq!(document["units"].as_array().map(Vec::len), Some(32));
}

/// The demo pair ships in every form a translator may hold (markdown as converters give it,
/// AKN4UN XML, the PDF and the Word document typeset from that XML): each gives the same five
/// deliberate faults and nothing else.
#[test]
fn check_finds_the_deliberate_faults_in_every_form_and_exits_1() {
    for form in ["md", "xml", "pdf", "docx"] {
        let output = resalign(&[
            "check",
            &data(&format!("E_RES_2013_41.en.{form}")),
            &data(&format!("E_RES_2013_41.es.{form}")),
        ]);
        assert_eq!(output.status.code(), Some(1), "{form}: {}", stderr(&output));
        let text = stdout(&output);
        for expected in [
            "error[missing-in-spanish]: Operative paragraph 9 ",
            "error[merged-in-spanish]: Operative paragraphs 12 and 13 ",
            "English 64/293, Spanish 64/239 (pre.3)",
            "English 25 July 2008, Spanish 25 de junio de 2008 (pre.4)",
            "English cites vol. 2225, No. 39574, Spanish vol. 2225, núm. 39547",
            "5 errors, 0 warnings, 0 notes in 30 aligned paragraph pairs",
        ] {
            assert!(
                text.contains(expected),
                "{form}: missing {expected:?} in\n{text}"
            );
        }
    }
}

#[test]
fn a_clean_pair_checks_with_exit_0() {
    let fixtures = repository().join("crates/resalign-core/tests/fixtures/text");
    let en = fixtures.join("en_ecosoc.md").display().to_string();
    let es = fixtures.join("es_ecosoc.md").display().to_string();
    let output = resalign(&["check", &en, &es]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("0 errors"));
}

#[test]
fn align_writes_json_tsv_and_tmx() {
    let (en, es) = (data("E_RES_2013_41.en.md"), data("E_RES_2013_41.es.md"));
    let json = resalign(&["align", &en, &es]);
    assert_eq!(json.status.code(), Some(0));
    let report: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(report["findings"].as_array().map(Vec::len), Some(5));
    let first = &report["links"][0];
    assert_eq!(first["en"][0], "pre.1");
    assert_eq!(first["es"][0], "pre.1");
    assert!(first["score"].as_f64().is_some_and(|score| score > 0.9));

    let tsv = stdout(&resalign(&["align", &en, &es, "--format", "tsv"]));
    assert!(tsv.starts_with("en_ids\tes_ids\tscore\ten_text\tes_text\n"));
    assert!(tsv.lines().any(|line| line.starts_with("op.9\t\t")));

    let tmx = stdout(&resalign(&["align", &en, &es, "--format", "tmx"]));
    assert!(tmx.contains(r#"<header creationtool="resalign""#));
    assert!(tmx.contains(r#"segtype="paragraph""#));
    assert!(tmx.contains(r#"<tuv xml:lang="es">"#));
}

#[test]
fn output_files_are_never_overwritten_without_force() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let target = folder.path().join("report.html");
    std::fs::write(&target, "mine").unwrap_or_else(|error| panic!("{error}"));
    let target_arg = target.display().to_string();
    let (en, es) = (data("E_RES_2013_41.en.md"), data("E_RES_2013_41.es.md"));
    let refused = resalign(&["check", &en, &es, "--format", "html", "-o", &target_arg]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&target).unwrap_or_default(), "mine");

    let forced = resalign(&[
        "check",
        &en,
        &es,
        "--format",
        "html",
        "-o",
        &target_arg,
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(1));
    let html = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn bad_input_is_exit_2_with_the_file_named() {
    let bad = repository().join("crates/resalign-core/tests/fixtures/bad");
    for (file, message) in [
        ("latin1.txt", "not UTF-8 text: invalid byte at offset 75"),
        ("blank.txt", "empty input"),
        (
            "binary.pdf",
            "cannot read this PDF: it is truncated or corrupt",
        ),
        ("no-such-file.md", "cannot read"),
    ] {
        let path = bad.join(file).display().to_string();
        let output = resalign(&["parse", &path]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let error = stderr(&output);
        assert!(
            error.contains(&path) && error.contains(message),
            "{file}: {error}"
        );
    }
}

#[test]
fn files_in_the_wrong_order_are_refused() {
    let output = resalign(&[
        "check",
        &data("E_RES_2013_41.es.md"),
        &data("E_RES_2013_41.en.md"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("this document is in Spanish"));
}

#[test]
fn bad_word_documents_are_exit_2_with_the_file_named() {
    let fixtures = repository().join("crates/resalign-core/tests/fixtures");
    let bad = fixtures.join("bad");
    for (file, message) in [
        ("encrypted.docx", "is encrypted"),
        ("macros.docm", "macro-enabled Word document"),
        (
            "document.odt",
            "OpenDocument text (.odt), not a Word document",
        ),
        ("archive.zip", "with no Word document in it"),
        ("truncated.docx", "truncated or corrupt"),
        ("bomb.docx", "decompresses to more than"),
        ("word97.doc", "Microsoft Office (DOC)"),
    ] {
        let path = bad.join(file).display().to_string();
        let output = resalign(&["parse", &path]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let error = stderr(&output);
        assert!(
            error.contains(&path) && error.contains(message),
            "{file}: {error}"
        );
    }
}
