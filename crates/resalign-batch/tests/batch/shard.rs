//! `--shard K/N`: the shards split the pairs without overlap, their outputs together hold every
//! line of the whole run, and their counts add up to its summary.

use std::collections::BTreeSet;

use anyhow::Result;
use resalign_batch::{OutputDir, PairFinder, Shard, Silent};

use crate::common::{batch, small_corpus, write};

pub(crate) fn shards_split_the_pairs_and_their_outputs_add_up() -> Result<()> {
    let tree = small_corpus()?;
    let found = PairFinder::new().find(tree.root())?;
    let scratch = tempfile::tempdir()?;
    let whole = scratch.path().join("whole");
    let whole_summary = write(&batch(2), found.clone(), &whole)?;
    let read_lines = |dir: &std::path::Path, name: &str| -> Result<Vec<String>> {
        Ok(std::fs::read_to_string(dir.join(name))?
            .lines()
            .map(str::to_string)
            .collect())
    };
    for count in [1, 2, 3, 7] {
        let mut pairs_per_shard = Vec::new();
        let mut combined: Vec<Vec<String>> = vec![Vec::new(); 4];
        let (mut found_total, mut aligned, mut failed, mut unpaired, mut bytes) = (0, 0, 0, 0, 0);
        for index in 0..count {
            let shard = Shard::new(index, count)?;
            let dir = scratch.path().join(format!("{index}-of-{count}"));
            let mut output = OutputDir::new(&dir);
            output.shard(shard);
            let summary = batch(1).write_dir(found.clone(), &output, &mut Silent)?;
            found_total += summary.pairs_found;
            aligned += summary.aligned;
            failed += summary.failed;
            unpaired += summary.unpaired;
            bytes += summary.bytes;
            let mut share = found.clone();
            share.retain_shard(shard);
            pairs_per_shard.push(share.pairs.len());
            for (lines, name) in combined.iter_mut().zip([
                "links.jsonl",
                "findings.jsonl",
                "documents.jsonl",
                "unpaired.jsonl",
            ]) {
                lines.extend(read_lines(&dir, name)?);
            }
        }
        assert_eq!(
            pairs_per_shard.iter().sum::<usize>(),
            found.pairs.len(),
            "{count} shards"
        );
        assert_eq!(
            (found_total, aligned, failed, unpaired, bytes),
            (
                whole_summary.pairs_found,
                whole_summary.aligned,
                whole_summary.failed,
                whole_summary.unpaired,
                whole_summary.bytes
            ),
            "{count} shards"
        );
        for (lines, name) in combined.into_iter().zip([
            "links.jsonl",
            "findings.jsonl",
            "documents.jsonl",
            "unpaired.jsonl",
        ]) {
            let mut whole_lines = read_lines(&whole, name)?;
            let mut lines = lines;
            whole_lines.sort();
            lines.sort();
            assert_eq!(lines, whole_lines, "{name} over {count} shards");
        }
    }
    Ok(())
}

pub(crate) fn every_id_is_in_exactly_one_shard_and_shares_are_even() -> Result<()> {
    let ids: Vec<String> = (0..200)
        .map(|number| format!("GA/75session/75_{number}"))
        .collect();
    for count in [2, 3, 8] {
        let shards: Vec<Shard> = (0..count)
            .map(|index| Shard::new(index, count))
            .collect::<Result<_, _>>()?;
        let mut sizes = vec![0usize; count];
        for id in &ids {
            let owners: Vec<usize> = shards
                .iter()
                .enumerate()
                .filter(|(_, shard)| shard.contains(id))
                .map(|(index, _)| index)
                .collect();
            assert_eq!(owners.len(), 1, "{id} in {owners:?} of {count}");
            sizes[owners[0]] += 1;
        }
        // A stable hash shares 200 ids out roughly evenly.
        let even = ids.len() / count;
        assert!(
            sizes
                .iter()
                .all(|size| *size > even / 2 && *size < even * 2),
            "{sizes:?}"
        );
    }
    Ok(())
}

pub(crate) fn shards_are_written_k_of_n_from_zero() {
    let parsed: BTreeSet<String> = ["0/1", "0/4", "3/4", " 2 / 3 "]
        .iter()
        .filter_map(|text| text.parse::<Shard>().ok())
        .map(|shard| shard.to_string())
        .collect();
    assert_eq!(
        parsed,
        ["0/1", "0/4", "2/3", "3/4"]
            .map(str::to_string)
            .into_iter()
            .collect()
    );
    for refused in ["4/4", "1/0", "a/b", "3", "-1/2", ""] {
        assert!(refused.parse::<Shard>().is_err(), "{refused}");
    }
}

/// Shards are shared out by a hash fixed in the crate, so that machines built at different
/// times agree, and a shard resumed after an upgrade still skips the pairs it did. These
/// assignments must never change.
pub(crate) fn the_share_of_a_pair_is_fixed_for_good() -> Result<()> {
    let pinned = [
        ("GA/75session/75_100", 2, 0),
        ("SC/2022/S_RES_2618 (2022)-2201005", 1, 1),
        ("ECOSOC/2022/E_RES_2022_1-2110515", 1, 0),
        ("HRC/54session/A_HRC_RES_54_10", 0, 2),
        ("docs/ecosoc", 0, 1),
    ];
    for (id, of_four, of_three) in pinned {
        assert!(Shard::new(of_four, 4)?.contains(id), "{id} in {of_four}/4");
        assert!(
            Shard::new(of_three, 3)?.contains(id),
            "{id} in {of_three}/3"
        );
    }
    Ok(())
}
