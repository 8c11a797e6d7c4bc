//! Pagination: flows items (masthead, paragraphs, closing) onto pages of a fixed capacity,
//! cutting paragraphs where a page ends and putting each footnote on the page of its first call.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::rng::Rng;

/// Something to put on pages: a paragraph as its words (markdown) or its lines (plain text).
#[derive(Clone, Debug, Default)]
pub(crate) struct Item {
    pub segments: Vec<Segment>,
    pub breaking: Breaking,
    pub start: PageStart,
}

/// Whether a page break may fall inside the item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Breaking {
    #[default]
    Whole,
    Cuttable,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum PageStart {
    #[default]
    Anywhere,
    /// Annexes open on a new page.
    NewPage,
}

/// A word or a line of an item.
#[derive(Clone, Debug, Default)]
pub(crate) struct Segment {
    /// Characters (markdown) or lines (plain text) it takes.
    pub cost: usize,
    /// Footnotes it calls.
    pub calls: Vec<u32>,
    /// Whether a page break may fall just before it.
    pub cut_before: bool,
}

impl Segment {
    pub(crate) fn new(cost: usize) -> Segment {
        Segment {
            cost,
            ..Segment::default()
        }
    }
}

/// Part of an item on one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub item: usize,
    pub segments: Range<usize>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    pub pieces: Vec<Piece>,
    /// Footnotes whose text goes at the foot of this page, in number order.
    pub footnotes: Vec<u32>,
}

/// How pages are filled.
pub(crate) struct Geometry<'a> {
    pub capacity: usize,
    /// Fewest segments on either side of a cut (orphans and widows).
    pub min_piece: usize,
    /// What a footnote's text takes at the foot of a page, in segment cost units.
    pub footnote_cost: &'a dyn Fn(u32) -> usize,
    /// Footnotes no unit calls: they go on the first page.
    pub uncalled: Vec<u32>,
}

/// How often a paragraph that does not fit is cut rather than moved to the next page.
const CUT_PERCENT: u32 = 85;

/// Lays items out on pages. Every segment of every item is placed exactly once, in order.
pub(crate) fn paginate(items: &[Item], geometry: &Geometry<'_>, rng: &mut Rng) -> Vec<Page> {
    let mut pager = Pager {
        geometry,
        pages: vec![Page::default()],
        used: 0,
        placed: BTreeSet::new(),
    };
    for number in &geometry.uncalled {
        pager.used += pager.take_footnote(*number);
    }
    for (index, item) in items.iter().enumerate() {
        if item.start == PageStart::NewPage && !pager.page_is_empty() {
            pager.new_page();
        }
        if item.segments.is_empty() {
            pager.place(index, item, 0..0);
            continue;
        }
        let mut start = 0;
        while start < item.segments.len() {
            let rest = start..item.segments.len();
            if pager.fits(item, rest.clone()) {
                pager.place(index, item, rest);
                break;
            }
            let cut = match item.breaking {
                Breaking::Cuttable => pager.best_cut(item, start),
                Breaking::Whole => None,
            };
            match cut {
                Some(cut) if pager.page_is_empty() || rng.chance(CUT_PERCENT) => {
                    pager.place(index, item, start..cut);
                    pager.new_page();
                    start = cut;
                }
                _ if pager.page_is_empty() => {
                    // Longer than a page with nowhere to cut: let it overflow.
                    pager.place(index, item, rest);
                    break;
                }
                _ => pager.new_page(),
            }
        }
    }
    let mut pages = pager.pages;
    for page in &mut pages {
        page.footnotes.sort_unstable();
    }
    pages
}

struct Pager<'a, 'g> {
    geometry: &'a Geometry<'g>,
    pages: Vec<Page>,
    used: usize,
    placed: BTreeSet<u32>,
}

impl Pager<'_, '_> {
    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|page| page.pieces.is_empty())
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.used = 0;
    }

    /// Cost of segments plus the footnotes they would bring onto this page.
    fn cost(&self, item: &Item, range: Range<usize>) -> usize {
        let mut fresh = BTreeSet::new();
        let mut cost = 0;
        for segment in &item.segments[range] {
            cost += segment.cost;
            for number in &segment.calls {
                if !self.placed.contains(number) && fresh.insert(*number) {
                    cost += (self.geometry.footnote_cost)(*number);
                }
            }
        }
        cost
    }

    fn fits(&self, item: &Item, range: Range<usize>) -> bool {
        self.used + self.cost(item, range) <= self.geometry.capacity
    }

    /// The latest allowed cut after `start` whose first piece still fits on this page.
    fn best_cut(&self, item: &Item, start: usize) -> Option<usize> {
        let min = self.geometry.min_piece.max(1);
        let last = item.segments.len().checked_sub(min)?;
        (start + min..=last)
            .rev()
            .filter(|&cut| item.segments[cut].cut_before)
            .find(|&cut| self.fits(item, start..cut))
    }

    fn place(&mut self, index: usize, item: &Item, range: Range<usize>) {
        self.used += self.cost(item, range.clone());
        for segment in &item.segments[range.clone()] {
            for number in &segment.calls {
                if self.placed.insert(*number)
                    && let Some(page) = self.pages.last_mut()
                {
                    page.footnotes.push(*number);
                }
            }
        }
        if let Some(page) = self.pages.last_mut() {
            page.pieces.push(Piece {
                item: index,
                segments: range,
            });
        }
    }

    fn take_footnote(&mut self, number: u32) -> usize {
        if !self.placed.insert(number) {
            return 0;
        }
        if let Some(page) = self.pages.last_mut() {
            page.footnotes.push(number);
        }
        (self.geometry.footnote_cost)(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(words: usize, calls: &[(usize, u32)]) -> Item {
        let mut segments: Vec<Segment> = (0..words)
            .map(|_| Segment {
                cost: 10,
                calls: Vec::new(),
                cut_before: true,
            })
            .collect();
        for (at, number) in calls {
            segments[*at].calls.push(*number);
        }
        Item {
            segments,
            breaking: Breaking::Cuttable,
            start: PageStart::Anywhere,
        }
    }

    #[test]
    fn every_segment_is_placed_once_and_footnotes_follow_first_calls() {
        let items = vec![
            paragraph(20, &[(3, 1)]),
            paragraph(30, &[(25, 2), (28, 1)]),
            paragraph(5, &[]),
        ];
        let cost = |_: u32| 20;
        let geometry = Geometry {
            capacity: 250,
            min_piece: 3,
            footnote_cost: &cost,
            uncalled: vec![9],
        };
        let pages = paginate(&items, &geometry, &mut Rng::new(3, 0));
        for (index, item) in items.iter().enumerate() {
            let mut covered = 0;
            for piece in pages.iter().flat_map(|page| &page.pieces) {
                if piece.item == index {
                    assert_eq!(piece.segments.start, covered);
                    covered = piece.segments.end;
                }
            }
            assert_eq!(covered, item.segments.len());
        }
        assert_eq!(pages[0].footnotes, vec![1, 9]);
        let page_of_2 = pages.iter().position(|page| page.footnotes.contains(&2));
        assert!(page_of_2.is_some_and(|page| page > 0));
        assert!(pages.len() >= 3);
    }
}
