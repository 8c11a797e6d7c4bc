//! Single-document throughput of the stages a batch runs for every pair: parsing, anchor
//! extraction, alignment, the checks, and the whole pair (parse both sides, align, check) as a
//! batch does it. The pair `data/E_RES_2013_41.{en,es}.md` always; the largest pair of each organ's
//! corpus folder too when `../shared/corpus` is present. Corpus-wide figures (pairs/s, MB/s,
//! peak memory at 1 and 2 threads) come from `cargo run --release --example corpus`.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use resalign::{Document, Parser, anchors};
use resalign_align::{align, check};
use resalign_batch::{Batch, PairFinder, PairInput, PairedBy, Source};

fn repository(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A pair to measure: its name, both texts, and both parsed.
struct Sample {
    name: String,
    en_text: String,
    es_text: String,
    en: Document,
    es: Document,
}

impl Sample {
    fn load(name: &str, en: &Path, es: &Path) -> Option<Sample> {
        let en_text = std::fs::read_to_string(en).ok()?;
        let es_text = std::fs::read_to_string(es).ok()?;
        Some(Sample {
            name: name.to_string(),
            en: Parser::new().parse_str(&en_text).ok()?,
            es: Parser::new().parse_str(&es_text).ok()?,
            en_text,
            es_text,
        })
    }

    fn bytes(&self) -> u64 {
        (self.en_text.len() + self.es_text.len()) as u64
    }
}

/// The markdown pair of the repository, and the largest corpus pair of each organ.
fn samples() -> Vec<Sample> {
    let mut samples: Vec<Sample> = Sample::load(
        "E_RES_2013_41-md",
        &repository("data/E_RES_2013_41.en.md"),
        &repository("data/E_RES_2013_41.es.md"),
    )
    .into_iter()
    .collect();
    let corpus = repository("../shared/corpus/unxml");
    let Ok(found) = PairFinder::new().find(&corpus) else {
        eprintln!("skipped: corpus not found at {}", corpus.display());
        return samples;
    };
    for organ in ["GA/", "ECOSOC/", "SC/", "HRC/"] {
        let largest = found
            .pairs
            .iter()
            .filter(|pair| pair.id.starts_with(organ))
            .filter_map(|pair| Some((pair, size(&pair.en)? + size(&pair.es)?)))
            .max_by_key(|(_, bytes)| *bytes);
        if let Some((pair, _)) = largest
            && let (Source::Path(en), Source::Path(es)) = (&pair.en, &pair.es)
            && let Some(sample) =
                Sample::load(&format!("{}-xml", organ.trim_end_matches('/')), en, es)
        {
            samples.push(sample);
        }
    }
    samples
}

fn size(source: &Source) -> Option<u64> {
    std::fs::metadata(source.path()?)
        .ok()
        .map(|metadata| metadata.len())
}

fn bench_anchors(c: &mut Criterion, samples: &[Sample]) {
    let mut group = c.benchmark_group("anchors");
    for sample in samples {
        let text_bytes: usize = sample.en.units.iter().map(|unit| unit.text.len()).sum();
        group.throughput(Throughput::Bytes(text_bytes as u64));
        group.bench_function(BenchmarkId::new("en-units", &sample.name), |b| {
            b.iter(|| {
                sample
                    .en
                    .units
                    .iter()
                    .map(|unit| {
                        anchors::extract(sample.en.language, &unit.text, &unit.footnote_calls).len()
                    })
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn bench_align(c: &mut Criterion, samples: &[Sample]) {
    let mut group = c.benchmark_group("align");
    for sample in samples {
        group.throughput(Throughput::Bytes(sample.bytes()));
        group.bench_function(BenchmarkId::new("align", &sample.name), |b| {
            b.iter(|| align(&sample.en, &sample.es).map(|alignment| alignment.links.len()))
        });
        if let Ok(alignment) = align(&sample.en, &sample.es) {
            group.bench_function(BenchmarkId::new("check", &sample.name), |b| {
                b.iter(|| check(&sample.en, &sample.es, &alignment).len())
            });
        }
    }
    group.finish();
}

fn bench_parse(c: &mut Criterion, samples: &[Sample]) {
    let mut group = c.benchmark_group("parse");
    for sample in samples {
        group.throughput(Throughput::Bytes(sample.bytes()));
        group.bench_function(BenchmarkId::new("both-sides", &sample.name), |b| {
            b.iter(|| {
                let en = Parser::new()
                    .parse_str(&sample.en_text)
                    .map(|document| document.units.len());
                let es = Parser::new()
                    .parse_str(&sample.es_text)
                    .map(|document| document.units.len());
                (en.ok(), es.ok())
            })
        });
    }
    group.finish();
}

/// Copies of a pair per iteration of the batch bench, so that starting the worker thread is
/// not what is measured.
const PAIRS_PER_BATCH: usize = 8;

/// A pair as a batch does it, on one worker thread: parse both sides, align, check.
fn bench_pair(c: &mut Criterion, samples: &[Sample]) {
    let mut batch = Batch::new();
    batch.threads(std::num::NonZeroUsize::MIN);
    let mut group = c.benchmark_group("pair");
    for sample in samples {
        group.throughput(Throughput::Bytes(sample.bytes() * PAIRS_PER_BATCH as u64));
        group.bench_function(BenchmarkId::new("parse-align-check", &sample.name), |b| {
            b.iter(|| {
                // Collected: the batch reads its pairs on a thread of its own.
                let pairs: Vec<PairInput> = (0..PAIRS_PER_BATCH)
                    .map(|copy| PairInput {
                        id: format!("{}/{copy}", sample.name),
                        en: Source::Text(sample.en_text.clone()),
                        es: Source::Text(sample.es_text.clone()),
                        paired_by: PairedBy::Input,
                    })
                    .collect();
                batch.results(pairs).map(|results| results.count())
            })
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let samples = samples();
    bench_parse(c, &samples);
    bench_anchors(c, &samples);
    bench_align(c, &samples);
    bench_pair(c, &samples);
}

criterion_group!(corpus, benches);
criterion_main!(corpus);
