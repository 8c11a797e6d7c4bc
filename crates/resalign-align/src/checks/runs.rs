//! One finding per cause: a run of findings of one code on consecutive links (a Spanish annex
//! whose numbering restarts, a file that ends early) becomes one finding that names the range
//! and keeps the run's findings as its members, so that tools still see every unit.

use resalign_core::{Language, Unit, UnitId};

use super::context::{LinkUnits, units_side};
use crate::findings::{Finding, FindingCode, Side};

/// Shortest run read as one cause, in consecutive links (a numbering finding may already cover
/// several), of at least two findings.
const MIN_RUN: usize = 3;
/// How many labels of each side a numbering run quotes.
const QUOTED_LABELS: usize = 4;

/// A finding and the links it was raised on (the first and the last), if it was raised on
/// links.
pub(crate) struct Placed {
    pub finding: Finding,
    pub links: Option<(usize, usize)>,
}

/// The findings with every run of one cause folded into one finding, in order.
pub(crate) fn fold_runs(groups: &[LinkUnits], placed: Vec<Placed>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(placed.len());
    let mut taken = vec![false; placed.len()];
    for start in 0..placed.len() {
        if taken[start] {
            continue;
        }
        let run = run_from(&placed, start);
        let covered = run
            .first()
            .zip(run.last())
            .and_then(|(&first, &last)| Some(placed[last].links?.1 + 1 - placed[first].links?.0))
            .unwrap_or(0);
        if run.len() < 2 || covered < MIN_RUN {
            taken[start] = true;
            out.push(placed[start].finding.clone());
            continue;
        }
        for &index in &run {
            taken[index] = true;
        }
        let members: Vec<Finding> = run
            .iter()
            .map(|&index| placed[index].finding.clone())
            .collect();
        let link_range = run.first().zip(run.last()).and_then(|(&first, &last)| {
            let first = placed[first].links?.0;
            let last = placed[last].links?.1;
            Some((first, last))
        });
        out.push(grouped(groups, members, link_range));
    }
    out
}

/// The indices of the findings that continue the run opened by `start`: same code, raised on
/// the following links one after another.
fn run_from(placed: &[Placed], start: usize) -> Vec<usize> {
    let first = &placed[start];
    let (Some((_, mut last)), true) = (first.links, groups_by_run(first.finding.code)) else {
        return vec![start];
    };
    let mut run = vec![start];
    for (index, other) in placed.iter().enumerate().skip(start + 1) {
        match other.links {
            Some((next, end)) if next == last + 1 && other.finding.code == first.finding.code => {
                run.push(index);
                last = end;
            }
            Some((next, _)) if next > last + 1 => break,
            _ => {}
        }
    }
    run
}

fn groups_by_run(code: FindingCode) -> bool {
    matches!(
        code,
        FindingCode::MissingInSpanish
            | FindingCode::MissingInEnglish
            | FindingCode::NumberingDiffers
            | FindingCode::KindDiffers
    )
}

fn grouped(groups: &[LinkUnits], members: Vec<Finding>, links: Option<(usize, usize)>) -> Finding {
    let first = &members[0];
    let code = first.code;
    let severity = members
        .iter()
        .map(|member| member.severity)
        .max()
        .unwrap_or(first.severity);
    let (en, es) = match (code, covered_pairs(groups, links)) {
        // A numbering run's findings name the first paragraph of each run of one offset; the
        // group names every paragraph it covers.
        (FindingCode::NumberingDiffers, pairs) if !pairs.is_empty() => {
            let (en, es): (Vec<&Unit>, Vec<&Unit>) = pairs.into_iter().unzip();
            (units_side(&en), units_side(&es))
        }
        _ => (
            union(members.iter().map(|member| &member.en)),
            union(members.iter().map(|member| &member.es)),
        ),
    };
    let message = match code {
        FindingCode::MissingInSpanish => missing_run(groups, Language::En, &en, links),
        FindingCode::MissingInEnglish => missing_run(groups, Language::Es, &es, links),
        FindingCode::NumberingDiffers => numbering_run(groups, &en, &es, links),
        _ => format!(
            "{} consecutive paragraphs ({}): {}",
            members.len(),
            range(&en.units, &es.units),
            first.message
        ),
    };
    Finding {
        code,
        severity,
        message,
        en,
        es,
        members,
    }
}

/// The one-to-one links in a range of links.
fn covered_pairs<'a>(
    groups: &[LinkUnits<'a>],
    links: Option<(usize, usize)>,
) -> Vec<(&'a Unit, &'a Unit)> {
    links
        .and_then(|(first, last)| groups.get(first..=last))
        .unwrap_or_default()
        .iter()
        .filter_map(LinkUnits::one_to_one)
        .collect()
}

fn union<'a>(sides: impl Iterator<Item = &'a Side>) -> Side {
    let mut union = Side::default();
    for side in sides {
        union.units.extend(side.units.iter().cloned());
        union.footnotes.extend(side.footnotes.iter().copied());
        union.spans.extend(side.spans.iter().copied());
        union.marks.extend(side.marks.iter().cloned());
    }
    union
}

/// `The Spanish text ends after pre.70; 255 paragraphs of the English text have no
/// counterpart (pre.71 to op.120)`, or the same for a text that starts late, or a run in the
/// middle.
fn missing_run(
    groups: &[LinkUnits],
    language: Language,
    side: &Side,
    links: Option<(usize, usize)>,
) -> String {
    let (own, other) = match language {
        Language::En => ("English", "Spanish"),
        Language::Es => ("Spanish", "English"),
    };
    let count = side.units.len();
    let ids = range_of(&side.units);
    let Some((first, last)) = links else {
        return format!("{count} paragraphs of the {own} text have no {other} counterpart ({ids})");
    };
    let other_side = |units: &LinkUnits| -> Vec<UnitId> {
        let side = match language {
            Language::En => &units.es,
            Language::Es => &units.en,
        };
        side.iter().map(|unit| unit.id.clone()).collect()
    };
    let before = groups.get(..first).unwrap_or_default();
    let after = groups.get(last + 1..).unwrap_or_default();
    let last_before = before
        .iter()
        .rev()
        .find_map(|units| other_side(units).last().cloned());
    let first_after = after
        .iter()
        .find_map(|units| other_side(units).first().cloned());
    match (last_before, first_after) {
        (Some(end), None) => format!(
            "The {other} text ends after {end}; {count} paragraphs of the {own} text have no \
             counterpart ({ids})"
        ),
        (None, Some(start)) => format!(
            "The {other} text starts only at {start}; {count} paragraphs of the {own} text \
             before it have no counterpart ({ids})"
        ),
        _ => format!(
            "{count} consecutive paragraphs of the {own} text have no {other} counterpart ({ids})"
        ),
    }
}

/// `Numbering differs in 56 consecutive paragraphs (annex1.para.2 to annex1.para.57):
/// English 2., 3., 4., 5. …, Spanish 1., 2., 1., 1. …`
fn numbering_run(
    groups: &[LinkUnits],
    en: &Side,
    es: &Side,
    links: Option<(usize, usize)>,
) -> String {
    let pairs = covered_pairs(groups, links);
    let labels = |side: fn(&(&Unit, &Unit)) -> String| {
        let printed: Vec<String> = pairs.iter().take(QUOTED_LABELS).map(side).collect();
        let more = if pairs.len() > QUOTED_LABELS {
            " …"
        } else {
            ""
        };
        format!("{}{more}", printed.join(", "))
    };
    let (en_ids, es_ids): (Vec<UnitId>, Vec<UnitId>) = pairs
        .iter()
        .map(|(en, es)| (en.id.clone(), es.id.clone()))
        .unzip();
    let (en_ids, es_ids) = if pairs.is_empty() {
        (en.units.clone(), es.units.clone())
    } else {
        (en_ids, es_ids)
    };
    format!(
        "Numbering differs in {} consecutive paragraphs ({}): English {}, Spanish {}",
        en_ids.len().max(es_ids.len()),
        range(&en_ids, &es_ids),
        labels(|(en, _)| printed_label(en)),
        labels(|(_, es)| printed_label(es))
    )
}

fn printed_label(unit: &Unit) -> String {
    unit.label
        .as_ref()
        .map_or_else(|| "no number".to_string(), |label| label.printed.clone())
}

/// `op.3 to op.9`, or `en op.3 to op.9 / es op.3 to op.8` when the sides differ.
fn range(en: &[UnitId], es: &[UnitId]) -> String {
    let (en, es) = (range_of(en), range_of(es));
    if en == es || es.is_empty() {
        en
    } else if en.is_empty() {
        es
    } else {
        format!("en {en} / es {es}")
    }
}

fn range_of(ids: &[UnitId]) -> String {
    match (ids.first(), ids.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
        (Some(first), _) => first.to_string(),
        _ => String::new(),
    }
}
