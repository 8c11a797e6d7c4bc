//! Front-end for AKN4UN XML: one streaming pass over the source turns the markup into metadata,
//! blocks in reading order and footnotes for the assembler.
//!
//! The pass keeps a stack of open elements. Some elements own the text of a block (`content`,
//! `intro`, `container`, `subheading`, `table`, the `vote` of the conclusions, ...); text goes to
//! the innermost open owner, and an owner that opens inside another first hands over the text
//! read so far as a block, so that blocks come out in reading order. Footnote bodies
//! (`authorialNote`) are read aside and leave a call in the block. End tags that do not match are
//! repaired on the stack, with a diagnostic.

pub(crate) mod clean;
mod metadata;
mod signals;
mod stack;
mod tags;

use std::borrow::Cow;
use std::collections::HashSet;

use memchr::memmem;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use self::clean::{CleanText, Finished, Gap, clean_line};
use self::metadata::{Area, MetadataReader};
use self::signals::{
    bare_paragraph_number, heading_label_edit, is_annex_title, is_meeting_line, reads_as_heading,
};
use self::stack::OpenElements;
use self::tags::{Tag, attribute, has_heading_class, source_attribute};
use crate::assemble::{Block, Draft, DraftFootnote, Part, Role, Scope};
use crate::detect::detect_language;
use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::error::{Error, ErrorKind};
use crate::label::{LabelSyntax, RawLabel, leading_label};
use crate::model::{Language, SourceFormat};
use crate::span::Span;

/// Reads an AKN4UN document. Fails only when the document declares a language other than
/// English or Spanish and the caller did not force one.
pub(crate) fn read(text: &str, language: Option<Language>) -> Result<Draft, Error> {
    let mut walker = Walker::new(text, language);
    walker.walk()?;
    walker.finish()
}

/// Reported malformations stop being listed one by one after this many.
const MAX_MALFORMATION_REPORTS: usize = 20;
/// Errors after which the reader gives up on the rest of a badly broken input.
const MAX_READ_ERRORS: usize = 1000;

/// An open element.
#[derive(Debug)]
struct Frame<'a> {
    /// The qualified name as written, to match end tags.
    name: &'a str,
    tag: Tag,
    start: usize,
    eid: Option<Cow<'a, str>>,
    /// The label a numbered element printed in its `num`.
    label: PrintedLabel,
    style: Style,
}

/// The label of a numbered element, and whether a block took it already.
#[derive(Debug, Default)]
enum PrintedLabel {
    #[default]
    None,
    Waiting(String),
    Taken(String),
}

impl PrintedLabel {
    fn value(&self) -> Option<&str> {
        match self {
            PrintedLabel::None => None,
            PrintedLabel::Waiting(label) | PrintedLabel::Taken(label) => Some(label),
        }
    }

    /// The label, if no block took it yet; it is taken from now on.
    fn take(&mut self) -> Option<String> {
        match std::mem::take(self) {
            PrintedLabel::Waiting(label) => {
                *self = PrintedLabel::Taken(label.clone());
                Some(label)
            }
            unchanged => {
                *self = unchanged;
                None
            }
        }
    }
}

/// How the source styled a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// `class="H1"`, `H23`, `HCh`: a heading, whatever element carries its text.
    Heading,
    Text,
}

/// What a builder's text becomes.
#[derive(Debug)]
enum Purpose<'a> {
    Block(BlockSpec<'a>),
    Footnote {
        number: Option<u32>,
        marker: String,
        eid: Option<Cow<'a, str>>,
    },
}

/// How a block-owning element's text becomes a [`Block`].
#[derive(Clone, Debug)]
struct BlockSpec<'a> {
    role: Role,
    part: Part,
    /// Nesting under the paragraph, counted from the list levels around the owner.
    level: u8,
    /// The element whose `num` labels the block.
    numbered: Option<usize>,
    /// The outermost paragraph: markup nesting is trusted only under a paragraph with a
    /// numeric label, elsewhere the assembler infers it from the labels.
    top_paragraph: Option<usize>,
    eid: Option<Cow<'a, str>>,
    shape: Shape,
}

/// Whether a block is the text of a paragraph itself, the only blocks whose text may reveal
/// a label, a heading or a meeting line that the markup missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    ParagraphText,
    Other,
}

/// An element whose text is being read.
#[derive(Debug)]
struct Builder<'a> {
    /// Stack index of the owning element.
    frame: usize,
    start: usize,
    text: CleanText,
    purpose: Purpose<'a>,
}

/// Which annex of an attachment the text is in: a new annex starts at each attachment and at
/// each `Annex II`-style heading after some annex text.
#[derive(Debug, Default)]
struct Annexes {
    number: u32,
    current: AnnexText,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum AnnexText {
    #[default]
    None,
    Some,
}

const TAG_COUNT: usize = Tag::Other as usize + 1;

struct Walker<'a> {
    source: &'a str,
    forced_language: Option<Language>,
    declared_language: Option<Language>,
    stack: OpenElements<'a>,
    /// How many elements of each tag are open.
    open: [u16; TAG_COUNT],
    builders: Vec<Builder<'a>>,
    /// Raw text of the open `num`.
    num: Option<String>,
    /// Raw text of the open `sup`: a footnote call or an ordinal suffix.
    sup: Option<String>,
    metadata: MetadataReader,
    /// Footnote numbers defined anywhere in the document.
    markers: HashSet<u32>,
    blocks: Vec<Block>,
    footnotes: Vec<DraftFootnote>,
    diagnostics: Vec<Diagnostic>,
    annexes: Annexes,
    /// A label printed in a paragraph of its own, waiting for the paragraph it labels.
    orphan_num: Option<(String, usize)>,
    /// The number of the last numbered paragraph, in its scope.
    last_number: Option<(Scope, u32)>,
    malformations: usize,
}

impl<'a> Walker<'a> {
    fn new(source: &'a str, forced_language: Option<Language>) -> Walker<'a> {
        Walker {
            source,
            forced_language,
            declared_language: None,
            stack: OpenElements::default(),
            open: [0; TAG_COUNT],
            builders: Vec::with_capacity(8),
            num: None,
            sup: None,
            metadata: MetadataReader::default(),
            markers: footnote_markers(source),
            blocks: Vec::new(),
            footnotes: Vec::new(),
            diagnostics: Vec::new(),
            annexes: Annexes::default(),
            orphan_num: None,
            last_number: None,
            malformations: 0,
        }
    }

    fn walk(&mut self) -> Result<(), Error> {
        let mut reader = Reader::from_str(self.source);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        let mut errors = 0;
        loop {
            let before = offset(&reader);
            match reader.read_event() {
                Ok(Event::Start(element)) => self.start(&element, before, offset(&reader))?,
                Ok(Event::Empty(element)) => {
                    let after = offset(&reader);
                    self.start(&element, before, after)?;
                    self.close_top(after);
                }
                Ok(Event::End(element)) => {
                    self.end(element.name().as_ref(), before, offset(&reader))
                }
                Ok(Event::Text(text)) => self.text(&text),
                Ok(Event::CData(data)) => self.text(&data),
                Ok(Event::GeneralRef(reference)) => {
                    self.reference(&reference, Span::new(before, offset(&reader)));
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(error) => {
                    errors += 1;
                    let at = offset(&reader);
                    self.malformed(format!("{error}"), Span::new(before, at.max(before)));
                    if at <= before || errors > MAX_READ_ERRORS {
                        break;
                    }
                }
            }
        }
        self.close_unclosed();
        Ok(())
    }

    fn finish(mut self) -> Result<Draft, Error> {
        let language = match self.forced_language.or(self.declared_language) {
            Some(language) => language,
            None => {
                let (language, diagnostics) = detect_language(&self.sample_text())?;
                self.diagnostics.extend(diagnostics);
                language
            }
        };
        let metadata = self.metadata.finish(language, &mut self.diagnostics);
        Ok(Draft {
            language,
            format: SourceFormat::AknXml,
            source: self.source.to_string(),
            metadata,
            blocks: self.blocks,
            footnotes: self.footnotes,
            diagnostics: self.diagnostics,
        })
    }

    /// Enough of the body text to guess the language of a file that does not declare it.
    fn sample_text(&self) -> String {
        let mut sample = String::new();
        for block in &self.blocks {
            if sample.len() > 20_000 {
                break;
            }
            sample.push_str(&block.text);
            sample.push('\n');
        }
        sample
    }

    fn count(&self, tag: Tag) -> u16 {
        self.open[tag as usize]
    }

    fn start(&mut self, element: &BytesStart<'_>, start: usize, end: usize) -> Result<(), Error> {
        let tag = Tag::of(element);
        if self.count(Tag::Meta) > 0 || tag == Tag::Meta {
            self.identification(tag, element, Span::new(start, end))?;
            self.push_frame(element, tag, start);
            return Ok(());
        }
        let depth = self.stack.len();
        if !self.in_body() || tag == Tag::Formula {
            let area = self.area(tag);
            self.metadata.open(tag, element, area, depth, start);
        }
        self.push_frame(element, tag, start);
        match tag {
            Tag::AuthorialNote => self.open_footnote(element, depth, start),
            Tag::Sup => {
                self.sup.get_or_insert_with(String::new);
            }
            Tag::Num => self.num = Some(String::new()),
            Tag::Emphasis => {
                if let Some(builder) = self.builders.last_mut() {
                    builder.text.open_emphasis(depth);
                }
            }
            // A converter prints each list of a vote record as a paragraph of its own.
            Tag::P | Tag::LineBreak | Tag::Outcome => self.separate(Gap::Space),
            Tag::Row => self.separate(Gap::Row),
            Tag::Cell => self.separate(Gap::Cell),
            Tag::Attachment => {
                self.annexes.number += 1;
                self.annexes.current = AnnexText::None;
            }
            _ => self.open_owner(tag, depth, start),
        }
        Ok(())
    }

    fn push_frame(&mut self, element: &BytesStart<'_>, tag: Tag, start: usize) {
        let name_len = element.name().as_ref().len();
        let name = self
            .source
            .get(start + 1..start + 1 + name_len)
            .unwrap_or("");
        let in_meta = self.count(Tag::Meta) > 0;
        let eid = (!in_meta && tag.names_units())
            .then(|| source_attribute(self.source, element, "eId"))
            .flatten();
        let style = if tag == Tag::Paragraph && has_heading_class(element) {
            Style::Heading
        } else {
            Style::Text
        };
        self.stack.push(Frame {
            name,
            tag,
            start,
            eid,
            label: PrintedLabel::None,
            style,
        });
        self.open[tag as usize] = self.open[tag as usize].saturating_add(1);
    }

    /// The FRBR identification in `meta`: the language of the expression, the author and
    /// adoption date of the work.
    fn identification(
        &mut self,
        tag: Tag,
        element: &BytesStart<'_>,
        span: Span,
    ) -> Result<(), Error> {
        match tag {
            Tag::FrbrLanguage
                if self.count(Tag::FrbrExpression) > 0 && self.declared_language.is_none() =>
            {
                let code = attribute(element, "language").unwrap_or_default();
                match code.parse::<Language>() {
                    Ok(language) => self.declared_language = Some(language),
                    Err(_) if self.forced_language.is_none() => {
                        return Err(Error::new(ErrorKind::UnsupportedLanguage {
                            found: code.into_owned(),
                        }));
                    }
                    Err(_) => {}
                }
            }
            Tag::FrbrAuthor | Tag::FrbrDate if self.count(Tag::FrbrWork) > 0 => {
                self.metadata.work_identification(tag, element, span);
            }
            _ => {}
        }
        Ok(())
    }

    fn in_body(&self) -> bool {
        self.count(Tag::Meta) == 0
            && (self.count(Tag::Preamble) > 0 || self.count(Tag::MainBody) > 0)
    }

    fn area(&self, tag: Tag) -> Area {
        if self.count(Tag::CoverPage) > 0 {
            Area::CoverPage
        } else if self.count(Tag::Preface) > 0 && self.count(Tag::Component) == 0 {
            Area::Preface
        } else if tag == Tag::Formula && self.count(Tag::EmbeddedStructure) == 0 {
            Area::Formula
        } else {
            Area::Elsewhere
        }
    }

    fn separate(&mut self, gap: Gap) {
        if let Some(builder) = self.builders.last_mut() {
            builder.text.separate(gap);
        }
        if self.metadata.is_reading() && self.count(Tag::AuthorialNote) == 0 {
            self.metadata.separate();
        }
    }

    fn text(&mut self, raw: &str) {
        if self.count(Tag::Meta) > 0 {
            return;
        }
        if let Some(num) = self.num.as_mut() {
            num.push_str(raw);
            return;
        }
        if let Some(sup) = self.sup.as_mut() {
            sup.push_str(raw);
            return;
        }
        self.body_text(raw);
    }

    /// Text that is neither a label nor a superscript.
    fn body_text(&mut self, raw: &str) {
        if self.count(Tag::AuthorialNote) == 0 && self.metadata.is_reading() {
            self.metadata.text(raw);
        }
        if self.builders.is_empty() && self.takes_loose_text() && !raw.trim().is_empty() {
            let depth = self.stack.len().saturating_sub(1);
            let start = self.stack.last().map_or(0, |frame| frame.start);
            self.open_block(Tag::P, depth, start);
        }
        if let Some(builder) = self.builders.last_mut() {
            builder.text.push(raw);
        }
    }

    /// Text in the body outside any block-owning element still belongs to a block (a
    /// `paragraph` with bare text), except in the enacting formula, which is metadata.
    fn takes_loose_text(&self) -> bool {
        self.in_body() && (self.count(Tag::Formula) == 0 || self.count(Tag::EmbeddedStructure) > 0)
    }

    fn reference(&mut self, reference: &BytesRef<'_>, span: Span) {
        if reference.is_char_ref() {
            match reference.resolve_char_ref() {
                Ok(Some(c)) => self.text(c.encode_utf8(&mut [0; 4])),
                _ => self.malformed(
                    format!("invalid character reference `&{};`", &**reference),
                    span,
                ),
            }
            return;
        }
        match predefined_entity(reference) {
            Some(value) => self.text(value),
            None => {
                self.malformed(
                    format!("unknown entity `&{};` kept as written", &**reference),
                    span,
                );
                let written = format!("&{};", &**reference);
                self.text(&written);
            }
        }
    }

    fn malformed(&mut self, message: String, span: Span) {
        self.malformations += 1;
        if self.malformations > MAX_MALFORMATION_REPORTS {
            return;
        }
        let message = if self.malformations == MAX_MALFORMATION_REPORTS {
            format!("{message} (further XML errors are not listed)")
        } else {
            message
        };
        self.diagnostics.push(
            Diagnostic::new(DiagnosticCode::MalformedXml, Severity::Warning, message)
                .with_span(span),
        );
    }

    fn end(&mut self, name: &str, start: usize, end: usize) {
        let Some(index) = self.stack.innermost_named(name) else {
            self.malformed(
                format!("end tag `</{name}>` closes nothing; ignored"),
                Span::new(start, end),
            );
            return;
        };
        if index + 1 < self.stack.len() {
            let message = format!(
                "{} not closed before `</{name}>`; closed there",
                listed_elements(self.stack.names_from(index + 1))
            );
            self.malformed(message, Span::new(start, end));
        }
        while self.stack.len() > index {
            self.close_top(end);
        }
    }

    fn close_unclosed(&mut self) {
        let end = self.source.len();
        if let Some(frame) = self.stack.last() {
            let message = format!("the document ends inside `<{}>`", frame.name);
            self.malformed(message, Span::new(frame.start, end));
        }
        while !self.stack.is_empty() {
            self.close_top(end);
        }
    }

    /// Closes the innermost open element at byte `end`. A block its element owns is emitted
    /// while the element is still open, so that the block can take the element's label.
    fn close_top(&mut self, end: usize) {
        let Some(depth) = self.stack.len().checked_sub(1) else {
            return;
        };
        if self.count(Tag::Meta) == 0 {
            self.metadata.close(depth, end);
            if let Some(builder) = self.builders.last_mut() {
                builder.text.close_element(depth);
            }
            if self
                .builders
                .last()
                .is_some_and(|builder| builder.frame >= depth)
            {
                self.finish_builder(end);
            }
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        self.open[frame.tag as usize] = self.open[frame.tag as usize].saturating_sub(1);
        if self.count(Tag::Meta) > 0 || frame.tag == Tag::Meta {
            return;
        }
        match frame.tag {
            Tag::Num => self.close_num(&frame, end),
            Tag::Sup => self.close_sup(),
            Tag::P | Tag::LineBreak | Tag::Outcome => self.separate(Gap::Space),
            Tag::Row => self.separate(Gap::Row),
            Tag::Cell => self.separate(Gap::Cell),
            _ => {}
        }
    }

    /// A `num` labels the element around it; a section's number is a heading of its own.
    fn close_num(&mut self, frame: &Frame<'_>, end: usize) {
        let printed = clean_line(&self.num.take().unwrap_or_default());
        if printed.is_empty() {
            return;
        }
        let Some(owner) = self
            .stack
            .numbered_ancestor()
            .and_then(|index| self.stack.get_mut(index))
        else {
            self.body_text(&printed);
            return;
        };
        if owner.tag != Tag::Section {
            owner.label = PrintedLabel::Waiting(printed);
            return;
        }
        owner.label = PrintedLabel::Taken(printed.clone());
        let eid = owner.eid.clone();
        let spec = BlockSpec {
            role: Role::Heading,
            part: self.part(Tag::Section),
            level: 0,
            numbered: None,
            top_paragraph: None,
            eid,
            shape: Shape::Other,
        };
        let text = Finished {
            text: printed,
            ..Finished::default()
        };
        self.emit(spec, text, Span::new(frame.start, end));
    }

    /// A superscript that repeats a footnote number is a call; any other (`73<sup>er</sup>`)
    /// is part of the text.
    fn close_sup(&mut self) {
        let Some(content) = self.sup.take() else {
            return;
        };
        let number = content.trim().parse::<u32>().ok();
        match number {
            Some(number) if self.markers.contains(&number) => {
                if let Some(builder) = self.builders.last_mut() {
                    builder.text.call(number);
                }
            }
            _ => self.body_text(&content),
        }
    }

    fn open_footnote(&mut self, element: &BytesStart<'_>, depth: usize, start: usize) {
        let marker = attribute(element, "marker")
            .map(|marker| marker.trim().to_string())
            .unwrap_or_default();
        let number = marker.parse::<u32>().ok();
        if let (Some(number), Some(outer)) = (number, self.builders.last_mut()) {
            outer.text.call(number);
        }
        let eid = self.stack.last().and_then(|frame| frame.eid.clone());
        self.builders.push(Builder {
            frame: depth,
            start,
            text: CleanText::new(),
            purpose: Purpose::Footnote {
                number,
                marker,
                eid,
            },
        });
    }

    /// Starts a block if the element owns one here.
    fn open_owner(&mut self, tag: Tag, depth: usize, start: usize) {
        if self.count(Tag::AuthorialNote) > 0 {
            return;
        }
        let owns = match tag {
            Tag::Container
            | Tag::Intro
            | Tag::Item
            | Tag::Content
            | Tag::WrapUp
            | Tag::Subheading
            | Tag::Heading
            | Tag::CrossHeading
            | Tag::Table => self.in_body(),
            Tag::Formula => self.count(Tag::EmbeddedStructure) > 0,
            // The vote record printed after the closing lines is a block of the body, which
            // the assembler reads as a vote as it does the same record in converted text.
            Tag::Vote => self.count(Tag::Conclusions) > 0,
            Tag::DocNumber | Tag::DocTitle => {
                self.count(Tag::Component) > 0 && self.count(Tag::Preface) > 0
            }
            _ => false,
        };
        if owns {
            self.open_block(tag, depth, start);
        }
    }

    fn open_block(&mut self, tag: Tag, depth: usize, start: usize) {
        self.flush_top(start);
        let spec = self.block_spec(tag, depth);
        self.builders.push(Builder {
            frame: depth,
            start,
            text: CleanText::new(),
            purpose: Purpose::Block(spec),
        });
    }

    fn block_spec(&self, tag: Tag, depth: usize) -> BlockSpec<'a> {
        let numbered = match tag {
            Tag::Content | Tag::Intro | Tag::Item | Tag::Subheading | Tag::Heading | Tag::P => {
                self.stack.numbered_ancestor()
            }
            _ => None,
        };
        let lists = u8::try_from(self.stack.lists()).unwrap_or(u8::MAX);
        // Text inside an item, or after a list's items (`wrapUp`, `alinea`), sits one level
        // below the paragraph even when the list markup around it is missing.
        let in_item = self.stack.in_item();
        let level = match tag {
            Tag::Intro => lists.saturating_sub(1),
            Tag::Item | Tag::WrapUp => lists.max(1),
            _ if in_item => lists.max(1),
            _ => lists,
        };
        let styled_heading = |index: usize| {
            self.stack
                .get(index)
                .is_some_and(|frame| frame.style == Style::Heading)
        };
        let heading_style =
            numbered.is_some_and(styled_heading) || styled_heading(depth.saturating_sub(1));
        let role = match tag {
            Tag::Subheading | Tag::Heading | Tag::DocNumber | Tag::DocTitle => Role::Heading,
            Tag::Table => Role::Table,
            _ if heading_style => Role::Heading,
            _ => Role::Paragraph,
        };
        let paragraph_text = matches!(tag, Tag::Content | Tag::P)
            && level == 0
            && numbered
                .and_then(|index| self.stack.get(index))
                .is_some_and(|frame| frame.tag == Tag::Paragraph);
        BlockSpec {
            role,
            part: self.part(tag),
            level,
            numbered,
            shape: if paragraph_text {
                Shape::ParagraphText
            } else {
                Shape::Other
            },
            top_paragraph: self.stack.top_paragraph(),
            eid: self
                .stack
                .innermost_with_eid()
                .and_then(|frame| frame.eid.clone()),
        }
    }

    fn part(&self, tag: Tag) -> Part {
        if tag == Tag::CrossHeading {
            return Part::Preamble;
        }
        self.stack.part()
    }

    /// Hands the text the innermost block read so far over as a block, before a nested
    /// block starts.
    fn flush_top(&mut self, at: usize) {
        let Some(builder) = self.builders.last_mut() else {
            return;
        };
        if builder.text.is_empty() {
            return;
        }
        let Purpose::Block(spec) = &builder.purpose else {
            return;
        };
        let spec = spec.clone();
        let span = Span::new(builder.start, at.max(builder.start));
        builder.start = at;
        let text = builder.text.take();
        self.emit(spec, text, span);
    }

    fn finish_builder(&mut self, end: usize) {
        let Some(mut builder) = self.builders.pop() else {
            return;
        };
        let span = Span::new(builder.start, end.max(builder.start));
        let text = builder.text.take();
        match builder.purpose {
            Purpose::Block(spec) => self.emit(spec, text, span),
            Purpose::Footnote {
                number: Some(number),
                eid,
                ..
            } => self.footnotes.push(DraftFootnote {
                number,
                text: text.text,
                spans: vec![span],
                eid: eid.map(Cow::into_owned),
            }),
            Purpose::Footnote {
                number: None,
                marker,
                ..
            } => self.diagnostics.push(
                Diagnostic::new(
                    DiagnosticCode::UnplacedText,
                    Severity::Warning,
                    format!("footnote marked `{marker}` has no number; its text was left out"),
                )
                .with_span(span),
            ),
        }
    }

    /// Turns read text into a block: takes the label, decides the role in an annex, reads
    /// what the text says where the markup is silent, and sets the depth the markup vouches
    /// for.
    fn emit(&mut self, spec: BlockSpec<'a>, mut text: Finished, span: Span) {
        let (num, span) = self.take_num(&spec, text.text.is_empty(), span);
        let mut role = spec.role;
        let num = match (role, num) {
            (Role::Heading, Some(num)) => {
                let (removed, inserted) = heading_label_edit(&num, &text.text);
                text.replace_front(removed, &inserted);
                None
            }
            (_, num) => num,
        };
        let orphan = self.orphan_num.take();
        if text.text.is_empty() {
            if let (Role::Paragraph, Some(num)) = (role, num) {
                self.orphan_num = Some((num, span.start));
            }
            return;
        }
        let mut num = match num {
            Some(num) => Some(num),
            None => orphan.and_then(|orphan| self.adopt(orphan, role, spec.level, &text.text)),
        };
        let scope = self.scope_of(&mut role, num.is_none(), &text.text);
        if num.is_none() && role == Role::Paragraph && spec.shape == Shape::ParagraphText {
            if scope == Scope::Body && is_meeting_line(&text.text) {
                self.metadata.meeting_line(&text.text, span);
                return;
            }
            num = self.label_in_text(scope, &mut text, span);
            if num.is_none() && reads_as_heading(&text.text) {
                role = Role::Heading;
            }
        }
        let depth = match role {
            Role::Paragraph => self
                .markup_depth_holds(&spec, num.as_deref())
                .then_some(spec.level),
            // A heading or table inside an item says so, so that the items around it can keep
            // their paragraph.
            Role::Heading | Role::Table => (spec.level > 0).then_some(spec.level),
        };
        if let (Role::Paragraph, 0, Some(number)) =
            (role, spec.level, num.as_deref().and_then(number_value))
        {
            self.last_number = Some((scope, number));
        }
        let Finished {
            text,
            calls,
            lead_emphasis,
        } = text;
        self.blocks.push(Block {
            scope,
            part: spec.part,
            role,
            num,
            depth,
            text,
            calls,
            spans: vec![span],
            eid: spec.eid.map(Cow::into_owned),
            lead_emphasis,
        });
    }

    /// The next paragraph number typed into the text without its full stop (`15 Reconoce`
    /// after paragraph 14), taken out of the text as the label.
    fn label_in_text(&mut self, scope: Scope, text: &mut Finished, span: Span) -> Option<String> {
        let (last_scope, last) = self.last_number?;
        if last_scope != scope {
            return None;
        }
        let (digits, consumed) = bare_paragraph_number(&text.text, last + 1)?;
        let num = text.text.get(..digits)?.to_string();
        text.replace_front(consumed, "");
        self.diagnostics.push(
            Diagnostic::new(
                DiagnosticCode::UnplacedText,
                Severity::Info,
                format!("paragraph number `{num}` read from the text; the markup has no label"),
            )
            .with_span(span),
        );
        Some(num)
    }

    /// The label of the numbered element the block belongs to, unless an earlier block took
    /// it; the block's span then starts at that element. An empty heading leaves the label
    /// for the text that follows it.
    fn take_num(
        &mut self,
        spec: &BlockSpec<'a>,
        text_is_empty: bool,
        span: Span,
    ) -> (Option<String>, Span) {
        let Some(frame) = spec.numbered.and_then(|index| self.stack.get_mut(index)) else {
            return (None, span);
        };
        if text_is_empty && spec.role != Role::Paragraph {
            return (None, span);
        }
        let Some(num) = frame.label.take() else {
            return (None, span);
        };
        (Some(num), Span::new(frame.start.min(span.start), span.end))
    }

    /// A paragraph that printed only its label (`<num>1.</num>` and empty content) followed by
    /// an unlabelled paragraph with the text: the label belongs to that text.
    fn adopt(
        &mut self,
        orphan: (String, usize),
        role: Role,
        level: u8,
        text: &str,
    ) -> Option<String> {
        let (num, at) = orphan;
        let text_has_label = leading_label(text, LabelSyntax::Running).is_some();
        if role != Role::Paragraph || level != 0 || text_has_label {
            return None;
        }
        self.diagnostics.push(
            Diagnostic::new(
                DiagnosticCode::UnplacedText,
                Severity::Info,
                format!("label `{num}` stands alone; it was given to the paragraph after it"),
            )
            .with_span(Span::new(at, at)),
        );
        Some(num)
    }

    /// The scope of a block, starting a new annex at an annex title that follows annex text
    /// (and making that title a heading).
    fn scope_of(&mut self, role: &mut Role, unlabelled: bool, text: &str) -> Scope {
        if self.count(Tag::Attachment) == 0 {
            return Scope::Body;
        }
        if unlabelled && is_annex_title(text) {
            *role = Role::Heading;
            if self.annexes.current == AnnexText::Some {
                self.annexes.number += 1;
            }
        }
        self.annexes.current = AnnexText::Some;
        Scope::Annex(self.annexes.number.max(1))
    }

    /// Markup nesting is trusted under a paragraph numbered `1.`; under a paragraph labelled
    /// `(a)` or not labelled at all the markup says nothing about the level, the labels do.
    fn markup_depth_holds(&self, spec: &BlockSpec<'a>, own_num: Option<&str>) -> bool {
        let top_num = spec
            .top_paragraph
            .and_then(|index| self.stack.get(index))
            .and_then(|frame| frame.label.value())
            .or(own_num.filter(|_| spec.level == 0));
        top_num.is_some_and(is_number_label)
    }
}

fn offset(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The value of a paragraph number: `12.` and `12` give 12.
fn number_value(num: &str) -> Option<u32> {
    let num = num.trim();
    let digits = num.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &num[digits..];
    (rest.is_empty() || rest == ".")
        .then(|| num[..digits].parse().ok())
        .flatten()
}

/// `1.`, `12`: a paragraph number rather than a letter or a bullet.
fn is_number_label(num: &str) -> bool {
    matches!(
        leading_label(num, LabelSyntax::Markup).map(|label| label.raw),
        Some(RawLabel::Number(_))
    )
}

/// The five XML entities and the few HTML ones that converted files carry.
fn predefined_entity(reference: &BytesRef<'_>) -> Option<&'static str> {
    match &**reference {
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "quot" => Some("\""),
        "apos" => Some("'"),
        "nbsp" => Some("\u{a0}"),
        "ndash" => Some("–"),
        "mdash" => Some("—"),
        _ => None,
    }
}

/// The footnote numbers the document defines (`authorialNote marker="N"`), found before the
/// pass so that a `<sup>N</sup>` that comes first is known as a call.
fn footnote_markers(source: &str) -> HashSet<u32> {
    let bytes = source.as_bytes();
    let mut markers = HashSet::new();
    for found in memmem::find_iter(bytes, b"authorialNote") {
        let tag = &bytes[found..];
        let tag_end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
        let tag = &tag[..tag_end];
        let Some(at) = memmem::find(tag, b"marker=") else {
            continue;
        };
        let value = &tag[at + b"marker=".len()..];
        let Some((&quote, value)) = value.split_first() else {
            continue;
        };
        let value_end = memchr::memchr(quote, value).unwrap_or(value.len());
        let number = std::str::from_utf8(&value[..value_end])
            .ok()
            .and_then(|text| text.trim().parse::<u32>().ok());
        markers.extend(number);
    }
    markers
}

/// The first few of the elements an end tag closed, for a diagnostic: `` `<p>`, `<b>` `` or
/// `` `<p>`, `<b>`, `<i>` and 9 more ``.
fn listed_elements<'n>(names: impl ExactSizeIterator<Item = &'n str>) -> String {
    const LISTED: usize = 3;
    let total = names.len();
    let listed: Vec<String> = names
        .take(LISTED)
        .map(|name| format!("`<{name}>`"))
        .collect();
    match total.checked_sub(LISTED) {
        Some(more) if more > 0 => format!("{} and {more} more", listed.join(", ")),
        _ => listed.join(", "),
    }
}
