//! Manifests: JSON Lines and TSV, paths relative to the manifest, and the lines they refuse.

use anyhow::Result;
use resalign_batch::{ErrorKind, PairedBy, Source, read_manifest};

use crate::common::{Content, Tree};

/// A pair as a case expects it: id, English, Spanish.
type Expected = (&'static str, &'static str, &'static str);

/// Each case: a manifest's file name and text, and the pairs it gives, paths relative to the
/// manifest's folder; `inline` for inline text.
const READABLE: &[(&str, &str, &[Expected])] = &[
    (
        "manifest.tsv",
        "id\ten\tes\n# the two ECOSOC files\nb\tcorpus/x.md\tcorpus/y.md\n\na\tcorpus/z one.md\tcorpus/w.md\r\n",
        &[
            ("a", "corpus/z one.md", "corpus/w.md"),
            ("b", "corpus/x.md", "corpus/y.md"),
        ],
    ),
    (
        "manifest.jsonl",
        concat!(
            r#"{"id": "p2", "en": "corpus/x.md", "es": {"path": "corpus/y.md"}}"#,
            "\n",
            r#"{"id": "p1", "en": {"text": "The General Assembly,"}, "es": "La Asamblea General,\n\n1. Decide;"}"#,
            "\n",
        ),
        &[
            ("p1", "inline", "inline"),
            ("p2", "corpus/x.md", "corpus/y.md"),
        ],
    ),
];

pub(crate) fn manifests_list_pairs_relative_to_themselves() -> Result<()> {
    for (name, text, expected) in READABLE {
        let tree = Tree::new(&[(&format!("lists/{name}"), Content::Bytes(text.as_bytes()))])?;
        let found = read_manifest(&tree.path(&format!("lists/{name}")))?;
        let describe = |source: &Source| match source {
            Source::Path(path) => tree.relative(path).trim_start_matches("lists/").to_string(),
            Source::Text(_) => "inline".to_string(),
        };
        let pairs: Vec<(String, String, String)> = found
            .pairs
            .iter()
            .map(|pair| (pair.id.clone(), describe(&pair.en), describe(&pair.es)))
            .collect();
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(id, en, es)| (id.to_string(), en.to_string(), es.to_string()))
            .collect();
        assert_eq!(pairs, expected, "{name}");
        assert!(
            found
                .pairs
                .iter()
                .all(|pair| pair.paired_by == PairedBy::Manifest)
        );
    }
    Ok(())
}

/// Each case: a manifest, and the line the error must name (0 for a repeated id).
const REFUSED: &[(&str, &str, usize)] = &[
    ("bad.tsv", "id\ten\tes\na\tx.md\n", 2),
    ("bad.tsv", "a\tx.md\ty.md\nb\t\ty.md\n", 2),
    (
        "bad.jsonl",
        "{\"id\": \"a\", \"en\": \"x\", \"es\": \"y\"}\n{\"id\": \"b\"}\n",
        2,
    ),
    ("bad.jsonl", "{\"en\": \"x\", \"es\": \"y\"}\n", 1),
    (
        "bad.jsonl",
        "{\"id\": \"a\", \"en\": \"x\", \"es\": \"y\"\n",
        1,
    ),
    ("twice.tsv", "a\tx.md\ty.md\na\tz.md\tw.md\n", 0),
];

pub(crate) fn malformed_manifests_are_refused_naming_the_line() -> Result<()> {
    for (name, text, line) in REFUSED {
        let tree = Tree::new(&[(name, Content::Bytes(text.as_bytes()))])?;
        let error = match read_manifest(&tree.path(name)) {
            Ok(found) => panic!("{text:?} gave {:?}", found.pairs),
            Err(error) => error,
        };
        match (error.kind(), line) {
            (ErrorKind::Manifest { line: found, .. }, expected) => {
                assert_eq!(found, expected, "{text:?}: {error}")
            }
            (ErrorKind::DuplicateId { id }, 0) => assert_eq!(id, "a"),
            (_, _) => panic!("{text:?}: unexpected error {error}"),
        }
    }
    Ok(())
}
