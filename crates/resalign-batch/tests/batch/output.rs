//! The output directory: the same bytes on any number of threads, one record per pair whatever
//! happened to it, counts that agree with the lines, and a TMX file like the one-pair writer's.

use std::num::NonZeroUsize;

use anyhow::{Context, Result};
use resalign_align::{align, check};
use resalign_batch::{Batch, Html, OutputDir, PairFinder, Silent, Timings, Tmx};
use resalign_core::Parser;
use resalign_export::tmx::TmxWriter;
use serde_json::Value;

use crate::common::{Content, Tree, batch, files, lines, names, small_corpus, write};

pub(crate) fn the_output_is_the_same_on_one_thread_and_two() -> Result<()> {
    let tree = small_corpus()?;
    let found = PairFinder::new().find(tree.root())?;
    let out = tempfile::tempdir()?;
    let mut narrow = batch(2);
    narrow.window(NonZeroUsize::MIN);
    let runs: [(&str, Batch); 3] = [("one", batch(1)), ("two", batch(2)), ("narrow", narrow)];
    let mut outputs = Vec::new();
    for (name, batch) in runs {
        for tmx in [Tmx::Skip, Tmx::Write] {
            let dir = out.path().join(format!("{name}-{tmx:?}"));
            let mut output = OutputDir::new(&dir);
            let html = match tmx {
                Tmx::Skip => Html::Skip,
                Tmx::Write => Html::Write,
            };
            output.tmx(tmx).html(html);
            batch.write_dir(found.clone(), &output, &mut Silent)?;
            outputs.push((name, tmx, files(&dir)?));
        }
    }
    for (name, tmx, output) in &outputs {
        let (_, _, reference) = outputs
            .iter()
            .find(|(_, reference_tmx, _)| reference_tmx == tmx)
            .context("a reference run")?;
        assert!(
            output == reference,
            "{name} with {tmx:?} differs from one thread"
        );
    }
    Ok(())
}

pub(crate) fn every_pair_gets_a_record_and_a_bad_one_does_not_stop_the_run() -> Result<()> {
    let tree = small_corpus()?;
    let out = tempfile::tempdir()?;
    let summary = write(&batch(2), PairFinder::new().find(tree.root())?, out.path())?;
    assert_eq!(
        (
            summary.pairs_found,
            summary.aligned,
            summary.failed,
            summary.unpaired
        ),
        (5, 4, 1, 1)
    );
    assert_eq!(
        names(out.path())?,
        [
            "batch.journal",
            "documents.jsonl",
            "findings.jsonl",
            "links.jsonl",
            "summary.json",
            "unpaired.jsonl"
        ]
    );
    let documents = lines(&out.path().join("documents.jsonl"))?;
    let ids: Vec<&str> = documents
        .iter()
        .filter_map(|line| line["pair"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "GA/75_1",
            "GA/75_2",
            "GA/75_3",
            "docs/e_res_2013_41",
            "docs/ecosoc"
        ]
    );
    let failed = &documents[2];
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["error"]["stage"], "parse");
    assert_eq!(failed["error"]["side"], "es");
    let file = failed["error"]["file"].as_str().unwrap_or_default();
    assert!(file.ends_with("75_3_S.md"), "{failed}");
    assert_eq!(
        failed["en"]["path"]
            .as_str()
            .map(|path| path.ends_with("75_3_E.md")),
        Some(true)
    );
    for aligned in [&documents[0], &documents[1], &documents[3], &documents[4]] {
        assert_eq!(aligned["status"], "aligned", "{aligned}");
        assert!(aligned["en"]["symbol"].is_string(), "{aligned}");
        assert!(aligned.get("seconds").is_none(), "{aligned}");
    }
    let unpaired = lines(&out.path().join("unpaired.jsonl"))?;
    assert_eq!(unpaired.len(), 1);
    assert_eq!(unpaired[0]["reason"], "no-counterpart");
    Ok(())
}

pub(crate) fn the_counts_agree_with_the_lines() -> Result<()> {
    let tree = small_corpus()?;
    let out = tempfile::tempdir()?;
    write(&batch(2), PairFinder::new().find(tree.root())?, out.path())?;
    let documents = lines(&out.path().join("documents.jsonl"))?;
    let links = lines(&out.path().join("links.jsonl"))?;
    let findings = lines(&out.path().join("findings.jsonl"))?;
    let summary: Value = serde_json::from_slice(&std::fs::read(out.path().join("summary.json"))?)?;
    let sum = |field: &str| -> u64 {
        documents
            .iter()
            .filter_map(|line| line[field].as_u64())
            .sum()
    };
    let of_kind = |kind: &str| links.iter().filter(|line| line["kind"] == kind).count() as u64;
    let total = |field: &str| -> u64 {
        summary[field]
            .as_object()
            .map(|counts| counts.values().filter_map(Value::as_u64).sum())
            .unwrap_or(0)
    };
    assert_eq!(sum("links"), of_kind("unit"));
    assert_eq!(sum("footnote_links"), of_kind("footnote"));
    assert_eq!(sum("findings"), findings.len() as u64);
    assert_eq!(total("findings"), findings.len() as u64);
    let shapes = |kind: &str| -> u64 {
        summary["links"][kind]
            .as_object()
            .map(|shapes| shapes.values().filter_map(Value::as_u64).sum())
            .unwrap_or(0)
    };
    assert_eq!(shapes("unit"), of_kind("unit"));
    assert_eq!(shapes("footnote"), of_kind("footnote"));
    let units: u64 = documents
        .iter()
        .filter_map(|line| line["en"]["unit_count"].as_u64())
        .sum();
    assert_eq!(summary["units"]["en"].as_u64(), Some(units));
    assert!(
        findings
            .iter()
            .all(|line| line["pair"].is_string() && line["code"].is_string())
    );
    for link in &links {
        for field in ["pair", "kind", "shape", "en_text", "es_text"] {
            assert!(link[field].is_string(), "{field} in {link}");
        }
        assert!(
            link["score"].is_f64() && link["en"].is_array() && link["es"].is_array(),
            "{link}"
        );
    }
    // The project's own translation of E/RES/2013/41 cites 64/239 for 64/293.
    assert!(
        findings
            .iter()
            .any(|line| line["pair"] == "docs/e_res_2013_41" && line["code"] == "anchor-differs")
    );
    Ok(())
}

pub(crate) fn timings_are_recorded_unless_left_out() -> Result<()> {
    let tree = small_corpus()?;
    let out = tempfile::tempdir()?;
    let mut timed = batch(1);
    timed.timings(Timings::Record);
    write(&timed, PairFinder::new().find(tree.root())?, out.path())?;
    let documents = lines(&out.path().join("documents.jsonl"))?;
    assert!(documents.iter().all(|line| line["seconds"].is_f64()));
    let summary: Value = serde_json::from_slice(&std::fs::read(out.path().join("summary.json"))?)?;
    assert!(
        summary["seconds"].is_f64() && summary["threads"] == 1,
        "{summary}"
    );
    Ok(())
}

pub(crate) fn the_corpus_tmx_of_one_pair_is_what_the_tmx_writer_writes() -> Result<()> {
    let tree = Tree::new(&[
        ("a_E.md", Content::Fixture("e_res_2013_41.en.md")),
        ("a_S.md", Content::Fixture("e_res_2013_41.es.md")),
    ])?;
    let out = tempfile::tempdir()?;
    let mut output = OutputDir::new(out.path());
    output.tmx(Tmx::Write);
    batch(1).write_dir(PairFinder::new().find(tree.root())?, &output, &mut Silent)?;

    let en = Parser::new().parse_path(tree.path("a_E.md"))?;
    let es = Parser::new().parse_path(tree.path("a_S.md"))?;
    let alignment = align(&en, &es)?;
    let mut writer = TmxWriter::new(Vec::new())?;
    writer.add_checked_pair(&en, &es, &alignment, &check(&en, &es, &alignment))?;
    let expected = String::from_utf8(writer.finish()?)?;
    let written = std::fs::read_to_string(out.path().join("corpus.tmx"))?;
    assert!(expected.contains("<prop type=\"x-resalign-findings\">anchor-differs</prop>"));
    assert!(
        written == expected,
        "corpus.tmx is not what the TMX writer writes"
    );
    Ok(())
}

pub(crate) fn the_corpus_tmx_has_a_unit_per_link_with_text_on_both_sides() -> Result<()> {
    let tree = small_corpus()?;
    let out = tempfile::tempdir()?;
    let mut output = OutputDir::new(out.path());
    output.tmx(Tmx::Write);
    let summary = batch(2).write_dir(PairFinder::new().find(tree.root())?, &output, &mut Silent)?;
    assert_eq!((summary.aligned, summary.failed), (4, 1));
    let links = lines(&out.path().join("links.jsonl"))?;
    let both_sides = links
        .iter()
        .filter(|link| link["en_text"] != "" && link["es_text"] != "")
        .count();
    let tmx = std::fs::read_to_string(out.path().join("corpus.tmx"))?;
    assert!(
        both_sides > 50,
        "{both_sides} links with text on both sides"
    );
    assert_eq!(tmx.matches("<tu>").count(), both_sides);
    assert_eq!(tmx.matches("</tu>").count(), both_sides);
    assert!(tmx.starts_with("<?xml") && tmx.trim_end().ends_with("</tmx>"));
    assert_eq!(tmx.matches("<body>").count(), 1);
    Ok(())
}

pub(crate) fn pairs_sharing_an_id_are_refused_before_anything_is_written() -> Result<()> {
    let tree = small_corpus()?;
    let mut found = PairFinder::new().find(tree.root())?;
    let mut twin = found.pairs[0].clone();
    twin.es = found.pairs[1].es.clone();
    found.pairs.push(twin);
    let out = tempfile::tempdir()?;
    let dir = out.path().join("out");
    let error = batch(1)
        .write_dir(found, &OutputDir::new(&dir), &mut Silent)
        .err()
        .map(|error| error.to_string());
    assert!(
        error
            .as_deref()
            .is_some_and(|error| error.contains("GA/75_1")),
        "{error:?}"
    );
    assert!(!dir.exists());
    Ok(())
}

pub(crate) fn the_html_view_has_a_page_per_aligned_pair_and_an_index_linking_them() -> Result<()> {
    let tree = small_corpus()?;
    let out = tempfile::tempdir()?;
    let mut output = OutputDir::new(out.path());
    output.html(Html::Write);
    batch(2).write_dir(PairFinder::new().find(tree.root())?, &output, &mut Silent)?;
    let pages: Vec<String> = files(out.path())?
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("html/"))
        .collect();
    assert_eq!(
        pages,
        [
            "html/index.html",
            "html/pairs/GA/75_1.html",
            "html/pairs/GA/75_2.html",
            "html/pairs/docs/e_res_2013_41.html",
            "html/pairs/docs/ecosoc.html"
        ]
    );
    let index = std::fs::read_to_string(out.path().join("html/index.html"))?;
    for linked in [
        "pairs/GA/75_1.html",
        "pairs/GA/75_2.html",
        "pairs/docs/ecosoc.html",
    ] {
        assert!(
            index.contains(&format!("href=\"{linked}\"")),
            "{linked} not linked"
        );
    }
    assert!(index.contains("GA/75_3") && !index.contains("pairs/GA/75_3.html"));
    let page = std::fs::read_to_string(out.path().join("html/pairs/docs/e_res_2013_41.html"))?;
    assert!(page.contains("64/239"), "the page shows the texts");
    Ok(())
}
