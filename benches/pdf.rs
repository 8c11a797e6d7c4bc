//! Reading a 10-page official resolution from PDF (`../shared/realpdf/A_RES_73_3-EN.pdf`: Word
//! 2016, 518 KB of content streams), side by side with `pdftotext` and `pdftotext -layout` on
//! the same file in the same run. resalign's figure is the whole parse, PDF bytes to `Document`;
//! pdftotext's is its process from start to exit, as a user runs it. Skipped without the file;
//! the pdftotext side is skipped where pdftotext is not installed.

use std::path::Path;
use std::process::{Command, Stdio};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use resalign::Parser;

fn bench_pdf(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realpdf/A_RES_73_3-EN.pdf");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let mut group = c.benchmark_group("read-pdf-10-pages");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(30);
    group.bench_function("resalign", |b| {
        b.iter(|| {
            Parser::new()
                .parse_bytes(&bytes)
                .map(|document| document.units.len())
        })
    });
    let pdftotext = |layout: bool| {
        let mut command = Command::new("pdftotext");
        if layout {
            command.arg("-layout");
        }
        command
            .arg(&path)
            .arg("-")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    };
    if pdftotext(false).is_ok_and(|status| status.success()) {
        group.bench_function("pdftotext", |b| b.iter(|| pdftotext(false)));
        group.bench_function("pdftotext-layout", |b| b.iter(|| pdftotext(true)));
    } else {
        eprintln!("skipped: pdftotext is not installed");
    }
    group.finish();
}

criterion_group!(benches, bench_pdf);
criterion_main!(benches);
