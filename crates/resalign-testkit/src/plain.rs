//! Plain-text renderings in the shape of `pdftotext` output (without `-layout`): form feeds
//! between pages, running heads and page numbers, the job number and barcode on the first page,
//! footnotes under a rule at the foot of each page, hard-wrapped and hyphenated lines.

use resalign_core::{Document, Organ, UnitKind};

use crate::inline::{Token, tokenize};
use crate::layout::{Breaking, Geometry, Item, Page, PageStart, Piece, Segment, paginate};
use crate::locale;
use crate::lookalike::reads_as_continuation;
use crate::plan::{self, Block, Gap, TableToken};
use crate::rendering::{MetadataField, Rendering};
use crate::rng::Rng;
use crate::sink::Sink;
use crate::style::{CallStyle, FootnoteNumbering, PlainStyle, RunningHead, Shape, Style};
use crate::wrap::{Fragment, Line, Wrapper};

/// Keeps layout draws apart from style draws.
const LAYOUT_STREAM: u64 = 3;

/// Fewest lines on either side of a page-break cut.
const MIN_LINES: usize = 2;

/// Fewest lines on a page, whatever `page_chars` says.
const MIN_PAGE_LINES: usize = 12;

/// Subparagraphs are indented in print, so their lines are shorter.
const ITEM_INDENT: usize = 5;

/// A unit's printed words and its wrapped lines.
struct Prepared {
    tokens: Vec<Token>,
    lines: Vec<Line>,
}

/// A footnote's number, words and lines.
struct PreparedFootnote {
    number: u32,
    marker: String,
    tokens: Vec<Token>,
    lines: Vec<Line>,
}

#[derive(Clone, Copy)]
enum Content {
    Front,
    Block(usize),
}

pub(crate) fn render(
    document: &Document,
    style: PlainStyle,
    seed: u64,
    page_chars: usize,
) -> Rendering {
    let mut rng = Rng::new(seed, LAYOUT_STREAM);
    let width = style.line_width.max(30);
    let blocks = plan::body_blocks(document);
    let gaps = plan::gaps(document, &blocks, style.spacing, &mut rng);
    let prepared: Vec<Prepared> = document
        .units
        .iter()
        .map(|unit| {
            let tokens = plan::unit_tokens(unit, style.calls, Vec::new());
            let unit_width = match unit.kind {
                UnitKind::Subparagraph => width - ITEM_INDENT,
                _ => width,
            };
            let lines = match unit.kind {
                UnitKind::Table => Vec::new(),
                UnitKind::Vote => vote_lines(document, unit, &tokens, &style, &mut rng),
                _ => Wrapper {
                    label: unit.label.as_ref().map(|label| label.printed.as_str()),
                    tokens: &tokens,
                    width: unit_width,
                    hyphenation: style.hyphenation,
                }
                .wrap(&mut rng),
            };
            Prepared { tokens, lines }
        })
        .collect();
    let footnotes: Vec<PreparedFootnote> = document
        .footnotes
        .iter()
        .map(|footnote| {
            let marker = footnote.number.to_string();
            let tokens = tokenize(&footnote.text, Vec::new(), style.calls);
            let label = match style.footnote_numbering {
                FootnoteNumbering::LineStart => Some(marker.as_str()),
                FootnoteNumbering::OwnLine => None,
            };
            let lines = Wrapper {
                label,
                tokens: &tokens,
                width,
                hyphenation: style.hyphenation,
            }
            .wrap(&mut rng);
            PreparedFootnote {
                number: footnote.number,
                marker,
                tokens,
                lines,
            }
        })
        .collect();
    let (front, metadata) = front_matter(document, &style, &mut rng);
    let job = plan::job_number(document, rng.next_u64());

    let mut contents = vec![Content::Front];
    let mut items = vec![Item {
        segments: front.iter().map(|_| Segment::new(1)).collect(),
        ..Item::default()
    }];
    for (index, block) in blocks.iter().enumerate() {
        contents.push(Content::Block(index));
        let mut item = block_item(document, block, &prepared, &mut rng);
        if gaps[index] == Gap::BlankLine
            && let Some(first) = item.segments.first_mut()
        {
            first.cost += 1;
        }
        items.push(item);
    }
    let footnote_cost = |number: u32| {
        footnotes
            .iter()
            .find(|footnote| footnote.number == number)
            .map_or(0, |footnote| footnote.lines.len() + 1)
    };
    let geometry = Geometry {
        capacity: (page_chars / width).max(MIN_PAGE_LINES),
        min_piece: MIN_LINES,
        footnote_cost: &footnote_cost,
        uncalled: plan::uncalled_footnotes(document),
    };
    let pages = paginate(&items, &geometry, &mut rng);
    let running_head = running_head(document, &style, width, &mut rng);

    let mut emitter = Emitter {
        document,
        style,
        sink: Sink::new(document),
        prepared: &prepared,
        footnotes: &footnotes,
        blocks: &blocks,
        gaps: &gaps,
        front: &front,
        running_head: &running_head,
        job: &job,
    };
    emitter.emit(&pages, &contents);
    let risks = plan::risks(document, Shape::PlainText, style.calls);
    emitter
        .sink
        .finish(Style::PlainText(style), metadata, risks)
}

/// An item for pagination: a paragraph's lines may be cut between where the continuation
/// reads as one; everything else stays whole.
fn block_item(document: &Document, block: &Block, prepared: &[Prepared], rng: &mut Rng) -> Item {
    let start = if plan::opens_annex(document, block) && rng.chance(80) {
        PageStart::NewPage
    } else {
        PageStart::Anywhere
    };
    let index = match block {
        Block::Unit(index) => *index,
        Block::AnnexTitle(_) => {
            return Item {
                segments: vec![Segment::new(1)],
                breaking: Breaking::Whole,
                start,
            };
        }
        Block::Closing => {
            return Item {
                segments: plan::closing_lines(document)
                    .iter()
                    .map(|_| Segment::new(1))
                    .collect(),
                ..Item::default()
            };
        }
    };
    let unit = &document.units[index];
    let unit_prepared = &prepared[index];
    if unit.kind == UnitKind::Table {
        let calls = unit_prepared
            .tokens
            .iter()
            .flat_map(|token| token.calls.iter().map(|(number, _)| *number))
            .collect();
        return Item {
            segments: vec![Segment {
                cost: plan::table_rows(&unit.text).len(),
                calls,
                cut_before: false,
            }],
            breaking: Breaking::Whole,
            start,
        };
    }
    let lines = &unit_prepared.lines;
    let tokens = &unit_prepared.tokens;
    let segments = lines
        .iter()
        .enumerate()
        .map(|(position, line)| {
            let previous = position.checked_sub(1).map(|previous| &lines[previous]);
            let cut_before = previous.is_some_and(|previous| {
                let ends_whole = !matches!(previous.last(), Some(Fragment::Head(..)));
                ends_whole
                    && reads_as_continuation(
                        last_clean(previous, tokens, unit),
                        first_clean(line, tokens, unit),
                    )
            });
            Segment {
                cost: 1,
                calls: line
                    .iter()
                    .filter_map(|fragment| match fragment {
                        Fragment::Word(token) => Some(&tokens[*token].calls),
                        _ => None,
                    })
                    .flat_map(|calls| calls.iter().map(|(number, _)| *number))
                    .collect(),
                cut_before,
            }
        })
        .collect();
    let breaking = match unit.kind {
        UnitKind::Heading | UnitKind::Vote => Breaking::Whole,
        _ => Breaking::Cuttable,
    };
    Item {
        segments,
        breaking,
        start,
    }
}

/// A vote record's lines: the sentence, then each list's label on a line of its own and the
/// countries wrapped under it.
fn vote_lines(
    document: &Document,
    unit: &resalign_core::Unit,
    tokens: &[Token],
    style: &PlainStyle,
    rng: &mut Rng,
) -> Vec<Line> {
    let mut lines = Vec::new();
    for paragraph in plan::vote_paragraphs(document.language, &unit.text) {
        let first = paragraph.tokens.start;
        let wrapped = Wrapper {
            label: None,
            tokens: &tokens[paragraph.tokens],
            width: style.line_width.max(30),
            hyphenation: style.hyphenation,
        }
        .wrap(rng);
        lines.extend(wrapped.into_iter().map(|line| {
            line.into_iter()
                .map(|fragment| match fragment {
                    Fragment::Word(index) => Fragment::Word(first + index),
                    Fragment::Head(index, len) => Fragment::Head(first + index, len),
                    Fragment::Tail(index, from) => Fragment::Tail(first + index, from),
                    Fragment::Label => Fragment::Label,
                })
                .collect::<Line>()
        }));
    }
    lines
}

fn first_clean(line: &Line, tokens: &[Token], unit: &resalign_core::Unit) -> Option<char> {
    match line.first()? {
        Fragment::Label => unit.label.as_ref()?.printed.chars().next(),
        Fragment::Word(index) => tokens[*index].first_clean,
        Fragment::Head(index, _) => tokens[*index].first_clean,
        Fragment::Tail(index, from) => tokens[*index].text[*from..].chars().next(),
    }
}

fn last_clean(line: &Line, tokens: &[Token], unit: &resalign_core::Unit) -> Option<char> {
    match line.last()? {
        Fragment::Label => unit.label.as_ref()?.printed.chars().next_back(),
        Fragment::Word(index) | Fragment::Tail(index, _) => tokens[*index].last_clean,
        Fragment::Head(..) => None,
    }
}

/// Wraps a masthead text like body text (no calls, no hyphens).
fn wrap_text(text: &str, width: usize, rng: &mut Rng) -> Vec<String> {
    let tokens = tokenize(text, Vec::new(), CallStyle::Inline);
    Wrapper {
        label: None,
        tokens: &tokens,
        width,
        hyphenation: crate::style::Hyphenation::Rare,
    }
    .wrap(rng)
    .iter()
    .map(|line| {
        line.iter()
            .map(|fragment| match fragment {
                Fragment::Word(index) => tokens[*index].text.clone(),
                Fragment::Head(index, len) => format!("{}-", &tokens[*index].text[..*len]),
                Fragment::Tail(index, from) => tokens[*index].text[*from..].to_string(),
                Fragment::Label => String::new(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
    .collect()
}

/// The first page's lines before the enacting formula, with the metadata fields they state.
fn front_matter(
    document: &Document,
    style: &PlainStyle,
    rng: &mut Rng,
) -> (Vec<String>, Vec<MetadataField>) {
    let language = document.language;
    let metadata = &document.metadata;
    let width = style.line_width;
    let mut fields = Vec::new();
    let mut lines = vec![locale::united_nations(language).to_string(), String::new()];
    if let Some(symbol) = &metadata.symbol {
        lines.extend([symbol.value.clone(), String::new()]);
        fields.push(MetadataField::Symbol);
    }
    let organ = plan::organ(document);
    if let Some(organ) = organ {
        // The Human Rights Council prints under the General Assembly's masthead.
        let masthead_organ = match organ {
            Organ::HumanRightsCouncil => &Organ::GeneralAssembly,
            other => other,
        };
        lines.extend([
            locale::organ_name(language, masthead_organ).to_string(),
            String::new(),
        ]);
        fields.push(MetadataField::Organ);
    }
    lines.push(locale::distribution(language).to_string());
    if let Some(date) = &metadata.distribution_date {
        lines.push(locale::date(language, date.value));
        fields.push(MetadataField::DistributionDate);
    }
    lines.push(String::new());
    if organ == Some(&Organ::HumanRightsCouncil) {
        lines.push(locale::organ_name(language, &Organ::HumanRightsCouncil).to_string());
    }
    if let Some(session) = &metadata.session {
        lines.push(session.value.printed.clone());
        fields.push(MetadataField::Session);
    }
    if let Some(item) = &metadata.agenda_item {
        lines.push(locale::agenda_item(language, organ, &item.value));
        fields.push(MetadataField::AgendaItem);
    }
    if lines.last().is_some_and(|line| !line.is_empty()) {
        lines.push(String::new());
    }
    let adoption = plan::adoption_line(document);
    if plan::is_security_council(document) {
        if let Some(number) = &metadata.resolution_number {
            lines.extend([
                locale::council_resolution(language, &number.value),
                String::new(),
            ]);
            fields.push(MetadataField::ResolutionNumber);
        }
        if let Some(line) = adoption {
            lines.extend(wrap_text(&line, width, rng));
            lines.push(String::new());
            fields.extend(plan::adoption_fields(document));
        }
        if let Some(title) = &metadata.title {
            lines.extend(wrap_text(&title.value, width - 15, rng));
            lines.push(String::new());
            fields.push(MetadataField::Title);
        }
    } else {
        if let Some(line) = adoption {
            // Converters often break the adoption line before its date.
            let split = [" on ", " el "]
                .iter()
                .find_map(|word| line.rfind(word))
                .filter(|_| rng.chance(40));
            match split {
                Some(at) => lines.extend([line[..at].to_string(), line[at + 1..].to_string()]),
                None => lines.push(line),
            }
            lines.push(String::new());
            fields.extend(plan::adoption_fields(document));
        }
        let ellipsis = plan::draw_ellipsis(rng);
        if let Some(origin) = plan::origin_text(document, ellipsis, rng) {
            lines.extend(wrap_text(&format!("[{origin}]"), width, rng));
            lines.push(String::new());
            fields.push(MetadataField::BasedOn);
        }
        if let Some(title) = plan::title_line(document) {
            lines.extend(wrap_text(&title, width - 15, rng));
            lines.push(String::new());
            fields.extend(plan::title_fields(document));
        }
    }
    if let Some(formula) = &metadata.enacting_formula {
        lines.push(formula.value.clone());
        fields.push(MetadataField::EnactingFormula);
    }
    if plan::closing_at_end(document) {
        fields.push(MetadataField::Closing);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    (lines, fields)
}

/// The lines at the top of every page after the first.
fn running_head(
    document: &Document,
    style: &PlainStyle,
    width: usize,
    rng: &mut Rng,
) -> Vec<String> {
    let metadata = &document.metadata;
    let mut lines = Vec::new();
    if let Some(symbol) = &metadata.symbol {
        lines.push(symbol.value.clone());
    }
    let title_wanted = style.running_head == RunningHead::SymbolAndTitle || lines.is_empty();
    if let Some(title) = metadata.title.as_ref().filter(|_| title_wanted) {
        lines.extend(wrap_text(&title.value, width, rng));
    }
    lines
}

struct Emitter<'a> {
    document: &'a Document,
    style: PlainStyle,
    sink: Sink<'a>,
    prepared: &'a [Prepared],
    footnotes: &'a [PreparedFootnote],
    blocks: &'a [Block],
    gaps: &'a [Gap],
    front: &'a [String],
    running_head: &'a [String],
    job: &'a str,
}

impl Emitter<'_> {
    fn emit(&mut self, pages: &[Page], contents: &[Content]) {
        for (number, page) in pages.iter().enumerate() {
            if number > 0 {
                let running_head = self.running_head;
                for line in running_head {
                    self.line(line);
                }
                if !self.running_head.is_empty() {
                    self.sink.push("\n");
                }
            }
            for (position, piece) in page.pieces.iter().enumerate() {
                let content = contents[piece.item];
                let gap = match content {
                    Content::Block(block) if piece.segments.start == 0 => self.gaps[block],
                    _ => Gap::LineBreak,
                };
                if position > 0 && gap == Gap::BlankLine {
                    self.sink.push("\n");
                }
                match content {
                    Content::Front => {
                        let front = self.front;
                        for line in &front[piece.segments.clone()] {
                            self.line(line);
                        }
                    }
                    Content::Block(block) => self.block(block, piece),
                }
            }
            self.foot(page, number, pages.len());
            self.sink.push("\u{c}");
            self.sink.end_page();
        }
    }

    fn line(&mut self, text: &str) {
        self.sink.push(text);
        self.sink.push("\n");
    }

    /// Footnotes under a rule, then the page number and job number (or, on the first page, the
    /// job line and the barcode).
    fn foot(&mut self, page: &Page, number: usize, count: usize) {
        if !page.footnotes.is_empty() {
            self.sink.push("\n");
            self.line("__________________");
            for footnote in &page.footnotes {
                self.footnote(*footnote);
            }
        }
        self.sink.push("\n");
        if number == 0 {
            let job_line = plan::job_line(self.document, self.job);
            self.line(&job_line);
            self.sink.push("\n");
            self.line(&plan::barcode(self.job));
        } else {
            // Even pages print the page number on the left, odd pages on the right.
            let folio = format!("{}/{count}", number + 1);
            let job = self.job;
            let [first, second] = if number % 2 == 1 {
                [folio.as_str(), job]
            } else {
                [job, folio.as_str()]
            };
            self.line(first);
            self.sink.push("\n");
            self.line(second);
        }
    }

    fn footnote(&mut self, number: u32) {
        let footnotes = self.footnotes;
        let Some(footnote) = footnotes.iter().find(|footnote| footnote.number == number) else {
            return;
        };
        if self.style.footnote_numbering == FootnoteNumbering::OwnLine {
            self.line(&footnote.marker);
        }
        let mut start = None;
        for (line_number, line) in footnote.lines.iter().enumerate() {
            if line_number > 0 {
                self.sink.push("\n");
            }
            for (position, fragment) in line.iter().enumerate() {
                if position > 0 {
                    self.sink.push(" ");
                }
                if start.is_none() && *fragment != Fragment::Label {
                    start = Some(self.sink.position());
                }
                self.fragment(None, fragment, &footnote.tokens, &footnote.marker);
            }
        }
        let start = start.unwrap_or(self.sink.position());
        self.sink.footnote(number, start);
        self.sink.push("\n");
    }

    fn fragment(
        &mut self,
        unit: Option<usize>,
        fragment: &Fragment,
        tokens: &[Token],
        label: &str,
    ) {
        match fragment {
            Fragment::Label => self.sink.push(label),
            Fragment::Word(index) => self.sink.push_token(unit, &tokens[*index]),
            Fragment::Head(index, len) => {
                self.sink.push(&tokens[*index].text[..*len]);
                self.sink.push("-");
            }
            Fragment::Tail(index, from) => self.sink.push(&tokens[*index].text[*from..]),
        }
    }

    fn block(&mut self, block: usize, piece: &Piece) {
        let blocks = self.blocks;
        match &blocks[block] {
            Block::Unit(index) => self.unit(*index, piece),
            Block::AnnexTitle(title) => self.line(title),
            Block::Closing => {
                for line in plan::closing_lines(self.document) {
                    self.line(&line);
                }
            }
        }
    }

    fn unit(&mut self, index: usize, piece: &Piece) {
        let unit = &self.document.units[index];
        let start = self.sink.position();
        if unit.kind == UnitKind::Table {
            self.table(index);
            self.sink.piece(index, start);
            self.sink.push("\n");
            return;
        }
        let label = unit
            .label
            .as_ref()
            .map_or("", |label| label.printed.as_str());
        let prepared = self.prepared;
        let lines = &prepared[index].lines[piece.segments.clone()];
        for (number, line) in lines.iter().enumerate() {
            if number > 0 {
                self.sink.push("\n");
            }
            for (position, fragment) in line.iter().enumerate() {
                if position > 0 {
                    self.sink.push(" ");
                }
                self.fragment(Some(index), fragment, &prepared[index].tokens, label);
            }
        }
        self.sink.piece(index, start);
        self.sink.push("\n");
    }

    /// One line per row, cells apart by three spaces as a layout-preserving converter leaves
    /// them.
    fn table(&mut self, index: usize) {
        let prepared = self.prepared;
        let mut spaced = false;
        for token in &prepared[index].tokens {
            match plan::table_token(token) {
                TableToken::RowBreak => {
                    self.sink.push("\n");
                    spaced = false;
                }
                TableToken::CellBreak => {
                    self.sink.push("   ");
                    spaced = false;
                }
                TableToken::Word => {
                    if spaced {
                        self.sink.push(" ");
                    }
                    self.sink.push_token(Some(index), token);
                    spaced = true;
                }
            }
        }
    }
}
