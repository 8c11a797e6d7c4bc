//! Clean text built from the text pieces of an element: whitespace runs collapsed to one space,
//! edges trimmed, table cells and rows separated, footnote calls kept as offsets, NFC at the end.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::model::FootnoteCall;

/// Put between table cells, and between table rows, in a table's text.
pub(super) const CELL_SEPARATOR: &str = " | ";
pub(super) const ROW_SEPARATOR: &str = " || ";

/// What stands between the text so far and the next piece; the strongest pending one wins, and
/// none is written at the start or the end of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gap {
    None,
    Space,
    Cell,
    Row,
}

/// Where the run of emphasis that may open the text stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lead {
    /// Nothing written yet.
    Open,
    /// An emphasized run opened before any text; it ends when the element at this stack depth
    /// closes.
    Emphasized(usize),
    Closed(Option<usize>),
}

/// Text under construction.
#[derive(Debug)]
pub(crate) struct CleanText {
    text: String,
    gap: Gap,
    calls: Vec<FootnoteCall>,
    lead: Lead,
}

/// Finished clean text.
#[derive(Debug, Default)]
pub(crate) struct Finished {
    pub text: String,
    pub calls: Vec<FootnoteCall>,
    pub lead_emphasis: Option<usize>,
}

impl CleanText {
    pub(crate) fn new() -> CleanText {
        CleanText {
            text: String::new(),
            gap: Gap::None,
            calls: Vec::new(),
            lead: Lead::Open,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Adds raw text; whitespace other than no-break spaces collapses, and invisible
    /// formatting characters (bidi marks, zero-width spaces, soft hyphens) drop out.
    pub(crate) fn push(&mut self, raw: &str) {
        let bytes = raw.as_bytes();
        self.text.reserve(bytes.len());
        let mut run_start = 0;
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            let (width, class) = match byte {
                // A single space inside a run of text is already clean: it stays in the run.
                b' ' if index > run_start && bytes.get(index + 1).is_some_and(is_plain_byte) => {
                    (1, CharClass::Plain)
                }
                b' ' | b'\t' | b'\n' | b'\r' => (1, CharClass::Collapsible),
                byte if is_special_lead(byte) => {
                    let c = raw.get(index..).and_then(|rest| rest.chars().next());
                    c.map_or((1, CharClass::Plain), |c| (c.len_utf8(), classify(c)))
                }
                _ => (1, CharClass::Plain),
            };
            if class != CharClass::Plain {
                if let Some(word) = raw.get(run_start..index).filter(|word| !word.is_empty()) {
                    self.push_word(word);
                }
                if class == CharClass::Collapsible {
                    self.separate(Gap::Space);
                }
                run_start = index + width;
            }
            index += width;
        }
        if let Some(word) = raw.get(run_start..).filter(|word| !word.is_empty()) {
            self.push_word(word);
        }
    }

    fn push_word(&mut self, word: &str) {
        if !self.text.is_empty() {
            self.text.push_str(match self.gap {
                Gap::None => "",
                Gap::Space => " ",
                Gap::Cell => CELL_SEPARATOR,
                Gap::Row => ROW_SEPARATOR,
            });
        }
        self.gap = Gap::None;
        if self.lead == Lead::Open {
            self.lead = Lead::Closed(None);
        }
        self.text.push_str(word);
    }

    /// Asks for at least this separation before the next piece of text.
    pub(crate) fn separate(&mut self, gap: Gap) {
        self.gap = self.gap.max(gap);
    }

    pub(crate) fn call(&mut self, number: u32) {
        self.calls.push(FootnoteCall {
            number,
            offset: self.text.len(),
        });
    }

    /// An emphasized element opened at this stack depth.
    pub(crate) fn open_emphasis(&mut self, depth: usize) {
        if self.lead == Lead::Open && self.text.is_empty() {
            self.lead = Lead::Emphasized(depth);
        }
    }

    /// The element at this stack depth closed.
    pub(crate) fn close_element(&mut self, depth: usize) {
        if self.lead == Lead::Emphasized(depth) {
            self.lead = Lead::Closed((!self.text.is_empty()).then_some(self.text.len()));
        }
    }

    /// Takes the text out, leaving this builder empty for what may follow.
    pub(crate) fn take(&mut self) -> Finished {
        let lead_emphasis = match self.lead {
            Lead::Closed(lead) => lead,
            Lead::Emphasized(_) => Some(self.text.len()),
            Lead::Open => None,
        };
        let text = std::mem::take(&mut self.text);
        // A run with no word in it (an italic table-note letter) is no opening phrase.
        let lead_emphasis = lead_emphasis.filter(|&lead| {
            text.get(..lead)
                .is_some_and(|run| run.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        });
        let finished = Finished {
            text,
            calls: std::mem::take(&mut self.calls),
            lead_emphasis,
        };
        *self = CleanText::new();
        trim_no_break_edges(normalized(finished))
    }
}

impl Finished {
    /// Replaces the first `removed` bytes with `inserted`, keeping calls and the emphasized
    /// run on their characters.
    pub(crate) fn replace_front(&mut self, removed: usize, inserted: &str) {
        if !self.text.is_char_boundary(removed) {
            return;
        }
        self.text.replace_range(..removed, inserted);
        let moved = |offset: usize| offset.saturating_sub(removed) + inserted.len();
        for call in &mut self.calls {
            call.offset = moved(call.offset);
        }
        self.lead_emphasis = self.lead_emphasis.filter(|&lead| lead > removed).map(moved);
    }
}

/// Lead bytes of the only multi-byte characters that are not plain text (U+0085, U+00A0,
/// U+00AD, U+1680, U+2000..U+206F, U+3000, U+FEFF).
fn is_special_lead(byte: u8) -> bool {
    matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// A byte that is text as it stands: not whitespace, not the start of a special character.
fn is_plain_byte(byte: &u8) -> bool {
    !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') && !is_special_lead(*byte)
}

/// How a character enters clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CharClass {
    Plain,
    /// Whitespace that collapses; no-break spaces are the typesetter's choice and stay.
    Collapsible,
    /// No width: bidi marks, zero-width spaces, soft hyphens, byte order marks.
    Invisible,
}

fn classify(c: char) -> CharClass {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{202f}' => CharClass::Plain,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{feff}' => {
            CharClass::Invisible
        }
        c if c.is_whitespace() => CharClass::Collapsible,
        _ => CharClass::Plain,
    }
}

/// Text and the offsets into it in NFC; each stretch between offsets is normalized on its own
/// so that the offsets stay on the same characters.
fn normalized(finished: Finished) -> Finished {
    if finished.text.is_ascii() || is_nfc_quick(finished.text.chars()) == IsNormalized::Yes {
        return finished;
    }
    let mut cuts: Vec<usize> = finished.calls.iter().map(|call| call.offset).collect();
    cuts.extend(finished.lead_emphasis);
    cuts.sort_unstable();
    cuts.dedup();
    let mut text = String::with_capacity(finished.text.len());
    let mut moved = Vec::with_capacity(cuts.len());
    let mut from = 0;
    for &cut in &cuts {
        text.extend(finished.text.get(from..cut).unwrap_or("").nfc());
        moved.push((cut, text.len()));
        from = cut;
    }
    text.extend(finished.text.get(from..).unwrap_or("").nfc());
    let moved_offset = |offset: usize| {
        moved
            .iter()
            .find(|(old, _)| *old == offset)
            .map_or(offset, |(_, new)| *new)
    };
    Finished {
        calls: finished
            .calls
            .iter()
            .map(|call| FootnoteCall {
                number: call.number,
                offset: moved_offset(call.offset),
            })
            .collect(),
        lead_emphasis: finished.lead_emphasis.map(moved_offset),
        text,
    }
}

/// Trims no-break spaces left at either end, keeping the offsets on their characters.
fn trim_no_break_edges(mut finished: Finished) -> Finished {
    let end = finished.text.trim_end().len();
    finished.text.truncate(end);
    let start = finished.text.len() - finished.text.trim_start().len();
    if start > 0 {
        finished.text.drain(..start);
    }
    let text_len = finished.text.len();
    let shift = |offset: usize| offset.saturating_sub(start).min(text_len);
    for call in &mut finished.calls {
        call.offset = shift(call.offset);
    }
    finished.lead_emphasis = finished.lead_emphasis.map(shift).filter(|&lead| lead > 0);
    finished
}

/// Collapses, trims and normalizes a short text (a masthead field, a label); no-break spaces
/// become plain spaces, so that `2622\u{a0}(2022)` reads as the number `2622 (2022)`.
pub(super) fn clean_line(raw: &str) -> String {
    let mut text = CleanText::new();
    text.push(&raw.replace(['\u{a0}', '\u{202f}'], " "));
    text.take().text
}
