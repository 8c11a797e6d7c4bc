//! Footnote alignment, after the units: two footnotes belong together when their numbers agree,
//! when linked paragraphs call them at the same place, and when their citations and length say
//! so. Calls from linked paragraphs outweigh numbers, so a renumbered translation still aligns.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use resalign_core::{Document, LabelValue, UnitId};

use crate::alignment::{Evidence, FootnoteLink};

use super::band::{Band, Narrowing, cell_budget};
use super::confidence::{link_confidence, skip_confidence};
use super::dp::{Move, Step, best_path};
use super::evidence::content_evidence;
use super::features::{Content, PairFeatures};
use super::guide::unique_pairs;
use super::scoring::{LengthModel, tokens, vocabulary};

const SKIP: f64 = -3.0;
const NUMBER_AGREES: f64 = 2.0;
const NUMBER_DIFFERS: f64 = -1.0;
const CALLED_FROM_LINKED: f64 = 5.0;
const CALLED_FROM_ELSEWHERE: f64 = -2.5;
const BAND_HALF_WIDTH: usize = 8;
/// Footnotes are formulaic (`General Assembly resolution ...`, `Official Records of ...`): their
/// words say less than a paragraph's, their citations more.
const VOCABULARY_SLOPE: f64 = 4.0;
/// Spanish footnotes within this distance of a footnote without counterpart are the ones it
/// could have matched instead.
const ALTERNATIVES: usize = 2;

/// Which footnotes the unit links pair through their calls.
#[derive(Debug, Default)]
pub(crate) struct CallPairs {
    /// `(english number, spanish number)` called at the same place of linked paragraphs.
    pairs: BTreeSet<(u32, u32)>,
    en_called: BTreeSet<u32>,
    es_called: BTreeSet<u32>,
}

impl CallPairs {
    /// Pairs the footnotes that each unit link's two sides call, in order of first call, when
    /// both sides call as many footnotes.
    pub(crate) fn new(en: &Document, es: &Document, steps: &[Step]) -> CallPairs {
        let mut calls = CallPairs::default();
        for step in steps {
            let en_numbers = first_calls(en, step.en, step.mv.en());
            let es_numbers = first_calls(es, step.es, step.mv.es());
            calls.en_called.extend(en_numbers.iter().copied());
            calls.es_called.extend(es_numbers.iter().copied());
            if en_numbers.len() == es_numbers.len() {
                calls.pairs.extend(en_numbers.into_iter().zip(es_numbers));
            }
        }
        calls
    }

    fn linked(&self, en: u32, es: u32) -> bool {
        self.pairs.contains(&(en, es))
    }

    fn called_elsewhere(&self, en: u32, es: u32) -> bool {
        self.en_called.contains(&en) && self.es_called.contains(&es) && !self.linked(en, es)
    }
}

/// The footnote numbers that units `start..start + count` call, each once, in order.
fn first_calls(document: &Document, start: usize, count: usize) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut seen = HashSet::new();
    for unit in document.units.iter().skip(start).take(count) {
        for call in &unit.footnote_calls {
            if seen.insert(call.number) {
                numbers.push(call.number);
            }
        }
    }
    numbers
}

/// The units that call each footnote number.
pub(crate) fn callers(document: &Document) -> BTreeMap<u32, Vec<UnitId>> {
    let mut callers: BTreeMap<u32, Vec<UnitId>> = BTreeMap::new();
    for unit in &document.units {
        for call in &unit.footnote_calls {
            let list = callers.entry(call.number).or_default();
            if list.last() != Some(&unit.id) {
                list.push(unit.id.clone());
            }
        }
    }
    callers
}

/// Aligns the footnotes of the two documents.
pub(crate) struct FootnoteAligner<'a> {
    pub en: &'a Document,
    pub es: &'a Document,
    pub features: &'a PairFeatures<'a>,
    pub calls: &'a CallPairs,
    pub en_callers: BTreeMap<u32, Vec<UnitId>>,
    pub es_callers: BTreeMap<u32, Vec<UnitId>>,
    pub length: LengthModel,
    pub expected_ratio: f64,
}

impl FootnoteAligner<'_> {
    /// The links, and how the search was narrowed if the footnotes were too many for a full
    /// band.
    pub(crate) fn align(&self) -> (Vec<FootnoteLink>, Option<Narrowing>) {
        let (en_len, es_len) = (self.en.footnotes.len(), self.es.footnotes.len());
        let (band, narrowing) = Band::around(
            en_len,
            es_len,
            &self.sure_points(),
            BAND_HALF_WIDTH,
            cell_budget(en_len, es_len, BAND_HALF_WIDTH),
        );
        let steps = best_path(&band, |mv, en, es| match mv {
            Move::EnOnly | Move::EsOnly => Some(SKIP),
            Move::OneOne => self.score(en, es),
            Move::TwoOne | Move::OneTwo => None,
        });
        (
            steps.iter().map(|step| self.link(step)).collect(),
            narrowing,
        )
    }

    fn sure_points(&self) -> Vec<(usize, usize)> {
        let mut points = unique_pairs(
            self.en.footnotes.iter().map(|note| Some(note.number)),
            self.es.footnotes.iter().map(|note| Some(note.number)),
        );
        let en_positions = positions(self.en);
        let es_positions = positions(self.es);
        points.extend(
            self.calls
                .pairs
                .iter()
                .filter_map(|(en, es)| Some((*en_positions.get(en)?, *es_positions.get(es)?))),
        );
        points
    }

    fn content(&self) -> (&[Content], &[Content]) {
        (
            &self.features.en_notes.content,
            &self.features.es_notes.content,
        )
    }

    fn score(&self, en: usize, es: usize) -> Option<f64> {
        let (en_notes, es_notes) = self.content();
        let (en_content, es_content) = (en_notes.get(en)?, es_notes.get(es)?);
        let en_number = self.en.footnotes.get(en)?.number;
        let es_number = self.es.footnotes.get(es)?.number;
        let numbering = if en_number == es_number {
            NUMBER_AGREES
        } else {
            NUMBER_DIFFERS
        };
        let calls = if self.calls.linked(en_number, es_number) {
            CALLED_FROM_LINKED
        } else if self.calls.called_elsewhere(en_number, es_number) {
            CALLED_FROM_ELSEWHERE
        } else {
            0.0
        };
        Some(
            numbering
                + calls
                + tokens(
                    &self.features.pool,
                    &self.features.note_weights,
                    en_content,
                    es_content,
                )
                + self.length.log_odds(en_content, es_content)
                + vocabulary(en_content, es_content, VOCABULARY_SLOPE),
        )
    }

    fn link(&self, step: &Step) -> FootnoteLink {
        let en_note = (step.mv.en() > 0)
            .then(|| self.en.footnotes.get(step.en))
            .flatten();
        let es_note = (step.mv.es() > 0)
            .then(|| self.es.footnotes.get(step.es))
            .flatten();
        match (en_note, es_note) {
            (Some(en_note), Some(es_note)) => {
                let score = self.score(step.en, step.es).unwrap_or(0.0);
                let (en_notes, es_notes) = self.content();
                let mut evidence = vec![Evidence::Numbering {
                    en: Some(LabelValue::Number(en_note.number)),
                    es: Some(LabelValue::Number(es_note.number)),
                    agrees: en_note.number == es_note.number,
                }];
                evidence.push(Evidence::CalledFrom {
                    en: self
                        .en_callers
                        .get(&en_note.number)
                        .cloned()
                        .unwrap_or_default(),
                    es: self
                        .es_callers
                        .get(&es_note.number)
                        .cloned()
                        .unwrap_or_default(),
                    linked: self.calls.linked(en_note.number, es_note.number),
                });
                if let (Some(en_content), Some(es_content)) =
                    (en_notes.get(step.en), es_notes.get(step.es))
                {
                    evidence.extend(content_evidence(
                        self.features,
                        en_content,
                        es_content,
                        self.expected_ratio,
                    ));
                }
                FootnoteLink {
                    en: Some(en_note.number),
                    es: Some(es_note.number),
                    score: link_confidence(score),
                    evidence,
                }
            }
            (en_note, es_note) => {
                let best = self.best_alternative(step);
                FootnoteLink {
                    en: en_note.map(|note| note.number),
                    es: es_note.map(|note| note.number),
                    score: skip_confidence(best),
                    evidence: vec![Evidence::NoCounterpart],
                }
            }
        }
    }

    /// The best score the footnote without counterpart would have had with a footnote near it.
    fn best_alternative(&self, step: &Step) -> Option<f64> {
        let (en_len, es_len) = (self.en.footnotes.len(), self.es.footnotes.len());
        let candidates: Vec<(usize, usize)> = match step.mv {
            Move::EnOnly => window(step.es, es_len).map(|es| (step.en, es)).collect(),
            _ => window(step.en, en_len).map(|en| (en, step.es)).collect(),
        };
        candidates
            .into_iter()
            .filter_map(|(en, es)| self.score(en, es))
            .reduce(f64::max)
    }
}

fn window(centre: usize, len: usize) -> std::ops::Range<usize> {
    centre.saturating_sub(ALTERNATIVES)..(centre + ALTERNATIVES).min(len)
}

/// Where each footnote number first stands in the document's footnotes.
fn positions(document: &Document) -> BTreeMap<u32, usize> {
    let mut positions = BTreeMap::new();
    for (position, note) in document.footnotes.iter().enumerate() {
        positions.entry(note.number).or_insert(position);
    }
    positions
}
