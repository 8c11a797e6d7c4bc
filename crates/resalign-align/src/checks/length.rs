//! Length ratio of aligned paragraphs. On the corpus of official translations the Spanish runs
//! about 13% longer than the English; the spread of the log ratio narrows with length (about
//! 0.15 at 75 characters, 0.07 at 600, 0.055 beyond 800). Only far outliers are reported: a
//! Spanish paragraph that lost or gained a clause.

use resalign_core::{AnchorKind, Document, Severity, Unit, UnitKind};

use super::context::units_side;
use super::naming::{describe, where_both};
use crate::findings::{Finding, FindingCode};

/// Spanish characters per English character, the corpus mean.
const EXPECTED_RATIO: f64 = 1.13;
/// The spread of the log ratio is `sqrt(SHORT_TEXT_VARIANCE / length + FLOOR_VARIANCE)`: short
/// paragraphs vary much more than long ones. Fitted on the corpus.
const SHORT_TEXT_VARIANCE: f64 = 1.38;
const FLOOR_VARIANCE: f64 = 0.0026;
/// How many spreads above the mean a ratio must be. The most extreme correct pair in the
/// corpus sits at 7.2 (a Spanish paragraph that adds translations of five English titles); the
/// next ones at 5.3.
const TOLERANCE: f64 = 6.0;
/// How many spreads below the mean a Spanish paragraph must be to be reported as cut short:
/// a point 99.9% of the aligned paragraphs of official translations stay above (in the AKN4UN
/// corpus, 12 of 18,310 fall below it, 0.07%), and that half a paragraph cut away passes for
/// all but the shortest paragraphs (96% of such cuts in `examples/evaluate`).
const SHORTFALL: f64 = 3.5;
/// Paragraphs shorter than this, in English characters, are not judged short: a few words
/// more or less swing their ratio.
const MIN_JUDGED_CHARS: usize = 40;

/// Reports a Spanish paragraph far shorter or longer than its English counterpart.
pub(crate) fn check_length(en_document: &Document, en: &Unit, es: &Unit, out: &mut Vec<Finding>) {
    let is_paragraph = |unit: &Unit| {
        matches!(
            unit.kind,
            UnitKind::Preambular
                | UnitKind::Operative
                | UnitKind::Subparagraph
                | UnitKind::AnnexParagraph
        )
    };
    if !is_paragraph(en) || !is_paragraph(es) {
        return;
    }
    let en_length = length(en);
    let es_length = length(es);
    if en_length == 0 || es_length == 0 {
        return;
    }
    let (en_words, es_words) = (worded_length(en), worded_length(es));
    let deviation = deviation(en_words, es_words);
    let short = deviation <= -SHORTFALL && en_length >= MIN_JUDGED_CHARS;
    if !short && deviation < TOLERANCE {
        return;
    }
    // What the Spanish should have run to: the English words at the usual ratio, and the
    // citations and figures as they are.
    let usual = en_words as f64 * EXPECTED_RATIO + (en_length - en_words) as f64;
    let advice = if short {
        let missing = (1.0 - es_length as f64 / usual).max(0.0);
        format!(
            "short: {es_length} characters for {en_length} in English, where about {} would be \
             usual, so about {:.0}% of it seems missing; check for an omission",
            usual.round(),
            100.0 * missing
        )
    } else {
        format!(
            "long: {es_length} characters for {en_length} in English, where about {} would be \
             usual; check for an addition",
            usual.round()
        )
    };
    out.push(Finding {
        code: FindingCode::LengthRatio,
        severity: Severity::Warning,
        message: format!(
            "The Spanish text of {} is unusually {advice} ({})",
            describe(en_document, en),
            where_both(&[en], &[es])
        ),
        en: units_side(&[en]),
        es: units_side(&[es]),
        members: Vec::new(),
    });
}

/// How many spreads the Spanish length is from what the English length leads us to expect:
/// negative when the Spanish is shorter. Both lengths in characters, the English one above zero.
pub(crate) fn deviation(en_length: usize, es_length: usize) -> f64 {
    let en_length = en_length.max(1) as f64;
    let ratio = es_length.max(1) as f64 / en_length;
    let spread = (SHORT_TEXT_VARIANCE / en_length + FLOOR_VARIANCE).sqrt();
    (ratio / EXPECTED_RATIO).ln() / spread
}

/// Characters of a paragraph's text outside its citations and numbers, which both languages
/// print alike (`A/RES/75/1`, `2030`): the part of the text that translation lengthens.
pub(crate) fn worded_length(unit: &Unit) -> usize {
    let cited: usize = unit
        .anchors
        .iter()
        .filter(|anchor| {
            matches!(
                anchor.kind,
                AnchorKind::Resolution | AnchorKind::Symbol | AnchorKind::Number
            )
        })
        .filter_map(|anchor| unit.text.get(anchor.range.start..anchor.range.end))
        .filter(|printed| {
            printed.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .map(|printed| printed.chars().count())
        .sum();
    length(unit).saturating_sub(cited).max(1)
}

/// Characters of a paragraph's text.
pub(crate) fn length(unit: &Unit) -> usize {
    unit.text.chars().count()
}
