//! How time and peak memory grow with the input, for inputs built to make the pipeline's inner
//! loops run away: each kind of pair is generated at 1, 2, 4, 8 and 16 MB (both sides together)
//! and put through every stage: parse, align, check, and every output format. The exponent is the
//! slope of log(time) and log(memory) over log(size), fitted by least squares over every size and
//! over the largest doubling alone (8 to 16 MB): 1 is linear, the target is at most 1.2.
//!
//! ```text
//! cargo run --release --example scaling -- [--sizes 1,2,4,8,16] [--kinds ordinary,...] [--repeat N]
//! ```
//!
//! Every (kind, size) runs in a fresh child process (this example again with `--measure`), so
//! that memory one input took is not counted against the next. Within the child, the peak
//! resident set size is reset before each stage (`/proc/self/clear_refs`) and read after it, so
//! it is the most the process held during that stage, inputs included. Times are the CPU time of
//! the thread doing the work (every stage runs on one thread), medians of `--repeat` runs (3 by
//! default): a shared machine stretches wall-clock times but hardly the CPU time.

#[path = "common/measure.rs"]
mod measure;

use std::io::Write;
use std::process::Command;

use anyhow::{Context, Result, bail};
use resalign::align::{Aligner, Alignment, Finding, check};
use resalign::export::html::PairReport;
use resalign::export::report::Report;
use resalign::export::terminal::{AlignmentView, CheckView};
use resalign::export::tmx::TmxWriterBuilder;
use resalign::export::tsv::write_tsv;
use resalign::export::xliff::XliffWriterBuilder;
use resalign::{Document, Language, Parser};

const STAGES: [&str; 10] = [
    "parse",
    "align",
    "check",
    "json",
    "tsv",
    "tmx",
    "xliff",
    "html",
    "text",
    "check-text",
];
const KINDS: [&str; 7] = [
    "ordinary",
    "repeated",
    "uniform",
    "ten-times",
    "deep-xml",
    "open-masthead",
    "hyphen-run",
];
const MB: usize = 1 << 20;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut sizes = vec![1, 2, 4, 8, 16];
    let mut kinds: Vec<String> = KINDS.iter().map(|kind| kind.to_string()).collect();
    let mut repeat = 3;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--measure" => {
                let kind = args.next().context("--measure KIND MB REPEAT")?;
                let size: usize = args.next().context("MB")?.parse()?;
                let repeat: usize = args.next().context("REPEAT")?.parse()?;
                return measure(&kind, size, repeat);
            }
            "--sizes" => {
                sizes = args
                    .next()
                    .context("--sizes 1,2,4")?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
            }
            "--kinds" => {
                kinds = args
                    .next()
                    .context("--kinds ordinary,uniform")?
                    .split(',')
                    .map(str::to_string)
                    .collect();
            }
            "--repeat" => repeat = args.next().context("--repeat N")?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    println!("load average: {}", measure::load_average());
    for kind in &kinds {
        if !KINDS.contains(&kind.as_str()) {
            bail!("unknown kind {kind}; kinds: {}", KINDS.join(", "));
        }
        report_kind(kind, &sizes, repeat)?;
    }
    Ok(())
}

/// One stage's figures at one size.
#[derive(Clone, Copy)]
struct Figure {
    seconds: f64,
    peak_mb: f64,
}

/// One child's figures: the size asked for, the bytes generated, the memory the input alone
/// took, and each stage's figures.
struct Row {
    size: usize,
    bytes: usize,
    input_mb: f64,
    figures: Vec<Figure>,
}

fn report_kind(kind: &str, sizes: &[usize], repeat: usize) -> Result<()> {
    let rows = sizes
        .iter()
        .map(|&size| measured(kind, size, repeat))
        .collect::<Result<Vec<Row>>>()?;
    println!("\n{kind}: {}", describe(kind));
    print!("{:>10}", "stage");
    for row in &rows {
        let size = format!("{} MB", row.size);
        print!("  {size:>8} ({:>5.1} MB)", row.bytes as f64 / MB as f64);
    }
    println!("  {:>15} {:>15}", "time exp", "memory exp");
    print!("{:>10}", "input");
    for row in &rows {
        print!("  {:>10} {:>7.1} MB", "", row.input_mb);
    }
    println!();
    for (index, stage) in STAGES.iter().enumerate() {
        print!("{stage:>10}");
        let mut points = Vec::new();
        for row in &rows {
            let figure = row
                .figures
                .get(index)
                .copied()
                .context("a figure per stage")?;
            print!("  {:>8.3} s {:>7.1} MB", figure.seconds, figure.peak_mb);
            points.push((row.bytes as f64, figure));
        }
        let time: Vec<(f64, f64)> = points
            .iter()
            .map(|(bytes, figure)| (*bytes, figure.seconds))
            .collect();
        let memory: Vec<(f64, f64)> = points
            .iter()
            .map(|(bytes, figure)| (*bytes, figure.peak_mb))
            .collect();
        println!(
            "  {:>6.2} / {:>6.2} {:>6.2} / {:>6.2}",
            exponent(&time),
            exponent(last_two(&time)),
            exponent(&memory),
            exponent(last_two(&memory))
        );
    }
    Ok(())
}

/// Runs the child for one kind and size and reads its figures.
fn measured(kind: &str, size: usize, repeat: usize) -> Result<Row> {
    let output = Command::new(std::env::current_exe()?)
        .args(["--measure", kind, &size.to_string(), &repeat.to_string()])
        .output()?;
    if !output.status.success() {
        bail!(
            "{kind} at {size} MB failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = String::from_utf8(output.stdout)?;
    let mut lines = text.lines();
    let (bytes, input_mb) = lines
        .next()
        .and_then(|line| line.split_once(' '))
        .context("the input size")?;
    let figures = lines
        .map(|line| {
            let (seconds, peak) = line.split_once(' ').context("two figures")?;
            Ok(Figure {
                seconds: seconds.parse()?,
                peak_mb: peak.parse()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Row {
        size,
        bytes: bytes.parse()?,
        input_mb: input_mb.parse()?,
        figures,
    })
}

fn describe(kind: &str) -> &'static str {
    match kind {
        "ordinary" => "numbered paragraphs, each citing its own document",
        "repeated" => "every operative paragraph numbered 1.",
        "uniform" => "one paragraph repeated, the English side twice the Spanish",
        "ten-times" => "numbered paragraphs, the English side ten times the Spanish",
        "open-masthead" => "an adoption line that never gives its date, then lines of figures",
        "hyphen-run" => "one word of hyphenated pieces as long as the size allows",
        _ => "AKN XML, the text nested in as many content elements as the size allows",
    }
}

/// The last two points: the exponent of the largest doubling, where a constant cost weighs
/// least (a few milliseconds at 1 MB can make the fit over every size look steeper).
fn last_two(points: &[(f64, f64)]) -> &[(f64, f64)] {
    points
        .get(points.len().saturating_sub(2)..)
        .unwrap_or(points)
}

/// The least-squares slope of log(value) over log(size).
fn exponent(points: &[(f64, f64)]) -> f64 {
    let logs: Vec<(f64, f64)> = points
        .iter()
        .filter(|(size, value)| *size > 0.0 && *value > 0.0)
        .map(|(size, value)| (size.ln(), value.ln()))
        .collect();
    let count = logs.len() as f64;
    let mean_x = logs.iter().map(|(x, _)| x).sum::<f64>() / count;
    let mean_y = logs.iter().map(|(_, y)| y).sum::<f64>() / count;
    let covariance: f64 = logs.iter().map(|(x, y)| (x - mean_x) * (y - mean_y)).sum();
    let variance: f64 = logs.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    covariance / variance
}

/// The English and Spanish texts of a kind, together about `bytes` long.
fn generate(kind: &str, bytes: usize) -> (String, String) {
    let half = bytes / 2;
    match kind {
        "ordinary" => (
            numbered(half, Language::En, |n| {
                format!(
                    "*Decides* to consider document A/{n}/L.{} on {} March 2020;",
                    n % 97,
                    1 + n % 28
                )
            }),
            numbered(half, Language::Es, |n| {
                format!(
                    "*Decide* examinar el documento A/{n}/L.{} el {} de marzo de 2020;",
                    n % 97,
                    1 + n % 28
                )
            }),
        ),
        "repeated" => (
            repeated(half, "*The General Assembly,*", "1. *Decides* to act;"),
            repeated(half, "*La Asamblea General,*", "1. *Decide* actuar;"),
        ),
        "uniform" => (
            repeated(
                bytes * 2 / 3,
                "*The General Assembly,*",
                "*Recalling* its resolution of the Assembly,",
            ),
            repeated(
                bytes / 3,
                "*La Asamblea General,*",
                "*Recordando* su resolución de la Asamblea,",
            ),
        ),
        "ten-times" => (
            numbered(bytes * 10 / 11, Language::En, |n| {
                format!("*Decides* to act on item {n};")
            }),
            numbered(bytes / 11, Language::Es, |n| {
                format!("*Decide* actuar sobre el tema {n};")
            }),
        ),
        "open-masthead" => (
            open_masthead(
                half,
                "Resolution adopted by the General Assembly",
                "The General Assembly,",
            ),
            open_masthead(
                half,
                "Resolución aprobada por la Asamblea General",
                "La Asamblea General,",
            ),
        ),
        "hyphen-run" => (
            hyphen_run(half, "The General Assembly,\n\n1. Decides to act on"),
            hyphen_run(half, "La Asamblea General,\n\n1. Decide actuar sobre"),
        ),
        _ => (
            deep_xml(half, "eng", "Decides to act;"),
            deep_xml(half, "spa", "Decide actuar;"),
        ),
    }
}

/// A masthead whose adoption line waits for a date that never comes, over lines of figures.
fn open_masthead(bytes: usize, adoption: &str, formula: &str) -> String {
    let line = "12, 13, 14, 15, 16, 17, 18 and 19\n";
    let count = bytes.saturating_sub(adoption.len() + formula.len()) / line.len();
    format!(
        "{adoption}\n{}\n{formula}\n\n1. Act;\n",
        line.repeat(count.max(1))
    )
}

/// Plain text whose one paragraph holds a single word of `a-b` pieces.
fn hyphen_run(bytes: usize, opening: &str) -> String {
    let count = bytes.saturating_sub(opening.len()) / 4;
    format!("{opening} {}x;\n", "ab-".repeat(count.max(1)))
}

fn numbered(bytes: usize, language: Language, paragraph: impl Fn(usize) -> String) -> String {
    let mut text = String::from(match language {
        Language::En => "*The General Assembly,*\n\n",
        Language::Es => "*La Asamblea General,*\n\n",
    });
    let mut number = 1;
    while text.len() < bytes {
        text.push_str(&format!("{number}. {}\n\n", paragraph(number)));
        number += 1;
    }
    text
}

fn repeated(bytes: usize, formula: &str, paragraph: &str) -> String {
    let count = bytes.saturating_sub(formula.len()) / (paragraph.len() + 2);
    format!(
        "{formula}\n\n{}",
        format!("{paragraph}\n\n").repeat(count.max(1))
    )
}

fn deep_xml(bytes: usize, language: &str, text: &str) -> String {
    let depth = bytes.saturating_sub(300) / "<content></content>".len();
    format!(
        "<akomaNtoso><act><meta><identification><FRBRExpression><FRBRlanguage language=\"{language}\"/>\
         </FRBRExpression></identification></meta><mainBody><paragraph><num>1.</num>{}{text}{}\
         </paragraph></mainBody></act></akomaNtoso>",
        "<content>".repeat(depth),
        "</content>".repeat(depth)
    )
}

/// The child: generates the input, runs every stage `repeat` times and prints the input size,
/// then per stage the median seconds and the peak resident megabytes.
fn measure(kind: &str, size: usize, repeat: usize) -> Result<()> {
    let (en_text, es_text) = generate(kind, size * MB);
    println!(
        "{} {:.1}",
        en_text.len() + es_text.len(),
        measure::resident_mb()
    );
    let parse = |text: &str, language: Language| {
        let mut parser = Parser::new();
        parser.language(language);
        parser.parse_str(text)
    };
    let (mut en, mut es) = (None, None);
    stage(repeat, || {
        en = Some(parse(&en_text, Language::En)?);
        es = Some(parse(&es_text, Language::Es)?);
        Ok(())
    })?;
    let (en, es) = (en.context("parsed")?, es.context("parsed")?);
    let mut alignment = None;
    stage(repeat, || {
        alignment = Some(Aligner::new().align(&en, &es)?);
        Ok(())
    })?;
    let alignment = alignment.context("aligned")?;
    let mut findings = Vec::new();
    stage(repeat, || {
        findings = check(&en, &es, &alignment);
        Ok(())
    })?;
    let outputs: [OutputWriter; 7] = [
        &|mut out| Ok(Report::checked(&en, &es, &alignment, &findings).write_json(&mut out)?),
        &|mut out| Ok(write_tsv(&mut out, &en, &es, &alignment)?),
        &|out| write_tmx(out, &en, &es, &alignment),
        &|out| write_xliff(out, &en, &es, &alignment, &findings),
        &|mut out| {
            Ok(PairReport::new(&en, &es, &alignment)
                .findings(&findings)
                .write(&mut out)?)
        },
        &|out| Ok(write!(out, "{}", AlignmentView::new(&en, &es, &alignment))?),
        &|out| {
            Ok(write!(
                out,
                "{}",
                CheckView::new(&en, &es, &alignment, &findings)
            )?)
        },
    ];
    for output in outputs {
        stage(repeat, || output(&mut measure::Discard))?;
    }
    Ok(())
}

/// Writes one output format of the pair.
type OutputWriter<'a> = &'a dyn Fn(&mut dyn Write) -> Result<()>;

fn write_tmx(
    out: &mut dyn Write,
    en: &Document,
    es: &Document,
    alignment: &Alignment,
) -> Result<()> {
    let mut writer = TmxWriterBuilder::new().build(out)?;
    writer.add_pair(en, es, alignment)?;
    writer.finish()?;
    Ok(())
}

fn write_xliff(
    out: &mut dyn Write,
    en: &Document,
    es: &Document,
    alignment: &Alignment,
    findings: &[Finding],
) -> Result<()> {
    let mut writer = XliffWriterBuilder::new().build(out)?;
    writer.add_pair(en, es, alignment, findings)?;
    writer.finish()?;
    Ok(())
}

/// Runs `work` `repeat` times and prints the median CPU time and the peak memory while it ran.
fn stage(repeat: usize, mut work: impl FnMut() -> Result<()>) -> Result<()> {
    measure::reset_peak();
    let mut times: Vec<f64> = Vec::with_capacity(repeat);
    for _ in 0..repeat.max(1) {
        let started = measure::thread_cpu_seconds();
        work()?;
        times.push(measure::thread_cpu_seconds() - started);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    println!("{median:.6} {:.1}", measure::peak_mb());
    Ok(())
}
