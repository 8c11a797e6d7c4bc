//! DOCX parsing throughput: Word documents typeset from the corpus the way the UN prints them
//! (`../shared/tools/typeset_akn.py` through LibreOffice; made once into `target/bench-docx/`),
//! and, in the same run, the AKN4UN XML of the same resolutions. Throughput counts the bytes
//! of the `.docx` files, as a user's files come.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use resalign::Parser;
use resalign_testkit::corpus::xml_files_under;

/// Every this-many-th corpus file: some forty documents of every organ, both languages.
const SAMPLE_STEP: usize = 22;

fn repository(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The sample's XML files and their Word documents, typesetting those not made yet.
fn sample() -> Option<Vec<(PathBuf, PathBuf)>> {
    let corpus = repository("../shared/corpus/unxml");
    let out = repository("target/bench-docx");
    let sources: Vec<PathBuf> = xml_files_under(&corpus)
        .into_iter()
        .step_by(SAMPLE_STEP)
        .collect();
    if sources.is_empty() {
        eprintln!("skipped: corpus not found at {}", corpus.display());
        return None;
    }
    let docx = |source: &Path| {
        let stem = source.file_stem().unwrap_or_default().to_string_lossy();
        out.join(format!("{stem}.docx"))
    };
    let missing: Vec<&PathBuf> = sources
        .iter()
        .filter(|source| !docx(source).exists())
        .collect();
    if !missing.is_empty() {
        let tool = repository("../shared/tools/typeset_akn.py");
        let made = std::fs::create_dir_all(&out).is_ok()
            && Command::new("python3")
                .arg(&tool)
                .args(&missing)
                .arg("--out")
                .arg(&out)
                .args(["--formats", "docx"])
                .status()
                .is_ok_and(|status| status.success());
        if !made {
            eprintln!("skipped: typesetting needs python3 and soffice (libreoffice-writer-nogui)");
            return None;
        }
    }
    Some(
        sources
            .iter()
            .map(|source| (source.clone(), docx(source)))
            .filter(|(_, docx)| docx.exists())
            .collect(),
    )
}

fn bench_docx(c: &mut Criterion) {
    let Some(sample) = sample() else {
        return;
    };
    let read = |path: &Path| std::fs::read(path).unwrap_or_default();
    let documents: Vec<Vec<u8>> = sample.iter().map(|(_, docx)| read(docx)).collect();
    let xml: Vec<Vec<u8>> = sample.iter().map(|(source, _)| read(source)).collect();
    let bytes: usize = documents.iter().map(Vec::len).sum();
    let parse_all = |inputs: &[Vec<u8>]| {
        inputs
            .iter()
            .filter_map(|input| Parser::new().parse_bytes(input).ok())
            .map(|document| document.units.len())
            .sum::<usize>()
    };
    let mut group = c.benchmark_group("parse-docx");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("typeset-sample", |b| b.iter(|| parse_all(&documents)));
    // The same resolutions from their XML, counted in DOCX bytes so that the two read as a
    // ratio of times.
    group.bench_function("same-resolutions-as-xml", |b| b.iter(|| parse_all(&xml)));
    group.finish();
}

criterion_group!(benches, bench_docx);
criterion_main!(benches);
