//! Aligns the English/Spanish fixture pairs in `tests/fixtures/align/` and compares the links,
//! footnote links and verdict with the `[expect]` section of each fixture.
//!
//! A fixture is a small resolution in both languages, one unit per line:
//!
//! ```text
//! [en]
//! meta number=72/195 organ=ga adopted=2017-12-19   (`_` for a space: number=2639_(2022);
//!                                                    symbol=A/RES/72/195 for a printed symbol)
//! pre.1 | Recalling its resolution 64/293 of 30 July 2010,^1
//! op.3.a | (a) | Exchanging information on routes;
//! fn 1 | See A/72/PV.73.
//! [es]
//! ...
//! [expect]
//! op.6 op.7 => op.6
//! op.4 => -
//! fn 3 => fn 2
//! verdict same
//! ```
//!
//! The unit id gives the kind, the parent and the label value the way the assembler would;
//! `^N` is a call of footnote N. Anchors come from `resalign_core::anchors::extract`, so the
//! fixtures exercise whatever the anchor extractor finds. A section may instead hold one line
//! `file PATH`: the document is then parsed from that file (relative to the fixture), so that
//! the seeds in the repository's `data/` go through the whole pipeline.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use resalign_align::{Alignment, PairVerdict, align};
use resalign_core::{
    Date, Document, DocumentSymbol, Footnote, FootnoteCall, Label, LabelValue, Language, Metadata,
    Organ, Parser, SourceFormat, Span, Spanned, SymbolProvenance, Unit, UnitId, UnitKind, anchors,
    lexicon,
};

fn fixtures() -> Result<Vec<PathBuf>> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .with_context(|| format!("reading {}", directory.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "pair")
        })
        .collect();
    paths.sort();
    Ok(paths)
}

#[test]
fn fixtures_align_as_expected() -> Result<()> {
    let paths = fixtures()?;
    assert!(paths.len() >= 10, "fixtures missing: {paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        let fixture = Fixture::read(path)?;
        let alignment = align(&fixture.en, &fixture.es)?;
        if let Err(problem) = fixture.check(&alignment) {
            failures.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}

#[test]
fn every_unit_and_footnote_is_linked_once_in_order() -> Result<()> {
    for path in fixtures()? {
        let fixture = Fixture::read(&path)?;
        let alignment = align(&fixture.en, &fixture.es)?;
        let en_ids: Vec<&str> = alignment
            .links
            .iter()
            .flat_map(|link| link.en.iter().map(UnitId::as_str))
            .collect();
        let es_ids: Vec<&str> = alignment
            .links
            .iter()
            .flat_map(|link| link.es.iter().map(UnitId::as_str))
            .collect();
        let expected_en: Vec<&str> = fixture.en.units.iter().map(|u| u.id.as_str()).collect();
        let expected_es: Vec<&str> = fixture.es.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(en_ids, expected_en, "{}", path.display());
        assert_eq!(es_ids, expected_es, "{}", path.display());
        let en_notes: Vec<u32> = alignment
            .footnote_links
            .iter()
            .filter_map(|l| l.en)
            .collect();
        let es_notes: Vec<u32> = alignment
            .footnote_links
            .iter()
            .filter_map(|l| l.es)
            .collect();
        let numbers = |document: &Document| -> Vec<u32> {
            document.footnotes.iter().map(|note| note.number).collect()
        };
        assert_eq!(en_notes, numbers(&fixture.en), "{}", path.display());
        assert_eq!(es_notes, numbers(&fixture.es), "{}", path.display());
        for link in &alignment.links {
            assert!(
                (0.0..=1.0).contains(&link.score) && !link.evidence.is_empty(),
                "{}: {link:?}",
                path.display()
            );
        }
    }
    Ok(())
}

#[test]
fn aligning_twice_gives_the_same_alignment() -> Result<()> {
    for path in fixtures()? {
        let fixture = Fixture::read(&path)?;
        let first = serde_json::to_string(&align(&fixture.en, &fixture.es)?)?;
        let second = serde_json::to_string(&align(&fixture.en, &fixture.es)?)?;
        assert_eq!(first, second, "{}", path.display());
    }
    Ok(())
}

#[test]
fn languages_must_be_english_then_spanish() -> Result<()> {
    let fixture = Fixture::read(&fixtures()?[0])?;
    let error = align(&fixture.es, &fixture.en)
        .err()
        .context("swapped languages aligned")?;
    assert_eq!(
        error.kind(),
        &resalign_align::ErrorKind::WrongLanguage {
            expected: Language::En,
            found: Language::Es
        }
    );
    Ok(())
}

/// One fixture: the two documents and what their alignment must be.
struct Fixture {
    en: Document,
    es: Document,
    /// Expected links as rendered by [`render_links`]; empty when only the verdict is checked.
    links: Vec<String>,
    verdict: Verdict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Same,
    Different,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    English,
    Spanish,
    Expect,
}

impl Fixture {
    fn read(path: &Path) -> Result<Fixture> {
        let text = std::fs::read_to_string(path)?;
        let mut section = Section::None;
        let mut en = DocumentBuilder::new(Language::En);
        let mut es = DocumentBuilder::new(Language::Es);
        let mut links = Vec::new();
        let mut verdict = None;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let context = || format!("{}:{}", path.display(), number + 1);
            let folder = path.parent().unwrap_or(Path::new("."));
            match (line, section) {
                ("[en]", _) => section = Section::English,
                ("[es]", _) => section = Section::Spanish,
                ("[expect]", _) => section = Section::Expect,
                (_, Section::English) => en.line(line, folder).with_context(context)?,
                (_, Section::Spanish) => es.line(line, folder).with_context(context)?,
                (_, Section::Expect) => match line.strip_prefix("verdict ") {
                    Some("same") => verdict = Some(Verdict::Same),
                    Some("different") => verdict = Some(Verdict::Different),
                    Some(other) => bail!("{}: unknown verdict {other}", context()),
                    None => links.push(line.split_whitespace().collect::<Vec<_>>().join(" ")),
                },
                (_, Section::None) => bail!("{}: text before [en]", context()),
            }
        }
        Ok(Fixture {
            en: en.build(),
            es: es.build(),
            links,
            verdict: verdict.context("no `verdict` line")?,
        })
    }

    fn check(&self, alignment: &Alignment) -> Result<(), String> {
        let actual = render_links(alignment);
        if !self.links.is_empty() && actual != self.links {
            return Err(format!(
                "links differ\nexpected:\n  {}\nactual:\n  {}\nscores: {:?}",
                self.links.join("\n  "),
                actual.join("\n  "),
                alignment
                    .links
                    .iter()
                    .map(|l| (l.score * 100.0).round() / 100.0)
                    .collect::<Vec<_>>()
            ));
        }
        match (&alignment.verdict, self.verdict) {
            (PairVerdict::SameResolution, Verdict::Same) => Ok(()),
            (PairVerdict::DifferentResolutions { reasons }, Verdict::Different)
                if !reasons.is_empty() =>
            {
                Ok(())
            }
            (verdict, expected) => Err(format!("verdict {verdict:?}, expected {expected:?}")),
        }
    }
}

/// `op.6 op.7 => op.6`, `op.4 => -`, then `fn 3 => fn 2`.
fn render_links(alignment: &Alignment) -> Vec<String> {
    let side = |ids: &[UnitId]| {
        if ids.is_empty() {
            "-".to_string()
        } else {
            ids.iter().map(UnitId::as_str).collect::<Vec<_>>().join(" ")
        }
    };
    let note = |number: Option<u32>| number.map_or("-".to_string(), |n| format!("fn {n}"));
    alignment
        .links
        .iter()
        .map(|link| format!("{} => {}", side(&link.en), side(&link.es)))
        .chain(
            alignment
                .footnote_links
                .iter()
                .map(|link| format!("{} => {}", note(link.en), note(link.es))),
        )
        .collect()
}

/// Builds a document from fixture lines, through the model's public fields.
struct DocumentBuilder {
    document: Document,
}

impl DocumentBuilder {
    fn new(language: Language) -> DocumentBuilder {
        DocumentBuilder {
            document: Document {
                language,
                format: SourceFormat::Markdown,
                metadata: Metadata::default(),
                units: Vec::new(),
                footnotes: Vec::new(),
                diagnostics: Vec::new(),
                source: String::new(),
            },
        }
    }

    fn line(&mut self, line: &str, folder: &Path) -> Result<()> {
        if let Some(fields) = line.strip_prefix("meta ") {
            return self.metadata(fields);
        }
        if let Some(relative) = line.strip_prefix("file ") {
            let mut parser = Parser::new();
            parser.language(self.document.language);
            self.document = parser.parse_path(folder.join(relative))?;
            return Ok(());
        }
        let fields: Vec<&str> = line.split(" | ").collect();
        match fields.as_slice() {
            [head, text] if head.starts_with("fn ") => self.footnote(head, text),
            [id, text] => self.unit(id, None, text),
            [id, label, text] => self.unit(id, Some(label), text),
            _ => bail!("expected `id | text` or `id | label | text`"),
        }
    }

    fn metadata(&mut self, fields: &str) -> Result<()> {
        let span = Span::default();
        for field in fields.split_whitespace() {
            let (key, value) = field.split_once('=').context("expected key=value")?;
            let metadata = &mut self.document.metadata;
            match key {
                "number" => {
                    let number = value.replace('_', " ");
                    metadata.resolution_number = Some(Spanned::new(number, span));
                }
                "symbol" => {
                    metadata.symbol = Some(DocumentSymbol {
                        value: value.to_string(),
                        provenance: SymbolProvenance::Printed,
                        span,
                    });
                }
                "adopted" => {
                    let date: Date = value.parse().map_err(anyhow::Error::msg)?;
                    metadata.adoption_date = Some(Spanned::new(date, span));
                }
                "organ" => {
                    let organ = match value {
                        "ga" => Organ::GeneralAssembly,
                        "ecosoc" => Organ::EconomicAndSocialCouncil,
                        "sc" => Organ::SecurityCouncil,
                        "hrc" => Organ::HumanRightsCouncil,
                        other => Organ::Other(other.to_string()),
                    };
                    metadata.organ = Some(Spanned::new(organ, span));
                }
                other => bail!("unknown metadata `{other}`"),
            }
        }
        Ok(())
    }

    fn footnote(&mut self, head: &str, text: &str) -> Result<()> {
        let number: u32 = head.trim_start_matches("fn ").parse()?;
        let (text, calls) = take_calls(text)?;
        let span = self.append_source(&text);
        self.document.footnotes.push(Footnote {
            number,
            anchors: anchors::extract(self.document.language, &text, &calls),
            text,
            spans: vec![span],
            eid: None,
        });
        Ok(())
    }

    fn unit(&mut self, id: &str, printed: Option<&str>, text: &str) -> Result<()> {
        let (kind, parent) = kind_and_parent(id)?;
        let label = printed.map(|printed| Label {
            printed: printed.to_string(),
            value: label_value(id),
        });
        let (text, footnote_calls) = take_calls(text)?;
        let span = self.append_source(&text);
        let language = self.document.language;
        let opening_phrase = lexicon::opening_phrase(language, &text)
            .map(|opening| opening.phrase(&text).to_string());
        self.document.units.push(Unit {
            id: UnitId::new(id),
            kind,
            label,
            parent,
            opening_phrase,
            anchors: anchors::extract(language, &text, &footnote_calls),
            text,
            footnote_calls,
            spans: vec![span],
            eid: None,
        });
        Ok(())
    }

    fn append_source(&mut self, text: &str) -> Span {
        let start = self.document.source.len();
        self.document.source.push_str(text);
        self.document.source.push_str("\n\n");
        Span::new(start, start + text.len())
    }

    fn build(self) -> Document {
        self.document
    }
}

/// Takes `^N` footnote calls out of the text and records where they stood.
fn take_calls(text: &str) -> Result<(String, Vec<FootnoteCall>)> {
    let mut clean = String::with_capacity(text.len());
    let mut calls = Vec::new();
    let mut rest = text;
    while let Some(caret) = rest.find('^') {
        clean.push_str(&rest[..caret]);
        let digits: String = rest[caret + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        calls.push(FootnoteCall {
            number: digits.parse().context("`^` without a number")?,
            offset: clean.len(),
        });
        rest = &rest[caret + 1 + digits.len()..];
    }
    clean.push_str(rest);
    Ok((clean, calls))
}

/// The kind and parent an id implies: `pre.2` preambular, `op.3.a` an item of `op.3`,
/// `head.1` a heading, `text.1` an unnumbered operative paragraph, `annex1.para.2` annex text.
fn kind_and_parent(id: &str) -> Result<(UnitKind, Option<UnitId>)> {
    let segments: Vec<&str> = id.split('.').collect();
    let name = segments
        .iter()
        .position(|segment| ["pre", "op", "text", "head", "table", "para"].contains(segment))
        .with_context(|| format!("no kind in id `{id}`"))?;
    let depth = segments.len() - name - 1;
    if depth > 1 {
        let parent = segments[..segments.len() - 1].join(".");
        return Ok((UnitKind::Subparagraph, Some(UnitId::new(parent))));
    }
    let kind = match segments[name] {
        "pre" => UnitKind::Preambular,
        "op" | "text" => UnitKind::Operative,
        "head" => UnitKind::Heading,
        "table" => UnitKind::Table,
        _ => UnitKind::AnnexParagraph,
    };
    Ok((kind, None))
}

/// The label value the last id segment stands for: `7` and `9~2` numbers, `a` a letter, and a
/// third-level segment (`op.2.a.ii`) a roman numeral.
fn label_value(id: &str) -> LabelValue {
    let last = id.rsplit('.').next().unwrap_or(id);
    let last = last.split('~').next().unwrap_or(last);
    if let Ok(number) = last.parse() {
        return LabelValue::Number(number);
    }
    if id.split('.').count() >= 4 {
        let roman = |ch| match ch {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => 0,
        };
        let values: Vec<u32> = last.chars().map(roman).collect();
        let total = values
            .iter()
            .enumerate()
            .fold(0i64, |total, (index, &value)| {
                if values.get(index + 1).is_some_and(|&next| next > value) {
                    total - i64::from(value)
                } else {
                    total + i64::from(value)
                }
            });
        return LabelValue::Roman(u32::try_from(total).unwrap_or(0));
    }
    LabelValue::Letter(last.to_string())
}
