//! The gold alignment of a corpus pair from the AKN4UN `eId`s: units with the same `eId` on
//! both sides belong together. Where the two files' markup is not parallel (their `eId`
//! sequences differ), `eId`s are mostly ordinals (`para_12`) that keep their names while the
//! paragraphs under them drift apart, so only the stretches before the first and after the
//! last place where the `eId` or the unit id (which carries kind and label) differs are
//! trusted.

use std::collections::{BTreeMap, BTreeSet};

use resalign_core::Document;

/// Which units belong together, and which units the gold can judge at all.
#[derive(Clone, Debug)]
pub struct Gold {
    /// `(english unit index, spanish unit index)`.
    pub links: BTreeSet<(usize, usize)>,
    pub en_covered: Vec<bool>,
    pub es_covered: Vec<bool>,
    pub markup: Markup,
    /// `(english number, spanish number)` of footnotes called at the same place of linked units.
    pub footnotes: BTreeSet<(u32, u32)>,
    /// Footnote numbers the gold judges, on each side.
    pub en_notes: BTreeSet<u32>,
    pub es_notes: BTreeSet<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markup {
    /// Both files have the same `eId`s in the same order.
    Parallel,
    /// The `eId` sequences differ; units between the first and the last difference are left out.
    Diverging,
}

impl Gold {
    pub fn from_eids(en: &Document, es: &Document) -> Gold {
        let en_eids: Vec<Option<&str>> = en.units.iter().map(|unit| unit.eid.as_deref()).collect();
        let es_eids: Vec<Option<&str>> = es.units.iter().map(|unit| unit.eid.as_deref()).collect();
        let marks = |document: &'_ Document| -> Vec<(Option<String>, String)> {
            document
                .units
                .iter()
                .map(|unit| (unit.eid.clone(), unit.id.to_string()))
                .collect()
        };
        let (en_marks, es_marks) = (marks(en), marks(es));
        let markup = if en_eids == es_eids {
            Markup::Parallel
        } else {
            Markup::Diverging
        };
        let (trusted_en, trusted_es) = match markup {
            Markup::Parallel => (vec![true; en_eids.len()], vec![true; es_eids.len()]),
            Markup::Diverging => trusted_stretches(&en_marks, &es_marks),
        };
        let en_index = unique_positions(&en_eids);
        let es_index = unique_positions(&es_eids);
        let mut gold = Gold {
            links: BTreeSet::new(),
            en_covered: vec![false; en_eids.len()],
            es_covered: vec![false; es_eids.len()],
            markup,
            footnotes: BTreeSet::new(),
            en_notes: BTreeSet::new(),
            es_notes: BTreeSet::new(),
        };
        for (eid, &en_position) in &en_index {
            let Some(&es_position) = es_index.get(eid) else {
                continue;
            };
            if trusted_en[en_position] && trusted_es[es_position] {
                gold.links.insert((en_position, es_position));
                gold.en_covered[en_position] = true;
                gold.es_covered[es_position] = true;
            }
        }
        gold.add_footnotes(en, es);
        gold
    }

    /// Footnotes called at the same place of units the gold links: the k-th footnote a unit
    /// calls first is the k-th its counterpart calls first. (Footnote `eId`s and numbers are no
    /// gold: some Spanish files number their footnotes from 2.) A footnote paired two ways is
    /// left out.
    fn add_footnotes(&mut self, en: &Document, es: &Document) {
        let mut pairs: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        let mut es_pairs: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        for &(e, s) in &self.links {
            let (Some(en_unit), Some(es_unit)) = (en.units.get(e), es.units.get(s)) else {
                continue;
            };
            let (en_calls, es_calls) = (first_calls(en_unit), first_calls(es_unit));
            if en_calls.len() != es_calls.len() {
                continue;
            }
            for (en_number, es_number) in en_calls.into_iter().zip(es_calls) {
                pairs.entry(en_number).or_default().insert(es_number);
                es_pairs.entry(es_number).or_default().insert(en_number);
            }
        }
        let defined = |document: &Document, number: u32| {
            document
                .footnotes
                .iter()
                .filter(|note| note.number == number)
                .count()
                == 1
        };
        for (en_number, es_numbers) in pairs {
            let Some(&es_number) = es_numbers.first() else {
                continue;
            };
            let unique = es_numbers.len() == 1
                && es_pairs.get(&es_number).is_some_and(|back| back.len() == 1);
            if unique && defined(en, en_number) && defined(es, es_number) {
                self.footnotes.insert((en_number, es_number));
                self.en_notes.insert(en_number);
                self.es_notes.insert(es_number);
            }
        }
    }

    /// Whether the gold can say if the English and Spanish units of `pair` belong together.
    pub fn judges(&self, &(en, es): &(usize, usize)) -> bool {
        self.en_covered.get(en).copied().unwrap_or(false)
            && self.es_covered.get(es).copied().unwrap_or(false)
    }

    pub fn covered_units(&self) -> (usize, usize) {
        let count = |covered: &[bool]| covered.iter().filter(|&&is| is).count();
        (count(&self.en_covered), count(&self.es_covered))
    }
}

/// The footnotes a unit calls, each once, in the order of their first call.
fn first_calls(unit: &resalign_core::Unit) -> Vec<u32> {
    let mut numbers = Vec::new();
    for call in &unit.footnote_calls {
        if !numbers.contains(&call.number) {
            numbers.push(call.number);
        }
    }
    numbers
}

/// Positions of the `eId`s that occur once.
fn unique_positions<'a>(eids: &[Option<&'a str>]) -> BTreeMap<&'a str, usize> {
    let mut seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (position, eid) in eids.iter().enumerate() {
        if let Some(eid) = eid {
            let entry = seen.entry(eid).or_insert((0, position));
            entry.0 += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, (count, _))| *count == 1)
        .map(|(eid, (_, position))| (eid, position))
        .collect()
}

/// Units in the common prefix and the common suffix of the two sequences of `eId` and unit id.
fn trusted_stretches(
    en: &[(Option<String>, String)],
    es: &[(Option<String>, String)],
) -> (Vec<bool>, Vec<bool>) {
    let same = |a: &(Option<String>, String), b: &(Option<String>, String)| a.0.is_some() && a == b;
    let prefix = en.iter().zip(es).take_while(|(a, b)| same(a, b)).count();
    let room = en.len().min(es.len()) - prefix;
    let suffix = en
        .iter()
        .rev()
        .zip(es.iter().rev())
        .take(room)
        .take_while(|(a, b)| same(a, b))
        .count();
    let mark = |len: usize| -> Vec<bool> {
        (0..len)
            .map(|position| position < prefix || position >= len - suffix)
            .collect()
    };
    (mark(en.len()), mark(es.len()))
}
