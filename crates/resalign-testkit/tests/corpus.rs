//! Every AKN4UN document of the corpus, parsed and rendered in both shapes: each unit, call and
//! footnote must read back from where the rendering says it went. Needs the corpus; without it
//! the test is reported ignored.

mod common;

use std::path::{Path, PathBuf};

use resalign_core::{ErrorKind, Parser};
use resalign_testkit::Shape;
use resalign_testkit::corpus::corpus_dir;

use common::{check_read_back, render};

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable corpus directory") {
            let path = entry.expect("corpus entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "xml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn corpus_documents_read_back_from_their_renderings() {
    let dir = corpus_dir();
    let mut rendered = 0;
    let mut units = 0;
    let mut cuts = 0;
    for (index, path) in xml_files(&dir).into_iter().enumerate() {
        let document = match Parser::new().parse_path(&path) {
            Ok(document) => document,
            // The corpus misfiles a few French and Chinese documents.
            Err(error) if matches!(error.kind(), ErrorKind::UnsupportedLanguage { .. }) => continue,
            Err(error) => panic!("{}: {error}", path.display()),
        };
        for shape in [Shape::Markdown, Shape::PlainText] {
            let rendering = render(&document, shape, index as u64, 3000);
            let label = format!("{} {shape:?} seed {index}", path.display());
            check_read_back(&label, &document, &rendering);
            rendered += 1;
            units += document.units.len();
            cuts += rendering.cuts.len();
        }
    }
    println!("{rendered} renderings, {units} units, {cuts} paragraphs cut by page breaks");
    assert!(rendered > 1000, "only {rendered} renderings");
    assert!(units > 50_000 && cuts > 1000, "{units} units, {cuts} cuts");
}

resalign_testkit::test_main! {
    corpus_documents_read_back_from_their_renderings => [Corpus],
}
