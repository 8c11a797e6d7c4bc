//! Paragraphs whose numbers agree but whose texts do not: two numbered paragraphs swapped in
//! the Spanish text but numbered as before, or a paragraph replaced by another. Where the
//! numbering holds the alignment in place, the links are there and what gives the swap away is
//! that each link's opening phrases belong to unrelated classes (`Encourages` against
//! `Solicita`) while crosswise they agree. Where the content won, the aligner linked one of the
//! two paragraphs to its moved translation and left the other without counterpart on each
//! side; the numbers then say which paragraphs they were. A single link whose phrases and
//! wording disagree is reported on its own.

use resalign_core::{Language, Severity, Unit, lexicon};

use super::context::{LinkUnits, Pair, units_side};
use super::length::{deviation, length};
use super::naming::{capitalize, describe, describe_all};
use super::runs::Placed;
use crate::findings::{Finding, FindingCode};

/// At most this share of word stems in common (Dice overlap) for a single link to be reported:
/// less than unrelated paragraphs of one resolution share. A swap is told crosswise, which is
/// sharper.
const MAX_UNRELATED_SIMILARITY: f64 = 0.05;
/// Paragraphs swapped further apart than this many links are reported one by one.
const SWAP_REACH: usize = 3;
/// How much more of their word stems two neighbouring links must share crosswise than
/// straight (in Dice overlap, added over both pairs) to be read as swapped when their opening
/// phrases cannot tell (`Requests` and `Also requests`).
const CROSSWISE_MARGIN: f64 = 0.12;
/// How many spreads of the length model the lengths must fit better straight than crosswise to
/// rule out a swap without reading the words.
const LENGTH_MARGIN: f64 = 2.0;
/// Stems are the first letters of longer words, accents folded: `cooper` for `cooperation`
/// and `cooperación`.
const STEM_CHARS: usize = 6;

/// A link whose numbering agrees while its opening phrases disagree.
struct Suspect<'a> {
    index: usize,
    en: &'a Unit,
    es: &'a Unit,
    /// The wording shares no more than unrelated paragraphs do.
    unrelated: bool,
}

/// Reports links whose numbers agree but whose texts are not translations of each other:
/// pairs of them whose texts fit crosswise as swapped paragraphs, the others one by one. Each
/// finding is placed on its links, among the findings already placed.
pub(crate) fn check_content(pair: &Pair, groups: &[LinkUnits], placed: &mut Vec<Placed>) {
    let suspects: Vec<Suspect> = groups
        .iter()
        .enumerate()
        .filter_map(|(index, units)| {
            let (en, es) = units.one_to_one()?;
            let unrelated = disagrees(en, es)?;
            Some(Suspect {
                index,
                en,
                es,
                unrelated,
            })
        })
        .collect();
    let mut reported = vec![false; suspects.len()];
    let mut swaps_by_wording = Vec::new();
    let is_suspect = |unit: &Unit| suspects.iter().any(|suspect| suspect.en.id == unit.id);
    // Neighbouring numbered links whose opening phrases cannot tell a swap (the same class, or
    // none), to be told by their wording.
    let candidates: Vec<usize> = (0..groups.len().saturating_sub(1))
        .filter(|&index| {
            let (Some((en_first, es_first)), Some((en_second, es_second))) =
                (groups[index].one_to_one(), groups[index + 1].one_to_one())
            else {
                return false;
            };
            numbered_alike(en_first, es_first)
                && numbered_alike(en_second, es_second)
                && !(is_suspect(en_first) && is_suspect(en_second))
                && !lengths_rule_out([en_first, es_first, en_second, es_second])
                && phrases_cannot_tell(en_first, en_second)
        })
        .collect();
    // Each paragraph's stems, computed once: a link may be compared with both its neighbours.
    let mut stems_of: Vec<Option<[Vec<u64>; 2]>> = vec![None; groups.len()];
    for &index in &candidates {
        for at in [index, index + 1] {
            if stems_of[at].is_none()
                && let Some((en, es)) = groups[at].one_to_one()
            {
                stems_of[at] = Some([stems(&en.text), stems(&es.text)]);
            }
        }
    }
    for index in candidates {
        let (Some((en_first, es_first)), Some((en_second, es_second))) =
            (groups[index].one_to_one(), groups[index + 1].one_to_one())
        else {
            continue;
        };
        let first = Suspect {
            index,
            en: en_first,
            es: es_first,
            unrelated: false,
        };
        let second = Suspect {
            index: index + 1,
            en: en_second,
            es: es_second,
            unrelated: false,
        };
        let (Some([en_first_stems, es_first_stems]), Some([en_second_stems, es_second_stems])) =
            (&stems_of[index], &stems_of[index + 1])
        else {
            continue;
        };
        let stems = [
            &en_first_stems[..],
            &es_first_stems[..],
            &en_second_stems[..],
            &es_second_stems[..],
        ];
        if worded_crosswise(&first, &second, stems) {
            swaps_by_wording.push((first, second));
        }
    }
    for (first, second) in &swaps_by_wording {
        for (flag, suspect) in reported.iter_mut().zip(&suspects) {
            if suspect.index == first.index || suspect.index == second.index {
                *flag = true;
            }
        }
        insert(
            placed,
            swapped(pair, first, second),
            (first.index, second.index),
        );
    }
    for first in 0..suspects.len() {
        if reported[first] {
            continue;
        }
        let partner = (first + 1..suspects.len()).find(|&second| {
            !reported[second]
                && suspects[second].index - suspects[first].index <= SWAP_REACH
                && fit_crosswise(&suspects[first], &suspects[second])
        });
        let (links, finding) = match partner {
            Some(second) => {
                reported[second] = true;
                (
                    (suspects[first].index, suspects[second].index),
                    swapped(pair, &suspects[first], &suspects[second]),
                )
            }
            None if suspects[first].unrelated => (
                (suspects[first].index, suspects[first].index),
                replaced(pair, &suspects[first]),
            ),
            None => continue,
        };
        reported[first] = true;
        insert(placed, finding, links);
    }
    for (start, width) in swap_window_spans(groups) {
        let Some((first, second)) = swapped_around(&groups[start..start + width]) else {
            continue;
        };
        // What the aligner made of the two paragraphs (one without counterpart on each side, a
        // split, a merge) and the numbers that then differ are this one swap.
        let within = |links: Option<(usize, usize)>| {
            links.is_some_and(|(first, _)| (start..start + width).contains(&first))
        };
        placed.retain(|placed| {
            !(within(placed.links)
                && matches!(
                    placed.finding.code,
                    FindingCode::MissingInSpanish
                        | FindingCode::MissingInEnglish
                        | FindingCode::SplitInSpanish
                        | FindingCode::MergedInSpanish
                        | FindingCode::BoundariesDiffer
                        | FindingCode::NumberingDiffers
                ))
        });
        insert(
            placed,
            swapped(pair, &first, &second),
            (start, start + width - 1),
        );
    }
}

/// Places a finding after those raised on the links up to its last one.
fn insert(placed: &mut Vec<Placed>, finding: Finding, links: (usize, usize)) {
    let at =
        placed.partition_point(|placed| placed.links.is_none_or(|(first, _)| first <= links.1));
    placed.insert(
        at,
        Placed {
            finding,
            links: Some(links),
        },
    );
}

/// Where each swap the aligner linked by content lies: the first link and how many.
fn swap_window_spans(groups: &[LinkUnits]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for start in 0..groups.len() {
        if spans
            .last()
            .is_some_and(|&(from, width)| start < from + width)
        {
            continue;
        }
        let found = [2, 3].into_iter().find(|&width| {
            groups
                .get(start..start + width)
                .is_some_and(|window| swapped_around(window).is_some())
        });
        if let Some(width) = found {
            spans.push((start, width));
        }
    }
    spans
}

/// The links that hold a swap the aligner linked by content.
pub(crate) fn swap_windows(groups: &[LinkUnits]) -> Vec<usize> {
    swap_window_spans(groups)
        .into_iter()
        .flat_map(|(start, width)| start..start + width)
        .collect()
}

/// Two numbered paragraphs swapped where the aligner followed the content: two or three links
/// that hold two paragraphs on each side, not one to one (one paragraph without counterpart
/// on each side around the moved translation, or a split or merge with one left alone), the
/// Spanish numbers in the English places, and texts that fit crosswise. Gives the two English
/// paragraphs with the Spanish paragraphs that bear their numbers.
fn swapped_around<'a>(window: &[LinkUnits<'a>]) -> Option<(Suspect<'a>, Suspect<'a>)> {
    let one_to_one = window.iter().all(|units| units.one_to_one().is_some());
    let empty_link = window
        .iter()
        .any(|units| units.en.is_empty() && units.es.is_empty());
    let counts = window.iter().fold((0, 0), |(en, es), units| {
        (en + units.en.len(), es + units.es.len())
    });
    if one_to_one || empty_link || counts != (2, 2) {
        return None;
    }
    let en: Vec<&Unit> = window
        .iter()
        .flat_map(|units| units.en.iter().copied())
        .collect();
    let es: Vec<&Unit> = window
        .iter()
        .flat_map(|units| units.es.iter().copied())
        .collect();
    let (&[en_first, en_second], &[es_first, es_second]) = (en.as_slice(), es.as_slice()) else {
        return None;
    };
    let first = Suspect {
        index: 0,
        en: en_first,
        es: es_first,
        unrelated: false,
    };
    let second = Suspect {
        index: 0,
        en: en_second,
        es: es_second,
        unrelated: false,
    };
    (numbered_alike(en_first, es_first)
        && numbered_alike(en_second, es_second)
        && (fit_crosswise(&first, &second)
            || worded_crosswise(
                &first,
                &second,
                [
                    &stems(&en_first.text),
                    &stems(&es_first.text),
                    &stems(&en_second.text),
                    &stems(&es_second.text),
                ],
            )))
    .then_some((first, second))
}

/// Whether the lengths fit straight so much better than crosswise that the two links cannot be
/// a swap: swapped, the crosswise pairs are the translations.
fn lengths_rule_out([en_first, es_first, en_second, es_second]: [&Unit; 4]) -> bool {
    let fit = |en: &Unit, es: &Unit| deviation(length(en), length(es)).abs();
    let straight = fit(en_first, es_first) + fit(en_second, es_second);
    let crosswise = fit(en_first, es_second) + fit(en_second, es_first);
    straight + LENGTH_MARGIN < crosswise
}

/// Whether two neighbouring English paragraphs open alike (classes of one family) or without a
/// phrase the lexicon knows: swapped, their phrases would still agree with the Spanish ones.
fn phrases_cannot_tell(first: &Unit, second: &Unit) -> bool {
    let class = |unit: &Unit| lexicon::opening_phrase(Language::En, &unit.text).map(|o| o.class);
    match (class(first), class(second)) {
        (Some(first), Some(second)) => first.is_related(second),
        _ => true,
    }
}

/// Whether both units are numbered paragraphs with the same number.
fn numbered_alike(en: &Unit, es: &Unit) -> bool {
    let number = |unit: &Unit| match unit.label.as_ref().map(|label| &label.value) {
        Some(resalign_core::LabelValue::Number(number)) if unit.parent.is_none() => Some(*number),
        _ => None,
    };
    number(en).is_some() && number(en) == number(es)
}

/// Whether two neighbouring links share far more words crosswise than straight, and their
/// opening phrases do not say otherwise. `stems` are those of the first link's English and
/// Spanish paragraphs, then the second's.
fn worded_crosswise(first: &Suspect, second: &Suspect, stems: [&[u64]; 4]) -> bool {
    let [en_first, es_first, en_second, es_second] = stems;
    let straight = dice(en_first, es_first) + dice(en_second, es_second);
    let crosswise = dice(en_first, es_second) + dice(en_second, es_first);
    if crosswise <= straight + CROSSWISE_MARGIN {
        return false;
    }
    let phrases_allow = |en: &Unit, es: &Unit| match (
        lexicon::opening_phrase(Language::En, &en.text),
        lexicon::opening_phrase(Language::Es, &es.text),
    ) {
        (Some(en), Some(es)) => en.class.is_related(es.class),
        _ => true,
    };
    phrases_allow(first.en, second.es) && phrases_allow(second.en, first.es)
}

/// The stems of a text's longer words, accents folded and lower case, as a sorted set of their
/// hashes (FNV-1a): compared by the thousand, they need no strings of their own.
fn stems(text: &str) -> Vec<u64> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut stems = Vec::new();
    let (mut hash, mut letters) = (OFFSET, 0);
    // One pass: a word's first letters are hashed as they come, its stem kept when it ends.
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            if letters < STEM_CHARS {
                hash = (hash ^ u64::from(fold(c))).wrapping_mul(PRIME);
            }
            letters += 1;
            continue;
        }
        if letters >= STEM_CHARS {
            stems.push(hash);
        }
        (hash, letters) = (OFFSET, 0);
    }
    stems.sort_unstable();
    stems.dedup();
    stems
}

fn fold(c: char) -> char {
    let lower = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    };
    match lower {
        'á' | 'à' | 'ä' => 'a',
        'é' | 'è' | 'ë' => 'e',
        'í' | 'ï' => 'i',
        'ó' | 'ö' => 'o',
        'ú' | 'ü' => 'u',
        'ñ' => 'n',
        other => other,
    }
}

/// The Dice overlap of two sorted sets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * f64::from(shared) / (a.len() + b.len()) as f64
}

/// When two paragraphs are numbered alike and open with phrases of unrelated classes: whether
/// their wording shares no more than unrelated paragraphs do.
fn disagrees(en: &Unit, es: &Unit) -> Option<bool> {
    if !numbered_alike(en, es) {
        return None;
    }
    let en_class = lexicon::opening_phrase(Language::En, &en.text)?.class;
    let es_class = lexicon::opening_phrase(Language::Es, &es.text)?.class;
    if en_class.is_related(es_class) {
        return None;
    }
    Some(dice(&stems(&en.text), &stems(&es.text)) <= MAX_UNRELATED_SIMILARITY)
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
    Finding {
        code: FindingCode::ParagraphsSwapped,
        severity: Severity::Error,
        message: format!(
            "{} seem swapped in the Spanish text: each Spanish paragraph translates the other \
             English one (“{}” and “{}” against “{}” and “{}”) ({}, {})",
            capitalize(&describe_all(pair.en, &[first.en, second.en])),
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
