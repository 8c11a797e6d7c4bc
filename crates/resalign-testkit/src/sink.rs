//! The growing text of a rendering, which remembers where units, calls, footnotes and pages went.

use resalign_core::{Document, Span};

use crate::inline::Token;
use crate::rendering::{
    CallPlacement, Continuation, Cut, FootnotePlacement, MetadataField, Rendering, Risk,
    UnitPlacement,
};
use crate::style::Style;

pub(crate) struct Sink<'a> {
    document: &'a Document,
    pub text: String,
    pieces: Vec<Vec<Span>>,
    calls: Vec<CallPlacement>,
    footnotes: Vec<FootnotePlacement>,
    pages: Vec<Span>,
    page_start: usize,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(document: &'a Document) -> Sink<'a> {
        Sink {
            document,
            text: String::new(),
            pieces: vec![Vec::new(); document.units.len()],
            calls: Vec::new(),
            footnotes: Vec::new(),
            pages: Vec::new(),
            page_start: 0,
        }
    }

    pub(crate) fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    pub(crate) fn position(&self) -> usize {
        self.text.len()
    }

    /// Writes a token of unit `unit` (or of a footnote or masthead line when `None`) and
    /// records the calls it prints.
    pub(crate) fn push_token(&mut self, unit: Option<usize>, token: &Token) {
        let start = self.text.len();
        self.text.push_str(&token.text);
        let Some(unit) = unit else { return };
        for (number, range) in &token.calls {
            self.calls.push(CallPlacement {
                unit: self.document.units[unit].id.clone(),
                number: *number,
                span: Span::new(start + range.start, start + range.end),
            });
        }
    }

    /// Records that unit `unit` has a piece from `start` to here.
    pub(crate) fn piece(&mut self, unit: usize, start: usize) {
        self.pieces[unit].push(Span::new(start, self.text.len()));
    }

    pub(crate) fn footnote(&mut self, number: u32, start: usize) {
        self.footnotes.push(FootnotePlacement {
            number,
            span: Span::new(start, self.text.len()),
        });
    }

    pub(crate) fn end_page(&mut self) {
        self.pages.push(Span::new(self.page_start, self.text.len()));
        self.page_start = self.text.len();
    }

    pub(crate) fn finish(
        mut self,
        style: Style,
        mut metadata: Vec<MetadataField>,
        risks: Vec<Risk>,
    ) -> Rendering {
        if self.pages.is_empty() {
            self.end_page();
        }
        metadata.sort_unstable();
        metadata.dedup();
        self.footnotes.sort_by_key(|footnote| footnote.number);
        let cuts = self.cuts();
        let units = self
            .document
            .units
            .iter()
            .zip(self.pieces)
            .map(|(unit, pieces)| UnitPlacement {
                id: unit.id.clone(),
                pieces,
            })
            .collect();
        Rendering {
            text: self.text,
            style,
            pages: self.pages,
            units,
            footnotes: self.footnotes,
            calls: self.calls,
            cuts,
            metadata,
            risks,
        }
    }

    fn cuts(&self) -> Vec<Cut> {
        let mut cuts = Vec::new();
        for (unit, pieces) in self.document.units.iter().zip(&self.pieces) {
            for pair in pieces.windows(2) {
                let after = pair[1].start;
                let first = self.text[after..].chars().find(|c| !matches!(c, '*' | ' '));
                cuts.push(Cut {
                    unit: unit.id.clone(),
                    before: pair[0].end,
                    after,
                    page: self
                        .pages
                        .iter()
                        .position(|page| page.start <= after && after < page.end)
                        .unwrap_or(0),
                    continuation: if first.is_some_and(char::is_lowercase) {
                        Continuation::LowerCase
                    } else {
                        Continuation::Capital
                    },
                });
            }
        }
        cuts
    }
}
