//! Pairing a directory tree: each case is a tree, the pairs it must give (id, English file,
//! Spanish file, how they were paired) and the files it must list as unpaired, with the reason.

use anyhow::Result;
use resalign_batch::{PairFinder, PairedBy, Source};
use serde_json::json;

use crate::common::{Content, Tree};

use Content::{Bytes, Fixture};

struct Case {
    name: &'static str,
    files: &'static [(&'static str, Content)],
    pairs: &'static [(&'static str, &'static str, &'static str, PairedBy)],
    /// Unpaired files and their reason as `unpaired.jsonl` writes it (the path left out).
    unpaired: &'static [(&'static str, &'static str)],
}

const EN: Content = Fixture("ecosoc.en.md");
const ES: Content = Fixture("ecosoc.es.md");

const CASES: &[Case] = &[
    Case {
        name: "General Assembly folders and letters",
        files: &[
            ("GA/75session/English/75_100_E.xml", EN),
            ("GA/75session/Spanish/75_100_S.xml", ES),
            ("GA/75session/English/75_290 A_E.xml", EN),
            ("GA/75session/Spanish/75_290 A_S.xml", ES),
            ("GA/75session/English/75_101A-B_E.xml", EN),
            ("GA/75session/Spanish/75_101A-B_S.xml", ES),
        ],
        pairs: &[
            (
                "GA/75session/75_100",
                "GA/75session/English/75_100_E.xml",
                "GA/75session/Spanish/75_100_S.xml",
                PairedBy::FileName,
            ),
            (
                "GA/75session/75_101A-B",
                "GA/75session/English/75_101A-B_E.xml",
                "GA/75session/Spanish/75_101A-B_S.xml",
                PairedBy::FileName,
            ),
            (
                "GA/75session/75_290 A",
                "GA/75session/English/75_290 A_E.xml",
                "GA/75session/Spanish/75_290 A_S.xml",
                PairedBy::FileName,
            ),
        ],
        unpaired: &[],
    },
    Case {
        name: "letters glued to job numbers and resolution numbers",
        files: &[
            ("ECOSOC/2022/English/E_RES_2022_1-2110515E.xml", EN),
            ("ECOSOC/2022/Spanish/E_RES_2022_1-2110515S.xml", ES),
            ("SC/2022/English/S_RES_2618 (2022)-2201005E.xml", EN),
            ("SC/2022/Spanish/S_RES_2618 (2022)-2201005S.xml", ES),
            ("HRC/54session/English/A_HRC_RES_54_10E.xml", EN),
            ("HRC/54session/Spanish/A_HRC_RES_54_10S.xml", ES),
        ],
        pairs: &[
            (
                "ECOSOC/2022/E_RES_2022_1-2110515",
                "ECOSOC/2022/English/E_RES_2022_1-2110515E.xml",
                "ECOSOC/2022/Spanish/E_RES_2022_1-2110515S.xml",
                PairedBy::FileName,
            ),
            (
                "HRC/54session/A_HRC_RES_54_10",
                "HRC/54session/English/A_HRC_RES_54_10E.xml",
                "HRC/54session/Spanish/A_HRC_RES_54_10S.xml",
                PairedBy::FileName,
            ),
            (
                "SC/2022/S_RES_2618 (2022)-2201005",
                "SC/2022/English/S_RES_2618 (2022)-2201005E.xml",
                "SC/2022/Spanish/S_RES_2618 (2022)-2201005S.xml",
                PairedBy::FileName,
            ),
        ],
        unpaired: &[],
    },
    Case {
        name: "language codes in plain names, in one folder",
        files: &[
            ("docs/name.en.txt", EN),
            ("docs/name.es.txt", ES),
            ("docs/other_en.md", EN),
            ("docs/other_es.md", ES),
            ("docs/third-EN.md", EN),
            ("docs/third-ES.md", ES),
        ],
        pairs: &[
            (
                "docs/name",
                "docs/name.en.txt",
                "docs/name.es.txt",
                PairedBy::FileName,
            ),
            (
                "docs/other",
                "docs/other_en.md",
                "docs/other_es.md",
                PairedBy::FileName,
            ),
            (
                "docs/third",
                "docs/third-EN.md",
                "docs/third-ES.md",
                PairedBy::FileName,
            ),
        ],
        unpaired: &[],
    },
    Case {
        name: "the forms the UN publishes: PDF and Word, named with the language code",
        files: &[
            ("pdf/A_RES_73_6-EN.pdf", EN),
            ("pdf/A_RES_73_6-ES.pdf", ES),
            ("word/A_RES_73_6_en.docx", EN),
            ("word/A_RES_73_6_es.docx", ES),
        ],
        pairs: &[
            (
                "pdf/A_RES_73_6",
                "pdf/A_RES_73_6-EN.pdf",
                "pdf/A_RES_73_6-ES.pdf",
                PairedBy::FileName,
            ),
            (
                "word/A_RES_73_6",
                "word/A_RES_73_6_en.docx",
                "word/A_RES_73_6_es.docx",
                PairedBy::FileName,
            ),
        ],
        unpaired: &[],
    },
    Case {
        name: "language folders with bare names",
        files: &[("en/session/a.md", EN), ("es/session/a.md", ES)],
        pairs: &[(
            "session/a",
            "en/session/a.md",
            "es/session/a.md",
            PairedBy::FileName,
        )],
        unpaired: &[],
    },
    Case {
        name: "one name in two formats",
        files: &[
            ("x.en.md", EN),
            ("x.es.md", ES),
            ("x.en.txt", EN),
            ("x.es.txt", ES),
        ],
        pairs: &[
            ("x.md", "x.en.md", "x.es.md", PairedBy::FileName),
            ("x.txt", "x.en.txt", "x.es.txt", PairedBy::FileName),
        ],
        unpaired: &[],
    },
    Case {
        name: "names that do not settle it: the symbol does",
        files: &[
            (
                "GA/English/A_RES_75_307-2109409E.md",
                Fixture("e_res_2013_41.en.md"),
            ),
            ("GA/Spanish/75_307_S.md", Fixture("e_res_2013_41.es.md")),
            ("mixed/first.md", EN),
            ("mixed/second.md", ES),
        ],
        pairs: &[
            (
                "GA/A_RES_75_307-2109409",
                "GA/English/A_RES_75_307-2109409E.md",
                "GA/Spanish/75_307_S.md",
                PairedBy::Symbol,
            ),
            (
                "mixed/first",
                "mixed/first.md",
                "mixed/second.md",
                PairedBy::Symbol,
            ),
        ],
        unpaired: &[],
    },
    Case {
        name: "files without counterpart are listed with the reason",
        files: &[
            ("GA/English/75_132_E.xml", Fixture("sections.en.md")),
            ("GA/English/75_274_F.xml", EN),
            ("GA/Spanish/A_RES_75_297_C.xml", ES),
            ("GA/Spanish/75_9_S.txt", Fixture("security_council.es.txt")),
            ("GA/English/broken_E.xml", Bytes(b"%PDF-1.4\n")),
            ("GA/Spanish/empty_S.md", Bytes(b"  \n")),
            (
                "loose/notes.md",
                Bytes(b"Notes to self: pair the rest by hand.\n"),
            ),
        ],
        pairs: &[],
        unpaired: &[
            (
                "GA/English/75_132_E.xml",
                r#"{"reason":"no-counterpart","language":"English"}"#,
            ),
            (
                "GA/English/75_274_F.xml",
                r#"{"reason":"other-language","language":"French"}"#,
            ),
            ("GA/English/broken_E.xml", "unreadable"),
            (
                "GA/Spanish/75_9_S.txt",
                r#"{"reason":"no-counterpart","language":"Spanish"}"#,
            ),
            (
                "GA/Spanish/A_RES_75_297_C.xml",
                r#"{"reason":"other-language","language":"Chinese"}"#,
            ),
            ("GA/Spanish/empty_S.md", "unreadable"),
            (
                "loose/notes.md",
                r#"{"reason":"no-counterpart","language":"English"}"#,
            ),
        ],
    },
    Case {
        name: "several files of one language print one symbol",
        files: &[
            ("English/a_E.md", EN),
            ("English/b_E.md", EN),
            ("Spanish/c_S.md", ES),
        ],
        pairs: &[],
        unpaired: &[
            (
                "English/a_E.md",
                r#"{"reason":"same-symbol","language":"English","symbol":"E/RES/2016/17"}"#,
            ),
            (
                "English/b_E.md",
                r#"{"reason":"same-symbol","language":"English","symbol":"E/RES/2016/17"}"#,
            ),
            (
                "Spanish/c_S.md",
                r#"{"reason":"same-symbol","language":"Spanish","symbol":"E/RES/2016/17"}"#,
            ),
        ],
    },
    Case {
        name: "hidden entries and other extensions are not looked at",
        files: &[
            ("a_E.md", EN),
            ("a_S.md", ES),
            (".git/b_E.md", EN),
            ("scan_E.tiff", Bytes(b"II*\0")),
            ("links.jsonl", Bytes(b"{}\n")),
        ],
        pairs: &[("a", "a_E.md", "a_S.md", PairedBy::FileName)],
        unpaired: &[],
    },
];

pub(crate) fn trees_pair_as_their_names_folders_and_symbols_say() -> Result<()> {
    for case in CASES {
        let tree = Tree::new(case.files)?;
        let found = PairFinder::new().find(tree.root())?;
        let relative = |source: &Source| match source {
            Source::Path(path) => tree.relative(path),
            Source::Text(_) => "(text)".to_string(),
        };
        let pairs: Vec<(String, String, String, PairedBy)> = found
            .pairs
            .iter()
            .map(|pair| {
                (
                    pair.id.clone(),
                    relative(&pair.en),
                    relative(&pair.es),
                    pair.paired_by,
                )
            })
            .collect();
        let expected: Vec<(String, String, String, PairedBy)> = case
            .pairs
            .iter()
            .map(|(id, en, es, by)| (id.to_string(), en.to_string(), es.to_string(), *by))
            .collect();
        assert_eq!(pairs, expected, "{}: pairs", case.name);

        let unpaired: Vec<(String, serde_json::Value)> = found
            .unpaired
            .iter()
            .map(|file| {
                let mut reason = serde_json::to_value(file)?;
                if let Some(fields) = reason.as_object_mut() {
                    fields.remove("path");
                    // Messages of the parser are its own; the kind of failure is ours.
                    fields.remove("detail");
                }
                Ok((tree.relative(&file.path), reason))
            })
            .collect::<Result<_>>()?;
        let expected: Vec<(String, serde_json::Value)> = case
            .unpaired
            .iter()
            .map(|(path, reason)| {
                let reason =
                    serde_json::from_str(reason).unwrap_or_else(|_| json!({ "reason": reason }));
                (path.to_string(), reason)
            })
            .collect();
        assert_eq!(unpaired, expected, "{}: unpaired", case.name);
    }
    Ok(())
}

pub(crate) fn the_output_directory_inside_the_tree_is_not_paired() -> Result<()> {
    let tree = Tree::new(&[
        ("a_E.md", EN),
        ("a_S.md", ES),
        ("out/b_E.md", EN),
        ("out/b_S.md", ES),
    ])?;
    let mut finder = PairFinder::new();
    finder.skip(tree.path("out"));
    let ids: Vec<String> = finder
        .find(tree.root())?
        .pairs
        .into_iter()
        .map(|pair| pair.id)
        .collect();
    assert_eq!(ids, ["a"]);
    Ok(())
}

pub(crate) fn a_missing_root_is_an_error() {
    let missing = std::env::temp_dir().join("resalign-batch-no-such-tree");
    assert!(PairFinder::new().find(&missing).is_err());
}
