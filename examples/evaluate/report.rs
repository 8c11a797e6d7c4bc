//! The evaluation's printed report: how the gold covers the corpus, link figures, score
//! calibration, faults, findings, mismatched pairs, timings and the worst pairs.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use anyhow::Result;
use resalign_align::Alignment;
use resalign_core::Document;

use crate::gold::Markup;
use crate::metrics::{self, FaultCounts, LinkCounts, UntouchedCounts, ratio};
use crate::pairing::{FilePair, MatchedBy};
use crate::perturb::FaultKind;
use crate::{Loaded, Options, PairResult, Presented, is_same};

pub fn print_pairing(options: &Options, pairs: &[FilePair], unpaired: usize) {
    let by_number = pairs
        .iter()
        .filter(|pair| pair.matched_by == MatchedBy::ResolutionNumber)
        .count();
    println!(
        "corpus {}: {} pairs ({} by file name, {} by resolution number), {} English files without Spanish",
        options.corpus.display(),
        pairs.len(),
        pairs.len() - by_number,
        by_number,
        unpaired
    );
    if let Some(shape) = options.render {
        println!("input: XML rendered as {shape:?} by resalign-testkit and parsed back");
    }
    if let Some(form) = options.form {
        println!(
            "input: XML typeset by typeset_akn.py and read back as {form}; faults: paragraphs removed and anchors altered in the Spanish XML, typeset again"
        );
    }
}

/// The perturbed alignment within three links of every fault, with evidence.
pub fn print_around_faults(perturbed: &Presented, alignment: &Alignment) -> Result<()> {
    let id = |document: &Document, position: usize| {
        document
            .units
            .get(position)
            .map_or(String::new(), |unit| unit.id.to_string())
    };
    for fault in &perturbed.faults {
        let en_ids: Vec<String> = fault.en.iter().map(|&e| id(&perturbed.en, e)).collect();
        let es_ids: Vec<String> = fault.es.iter().map(|&s| id(&perturbed.es, s)).collect();
        println!(
            "\n{} (English {en_ids:?}, Spanish {es_ids:?})",
            fault.kind.name()
        );
        if fault.footnote.is_some() {
            for link in &alignment.footnote_links {
                println!(
                    "  footnote {:?} => {:?} score {:.3}",
                    link.en, link.es, link.score
                );
                for evidence in &link.evidence {
                    println!("      {}", serde_json::to_string(evidence)?);
                }
            }
        }
        let touches = |link: &resalign_align::Link| {
            link.en.iter().any(|u| en_ids.contains(&u.to_string()))
                || link.es.iter().any(|u| es_ids.contains(&u.to_string()))
        };
        let Some(at) = alignment.links.iter().position(touches) else {
            continue;
        };
        for link in alignment.links.iter().skip(at.saturating_sub(3)).take(7) {
            println!("  {:?} => {:?} score {:.3}", link.en, link.es, link.score);
            for evidence in &link.evidence {
                println!("      {}", serde_json::to_string(evidence)?);
            }
        }
    }
    Ok(())
}

/// Wrong and missed links of a pair, by unit id.
pub fn describe_errors(presented: &Presented, linked: &BTreeSet<(usize, usize)>) -> Vec<String> {
    let (en, es, gold) = (&presented.en, &presented.es, &presented.gold);
    let id = |document: &Document, position: usize| {
        document
            .units
            .get(position)
            .map_or("?".to_string(), |unit| unit.id.to_string())
    };
    let wrong = linked
        .iter()
        .filter(|pair| gold.judges(pair) && !gold.links.contains(pair))
        .map(|&(e, s)| format!("wrong  {} => {}", id(en, e), id(es, s)));
    let missed = gold
        .links
        .iter()
        .filter(|pair| gold.judges(pair) && !linked.contains(pair))
        .map(|&(e, s)| format!("missed {} => {}", id(en, e), id(es, s)));
    wrong.chain(missed).collect()
}

pub fn gold_coverage(results: &[PairResult], options: &Options) {
    let diverging: Vec<&PairResult> = results
        .iter()
        .filter(|r| r.markup == Markup::Diverging)
        .collect();
    let units: usize = results.iter().map(|r| r.units.0 + r.units.1).sum();
    let covered: usize = results.iter().map(|r| r.covered.0 + r.covered.1).sum();
    let diverging_units: usize = diverging.iter().map(|r| r.units.0 + r.units.1).sum();
    let diverging_covered: usize = diverging.iter().map(|r| r.covered.0 + r.covered.1).sum();
    println!("\ngold (eId correspondence)");
    println!(
        "  {} pairs aligned; markup parallel in {}, diverging in {}",
        results.len(),
        results.len() - diverging.len(),
        diverging.len()
    );
    println!(
        "  gold judges {covered} of {units} units ({:.2}%); in diverging pairs {diverging_covered} of {diverging_units} (units between the first and last eId or unit id difference left out)",
        100.0 * ratio(covered, units)
    );
    if options.form.is_some() {
        println!("  units read back are judged by their ids, which every format gives alike");
    }
    if options.render.is_some() {
        println!(
            "  units read back are judged only when they hold text of one XML unit, read as at most two units"
        );
    }
}

pub fn links(results: &[PairResult]) {
    let mut untouched = LinkCounts::default();
    let mut perturbed = LinkCounts::default();
    let mut parallel = LinkCounts::default();
    let mut by_body: BTreeMap<String, LinkCounts> = BTreeMap::new();
    for result in results {
        untouched.add(result.untouched);
        perturbed.add(result.perturbed);
        if result.markup == Markup::Parallel {
            parallel.add(result.untouched);
        }
        let body = result.name.split('/').next().unwrap_or("").to_string();
        by_body.entry(body).or_default().add(result.untouched);
    }
    println!("\nunit links against the gold");
    print_counts("untouched pairs", untouched);
    print_counts("  of which parallel markup", parallel);
    for (body, counts) in &by_body {
        print_counts(&format!("  {body}"), *counts);
    }
    print_counts("perturbed pairs", perturbed);
    let mut notes = LinkCounts::default();
    let mut perturbed_notes = LinkCounts::default();
    for result in results {
        notes.add(result.untouched_notes);
        perturbed_notes.add(result.perturbed_notes);
    }
    let judged: usize = results.iter().map(|r| r.judged_notes).sum();
    let notes_total: usize = results.iter().map(|r| r.notes).sum();
    println!(
        "footnote links against the gold (footnotes called at the same place of linked units: {judged} of {notes_total} footnotes)"
    );
    print_counts("untouched pairs", notes);
    print_counts("perturbed pairs", perturbed_notes);
    let same = results.iter().filter(|r| r.same_verdict).count();
    let perturbed_same = results.iter().filter(|r| r.perturbed_same_verdict).count();
    println!(
        "  verdict same-resolution: {same} of {} untouched pairs, {perturbed_same} of {} perturbed",
        results.len(),
        results.len()
    );
    for result in results.iter().filter(|r| !r.same_verdict) {
        println!(
            "    taken for different resolutions: {}: {}",
            result.name,
            result.verdict_reasons.join("; ")
        );
    }
}

fn print_counts(label: &str, counts: LinkCounts) {
    println!(
        "  {label:<28} P {:.4}  R {:.4}  F1 {:.4}   ({} correct, {} wrong, {} missed)",
        counts.precision(),
        counts.recall(),
        counts.f1(),
        counts.correct,
        counts.wrong,
        counts.missed
    );
}

pub fn faults(results: &[PairResult], seed: u64) {
    let mut totals: BTreeMap<FaultKind, FaultCounts> = BTreeMap::new();
    let mut anchors: BTreeMap<String, FaultCounts> = BTreeMap::new();
    for result in results {
        for (kind, counts) in &result.faults {
            add_fault_counts(totals.entry(*kind).or_default(), counts);
        }
        for (kind, counts) in &result.altered_anchors {
            add_fault_counts(anchors.entry(kind.clone()).or_default(), counts);
        }
    }
    println!("\ninjected faults (seed {seed})");
    println!(
        "  {:<26} {:>8} {:>22} {:>18}",
        "fault", "injected", "aligned as expected", "reported by checks"
    );
    for kind in FaultKind::ALL {
        let counts = totals.get(&kind).copied().unwrap_or_default();
        let expectation = match kind {
            FaultKind::Removed => "(left unlinked)",
            FaultKind::Split => "(1-2 link)",
            FaultKind::Merged => "(2-1 link)",
            FaultKind::AnchorAltered => "(still linked)",
            FaultKind::FootnoteRemoved => "(left unlinked)",
            FaultKind::Swapped => "(linked by number)",
            FaultKind::Cut => "(still linked)",
        };
        println!(
            "  {:<26} {:>8} {:>7.2}% {:<15} {:>7.2}%",
            kind.name(),
            counts.injected,
            100.0 * ratio(counts.aligned_as_expected, counts.injected),
            expectation,
            100.0 * ratio(counts.reported, counts.injected)
        );
    }
    for (kind, counts) in &anchors {
        println!(
            "    altered {:<20} {:>8} {:>7.2}% {:<15} {:>7.2}%",
            kind,
            counts.injected,
            100.0 * ratio(counts.aligned_as_expected, counts.injected),
            "",
            100.0 * ratio(counts.reported, counts.injected)
        );
    }
}

pub fn calibration(results: &[PairResult]) {
    let mut total = metrics::Calibration::default();
    for result in results {
        total.add(&result.calibration);
    }
    println!("\nlink scores against the gold (untouched and perturbed pairs)");
    println!(
        "  {:<12} {:>24} {:>30}",
        "score", "paired links right", "links without counterpart right"
    );
    for (index, low) in metrics::BANDS.iter().enumerate() {
        let high = metrics::BANDS.get(index + 1).copied().unwrap_or(1.0);
        let (paired, one_sided) = (total.paired[index], total.one_sided[index]);
        println!(
            "  [{low:.2}, {high:.2}{} {:>8} of {:>7} ({:>6.2}%) {:>10} of {:>7} ({:>6.2}%)",
            if index + 1 == metrics::BANDS.len() {
                "]"
            } else {
                ")"
            },
            paired.1,
            paired.0,
            100.0 * ratio(paired.1, paired.0),
            one_sided.1,
            one_sided.0,
            100.0 * ratio(one_sided.1, one_sided.0)
        );
    }
}

pub fn add_fault_counts(total: &mut FaultCounts, counts: &FaultCounts) {
    total.injected += counts.injected;
    total.aligned_as_expected += counts.aligned_as_expected;
    total.reported += counts.reported;
}

pub fn findings(results: &[PairResult], show: bool) {
    let mut original = UntouchedCounts::default();
    let mut perturbed = UntouchedCounts::default();
    for result in results {
        original.add(&result.findings_original);
        perturbed.add(&result.findings_perturbed);
    }
    println!(
        "\nfindings on paragraphs no fault touched (paragraphs named by at least one finding)"
    );
    println!("  {:<16} {:>22} {:>22}", "", "any finding", "an error");
    for (label, counts) in [
        ("untouched pairs", &original),
        ("perturbed pairs", &perturbed),
    ] {
        println!(
            "  {label:<16} {:>6} of {:>6} ({:.2}%) {:>6} of {:>6} ({:.2}%)",
            counts.flagged,
            counts.paragraphs,
            100.0 * ratio(counts.flagged, counts.paragraphs),
            counts.flagged_error,
            counts.paragraphs,
            100.0 * ratio(counts.flagged_error, counts.paragraphs)
        );
        for (code, count) in &counts.by_code {
            println!("      {code:<32} {count}");
        }
    }
    if show {
        println!("\nfindings on untouched pairs");
        for result in results {
            for finding in &result.findings_original.findings {
                println!("  {}: {finding}", result.name);
            }
        }
    }
}

/// Each English document against the Spanish document of the next pair of its folder, with
/// the metadata the parser read and without it (content alone); and the true pairs without
/// metadata.
pub fn mismatched(pairs: &[(&FilePair, Loaded)]) -> Result<()> {
    let folder = |name: &str| {
        name.rsplit_once('/')
            .map_or(String::new(), |(f, _)| f.to_string())
    };
    let without_metadata = |document: &Document| Document {
        metadata: resalign_core::Metadata::default(),
        ..document.clone()
    };
    let mut judged = 0;
    let mut different = 0;
    let mut different_by_content = 0;
    let mut true_pairs_same_by_content = 0;
    let mut missed = Vec::new();
    for (index, (pair, loaded)) in pairs.iter().enumerate() {
        let bare_en = without_metadata(&loaded.en);
        if is_same(&resalign_align::align(
            &bare_en,
            &without_metadata(&loaded.es),
        )?) {
            true_pairs_same_by_content += 1;
        }
        let Some((other_pair, other)) = pairs
            .iter()
            .cycle()
            .skip(index + 1)
            .take(pairs.len())
            .find(|(other, _)| {
                folder(&other.name) == folder(&pair.name) && other.name != pair.name
            })
        else {
            continue;
        };
        judged += 1;
        if is_same(&resalign_align::align(&loaded.en, &other.es)?) {
            missed.push(format!("{} with {}", pair.name, other_pair.name));
        } else {
            different += 1;
        }
        if !is_same(&resalign_align::align(
            &bare_en,
            &without_metadata(&other.es),
        )?) {
            different_by_content += 1;
        }
    }
    println!("\nmismatched pairs (English of one resolution, Spanish of the next in its folder)");
    println!(
        "  called different resolutions: {different} of {judged} ({:.2}%); without metadata, by content alone: {different_by_content} ({:.2}%)",
        100.0 * ratio(different, judged),
        100.0 * ratio(different_by_content, judged)
    );
    println!(
        "  true pairs without metadata called the same resolution: {true_pairs_same_by_content} of {} ({:.2}%)",
        pairs.len(),
        100.0 * ratio(true_pairs_same_by_content, pairs.len())
    );
    for name in missed.iter().take(5) {
        println!("    taken for the same resolution: {name}");
    }
    Ok(())
}

pub fn timing(results: &[PairResult]) {
    let micros = |duration: Duration| duration.as_secs_f64() * 1e6;
    let mut align: Vec<f64> = results.iter().map(|r| micros(r.align)).collect();
    let mut per_50kb: Vec<f64> = results
        .iter()
        .map(|r| micros(r.align) * 50_000.0 / r.bytes.max(1) as f64)
        .collect();
    align.sort_by(f64::total_cmp);
    per_50kb.sort_by(f64::total_cmp);
    let total_bytes: usize = results.iter().map(|r| r.bytes).sum();
    let seconds = |part: fn(&PairResult) -> Duration| -> f64 {
        results.iter().map(|r| part(r).as_secs_f64()).sum()
    };
    let (parse, aligning, checking) = (
        seconds(|r| r.parse),
        seconds(|r| r.align),
        seconds(|r| r.check_and_write),
    );
    let megabytes = total_bytes as f64 / 1e6;
    println!("\ntiming (one core; {megabytes:.1} MB of XML in both languages)");
    println!(
        "  align per pair: median {:.0} µs, p90 {:.0} µs, max {:.0} µs; per 50 KB of XML: median {:.0} µs, max {:.0} µs",
        percentile(&align, 0.5),
        percentile(&align, 0.9),
        percentile(&align, 1.0),
        percentile(&per_50kb, 0.5),
        percentile(&per_50kb, 1.0)
    );
    println!(
        "  throughput: parse {:.1} MB/s, align {:.1} MB/s, check + JSON {:.1} MB/s, together {:.1} MB/s",
        megabytes / parse,
        megabytes / aligning,
        megabytes / checking,
        megabytes / (parse + aligning + checking)
    );
    let mut slowest: Vec<&PairResult> = results.iter().collect();
    slowest.sort_by_key(|result| std::cmp::Reverse(result.align));
    for result in slowest.iter().take(3) {
        println!(
            "    slowest: {} ({}+{} units, {} KB): align {:.0} µs",
            result.name,
            result.units.0,
            result.units.1,
            result.bytes / 1000,
            micros(result.align)
        );
    }
}

fn percentile(sorted: &[f64], share: f64) -> f64 {
    let index = ((sorted.len().saturating_sub(1)) as f64 * share).round() as usize;
    sorted.get(index).copied().unwrap_or(0.0)
}

pub fn worst(results: &[PairResult], count: usize) {
    let mut worst: Vec<&PairResult> = results
        .iter()
        .filter(|r| r.untouched.wrong + r.untouched.missed > 0)
        .collect();
    worst.sort_by(|a, b| a.untouched.f1().total_cmp(&b.untouched.f1()));
    let note_errors: Vec<String> = results
        .iter()
        .filter(|r| r.untouched_notes.wrong + r.untouched_notes.missed > 0)
        .map(|r| {
            format!(
                "{} ({} wrong, {} missed)",
                r.name, r.untouched_notes.wrong, r.untouched_notes.missed
            )
        })
        .collect();
    println!(
        "\npairs with footnote errors on untouched documents: {}",
        note_errors.len()
    );
    for name in note_errors.iter().take(count) {
        println!("  {name}");
    }
    println!(
        "\npairs with errors on untouched documents: {}",
        worst.len()
    );
    for result in worst.iter().take(count) {
        println!(
            "  {} F1 {:.3} ({} correct, {} wrong, {} missed; {:?} markup)",
            result.name,
            result.untouched.f1(),
            result.untouched.correct,
            result.untouched.wrong,
            result.untouched.missed,
            result.markup
        );
        for error in result.errors.iter().take(6) {
            println!("      {error}");
        }
    }
}
