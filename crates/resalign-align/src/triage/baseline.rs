//! Baselines, as linters keep them: findings a reviser has judged "not an error", recorded once
//! and not reported again. A finding is recognised by its [`FindingKey`]: its code, the units and
//! footnotes it is about, and the text of the anchors concerned; never by lines or offsets,
//! which move with every edit.
//!
//! Matching is done in two passes. A finding whose key is in the baseline is known. Then a
//! finding about anchors (`64/293` against `64/239`) is known when the baseline has the same
//! code and anchors under other unit ids: a paragraph inserted above renumbers the ones below
//! (`pre.4` becomes `pre.5`) without changing what the reviser accepted. Each baseline entry
//! accounts for one finding, so a second, new occurrence of the same fault is still reported.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use resalign_core::{Document, UnitIndex};

use crate::findings::{Finding, FindingCode, MarkTarget, Side};

/// The `version` of the baselines this crate writes and reads.
pub const BASELINE_VERSION: u32 = 1;

/// The longest anchor text a key keeps, in characters: a finding about a masthead line keys on
/// that line, and a long one is told apart by its start.
const ANCHOR_CHARACTERS: usize = 120;

/// What identifies a finding across runs and small edits of the pair.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingKey {
    pub code: FindingCode,
    /// English units (`op.7`) and footnotes (`fn.2`) the finding is about.
    pub en: Vec<String>,
    /// Spanish units and footnotes.
    pub es: Vec<String>,
    /// The English text the finding marks (the anchor that differs, `64/293`), or the masthead
    /// text it is about; empty for a finding about whole paragraphs.
    pub en_anchors: Vec<String>,
    /// The Spanish text, as for `en_anchors`.
    pub es_anchors: Vec<String>,
}

impl FindingKey {
    /// The key of `finding`, with the anchor text read from the documents it was made on.
    pub fn of(finding: &Finding, en: &Document, es: &Document) -> FindingKey {
        FindingKey::with(finding, &Marked::new(en), &Marked::new(es))
    }

    /// The keys of `findings`, in their order, indexing the documents once.
    pub fn all(findings: &[Finding], en: &Document, es: &Document) -> Vec<FindingKey> {
        let (en, es) = (Marked::new(en), Marked::new(es));
        findings
            .iter()
            .map(|finding| FindingKey::with(finding, &en, &es))
            .collect()
    }

    fn with(finding: &Finding, en: &Marked<'_>, es: &Marked<'_>) -> FindingKey {
        FindingKey {
            code: finding.code,
            en: side_ids(&finding.en),
            es: side_ids(&finding.es),
            en_anchors: side_anchors(&finding.en, en),
            es_anchors: side_anchors(&finding.es, es),
        }
    }

    fn has_anchors(&self) -> bool {
        !self.en_anchors.is_empty() || !self.es_anchors.is_empty()
    }

    /// Same code and anchors, whatever the ids.
    fn same_anchors(&self, other: &FindingKey) -> bool {
        self.code == other.code
            && self.en_anchors == other.en_anchors
            && self.es_anchors == other.es_anchors
    }
}

/// The ids a side points at, as links write them: unit ids, then `fn.N`.
fn side_ids(side: &Side) -> Vec<String> {
    let units = side.units.iter().map(ToString::to_string);
    let footnotes = side.footnotes.iter().map(|number| format!("fn.{number}"));
    units.chain(footnotes).collect()
}

/// The marked text of a side; for a side that points at no unit, footnote or mark (a masthead
/// finding), the source text of its spans.
/// A document with its units and footnotes indexed, so that keying many findings stays linear.
struct Marked<'d> {
    document: &'d Document,
    units: UnitIndex<'d>,
    footnotes: HashMap<u32, &'d str>,
}

impl<'d> Marked<'d> {
    fn new(document: &'d Document) -> Marked<'d> {
        let mut footnotes = HashMap::with_capacity(document.footnotes.len());
        for footnote in &document.footnotes {
            // The first of two with one number, as `Document::footnote` finds it.
            footnotes
                .entry(footnote.number)
                .or_insert(footnote.text.as_str());
        }
        Marked {
            document,
            units: document.unit_index(),
            footnotes,
        }
    }

    fn text(&self, target: &MarkTarget) -> Option<&'d str> {
        match target {
            MarkTarget::Unit(id) => self.units.get(id.as_str()).map(|unit| unit.text.as_str()),
            MarkTarget::Footnote(number) => self.footnotes.get(number).copied(),
        }
    }
}

fn side_anchors(side: &Side, marked: &Marked<'_>) -> Vec<String> {
    if !side.marks.is_empty() {
        return side
            .marks
            .iter()
            .filter_map(|mark| {
                let text = marked.text(&mark.target)?;
                text.get(mark.range.start..mark.range.end).map(anchor_text)
            })
            .collect();
    }
    if side.units.is_empty() && side.footnotes.is_empty() {
        return side
            .spans
            .iter()
            .map(|span| anchor_text(marked.document.slice(*span)))
            .collect();
    }
    Vec::new()
}

/// The text on one line, with its spaces made one, and no longer than a key needs.
fn anchor_text(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").chars().take(ANCHOR_CHARACTERS).collect()
}

/// One finding a reviser accepted: in a file, a `[[finding]]` table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The pair's id in a batch (`GA/75session/75_100`); absent for the one pair of `check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
    pub code: FindingCode,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub es: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en_anchors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub es_anchors: Vec<String>,
    /// The finding's message when it was recorded, for the people reading the file; not matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why the finding was accepted, for the team; not matched, and kept when the baseline is
    /// written again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl BaselineEntry {
    /// An entry for a finding with this key.
    pub fn new(pair: Option<&str>, key: FindingKey) -> BaselineEntry {
        BaselineEntry {
            pair: pair.map(str::to_owned),
            code: key.code,
            en: key.en,
            es: key.es,
            en_anchors: key.en_anchors,
            es_anchors: key.es_anchors,
            message: None,
            reason: None,
        }
    }

    pub fn key(&self) -> FindingKey {
        FindingKey {
            code: self.code,
            en: self.en.clone(),
            es: self.es.clone(),
            en_anchors: self.en_anchors.clone(),
            es_anchors: self.es_anchors.clone(),
        }
    }
}

/// Findings already judged, for one pair (`resalign check`) or a whole corpus (`resalign
/// batch`, each entry naming its pair).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// [`BASELINE_VERSION`] when written by this crate.
    pub version: u32,
    /// The accepted findings, in the order they were recorded.
    #[serde(default, rename = "finding")]
    pub entries: Vec<BaselineEntry>,
}

impl Default for Baseline {
    fn default() -> Baseline {
        Baseline {
            version: BASELINE_VERSION,
            entries: Vec::new(),
        }
    }
}

/// A pair's findings, sorted by a baseline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sorted {
    /// Findings the baseline does not have, in their order.
    pub new: Vec<Finding>,
    /// Findings the baseline accounts for.
    pub known: Vec<Finding>,
}

impl Baseline {
    /// An empty baseline.
    pub fn new() -> Baseline {
        Baseline::default()
    }

    /// Records a finding of the pair `pair` (`None` for a single pair) as accepted.
    pub fn accept(&mut self, pair: Option<&str>, finding: &Finding, en: &Document, es: &Document) {
        let mut entry = BaselineEntry::new(pair, FindingKey::of(finding, en, es));
        entry.message = Some(finding.message.clone());
        self.entries.push(entry);
    }

    /// Carries the `reason` of each entry of `earlier` over to the entry for the same finding
    /// here, so that writing a baseline again keeps what the team wrote in it.
    pub fn keep_reasons(&mut self, earlier: &Baseline) {
        let mut reasons: HashMap<(Option<String>, FindingKey), Vec<String>> = HashMap::new();
        for entry in earlier.entries.iter().rev() {
            if let Some(reason) = &entry.reason {
                reasons
                    .entry((entry.pair.clone(), entry.key()))
                    .or_default()
                    .push(reason.clone());
            }
        }
        for entry in &mut self.entries {
            if entry.reason.is_none()
                && let Some(kept) = reasons.get_mut(&(entry.pair.clone(), entry.key()))
            {
                entry.reason = kept.pop();
            }
        }
    }

    /// The entries by pair, for sorting the findings of many pairs.
    pub fn index(&self) -> BaselineIndex {
        let mut by_pair: HashMap<Option<String>, Vec<FindingKey>> = HashMap::new();
        for entry in &self.entries {
            by_pair
                .entry(entry.pair.clone())
                .or_default()
                .push(entry.key());
        }
        BaselineIndex { by_pair }
    }
}

/// Whether a finding's key is accounted for by a baseline entry's.
type Matches = fn(&FindingKey, &FindingKey) -> bool;

/// The exact key first; then, for findings about anchors, the same code and anchors under other
/// ids.
const MATCH_PASSES: [Matches; 2] = [
    |key, entry| key == entry,
    |key, entry| key.has_anchors() && key.same_anchors(entry),
];

/// A baseline made ready to sort findings pair by pair.
#[derive(Clone, Debug, Default)]
pub struct BaselineIndex {
    by_pair: HashMap<Option<String>, Vec<FindingKey>>,
}

impl BaselineIndex {
    /// Sorts the findings of pair `pair` (`None` for a single pair) into new and known.
    pub fn sort(
        &self,
        pair: Option<&str>,
        findings: Vec<Finding>,
        en: &Document,
        es: &Document,
    ) -> Sorted {
        let Some(accepted) = self.by_pair.get(&pair.map(str::to_owned)) else {
            return Sorted {
                new: findings,
                known: Vec::new(),
            };
        };
        let keys = FindingKey::all(&findings, en, es);
        let mut used = vec![false; accepted.len()];
        let mut known = vec![false; findings.len()];
        for same in MATCH_PASSES {
            for (index, key) in keys.iter().enumerate() {
                if known[index] {
                    continue;
                }
                let found =
                    (0..accepted.len()).find(|&entry| !used[entry] && same(key, &accepted[entry]));
                if let Some(entry) = found {
                    used[entry] = true;
                    known[index] = true;
                }
            }
        }
        let mut sorted = Sorted::default();
        for (finding, is_known) in findings.into_iter().zip(known) {
            if is_known {
                sorted.known.push(finding);
            } else {
                sorted.new.push(finding);
            }
        }
        sorted
    }
}
