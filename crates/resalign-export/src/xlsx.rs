//! A pair as an Excel workbook, for reviewers who work in spreadsheets: a `Findings` sheet with
//! the columns of the CSV export, and a `Paragraphs` sheet with the aligned paragraphs side by
//! side, one row per link (then per footnote link), the text the findings mark (the anchors that
//! differ) in bold red, and the codes of the findings about the row.
//!
//! Both sheets have a frozen, bold header row and an autofilter, so a reviewer can sort and
//! filter by code or severity at once. Cells hold at most 32,767 characters, Excel's limit; a
//! longer text is cut there and ends with `…`.

use std::collections::HashMap;
use std::io::Write;

use resalign_align::{Alignment, Finding, MarkTarget};
use resalign_core::{Document, Language, TextRange, UnitId};
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::csv::{FINDING_COLUMNS, joined_ids};
use crate::error::{Error, ErrorKind};
use crate::report::Lookup;
use crate::report::{footnote_id, rounded_score};
use crate::terminal::plain_excerpt;

/// The most characters an Excel cell holds.
const CELL_CHARACTERS: usize = 32_767;

const PARAGRAPH_COLUMNS: [&str; 8] = [
    "link", "shape", "score", "en_units", "English", "es_units", "Spanish", "findings",
];

/// Column widths, in characters, of the findings and the paragraphs sheets.
const FINDING_WIDTHS: [f64; 8] = [18.0, 20.0, 9.0, 12.0, 12.0, 50.0, 50.0, 60.0];
const PARAGRAPH_WIDTHS: [f64; 8] = [6.0, 6.0, 7.0, 12.0, 70.0, 12.0, 70.0, 24.0];

/// The workbook of one checked pair.
///
/// ```no_run
/// # fn demo(en: &resalign_core::Document, es: &resalign_core::Document,
/// #         alignment: &resalign_align::Alignment, findings: &[resalign_align::Finding])
/// #         -> Result<(), resalign_export::Error> {
/// use resalign_export::xlsx::XlsxReport;
/// let mut file = std::fs::File::create("E_RES_2013_41.xlsx")?;
/// XlsxReport::new(en, es, alignment, findings).pair("E/RES/2013/41").write(&mut file)
/// # }
/// ```
pub struct XlsxReport<'a> {
    en: &'a Document,
    es: &'a Document,
    alignment: &'a Alignment,
    findings: &'a [Finding],
    pair: String,
}

/// The formats the sheets use.
struct Formats {
    header: Format,
    text: Format,
    plain: Format,
    marked: Format,
}

impl Formats {
    fn new() -> Formats {
        let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            header: Format::new().set_bold(),
            text,
            plain: Format::default(),
            marked: Format::new().set_bold().set_font_color(Color::Red),
        }
    }
}

impl<'a> XlsxReport<'a> {
    pub fn new(
        en: &'a Document,
        es: &'a Document,
        alignment: &'a Alignment,
        findings: &'a [Finding],
    ) -> XlsxReport<'a> {
        XlsxReport {
            en,
            es,
            alignment,
            findings,
            pair: String::new(),
        }
    }

    /// What the `pair` column of the findings says: a symbol or a file name.
    pub fn pair(&mut self, name: impl Into<String>) -> &mut Self {
        self.pair = name.into();
        self
    }

    /// The workbook as the bytes of an `.xlsx` file.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let formats = Formats::new();
        let mut workbook = Workbook::new();
        self.findings_sheet(workbook.add_worksheet(), &formats)?;
        self.paragraphs_sheet(workbook.add_worksheet(), &formats)?;
        Ok(workbook.save_to_buffer()?)
    }

    pub fn write(&self, out: &mut impl Write) -> Result<(), Error> {
        out.write_all(&self.to_bytes()?)?;
        out.flush()?;
        Ok(())
    }

    fn findings_sheet(&self, sheet: &mut Worksheet, formats: &Formats) -> Result<(), Error> {
        sheet.set_name("Findings")?;
        write_header(sheet, &FINDING_COLUMNS, &FINDING_WIDTHS, formats)?;
        let (en, es) = (Lookup::new(self.en), Lookup::new(self.es));
        for (index, finding) in self.findings.iter().enumerate() {
            let row = sheet_row(index + 1)?;
            let cells = [
                self.pair.clone(),
                finding.code.name().to_owned(),
                finding.severity.to_string(),
                joined_ids(&finding.en),
                joined_ids(&finding.es),
                plain_excerpt(&finding.en, &en),
                plain_excerpt(&finding.es, &es),
                finding.message.clone(),
            ];
            for (column, cell) in (0u16..).zip(cells) {
                sheet.write_string_with_format(row, column, cell_text(&cell), &formats.text)?;
            }
        }
        finish_sheet(sheet, self.findings.len(), FINDING_COLUMNS.len())
    }

    fn paragraphs_sheet(&self, sheet: &mut Worksheet, formats: &Formats) -> Result<(), Error> {
        sheet.set_name("Paragraphs")?;
        write_header(sheet, &PARAGRAPH_COLUMNS, &PARAGRAPH_WIDTHS, formats)?;
        let marks = MarkIndex::new(self.findings);
        let rows = self.rows()?;
        for (index, row) in rows.iter().enumerate() {
            let line = sheet_row(index + 1)?;
            let codes = self.codes_touching(row);
            sheet.write_number(line, 0, (index + 1) as f64)?;
            sheet.write_string(line, 1, format!("{}-{}", row.en.len(), row.es.len()))?;
            sheet.write_number(line, 2, rounded_score(row.score))?;
            for (column, language, side) in [(3, Language::En, &row.en), (5, Language::Es, &row.es)]
            {
                let ids: Vec<String> = side.iter().map(|piece| piece.id.clone()).collect();
                sheet.write_string_with_format(line, column, ids.join(" "), &formats.text)?;
                write_marked_text(sheet, (line, column + 1), side, &marks, language, formats)?;
            }
            sheet.write_string_with_format(line, 7, codes.join(" "), &formats.text)?;
        }
        finish_sheet(sheet, rows.len(), PARAGRAPH_COLUMNS.len())
    }

    /// A row per paragraph link, then per footnote link, with the text of each side.
    fn rows(&self) -> Result<Vec<Row<'a>>, Error> {
        let mut rows = Vec::new();
        for link in &self.alignment.links {
            rows.push(Row {
                en: unit_pieces(self.en, &link.en)?,
                es: unit_pieces(self.es, &link.es)?,
                score: link.score,
            });
        }
        for link in &self.alignment.footnote_links {
            rows.push(Row {
                en: footnote_piece(self.en, link.en)?,
                es: footnote_piece(self.es, link.es)?,
                score: link.score,
            });
        }
        Ok(rows)
    }

    /// The codes of the findings about a row, each once, in the order of the findings.
    fn codes_touching(&self, row: &Row<'_>) -> Vec<&'static str> {
        let mut codes = Vec::new();
        for finding in self.findings {
            let touches = |side: &resalign_align::Side, pieces: &[Piece<'_>]| {
                pieces.iter().any(|piece| match &piece.target {
                    MarkTarget::Unit(id) => side.units.contains(id),
                    MarkTarget::Footnote(number) => side.footnotes.contains(number),
                })
            };
            let name = finding.code.name();
            if (touches(&finding.en, &row.en) || touches(&finding.es, &row.es))
                && !codes.contains(&name)
            {
                codes.push(name);
            }
        }
        codes
    }
}

/// One side of a link: the units or the footnote, with their text.
struct Row<'d> {
    en: Vec<Piece<'d>>,
    es: Vec<Piece<'d>>,
    score: f64,
}

struct Piece<'d> {
    id: String,
    target: MarkTarget,
    text: &'d str,
}

fn unit_pieces<'d>(document: &'d Document, ids: &[UnitId]) -> Result<Vec<Piece<'d>>, Error> {
    ids.iter()
        .map(|id| {
            let unit = document.unit(id.as_str()).ok_or_else(|| {
                Error::new(ErrorKind::NotInDocument {
                    language: document.language,
                    id: id.to_string(),
                })
            })?;
            Ok(Piece {
                id: id.to_string(),
                target: MarkTarget::Unit(id.clone()),
                text: &unit.text,
            })
        })
        .collect()
}

fn footnote_piece(document: &Document, number: Option<u32>) -> Result<Vec<Piece<'_>>, Error> {
    let Some(number) = number else {
        return Ok(Vec::new());
    };
    let footnote = document.footnote(number).ok_or_else(|| {
        Error::new(ErrorKind::NotInDocument {
            language: document.language,
            id: footnote_id(number),
        })
    })?;
    Ok(vec![Piece {
        id: footnote_id(number),
        target: MarkTarget::Footnote(number),
        text: &footnote.text,
    }])
}

/// The ranges the findings mark, by language and unit or footnote.
struct MarkIndex {
    ranges: HashMap<(Language, MarkTarget), Vec<TextRange>>,
}

impl MarkIndex {
    fn new(findings: &[Finding]) -> MarkIndex {
        let mut ranges: HashMap<(Language, MarkTarget), Vec<TextRange>> = HashMap::new();
        for finding in findings {
            for (language, side) in [(Language::En, &finding.en), (Language::Es, &finding.es)] {
                for mark in &side.marks {
                    ranges
                        .entry((language, mark.target.clone()))
                        .or_default()
                        .push(mark.range);
                }
            }
        }
        MarkIndex { ranges }
    }

    /// The marked byte ranges of `text`, sorted, merged and on character boundaries.
    fn of(&self, language: Language, target: &MarkTarget, text: &str) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = self
            .ranges
            .get(&(language, target.clone()))
            .into_iter()
            .flatten()
            .map(|range| (range.start, range.end))
            .filter(|&(start, end)| {
                start < end
                    && end <= text.len()
                    && text.is_char_boundary(start)
                    && text.is_char_boundary(end)
            })
            .collect();
        found.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for (start, end) in found {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }
}

/// The texts of a side, a line each, the marked ranges in bold red.
fn write_marked_text(
    sheet: &mut Worksheet,
    (row, column): (u32, u16),
    pieces: &[Piece<'_>],
    marks: &MarkIndex,
    language: Language,
    formats: &Formats,
) -> Result<(), Error> {
    let mut segments: Vec<(&Format, &str)> = Vec::new();
    let mut marked_any = false;
    for (index, piece) in pieces.iter().enumerate() {
        if index > 0 {
            segments.push((&formats.plain, "\n"));
        }
        let mut position = 0;
        for (start, end) in marks.of(language, &piece.target, piece.text) {
            segments.push((&formats.plain, &piece.text[position..start]));
            segments.push((&formats.marked, &piece.text[start..end]));
            marked_any = true;
            position = end;
        }
        segments.push((&formats.plain, &piece.text[position..]));
    }
    segments.retain(|(_, text)| !text.is_empty());
    let whole: String = segments.iter().map(|(_, text)| *text).collect();
    if !marked_any || whole.chars().count() > CELL_CHARACTERS {
        sheet.write_string_with_format(row, column, cell_text(&whole), &formats.text)?;
    } else {
        sheet.write_rich_string_with_format(row, column, &segments, &formats.text)?;
    }
    Ok(())
}

fn write_header(
    sheet: &mut Worksheet,
    columns: &[&str],
    widths: &[f64],
    formats: &Formats,
) -> Result<(), Error> {
    for ((column, name), width) in (0u16..).zip(columns).zip(widths) {
        sheet.write_string_with_format(0, column, *name, &formats.header)?;
        sheet.set_column_width(column, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn finish_sheet(sheet: &mut Worksheet, rows: usize, columns: usize) -> Result<(), Error> {
    let last_column = u16::try_from(columns.saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, sheet_row(rows)?, last_column)?;
    Ok(())
}

/// A sheet's row number; a pair never has a million links, but a wrong count must not wrap.
fn sheet_row(index: usize) -> Result<u32, Error> {
    u32::try_from(index)
        .map_err(|_| Error::new(ErrorKind::Serialize("too many rows for a sheet".to_owned())))
}

/// The text, cut to what a cell holds.
fn cell_text(text: &str) -> String {
    if text.chars().count() <= CELL_CHARACTERS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(CELL_CHARACTERS - 1).collect();
    cut.push('…');
    cut
}

impl From<XlsxError> for Error {
    fn from(error: XlsxError) -> Self {
        Error::new(ErrorKind::Serialize(error.to_string()))
    }
}
