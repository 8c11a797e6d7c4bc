//! Paragraph-level structure: paragraphs missing on one side, split or merged, and paragraphs
//! of a different kind (preambular against operative).

use resalign_core::{Document, Language, Severity, Unit, UnitKind};

use super::context::{LinkUnits, Pair, units_side};
use super::headings::layout_only;
use super::length::{deviation, length};
use super::naming::{capitalize, describe_all, describe_capitalized, ids, where_both};
use super::punctuation::Closing;
use super::vocabulary::{language_name, other_language};
use crate::findings::{Finding, FindingCode, Side};

/// A paragraph without counterpart, or a paragraph divided differently on the two sides.
/// `neighbours` are the links before and after, which may hold the rest of a heading that the
/// markup of one language splits in two.
pub(crate) fn check_shape(
    pair: &Pair,
    units: &LinkUnits,
    neighbours: [Option<&LinkUnits>; 2],
    out: &mut Vec<Finding>,
) {
    let shape = (units.en.len(), units.es.len());
    if shape == (1, 1) || shape == (0, 0) || layout_only(units, neighbours) {
        return;
    }
    if let Some(finding) = heading_left_out(pair, units) {
        out.push(finding);
        return;
    }
    out.push(match shape {
        (_, 0) => missing(pair.en, Language::En, &units.en),
        (0, _) => missing(pair.es, Language::Es, &units.es),
        (1, _) => split(pair, units),
        (_, 1) => merged(pair, units),
        _ => boundaries(pair, units),
    });
}

/// How serious a structural difference is: a paragraph lost, added, split or merged must be
/// put right; a heading split or merged reads the same either way.
fn severity(units: &[&Unit]) -> Severity {
    if units.iter().all(|unit| unit.kind == UnitKind::Heading) {
        Severity::Warning
    } else {
        Severity::Error
    }
}

/// How much better (in spreads of the length model) the lengths must fit with a heading run
/// into a paragraph than without, for a heading-and-paragraph link to be read as a merge.
const HEADING_FIT_MARGIN: f64 = 1.0;

/// A heading and a paragraph linked to one paragraph: either the heading's words were run into
/// the paragraph (a merge), or the heading is missing and the aligner could only put it next
/// to the paragraph. A paragraph that ends without punctuation where its counterpart had some
/// has a heading run into its end; otherwise the lengths tell whether the heading is in it.
fn heading_left_out(pair: &Pair, units: &LinkUnits) -> Option<Finding> {
    let (language, pieces, single) = match (units.en.as_slice(), units.es.as_slice()) {
        (pieces @ [_, _], [single]) => (Language::En, pieces, *single),
        ([single], pieces @ [_, _]) => (Language::Es, pieces, *single),
        _ => return None,
    };
    let (paragraph, heading, heading_last) = match pieces {
        [paragraph, heading] if heading.kind == UnitKind::Heading => (*paragraph, *heading, true),
        [heading, paragraph] if heading.kind == UnitKind::Heading => (*paragraph, *heading, false),
        _ => return None,
    };
    if paragraph.kind == UnitKind::Heading || single.kind == UnitKind::Heading {
        return None;
    }
    let run_into_end = heading_last
        && Closing::of(&single.text) == Closing::Nothing
        && Closing::of(&paragraph.text) != Closing::Nothing;
    let fit = |with_heading: usize| match language {
        Language::En => deviation(length(paragraph) + with_heading, length(single)).abs(),
        Language::Es => deviation(length(single), length(paragraph) + with_heading).abs(),
    };
    let heading_inside = fit(length(heading) + 1) + HEADING_FIT_MARGIN < fit(0);
    if run_into_end || heading_inside {
        return None;
    }
    let document = match language {
        Language::En => pair.en,
        Language::Es => pair.es,
    };
    Some(missing(document, language, &[heading]))
}

fn missing(document: &Document, language: Language, units: &[&Unit]) -> Finding {
    let verb = if units.len() == 1 { "has" } else { "have" };
    let message = format!(
        "{} of the {} text {verb} no {} counterpart ({})",
        capitalize(&describe_all(document, units)),
        language_name(language),
        language_name(other_language(language)),
        ids(units)
    );
    let severity = severity(units);
    let side = units_side(units);
    let (code, en, es) = match language {
        Language::En => (FindingCode::MissingInSpanish, side, Side::default()),
        Language::Es => (FindingCode::MissingInEnglish, Side::default(), side),
    };
    Finding {
        code,
        severity,
        message,
        en,
        es,
        members: Vec::new(),
    }
}

fn split(pair: &Pair, units: &LinkUnits) -> Finding {
    Finding {
        code: FindingCode::SplitInSpanish,
        severity: severity(&units.es),
        message: format!(
            "{} of the English text is split into {} paragraphs in the Spanish text ({} → {})",
            capitalize(&describe_all(pair.en, &units.en)),
            units.es.len(),
            ids(&units.en),
            ids(&units.es)
        ),
        en: units_side(&units.en),
        es: units_side(&units.es),
        members: Vec::new(),
    }
}

fn merged(pair: &Pair, units: &LinkUnits) -> Finding {
    Finding {
        code: FindingCode::MergedInSpanish,
        severity: severity(&units.en),
        message: format!(
            "{} of the English text are one paragraph in the Spanish text ({} → {})",
            capitalize(&describe_all(pair.en, &units.en)),
            ids(&units.en),
            ids(&units.es)
        ),
        en: units_side(&units.en),
        es: units_side(&units.es),
        members: Vec::new(),
    }
}

fn boundaries(pair: &Pair, units: &LinkUnits) -> Finding {
    Finding {
        code: FindingCode::BoundariesDiffer,
        severity: Severity::Warning,
        message: format!(
            "{} of the English text are divided at another place in the Spanish text ({} / {})",
            capitalize(&describe_all(pair.en, &units.en)),
            ids(&units.en),
            ids(&units.es)
        ),
        en: units_side(&units.en),
        es: units_side(&units.es),
        members: Vec::new(),
    }
}

/// A preambular paragraph aligned with an operative one, or a paragraph with an item. A
/// heading against a paragraph is left alone: the markup of the two languages often differs
/// there, and the text is compared all the same.
pub(crate) fn check_kind(pair: &Pair, en: &Unit, es: &Unit, out: &mut Vec<Finding>) {
    // An unnumbered operative paragraph against a preambular one is where a converted text
    // left the boundary between the two parts, not a paragraph translated as the other kind: a
    // translation keeps the number an operative paragraph is printed with.
    let unnumbered = |unit: &Unit| unit.kind == UnitKind::Operative && unit.label.is_none();
    if unnumbered(en) || unnumbered(es) {
        return;
    }
    let severity = match (en.kind, es.kind) {
        (UnitKind::Preambular, UnitKind::Operative)
        | (UnitKind::Operative, UnitKind::Preambular) => Severity::Error,
        (UnitKind::Subparagraph, UnitKind::Preambular | UnitKind::Operative)
        | (UnitKind::Preambular | UnitKind::Operative, UnitKind::Subparagraph) => Severity::Warning,
        _ => return,
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
        members: Vec::new(),
    });
}

fn kind_phrase(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Preambular => "a preambular paragraph",
        UnitKind::Operative => "an operative paragraph",
        UnitKind::Subparagraph => "a subparagraph",
        _ => "a different kind of paragraph",
    }
}
