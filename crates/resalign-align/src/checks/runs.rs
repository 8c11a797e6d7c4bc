//! One finding per cause: a run of findings of one code on consecutive links (a Spanish annex
//! whose numbering restarts, a file that ends early) becomes one finding that names the range
//! and keeps the run's findings as its members, so that tools still see every unit.

use resalign_core::{Document, Language, Unit};

use super::context::Pair;
use crate::findings::{Finding, FindingCode, Side};

/// Shortest run of findings read as one cause.
const MIN_RUN: usize = 3;
/// How many labels of each side a numbering run quotes.
const QUOTED_LABELS: usize = 4;

/// A finding and the link it was raised on, if it was raised on one.
pub(crate) struct Placed {
    pub finding: Finding,
    pub link: Option<usize>,
}

/// The findings with every run of one cause folded into one finding, in order.
pub(crate) fn fold_runs(pair: &Pair, placed: Vec<Placed>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(placed.len());
    let mut taken = vec![false; placed.len()];
    for start in 0..placed.len() {
        if taken[start] {
            continue;
        }
        let run = run_from(&placed, start);
        if run.len() < MIN_RUN {
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
        let link_range = run
            .first()
            .zip(run.last())
            .and_then(|(&first, &last)| placed[first].link.zip(placed[last].link));
        out.push(grouped(pair, members, link_range));
    }
    out
}

/// The indices of the findings that continue the run opened by `start`: same code, raised on
/// the following links one after another.
fn run_from(placed: &[Placed], start: usize) -> Vec<usize> {
    let first = &placed[start];
    let (Some(mut link), true) = (first.link, groups_by_run(first.finding.code)) else {
        return vec![start];
    };
    let mut run = vec![start];
    for (index, other) in placed.iter().enumerate().skip(start + 1) {
        match other.link {
            Some(next) if next == link + 1 && other.finding.code == first.finding.code => {
                run.push(index);
                link = next;
            }
            Some(next) if next > link + 1 => break,
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

fn grouped(pair: &Pair, members: Vec<Finding>, links: Option<(usize, usize)>) -> Finding {
    let first = &members[0];
    let code = first.code;
    let severity = members
        .iter()
        .map(|member| member.severity)
        .max()
        .unwrap_or(first.severity);
    let en = union(members.iter().map(|member| &member.en));
    let es = union(members.iter().map(|member| &member.es));
    let message = match code {
        FindingCode::MissingInSpanish => missing_run(pair, Language::En, &en, links),
        FindingCode::MissingInEnglish => missing_run(pair, Language::Es, &es, links),
        FindingCode::NumberingDiffers => numbering_run(pair, &en, &es),
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
    pair: &Pair,
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
    let counterpart = |link: &crate::alignment::Link| match language {
        Language::En => link.es.last().cloned(),
        Language::Es => link.en.last().cloned(),
    };
    let links = &pair.alignment.links;
    let before = links.get(..first).unwrap_or_default();
    let after = links.get(last + 1..).unwrap_or_default();
    let last_before = before.iter().rev().find_map(counterpart);
    let first_after = after.iter().find_map(|link| match language {
        Language::En => link.es.first().cloned(),
        Language::Es => link.en.first().cloned(),
    });
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
fn numbering_run(pair: &Pair, en: &Side, es: &Side) -> String {
    let labels = |document: &Document, side: &Side| {
        let printed: Vec<String> = side
            .units
            .iter()
            .filter_map(|id| document.unit(id.as_str()))
            .take(QUOTED_LABELS)
            .map(printed_label)
            .collect();
        let more = if side.units.len() > QUOTED_LABELS {
            " …"
        } else {
            ""
        };
        format!("{}{more}", printed.join(", "))
    };
    format!(
        "Numbering differs in {} consecutive paragraphs ({}): English {}, Spanish {}",
        en.units.len().max(es.units.len()),
        range(&en.units, &es.units),
        labels(pair.en, en),
        labels(pair.es, es)
    )
}

fn printed_label(unit: &Unit) -> String {
    unit.label
        .as_ref()
        .map_or_else(|| "no number".to_string(), |label| label.printed.clone())
}

/// `op.3 to op.9`, or `en op.3 to op.9 / es op.3 to op.8` when the sides differ.
fn range(en: &[resalign_core::UnitId], es: &[resalign_core::UnitId]) -> String {
    let (en, es) = (range_of(en), range_of(es));
    if en == es || es.is_empty() {
        en
    } else if en.is_empty() {
        es
    } else {
        format!("en {en} / es {es}")
    }
}

fn range_of(ids: &[resalign_core::UnitId]) -> String {
    match (ids.first(), ids.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
        (Some(first), _) => first.to_string(),
        _ => String::new(),
    }
}
