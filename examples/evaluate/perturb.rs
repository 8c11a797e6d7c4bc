//! Faults injected into the Spanish document of a pair, the way careless translation and page
//! breaks produce them: paragraphs removed, split in two, merged with the next, two numbered
//! paragraphs swapped but numbered as before, a paragraph cut to half its length, and citations
//! altered (a digit changed, which also moves a date). The gold follows the edits; a swapped
//! pair keeps its gold links by number, which is how the aligner should link it.

use std::collections::BTreeSet;

use resalign_core::{
    AnchorKind, Document, FootnoteCall, Language, Unit, UnitId, UnitKind, anchors,
};

use crate::gold::Gold;
use crate::rng::Rng;

/// The generator of one pair's faults: the run's seed mixed with the pair's name, so that a
/// pair gets the same faults whatever the other pairs are.
pub fn pair_rng(seed: u64, name: &str) -> Rng {
    let mixed = name
        .bytes()
        .fold(seed ^ 0x9E37_79B9_7F4A_7C15, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x1000_0000_01b3)
        });
    Rng::new(mixed)
}

/// `items` in an order the generator chooses (Fisher–Yates).
pub fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for index in (1..items.len()).rev() {
        items.swap(index, rng.below(index + 1));
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FaultKind {
    Removed,
    Split,
    Merged,
    AnchorAltered,
    /// A footnote dropped (its calls too) and the later ones numbered one lower.
    FootnoteRemoved,
    /// The texts of two consecutive numbered paragraphs exchanged, their numbers kept.
    Swapped,
    /// The second half of a paragraph's text dropped (its closing punctuation kept).
    Cut,
}

impl FaultKind {
    pub const ALL: [FaultKind; 7] = [
        FaultKind::Removed,
        FaultKind::Split,
        FaultKind::Merged,
        FaultKind::AnchorAltered,
        FaultKind::FootnoteRemoved,
        FaultKind::Swapped,
        FaultKind::Cut,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Removed => "paragraph removed",
            FaultKind::Split => "paragraph split in two",
            FaultKind::Merged => "two paragraphs merged",
            FaultKind::AnchorAltered => "anchor altered",
            FaultKind::FootnoteRemoved => "footnote removed",
            FaultKind::Swapped => "two paragraphs swapped",
            FaultKind::Cut => "paragraph cut by half",
        }
    }
}

/// One injected fault: the English units it concerns and the Spanish units it produced.
#[derive(Clone, Debug)]
pub struct Fault {
    pub kind: FaultKind,
    pub en: Vec<usize>,
    pub es: Vec<usize>,
    /// For an altered anchor, the kind of anchor that was altered.
    pub anchor: Option<AnchorKind>,
    /// For a removed footnote, its English number.
    pub footnote: Option<u32>,
}

/// The Spanish document with faults, its gold against the untouched English document, and the
/// faults.
pub struct Perturbed {
    pub es: Document,
    pub gold: Gold,
    pub faults: Vec<Fault>,
}

/// What happens to one Spanish unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    Keep,
    Remove,
    Split,
    MergeWithNext,
    AlterAnchor,
    SwapWithNext,
    Cut,
}

/// One fault of each kind per this many judged units, and at least one.
const UNITS_PER_FAULT: usize = 60;
/// Units shorter than this are not split or cut.
const MIN_SPLIT_CHARS: usize = 120;

pub fn perturb(en: &Document, es: &Document, gold: &Gold, rng: &mut Rng) -> Perturbed {
    let edits = choose_edits(es, gold, rng);
    let mut perturbed = apply(en, es, gold, &edits);
    let judged: Vec<u32> = gold.es_notes.iter().copied().collect();
    if judged.len() >= 2
        && let Some(&number) = judged.get(rng.below(judged.len()))
    {
        remove_footnote(&mut perturbed, number);
    }
    perturbed
}

/// Drops Spanish footnote `number` and its calls, and numbers the later footnotes one lower.
fn remove_footnote(perturbed: &mut Perturbed, number: u32) {
    let english = perturbed
        .gold
        .footnotes
        .iter()
        .find(|(_, es)| *es == number)
        .map(|&(en, _)| en);
    let renumber = |n: u32| if n > number { n - 1 } else { n };
    let es = &mut perturbed.es;
    es.footnotes.retain(|note| note.number != number);
    for note in &mut es.footnotes {
        note.number = renumber(note.number);
    }
    for unit in &mut es.units {
        if unit.footnote_calls.is_empty() {
            continue;
        }
        let calls: Vec<FootnoteCall> = unit
            .footnote_calls
            .iter()
            .filter(|call| call.number != number)
            .map(|call| FootnoteCall {
                number: renumber(call.number),
                offset: call.offset,
            })
            .collect();
        *unit = rebuilt(unit, unit.text.clone(), calls);
    }
    let gold = &mut perturbed.gold;
    gold.footnotes = gold
        .footnotes
        .iter()
        .filter(|(_, es)| *es != number)
        .map(|&(en, es)| (en, renumber(es)))
        .collect();
    gold.es_notes = gold
        .es_notes
        .iter()
        .filter(|&&es| es != number)
        .map(|&es| renumber(es))
        .collect();
    perturbed.faults.push(Fault {
        kind: FaultKind::FootnoteRemoved,
        en: Vec::new(),
        es: Vec::new(),
        anchor: None,
        footnote: english,
    });
}

/// Picks the units to edit: Spanish units with exactly one gold counterpart, never next to
/// another edited unit, so that each fault stands alone.
fn choose_edits(es: &Document, gold: &Gold, rng: &mut Rng) -> Vec<Edit> {
    let counterparts = counterpart_counts(gold, es.units.len());
    let simple = |position: usize| counterparts.get(position).is_some_and(|&count| count == 1);
    let mut edits = vec![Edit::Keep; es.units.len()];
    let per_kind = 1 + gold.covered_units().1 / UNITS_PER_FAULT;
    let mut order: Vec<usize> = (0..es.units.len()).filter(|&p| simple(p)).collect();
    shuffle(rng, &mut order);
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let free = |taken: &BTreeSet<usize>, position: usize, width: usize| {
        (position.saturating_sub(1)..=position + width + 1).all(|p| !taken.contains(&p))
    };
    for (edit, fits) in [
        (Edit::AlterAnchor, fits_alteration as fn(&Unit) -> bool),
        (Edit::Split, |unit: &Unit| {
            unit.text.chars().count() >= MIN_SPLIT_CHARS
        }),
        (Edit::Remove, |_: &Unit| true),
        (Edit::MergeWithNext, |_: &Unit| true),
        (Edit::SwapWithNext, is_numbered_paragraph),
        (Edit::Cut, |unit: &Unit| {
            is_paragraph(unit) && unit.text.chars().count() >= MIN_SPLIT_CHARS
        }),
    ] {
        let width = if matches!(edit, Edit::MergeWithNext | Edit::SwapWithNext) {
            1
        } else {
            0
        };
        let mut placed = 0;
        for &position in &order {
            if placed == per_kind {
                break;
            }
            let Some(unit) = es.units.get(position) else {
                continue;
            };
            let next_ok = width == 0
                || (simple(position + 1)
                    && (edit != Edit::SwapWithNext
                        || es
                            .units
                            .get(position + 1)
                            .is_some_and(is_numbered_paragraph)));
            if fits(unit) && next_ok && free(&taken, position, width) {
                edits[position] = edit;
                taken.extend(position..=position + width);
                placed += 1;
            }
        }
    }
    edits
}

/// A paragraph of the text (not a heading or a table), which can be cut short.
fn is_paragraph(unit: &Unit) -> bool {
    matches!(
        unit.kind,
        UnitKind::Preambular
            | UnitKind::Operative
            | UnitKind::Subparagraph
            | UnitKind::AnnexParagraph
    )
}

/// A numbered operative or annex paragraph, whose number holds it in place.
fn is_numbered_paragraph(unit: &Unit) -> bool {
    matches!(
        unit.label.as_ref().map(|label| &label.value),
        Some(resalign_core::LabelValue::Number(_))
    ) && unit.parent.is_none()
}

fn counterpart_counts(gold: &Gold, es_len: usize) -> Vec<usize> {
    let mut counts = vec![0; es_len];
    let mut en_counts = std::collections::BTreeMap::new();
    for &(en, _) in &gold.links {
        *en_counts.entry(en).or_insert(0) += 1;
    }
    for &(en, es) in &gold.links {
        if en_counts.get(&en) == Some(&1)
            && let Some(count) = counts.get_mut(es)
        {
            *count += 1;
        }
    }
    counts
}

fn fits_alteration(unit: &Unit) -> bool {
    alterable_digit(unit).is_some()
}

/// A digit inside a citation anchor of the unit, and the anchor's kind.
fn alterable_digit(unit: &Unit) -> Option<(usize, AnchorKind)> {
    unit.anchors
        .iter()
        .filter(|anchor| anchor.kind != AnchorKind::FootnoteCall)
        .find_map(|anchor| {
            let text = unit.text.get(anchor.range.start..anchor.range.end)?;
            let offset = text.bytes().rposition(|byte| byte.is_ascii_digit())?;
            Some((anchor.range.start + offset, anchor.kind))
        })
}

fn apply(en: &Document, es: &Document, gold: &Gold, edits: &[Edit]) -> Perturbed {
    let mut units: Vec<Unit> = Vec::with_capacity(es.units.len());
    let mut origins: Vec<Vec<usize>> = Vec::with_capacity(es.units.len());
    let mut faults = Vec::new();
    let mut used_ids: BTreeSet<String> = es.units.iter().map(|u| u.id.to_string()).collect();
    let counterparts = |positions: &[usize]| -> Vec<usize> {
        gold.links
            .iter()
            .filter(|(_, es)| positions.contains(es))
            .map(|&(en, _)| en)
            .collect()
    };
    let mut position = 0;
    while let Some(unit) = es.units.get(position) {
        let edit = edits.get(position).copied().unwrap_or(Edit::Keep);
        match edit {
            Edit::Keep => {
                units.push(unit.clone());
                origins.push(vec![position]);
            }
            Edit::Remove => faults.push(Fault {
                kind: FaultKind::Removed,
                en: counterparts(&[position]),
                es: Vec::new(),
                anchor: None,
                footnote: None,
            }),
            Edit::Split => {
                let (first, second) = split(unit, &mut used_ids);
                faults.push(Fault {
                    kind: FaultKind::Split,
                    en: counterparts(&[position]),
                    es: vec![units.len(), units.len() + 1],
                    anchor: None,
                    footnote: None,
                });
                units.push(first);
                units.push(second);
                origins.push(vec![position]);
                origins.push(vec![position]);
            }
            Edit::MergeWithNext => {
                let next = es.units.get(position + 1);
                faults.push(Fault {
                    kind: FaultKind::Merged,
                    en: counterparts(&[position, position + 1]),
                    es: vec![units.len()],
                    anchor: None,
                    footnote: None,
                });
                units.push(next.map_or_else(|| unit.clone(), |next| merge(unit, next)));
                origins.push(vec![position, position + 1]);
                position += 1;
            }
            Edit::SwapWithNext => {
                let next = es.units.get(position + 1).unwrap_or(unit);
                faults.push(Fault {
                    kind: FaultKind::Swapped,
                    en: counterparts(&[position, position + 1]),
                    es: vec![units.len(), units.len() + 1],
                    anchor: None,
                    footnote: None,
                });
                units.push(with_text_of(unit, next));
                units.push(with_text_of(next, unit));
                origins.push(vec![position]);
                origins.push(vec![position + 1]);
                position += 1;
            }
            Edit::Cut => {
                faults.push(Fault {
                    kind: FaultKind::Cut,
                    en: counterparts(&[position]),
                    es: vec![units.len()],
                    anchor: None,
                    footnote: None,
                });
                units.push(cut_by_half(unit));
                origins.push(vec![position]);
            }
            Edit::AlterAnchor => {
                let (altered, kind) = alter_anchor(unit);
                faults.push(Fault {
                    kind: FaultKind::AnchorAltered,
                    en: counterparts(&[position]),
                    es: vec![units.len()],
                    anchor: kind,
                    footnote: None,
                });
                units.push(altered);
                origins.push(vec![position]);
            }
        }
        position += 1;
    }
    let mut gold = follow(gold, en.units.len(), &origins);
    // A swapped pair may be linked by number or by content: both are sound, so neither is
    // judged as a link; the checks must report the swap.
    for fault in faults
        .iter()
        .filter(|fault| fault.kind == FaultKind::Swapped)
    {
        for &position in &fault.es {
            if let Some(covered) = gold.es_covered.get_mut(position) {
                *covered = false;
            }
        }
    }
    Perturbed {
        es: Document {
            units,
            ..es.clone()
        },
        gold,
        faults,
    }
}

/// The gold of the edited document: a new unit links where the units it came from linked, and
/// is judged when they all were.
fn follow(gold: &Gold, en_len: usize, origins: &[Vec<usize>]) -> Gold {
    let mut links = BTreeSet::new();
    let mut es_covered = Vec::with_capacity(origins.len());
    for (position, from) in origins.iter().enumerate() {
        for &(en, es) in &gold.links {
            if from.contains(&es) {
                links.insert((en, position));
            }
        }
        es_covered.push(
            from.iter()
                .all(|&es| gold.es_covered.get(es).copied().unwrap_or(false)),
        );
    }
    let mut en_covered = gold.en_covered.clone();
    en_covered.resize(en_len, false);
    Gold {
        links,
        en_covered,
        es_covered,
        markup: gold.markup,
        footnotes: gold.footnotes.clone(),
        en_notes: gold.en_notes.clone(),
        es_notes: gold.es_notes.clone(),
    }
}

/// Cuts a unit at the clause boundary nearest its middle; the second half is an unlabelled
/// unit, as a page break leaves it.
fn split(unit: &Unit, used_ids: &mut BTreeSet<String>) -> (Unit, Unit) {
    let cut = cut_point(&unit.text);
    let head = unit
        .text
        .get(..cut)
        .unwrap_or_default()
        .trim_end()
        .to_string();
    let tail = unit.text.get(cut..).unwrap_or_default().to_string();
    let (head_calls, tail_calls): (Vec<FootnoteCall>, Vec<FootnoteCall>) = unit
        .footnote_calls
        .iter()
        .partition(|call| call.offset <= head.len());
    let tail_calls: Vec<FootnoteCall> = tail_calls
        .into_iter()
        .map(|call| FootnoteCall {
            number: call.number,
            offset: call.offset.saturating_sub(cut),
        })
        .collect();
    let first = rebuilt(unit, head, head_calls);
    let mut second = rebuilt(unit, tail, tail_calls);
    second.id = fresh_id(used_ids);
    second.label = None;
    second.opening_phrase = None;
    second.eid = None;
    (first, second)
}

/// After `, `, `; ` or `: ` nearest the middle of the text, else after the space nearest it.
fn cut_point(text: &str) -> usize {
    let middle = text.len() / 2;
    let nearest = |candidates: Vec<usize>| {
        candidates
            .into_iter()
            .filter(|&at| at > text.len() / 4 && at < text.len() * 3 / 4)
            .min_by_key(|&at| at.abs_diff(middle))
    };
    let clauses = [", ", "; ", ": "]
        .iter()
        .flat_map(|separator| text.match_indices(separator).map(|(at, s)| at + s.len()))
        .collect();
    let spaces = text.match_indices(' ').map(|(at, _)| at + 1).collect();
    nearest(clauses)
        .or_else(|| nearest(spaces))
        .unwrap_or(middle)
        .min(text.len())
}

fn fresh_id(used_ids: &mut BTreeSet<String>) -> UnitId {
    let id = (1..)
        .map(|n| format!("text.{}", 900 + n))
        .find(|candidate| !used_ids.contains(candidate))
        .unwrap_or_default();
    used_ids.insert(id.clone());
    UnitId::new(id)
}

/// `unit` in its place, with its id, number and spans, but `other`'s text.
fn with_text_of(unit: &Unit, other: &Unit) -> Unit {
    Unit {
        text: other.text.clone(),
        footnote_calls: other.footnote_calls.clone(),
        anchors: other.anchors.clone(),
        opening_phrase: other.opening_phrase.clone(),
        ..unit.clone()
    }
}

/// The unit with the text after the clause boundary nearest its middle left out, and its
/// closing punctuation put back.
fn cut_by_half(unit: &Unit) -> Unit {
    let cut = cut_point(&unit.text);
    let closing: String = unit
        .text
        .chars()
        .next_back()
        .filter(|c| c.is_ascii_punctuation())
        .map(String::from)
        .unwrap_or_default();
    let head = unit
        .text
        .get(..cut)
        .unwrap_or_default()
        .trim_end()
        .trim_end_matches([',', ';', ':']);
    let text = format!("{head}{closing}");
    let calls = unit
        .footnote_calls
        .iter()
        .filter(|call| call.offset <= head.len())
        .copied()
        .collect();
    rebuilt(unit, text, calls)
}

/// Two units as one, the first one's id and label kept.
fn merge(first: &Unit, second: &Unit) -> Unit {
    let offset = first.text.len() + 1;
    let text = format!("{} {}", first.text, second.text);
    let calls = first
        .footnote_calls
        .iter()
        .copied()
        .chain(second.footnote_calls.iter().map(|call| FootnoteCall {
            number: call.number,
            offset: call.offset + offset,
        }))
        .collect();
    let mut merged = rebuilt(first, text, calls);
    merged.spans.extend(second.spans.iter().copied());
    merged
}

/// Changes the last digit of the unit's first citation anchor that has one (`64/293` becomes
/// `64/294`, `30 July 2010` becomes `30 July 2011`).
fn alter_anchor(unit: &Unit) -> (Unit, Option<AnchorKind>) {
    let Some((offset, kind)) = alterable_digit(unit) else {
        return (unit.clone(), None);
    };
    let mut text = unit.text.clone();
    let digit = text.as_bytes().get(offset).copied().unwrap_or(b'0');
    let replacement = if digit == b'9' {
        '0'
    } else {
        char::from(digit + 1)
    };
    text.replace_range(offset..offset + 1, &replacement.to_string());
    (rebuilt(unit, text, unit.footnote_calls.clone()), Some(kind))
}

/// A copy of `unit` with new text and calls, anchors extracted again.
fn rebuilt(unit: &Unit, text: String, calls: Vec<FootnoteCall>) -> Unit {
    Unit {
        anchors: anchors::extract(Language::Es, &text, &calls),
        text,
        footnote_calls: calls,
        ..unit.clone()
    }
}
