//! Evaluates the aligner and the checks on the AKN4UN corpus.
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/corpus/unxml [--render markdown|plain]
//!     [--form pdf|docx|pdftotext|layout] [--sample N] [--cache DIR]
//!     [--seed N] [--worst N] [--show-faults] [--show-findings] [--pair NAME]
//! ```
//!
//! Pairs the English and Spanish files, aligns every pair and scores the unit and footnote links
//! against the gold the AKN4UN markup gives (precision, recall, F1); then injects faults into a
//! copy of each Spanish document (paragraphs removed, split, merged, swapped with their numbers
//! kept, cut by half; anchors altered; a footnote removed), aligns again, and counts how many
//! faults the alignment and the checks bring out and how many paragraphs no fault touched carry
//! a finding, and a finding of error severity (`--show-findings` lists those of the untouched
//! pairs; `--show-faults` the faults the alignment or the checks missed). Also aligns every English
//! file with the Spanish file of another resolution, to count how often such a pair is called
//! what it is, and prints timings per pair.
//!
//! With `--render`, each document (faults included) is rendered by `resalign-testkit` as seed-
//! shaped markdown or `pdftotext`-shaped text and parsed back by the text front-end, and the
//! aligner sees those parses; the gold follows through the places the rendering gives.
//!
//! With `--form pdf|docx|pdftotext|layout`, each pair is typeset the UN's way by
//! `../shared/tools/typeset_akn.py` (LibreOffice, cached under `--cache`, by default
//! `target/typeset-evaluate`) and read back in that form; faults (paragraphs removed, anchors
//! altered) go into a copy of the Spanish XML, typeset in turn. `--sample N` takes N pairs of
//! each collection (LibreOffice typesets about three documents a second).

#[path = "../common/corpus_source.rs"]
mod corpus_source;
mod gold;
mod metrics;
mod pairing;
mod perturb;
mod render;
mod report;
#[path = "../common/rng.rs"]
mod rng;
mod typeset;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use resalign_align::{Alignment, PairVerdict};
use resalign_core::{Document, Parser};
use resalign_testkit::Shape;
use resalign_testkit::typeset::Form;

use gold::{Gold, Markup};
use metrics::{FaultCounts, LinkCounts, Positions, UntouchedCounts};
use pairing::FilePair;
use perturb::{Fault, FaultKind, pair_rng, perturb};
use render::{follow_faults, follow_gold, read_back};

/// Alignments per pair, of which the fastest is timed.
const TIMING_RUNS: usize = 3;

struct Options {
    corpus: PathBuf,
    /// Align renderings of the documents parsed back, instead of the XML.
    render: Option<Shape>,
    seed: u64,
    worst: usize,
    /// Print every fault the alignment did not bring out as expected, and every fault no
    /// finding reported.
    show_faults: bool,
    /// Print every finding on the untouched pairs that names a paragraph the gold judges.
    show_findings: bool,
    /// Evaluate only the pairs whose name contains this, and print their perturbed alignment
    /// around every fault.
    only: Option<String>,
    /// Typeset every pair and read it back in this form.
    form: Option<Form>,
    /// Pairs to take from each collection.
    sample: Option<usize>,
    /// Where typeset documents are kept between runs.
    cache: PathBuf,
}

impl Options {
    fn from_args() -> Result<Options> {
        let mut options = Options {
            corpus: PathBuf::from("../shared/corpus/unxml"),
            render: None,
            seed: 1,
            worst: 5,
            show_faults: false,
            show_findings: false,
            only: None,
            form: None,
            sample: None,
            cache: PathBuf::from("target/typeset-evaluate"),
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--render" => {
                    options.render = match args.next().as_deref() {
                        Some("markdown") => Some(Shape::Markdown),
                        Some("plain") => Some(Shape::PlainText),
                        _ => bail!("--render markdown|plain"),
                    }
                }
                "--form" => {
                    options.form = match args.next().as_deref() {
                        Some("pdf") => Some(Form::Pdf),
                        Some("docx") => Some(Form::Docx),
                        Some("pdftotext") => Some(Form::PdfToText),
                        Some("layout") => Some(Form::PdfToTextLayout),
                        _ => bail!("--form pdf|docx|pdftotext|layout"),
                    }
                }
                "--sample" => options.sample = Some(args.next().context("--sample N")?.parse()?),
                "--cache" => options.cache = PathBuf::from(args.next().context("--cache DIR")?),
                "--seed" => options.seed = args.next().context("--seed N")?.parse()?,
                "--worst" => options.worst = args.next().context("--worst N")?.parse()?,
                "--show-faults" => options.show_faults = true,
                "--show-findings" => options.show_findings = true,
                "--pair" => options.only = Some(args.next().context("--pair NAME")?),
                flag if flag.starts_with("--") => bail!("unknown option {flag}"),
                path => options.corpus = PathBuf::from(path),
            }
        }
        if options.form.is_some() && options.render.is_some() {
            bail!("--form and --render are two ways to present the pairs: give one");
        }
        Ok(options)
    }
}

/// The XML of a pair, parsed.
pub struct Loaded {
    pub en: Document,
    pub es: Document,
    bytes: usize,
    parse: Duration,
}

fn load(pair: &FilePair) -> Result<Loaded> {
    let started = Instant::now();
    let parser = Parser::new();
    let en = parser.parse_path(&pair.en)?;
    let es = parser.parse_path(&pair.es)?;
    Ok(Loaded {
        bytes: en.source.len() + es.source.len(),
        en,
        es,
        parse: started.elapsed(),
    })
}

/// What the aligner is given for one pair, with the gold and the faults on its units.
pub struct Presented {
    pub en: Document,
    pub es: Document,
    pub gold: Gold,
    pub faults: Vec<Fault>,
}

/// Presents the XML documents as they are, or rendered and parsed back.
fn present(
    en: &Document,
    es: &Document,
    gold: &Gold,
    faults: &[Fault],
    render: Option<(Shape, u64)>,
) -> Result<Presented> {
    let Some((shape, seed)) = render else {
        return Ok(Presented {
            en: en.clone(),
            es: es.clone(),
            gold: gold.clone(),
            faults: faults.to_vec(),
        });
    };
    let en_back = read_back(en, shape, seed)?;
    let es_back = read_back(es, shape, seed.wrapping_add(1))?;
    Ok(Presented {
        gold: follow_gold(gold, &en_back, &es_back),
        faults: follow_faults(faults, &en_back, &es_back),
        en: en_back.document,
        es: es_back.document,
    })
}

/// Everything measured on one pair.
struct PairResult {
    name: String,
    units: (usize, usize),
    bytes: usize,
    markup: Markup,
    covered: (usize, usize),
    same_verdict: bool,
    untouched: LinkCounts,
    perturbed: LinkCounts,
    untouched_notes: LinkCounts,
    perturbed_notes: LinkCounts,
    calibration: metrics::Calibration,
    /// Footnotes of both sides, and those the gold judges.
    notes: usize,
    judged_notes: usize,
    perturbed_same_verdict: bool,
    faults: BTreeMap<FaultKind, FaultCounts>,
    altered_anchors: BTreeMap<String, FaultCounts>,
    findings_original: UntouchedCounts,
    findings_perturbed: UntouchedCounts,
    parse: Duration,
    align: Duration,
    check_and_write: Duration,
    errors: Vec<String>,
    /// Faults the alignment did not bring out as expected, described.
    missed_faults: Vec<String>,
    /// Why the verdict was not same-resolution.
    verdict_reasons: Vec<String>,
}

/// An alignment of a presented pair and what the checks found on it.
struct Aligned {
    alignment: Alignment,
    findings: Vec<resalign_align::Finding>,
    align: Duration,
    check_and_write: Duration,
}

fn align_and_check(presented: &Presented) -> Result<Aligned> {
    let (en, es) = (&presented.en, &presented.es);
    // The fastest of a few runs: the machine may be busy with other work.
    let mut align = Duration::MAX;
    let mut aligned = None;
    for _ in 0..TIMING_RUNS {
        let started = Instant::now();
        aligned = Some(resalign_align::align(en, es)?);
        align = align.min(started.elapsed());
    }
    let alignment = aligned.context("aligned")?;
    let started = Instant::now();
    let findings = resalign_align::check(en, es, &alignment);
    // Serialised as the CLI would write it, so that the timing covers the whole pipeline.
    std::hint::black_box(serde_json::to_string(&(&alignment, &findings))?);
    Ok(Aligned {
        alignment,
        findings,
        align,
        check_and_write: started.elapsed(),
    })
}

fn evaluate(
    pair: &FilePair,
    loaded: &Loaded,
    options: &Options,
    typeset: Option<&typeset::Typeset>,
) -> Result<PairResult> {
    let xml_gold = Gold::from_eids(&loaded.en, &loaded.es);
    let mut rng = pair_rng(options.seed, &pair.name);
    let render = options.render.map(|shape| (shape, rng.next()));

    let (original, perturbed) = match typeset {
        Some(typeset) => (
            typeset.untouched(pair, loaded, &xml_gold)?,
            typeset.perturbed(pair, loaded, &xml_gold, &mut rng)?,
        ),
        None => {
            let original = present(&loaded.en, &loaded.es, &xml_gold, &[], render)?;
            let faulty = perturb(&loaded.en, &loaded.es, &xml_gold, &mut rng);
            let perturbed = present(&loaded.en, &faulty.es, &faulty.gold, &faulty.faults, render)?;
            (original, perturbed)
        }
    };
    let untouched = align_and_check(&original)?;
    let positions = Positions::new(&original.en, &original.es);
    let linked = positions.linked_pairs(&untouched.alignment);

    let after = align_and_check(&perturbed)?;
    let perturbed_positions = Positions::new(&perturbed.en, &perturbed.es);
    let perturbed_linked = perturbed_positions.linked_pairs(&after.alignment);
    let judge = |faults: &[Fault]| {
        metrics::judge_faults(
            faults,
            &after.alignment,
            &perturbed_linked,
            &after.findings,
            &perturbed_positions,
        )
    };
    if options.only.is_some() {
        report::print_around_faults(&perturbed, &after.alignment)?;
    }
    let mut altered_anchors: BTreeMap<String, FaultCounts> = BTreeMap::new();
    for fault in perturbed
        .faults
        .iter()
        .filter(|f| f.kind == FaultKind::AnchorAltered)
    {
        let kind = fault
            .anchor
            .map_or("none".to_string(), |kind| format!("{kind:?}"));
        if let Some(counts) = judge(std::slice::from_ref(fault)).get(&FaultKind::AnchorAltered) {
            report::add_fault_counts(altered_anchors.entry(kind).or_default(), counts);
        }
    }
    let mut calibration = metrics::calibrate(&untouched.alignment, &original.gold, &positions);
    calibration.add(&metrics::calibrate(
        &after.alignment,
        &perturbed.gold,
        &perturbed_positions,
    ));
    Ok(PairResult {
        name: pair.name.clone(),
        units: (original.en.units.len(), original.es.units.len()),
        bytes: loaded.bytes,
        markup: original.gold.markup,
        covered: original.gold.covered_units(),
        same_verdict: is_same(&untouched.alignment),
        untouched: metrics::score_links(&linked, &original.gold),
        perturbed: metrics::score_links(&perturbed_linked, &perturbed.gold),
        untouched_notes: metrics::score_footnotes(&untouched.alignment, &original.gold),
        perturbed_notes: metrics::score_footnotes(&after.alignment, &perturbed.gold),
        calibration,
        notes: original.en.footnotes.len() + original.es.footnotes.len(),
        judged_notes: original.gold.en_notes.len() + original.gold.es_notes.len(),
        perturbed_same_verdict: is_same(&after.alignment),
        faults: judge(&perturbed.faults),
        altered_anchors,
        findings_original: metrics::untouched(&[], &original.gold, &untouched.findings, &positions),
        findings_perturbed: metrics::untouched(
            &perturbed.faults,
            &perturbed.gold,
            &after.findings,
            &perturbed_positions,
        ),
        parse: loaded.parse,
        align: untouched.align,
        check_and_write: untouched.check_and_write,
        errors: report::describe_errors(&original, &linked),
        missed_faults: metrics::describe_missed_faults(
            &perturbed.faults,
            &after.alignment,
            &perturbed_linked,
            &perturbed.en,
            &perturbed.es,
        )
        .into_iter()
        .chain(metrics::describe_unreported_faults(
            &perturbed.faults,
            &after.findings,
            &perturbed_positions,
            &perturbed.en,
            &perturbed.es,
        ))
        .collect(),
        verdict_reasons: match untouched.alignment.verdict {
            PairVerdict::DifferentResolutions { reasons } => reasons,
            PairVerdict::SameResolution => Vec::new(),
        },
    })
}

fn is_same(alignment: &Alignment) -> bool {
    alignment.verdict == PairVerdict::SameResolution
}

fn main() -> Result<()> {
    let options = Options::from_args()?;
    if !options.corpus.is_dir() {
        return Err(corpus_source::missing_corpus(&options.corpus));
    }
    let (mut pairs, unpaired) = pairing::find_pairs(&options.corpus)?;
    if let Some(only) = &options.only {
        pairs.retain(|pair| pair.name.contains(only.as_str()));
    }
    if let Some(count) = options.sample {
        pairs = pairing::sample(pairs, count);
    }
    let typeset = match options.form {
        Some(form) => {
            let typeset = typeset::Typeset::new(form, &options.corpus, &options.cache)?;
            typeset.prepare(&pairs)?;
            Some(typeset)
        }
        None => None,
    };
    report::print_pairing(&options, &pairs, unpaired);
    // Lexicon tables and the like are built on first use; keep that out of the first timing.
    // A pair that cannot be used is a line of the report, here and below, never a failed run.
    if let Some(warm) = pairs.iter().find_map(|pair| load(pair).ok()) {
        let _ = resalign_align::align(&warm.en, &warm.es);
    }
    let mut loaded_pairs = Vec::new();
    for pair in &pairs {
        match load(pair) {
            Ok(loaded) => loaded_pairs.push((pair, loaded)),
            Err(error) => println!("  not parsed: {}: {error:#}", pair.name),
        }
    }
    let mut results = Vec::new();
    let mut evaluated = Vec::new();
    for (pair, loaded) in loaded_pairs {
        match evaluate(pair, &loaded, &options, typeset.as_ref()) {
            Ok(result) => {
                results.push(result);
                evaluated.push((pair, loaded));
            }
            Err(error) => println!("  not evaluated: {}: {error:#}", pair.name),
        }
    }
    let loaded_pairs = evaluated;
    report::gold_coverage(&results, &options);
    report::links(&results);
    report::calibration(&results);
    report::faults(&results, options.seed);
    if options.show_faults {
        for result in &results {
            for fault in &result.missed_faults {
                println!("    {}: {fault}", result.name);
            }
        }
    }
    report::findings(&results, options.show_findings);
    report::mismatched(&loaded_pairs)?;
    report::timing(&results);
    report::worst(&results, options.worst);
    Ok(())
}
