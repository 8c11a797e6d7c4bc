//! A mutation fuzzer for the whole pipeline: corpus documents (AKN4UN XML, and their markdown
//! and `pdftotext`-shaped renderings), and PDF and Word documents (the demo pair of `data/`,
//! and with `--typeset N` N corpus pairs per collection typeset by `../shared/tools/typeset_akn.py`)
//! are mutated at random — bytes flipped, markup, operators and labels inserted, pieces
//! repeated, cut, spliced from another document — and every mutant is parsed,
//! aligned against the other language version of its document (and the other way round),
//! checked, and written in every output format. An execution fails when it panics, takes more
//! than a second of CPU time (the wall clock of a shared machine says little), or needs more
//! than 200 MB beyond what the process held before it.
//!
//! ```text
//! cargo run --release --example fuzz -- [CORPUS] [--minutes M] [--seed S] [--save DIR]
//!     [--typeset N]
//! cargo run --release --example fuzz -- [CORPUS] --seed S --replay N   # input N again, timed
//! ```
//!
//! Runs are reproducible: input `n` of seed `S` is always the same mutant. A failing input is
//! written to `--save` (default `target/fuzz-failures`) with what went wrong. A watchdog ends the
//! run, naming the input, if one execution hangs for ten seconds.
//!
//! A PDF seed is stored with its streams uncompressed, so that mutations reach the content
//! operators and the fonts rather than only breaking the DEFLATE data; a Word seed is mutated
//! inside its package (an XML part mutated, the ZIP written again) or as the ZIP's bytes.

#[path = "common/measure.rs"]
mod measure;
#[path = "common/rng.rs"]
mod rng;

use std::io::{Cursor, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use resalign::align::{Aligner, Alignment, Finding, check};
use resalign::export::html::PairReport;
use resalign::export::report::Report;
use resalign::export::terminal::{AlignmentView, CheckView};
use resalign::export::tmx::TmxWriterBuilder;
use resalign::export::tsv::write_tsv;
use resalign::export::xliff::XliffWriterBuilder;
use resalign::{Document, Language, Parser};
use resalign_testkit::corpus::{pairs_by_name, sample_pairs};
use resalign_testkit::typeset::{Form, Typesetter};

use resalign_testkit::{Renderer, Shape};
use rng::Rng;

const TIME_LIMIT: Duration = Duration::from_secs(1);
const MEMORY_LIMIT_MB: f64 = 200.0;
const HANG: Duration = Duration::from_secs(10);

fn main() -> Result<()> {
    let options = Options::from_args()?;
    let pairs = load_pairs(&options.corpus)?;
    let laid_out = laid_out_pairs(&options)?;
    println!(
        "{} seed pairs from {} and {} as PDF and DOCX; load average {}",
        pairs.len(),
        options.corpus.display(),
        laid_out.len(),
        measure::load_average()
    );
    std::fs::create_dir_all(&options.save)?;
    let current = Arc::new(AtomicU64::new(0));
    let started_at = Arc::new(AtomicU64::new(0));
    let clock = Instant::now();
    watchdog(
        Arc::clone(&current),
        Arc::clone(&started_at),
        clock,
        options.seed,
    );
    // Panics are counted and saved, not printed one by one.
    panic::set_hook(Box::new(|_| {}));
    let deadline = clock + Duration::from_secs_f64(options.minutes * 60.0);
    let mut tally = Tally::default();
    let mut input = options.replay.unwrap_or(0);
    while Instant::now() < deadline || options.replay.is_some() {
        let mut rng = Rng::new(options.seed ^ input.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        // One mutant in three is a PDF or a Word document, however few of them there are.
        let pool = match rng.below(3) {
            0 if !laid_out.is_empty() => &laid_out,
            _ => &pairs,
        };
        let Some(pair) = pool.get(rng.below(pool.len())) else {
            bail!("no seed pairs");
        };
        let other = pool.get(rng.below(pool.len())).unwrap_or(pair);
        let mutate_english = rng.below(2) == 0;
        let (target, donor) = match mutate_english {
            true => (&pair.en, &other.es),
            false => (&pair.es, &other.en),
        };
        let mutant = mutate(target, donor, &mut rng);
        // Written before it runs: a replayed input may be the one that hangs.
        if options.replay.is_some() {
            std::fs::write(options.save.join("replayed"), &mutant)?;
        }
        current.store(input, Ordering::SeqCst);
        started_at.store(clock.elapsed().as_millis() as u64, Ordering::SeqCst);
        measure::reset_peak();
        let resident_before = measure::resident_mb();
        let execution = measure::thread_cpu_seconds();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            run(
                &mutant,
                pair,
                mutate_english,
                target.language,
                options.replay.is_some(),
            )
        }));
        let elapsed = Duration::from_secs_f64(measure::thread_cpu_seconds() - execution);
        let peak = measure::peak_mb() - resident_before;
        let failure = match outcome {
            Err(payload) => Some(format!("panic: {}", panic_message(payload.as_ref()))),
            Ok(_) if elapsed > TIME_LIMIT => {
                Some(format!("took {:.2} s of CPU time", elapsed.as_secs_f64()))
            }
            Ok(_) if peak > MEMORY_LIMIT_MB => Some(format!("peak {peak:.0} MB")),
            Ok(result) => {
                tally.count(result);
                None
            }
        };
        if let Some(failure) = failure {
            tally.failures += 1;
            save(&options.save, options.seed, input, &mutant, &failure)?;
            println!("input {input}: {failure}");
        }
        tally.executions += 1;
        tally.slowest = tally.slowest.max(elapsed);
        tally.peak_mb = tally.peak_mb.max(peak);
        input += 1;
        if options.replay.is_some() {
            break;
        }
        if input.is_multiple_of(5000) {
            println!("{}", tally.line(clock.elapsed()));
        }
    }
    println!("{}", tally.line(clock.elapsed()));
    Ok(())
}

struct Options {
    corpus: PathBuf,
    minutes: f64,
    seed: u64,
    save: PathBuf,
    /// Runs this input alone, printing the time of each stage.
    replay: Option<u64>,
    /// Corpus pairs per collection typeset as PDF and DOCX seeds, besides the demo pair.
    typeset: usize,
}

impl Options {
    fn from_args() -> Result<Options> {
        let mut options = Options {
            corpus: PathBuf::from("../shared/corpus/unxml"),
            minutes: 1.0,
            seed: 1,
            save: PathBuf::from("target/fuzz-failures"),
            replay: None,
            typeset: 0,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--minutes" => options.minutes = args.next().context("--minutes M")?.parse()?,
                "--seed" => options.seed = args.next().context("--seed S")?.parse()?,
                "--save" => options.save = PathBuf::from(args.next().context("--save DIR")?),
                "--replay" => options.replay = Some(args.next().context("--replay N")?.parse()?),
                "--typeset" => options.typeset = args.next().context("--typeset N")?.parse()?,
                flag if flag.starts_with("--") => bail!("unknown option {flag}"),
                path => options.corpus = PathBuf::from(path),
            }
        }
        Ok(options)
    }
}

/// A document as bytes, in a language.
struct Seed {
    bytes: Vec<u8>,
    language: Language,
    kind: SeedKind,
}

/// What a seed is, for the mutations that suit it.
enum SeedKind {
    /// Text or XML, mutated as bytes.
    Text,
    /// A PDF whose streams are stored uncompressed.
    Pdf,
    /// A Word package: its parts, by name.
    Docx(Vec<(String, Vec<u8>)>),
}

impl Seed {
    fn text(bytes: Vec<u8>, language: Language) -> Seed {
        Seed {
            bytes,
            language,
            kind: SeedKind::Text,
        }
    }

    /// A PDF seed: the file with every stream decompressed, so that it reads the same.
    fn pdf(bytes: &[u8], language: Language) -> Result<Seed> {
        let mut document = lopdf::Document::load_mem(bytes)?;
        document.decompress();
        let mut uncompressed = Vec::new();
        document.save_to(&mut uncompressed)?;
        Ok(Seed {
            bytes: uncompressed,
            language,
            kind: SeedKind::Pdf,
        })
    }

    fn docx(bytes: Vec<u8>, language: Language) -> Result<Seed> {
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes))?;
        let mut parts = Vec::new();
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index)?;
            let mut content = Vec::new();
            entry.read_to_end(&mut content)?;
            parts.push((entry.name()?.into_owned(), content));
        }
        Ok(Seed {
            bytes,
            language,
            kind: SeedKind::Docx(parts),
        })
    }
}

/// The two language versions of one resolution.
struct SeedPair {
    en: Seed,
    es: Seed,
}

/// Every pair of the corpus's ECOSOC and Security Council folders, as XML, and every tenth also
/// rendered as markdown and as `pdftotext` output.
fn load_pairs(corpus: &Path) -> Result<Vec<SeedPair>> {
    let mut pairs = Vec::new();
    for folder in ["ECOSOC/2022", "SC/2022", "HRC/54session", "GA/75session"] {
        let Ok(found) = pairs_by_name(&corpus.join(folder)) else {
            continue;
        };
        for (index, (en_path, es_path)) in found.into_iter().enumerate() {
            let (en_bytes, es_bytes) = (std::fs::read(&en_path)?, std::fs::read(&es_path)?);
            if index % 10 == 0 {
                let en = Parser::new().parse_bytes(&en_bytes)?;
                let es = Parser::new().parse_bytes(&es_bytes)?;
                for shape in [Shape::Markdown, Shape::PlainText] {
                    let render = |document: &Document| {
                        Renderer::new()
                            .shape(shape)
                            .seed(index as u64)
                            .render(document)
                            .text
                    };
                    let (en_text, es_text) = (render(&en), render(&es));
                    pairs.push(SeedPair {
                        en: Seed::text(en_text.into_bytes(), Language::En),
                        es: Seed::text(es_text.into_bytes(), Language::Es),
                    });
                }
            }
            pairs.push(SeedPair {
                en: Seed::text(en_bytes, Language::En),
                es: Seed::text(es_bytes, Language::Es),
            });
        }
    }
    if pairs.is_empty() {
        bail!("no corpus pairs under {}", corpus.display());
    }
    Ok(pairs)
}

/// The demo pair of `data/` as PDF and as DOCX, and with `--typeset N` that many corpus pairs
/// per collection typeset by the tool (cached under `target/typeset-fuzz`).
fn laid_out_pairs(options: &Options) -> Result<Vec<SeedPair>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for extension in ["pdf", "docx"] {
        files.push((
            data.join(format!("E_RES_2013_41.en.{extension}")),
            data.join(format!("E_RES_2013_41.es.{extension}")),
        ));
    }
    if options.typeset > 0 {
        let sources: Vec<PathBuf> = sample_pairs(&options.corpus, options.typeset)?
            .into_iter()
            .flat_map(|(en, es)| [en, es])
            .collect();
        let typeset =
            Typesetter::beside_corpus(&options.corpus, "target/typeset-fuzz").typeset(&sources)?;
        for pair in typeset.chunks_exact(2) {
            for form in [Form::Pdf, Form::Docx] {
                files.push((pair[0].path(form), pair[1].path(form)));
            }
        }
    }
    files
        .iter()
        .map(|(en, es)| {
            let seed = |path: &Path, language: Language| -> Result<Seed> {
                let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
                let seed = match path.extension().and_then(|extension| extension.to_str()) {
                    Some("pdf") => Seed::pdf(&bytes, language),
                    _ => Seed::docx(bytes, language),
                };
                seed.with_context(|| path.display().to_string())
            };
            Ok(SeedPair {
                en: seed(en, Language::En)?,
                es: seed(es, Language::Es)?,
            })
        })
        .collect()
}

/// What an execution got to.
enum Reached {
    /// The mutant is not a resolution: a clear error, as it should be.
    Rejected,
    /// Parsed, aligned both ways, checked and written in every format.
    Written,
}

/// Parses the mutant, aligns it against the other language version in its place, checks the
/// pair and writes every output format.
fn run(
    mutant: &[u8],
    pair: &SeedPair,
    mutant_is_english: bool,
    language: Language,
    timed: bool,
) -> Reached {
    let clock = Instant::now();
    let lap = |stage: &str| {
        if timed {
            println!("{stage}: {:.3} s", clock.elapsed().as_secs_f64());
        }
    };
    let mut parser = Parser::new();
    if mutant.len().is_multiple_of(2) {
        parser.language(language);
    }
    let Ok(document) = parser.parse_bytes(mutant) else {
        return Reached::Rejected;
    };
    let partner = match mutant_is_english {
        true => &pair.es,
        false => &pair.en,
    };
    let Ok(partner) = Parser::new().parse_bytes(&partner.bytes) else {
        return Reached::Rejected;
    };
    let (en, es) = match mutant_is_english {
        true => (&document, &partner),
        false => (&partner, &document),
    };
    lap("parse");
    match Aligner::new().align(en, es) {
        Ok(alignment) => {
            lap("align");
            let findings = check(en, es, &alignment);
            lap("check");
            write_everything(en, es, &alignment, &findings, &lap);
            Reached::Written
        }
        // The mutant reads as the other language: a clear error too.
        Err(_) => Reached::Rejected,
    }
}

fn write_everything(
    en: &Document,
    es: &Document,
    alignment: &Alignment,
    findings: &[Finding],
    lap: &dyn Fn(&str),
) {
    let mut out = measure::Discard;
    // Errors are allowed (a writer may refuse a pair); panics are what is looked for.
    let _ = Report::checked(en, es, alignment, findings).write_json(&mut out);
    lap("json");
    let _ = write_tsv(&mut out, en, es, alignment);
    lap("tsv");
    if let Ok(mut tmx) = TmxWriterBuilder::new().build(&mut out) {
        let _ = tmx.add_pair(en, es, alignment);
        let _ = tmx.finish();
    }
    lap("tmx");
    if let Ok(mut xliff) = XliffWriterBuilder::new().build(&mut out) {
        let _ = xliff.add_pair(en, es, alignment, findings);
        let _ = xliff.finish();
    }
    lap("xliff");
    let _ = PairReport::new(en, es, alignment)
        .findings(findings)
        .write(&mut out);
    lap("html");
    let _ = write!(out, "{}", AlignmentView::new(en, es, alignment));
    let _ = write!(out, "{}", CheckView::new(en, es, alignment, findings));
    lap("text views");
}

/// Pieces of text a resolution's parsers treat specially, for insertion.
const TOKENS: &[&str] = &[
    "<content>",
    "</content>",
    "<p>",
    "</p>",
    "<paragraph>",
    "</paragraph>",
    "<num>1.</num>",
    "<num>(a)</num>",
    "<authorialNote marker=\"3\">",
    "</authorialNote>",
    "<sup>2</sup>",
    "<attachment>",
    "</attachment>",
    "<list>",
    "<item>",
    "</zz>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#x1F;",
    "&#0;",
    "&bogus;",
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "\n\n1. ",
    "\n\n12. ",
    "\n\n(a) ",
    "\n\n(iv) ",
    "[^4]",
    "\n[^4]: See ",
    "31 February 2020",
    "29 de febrero de 2021",
    "A/RES/75/1",
    "resolution 64/293",
    "E/2013/30",
    "\u{c}",
    "\u{1b}[2J",
    "\u{feff}",
    "\u{200b}",
    "*",
    "**",
    "_",
    "# ",
    "Annex",
    "Anexo",
    "The General Assembly,",
    "La Asamblea General,",
    "\r\n",
    "\t",
    "\u{0}",
    "…",
    "¿",
    "ñ",
];

/// A mutant of `target`, `donor` giving the pieces a splice takes. Three Word mutants in four
/// change one XML part of the package (the document's text most often) and are packed again.
fn mutate(target: &Seed, donor: &Seed, rng: &mut Rng) -> Vec<u8> {
    match &target.kind {
        SeedKind::Text => mutate_bytes(target.bytes.clone(), &donor.bytes, TOKENS, rng),
        SeedKind::Pdf => mutate_bytes(target.bytes.clone(), &donor.bytes, PDF_TOKENS, rng),
        SeedKind::Docx(parts) if rng.below(4) > 0 => {
            let xml: Vec<usize> = (0..parts.len())
                .filter(|&index| parts[index].0.ends_with(".xml"))
                .collect();
            let document = parts
                .iter()
                .position(|(name, _)| name == "word/document.xml");
            let chosen = match rng.below(2) {
                0 => document,
                _ => xml.get(rng.below(xml.len())).copied(),
            };
            let Some(chosen) = chosen else {
                return mutate_bytes(target.bytes.clone(), &donor.bytes, TOKENS, rng);
            };
            let mut parts = parts.clone();
            let part = std::mem::take(&mut parts[chosen].1);
            parts[chosen].1 = mutate_bytes(part, &donor.bytes, DOCX_TOKENS, rng);
            pack(&parts).unwrap_or_else(|_| target.bytes.clone())
        }
        SeedKind::Docx(_) => mutate_bytes(target.bytes.clone(), &donor.bytes, TOKENS, rng),
    }
}

/// A ZIP of `parts`, each deflated.
fn pack(parts: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        writer.start_file(name.as_str(), zip::write::SimpleFileOptions::default())?;
        writer.write_all(content)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// One to eight mutations of `bytes`, inserting `tokens` and splicing pieces of `donor`.
fn mutate_bytes(mut bytes: Vec<u8>, donor: &[u8], tokens: &[&str], rng: &mut Rng) -> Vec<u8> {
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(9) {
            0 => {
                if let Some(byte) = bytes.get_mut(at) {
                    *byte ^= 1 << rng.below(8);
                }
            }
            1 | 2 => {
                let token = tokens
                    .get(rng.below(tokens.len()))
                    .copied()
                    .unwrap_or("<p>");
                insert(&mut bytes, at, token.as_bytes());
            }
            3 => {
                let end = (at + rng.below(2000)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            4 => {
                // A piece repeated many times: repeated numbers, deep nesting, long lines.
                let end = (at + 1 + rng.below(60)).min(bytes.len());
                let piece = bytes.get(at.min(end)..end).unwrap_or_default().to_vec();
                let times = 1 + rng.below(2000);
                let repeated = piece.repeat(times);
                insert(&mut bytes, at, &repeated);
            }
            5 => {
                let token = tokens
                    .get(rng.below(tokens.len()))
                    .copied()
                    .unwrap_or("<p>");
                let repeated = token.repeat(1 + rng.below(5000));
                insert(&mut bytes, at, repeated.as_bytes());
            }
            6 => {
                let from = rng.below(donor.len() + 1);
                let end = (from + rng.below(5000)).min(donor.len());
                let piece = donor.get(from.min(end)..end).unwrap_or_default().to_vec();
                insert(&mut bytes, at, &piece);
            }
            7 => bytes.truncate(at),
            _ => {
                let random: Vec<u8> = (0..1 + rng.below(16))
                    .map(|_| rng.below(256) as u8)
                    .collect();
                insert(&mut bytes, at, &random);
            }
        }
    }
    bytes
}

fn insert(bytes: &mut Vec<u8>, at: usize, piece: &[u8]) {
    let at = at.min(bytes.len());
    bytes.splice(at..at, piece.iter().copied());
}

/// Pieces of PDF syntax: text operators and their operands, fonts, graphics state, objects and
/// the cross-reference machinery.
const PDF_TOKENS: &[&str] = &[
    "BT ",
    " ET",
    "(1) Tj ",
    "[(A)-250(b)] TJ ",
    "/F1 6 Tf ",
    "/F9 0 Tf ",
    "0 0 Td ",
    "1 0 0 1 72 700 Tm ",
    "0 -14 TD ",
    "T* ",
    "5 Ts ",
    "q ",
    " Q",
    "1e308 0 0 1e308 0 0 cm ",
    "0 0 612 0.5 re f ",
    "<feff0031> Tj ",
    r"(\)) '",
    "/Length 99999999",
    "/Filter /FlateDecode",
    "/ToUnicode 9999 0 R",
    "/Widths [1 2 3]",
    "/FirstChar 4294967295",
    "endstream",
    "endobj",
    "obj <<",
    ">>",
    "xref\n0 1\n",
    "trailer << /Root 1 0 R >>",
    "startxref\n0\n%%EOF",
    "%PDF-1.7\n",
    "beginbfchar <01> <0041> endbfchar",
    "beginbfrange <00> <ff> <0000> endbfrange",
    "\u{0}",
    "(",
    ")",
    "[",
    "<",
];

/// Pieces of WordprocessingML: paragraphs, runs, numbering, footnotes, fields, tracked changes.
const DOCX_TOKENS: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>1.</w:t></w:r>",
    "<w:r><w:rPr><w:i/></w:rPr><w:t>Recalling</w:t></w:r>",
    "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>2</w:t></w:r>",
    "<w:footnoteReference w:id=\"9\"/>",
    "<w:footnoteReference w:id=\"-1\"/>",
    "<w:footnote w:id=\"9\"><w:p><w:r><w:t>See</w:t></w:r></w:p></w:footnote>",
    "<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr>",
    "<w:pStyle w:val=\"Heading1\"/>",
    "<w:tab/>",
    "<w:br w:type=\"page\"/>",
    "<w:sectPr/>",
    "<w:del><w:r><w:delText>x</w:delText></w:r></w:del>",
    "<w:ins><w:r><w:t>y</w:t></w:r></w:ins>",
    "<w:fldSimple w:instr=\"NOTEREF _Ref1\">",
    "<w:tbl><w:tr><w:tc>",
    "</w:tc></w:tr></w:tbl>",
    "<w:t xml:space=\"preserve\"> </w:t>",
    "<w:vanish/>",
    "&amp;",
    "&#0;",
    "<!--",
    "</zz>",
    "\u{0}",
];

#[derive(Default)]
struct Tally {
    executions: u64,
    rejected: u64,
    written: u64,
    failures: u64,
    slowest: Duration,
    peak_mb: f64,
}

impl Tally {
    fn count(&mut self, reached: Reached) {
        match reached {
            Reached::Rejected => self.rejected += 1,
            Reached::Written => self.written += 1,
        }
    }

    fn line(&self, elapsed: Duration) -> String {
        format!(
            "{:.0} s: {} executions ({} through every stage, {} rejected as not a resolution), \
             {} failures; slowest {:.3} s, peak {:.0} MB",
            elapsed.as_secs_f64(),
            self.executions,
            self.written,
            self.rejected,
            self.failures,
            self.slowest.as_secs_f64(),
            self.peak_mb
        )
    }
}

fn save(dir: &Path, seed: u64, input: u64, mutant: &[u8], failure: &str) -> Result<()> {
    let path = dir.join(format!("seed{seed}-input{input}"));
    std::fs::write(&path, mutant)?;
    std::fs::write(path.with_extension("txt"), failure)?;
    Ok(())
}

/// Ends the process, naming the input, when one execution runs for [`HANG`].
fn watchdog(current: Arc<AtomicU64>, started_at: Arc<AtomicU64>, clock: Instant, seed: u64) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let started = Duration::from_millis(started_at.load(Ordering::SeqCst));
            if clock.elapsed().saturating_sub(started) > HANG {
                eprintln!(
                    "input {} of seed {seed} has run for over {} s: hang",
                    current.load(Ordering::SeqCst),
                    HANG.as_secs()
                );
                std::process::exit(3);
            }
        }
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|message| message.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}
