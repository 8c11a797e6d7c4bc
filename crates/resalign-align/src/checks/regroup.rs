//! The links as the checks read them: the aligner's links, except that a paragraph it left
//! without counterpart joins a neighbouring 1-1 link when the text shows it to be one half of a
//! merge or a split. The aligner links the half that matches best and has no better place for
//! the other; read as a 2-1 or 1-2 link, the pair gets one finding that says what happened,
//! and the neighbour's citations, calls and length are compared with both halves. Two
//! paragraphs left alone around a link that fit crosswise are a swap (see `content`), and stay
//! as they are.

use resalign_core::{Language, Unit, UnitKind};

use super::context::{LinkUnits, Pair, Place};
use super::length::{deviation, length};
use super::seams::{merge_seam, split_seam};

/// How far (in spreads of the length model) a neighbour's length must be from its
/// counterpart's alone to read a lonely paragraph as part of it on length alone, and how close
/// it must come with the lonely paragraph added.
const ALONE_OFF_BY: f64 = 3.0;
const JOINED_WITHIN: f64 = 3.5;

/// The units of every link, lonely halves of merges and splits joined to their other half.
pub(crate) fn regrouped<'a>(pair: &Pair<'a>) -> Vec<LinkUnits<'a>> {
    let mut groups: Vec<LinkUnits<'a>> = pair
        .alignment
        .links
        .iter()
        .map(|link| pair.link_units(link))
        .collect();
    // A paragraph left alone on each side around a link is a swap, not halves of a merge.
    let swapped = super::content::swap_windows(&groups);
    for index in 0..groups.len() {
        if swapped.contains(&index) {
            continue;
        }
        let Some((target, place)) = other_half(&groups, index) else {
            continue;
        };
        let lonely = groups
            .get_mut(index)
            .map(std::mem::take)
            .unwrap_or_default();
        if let Some(group) = groups.get_mut(target) {
            group.absorb(lonely, place);
        }
    }
    groups.retain(|group| !group.en.is_empty() || !group.es.is_empty());
    groups
}

/// The neighbouring link that holds the other half of the lonely paragraph at `index`, and
/// where the lonely half goes in it.
fn other_half(groups: &[LinkUnits], index: usize) -> Option<(usize, Place)> {
    let group = groups.get(index)?;
    let (lonely, language) = match (group.en.as_slice(), group.es.as_slice()) {
        ([lonely], []) => (*lonely, Language::En),
        ([], [lonely]) => (*lonely, Language::Es),
        _ => return None,
    };
    if lonely.kind == UnitKind::Heading {
        return None;
    }
    // The lonely half comes after the link before it, and before the link after it.
    let before = index.checked_sub(1).map(|before| (before, Place::After));
    let after = Some((index + 1, Place::Before));
    [before, after]
        .into_iter()
        .flatten()
        .find(|&(neighbour, place)| {
            groups
                .get(neighbour)
                .and_then(LinkUnits::one_to_one)
                .is_some_and(|(en, es)| halves_of_one(language, lonely, place, en, es))
        })
}

/// Whether the lonely paragraph and the neighbour's paragraph on its side are one paragraph
/// on the other side: the lengths fit together, and either fit far worse apart or the text
/// bears the seam.
fn halves_of_one(language: Language, lonely: &Unit, place: Place, en: &Unit, es: &Unit) -> bool {
    let joined_length = |own: &Unit| length(own) + 1 + length(lonely);
    let (alone, joined) = match language {
        Language::En => (
            deviation(length(en), length(es)),
            deviation(joined_length(en), length(es)),
        ),
        Language::Es => (
            -deviation(length(en), length(es)),
            -deviation(length(en), joined_length(es)),
        ),
    };
    if joined.abs() > JOINED_WITHIN {
        return false;
    }
    let own = match language {
        Language::En => en,
        Language::Es => es,
    };
    let (first, second) = match place {
        Place::After => (own, lonely),
        Place::Before => (lonely, own),
    };
    let seam = match language {
        Language::En => merge_seam(first, second, es),
        Language::Es => split_seam(en, second),
    };
    alone >= ALONE_OFF_BY || seam
}
