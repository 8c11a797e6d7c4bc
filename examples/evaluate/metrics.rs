//! Scores an alignment against the gold (precision, recall and F1 of unit pairs), and the
//! findings of the checks against the injected faults.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use resalign_align::{Alignment, Finding, FindingCode};
use resalign_core::{Document, Severity};

use crate::gold::Gold;
use crate::perturb::{Fault, FaultKind};

/// Unit pairs the aligner linked, judged against the gold.
#[derive(Clone, Copy, Debug, Default)]
pub struct LinkCounts {
    pub correct: usize,
    pub wrong: usize,
    pub missed: usize,
}

impl LinkCounts {
    pub fn add(&mut self, other: LinkCounts) {
        self.correct += other.correct;
        self.wrong += other.wrong;
        self.missed += other.missed;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.correct + self.wrong)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.correct + self.missed)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

pub fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Unit positions by id, for both documents.
pub struct Positions<'a> {
    en: HashMap<&'a str, usize>,
    es: HashMap<&'a str, usize>,
}

impl<'a> Positions<'a> {
    pub fn new(en: &'a Document, es: &'a Document) -> Positions<'a> {
        let index = |document: &'a Document| {
            document
                .units
                .iter()
                .enumerate()
                .map(|(position, unit)| (unit.id.as_str(), position))
                .collect()
        };
        Positions {
            en: index(en),
            es: index(es),
        }
    }

    /// Every `(english, spanish)` unit pair the alignment links.
    pub fn linked_pairs(&self, alignment: &Alignment) -> BTreeSet<(usize, usize)> {
        let mut pairs = BTreeSet::new();
        for link in &alignment.links {
            for en in &link.en {
                for es in &link.es {
                    if let (Some(&e), Some(&s)) =
                        (self.en.get(en.as_str()), self.es.get(es.as_str()))
                    {
                        pairs.insert((e, s));
                    }
                }
            }
        }
        pairs
    }

    fn en_positions<'f>(&'f self, finding: &'f Finding) -> impl Iterator<Item = usize> + 'f {
        let en = &self.en;
        finding
            .en
            .units
            .iter()
            .filter_map(move |id| en.get(id.as_str()).copied())
    }

    fn es_positions<'f>(&'f self, finding: &'f Finding) -> impl Iterator<Item = usize> + 'f {
        let es = &self.es;
        finding
            .es
            .units
            .iter()
            .filter_map(move |id| es.get(id.as_str()).copied())
    }
}

/// Pairs linked against the gold, counting only pairs of units the gold judges.
pub fn score_links(linked: &BTreeSet<(usize, usize)>, gold: &Gold) -> LinkCounts {
    let mut counts = LinkCounts::default();
    for pair in linked.iter().filter(|pair| gold.judges(pair)) {
        if gold.links.contains(pair) {
            counts.correct += 1;
        } else {
            counts.wrong += 1;
        }
    }
    counts.missed = gold
        .links
        .iter()
        .filter(|pair| gold.judges(pair) && !linked.contains(pair))
        .count();
    counts
}

/// Links by score band: how many, and how many the gold confirms.
#[derive(Clone, Debug, Default)]
pub struct Calibration {
    /// `[band] = (links, confirmed)` for links with both sides, and for one-sided links.
    pub paired: [(usize, usize); BANDS.len()],
    pub one_sided: [(usize, usize); BANDS.len()],
}

/// Lower bounds of the score bands.
pub const BANDS: [f64; 5] = [0.0, 0.5, 0.8, 0.95, 0.99];

impl Calibration {
    pub fn add(&mut self, other: &Calibration) {
        for (mine, theirs) in self.paired.iter_mut().zip(other.paired) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
        for (mine, theirs) in self.one_sided.iter_mut().zip(other.one_sided) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
    }
}

/// Whether each link the gold can judge is right, by its score.
pub fn calibrate(alignment: &Alignment, gold: &Gold, positions: &Positions<'_>) -> Calibration {
    let mut calibration = Calibration::default();
    let has_partner = |en: Option<usize>, es: Option<usize>| {
        gold.links
            .iter()
            .any(|&(e, s)| Some(e) == en || Some(s) == es)
    };
    for link in &alignment.links {
        let en: Vec<usize> = link
            .en
            .iter()
            .filter_map(|id| positions.en.get(id.as_str()).copied())
            .collect();
        let es: Vec<usize> = link
            .es
            .iter()
            .filter_map(|id| positions.es.get(id.as_str()).copied())
            .collect();
        let judged = en
            .iter()
            .all(|&e| gold.en_covered.get(e).copied().unwrap_or(false))
            && es
                .iter()
                .all(|&s| gold.es_covered.get(s).copied().unwrap_or(false));
        if !judged || en.len() + es.len() == 0 {
            continue;
        }
        let band = BANDS
            .iter()
            .rposition(|&low| link.score >= low)
            .unwrap_or(0);
        let (slot, right) = if en.is_empty() || es.is_empty() {
            let right = !has_partner(en.first().copied(), es.first().copied());
            (&mut calibration.one_sided[band], right)
        } else {
            let right = en
                .iter()
                .all(|&e| es.iter().all(|&s| gold.links.contains(&(e, s))));
            (&mut calibration.paired[band], right)
        };
        slot.0 += 1;
        if right {
            slot.1 += 1;
        }
    }
    calibration
}

/// How each injected fault came out: in the alignment, and in the checks' findings.
#[derive(Clone, Copy, Debug, Default)]
pub struct FaultCounts {
    pub injected: usize,
    /// The alignment has the shape the fault calls for (an unlinked paragraph, a 1-2 or 2-1
    /// link, an altered paragraph still linked to its counterpart).
    pub aligned_as_expected: usize,
    pub reported: usize,
}

/// Findings on paragraphs no fault touched.
#[derive(Clone, Debug, Default)]
pub struct UntouchedCounts {
    pub paragraphs: usize,
    /// Paragraphs named by any finding, and by a finding of error severity.
    pub flagged: usize,
    pub flagged_error: usize,
    /// Paragraphs named, by severity and code (`error number-mismatch`).
    pub by_code: BTreeMap<String, usize>,
    /// Every finding that names an untouched paragraph: severity, code and message.
    pub findings: Vec<String>,
}

impl UntouchedCounts {
    pub fn add(&mut self, other: &UntouchedCounts) {
        self.paragraphs += other.paragraphs;
        self.flagged += other.flagged;
        self.flagged_error += other.flagged_error;
        for (code, count) in &other.by_code {
            *self.by_code.entry(code.clone()).or_insert(0) += count;
        }
    }
}

pub fn judge_faults(
    faults: &[Fault],
    alignment: &Alignment,
    linked: &BTreeSet<(usize, usize)>,
    findings: &[Finding],
    positions: &Positions<'_>,
) -> BTreeMap<FaultKind, FaultCounts> {
    let mut counts: BTreeMap<FaultKind, FaultCounts> = BTreeMap::new();
    for fault in faults {
        let entry = counts.entry(fault.kind).or_default();
        entry.injected += 1;
        let as_expected = match fault.footnote {
            Some(number) => alignment
                .footnote_links
                .iter()
                .any(|link| link.en == Some(number) && link.es.is_none()),
            None => aligned_as_expected(fault, linked),
        };
        if as_expected {
            entry.aligned_as_expected += 1;
        }
        if findings
            .iter()
            .any(|finding| reports(finding, fault, positions))
        {
            entry.reported += 1;
        }
    }
    counts
}

/// Footnote links against the gold, counting only footnotes the gold judges.
pub fn score_footnotes(alignment: &Alignment, gold: &Gold) -> LinkCounts {
    let mut counts = LinkCounts::default();
    for link in &alignment.footnote_links {
        let (Some(en), Some(es)) = (link.en, link.es) else {
            continue;
        };
        if !gold.en_notes.contains(&en) || !gold.es_notes.contains(&es) {
            continue;
        }
        if gold.footnotes.contains(&(en, es)) {
            counts.correct += 1;
        } else {
            counts.wrong += 1;
        }
    }
    counts.missed = gold.footnotes.len() - counts.correct;
    counts
}

/// Each fault that did not come out as expected: what was injected and what the alignment
/// linked the English units to.
pub fn describe_missed_faults(
    faults: &[Fault],
    alignment: &Alignment,
    linked: &BTreeSet<(usize, usize)>,
    en: &Document,
    es: &Document,
) -> Vec<String> {
    let notes = faults.iter().filter_map(|fault| {
        let number = fault.footnote?;
        let link = alignment
            .footnote_links
            .iter()
            .find(|link| link.en == Some(number))?;
        link.es
            .map(|other| format!("footnote removed: English {number} linked to Spanish {other}"))
    });
    let id = |document: &Document, position: usize| {
        document
            .units
            .get(position)
            .map_or("?".to_string(), |unit| unit.id.to_string())
    };
    let snippet = |document: &Document, position: usize| {
        document
            .units
            .get(position)
            .map_or(String::new(), |unit| unit.text.chars().take(50).collect())
    };
    faults
        .iter()
        .filter(|fault| fault.footnote.is_none() && !aligned_as_expected(fault, linked))
        .map(|fault| {
            let partners: Vec<String> = fault
                .en
                .iter()
                .map(|&e| {
                    let linked_to: Vec<String> = linked
                        .iter()
                        .filter(|(x, _)| *x == e)
                        .map(|&(_, s)| id(es, s))
                        .collect();
                    format!("{} [{}] => {:?}", id(en, e), snippet(en, e), linked_to)
                })
                .collect();
            let expected: Vec<String> = fault.es.iter().map(|&s| id(es, s)).collect();
            format!(
                "{} expected {:?}; got {}",
                fault.kind.name(),
                expected,
                partners.join(", ")
            )
        })
        .chain(notes)
        .collect()
}

/// Each fault no finding reported: what was injected, and the first words of the units.
pub fn describe_unreported_faults(
    faults: &[Fault],
    findings: &[Finding],
    positions: &Positions<'_>,
    en: &Document,
    es: &Document,
) -> Vec<String> {
    let unit = |document: &Document, position: usize| {
        document.units.get(position).map_or(String::new(), |unit| {
            let opening: String = unit.text.chars().take(40).collect();
            format!("{} [{opening}]", unit.id)
        })
    };
    faults
        .iter()
        .filter(|fault| fault.footnote.is_none())
        .filter(|fault| {
            !findings
                .iter()
                .any(|finding| reports(finding, fault, positions))
        })
        .map(|fault| {
            let en_units: Vec<String> = fault.en.iter().map(|&e| unit(en, e)).collect();
            let es_units: Vec<String> = fault.es.iter().map(|&s| unit(es, s)).collect();
            format!(
                "{} not reported: English {}; Spanish {}",
                fault.kind.name(),
                en_units.join(", "),
                es_units.join(", ")
            )
        })
        .collect()
}

fn aligned_as_expected(fault: &Fault, linked: &BTreeSet<(usize, usize)>) -> bool {
    let partners = |en: usize| -> Vec<usize> {
        linked
            .iter()
            .filter(|(e, _)| *e == en)
            .map(|&(_, s)| s)
            .collect()
    };
    match fault.kind {
        FaultKind::Removed => fault.en.iter().all(|&en| partners(en).is_empty()),
        FaultKind::Swapped => fault
            .en
            .iter()
            .zip(&fault.es)
            .all(|(&en, &es)| partners(en) == [es]),
        FaultKind::Split | FaultKind::Merged | FaultKind::AnchorAltered | FaultKind::Cut => {
            fault.en.iter().all(|&en| partners(en) == fault.es)
        }
        FaultKind::FootnoteRemoved => false,
    }
}

fn reports(finding: &Finding, fault: &Fault, positions: &Positions<'_>) -> bool {
    let on_en = || {
        positions
            .en_positions(finding)
            .any(|en| fault.en.contains(&en))
    };
    let on_es = || {
        positions
            .es_positions(finding)
            .any(|es| fault.es.contains(&es))
    };
    match (fault.kind, finding.code) {
        (FaultKind::Removed, FindingCode::MissingInSpanish) => on_en(),
        (FaultKind::Split, FindingCode::SplitInSpanish) => on_es() || on_en(),
        (FaultKind::Merged, FindingCode::MergedInSpanish) => on_es() || on_en(),
        (
            FaultKind::AnchorAltered,
            FindingCode::AnchorDiffers | FindingCode::AnchorMissing | FindingCode::NumberMismatch,
        ) => on_es() || on_en(),
        (FaultKind::Swapped, FindingCode::ParagraphsSwapped | FindingCode::ContentDiffers) => {
            on_es() || on_en()
        }
        (FaultKind::Cut, FindingCode::LengthRatio) => on_es() || on_en(),
        (FaultKind::FootnoteRemoved, FindingCode::FootnoteDiffers) => fault
            .footnote
            .is_some_and(|number| finding.en.footnotes.contains(&number)),
        _ => false,
    }
}

/// English paragraphs that the gold judges and no fault touched, and how many of them (or of
/// their Spanish counterparts) a finding names.
pub fn untouched(
    faults: &[Fault],
    gold: &Gold,
    findings: &[Finding],
    positions: &Positions<'_>,
) -> UntouchedCounts {
    let touched_en: BTreeSet<usize> = faults.iter().flat_map(|f| f.en.iter().copied()).collect();
    let touched_es: BTreeSet<usize> = faults.iter().flat_map(|f| f.es.iter().copied()).collect();
    let mut counterparts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(en, es) in &gold.links {
        counterparts.entry(en).or_default().push(es);
    }
    let mut flagged_en: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut flagged_es: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (index, finding) in findings.iter().enumerate() {
        for en in positions.en_positions(finding) {
            flagged_en.entry(en).or_default().push(index);
        }
        for es in positions.es_positions(finding) {
            flagged_es.entry(es).or_default().push(index);
        }
    }
    let mut counts = UntouchedCounts::default();
    let mut named: BTreeSet<usize> = BTreeSet::new();
    for (en, es_list) in &counterparts {
        let touched = touched_en.contains(en) || es_list.iter().any(|es| touched_es.contains(es));
        if touched || !gold.en_covered.get(*en).copied().unwrap_or(false) {
            continue;
        }
        counts.paragraphs += 1;
        let on_paragraph: BTreeSet<usize> = flagged_en
            .get(en)
            .into_iter()
            .flatten()
            .chain(es_list.iter().filter_map(|es| flagged_es.get(es)).flatten())
            .copied()
            .collect();
        if on_paragraph.is_empty() {
            continue;
        }
        named.extend(&on_paragraph);
        counts.flagged += 1;
        let on_paragraph: Vec<&Finding> = on_paragraph
            .iter()
            .filter_map(|&index| findings.get(index))
            .collect();
        if on_paragraph
            .iter()
            .any(|finding| finding.severity == Severity::Error)
        {
            counts.flagged_error += 1;
        }
        let codes: BTreeSet<String> = on_paragraph
            .iter()
            .map(|finding| format!("{} {}", finding.severity, finding.code))
            .collect();
        for code in codes {
            *counts.by_code.entry(code).or_insert(0) += 1;
        }
    }
    counts.findings = named
        .iter()
        .filter_map(|&index| findings.get(index))
        .map(|finding| format!("{} {}: {}", finding.severity, finding.code, finding.message))
        .collect();
    counts
}
