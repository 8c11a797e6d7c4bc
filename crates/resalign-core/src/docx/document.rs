//! One pass over `document.xml` or `footnotes.xml`: paragraphs (in the body, in table cells, in
//! text boxes) as runs of text with their look, tabs, line breaks and footnote references, read
//! as the document prints with tracked changes accepted.
//!
//! What does not print is left out: deleted and moved-away text, hidden text, field
//! instructions (a field's result is read), properties recorded before a change, the fallback
//! copy of alternate content, section properties. Hyperlinks, smart tags, content controls,
//! custom XML and inserted text are read through.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::markup::{Ns, Pass, RunProperties, Token, attribute, is_shadow, number_attribute};
use super::styles::{Look, NumberingRef, Resolved, Styles};

/// A piece of a paragraph's content.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Inline {
    Text(String, Look),
    Tab,
    /// A manual line, column or page break.
    Break,
    /// A footnote reference: the footnote's id, and the mark it prints when it is not numbered
    /// automatically (`w:customMarkFollows`).
    Call {
        id: i64,
        custom_mark: Option<String>,
    },
    /// In a footnote's own text, where its number prints (`w:footnoteRef`).
    OwnMark,
    /// A raised number that calls footnotes called before again (`2`, `2,3`), as Word prints
    /// a second call of a footnote.
    Repeat(Vec<u32>),
}

#[derive(Clone, Debug, Default)]
pub(super) struct Paragraph {
    pub style: Option<String>,
    /// Numbering set on the paragraph itself (`w:numPr`), over its style's.
    pub numbering: Option<NumberingRef>,
    pub items: Vec<Inline>,
    /// The paragraph's properties close a section (`w:pPr/w:sectPr`).
    pub ends_section: bool,
    /// The paragraph mark was deleted with changes tracked, or is hidden: the paragraph runs on
    /// into the next one.
    pub runs_on: bool,
}

#[derive(Clone, Debug)]
pub(super) enum Block {
    Paragraph(Paragraph),
    /// Rows of cells, each cell its blocks.
    Table(Vec<Vec<Vec<Block>>>),
}

/// What one pass read.
pub(super) struct Read {
    pub blocks: Vec<Block>,
    /// Footnote bodies by id (in `footnotes.xml`); separators are left out.
    pub footnotes: HashMap<i64, Vec<Block>>,
    /// Where the part stopped being well formed, if it did.
    pub broken_at: Option<u64>,
}

/// Field nesting deeper than any document has; deeper fields are read as text.
const MAX_FIELD_DEPTH: usize = 64;
/// The start of a field instruction is enough to know what the field is.
const MAX_INSTRUCTION: usize = 64;

/// An open complex field (`w:fldChar` begin … separate … end).
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    /// Past `separate`: in the result, which prints.
    in_result: bool,
}

/// Reads a part's paragraphs.
pub(super) fn read(xml: &str, styles: &Styles) -> Read {
    let mut reader = Reader {
        styles,
        tags: Vec::new(),
        frames: vec![Frame::Blocks(Vec::new())],
        paragraphs: Vec::new(),
        run: None,
        fields: Vec::new(),
        skip: 0,
        footnotes: HashMap::new(),
    };
    let mut pass = Pass::new(xml);
    let broken_at = loop {
        match pass.next_token() {
            Token::Start(ns, element) => reader.start(ns, &element),
            Token::Empty(ns, element) => reader.empty(ns, &element),
            Token::End(ns, _) => reader.end(ns),
            Token::Text(text) => reader.text(&text),
            Token::Eof => break None,
            Token::Broken(offset) => break Some(offset),
        }
    };
    let blocks = reader.finish();
    Read {
        blocks,
        footnotes: reader.footnotes,
        broken_at,
    }
}

/// An open element the pass acts on at its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Paragraph,
    ParagraphProperties,
    /// `w:numPr` of a paragraph.
    Numbering,
    /// `w:rPr` of a paragraph mark.
    MarkProperties,
    Run,
    RunProperties,
    /// `w:t`, `m:t`: text.
    Text,
    /// `w:instrText`: a field's instruction.
    Instruction,
    Table,
    Row,
    RowProperties,
    /// A table cell; `true` when it opened a frame (it sat in a row).
    Cell(bool),
    TextBox,
    Footnote(i64),
    Other,
}

enum Frame {
    Blocks(Vec<Block>),
    Table(Vec<Vec<Vec<Block>>>),
    Row {
        cells: Vec<Vec<Block>>,
        deleted: bool,
    },
}

struct OpenParagraph<'s> {
    paragraph: Paragraph,
    style: &'s Resolved,
    mark: RunProperties,
}

struct OpenRun<'s> {
    properties: RunProperties,
    /// The character style (`w:rStyle`).
    character: Option<&'s Resolved>,
    look: Look,
    /// A footnote reference whose mark the run's text gives.
    custom_mark: Option<(i64, String)>,
}

struct Reader<'s> {
    styles: &'s Styles,
    tags: Vec<Tag>,
    frames: Vec<Frame>,
    /// Open paragraphs: a text box opens paragraphs inside a paragraph.
    paragraphs: Vec<OpenParagraph<'s>>,
    run: Option<OpenRun<'s>>,
    /// Open complex fields, innermost last.
    fields: Vec<Field>,
    /// Depth inside content that does not print.
    skip: usize,
    footnotes: HashMap<i64, Vec<Block>>,
}

impl<'s> Reader<'s> {
    fn start(&mut self, ns: Ns, element: &BytesStart<'_>) {
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        let local = element.local_name();
        let name = local.as_ref();
        if is_shadow(ns, name) || (ns == Ns::Word && self.skips(name, element)) {
            self.skip = 1;
            return;
        }
        let tag = match (ns, name) {
            (Ns::Word, _) => self.open_word(name, element),
            (Ns::Math, "t") => Tag::Text,
            _ => Tag::Other,
        };
        self.tags.push(tag);
    }

    /// Elements whose whole content is left out.
    fn skips(&mut self, name: &str, element: &BytesStart<'_>) -> bool {
        match name {
            "del" | "moveFrom" | "sdtPr" | "delText" | "delInstrText" => true,
            "sectPr" => {
                self.section_ends();
                true
            }
            "footnote" | "endnote" => {
                attribute(element, "type").is_some_and(|kind| !matches!(&*kind, "normal"))
            }
            _ => false,
        }
    }

    fn section_ends(&mut self) {
        if self.tags.last() == Some(&Tag::ParagraphProperties)
            && let Some(open) = self.paragraphs.last_mut()
        {
            open.paragraph.ends_section = true;
        }
    }

    fn open_word(&mut self, name: &str, element: &BytesStart<'_>) -> Tag {
        let parent = self.tags.last().copied();
        match (name, parent) {
            ("p", _) => {
                self.paragraphs.push(OpenParagraph {
                    paragraph: Paragraph::default(),
                    style: self.styles.paragraph(None),
                    mark: RunProperties::default(),
                });
                Tag::Paragraph
            }
            ("pPr", Some(Tag::Paragraph)) => Tag::ParagraphProperties,
            ("numPr", Some(Tag::ParagraphProperties)) => {
                if let Some(open) = self.paragraphs.last_mut() {
                    open.paragraph.numbering = Some(NumberingRef::default());
                }
                Tag::Numbering
            }
            ("rPr", Some(Tag::ParagraphProperties)) => Tag::MarkProperties,
            ("rPr", Some(Tag::Run)) => Tag::RunProperties,
            ("r", _) => {
                self.run = Some(OpenRun {
                    properties: RunProperties::default(),
                    character: None,
                    look: self.look(None, &RunProperties::default()),
                    custom_mark: None,
                });
                Tag::Run
            }
            ("t", Some(Tag::Run)) => Tag::Text,
            ("instrText", Some(Tag::Run)) => Tag::Instruction,
            ("tbl", _) => {
                self.frames.push(Frame::Table(Vec::new()));
                Tag::Table
            }
            ("tr", _) if matches!(self.frames.last(), Some(Frame::Table(_))) => {
                self.frames.push(Frame::Row {
                    cells: Vec::new(),
                    deleted: false,
                });
                Tag::Row
            }
            ("trPr", Some(Tag::Row)) => Tag::RowProperties,
            ("tc", _) => {
                let in_row = matches!(self.frames.last(), Some(Frame::Row { .. }));
                if in_row {
                    self.frames.push(Frame::Blocks(Vec::new()));
                }
                Tag::Cell(in_row)
            }
            ("txbxContent", _) => {
                self.frames.push(Frame::Blocks(Vec::new()));
                Tag::TextBox
            }
            ("footnote", _) => match number_attribute(element, "id") {
                Some(id) => {
                    self.frames.push(Frame::Blocks(Vec::new()));
                    Tag::Footnote(id)
                }
                None => Tag::Other,
            },
            _ => {
                // An element with content where an empty one is usual (`<w:tab></w:tab>`).
                self.empty(Ns::Word, element);
                Tag::Other
            }
        }
    }

    fn empty(&mut self, ns: Ns, element: &BytesStart<'_>) {
        if self.skip > 0 || ns != Ns::Word {
            return;
        }
        let local = element.local_name();
        let name = local.as_ref();
        match self.tags.last().copied() {
            Some(Tag::ParagraphProperties) => self.paragraph_property(name, element),
            Some(Tag::Numbering) => {
                if let Some(numbering) = self
                    .paragraphs
                    .last_mut()
                    .and_then(|open| open.paragraph.numbering.as_mut())
                {
                    numbering.read(name, element);
                }
            }
            Some(Tag::MarkProperties) => {
                if let Some(open) = self.paragraphs.last_mut() {
                    open.mark.read(name, element);
                }
            }
            Some(Tag::RunProperties) => {
                let styles = self.styles;
                if let Some(run) = self.run.as_mut() {
                    if name == "rStyle" {
                        run.character =
                            attribute(element, "val").and_then(|id| styles.character(&id));
                    } else {
                        run.properties.read(name, element);
                    }
                }
            }
            Some(Tag::Run) => self.run_content(name, element),
            Some(Tag::RowProperties) if matches!(name, "del" | "moveFrom") => {
                if let Some(Frame::Row { deleted, .. }) = self.frames.last_mut() {
                    *deleted = true;
                }
            }
            _ => {}
        }
    }

    fn paragraph_property(&mut self, name: &str, element: &BytesStart<'_>) {
        match name {
            "pStyle" => {
                let style = attribute(element, "val").map(|style| style.into_owned());
                let resolved = self.styles.paragraph(style.as_deref());
                if let Some(open) = self.paragraphs.last_mut() {
                    open.paragraph.style = style;
                    open.style = resolved;
                }
            }
            "sectPr" => self.section_ends(),
            _ => {}
        }
    }

    fn run_content(&mut self, name: &str, element: &BytesStart<'_>) {
        let item = match name {
            "tab" | "ptab" => Inline::Tab,
            "br" | "cr" => Inline::Break,
            "noBreakHyphen" => return self.push_text("\u{2011}"),
            "sym" => {
                let font = attribute(element, "font");
                let symbol = attribute(element, "char")
                    .and_then(|code| u32::from_str_radix(code.trim(), 16).ok())
                    .and_then(|code| symbol_char(font.as_deref(), code));
                if let Some(symbol) = symbol {
                    self.push_text(symbol.encode_utf8(&mut [0; 4]));
                }
                return;
            }
            "footnoteReference" => {
                let Some(id) = number_attribute(element, "id") else {
                    return;
                };
                let custom = attribute(element, "customMarkFollows")
                    .is_some_and(|value| matches!(&*value, "1" | "true" | "on"));
                if custom {
                    if let Some(run) = self.run.as_mut() {
                        run.custom_mark = Some((id, String::new()));
                    }
                    return;
                }
                Inline::Call {
                    id,
                    custom_mark: None,
                }
            }
            "footnoteRef" => Inline::OwnMark,
            "fldChar" => {
                match attribute(element, "fldCharType").as_deref() {
                    Some("begin") if self.fields.len() < MAX_FIELD_DEPTH => {
                        self.fields.push(Field::default());
                    }
                    Some("separate") => {
                        if let Some(field) = self.fields.last_mut() {
                            field.in_result = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                return;
            }
            _ => return,
        };
        if self.prints() {
            self.push(item);
        }
    }

    /// Text and breaks print outside field instructions and hidden runs.
    fn prints(&self) -> bool {
        self.fields.iter().all(|field| field.in_result)
            && self.run.as_ref().is_none_or(|run| !run.look.hidden)
    }

    fn push(&mut self, item: Inline) {
        if let Some(open) = self.paragraphs.last_mut() {
            open.paragraph.items.push(item);
        }
    }

    fn push_text(&mut self, text: &str) {
        if !self.prints() || text.is_empty() {
            return;
        }
        if let Some((_, mark)) = self.run.as_mut().and_then(|run| run.custom_mark.as_mut()) {
            mark.push_str(text);
            return;
        }
        // Office math has runs of its own, in the paragraph's look.
        let mut look = match &self.run {
            Some(run) => run.look,
            None => self.look(None, &RunProperties::default()),
        };
        // A cross-reference to a footnote prints its number: a call when it is raised.
        if self
            .fields
            .last()
            .is_some_and(|field| field.instruction.trim_start().starts_with("NOTEREF"))
        {
            look.reference = true;
        }
        let Some(open) = self.paragraphs.last_mut() else {
            return;
        };
        match open.paragraph.items.last_mut() {
            Some(Inline::Text(previous, previous_look)) if *previous_look == look => {
                previous.push_str(text);
            }
            _ => open
                .paragraph
                .items
                .push(Inline::Text(text.to_string(), look)),
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        match self.tags.last() {
            Some(Tag::Text) => self.push_text(text),
            Some(Tag::Instruction) => {
                if let Some(field) = self.fields.last_mut()
                    && field.instruction.len() < MAX_INSTRUCTION
                {
                    field.instruction.push_str(text);
                }
            }
            _ => {}
        }
    }

    fn look(&self, character: Option<&Resolved>, properties: &RunProperties) -> Look {
        let paragraph = self
            .paragraphs
            .last()
            .map_or_else(|| self.styles.paragraph(None), |open| open.style);
        self.styles.look(paragraph, character, properties)
    }

    fn end(&mut self, _ns: Ns) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match self.tags.pop() {
            Some(Tag::Paragraph) => self.close_paragraph(),
            Some(Tag::RunProperties) => {
                if let Some((character, properties)) =
                    self.run.as_ref().map(|run| (run.character, run.properties))
                {
                    let look = self.look(character, &properties);
                    if let Some(run) = self.run.as_mut() {
                        run.look = look;
                    }
                }
            }
            Some(Tag::Run) => self.close_run(),
            Some(Tag::Cell(true)) => {
                if let Some(Frame::Blocks(blocks)) = self.frames.pop()
                    && let Some(Frame::Row { cells, .. }) = self.frames.last_mut()
                {
                    cells.push(blocks);
                }
            }
            Some(Tag::Row) => {
                if let Some(Frame::Row { cells, deleted }) = self.frames.pop()
                    && let Some(Frame::Table(rows)) = self.frames.last_mut()
                    && !deleted
                {
                    rows.push(cells);
                }
            }
            Some(Tag::Table) => {
                if let Some(Frame::Table(rows)) = self.frames.pop() {
                    self.add_block(Block::Table(rows));
                }
            }
            Some(Tag::TextBox) => {
                if let Some(Frame::Blocks(blocks)) = self.frames.pop() {
                    for block in blocks {
                        self.add_block(block);
                    }
                }
            }
            Some(Tag::Footnote(id)) => {
                if let Some(Frame::Blocks(blocks)) = self.frames.pop() {
                    self.footnotes.entry(id).or_insert(blocks);
                }
            }
            _ => {}
        }
    }

    fn close_run(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        if let Some((id, mark)) = run.custom_mark {
            self.push(Inline::Call {
                id,
                custom_mark: Some(mark.trim().to_string()),
            });
        }
    }

    fn close_paragraph(&mut self) {
        self.close_run();
        let Some(open) = self.paragraphs.pop() else {
            return;
        };
        let mut paragraph = open.paragraph;
        paragraph.runs_on = open.mark.deleted || open.mark.hidden == Some(true);
        self.add_block(Block::Paragraph(paragraph));
    }

    /// Adds a finished block to the innermost list of blocks.
    fn add_block(&mut self, block: Block) {
        let blocks = self.frames.iter_mut().rev().find_map(|frame| match frame {
            Frame::Blocks(blocks) => Some(blocks),
            _ => None,
        });
        if let Some(blocks) = blocks {
            blocks.push(block);
        }
    }

    /// Closes what a part that ended early left open.
    fn finish(&mut self) -> Vec<Block> {
        while !self.paragraphs.is_empty() {
            self.close_paragraph();
        }
        while self.frames.len() > 1 {
            match self.frames.pop() {
                Some(Frame::Blocks(blocks)) => match self.frames.last_mut() {
                    Some(Frame::Row { cells, .. }) => cells.push(blocks),
                    _ => {
                        for block in blocks {
                            self.add_block(block);
                        }
                    }
                },
                Some(Frame::Row { cells, .. }) => {
                    if let Some(Frame::Table(rows)) = self.frames.last_mut() {
                        rows.push(cells);
                    }
                }
                Some(Frame::Table(rows)) => self.add_block(Block::Table(rows)),
                None => {}
            }
        }
        match self.frames.pop() {
            Some(Frame::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        }
    }
}

/// A `w:sym` character. Symbol fonts address their glyphs from U+F000 on: the Symbol font's
/// that text uses map back to Unicode, other fonts' (Wingdings) are pictures and left out.
fn symbol_char(font: Option<&str>, code: u32) -> Option<char> {
    if !(0xF000..=0xF0FF).contains(&code) {
        return char::from_u32(code).filter(|c| !c.is_control());
    }
    if !font.is_some_and(|font| font.eq_ignore_ascii_case("Symbol")) {
        return None;
    }
    const GREEK: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    let low = u8::try_from(code - 0xF000).ok()?;
    let mapped = match low {
        b'a'..=b'z' => GREEK.chars().nth(usize::from(low - b'a'))?,
        b'0'..=b'9' | b' ' | b'!' | b'#' | b'%' | b'&' | b'(' | b')' | b'+' | b',' | b'.' => {
            char::from(low)
        }
        b'/' | b':' | b';' | b'<' | b'=' | b'>' | b'?' | b'[' | b']' | b'_' | b'{' | b'|' => {
            char::from(low)
        }
        b'}' => '}',
        0x2D => '−',
        0xA3 => '≤',
        0xA5 => '∞',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB3 => '≥',
        0xB4 => '×',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBB => '≈',
        0xBC => '…',
        _ => return None,
    };
    Some(mapped)
}
