//! How much of a reference parse (the AKN4UN XML's) another parse of the same resolution gives
//! back exactly: a unit counts when its id, kind, clean text and footnote calls are all the same.
//! Typeset forms cannot keep the XML's no-break spaces (the typesetting tool writes every run
//! of white space as one space) nor tell its non-breaking hyphens from hyphens, and LibreOffice numbers footnotes 1, 2, 3 in the order of
//! their first call whatever the XML's markers say (some Spanish files start at 2), so they are
//! compared with white space collapsed and the reference's calls numbered as printed.

use std::collections::{HashMap, HashSet};

use resalign_core::Document;

/// What must come back: id, kind, clean text and footnote calls (number, offset) of a unit.
pub type UnitKey = (String, String, String, Vec<(u32, usize)>);

/// How unit texts are compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Spacing {
    /// Byte for byte.
    #[default]
    Exact,
    /// As a printed page shows it: every run of white space (no-break spaces too) as one space,
    /// a non-breaking hyphen as a hyphen; call offsets follow.
    Printed,
}

/// How footnote calls are numbered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Numbering {
    /// As the document marks them.
    #[default]
    AsMarked,
    /// 1, 2, 3 in the order of each footnote's first call, as a word processor prints them.
    InOrderOfFirstCall,
}

/// How a parse is compared with the reference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub spacing: Spacing,
    /// How the reference's calls are numbered.
    pub numbering: Numbering,
}

impl Comparison {
    /// Renderings of the reference itself: everything byte for byte.
    pub const EXACT: Comparison = Comparison {
        spacing: Spacing::Exact,
        numbering: Numbering::AsMarked,
    };
    /// Typeset documents: text as printed, the reference's calls numbered as printed.
    pub const TYPESET: Comparison = Comparison {
        spacing: Spacing::Printed,
        numbering: Numbering::InOrderOfFirstCall,
    };
}

/// The keys of the units of `document`, with its calls numbered by `numbering`.
pub fn unit_keys(document: &Document, spacing: Spacing, numbering: Numbering) -> Vec<UnitKey> {
    let mut printed: HashMap<u32, u32> = HashMap::new();
    if numbering == Numbering::InOrderOfFirstCall {
        for call in document.units.iter().flat_map(|unit| &unit.footnote_calls) {
            let next = printed.len() as u32 + 1;
            printed.entry(call.number).or_insert(next);
        }
    }
    let number = |marked: u32| printed.get(&marked).copied().unwrap_or(marked);
    document
        .units
        .iter()
        .map(|unit| {
            let calls: Vec<(u32, usize)> = unit
                .footnote_calls
                .iter()
                .map(|call| (number(call.number), call.offset))
                .collect();
            let (text, calls) = match spacing {
                Spacing::Exact => (unit.text.clone(), calls),
                Spacing::Printed => as_printed(&unit.text, &calls),
            };
            (
                unit.id.to_string(),
                unit.kind.name().to_string(),
                text,
                calls,
            )
        })
        .collect()
}

/// The text with white space runs as single spaces and non-breaking hyphens as hyphens, and the
/// call offsets moved with it.
fn as_printed(text: &str, calls: &[(u32, usize)]) -> (String, Vec<(u32, usize)>) {
    let mut collapsed = String::with_capacity(text.len());
    // The collapsed offset of every byte offset of `text` a call may stand at.
    let mut moved = vec![0; text.len() + 1];
    let mut in_space = false;
    for (offset, c) in text.char_indices() {
        moved[offset] = collapsed.len();
        if c.is_whitespace() {
            if !in_space {
                collapsed.push(' ');
            }
            in_space = true;
        } else if c == '\u{2011}' {
            collapsed.push('-');
            in_space = false;
        } else {
            collapsed.push(c);
            in_space = false;
        }
    }
    moved[text.len()] = collapsed.len();
    let calls = calls
        .iter()
        .map(|&(number, offset)| (number, moved.get(offset).copied().unwrap_or(offset)))
        .collect();
    (collapsed, calls)
}

/// Units and documents that came back exactly, over many documents.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub comparison: Comparison,
    pub documents: usize,
    pub documents_exact: usize,
    pub units: usize,
    pub units_exact: usize,
    /// `(units missed, document name)` of the documents that did not come back whole.
    pub missed: Vec<(usize, String)>,
    /// Units of the reference left out of the count because the rendering does not hold them.
    pub left_out: usize,
    /// Vote records among the units, and how many came back exactly.
    pub votes: usize,
    pub votes_exact: usize,
}

impl Tally {
    pub fn new(comparison: Comparison) -> Tally {
        Tally {
            comparison,
            ..Tally::default()
        }
    }

    /// Counts how much of `expected` the parse `found` gives back. A document is exact when
    /// every unit is and no unit was added.
    pub fn add(&mut self, name: &str, expected: &Document, found: &Document) {
        self.add_held(name, expected, found, |_| true);
    }

    /// Like [`Tally::add`], counting only the units of `expected` whose text `held` says the
    /// rendering holds at all.
    pub fn add_held(
        &mut self,
        name: &str,
        expected: &Document,
        found: &Document,
        held: impl Fn(&str) -> bool,
    ) {
        let Comparison { spacing, numbering } = self.comparison;
        let all = unit_keys(expected, spacing, numbering);
        let before = all.len();
        let expected: Vec<UnitKey> = all.into_iter().filter(|key| held(&key.2)).collect();
        self.left_out += before - expected.len();
        let found_keys: HashSet<UnitKey> = unit_keys(found, spacing, Numbering::AsMarked)
            .into_iter()
            .collect();
        let exact = expected
            .iter()
            .filter(|key| found_keys.contains(*key))
            .count();
        let votes: Vec<&UnitKey> = expected.iter().filter(|key| key.1 == "vote").collect();
        self.votes += votes.len();
        self.votes_exact += votes
            .iter()
            .filter(|key| found_keys.contains(**key))
            .count();
        self.documents += 1;
        self.units += expected.len();
        self.units_exact += exact;
        let extra = found.units.len().saturating_sub(expected.len());
        if exact == expected.len() && extra == 0 {
            self.documents_exact += 1;
        } else {
            self.missed
                .push((expected.len() - exact + extra, name.to_string()));
        }
    }

    /// A document that could not be parsed at all: all its units are missed.
    pub fn add_unread(&mut self, name: &str, expected: &Document, held: impl Fn(&str) -> bool) {
        let units = expected
            .units
            .iter()
            .filter(|unit| held(&unit.text))
            .count();
        self.documents += 1;
        self.units += units;
        self.left_out += expected.units.len() - units;
        self.missed.push((units, name.to_string()));
    }

    /// Units exact, in per cent.
    pub fn share(&self) -> f64 {
        100.0 * self.units_exact as f64 / self.units.max(1) as f64
    }

    /// Whether at least `per_mille` thousandths of the units came back exactly.
    pub fn reaches(&self, per_mille: usize) -> bool {
        self.units_exact * 1000 >= self.units * per_mille
    }

    /// The documents that missed most units first.
    pub fn worst(&self, count: usize) -> Vec<(usize, String)> {
        let mut missed = self.missed.clone();
        missed.sort_by(|a, b| b.cmp(a));
        missed.truncate(count);
        missed
    }

    /// One line: units and documents exact, and the documents that missed most.
    pub fn summary(&self) -> String {
        let left_out = match self.left_out {
            0 => String::new(),
            count => format!(" ({count} more not in the rendering)"),
        };
        format!(
            "{} of {} units exact ({:.2}%){left_out}, {} of {} vote records, {} of {} documents \
             exact; most missed: {:?}",
            self.units_exact,
            self.units,
            self.share(),
            self.votes_exact,
            self.votes,
            self.documents_exact,
            self.documents,
            self.worst(5)
        )
    }
}

/// The units of `expected` that `found` does not give back, and the units `found` adds, each as
/// one line, to show what went wrong in a document.
pub fn differences(expected: &Document, found: &Document, comparison: Comparison) -> Vec<String> {
    let expected_keys = unit_keys(expected, comparison.spacing, comparison.numbering);
    let found_keys = unit_keys(found, comparison.spacing, Numbering::AsMarked);
    let expected_set: HashSet<&UnitKey> = expected_keys.iter().collect();
    let found_set: HashSet<&UnitKey> = found_keys.iter().collect();
    let line =
        |sign: char, key: &UnitKey| format!("{sign} {} {} {:?} {}", key.0, key.1, key.3, key.2);
    expected_keys
        .iter()
        .filter(|key| !found_set.contains(key))
        .map(|key| line('-', key))
        .chain(
            found_keys
                .iter()
                .filter(|key| !expected_set.contains(key))
                .map(|key| line('+', key)),
        )
        .collect()
}
