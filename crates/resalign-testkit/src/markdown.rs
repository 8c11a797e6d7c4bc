//! Markdown renderings in the shape of the seeds' PDF-to-markdown conversions: masthead
//! headings, emphasis, footnote bodies dropped in at page breaks, paragraphs cut by them.

use resalign_core::{Document, UnitKind};

use crate::inline::{Token, call_text, emphasis_inserts, title_emphasis, tokenize};
use crate::layout::{Breaking, Geometry, Item, Page, PageStart, Piece, Segment, paginate};
use crate::locale;
use crate::lookalike::{reads_as_continuation, safe_line_start};
use crate::plan::{self, Block, Gap, TableToken, VoteLine};
use crate::rendering::{MetadataField, Rendering};
use crate::rng::Rng;
use crate::sink::Sink;
use crate::style::{
    CutEmphasis, Emphasis, HeadingMarkup, MarkdownStyle, Masthead, Mixing, PageBreakMark, Shape,
    Style,
};
use crate::wrap::char_count;

/// Keeps layout draws apart from style draws.
const LAYOUT_STREAM: u64 = 2;

/// Fewest words on either side of a page-break cut.
const MIN_WORDS: usize = 6;

/// A unit's words and how much of it is in italics.
struct Prepared {
    emphasis: Emphasis,
    tokens: Vec<Token>,
    /// Words of an italic opening phrase, which a page break must not split.
    phrase_words: usize,
}

/// What an item on the pages is.
#[derive(Clone, Copy)]
enum Content {
    Front,
    Block(usize),
}

pub(crate) fn render(
    document: &Document,
    style: MarkdownStyle,
    seed: u64,
    page_chars: usize,
) -> Rendering {
    let mut rng = Rng::new(seed, LAYOUT_STREAM);
    let blocks = plan::body_blocks(document);
    let gaps = plan::gaps(document, &blocks, style.spacing, &mut rng);
    let prepared = prepare_units(document, &style, &mut rng);
    let (front, metadata) = front_matter(document, &style, &mut rng);
    let footnotes: Vec<(u32, Vec<Token>)> = document
        .footnotes
        .iter()
        .map(|footnote| {
            let inserts = title_emphasis(&footnote.text);
            (
                footnote.number,
                tokenize(&footnote.text, inserts, style.calls),
            )
        })
        .collect();

    let mut contents = vec![Content::Front];
    let mut items = vec![Item {
        segments: vec![Segment::new(char_count(&front))],
        ..Item::default()
    }];
    for (index, block) in blocks.iter().enumerate() {
        contents.push(Content::Block(index));
        items.push(block_item(document, block, &prepared, &mut rng));
    }
    let footnote_cost = |number: u32| {
        footnotes
            .iter()
            .find(|(found, _)| *found == number)
            .map_or(0, |(_, tokens)| {
                tokens
                    .iter()
                    .map(|token| char_count(&token.text) + 1)
                    .sum::<usize>()
                    + 8
            })
    };
    let geometry = Geometry {
        capacity: page_chars,
        min_piece: MIN_WORDS,
        footnote_cost: &footnote_cost,
        uncalled: plan::uncalled_footnotes(document),
    };
    let pages = paginate(&items, &geometry, &mut rng);

    let mut emitter = Emitter {
        document,
        style,
        sink: Sink::new(document),
        prepared: &prepared,
        blocks: &blocks,
        gaps: &gaps,
        footnotes: &footnotes,
        front: &front,
        closing_break: if rng.chance(50) { "  \n" } else { "\n" },
        rng,
    };
    emitter.emit(&pages, &contents);
    let risks = plan::risks(document, Shape::Markdown, style.calls);
    emitter.sink.finish(Style::Markdown(style), metadata, risks)
}

/// Each unit's emphasis and printed words.
fn prepare_units(document: &Document, style: &MarkdownStyle, rng: &mut Rng) -> Vec<Prepared> {
    let mut prepared: Vec<Prepared> = Vec::with_capacity(document.units.len());
    for unit in &document.units {
        let varied = |base: Emphasis, rng: &mut Rng| match style.mixing {
            Mixing::Varied if rng.chance(20) => {
                rng.pick(&[Emphasis::Whole, Emphasis::OpeningPhrase, Emphasis::None])
            }
            _ => base,
        };
        let parent_emphasis = unit.parent.as_ref().and_then(|parent| {
            let index = document
                .units
                .iter()
                .position(|other| &other.id == parent)?;
            prepared.get(index).map(|parent| parent.emphasis)
        });
        let mut emphasis = match unit.kind {
            UnitKind::Preambular => varied(style.preamble_emphasis, rng),
            UnitKind::Operative => varied(style.operative_emphasis, rng),
            UnitKind::Subparagraph
                if parent_emphasis == Some(Emphasis::Whole) && rng.chance(50) =>
            {
                Emphasis::Whole
            }
            _ => Emphasis::None,
        };
        let phrase = unit
            .opening_phrase
            .as_deref()
            .filter(|phrase| !phrase.is_empty() && unit.text.starts_with(phrase));
        let mut extra = Vec::new();
        let mut phrase_words = 0;
        match (emphasis, phrase) {
            (Emphasis::OpeningPhrase, Some(phrase)) => {
                extra.extend(emphasis_inserts(0..phrase.len()));
                phrase_words = phrase.split(' ').count();
            }
            (Emphasis::OpeningPhrase, None) => emphasis = Emphasis::None,
            _ => {}
        }
        if unit.text.is_empty() {
            emphasis = Emphasis::None;
        }
        let tokens = plan::unit_tokens(unit, style.calls, extra);
        prepared.push(Prepared {
            emphasis,
            tokens,
            phrase_words,
        });
    }
    prepared
}

/// An item for pagination: a paragraph's words may be cut between; headings, tables, annex
/// titles and the closing stay whole.
fn block_item(document: &Document, block: &Block, prepared: &[Prepared], rng: &mut Rng) -> Item {
    let start = if plan::opens_annex(document, block) && rng.chance(70) {
        PageStart::NewPage
    } else {
        PageStart::Anywhere
    };
    let index = match block {
        Block::Unit(index) => *index,
        Block::AnnexTitle(title) => {
            return Item {
                segments: vec![Segment::new(char_count(title) + 2)],
                breaking: Breaking::Whole,
                start,
            };
        }
        Block::Closing => {
            let lines = plan::closing_lines(document);
            return Item {
                segments: vec![Segment::new(
                    lines.iter().map(|line| char_count(line) + 3).sum(),
                )],
                ..Item::default()
            };
        }
    };
    let unit = &document.units[index];
    let tokens = &prepared[index].tokens;
    let phrase_words = prepared[index].phrase_words;
    if matches!(
        unit.kind,
        UnitKind::Heading | UnitKind::Table | UnitKind::Vote
    ) {
        let cost = tokens
            .iter()
            .map(|token| char_count(&token.text) + 1)
            .sum::<usize>()
            + 6;
        let calls = tokens
            .iter()
            .flat_map(|token| token.calls.iter().map(|(number, _)| *number))
            .collect();
        return Item {
            segments: vec![Segment {
                cost,
                calls,
                cut_before: false,
            }],
            breaking: Breaking::Whole,
            start,
        };
    }
    let label = unit
        .label
        .as_ref()
        .map_or(0, |label| char_count(&label.printed) + 1);
    let segments = tokens
        .iter()
        .enumerate()
        .map(|(position, token)| {
            let previous = position.checked_sub(1).map(|previous| &tokens[previous]);
            let cut_before = previous.is_some_and(|previous| {
                position > phrase_words
                    && safe_line_start(&token.text)
                    && !previous.text.ends_with('-')
                    && reads_as_continuation(previous.last_clean, token.first_clean)
            });
            Segment {
                cost: char_count(&token.text) + 1 + if position == 0 { label + 2 } else { 0 },
                calls: token.calls.iter().map(|(number, _)| *number).collect(),
                cut_before,
            }
        })
        .collect();
    Item {
        segments,
        breaking: Breaking::Cuttable,
        start,
    }
}

/// The masthead, adoption and title lines, and the enacting formula, with the metadata fields
/// they state.
fn front_matter(
    document: &Document,
    style: &MarkdownStyle,
    rng: &mut Rng,
) -> (String, Vec<MetadataField>) {
    let language = document.language;
    let metadata = &document.metadata;
    let mut fields = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let heading = |level: usize, text: &str| match style.headings {
        HeadingMarkup::Hashes if level >= 3 => format!("{} **{text}**", "#".repeat(level)),
        HeadingMarkup::Hashes => format!("{} {text}", "#".repeat(level)),
        HeadingMarkup::Bold => format!("**{text}**"),
        HeadingMarkup::Plain => text.to_string(),
    };
    if style.masthead == Masthead::Full {
        if let Some(organ) = plan::organ(document) {
            paragraphs.push(heading(1, locale::organ_name(language, organ)));
            fields.push(MetadataField::Organ);
        }
        let mut distribution = locale::distribution(language).to_string();
        if let Some(date) = &metadata.distribution_date {
            distribution.push_str(if rng.chance(60) { "  \n" } else { "\n" });
            distribution.push_str(&locale::date(language, date.value));
            fields.push(MetadataField::DistributionDate);
        }
        paragraphs.push(distribution);
        if style.page_breaks == PageBreakMark::Rule {
            paragraphs.push("---".to_string());
        }
    }
    let mut session_block = Vec::new();
    if let Some(session) = &metadata.session {
        session_block.push(heading(2, &session.value.printed));
        fields.push(MetadataField::Session);
    }
    if let Some(item) = &metadata.agenda_item {
        session_block.push(locale::agenda_item(
            language,
            plan::organ(document),
            &item.value,
        ));
        fields.push(MetadataField::AgendaItem);
    }
    let session_joiner = if style.headings == HeadingMarkup::Plain && rng.chance(60) {
        "\n"
    } else {
        "\n\n"
    };
    if !session_block.is_empty() {
        paragraphs.push(session_block.join(session_joiner));
    }
    if plan::is_security_council(document) {
        if let Some(number) = &metadata.resolution_number {
            paragraphs.push(heading(
                2,
                &locale::council_resolution(language, &number.value),
            ));
            fields.push(MetadataField::ResolutionNumber);
        }
        if let Some(line) = plan::adoption_line(document) {
            paragraphs.push(line);
            fields.extend(plan::adoption_fields(document));
        }
        if let Some(title) = &metadata.title {
            paragraphs.push(heading(3, &title.value));
            fields.push(MetadataField::Title);
        }
    } else {
        if let Some(line) = plan::adoption_line(document) {
            paragraphs.push(heading(2, &line));
            fields.extend(plan::adoption_fields(document));
        }
        let ellipsis = plan::draw_ellipsis(rng);
        if let Some(origin) = plan::origin_text(document, ellipsis, rng) {
            paragraphs.push(match rng.below(3) {
                0 => format!("[*{origin}]*"),
                1 => format!("[*{origin}*]"),
                _ => format!("[{origin}]"),
            });
            fields.push(MetadataField::BasedOn);
        }
        if let Some(line) = plan::title_line(document) {
            paragraphs.push(heading(3, &line));
            fields.extend(plan::title_fields(document));
        }
    }
    if let Some(formula) = &metadata.enacting_formula {
        let formula = &formula.value;
        paragraphs.push(match (style.preamble_emphasis, formula.strip_suffix(',')) {
            (Emphasis::Whole, _) => format!("*{formula}*"),
            (Emphasis::OpeningPhrase, Some(organ)) => format!("*{organ}*,"),
            _ => formula.clone(),
        });
        fields.push(MetadataField::EnactingFormula);
    }
    if plan::closing_at_end(document) {
        fields.push(MetadataField::Closing);
    }
    let leading = "\n".repeat(rng.below(5));
    (format!("{leading}{}", paragraphs.join("\n\n")), fields)
}

/// What was written last, to choose the separator before the next piece.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Content,
    PageBreak,
}

struct Emitter<'a> {
    document: &'a Document,
    style: MarkdownStyle,
    sink: Sink<'a>,
    prepared: &'a [Prepared],
    blocks: &'a [Block],
    gaps: &'a [Gap],
    footnotes: &'a [(u32, Vec<Token>)],
    front: &'a str,
    closing_break: &'static str,
    rng: Rng,
}

impl Emitter<'_> {
    fn emit(&mut self, pages: &[Page], contents: &[Content]) {
        let mut last = Last::Nothing;
        for (number, page) in pages.iter().enumerate() {
            for piece in &page.pieces {
                let content = contents[piece.item];
                let gap = match content {
                    Content::Block(block) if last == Last::Content => self.gaps[block],
                    _ => Gap::BlankLine,
                };
                if last != Last::Nothing {
                    self.sink.push(match gap {
                        Gap::BlankLine => "\n\n",
                        Gap::LineBreak => "\n",
                    });
                }
                match content {
                    Content::Front => self.sink.push(self.front),
                    Content::Block(block) => self.block(block, piece),
                }
                last = Last::Content;
            }
            let is_last = number + 1 == pages.len();
            if self.page_break(&page.footnotes, is_last) {
                last = Last::PageBreak;
            }
            if is_last {
                self.sink.push("\n");
            }
            self.sink.end_page();
        }
    }

    /// The footnotes of a page, after a rule if the style draws them. Returns whether anything
    /// was written.
    fn page_break(&mut self, numbers: &[u32], is_last: bool) -> bool {
        let rule = self.style.page_breaks == PageBreakMark::Rule;
        if !rule && numbers.is_empty() {
            return false;
        }
        if rule {
            self.sink.push("\n\n---");
        }
        for number in numbers {
            let Some((_, tokens)) = self.footnotes.iter().find(|(found, _)| found == number) else {
                continue;
            };
            self.sink.push("\n\n");
            self.sink.push(&call_text(*number, self.style.calls));
            self.sink.push(" ");
            let start = self.sink.position();
            self.push_tokens(None, tokens);
            self.sink.footnote(*number, start);
        }
        if !is_last && self.rng.chance(30) {
            self.sink.push("\n\n");
        }
        true
    }

    fn push_tokens(&mut self, unit: Option<usize>, tokens: &[Token]) {
        for (position, token) in tokens.iter().enumerate() {
            if position > 0 {
                self.sink.push(" ");
            }
            self.sink.push_token(unit, token);
        }
    }

    fn block(&mut self, block: usize, piece: &Piece) {
        match &self.blocks[block] {
            Block::Unit(index) => self.unit(*index, piece),
            Block::AnnexTitle(title) => {
                let line = match self.style.headings {
                    HeadingMarkup::Hashes => format!("## {title}"),
                    HeadingMarkup::Bold => format!("**{title}**"),
                    HeadingMarkup::Plain => title.clone(),
                };
                self.sink.push(&line);
            }
            Block::Closing => {
                let lines = plan::closing_lines(self.document);
                self.sink
                    .push(&format!("*{}*", lines.join(self.closing_break)));
            }
        }
    }

    fn unit(&mut self, index: usize, piece: &Piece) {
        let unit = &self.document.units[index];
        let start = self.sink.position();
        let tokens = &self.prepared[index].tokens;
        match unit.kind {
            UnitKind::Heading => {
                let (open, close) = match self.style.headings {
                    HeadingMarkup::Hashes => ("### ", ""),
                    HeadingMarkup::Bold => ("**", "**"),
                    HeadingMarkup::Plain => ("", ""),
                };
                self.sink.push(open);
                self.push_tokens(Some(index), tokens);
                self.sink.push(close);
            }
            UnitKind::Table => self.table(index),
            UnitKind::Vote => self.vote(index),
            _ => self.paragraph(index, piece),
        }
        self.sink.piece(index, start);
    }

    /// A pipe table with a rule under the first row.
    fn table(&mut self, index: usize) {
        let unit = &self.document.units[index];
        let columns = plan::table_rows(&unit.text)
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1);
        let mut rule = Some(format!("\n|{}", " --- |".repeat(columns)));
        let prepared = self.prepared;
        let mut spaced = false;
        self.sink.push("| ");
        for token in &prepared[index].tokens {
            match plan::table_token(token) {
                TableToken::RowBreak => {
                    self.sink.push(" |");
                    if let Some(rule) = rule.take() {
                        self.sink.push(&rule);
                    }
                    self.sink.push("\n| ");
                    spaced = false;
                }
                TableToken::CellBreak => {
                    self.sink.push(" | ");
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
        self.sink.push(" |");
    }

    /// A vote record as the UN prints it: the sentence, then each list's label (in italics
    /// unless the conversion lost them) and its countries, each a paragraph.
    fn vote(&mut self, index: usize) {
        let unit = &self.document.units[index];
        let italic_labels = self.style.operative_emphasis != Emphasis::None;
        let tokens = &self.prepared[index].tokens;
        for (position, paragraph) in plan::vote_paragraphs(self.document.language, &unit.text)
            .into_iter()
            .enumerate()
        {
            if position > 0 {
                self.sink.push("\n\n");
            }
            let mark = if paragraph.line == VoteLine::Label && italic_labels {
                "*"
            } else {
                ""
            };
            self.sink.push(mark);
            self.push_tokens(Some(index), &tokens[paragraph.tokens]);
            self.sink.push(mark);
        }
    }

    fn paragraph(&mut self, index: usize, piece: &Piece) {
        let unit = &self.document.units[index];
        let prepared = &self.prepared[index];
        let whole = prepared.emphasis == Emphasis::Whole;
        let first = piece.segments.start == 0;
        let last = piece.segments.end == prepared.tokens.len();
        let reopened = self.style.cut_emphasis == CutEmphasis::Reopened;
        if first && let Some(label) = &unit.label {
            self.sink.push(&label.printed);
            self.sink.push(" ");
        }
        if whole && (first || reopened) {
            self.sink.push("*");
        }
        self.push_tokens(Some(index), &prepared.tokens[piece.segments.clone()]);
        let closes = match (last, first) {
            (true, true) => true,
            (true, false) => self.style.cut_emphasis != CutEmphasis::Dropped,
            (false, _) => reopened,
        };
        if whole && closes {
            self.sink.push("*");
        }
    }
}
