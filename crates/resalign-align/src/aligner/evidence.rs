//! Typed evidence for the links the aligner chose, so that a reviser can see why two texts
//! were paired: labels, anchors, numbers, length, vocabulary, kinds and opening phrases.

use resalign_core::{AnchorKind, LabelValue, Unit};

use crate::alignment::{AnchorKey, Evidence};

use super::features::{Content, PairFeatures, Structure, TokenKey};
use super::numbering::unit_label;
use super::scoring::{VOCABULARY_BASELINE, similarity};

/// Evidence that the texts `en` and `es` say the same: anchors, numbers, length, vocabulary.
pub(crate) fn content_evidence(
    features: &PairFeatures<'_>,
    en: &Content,
    es: &Content,
    expected_ratio: f64,
) -> Vec<Evidence> {
    let mut evidence = token_evidence(features, en, es);
    evidence.push(Evidence::Length {
        ratio: f64::from(es.chars) / f64::from(en.chars.max(1)),
        expected: expected_ratio,
    });
    evidence.push(Evidence::Vocabulary {
        similarity: similarity(en, es),
        unrelated: VOCABULARY_BASELINE,
    });
    evidence
}

/// Evidence from how the first unit of each side is numbered, what kind it is and how it
/// opens.
pub(crate) fn structure_evidence(
    en: &Unit,
    es: &Unit,
    en_structure: &Structure,
    es_structure: &Structure,
) -> Vec<Evidence> {
    let mut evidence = Vec::with_capacity(3);
    let (en_label, es_label) = (unit_label(en), unit_label(es));
    if en_label.is_some() || es_label.is_some() {
        let agrees = labels_agree(en_label.as_ref(), es_label.as_ref());
        evidence.push(Evidence::Numbering {
            en: en_label,
            es: es_label,
            agrees,
        });
    }
    evidence.push(Evidence::Kind {
        en: en.kind,
        es: es.kind,
    });
    let (en_phrase, es_phrase) = (en_structure.phrase, es_structure.phrase);
    if en_phrase.is_some() || es_phrase.is_some() {
        let agrees = match (en_phrase, es_phrase) {
            (Some(a), Some(b)) => a.is_related(b),
            _ => false,
        };
        evidence.push(Evidence::OpeningPhrase {
            en: en_phrase.map(|class| class.name().to_string()),
            es: es_phrase.map(|class| class.name().to_string()),
            agrees,
        });
    }
    evidence
}

/// Labels agree when they count the same (`(c)` and `c)`), whatever their case.
fn labels_agree(en: Option<&LabelValue>, es: Option<&LabelValue>) -> bool {
    match (en, es) {
        (Some(LabelValue::Letter(a)), Some(LabelValue::Letter(b))) => a.eq_ignore_ascii_case(b),
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Shared and one-sided anchors and numbers, when there are any.
fn token_evidence(features: &PairFeatures<'_>, en: &Content, es: &Content) -> Vec<Evidence> {
    let en_ids = features.pool.get(en.tokens);
    let es_ids = features.pool.get(es.tokens);
    let mut anchors = Split::<AnchorKey>::default();
    let mut numbers = Split::<String>::default();
    let mut place = |id: u32, side: Membership| match features.tokens.key(id) {
        Some(TokenKey::Anchor(kind, key)) => anchors.add(side, anchor_key(kind, key)),
        Some(TokenKey::Number(digits)) => numbers.add(side, digits.to_string()),
        None => {}
    };
    for &id in en_ids {
        let side = if es_ids.binary_search(&id).is_ok() {
            Membership::Both
        } else {
            Membership::English
        };
        place(id, side);
    }
    for &id in es_ids {
        if en_ids.binary_search(&id).is_err() {
            place(id, Membership::Spanish);
        }
    }
    let mut evidence = Vec::new();
    if !anchors.is_empty() {
        evidence.push(Evidence::Anchors {
            shared: anchors.both,
            only_en: anchors.en,
            only_es: anchors.es,
        });
    }
    if !numbers.is_empty() {
        evidence.push(Evidence::Numbers {
            shared: numbers.both,
            only_en: numbers.en,
            only_es: numbers.es,
        });
    }
    evidence
}

fn anchor_key(kind: AnchorKind, key: &str) -> AnchorKey {
    AnchorKey {
        kind,
        key: key.to_string(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Membership {
    Both,
    English,
    Spanish,
}

/// Values sorted by where they were found.
#[derive(Debug)]
struct Split<T> {
    both: Vec<T>,
    en: Vec<T>,
    es: Vec<T>,
}

impl<T> Default for Split<T> {
    fn default() -> Self {
        Split {
            both: Vec::new(),
            en: Vec::new(),
            es: Vec::new(),
        }
    }
}

impl<T: Ord> Split<T> {
    fn add(&mut self, side: Membership, value: T) {
        let list = match side {
            Membership::Both => &mut self.both,
            Membership::English => &mut self.en,
            Membership::Spanish => &mut self.es,
        };
        // Token ids follow first sighting, not the key: sort so that evidence reads in a
        // stable order whatever else the documents contain.
        let place = list.partition_point(|existing| existing < &value);
        list.insert(place, value);
    }

    fn is_empty(&self) -> bool {
        self.both.is_empty() && self.en.is_empty() && self.es.is_empty()
    }
}
