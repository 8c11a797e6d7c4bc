//! Aligns the ECOSOC and Security Council pairs of the AKN4UN corpus and checks the links
//! against the `eId` correspondence wherever the two files' markup is parallel: each unit is
//! linked 1-1 to the unit with the same `eId`, and the pair is judged one resolution. (The full
//! evaluation, with faults injected, is `cargo run --release --example evaluate`.)
//!
//! Needs the corpus: without it the test is reported ignored, and fails under
//! `RESALIGN_REQUIRE_CORPUS=1`.

use anyhow::Result;
use resalign_align::{PairVerdict, align};
use resalign_core::{Document, Parser};
use resalign_testkit::corpus::{corpus_dir, pairs_by_name};

const FOLDERS: &[&str] = &["ECOSOC/2022", "SC/2022"];

fn eids(document: &Document) -> Vec<Option<&str>> {
    document
        .units
        .iter()
        .map(|unit| unit.eid.as_deref())
        .collect()
}

/// The `eId` of a link side that holds exactly one unit.
fn single_eid<'d>(document: &'d Document, ids: &[resalign_core::UnitId]) -> Option<&'d str> {
    match ids {
        [id] => document
            .unit(id.as_str())
            .and_then(|unit| unit.eid.as_deref()),
        _ => None,
    }
}

fn parallel_pairs_align_unit_by_unit() -> Result<()> {
    let root = corpus_dir();
    let mut checked = 0;
    let mut problems = Vec::new();
    for folder in FOLDERS {
        for (en_path, es_path) in pairs_by_name(&root.join(folder))? {
            let en = Parser::new().parse_path(&en_path)?;
            let es = Parser::new().parse_path(&es_path)?;
            let parallel = eids(&en) == eids(&es) && eids(&en).iter().all(Option::is_some);
            if !parallel {
                continue;
            }
            checked += 1;
            let alignment = align(&en, &es)?;
            if alignment.verdict != PairVerdict::SameResolution {
                problems.push(format!("{}: {:?}", en_path.display(), alignment.verdict));
            }
            let linked: Vec<(Option<&str>, Option<&str>)> = alignment
                .links
                .iter()
                .map(|link| (single_eid(&en, &link.en), single_eid(&es, &link.es)))
                .collect();
            let expected: Vec<(Option<&str>, Option<&str>)> =
                eids(&en).into_iter().map(|eid| (eid, eid)).collect();
            if linked != expected {
                problems.push(format!("{}: links differ from the eIds", en_path.display()));
            }
        }
    }
    assert!(checked >= 50, "only {checked} parallel pairs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

resalign_testkit::test_main! {
    parallel_pairs_align_unit_by_unit => [Corpus],
}
