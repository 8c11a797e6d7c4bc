//! Checks a reviser runs on an aligned pair: every link is compared for structure, numbering,
//! kind, citation anchors, numbers, footnote calls, closing punctuation and length; then the
//! footnotes and the metadata. A paragraph the aligner left without counterpart is first joined
//! to a neighbouring link when it is one half of a merge or split (see `regroup`).
//!
//! Findings come out in document order: metadata (the masthead) first, then link by link, then
//! footnotes; a run of findings with one cause on consecutive links is one finding (see
//! `runs`). A pair that is not one resolution in two languages gets a single finding. A pair
//! the aligner could only search within its budget says so before anything else. Citation
//! forms the two languages print differently by rule are no finding (see `conventions`).

mod citations;
mod compare;
mod content;
mod context;
mod conventions;
mod footnotes;
mod glued;
mod headings;
mod length;
mod metadata;
mod naming;
mod numbering;
mod punctuation;
mod regroup;
mod runs;
mod seams;
mod structure;
mod vocabulary;
mod votes;

use std::collections::BTreeSet;

use resalign_core::{DiagnosticCode, Document, Severity, UnitKind};

use crate::alignment::{Alignment, PairVerdict};
use crate::findings::{Finding, FindingCode, Side};

pub use conventions::{Convention, Conventions};

use context::{LinkUnits, Pair};
use footnotes::FootnoteMap;
use numbering::Numbering;
use runs::Placed;

/// Runs the checks on an aligned pair.
///
/// ```
/// use resalign_align::{Checker, FindingCode};
/// use resalign_core::Severity;
///
/// let mut checker = Checker::new();
/// checker.ignore(FindingCode::Punctuation).min_severity(Severity::Warning);
/// ```
///
/// The citation conventions are [`Conventions::builtin`] unless [`Checker::conventions`] sets
/// others.
#[derive(Clone, Debug)]
pub struct Checker {
    ignored: BTreeSet<FindingCode>,
    min_severity: Severity,
    conventions: Conventions,
}

impl Default for Checker {
    fn default() -> Checker {
        Checker {
            ignored: BTreeSet::new(),
            min_severity: Severity::Info,
            conventions: Conventions::builtin(),
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

    /// The citation conventions the checks apply: forms the two languages print differently
    /// by rule, which are not reported.
    pub fn conventions(&mut self, conventions: Conventions) -> &mut Checker {
        self.conventions = conventions;
        self
    }

    pub fn check(&self, en: &Document, es: &Document, alignment: &Alignment) -> Vec<Finding> {
        let mut findings = naming::naming_both(en, es, || {
            all_findings(&Pair::new(en, es, alignment), &self.conventions)
        });
        findings.retain(|finding| {
            finding.severity >= self.min_severity && !self.ignored.contains(&finding.code)
        });
        for finding in &mut findings {
            finding.members.retain(|member| {
                member.severity >= self.min_severity && !self.ignored.contains(&member.code)
            });
        }
        findings
    }
}

/// Runs the checks with default settings.
pub fn check(en: &Document, es: &Document, alignment: &Alignment) -> Vec<Finding> {
    Checker::new().check(en, es, alignment)
}

fn all_findings(pair: &Pair, conventions: &Conventions) -> Vec<Finding> {
    let mut findings = narrowed_searches(pair.alignment);
    if let PairVerdict::DifferentResolutions { reasons } = &pair.alignment.verdict {
        findings.push(different_resolutions(reasons));
        return findings;
    }
    metadata::check_metadata(pair, &mut findings);
    let mut placed: Vec<Placed> = findings
        .into_iter()
        .map(|finding| Placed {
            finding,
            links: None,
        })
        .collect();
    let groups = regroup::regrouped(pair);
    placed.extend(check_links(pair, conventions, &groups));
    let mut notes = Vec::new();
    footnotes::check_footnotes(pair, conventions, &mut notes);
    placed.extend(notes.into_iter().map(|finding| Placed {
        finding,
        links: None,
    }));
    runs::fold_runs(&groups, placed)
}

/// The per-paragraph checks, link by link, each finding with the link it was raised on.
fn check_links(pair: &Pair, conventions: &Conventions, groups: &[LinkUnits]) -> Vec<Placed> {
    let footnote_map = FootnoteMap::new(pair);
    let punctuation_rules = punctuation::Conventions::new(pair.en);
    let mut numbering = Numbering::default();
    // `numbering` may still grow an earlier finding, so the links are noted beside.
    let mut findings: Vec<Finding> = Vec::new();
    let mut links: Vec<usize> = Vec::new();
    // The last link each finding covers: a numbering difference may run on over later links.
    let mut last_links: Vec<usize> = Vec::new();
    for (index, units) in groups.iter().enumerate() {
        let neighbours = [
            index.checked_sub(1).and_then(|before| groups.get(before)),
            groups.get(index + 1),
        ];
        structure::check_shape(pair, units, neighbours, &mut findings);
        let one_to_one = units.one_to_one();
        let same_kind = one_to_one.filter(|(en, es)| en.kind == es.kind);
        match one_to_one {
            // Numbers and punctuation follow from the kind: a kind that differs says it all.
            Some((en, es)) if en.kind != es.kind => {
                structure::check_kind(pair, en, es, &mut findings);
            }
            Some((en, es)) => {
                numbering::check_numbering(pair, en, es, &mut numbering, &mut findings);
                if let Some(last) = numbering
                    .grown()
                    .and_then(|grown| last_links.get_mut(grown))
                {
                    *last = index;
                }
            }
            None => numbering.account_for(units),
        }
        match same_kind {
            Some((en, es)) if en.kind == UnitKind::Vote => {
                votes::check_votes(en, es, &mut findings);
            }
            _ => {
                let repaired = glued::repair(&footnote_map, units);
                let units = repaired
                    .as_ref()
                    .map_or_else(|| units.clone(), |repaired| repaired.units(units));
                citations::check_citations(conventions, &units, &mut findings);
                footnotes::check_calls(&footnote_map, &units, &mut findings);
            }
        }
        if let Some((en, es)) = same_kind {
            punctuation::check_punctuation(&punctuation_rules, pair.en, en, es, &mut findings);
        }
        // Length says the same whatever kind a converter gave each paragraph.
        if let Some((en, es)) = one_to_one {
            length::check_length(pair.en, en, es, &mut findings);
        }
        links.resize(findings.len(), index);
        last_links.resize(findings.len(), index);
    }
    let mut placed: Vec<Placed> = findings
        .into_iter()
        .zip(links.iter().zip(last_links))
        .map(|(finding, (&first, last))| Placed {
            finding,
            links: Some((first, last)),
        })
        .collect();
    content::check_content(pair, groups, &mut placed);
    placed
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
            members: Vec::new(),
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
        members: Vec::new(),
    }
}
