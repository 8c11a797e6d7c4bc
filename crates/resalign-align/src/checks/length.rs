//! Length ratio of aligned paragraphs. On the corpus of official translations the Spanish runs
//! about 13% longer than the English; the spread of the log ratio narrows with length (about
//! 0.15 at 75 characters, 0.07 at 600, 0.055 beyond 800). Only far outliers are reported: a
//! Spanish paragraph that lost or gained a clause.

use resalign_core::{Document, Severity, Unit, UnitKind};

use super::context::units_side;
use super::naming::{describe, where_both};
use crate::findings::{Finding, FindingCode};

/// Spanish characters per English character, the corpus mean.
const EXPECTED_RATIO: f64 = 1.13;
/// The spread of the log ratio is `sqrt(SHORT_TEXT_VARIANCE / length + FLOOR_VARIANCE)`: short
/// paragraphs vary much more than long ones. Fitted on the corpus.
const SHORT_TEXT_VARIANCE: f64 = 1.38;
const FLOOR_VARIANCE: f64 = 0.0026;
/// How many spreads away from the mean a ratio must be. The most extreme correct pair in the
/// corpus sits at 7.2 (a Spanish paragraph that adds translations of five English titles); the
/// next ones at 5.3.
const TOLERANCE: f64 = 6.0;

/// Reports a Spanish paragraph far shorter or longer than its English counterpart.
pub(crate) fn check_length(en_document: &Document, en: &Unit, es: &Unit, out: &mut Vec<Finding>) {
    if !matches!(
        en.kind,
        UnitKind::Preambular
            | UnitKind::Operative
            | UnitKind::Subparagraph
            | UnitKind::AnnexParagraph
    ) {
        return;
    }
    let en_length = length(en);
    let es_length = length(es);
    if en_length == 0 || es_length == 0 {
        return;
    }
    let deviation = deviation(en_length, es_length);
    if deviation.abs() < TOLERANCE {
        return;
    }
    let (adjective, advice) = if deviation < 0.0 {
        ("short", "check for an omission")
    } else {
        ("long", "check for an addition")
    };
    let usual = (en_length as f64 * EXPECTED_RATIO).round();
    out.push(Finding {
        code: FindingCode::LengthRatio,
        severity: Severity::Warning,
        message: format!(
            "The Spanish text of {} is unusually {adjective}: {es_length} characters for \
             {en_length} in English, where about {usual} would be usual; {advice} ({})",
            describe(en_document, en),
            where_both(&[en], &[es])
        ),
        en: units_side(&[en]),
        es: units_side(&[es]),
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

/// Characters of a paragraph's text.
pub(crate) fn length(unit: &Unit) -> usize {
    unit.text.chars().count()
}
