//! The AKN4UN corpus in `../shared/corpus/unxml/`: the 429 pairs it really has (one found by
//! its symbol), the files without counterpart listed with their reasons, and a sample of pairs
//! written the same on one thread and two.
//!
//! Without the corpus these tests are reported ignored, unless `RESALIGN_REQUIRE_CORPUS=1`
//! makes its absence a failure.

use std::collections::BTreeMap;

use anyhow::Result;
use resalign_batch::{PairFinder, PairSet, PairedBy, Source, UnpairedReason};
use resalign_testkit::corpus::corpus_dir;

use crate::common::{batch, files, write};

fn file_name(source: &Source) -> String {
    source
        .path()
        .and_then(|path| path.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(crate) fn the_corpus_has_429_pairs_and_22_files_without_counterpart() -> Result<()> {
    let root = corpus_dir();
    let found = PairFinder::new().find(&root)?;
    assert_eq!(found.pairs.len(), 429);
    let by_symbol: Vec<(String, String, String)> = found
        .pairs
        .iter()
        .filter(|pair| pair.paired_by == PairedBy::Symbol)
        .map(|pair| (pair.id.clone(), file_name(&pair.en), file_name(&pair.es)))
        .collect();
    assert_eq!(
        by_symbol,
        [(
            "GA/75session/A_RES_75_307-2109409".to_string(),
            "A_RES_75_307-2109409E.xml".to_string(),
            "75_307_S.xml".to_string()
        )]
    );
    let mut per_organ: BTreeMap<&str, usize> = BTreeMap::new();
    for pair in &found.pairs {
        let organ = pair.id.split('/').next().unwrap_or_default();
        *per_organ.entry(organ).or_default() += 1;
    }
    assert_eq!(
        per_organ.into_iter().collect::<Vec<_>>(),
        [("ECOSOC", 25), ("GA", 315), ("HRC", 35), ("SC", 54)]
    );

    let reasons: Vec<(String, String)> = found
        .unpaired
        .iter()
        .map(|file| {
            let name = file
                .path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let reason = match &file.reason {
                UnpairedReason::NoCounterpart { language } => format!("no counterpart: {language}"),
                UnpairedReason::OtherLanguage { language } => format!("other language: {language}"),
                other => format!("{other:?}"),
            };
            (name, reason)
        })
        .collect();
    assert_eq!(reasons.len(), 22, "{reasons:#?}");
    let other_languages: Vec<&(String, String)> = reasons
        .iter()
        .filter(|(_, reason)| reason.starts_with("other language"))
        .collect();
    assert_eq!(
        other_languages,
        [
            &(
                "75_274_F.xml".to_string(),
                "other language: French".to_string()
            ),
            &(
                "A_RES_75_297_C.xml".to_string(),
                "other language: Chinese".to_string()
            )
        ]
    );
    assert_eq!(
        reasons
            .iter()
            .filter(|(_, reason)| reason == "no counterpart: English")
            .count(),
        20
    );
    Ok(())
}

pub(crate) fn a_sample_of_the_corpus_is_written_the_same_on_one_thread_and_two() -> Result<()> {
    let root = corpus_dir();
    let found = PairFinder::new().find(&root)?;
    let size = |pair: &resalign_batch::PairInput| -> u64 {
        [&pair.en, &pair.es]
            .iter()
            .filter_map(|source| source.path())
            .filter_map(|path| std::fs::metadata(path).ok())
            .map(|metadata| metadata.len())
            .sum()
    };
    // The smallest pair of each organ, so that a debug build stays quick.
    let mut sample = Vec::new();
    for organ in ["ECOSOC/", "GA/", "HRC/", "SC/"] {
        let mut pairs: Vec<_> = found
            .pairs
            .iter()
            .filter(|pair| pair.id.starts_with(organ))
            .collect();
        pairs.sort_by_key(|pair| size(pair));
        sample.extend(pairs.into_iter().take(2).cloned());
    }
    sample.sort_by(|a, b| a.id.cmp(&b.id));
    let pairs = PairSet {
        pairs: sample,
        unpaired: Vec::new(),
    };
    let scratch = tempfile::tempdir()?;
    let one = write(&batch(1), pairs.clone(), &scratch.path().join("one"))?;
    let two = write(&batch(2), pairs, &scratch.path().join("two"))?;
    assert_eq!((one.aligned, one.failed), (8, 0));
    assert_eq!(one, two);
    assert!(files(&scratch.path().join("one"))? == files(&scratch.path().join("two"))?);
    Ok(())
}
