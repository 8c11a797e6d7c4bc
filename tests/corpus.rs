//! The AKN4UN corpus in `../shared/corpus/unxml/`: every English and Spanish file parses, and the
//! two language versions of a resolution get the same unit ids wherever their markup is parallel.
//!
//! The corpus is not part of the repository. Without it these tests are reported ignored, unless
//! `RESALIGN_REQUIRE_CORPUS=1` makes its absence a failure.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use resalign_core::{
    DiagnosticCode, Document, ErrorKind, LabelValue, Language, Organ, Parser, SourceFormat,
    SymbolProvenance, UnitKind,
};
use resalign_testkit::corpus::corpus_dir;

fn parse(path: &Path) -> Result<Document> {
    let mut parser = Parser::new();
    parser.format(SourceFormat::AknXml);
    parser
        .parse_path(path)
        .with_context(|| format!("parsing {}", path.display()))
}

fn corpus_file(root: &Path, relative: &str) -> Result<Document> {
    parse(&root.join(relative))
}

/// An English file and the Spanish file of the same resolution.
struct Pair {
    english: PathBuf,
    spanish: PathBuf,
}

/// All XML files of one language folder (`GA/75session/English`).
fn xml_files(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).with_context(|| format!("{}", folder.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|extension| extension == "xml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The name of a file without `.xml` and the trailing language letter: `75_100_E.xml`,
/// `A_HRC_RES_54_10E.xml` and `S_RES_2618 (2022)-2201005E.xml` give `75_100`,
/// `A_HRC_RES_54_10` and `S_RES_2618 (2022)-2201005`.
fn pairing_key(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let without_letter = stem.strip_suffix(['E', 'S'])?;
    Some(without_letter.trim_end_matches('_').to_string())
}

/// Pairs the corpus by folder and file name; files left over are paired by the symbol their
/// documents print (`75_307_S.xml` is `A_RES_75_307-2109409E.xml`). Returns the pairs and the
/// English or Spanish files that have no counterpart.
fn pairs(root: &Path) -> Result<(Vec<Pair>, Vec<PathBuf>)> {
    let mut pairs = Vec::new();
    let mut unpaired = Vec::new();
    for organ in std::fs::read_dir(root)? {
        for collection in std::fs::read_dir(organ?.path())? {
            let collection = collection?.path();
            let english = xml_files(&collection.join("English"))?;
            let spanish = xml_files(&collection.join("Spanish"))?;
            let (mut found, mut left) = pair_folder(english, spanish)?;
            pairs.append(&mut found);
            unpaired.append(&mut left);
        }
    }
    pairs.sort_by(|a, b| a.english.cmp(&b.english));
    Ok((pairs, unpaired))
}

fn pair_folder(english: Vec<PathBuf>, spanish: Vec<PathBuf>) -> Result<(Vec<Pair>, Vec<PathBuf>)> {
    let mut spanish_by_key: HashMap<String, PathBuf> = spanish
        .into_iter()
        .filter_map(|path| Some((pairing_key(&path)?, path)))
        .collect();
    let mut pairs = Vec::new();
    let mut english_left = Vec::new();
    for path in english {
        match pairing_key(&path).and_then(|key| spanish_by_key.remove(&key)) {
            Some(spanish) => pairs.push(Pair {
                english: path,
                spanish,
            }),
            None if pairing_key(&path).is_some() => english_left.push(path),
            None => {}
        }
    }
    let mut spanish_by_symbol = HashMap::new();
    for path in spanish_by_key.into_values() {
        spanish_by_symbol.insert(symbol_of(&path)?, path);
    }
    let mut unpaired = Vec::new();
    for path in english_left {
        match spanish_by_symbol.remove(&symbol_of(&path)?) {
            Some(spanish) => pairs.push(Pair {
                english: path,
                spanish,
            }),
            None => unpaired.push(path),
        }
    }
    unpaired.extend(spanish_by_symbol.into_values());
    Ok((pairs, unpaired))
}

fn symbol_of(path: &Path) -> Result<String> {
    let document = parse(path)?;
    match document.metadata.symbol {
        Some(symbol) => Ok(symbol.value),
        None => bail!("{} has no symbol", path.display()),
    }
}

/// Elements whose sequence decides the units and their ids; two files with the same sequence
/// have parallel markup.
const STRUCTURAL: &[&str] = &[
    "preamble",
    "mainBody",
    "formula",
    "container",
    "blockList",
    "listIntroduction",
    "item",
    "paragraph",
    "num",
    "list",
    "sublist",
    "intro",
    "point",
    "wrapUp",
    "alinea",
    "subheading",
    "heading",
    "crossHeading",
    "section",
    "table",
    "component",
    "attachment",
    "embeddedStructure",
];

/// One structural element: its name (with the label for `num`, and `paragraph.H` for a
/// paragraph styled as a heading) and its `eId` for reports.
#[derive(Debug, Clone)]
struct Mark {
    kind: String,
    eid: Option<String>,
}

/// The structural elements of a file in document order, outside `meta` and the cover page.
fn markup(source: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut skipping: Option<&str> = None;
    let mut rest = source;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let tag_end = tag_end(rest);
        let tag = &rest[..tag_end];
        let after = &rest[tag_end..];
        rest = after;
        let Some(body) = tag.strip_prefix('<') else {
            continue;
        };
        if let Some(name) = body.strip_prefix('/') {
            let name = name.trim_end_matches('>').trim();
            if skipping == Some(name) {
                skipping = None;
            }
            continue;
        }
        if body.starts_with(['!', '?']) || skipping.is_some() {
            continue;
        }
        let name_len = body
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(body.len());
        let name = &body[..name_len];
        if matches!(name, "meta" | "coverPage") && !tag.ends_with("/>") {
            skipping = Some(name);
            continue;
        }
        if !STRUCTURAL.contains(&name) {
            continue;
        }
        let kind = match name {
            "num" => format!(
                "num({})",
                label_key(&after[..after.find("</num>").unwrap_or(0)])
            ),
            "paragraph" if heading_styled(tag) => "paragraph.H".to_string(),
            _ => name.to_string(),
        };
        marks.push(Mark {
            kind,
            eid: attribute_value(tag, "eId"),
        });
    }
    marks
}

/// Length of the tag at the start of `text`, quotes respected; comments and CDATA whole.
fn tag_end(text: &str) -> usize {
    for (opener, closer) in [("<!--", "-->"), ("<![CDATA[", "]]>")] {
        if text.starts_with(opener) {
            return text.find(closer).map_or(text.len(), |at| at + closer.len());
        }
    }
    let mut quote = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '>') => return index + 1,
            _ => {}
        }
    }
    text.len()
}

fn attribute_value(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

fn heading_styled(tag: &str) -> bool {
    attribute_value(tag, "class").is_some_and(|class| {
        let rest = class.strip_prefix('H').unwrap_or("");
        rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("Ch")
    })
}

/// `(a)`, `a)` and `a.` are the same label in both languages.
fn label_key(num: &str) -> String {
    num.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn ids(document: &Document) -> Vec<&str> {
    document.units.iter().map(|unit| unit.id.as_str()).collect()
}

/// Why the markup of two files is not parallel: which elements one has more of, and where the
/// sequences part.
fn markup_difference(english: &[Mark], spanish: &[Mark]) -> String {
    let count = |marks: &[Mark]| {
        let mut counts: BTreeMap<String, i64> = BTreeMap::new();
        for mark in marks {
            let kind = mark.kind.split('(').next().unwrap_or("").to_string();
            *counts.entry(kind).or_default() += 1;
        }
        counts
    };
    let (english_counts, spanish_counts) = (count(english), count(spanish));
    let mut reasons = Vec::new();
    for (kind, english_count) in &english_counts {
        let spanish_count = spanish_counts.get(kind).copied().unwrap_or(0);
        match english_count - spanish_count {
            0 => {}
            more if more > 0 => reasons.push(format!("EN has {more} more <{kind}>")),
            fewer => reasons.push(format!("ES has {} more <{kind}>", -fewer)),
        }
    }
    for (kind, spanish_count) in &spanish_counts {
        if !english_counts.contains_key(kind) {
            reasons.push(format!("ES has {spanish_count} more <{kind}>"));
        }
    }
    let parting = english
        .iter()
        .zip(spanish)
        .position(|(e, s)| e.kind != s.kind)
        .unwrap_or(english.len().min(spanish.len()));
    let describe = |marks: &[Mark]| {
        marks.get(parting).map_or("the end".to_string(), |mark| {
            let eid = marks[..=parting]
                .iter()
                .rev()
                .find_map(|mark| mark.eid.as_deref())
                .unwrap_or("-");
            format!("<{}> near {eid}", mark.kind)
        })
    };
    reasons.push(format!(
        "sequences part at EN {} vs ES {}",
        describe(english),
        describe(spanish)
    ));
    format!("markup differs: {}", reasons.join(", "))
}

/// Where two id lists part.
fn id_difference(english: &[&str], spanish: &[&str]) -> String {
    let parting = english
        .iter()
        .zip(spanish)
        .position(|(e, s)| e != s)
        .unwrap_or(english.len().min(spanish.len()));
    let at = |ids: &[&str]| ids.get(parting).copied().unwrap_or("(end)").to_string();
    format!(
        "{} EN units, {} ES units; first difference at #{parting}: EN `{}` vs ES `{}`",
        english.len(),
        spanish.len(),
        at(english),
        at(spanish)
    )
}

/// The languages a file should parse as, from its folder; files in other languages that sit
/// in the folders (`75_274_F.xml`, `A_RES_75_297_C.xml`) must be refused.
fn folder_language(path: &Path) -> Option<Language> {
    let stem = path.file_stem()?.to_str()?;
    let folder = path.parent()?.file_name()?.to_str()?;
    match (folder, stem.chars().last()?) {
        ("English", 'E') => Some(Language::En),
        ("Spanish", 'S') => Some(Language::Es),
        _ => None,
    }
}

fn every_english_and_spanish_file_parses_and_others_are_refused() -> Result<()> {
    let root = corpus_dir();
    let mut checked = 0;
    for organ in std::fs::read_dir(&root)? {
        for collection in std::fs::read_dir(organ?.path())? {
            let collection = collection?.path();
            for folder in ["English", "Spanish"] {
                for path in xml_files(&collection.join(folder))? {
                    let mut parser = Parser::new();
                    parser.format(SourceFormat::AknXml);
                    let parsed = parser.parse_path(&path);
                    match (folder_language(&path), parsed) {
                        (Some(language), Ok(document)) => {
                            assert_eq!(document.language, language, "{}", path.display());
                            assert!(
                                !document.units.is_empty(),
                                "{} has no units",
                                path.display()
                            );
                        }
                        (Some(_), Err(error)) => bail!("{error}"),
                        (None, Err(error)) => assert!(
                            matches!(error.kind(), ErrorKind::UnsupportedLanguage { .. }),
                            "{}: {error}",
                            path.display()
                        ),
                        (None, Ok(_)) => bail!("{} should be refused", path.display()),
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 800, "only {checked} files found");
    Ok(())
}

fn english_and_spanish_ids_agree_where_the_markup_is_parallel() -> Result<()> {
    let root = corpus_dir();
    let (pairs, unpaired) = pairs(&root)?;
    let mut matching = 0;
    let mut markup_differs = Vec::new();
    let mut ids_differ = Vec::new();
    for pair in &pairs {
        let english = parse(&pair.english)?;
        let spanish = parse(&pair.spanish)?;
        let (english_ids, spanish_ids) = (ids(&english), ids(&spanish));
        if english_ids == spanish_ids {
            matching += 1;
            continue;
        }
        let name = pair.english.strip_prefix(&root)?.display().to_string();
        let (english_marks, spanish_marks) = (markup(&english.source), markup(&spanish.source));
        let same_markup = english_marks.len() == spanish_marks.len()
            && english_marks
                .iter()
                .zip(&spanish_marks)
                .all(|(e, s)| e.kind == s.kind);
        if same_markup {
            ids_differ.push(format!(
                "{name}: {}",
                id_difference(&english_ids, &spanish_ids)
            ));
        } else {
            markup_differs.push(format!(
                "{name}: {}; {}",
                markup_difference(&english_marks, &spanish_marks),
                id_difference(&english_ids, &spanish_ids)
            ));
        }
    }
    let mut report = String::new();
    writeln!(
        report,
        "{} pairs, {matching} with identical ids; {} with markup that is not parallel; {} \
         with parallel markup and different ids; {} files without a counterpart",
        pairs.len(),
        markup_differs.len(),
        ids_differ.len(),
        unpaired.len()
    )?;
    for line in markup_differs.iter().chain(&ids_differ) {
        writeln!(report, "  {line}")?;
    }
    println!("{report}");
    assert!(pairs.len() >= 425, "only {} pairs found", pairs.len());
    assert!(
        ids_differ.is_empty(),
        "ids differ where the markup is parallel:\n{report}"
    );
    Ok(())
}

/// Units of a kind.
fn count(document: &Document, kind: UnitKind) -> usize {
    document
        .units
        .iter()
        .filter(|unit| unit.kind == kind)
        .count()
}

fn last_id(document: &Document, kind: UnitKind) -> Option<&str> {
    document
        .units
        .iter()
        .rev()
        .find(|unit| unit.kind == kind)
        .map(|unit| unit.id.as_str())
}

fn a_general_assembly_resolution_reads_in_full() -> Result<()> {
    let root = corpus_dir();
    let document = corpus_file(&root, "GA/75session/English/75_100_E.xml")?;
    let metadata = &document.metadata;
    assert_eq!(
        metadata.organ.as_ref().map(|o| &o.value),
        Some(&Organ::GeneralAssembly)
    );
    let symbol = metadata.symbol.as_ref().context("symbol")?;
    assert_eq!(
        (symbol.value.as_str(), symbol.provenance),
        ("A/RES/75/100", SymbolProvenance::Printed)
    );
    assert_eq!(
        metadata
            .resolution_number
            .as_ref()
            .map(|n| n.value.as_str()),
        Some("75/100")
    );
    assert_eq!(
        metadata.session.as_ref().and_then(|s| s.value.number),
        Some(75)
    );
    assert_eq!(
        metadata.agenda_item.as_ref().map(|a| a.value.as_str()),
        Some("55")
    );
    assert_eq!(
        metadata.adoption_date.as_ref().map(|d| d.value.to_string()),
        Some("2020-12-10".into())
    );
    assert_eq!(
        metadata
            .distribution_date
            .as_ref()
            .map(|d| d.value.to_string()),
        Some("2020-12-18".into())
    );
    let based_on: Vec<&str> = metadata.based_on.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(based_on, ["A/75/414"]);
    let closing = metadata.closing.as_ref().context("closing")?;
    assert_eq!(
        (closing.meeting.value.as_str(), closing.meeting_number),
        ("41st plenary meeting", Some(41))
    );
    assert_eq!(count(&document, UnitKind::Preambular), 21);
    assert_eq!(count(&document, UnitKind::Operative), 7);
    assert_eq!(last_id(&document, UnitKind::Operative), Some("op.7"));
    assert_eq!(document.footnotes.len(), 2);
    let recalling = document.unit("pre.10").context("pre.10")?;
    assert_eq!(recalling.eid.as_deref(), Some("container_11"));
    assert_eq!(recalling.footnote_calls.len(), 1);
    let call = recalling.footnote_calls[0];
    assert_eq!(
        &recalling.text[..call.offset],
        "Recalling the relevant reports on the review of arrangements for funding and backstopping special political missions,"
    );
    Ok(())
}

fn a_security_council_resolution_takes_its_number_from_the_cover_page() -> Result<()> {
    let root = corpus_dir();
    for (path, meeting) in [
        (
            "SC/2022/English/S_RES_2622 (2022)-2202812E.xml",
            "8977th meeting",
        ),
        (
            "SC/2022/Spanish/S_RES_2622 (2022)-2202812S.xml",
            "8977a sesión",
        ),
    ] {
        let document = corpus_file(&root, path)?;
        let metadata = &document.metadata;
        assert_eq!(
            metadata.organ.as_ref().map(|o| &o.value),
            Some(&Organ::SecurityCouncil)
        );
        assert_eq!(
            metadata
                .resolution_number
                .as_ref()
                .map(|n| n.value.as_str()),
            Some("2622 (2022)")
        );
        assert_eq!(
            metadata.symbol.as_ref().map(|s| s.value.as_str()),
            Some("S/RES/2622 (2022)")
        );
        let closing = metadata.closing.as_ref().context("closing")?;
        assert_eq!(
            (closing.meeting.value.as_str(), closing.meeting_number),
            (meeting, Some(8977))
        );
        assert_eq!(
            ids(&document),
            ["pre.1", "pre.2", "pre.3", "pre.4", "op.1", "op.2", "op.3"]
        );
    }
    Ok(())
}

fn lettered_and_roman_items_nest_under_their_paragraph() -> Result<()> {
    let root = corpus_dir();
    let document = corpus_file(&root, "SC/2022/English/S_RES_2625 (2022)-2203832E.xml")?;
    let item = document.unit("op.3.a.ii").context("op.3.a.ii")?;
    assert_eq!(item.parent.as_ref().map(|p| p.as_str()), Some("op.3.a"));
    assert_eq!(
        item.label.as_ref().map(|l| &l.value),
        Some(&LabelValue::Roman(2))
    );
    assert_eq!(item.kind, UnitKind::Subparagraph);
    Ok(())
}

fn sections_that_restart_numbering_prefix_their_ids() -> Result<()> {
    let root = corpus_dir();
    // The Spanish file prints each section letter with its title (`A Escala de sueldos`),
    // which no heading rule reads as a section; only the English markup is checked here.
    let path = "GA/75session/English/75_245_E.xml";
    let document = corpus_file(&root, path)?;
    for id in [
        "op.10",
        "secA.pre.1",
        "secA.text.1",
        "secB.op.1",
        "secB.op.4",
        "secC.text.1",
    ] {
        assert!(
            document.unit(id).is_some(),
            "{path}: no {id} in {:?}",
            ids(&document)
        );
    }
    let cross_heading = document
        .units
        .iter()
        .find(|unit| unit.eid.as_deref() == Some("preamble_23"));
    assert_eq!(
        cross_heading.map(|unit| unit.id.as_str()),
        Some("secB.pre.1")
    );
    assert_eq!(
        cross_heading.map(|unit| unit.kind),
        Some(UnitKind::Preambular)
    );
    Ok(())
}

fn annexes_are_numbered_in_order() -> Result<()> {
    let root = corpus_dir();
    let document = corpus_file(&root, "GA/75session/English/75_212_E.xml")?;
    let annexes: Vec<&str> = document
        .units
        .iter()
        .filter_map(|unit| unit.id.as_str().split_once('.').map(|(scope, _)| scope))
        .filter(|scope| scope.starts_with("annex"))
        .fold(Vec::new(), |mut seen, scope| {
            if seen.last() != Some(&scope) {
                seen.push(scope);
            }
            seen
        });
    assert_eq!(annexes, ["annex1", "annex2", "annex3"]);
    assert!(count(&document, UnitKind::AnnexParagraph) > 0);
    Ok(())
}

fn tables_are_units() -> Result<()> {
    let root = corpus_dir();
    let document = corpus_file(&root, "GA/75session/English/75_246_E.xml")?;
    let table = document.unit("table.1").context("table.1")?;
    assert_eq!(table.kind, UnitKind::Table);
    assert!(
        table
            .text
            .starts_with("Action | Title of post | Category | Number || New post"),
        "{}",
        table.text
    );
    Ok(())
}

fn a_malformed_file_is_repaired_and_reported() -> Result<()> {
    let root = corpus_dir();
    let spanish = corpus_file(&root, "GA/75session/Spanish/75_251_B_S.xml")?;
    let english = corpus_file(&root, "GA/75session/English/75_251_B_E.xml")?;
    assert!(
        spanish
            .diagnostics
            .iter()
            .any(|d| d.code == DiagnosticCode::MalformedXml)
    );
    assert!(
        !english
            .diagnostics
            .iter()
            .any(|d| d.code == DiagnosticCode::MalformedXml)
    );
    assert_eq!(
        spanish
            .metadata
            .resolution_number
            .as_ref()
            .map(|n| n.value.as_str()),
        Some("75/251 B")
    );
    assert_eq!(ids(&spanish), ids(&english));
    Ok(())
}

/// A readable outline: metadata, then each unit with its id, kind, label, eId and text.
fn outline(document: &Document) -> String {
    let mut out = String::new();
    let metadata = &document.metadata;
    let value = |field: Option<&str>| field.unwrap_or("-").to_string();
    let _ = writeln!(out, "language: {}", document.language);
    let _ = writeln!(
        out,
        "symbol: {}",
        value(metadata.symbol.as_ref().map(|s| s.value.as_str()))
    );
    let _ = writeln!(
        out,
        "number: {}",
        value(
            metadata
                .resolution_number
                .as_ref()
                .map(|n| n.value.as_str())
        )
    );
    let _ = writeln!(
        out,
        "title: {}",
        value(metadata.title.as_ref().map(|t| t.value.as_str()))
    );
    let _ = writeln!(
        out,
        "formula: {}",
        value(metadata.enacting_formula.as_ref().map(|f| f.value.as_str()))
    );
    let _ = writeln!(
        out,
        "closing: {}",
        value(metadata.closing.as_ref().map(|c| c.meeting.value.as_str()))
    );
    for unit in &document.units {
        let label = unit
            .label
            .as_ref()
            .map_or("-", |label| label.printed.as_str());
        let calls: Vec<String> = unit
            .footnote_calls
            .iter()
            .map(|call| format!("{}@{}", call.number, call.offset))
            .collect();
        let _ = writeln!(
            out,
            "\n{} [{}] label={} eid={} opening={:?} calls=[{}]\n  {}",
            unit.id,
            unit.kind.name(),
            label,
            unit.eid.as_deref().unwrap_or("-"),
            unit.opening_phrase.as_deref().unwrap_or(""),
            calls.join(", "),
            unit.text
        );
    }
    for footnote in &document.footnotes {
        let _ = writeln!(out, "\nfootnote {}: {}", footnote.number, footnote.text);
    }
    for diagnostic in &document.diagnostics {
        let _ = writeln!(out, "\n{diagnostic}");
    }
    out
}

fn outlines_of_small_real_resolutions() -> Result<()> {
    let root = corpus_dir();
    for (name, path) in [
        (
            "sc_2622_en",
            "SC/2022/English/S_RES_2622 (2022)-2202812E.xml",
        ),
        (
            "sc_2622_es",
            "SC/2022/Spanish/S_RES_2622 (2022)-2202812S.xml",
        ),
    ] {
        let document = corpus_file(&root, path)?;
        insta::assert_snapshot!(name, outline(&document));
    }
    Ok(())
}

resalign_testkit::test_main! {
    every_english_and_spanish_file_parses_and_others_are_refused => [Corpus],
    english_and_spanish_ids_agree_where_the_markup_is_parallel => [Corpus],
    a_general_assembly_resolution_reads_in_full => [Corpus],
    a_security_council_resolution_takes_its_number_from_the_cover_page => [Corpus],
    lettered_and_roman_items_nest_under_their_paragraph => [Corpus],
    sections_that_restart_numbering_prefix_their_ids => [Corpus],
    annexes_are_numbered_in_order => [Corpus],
    tables_are_units => [Corpus],
    a_malformed_file_is_repaired_and_reported => [Corpus],
    outlines_of_small_real_resolutions => [Corpus],
}
