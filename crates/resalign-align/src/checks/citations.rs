//! Citation anchors and numbers of aligned paragraphs: a resolution number, symbol, date or
//! treaty reference that differs or is on one side only, and numbers that differ.

use resalign_core::{AnchorKind, LabelValue, Language, Severity, Unit};

use super::compare::{Delta, Occurrence, Target, Text, compare, in_figures, only_volume_differs};
use super::context::{LinkUnits, units_side};
use super::conventions::Conventions;
use super::headings::label_against_joined_heading;
use super::naming::{capitalize, where_both};
use super::vocabulary::{
    anchor_noun, is_number, language_name, missing_severity, other_language, shown,
};
use crate::findings::{Finding, FindingCode, Side};

/// Why a Treaty Series volume that differs is only a note.
pub(crate) const VOLUME_NOTE: &str = "; the registration number agrees, and a treaty printed \
    over several volumes is cited by any of them";

/// Compares the anchors of a link's paragraphs.
pub(crate) fn check_citations(
    conventions: &Conventions,
    units: &LinkUnits,
    out: &mut Vec<Finding>,
) {
    let heading_split_by_markup = units
        .one_to_one()
        .is_some_and(|(en, es)| label_against_joined_heading(en, es));
    if units.en.is_empty() || units.es.is_empty() || heading_split_by_markup {
        return;
    }
    let en_texts: Vec<Text> = units.en.iter().map(|unit| unit_text(unit)).collect();
    let es_texts: Vec<Text> = units.es.iter().map(|unit| unit_text(unit)).collect();
    let location = where_both(&units.en, &units.es);
    for delta in compare(conventions, &en_texts, &es_texts) {
        out.push(finding(delta, units, &location));
    }
}

fn unit_text(unit: &Unit) -> Text<'_> {
    let number = match unit.label.as_ref().map(|label| &label.value) {
        Some(LabelValue::Number(number)) => Some(*number),
        _ => None,
    };
    Text {
        target: Target::Unit(&unit.id),
        text: &unit.text,
        anchors: &unit.anchors,
        number,
    }
}

fn finding(delta: Delta, units: &LinkUnits, location: &str) -> Finding {
    match delta {
        Delta::Differs { en, es } => differs(en, es, units, location),
        Delta::OnlyIn {
            language,
            occurrence,
        } => only_in(language, occurrence, units, location),
        Delta::CorrigendumOnlyIn {
            language,
            occurrence,
        } => {
            let (en, es) = sides(language, occurrence, units);
            Finding {
                code: FindingCode::AnchorMissing,
                severity: Severity::Info,
                message: format!(
                    "Corrigendum {} is cited in the {} text only; corrigenda do not always \
                     concern every language version ({location})",
                    shown(&occurrence),
                    language_name(language)
                ),
                en,
                es,
                members: Vec::new(),
            }
        }
    }
}

fn differs(en: Occurrence, es: Occurrence, units: &LinkUnits, location: &str) -> Finding {
    let kind = en.anchor.kind;
    let code = if is_number(kind) {
        FindingCode::NumberMismatch
    } else {
        FindingCode::AnchorDiffers
    };
    let (severity, why) = if only_volume_differs(&en, &es) {
        (Severity::Info, VOLUME_NOTE)
    } else if let Some(note) = day_glued(&en, &es, units) {
        (Severity::Warning, note)
    } else if is_number(kind) && in_figures(&en) != in_figures(&es) {
        // Figures against words (`10` and `diez primeros`) are read by two grammars, and
        // wording rounds them: worth a look, not a certain error.
        (Severity::Warning, "")
    } else {
        (Severity::Error, "")
    };
    Finding {
        code,
        severity,
        message: format!(
            "{} differs: English {}, Spanish {}{why} ({location})",
            capitalize(anchor_noun(kind)),
            shown(&en),
            shown(&es)
        ),
        en: marked(units_side(&units.en), en),
        es: marked(units_side(&units.es), es),
        members: Vec::new(),
    }
}

/// A Spanish date whose day is glued to the month (`8de diciembre de 2010`), read without its
/// day: the date is the English one, and a space is missing.
fn day_glued(en: &Occurrence, es: &Occurrence, units: &LinkUnits) -> Option<&'static str> {
    if en.anchor.kind != AnchorKind::Date {
        return None;
    }
    let (year_month, day) = en.anchor.key.rsplit_once('-')?;
    if es.anchor.key != year_month {
        return None;
    }
    let Target::Unit(id) = es.target else {
        return None;
    };
    let unit = units.es.iter().find(|unit| &unit.id == id)?;
    let before = unit.text.get(..es.anchor.range.start)?.trim_end();
    let before = before.strip_suffix("de").unwrap_or(before);
    let day = day.trim_start_matches('0');
    let glued = before
        .strip_suffix(day)
        .is_some_and(|rest| !rest.ends_with(|c: char| c.is_ascii_digit()));
    glued.then_some("; the Spanish day seems glued to the month, a space missing")
}

fn only_in(
    language: Language,
    occurrence: Occurrence,
    units: &LinkUnits,
    location: &str,
) -> Finding {
    let kind = occurrence.anchor.kind;
    let code = if is_number(kind) {
        FindingCode::NumberMismatch
    } else {
        FindingCode::AnchorMissing
    };
    let other = other_language(language);
    let (en, es) = sides(language, occurrence, units);
    Finding {
        code,
        severity: missing_severity(kind),
        message: format!(
            "{} {} in the {} text is not in the {} text ({location})",
            capitalize(anchor_noun(kind)),
            shown(&occurrence),
            language_name(language),
            language_name(other)
        ),
        en,
        es,
        members: Vec::new(),
    }
}

/// Both sides' units, with the anchor marked on the side that has it.
fn sides(language: Language, occurrence: Occurrence, units: &LinkUnits) -> (Side, Side) {
    let (en, es) = (units_side(&units.en), units_side(&units.es));
    match language {
        Language::En => (marked(en, occurrence), es),
        Language::Es => (en, marked(es, occurrence)),
    }
}

fn marked(mut side: Side, occurrence: Occurrence) -> Side {
    side.marks.push(occurrence.mark());
    side
}
