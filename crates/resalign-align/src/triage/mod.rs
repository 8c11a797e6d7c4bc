//! What a reviser chooses to see of the checks' findings: a team's severity for each code, a
//! lowest severity, codes left out or kept alone ([`Triage`]), and the findings already judged
//! "not an error" and recorded in a [`Baseline`]. Nothing here reads or writes files: the
//! `resalign` binary reads `resalign.toml` and baseline files and hands their content over.
//!
//! ```
//! use resalign_align::{FindingCode, Triage};
//! use resalign_core::Severity;
//!
//! let mut triage = Triage::new();
//! triage
//!     .severity(FindingCode::Punctuation, Severity::Info)
//!     .min_severity(Severity::Warning)
//!     .skip(FindingCode::LengthRatio);
//! // Punctuation findings are now `info`, below `warning`: `triage.apply` leaves them out.
//! assert!(!triage.shows_code(FindingCode::LengthRatio));
//! ```

mod baseline;

use std::collections::{BTreeMap, BTreeSet};

use resalign_core::Severity;

use crate::findings::{Finding, FindingCode};

pub use baseline::{BASELINE_VERSION, Baseline, BaselineEntry, BaselineIndex, FindingKey, Sorted};

/// Which findings are shown, and at what severity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Triage {
    min_severity: Option<Severity>,
    skip: BTreeSet<FindingCode>,
    only: BTreeSet<FindingCode>,
    severities: BTreeMap<FindingCode, Severity>,
}

impl Triage {
    /// Shows every finding at the severity the checks gave it.
    pub fn new() -> Triage {
        Triage::default()
    }

    /// Findings below this severity (after [`Triage::severity`]) are left out.
    pub fn min_severity(&mut self, severity: Severity) -> &mut Triage {
        self.min_severity = Some(severity);
        self
    }

    /// Findings with this code are left out.
    pub fn skip(&mut self, code: FindingCode) -> &mut Triage {
        self.skip.insert(code);
        self
    }

    /// Only findings with the codes given this way are shown; without any, every code is.
    pub fn only(&mut self, code: FindingCode) -> &mut Triage {
        self.only.insert(code);
        self
    }

    /// Findings with this code get this severity, whatever the checks gave them: a team that
    /// fixes punctuation by convention can make it `info`.
    pub fn severity(&mut self, code: FindingCode, severity: Severity) -> &mut Triage {
        self.severities.insert(code, severity);
        self
    }

    /// Whether findings with this code can be shown at all.
    pub fn shows_code(&self, code: FindingCode) -> bool {
        !self.skip.contains(&code) && (self.only.is_empty() || self.only.contains(&code))
    }

    /// The findings to show, in their order, with the team's severities.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|finding| self.shows_code(finding.code))
            .map(|mut finding| {
                if let Some(severity) = self.severities.get(&finding.code) {
                    finding.severity = *severity;
                }
                finding
            })
            .filter(|finding| {
                self.min_severity
                    .is_none_or(|lowest| finding.severity >= lowest)
            })
            .collect()
    }
}
