//! Whether two documents are versions of one resolution: their metadata when both have it
//! (numbers, symbols, organs, dates), otherwise what the alignment found (how many units found
//! a confident counterpart, how many citations the two share).

use std::collections::BTreeSet;

use resalign_core::{AnchorKind, Document, Language, Metadata, Organ, SymbolProvenance};

use crate::alignment::{Evidence, Link, PairVerdict};

/// A link at least this sure counts as a confident counterpart.
const CONFIDENT: f64 = 0.98;
/// Below this share of units in confident links, and with no metadata to say otherwise, the
/// documents are taken for different resolutions. Resolutions written from one template (the
/// financing of two peacekeeping missions) reach 0.8; translations rarely fall below 0.85.
const MIN_CONFIDENT_SHARE: f64 = 0.6;
/// From this share of linked paragraphs whose citations or numbers differ on both sides (each
/// side has some the other lacks), and with no metadata to say otherwise, the documents are
/// taken for different resolutions: what sets template resolutions apart is their dates,
/// amounts and symbols.
const MAX_CONFLICTING_SHARE: f64 = 0.15;
/// ...when at least this many linked paragraphs carry citations or numbers.
const MIN_CITING_LINKS: usize = 8;
/// The share of a text's units that must lie between the first and the last paired link for
/// the pair to be judged on that part alone (a file cut short).
const MIN_SHARE_INSIDE_OVERLAP: f64 = 0.9;
/// Documents with fewer units than this say too little for their content to decide.
const MIN_UNITS_FOR_CONTENT: usize = 4;
/// Below this share of shared citation anchors, the citations count against the pair...
const MIN_ANCHOR_OVERLAP: f64 = 0.3;
/// ...when both sides have at least this many.
const MIN_ANCHORS: usize = 5;
/// With disjoint citations, a pair needs at least this share of confident links.
const MIN_CONFIDENT_SHARE_DISJOINT_ANCHORS: f64 = 0.7;

/// Judges the pair from its metadata and its unit links.
pub(crate) fn judge(en: &Document, es: &Document, links: &[Link]) -> PairVerdict {
    let metadata = compare_metadata(&en.metadata, &es.metadata);
    let share = confident_share(links, en.units.len() + es.units.len());
    // A text that ends early (or starts late) is judged on the part both texts have.
    let share = match overlap_share(links, en.units.len(), es.units.len()) {
        Some(overlap) if overlap.value > share.value => overlap,
        _ => share,
    };
    let overlap = anchor_overlap(en, es);
    let conflicts = conflicting_links(links);
    let weak_content = en.units.len() + es.units.len() >= MIN_UNITS_FOR_CONTENT
        && share.value < MIN_CONFIDENT_SHARE;
    let disjoint_anchors = overlap
        .as_ref()
        .is_some_and(|overlap| overlap.share < MIN_ANCHOR_OVERLAP);
    let conflicting = conflicts.is_conflicting();
    let content_differs = weak_content
        || conflicting
        || (disjoint_anchors && share.value < MIN_CONFIDENT_SHARE_DISJOINT_ANCHORS);
    // A number or symbol that differs settles the question unless another one agrees: then one
    // of them is a misprint (a title printing `2021/5.` over the symbol E/RES/2021/15), which
    // the metadata check reports, and the content decides.
    let different = match (metadata.conflicts.is_empty(), metadata.agrees) {
        (false, false) => true,
        (true, true) => false,
        _ => content_differs,
    };
    if !different {
        return PairVerdict::SameResolution;
    }
    let mut reasons = metadata.conflicts;
    reasons.extend(metadata.minor_conflicts);
    if share.value < MIN_CONFIDENT_SHARE {
        reasons.push(format!(
            "only {} of {} paragraphs ({:.0}%) found a confident counterpart",
            share.confident,
            share.total,
            100.0 * share.value
        ));
    }
    if conflicting {
        reasons.push(format!(
            "{} of {} linked paragraphs with citations or numbers cite different ones",
            conflicts.conflicting, conflicts.citing
        ));
    }
    if let Some(overlap) = overlap.filter(|overlap| overlap.share < MIN_ANCHOR_OVERLAP) {
        reasons.push(format!(
            "the two texts share {} of their citations and dates ({} in English, {} in Spanish)",
            overlap.shared, overlap.en, overlap.es
        ));
    }
    PairVerdict::DifferentResolutions { reasons }
}

/// What the two mastheads say.
#[derive(Debug, Default)]
struct MetadataComparison {
    /// Differences that settle the question: numbers, symbols, organs.
    conflicts: Vec<String>,
    /// Differences worth reporting that would not settle it alone: dates, possible misprints.
    minor_conflicts: Vec<String>,
    /// Both sides give the same number or symbol.
    agrees: bool,
}

fn compare_metadata(en: &Metadata, es: &Metadata) -> MetadataComparison {
    let mut comparison = MetadataComparison::default();
    let en_number = en
        .resolution_number
        .as_ref()
        .map(|number| number.value.as_str());
    let es_number = es
        .resolution_number
        .as_ref()
        .map(|number| number.value.as_str());
    if let (Some(en_number), Some(es_number)) = (en_number, es_number) {
        comparison.compare(
            en_number,
            es_number,
            format!("the English text is resolution {en_number} and the Spanish text resolution {es_number}"),
        );
    }
    if let (Some(en_symbol), Some(es_symbol)) = (&en.symbol, &es.symbol) {
        let numbers_differ =
            !comparison.conflicts.is_empty() || !comparison.minor_conflicts.is_empty();
        // A symbol derived from a number that already differs would only repeat it.
        let derived = en_symbol.provenance == SymbolProvenance::Derived
            || es_symbol.provenance == SymbolProvenance::Derived;
        if !(numbers_differ && derived) {
            comparison.compare(
                &en_symbol.value,
                &es_symbol.value,
                format!(
                    "the English text is {} and the Spanish text {}",
                    en_symbol.value, es_symbol.value
                ),
            );
        }
    }
    if let (Some(en_organ), Some(es_organ)) = (&en.organ, &es.organ)
        && en_organ.value != es_organ.value
    {
        comparison.conflicts.push(format!(
            "the English text was adopted by {} and the Spanish text by {}",
            organ_name(&en_organ.value),
            organ_name(&es_organ.value)
        ));
    }
    let adopted = |metadata: &Metadata| {
        metadata
            .adoption_date
            .as_ref()
            .map(|date| date.value)
            .or_else(|| {
                metadata
                    .closing
                    .as_ref()
                    .and_then(|closing| closing.date.as_ref())
                    .map(|date| date.value)
            })
    };
    if let (Some(en_date), Some(es_date)) = (adopted(en), adopted(es))
        && en_date != es_date
    {
        comparison.minor_conflicts.push(format!(
            "the English text was adopted on {en_date} and the Spanish text on {es_date}"
        ));
    }
    comparison
}

impl MetadataComparison {
    /// Compares a number or symbol of both sides. Security Council numbers that differ in the
    /// year only (`2639 (2022)` and `2639 (2002)`) are one misprint, since the serial number
    /// alone names the resolution; the checks report it, and the content decides. Any other
    /// difference settles the question: neighbouring resolutions differ by one digit too.
    fn compare(&mut self, en: &str, es: &str, difference: String) {
        let (en, es) = (normalized(en), normalized(es));
        if en == es {
            self.agrees = true;
        } else if without_year(&en) == without_year(&es) {
            self.minor_conflicts.push(difference);
        } else {
            self.conflicts.push(difference);
        }
    }
}

/// A normalized number or symbol without a closing `(YYYY)`.
fn without_year(value: &str) -> &str {
    match value.rsplit_once('(') {
        Some((serial, year))
            if year.len() == 5
                && year.ends_with(')')
                && year.bytes().take(4).all(|b| b.is_ascii_digit()) =>
        {
            serial
        }
        _ => value,
    }
}

fn normalized(value: &str) -> String {
    value
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The organ as the subject of "adopted by": `the General Assembly`, or another organ as printed.
fn organ_name(organ: &Organ) -> String {
    match organ {
        Organ::Other(name) => name.clone(),
        known => format!("the {}", known.name(Language::En)),
    }
}

/// Units of both sides in confident links, out of all units.
#[derive(Debug)]
struct Share {
    confident: usize,
    total: usize,
    value: f64,
}

fn confident_share(links: &[Link], total: usize) -> Share {
    let confident = links
        .iter()
        .filter(|link| !link.en.is_empty() && !link.es.is_empty() && link.score >= CONFIDENT)
        .map(|link| link.en.len() + link.es.len())
        .sum();
    let value = if total == 0 {
        1.0
    } else {
        confident as f64 / total as f64
    };
    Share {
        confident,
        total,
        value,
    }
}

/// The confident share over the links between the first and the last link with both sides,
/// when one text lies almost wholly within them: one text is the other cut short.
fn overlap_share(links: &[Link], en_units: usize, es_units: usize) -> Option<Share> {
    let paired = |link: &&Link| !link.en.is_empty() && !link.es.is_empty();
    let first = links.iter().position(|link| paired(&link))?;
    let last = links.iter().rposition(|link| paired(&link))?;
    let inside = links.get(first..=last)?;
    let (en_inside, es_inside) = inside.iter().fold((0, 0), |(en, es), link| {
        (en + link.en.len(), es + link.es.len())
    });
    let within = |inside: usize, all: usize| {
        all > 0 && inside as f64 >= MIN_SHARE_INSIDE_OVERLAP * all as f64
    };
    if !(within(en_inside, en_units) || within(es_inside, es_units)) {
        return None;
    }
    Some(confident_share(inside, en_inside + es_inside))
}

/// Linked paragraphs with citations or numbers, and those whose citations or numbers differ
/// on both sides.
#[derive(Debug)]
struct Conflicts {
    citing: usize,
    conflicting: usize,
}

impl Conflicts {
    fn is_conflicting(&self) -> bool {
        self.citing >= MIN_CITING_LINKS
            && self.conflicting as f64 >= MAX_CONFLICTING_SHARE * self.citing as f64
    }
}

fn conflicting_links(links: &[Link]) -> Conflicts {
    let mut conflicts = Conflicts {
        citing: 0,
        conflicting: 0,
    };
    for link in links
        .iter()
        .filter(|link| !link.en.is_empty() && !link.es.is_empty())
    {
        let mut citing = false;
        let mut conflicting = false;
        for evidence in &link.evidence {
            let (en_lacks, es_lacks) = match evidence {
                Evidence::Anchors {
                    only_en, only_es, ..
                } => (!only_es.is_empty(), !only_en.is_empty()),
                Evidence::Numbers {
                    only_en, only_es, ..
                } => (!only_es.is_empty(), !only_en.is_empty()),
                _ => continue,
            };
            citing = true;
            conflicting |= en_lacks && es_lacks;
        }
        conflicts.citing += usize::from(citing);
        conflicts.conflicting += usize::from(conflicting);
    }
    conflicts
}

/// Distinct citation anchors of each side, and how many the two share.
#[derive(Debug)]
struct Overlap {
    shared: usize,
    en: usize,
    es: usize,
    /// Shared anchors as a share of the side with fewer.
    share: f64,
}

fn anchor_overlap(en: &Document, es: &Document) -> Option<Overlap> {
    let (en_keys, es_keys) = (anchor_keys(en), anchor_keys(es));
    if en_keys.len().min(es_keys.len()) < MIN_ANCHORS {
        return None;
    }
    let shared = en_keys.intersection(&es_keys).count();
    Some(Overlap {
        shared,
        en: en_keys.len(),
        es: es_keys.len(),
        share: shared as f64 / en_keys.len().min(es_keys.len()) as f64,
    })
}

fn anchor_keys(document: &Document) -> BTreeSet<(AnchorKind, &str)> {
    let unit_anchors = document.units.iter().flat_map(|unit| &unit.anchors);
    let note_anchors = document.footnotes.iter().flat_map(|note| &note.anchors);
    unit_anchors
        .chain(note_anchors)
        .filter(|anchor| anchor.kind != AnchorKind::FootnoteCall)
        .map(|anchor| (anchor.kind, anchor.key.as_str()))
        .collect()
}
