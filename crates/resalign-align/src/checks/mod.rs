//! Checks a reviser runs on an aligned pair: every link is compared for structure, numbering,
//! kind, citation anchors, numbers, footnote calls, closing punctuation and length; then the
//! footnotes and the metadata. A paragraph the aligner left without counterpart is first joined
//! to a neighbouring link when it is one half of a merge or split (see `regroup`).
//!
//! Findings come out in document order: metadata (the masthead) first, then link by link, then
//! footnotes. A pair that is not one resolution in two languages gets a single finding. A pair
//! the aligner could only search within its budget says so before anything else.

mod citations;
mod compare;
mod context;
mod footnotes;
mod headings;
mod length;
mod metadata;
mod naming;
mod numbering;
mod punctuation;
mod regroup;
mod seams;
mod structure;
mod vocabulary;

use std::collections::BTreeSet;

use resalign_core::{DiagnosticCode, Document, Severity};

use crate::alignment::{Alignment, PairVerdict};
use crate::findings::{Finding, FindingCode, Side};

use context::Pair;
use footnotes::FootnoteMap;
use numbering::Numbering;
use punctuation::Conventions;

/// Runs the checks on an aligned pair.
///
/// ```
/// use resalign_align::{Checker, FindingCode};
/// use resalign_core::Severity;
///
/// let mut checker = Checker::new();
/// checker.ignore(FindingCode::Punctuation).min_severity(Severity::Warning);
/// ```
#[derive(Clone, Debug)]
pub struct Checker {
    ignored: BTreeSet<FindingCode>,
    min_severity: Severity,
}

impl Default for Checker {
    fn default() -> Checker {
        Checker {
            ignored: BTreeSet::new(),
            min_severity: Severity::Info,
        }
    }
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    /// Leaves out findings with this code.
    pub fn ignore(&mut self, code: FindingCode) -> &mut Checker {
        self.ignored.insert(code);
        self
    }

    /// Leaves out findings below this severity.
    pub fn min_severity(&mut self, severity: Severity) -> &mut Checker {
        self.min_severity = severity;
        self
    }

    pub fn check(&self, en: &Document, es: &Document, alignment: &Alignment) -> Vec<Finding> {
        let mut findings =
            naming::naming_both(en, es, || all_findings(&Pair::new(en, es, alignment)));
        findings.retain(|finding| {
            finding.severity >= self.min_severity && !self.ignored.contains(&finding.code)
        });
        findings
    }
}

/// Runs the checks with default settings.
pub fn check(en: &Document, es: &Document, alignment: &Alignment) -> Vec<Finding> {
    Checker::new().check(en, es, alignment)
}

fn all_findings(pair: &Pair) -> Vec<Finding> {
    let mut findings = narrowed_searches(pair.alignment);
    if let PairVerdict::DifferentResolutions { reasons } = &pair.alignment.verdict {
        findings.push(different_resolutions(reasons));
        return findings;
    }
    metadata::check_metadata(pair, &mut findings);
    check_links(pair, &mut findings);
    footnotes::check_footnotes(pair, &mut findings);
    findings
}

/// The per-paragraph checks, link by link.
fn check_links(pair: &Pair, findings: &mut Vec<Finding>) {
    let footnote_map = FootnoteMap::new(pair);
    let conventions = Conventions::new(pair.en);
    let mut numbering = Numbering::default();
    let groups = regroup::regrouped(pair);
    for (index, units) in groups.iter().enumerate() {
        let neighbours = [
            index.checked_sub(1).and_then(|before| groups.get(before)),
            groups.get(index + 1),
        ];
        structure::check_shape(pair, units, neighbours, findings);
        let one_to_one = units.one_to_one();
        let same_kind = one_to_one.filter(|(en, es)| en.kind == es.kind);
        match one_to_one {
            // Numbers and punctuation follow from the kind: a kind that differs says it all.
            Some((en, es)) if en.kind != es.kind => structure::check_kind(pair, en, es, findings),
            Some((en, es)) => {
                numbering::check_numbering(pair, en, es, &mut numbering, findings);
            }
            None => numbering.account_for(units),
        }
        citations::check_citations(units, findings);
        footnotes::check_calls(&footnote_map, units, findings);
        if let Some((en, es)) = same_kind {
            punctuation::check_punctuation(&conventions, pair.en, en, es, findings);
            length::check_length(pair.en, en, es, findings);
        }
    }
}

/// A search the aligner had to narrow: the links may be wrong anywhere, so it comes first.
fn narrowed_searches(alignment: &Alignment) -> Vec<Finding> {
    alignment
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code == DiagnosticCode::AlignmentNarrowed)
        .map(|diagnostic| Finding {
            code: FindingCode::AlignmentNarrowed,
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            en: Side::default(),
            es: Side::default(),
        })
        .collect()
}

fn different_resolutions(reasons: &[String]) -> Finding {
    let because = if reasons.is_empty() {
        String::new()
    } else {
        format!(": {}", reasons.join("; "))
    };
    Finding {
        code: FindingCode::DifferentResolutions,
        severity: Severity::Error,
        message: format!(
            "The English and Spanish texts are not versions of the same resolution{because}"
        ),
        en: Side::default(),
        es: Side::default(),
    }
}
