//! Parsing throughput: the two markdown seeds, plain-text renderings, and AKN4UN XML from the
//! corpus (when `../shared/corpus` is present).

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use resalign::Parser;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn bench_seeds(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse-markdown");
    for (name, path) in [
        ("seed-en", "data/seeds/000_a2c4abc107a868c6.txt"),
        ("seed-es", "data/seeds/002_084e59128ef1f549.txt"),
    ] {
        let text = std::fs::read_to_string(data(path)).unwrap_or_default();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                Parser::new()
                    .parse_str(&text)
                    .map(|document| document.units.len())
            })
        });
    }
    group.finish();
}

/// Every XML file of one corpus folder per organ, parsed in turn.
fn bench_corpus_xml(c: &mut Criterion) {
    let corpus = data("../shared/corpus/unxml");
    let mut texts = Vec::new();
    for folder in [
        "GA/75session/English",
        "GA/75session/Spanish",
        "ECOSOC/2022/English",
        "SC/2022/English",
        "HRC/54session/Spanish",
    ] {
        let Ok(entries) = std::fs::read_dir(corpus.join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        texts.extend(
            paths
                .iter()
                .take(40)
                .filter_map(|path| std::fs::read_to_string(path).ok()),
        );
    }
    if texts.is_empty() {
        eprintln!("skipped: corpus not found at {}", corpus.display());
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse-xml");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("corpus-sample", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter_map(|text| Parser::new().parse_str(text).ok())
                .map(|document| document.units.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_seeds, bench_corpus_xml);
criterion_main!(benches);
