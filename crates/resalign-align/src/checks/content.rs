//! Paragraphs whose numbers agree but whose texts do not: two numbered paragraphs swapped in
//! the Spanish text but numbered as before, or a paragraph replaced by another. The numbering
//! holds the alignment in place, so the link is there; what gives it away is that the opening
//! phrases belong to different classes (`Encourages` against `Solicita`) and the wording shares
//! no more than unrelated paragraphs do.

use std::collections::HashMap;

use resalign_core::{Language, Severity, Unit, lexicon};

use super::context::{LinkUnits, Pair, units_side};
use super::naming::{capitalize, describe};
use crate::alignment::{Evidence, Link};
use crate::findings::{Finding, FindingCode};

/// At most this share of stems in common (the Dice overlap of the link's evidence): what
/// unrelated paragraphs of a pair share (0.2), with room for the words of a resolution's theme
/// that all its paragraphs use. Translations of each other share far more.
const MAX_UNRELATED_SIMILARITY: f64 = 0.3;
/// Paragraphs swapped further apart than this many links are reported one by one.
const SWAP_REACH: usize = 3;

/// A link whose numbering agrees while its opening phrases and content disagree.
struct Suspect<'a> {
    index: usize,
    en: &'a Unit,
    es: &'a Unit,
}

/// Reports links whose numbers agree but whose texts are not translations of each other:
/// pairs of them whose texts fit crosswise as swapped paragraphs, the others one by one. Each
/// finding is placed on its link (`links` runs beside `findings`).
pub(crate) fn check_content(
    pair: &Pair,
    groups: &[LinkUnits],
    findings: &mut Vec<Finding>,
    links: &mut Vec<usize>,
) {
    let by_en: HashMap<&str, &Link> = pair
        .alignment
        .links
        .iter()
        .filter(|link| link.en.len() == 1 && link.es.len() == 1)
        .filter_map(|link| link.en.first().map(|id| (id.as_str(), link)))
        .collect();
    let suspects: Vec<Suspect> = groups
        .iter()
        .enumerate()
        .filter_map(|(index, units)| {
            let (en, es) = units.one_to_one()?;
            let link = by_en.get(en.id.as_str())?;
            disagrees(link).then_some(Suspect { index, en, es })
        })
        .collect();
    let mut reported = vec![false; suspects.len()];
    for first in 0..suspects.len() {
        if reported[first] {
            continue;
        }
        let partner = (first + 1..suspects.len()).find(|&second| {
            !reported[second]
                && suspects[second].index - suspects[first].index <= SWAP_REACH
                && fit_crosswise(&suspects[first], &suspects[second])
        });
        let (index, finding) = match partner {
            Some(second) => {
                reported[second] = true;
                (
                    suspects[second].index,
                    swapped(pair, &suspects[first], &suspects[second]),
                )
            }
            None => (suspects[first].index, replaced(pair, &suspects[first])),
        };
        reported[first] = true;
        let at = links.partition_point(|&link| link <= index);
        findings.insert(at, finding);
        links.insert(at, index);
    }
}

/// The link's evidence: numbering that agrees, opening phrases of unrelated classes, and no
/// more words in common than unrelated paragraphs.
fn disagrees(link: &Link) -> bool {
    let mut numbering_agrees = false;
    let mut phrases_disagree = false;
    let mut unrelated_wording = false;
    for evidence in &link.evidence {
        match evidence {
            Evidence::Numbering { agrees, en, .. } => numbering_agrees = *agrees && en.is_some(),
            Evidence::OpeningPhrase {
                en: Some(_),
                es: Some(_),
                agrees,
            } => phrases_disagree = !agrees,
            Evidence::Vocabulary { similarity, .. } => {
                unrelated_wording = *similarity <= MAX_UNRELATED_SIMILARITY;
            }
            _ => {}
        }
    }
    numbering_agrees && phrases_disagree && unrelated_wording
}

/// Whether each Spanish paragraph opens the way the other English one does.
fn fit_crosswise(first: &Suspect, second: &Suspect) -> bool {
    let class = |language: Language, unit: &Unit| {
        lexicon::opening_phrase(language, &unit.text).map(|opening| opening.class)
    };
    let related = |en: &Unit, es: &Unit| match (class(Language::En, en), class(Language::Es, es)) {
        (Some(en), Some(es)) => en.is_related(es),
        _ => false,
    };
    related(first.en, second.es) && related(second.en, first.es)
}

fn swapped(pair: &Pair, first: &Suspect, second: &Suspect) -> Finding {
    let (first_name, second_name) = (describe(pair.en, first.en), describe(pair.en, second.en));
    Finding {
        code: FindingCode::ParagraphsSwapped,
        severity: Severity::Error,
        message: format!(
            "{} and {} seem swapped in the Spanish text: each Spanish paragraph translates the \
             other English one (“{}” and “{}” against “{}” and “{}”) ({}, {})",
            capitalize(&first_name),
            second_name,
            opening(Language::En, first.en),
            opening(Language::En, second.en),
            opening(Language::Es, first.es),
            opening(Language::Es, second.es),
            first.en.id,
            second.en.id
        ),
        en: units_side(&[first.en, second.en]),
        es: units_side(&[first.es, second.es]),
        members: Vec::new(),
    }
}

fn replaced(pair: &Pair, suspect: &Suspect) -> Finding {
    Finding {
        code: FindingCode::ContentDiffers,
        severity: Severity::Warning,
        message: format!(
            "The Spanish text of {} does not read as a translation of the English: it opens \
             with “{}” where the English has “{}”, and they share few words; check for a \
             paragraph moved or replaced ({})",
            describe(pair.en, suspect.en),
            opening(Language::Es, suspect.es),
            opening(Language::En, suspect.en),
            suspect.en.id
        ),
        en: units_side(&[suspect.en]),
        es: units_side(&[suspect.es]),
        members: Vec::new(),
    }
}

/// The unit's opening phrase as printed, or its first words.
fn opening(language: Language, unit: &Unit) -> String {
    lexicon::opening_phrase(language, &unit.text).map_or_else(
        || {
            unit.text
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        },
        |opening| opening.phrase(&unit.text).to_string(),
    )
}
