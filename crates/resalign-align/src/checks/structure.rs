//! Paragraph-level structure: paragraphs missing on one side, split or merged, numbered or
//! labelled differently, or of a different kind (preambular against operative).

use resalign_core::{Document, LabelValue, Severity, Unit, UnitKind};

use super::context::{LinkUnits, Pair, units_side};
use super::naming::{capitalize, describe, describe_all, describe_capitalized, ids, where_both};
use crate::findings::{Finding, FindingCode, Side};

/// A paragraph without counterpart, or a paragraph divided differently on the two sides.
pub(crate) fn check_shape(pair: &Pair, units: &LinkUnits, out: &mut Vec<Finding>) {
    match (units.en.len(), units.es.len()) {
        (0, 0) | (1, 1) => {}
        (_, 0) => out.push(missing(pair.en, &units.en, FindingCode::MissingInSpanish)),
        (0, _) => out.push(missing(pair.es, &units.es, FindingCode::MissingInEnglish)),
        (1, _) => out.push(split(pair, units)),
        (_, 1) => out.push(merged(pair, units)),
        _ => out.push(boundaries(pair, units)),
    }
}

fn missing(document: &Document, units: &[&Unit], code: FindingCode) -> Finding {
    let (here, there) = match code {
        FindingCode::MissingInSpanish => ("English", "Spanish"),
        _ => ("Spanish", "English"),
    };
    let verb = if units.len() == 1 { "has" } else { "have" };
    let message = format!(
        "{} of the {here} text {verb} no {there} counterpart ({})",
        capitalize(&describe_all(document, units)),
        ids(units)
    );
    // A lost heading is a reviser's concern too, but it loses no content.
    let severity = if units.iter().all(|unit| unit.kind == UnitKind::Heading) {
        Severity::Warning
    } else {
        Severity::Error
    };
    let side = units_side(units);
    let (en, es) = match code {
        FindingCode::MissingInSpanish => (side, Side::default()),
        _ => (Side::default(), side),
    };
    Finding {
        code,
        severity,
        message,
        en,
        es,
    }
}

fn split(pair: &Pair, units: &LinkUnits) -> Finding {
    Finding {
        code: FindingCode::SplitInSpanish,
        severity: Severity::Error,
        message: format!(
            "{} of the English text is split into {} paragraphs in the Spanish text ({} → {})",
            capitalize(&describe_all(pair.en, &units.en)),
            units.es.len(),
            ids(&units.en),
            ids(&units.es)
        ),
        en: units_side(&units.en),
        es: units_side(&units.es),
    }
}

fn merged(pair: &Pair, units: &LinkUnits) -> Finding {
    Finding {
        code: FindingCode::MergedInSpanish,
        severity: Severity::Error,
        message: format!(
            "{} of the English text are one paragraph in the Spanish text ({} → {})",
            capitalize(&describe_all(pair.en, &units.en)),
            ids(&units.en),
            ids(&units.es)
        ),
        en: units_side(&units.en),
        es: units_side(&units.es),
    }
}

fn boundaries(pair: &Pair, units: &LinkUnits) -> Finding {
    Finding {
        code: FindingCode::BoundariesDiffer,
        severity: Severity::Warning,
        message: format!(
            "{} of the English text and {} of the Spanish text divide the same text \
             at different places ({} / {})",
            capitalize(&describe_all(pair.en, &units.en)),
            describe_all(pair.es, &units.es),
            ids(&units.en),
            ids(&units.es)
        ),
        en: units_side(&units.en),
        es: units_side(&units.es),
    }
}

/// Operative numbers and item labels of two aligned units.
pub(crate) fn check_numbering(pair: &Pair, en: &Unit, es: &Unit, out: &mut Vec<Finding>) {
    let en_value = en.label.as_ref().map(|label| &label.value);
    let es_value = es.label.as_ref().map(|label| &label.value);
    let severity = match (en_value, es_value) {
        (Some(en_value), Some(es_value)) if same_label(en_value, es_value) => return,
        (None, None) => return,
        (Some(_), Some(_)) => Severity::Error,
        // A label on one side only is as often the converter's doing as the translator's.
        _ => Severity::Warning,
    };
    let printed = |unit: &Unit| {
        unit.label
            .as_ref()
            .map_or_else(|| "no number".to_string(), |label| format!("“{}”", label.printed))
    };
    out.push(Finding {
        code: FindingCode::NumberingDiffers,
        severity,
        message: format!(
            "Numbering differs: English {} ({}), Spanish {} ({}) ({})",
            describe(pair.en, en),
            printed(en),
            describe(pair.es, es),
            printed(es),
            where_both(&[en], &[es])
        ),
        en: units_side(&[en]),
        es: units_side(&[es]),
    });
}

/// Labels count the same item: `(c)` and `c)`, or a letter printed in another case.
fn same_label(en: &LabelValue, es: &LabelValue) -> bool {
    match (en, es) {
        (LabelValue::Letter(en), LabelValue::Letter(es)) => en.eq_ignore_ascii_case(es),
        _ => en == es,
    }
}

/// A preambular paragraph aligned with an operative one, or other differing kinds.
pub(crate) fn check_kind(pair: &Pair, en: &Unit, es: &Unit, out: &mut Vec<Finding>) {
    if en.kind == es.kind {
        return;
    }
    let preamble_against_operative = matches!(
        (en.kind, es.kind),
        (UnitKind::Preambular, UnitKind::Operative) | (UnitKind::Operative, UnitKind::Preambular)
    );
    // Other kind differences (an annex paragraph read as a heading...) more often come from the
    // markup than from the translation.
    let severity = if preamble_against_operative {
        Severity::Error
    } else {
        Severity::Warning
    };
    out.push(Finding {
        code: FindingCode::KindDiffers,
        severity,
        message: format!(
            "{} of the English text is {} in the Spanish text ({})",
            describe_capitalized(pair.en, en),
            kind_phrase(es.kind),
            where_both(&[en], &[es])
        ),
        en: units_side(&[en]),
        es: units_side(&[es]),
    });
}

fn kind_phrase(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Heading => "a heading",
        UnitKind::Preambular => "a preambular paragraph",
        UnitKind::Operative => "an operative paragraph",
        UnitKind::Subparagraph => "a subparagraph",
        UnitKind::AnnexParagraph => "an annex paragraph",
        UnitKind::Table => "a table",
        _ => "a different kind of paragraph",
    }
}
