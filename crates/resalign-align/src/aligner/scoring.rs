//! Scores of candidate links as log-odds: how much more likely the evidence is if the texts are
//! translations of each other than if they are two unrelated paragraphs of the pair. The
//! dynamic programme adds them up; a link's confidence is their logistic.

use resalign_core::UnitKind;

use super::dp::Move;
use super::features::{Content, PairFeatures, Pool, Structure, TokenWeights, UnitSide};
use super::scan::Signature;

/// Log-odds of a unit without counterpart. A link is kept rather than two such units while its
/// evidence is better than twice this.
pub(crate) const UNIT_SKIP: f64 = -4.0;
/// Log-odds of a 2-1 or 1-2 link before its evidence: splits and merges are rare, and must
/// explain the other side clearly better than a 1-1 link and a unit without counterpart.
const MERGE_PRIOR: f64 = -4.5;
/// A merge or split whose second unit starts a paragraph of its own (an opening phrase) is less
/// likely than one whose second unit continues the first...
const MERGE_OF_PARAGRAPHS: f64 = -1.5;
/// ...one whose second unit is numbered less still, since its number would have to vanish
/// from the other side...
const MERGE_OF_NUMBERED: f64 = -3.0;
/// ...and one that joins units of different kinds (a heading and a paragraph) even less.
const MERGE_OF_KINDS: f64 = -1.5;
/// The second unit of a merge or split must show up in the other side: log-odds per unit of
/// the share of its stems found there, above the share chance would give.
const SECOND_VOCABULARY_SLOPE: f64 = 10.0;
const SECOND_VOCABULARY_MARGIN: f64 = 0.1;
const SECOND_VOCABULARY_LIMIT: f64 = 3.0;

const NUMBERING_AGREES: f64 = 3.0;
const NUMBERING_DIFFERS: f64 = -2.5;
const NUMBERING_ONE_SIDED: f64 = -0.5;
/// A 2-1 or 1-2 link whose first unit is numbered while the single unit is not: had the two
/// units been run together, the result would start with that number.
const MERGE_LOSES_NUMBER: f64 = -4.0;

const KIND_AGREES: f64 = 0.5;
const KIND_HEADING_DIFFERS: f64 = -4.0;
const KIND_DIFFERS: f64 = -1.5;

const PHRASE_AGREES: f64 = 1.5;
const PHRASE_RELATED: f64 = 0.8;
const PHRASE_DIFFERS: f64 = -1.0;

const CALLS_AGREE: f64 = 0.5;
const CALLS_DIFFER: f64 = -0.5;

/// Vocabulary: log-odds per unit of stem overlap above what unrelated paragraphs share.
pub(crate) const VOCABULARY_SLOPE: f64 = 10.0;
pub(crate) const VOCABULARY_BASELINE: f64 = 0.2;
const VOCABULARY_MIN_STEMS: u32 = 4;

/// Length model (log of the Spanish/English length ratio, minus its expected value): for a
/// translation, mostly normal with a variance that shrinks as the text grows, plus a few
/// outliers; for unrelated texts, widely spread.
const LENGTH_FLOOR_VARIANCE: f64 = 0.0017;
const LENGTH_CHAR_VARIANCE: f64 = 1.0;
const LENGTH_OUTLIER_SHARE: f64 = 0.04;
const LENGTH_OUTLIER_VARIANCE: f64 = 1.0;
const LENGTH_UNRELATED_VARIANCE: f64 = 0.64;

/// Each piece of evidence's contribution to a link's log-odds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Breakdown {
    pub numbering: f64,
    pub tokens: f64,
    pub length: f64,
    pub vocabulary: f64,
    pub kind: f64,
    pub phrase: f64,
    pub calls: f64,
    /// For a 2-1 or 1-2 link, how well the second unit shows up in the other side.
    pub second: f64,
    /// The prior of a 2-1 or 1-2 link.
    pub shape: f64,
}

impl Breakdown {
    pub(crate) fn total(&self) -> f64 {
        self.numbering
            + self.tokens
            + self.length
            + self.vocabulary
            + self.kind
            + self.phrase
            + self.calls
            + self.second
            + self.shape
    }

    /// The evidence alone, without the prior of the link's shape.
    pub(crate) fn evidence(&self) -> f64 {
        self.total() - self.shape
    }
}

/// Scores links between the units of two documents.
pub(crate) struct UnitScorer<'f> {
    features: &'f PairFeatures<'f>,
    length: LengthModel,
}

impl<'f> UnitScorer<'f> {
    pub(crate) fn new(features: &'f PairFeatures<'f>, expected_ratio: f64) -> UnitScorer<'f> {
        UnitScorer {
            features,
            length: LengthModel::new(expected_ratio),
        }
    }

    /// The move's score as the dynamic programme adds it up; `None` when it runs off a side.
    pub(crate) fn score(&self, mv: Move, en: usize, es: usize) -> Option<f64> {
        match mv {
            Move::EnOnly | Move::EsOnly => Some(UNIT_SKIP),
            _ => self.breakdown(mv, en, es).map(|parts| parts.total()),
        }
    }

    /// What each piece of evidence adds to a link of `mv` starting at units `en` and `es`.
    pub(crate) fn breakdown(&self, mv: Move, en: usize, es: usize) -> Option<Breakdown> {
        let features = self.features;
        let en_content = features.en.text(en, mv.en())?;
        let es_content = features.es.text(es, mv.es())?;
        let en_first = features.en.structure.get(en)?;
        let es_first = features.es.structure.get(es)?;
        let joined = match mv {
            Move::TwoOne => Some(Joined::new(&features.en, en, es_content)?),
            Move::OneTwo => Some(Joined::new(&features.es, es, en_content)?),
            _ => None,
        };
        let numbering = match (numbering(en_first, es_first), &joined) {
            (NUMBERING_ONE_SIDED, Some(_)) => MERGE_LOSES_NUMBER,
            (value, _) => value,
        };
        Some(Breakdown {
            numbering,
            tokens: tokens(
                &features.pool,
                &features.unit_weights,
                en_content,
                es_content,
            ),
            length: self.length.log_odds(en_content, es_content),
            vocabulary: vocabulary(en_content, es_content, VOCABULARY_SLOPE),
            kind: kind(en_first.kind, es_first.kind),
            phrase: phrase(en_first, es_first),
            calls: calls(en_first, es_first),
            second: joined.as_ref().map_or(0.0, Joined::second_vocabulary),
            shape: joined.as_ref().map_or(0.0, Joined::prior),
        })
    }
}

/// The two units that the two-unit side of a 2-1 or 1-2 link joins, and the other side.
struct Joined<'c> {
    first: &'c Content,
    first_kind: UnitKind,
    second: &'c Content,
    second_structure: &'c Structure,
    other: &'c Content,
}

impl<'c> Joined<'c> {
    fn new(side: &'c UnitSide, at: usize, other: &'c Content) -> Option<Joined<'c>> {
        Some(Joined {
            first: side.content.get(at)?,
            first_kind: side.structure.get(at)?.kind,
            second: side.content.get(at + 1)?,
            second_structure: side.structure.get(at + 1)?,
            other,
        })
    }

    fn prior(&self) -> f64 {
        merge_prior(self.first_kind, self.second_structure)
    }

    fn second_vocabulary(&self) -> f64 {
        second_vocabulary(self.first, self.second, self.other)
    }
}

/// The prior of a merge or split whose first unit is of `first_kind` and whose second unit is
/// `second`.
fn merge_prior(first_kind: UnitKind, second: &Structure) -> f64 {
    let opening = if second.numbering.is_some() {
        MERGE_OF_NUMBERED
    } else if second.phrase.is_some() {
        MERGE_OF_PARAGRAPHS
    } else {
        0.0
    };
    let kinds = if second.kind == first_kind {
        0.0
    } else {
        MERGE_OF_KINDS
    };
    MERGE_PRIOR + opening + kinds
}

/// How much of the vocabulary that only the second unit has (not the first) the other side
/// contains, against chance: neighbouring paragraphs share words, and only the second unit's own
/// words show that the other side holds it too.
fn second_vocabulary(first: &Content, second: &Content, other: &Content) -> f64 {
    let own = second.signature.without(first.signature);
    let own_len = own.len();
    if own_len < VOCABULARY_MIN_STEMS {
        return 0.0;
    }
    let rest_of_other = other.signature.without(first.signature);
    let contained = f64::from(own.shared(rest_of_other)) / f64::from(own_len);
    let chance = f64::from(rest_of_other.len()) / f64::from(Signature::BITS);
    (SECOND_VOCABULARY_SLOPE * (contained - chance - SECOND_VOCABULARY_MARGIN))
        .clamp(-SECOND_VOCABULARY_LIMIT, SECOND_VOCABULARY_LIMIT)
}

fn numbering(en: &Structure, es: &Structure) -> f64 {
    match (en.numbering, es.numbering) {
        (Some(a), Some(b)) if a == b => NUMBERING_AGREES,
        (Some(_), Some(_)) => NUMBERING_DIFFERS,
        (Some(_), None) | (None, Some(_)) => NUMBERING_ONE_SIDED,
        (None, None) => 0.0,
    }
}

fn kind(en: UnitKind, es: UnitKind) -> f64 {
    if en == es {
        KIND_AGREES
    } else if en == UnitKind::Heading || es == UnitKind::Heading {
        KIND_HEADING_DIFFERS
    } else {
        KIND_DIFFERS
    }
}

fn phrase(en: &Structure, es: &Structure) -> f64 {
    match (en.phrase, es.phrase) {
        (Some(a), Some(b)) if a == b => PHRASE_AGREES,
        (Some(a), Some(b)) if a.is_related(b) => PHRASE_RELATED,
        (Some(_), Some(_)) => PHRASE_DIFFERS,
        _ => 0.0,
    }
}

fn calls(en: &Structure, es: &Structure) -> f64 {
    match (en.calls, es.calls) {
        (0, 0) => 0.0,
        (a, b) if a == b => CALLS_AGREE,
        _ => CALLS_DIFFER,
    }
}

/// Shared tokens gain their weight; tokens on one side only cost what the other side's
/// candidate is charged for lacking them.
pub(crate) fn tokens(pool: &Pool, weights: &TokenWeights, en: &Content, es: &Content) -> f64 {
    let shared = shared_gain(
        pool.get(en.tokens),
        pool.get(es.tokens),
        &weights.shared_gain,
    );
    shared - en.missing_cost - es.missing_cost
}

fn shared_gain(a: &[u32], b: &[u32], gains: &[f64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut x, mut y, mut total) = (0, 0, 0.0);
    while let (Some(&left), Some(&right)) = (a.get(x), b.get(y)) {
        match left.cmp(&right) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                total += gains.get(left as usize).copied().unwrap_or(0.0);
                x += 1;
                y += 1;
            }
        }
    }
    total
}

/// Dice overlap of the two stem signatures, against what unrelated paragraphs share, times
/// `slope`.
pub(crate) fn vocabulary(en: &Content, es: &Content, slope: f64) -> f64 {
    if en.signature_len.min(es.signature_len) < VOCABULARY_MIN_STEMS {
        return 0.0;
    }
    slope * (similarity(en, es) - VOCABULARY_BASELINE)
}

/// The Dice overlap of two signatures, for evidence.
pub(crate) fn similarity(en: &Content, es: &Content) -> f64 {
    let stems = en.signature_len + es.signature_len;
    if stems == 0 {
        return 0.0;
    }
    2.0 * f64::from(en.signature.shared(es.signature)) / f64::from(stems)
}

/// The length part of the score.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LengthModel {
    ln_expected: f64,
    ln_translation_share: f64,
    /// The outlier component's share and normalisation, in logs.
    ln_outlier_share: f64,
    /// The unrelated model's normalisation, in logs.
    ln_unrelated_norm: f64,
}

/// The variance of the log length ratio of a translation of a text of `chars` characters.
pub(crate) fn length_variance(chars: u32) -> f64 {
    LENGTH_FLOOR_VARIANCE + LENGTH_CHAR_VARIANCE / f64::from(chars.max(1))
}

impl LengthModel {
    pub(crate) fn new(expected_ratio: f64) -> LengthModel {
        LengthModel {
            ln_expected: expected_ratio.max(f64::MIN_POSITIVE).ln(),
            ln_translation_share: (1.0 - LENGTH_OUTLIER_SHARE).ln(),
            ln_outlier_share: LENGTH_OUTLIER_SHARE.ln() - 0.5 * LENGTH_OUTLIER_VARIANCE.ln(),
            ln_unrelated_norm: -0.5 * LENGTH_UNRELATED_VARIANCE.ln(),
        }
    }

    /// The variance depends on the English length only, precomputed with
    /// [`length_variance`].
    pub(crate) fn log_odds(&self, en: &Content, es: &Content) -> f64 {
        let deviation = es.ln_chars - en.ln_chars - self.ln_expected;
        let squared = deviation * deviation;
        // The larger of the two mixture components stands for their sum: off by at most ln 2,
        // and it spares a logarithm of a sum in the inner loop.
        let translation = self.ln_translation_share
            - en.half_ln_length_variance
            - squared / (2.0 * en.length_variance);
        let outlier = self.ln_outlier_share - squared / (2.0 * LENGTH_OUTLIER_VARIANCE);
        let unrelated = -squared / (2.0 * LENGTH_UNRELATED_VARIANCE);
        translation.max(outlier) - unrelated - self.ln_unrelated_norm
    }
}
