//! Counts over a run: what each pair adds ([`Tally`]) and what `summary.json` and the closing
//! paragraph report ([`Summary`]).

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use resalign_align::FindingCode;
use serde::{Deserialize, Serialize};

use crate::process::{Outcome, PairResult};

/// What a link pairs: paragraphs, or footnotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    Unit,
    Footnote,
}

/// Counts that add up over pairs; one per pair is kept in the journal so a resumed run can
/// report on the whole corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub aligned: u64,
    pub failed: u64,
    pub units_en: u64,
    pub units_es: u64,
    /// Links by kind and shape (`1-1`, `2-1`, `1-0`).
    pub links: BTreeMap<LinkKind, BTreeMap<String, u64>>,
    pub findings: BTreeMap<FindingCode, u64>,
    /// Findings left out because the baseline has them.
    #[serde(default)]
    pub known_findings: u64,
    pub bytes: u64,
}

impl Tally {
    pub fn of(result: &PairResult) -> Tally {
        let mut tally = Tally {
            bytes: result.bytes,
            ..Tally::default()
        };
        match &result.outcome {
            Outcome::Failed(_) => tally.failed = 1,
            Outcome::Aligned(pair) => {
                tally.aligned = 1;
                tally.units_en = pair.en.units.len() as u64;
                tally.units_es = pair.es.units.len() as u64;
                for link in &pair.alignment.links {
                    tally.count_link(LinkKind::Unit, link.shape().to_string());
                }
                for link in &pair.alignment.footnote_links {
                    let shape = format!(
                        "{}-{}",
                        usize::from(link.en.is_some()),
                        usize::from(link.es.is_some())
                    );
                    tally.count_link(LinkKind::Footnote, shape);
                }
                for finding in &pair.findings {
                    *tally.findings.entry(finding.code).or_default() += 1;
                }
                tally.known_findings = pair.known_findings as u64;
            }
        }
        tally
    }

    fn count_link(&mut self, kind: LinkKind, shape: String) {
        *self
            .links
            .entry(kind)
            .or_default()
            .entry(shape)
            .or_default() += 1;
    }

    pub fn add(&mut self, other: &Tally) {
        self.aligned += other.aligned;
        self.failed += other.failed;
        self.units_en += other.units_en;
        self.units_es += other.units_es;
        self.bytes += other.bytes;
        self.known_findings += other.known_findings;
        for (kind, shapes) in &other.links {
            let counts = self.links.entry(*kind).or_default();
            for (shape, count) in shapes {
                *counts.entry(shape.clone()).or_default() += count;
            }
        }
        for (code, count) in &other.findings {
            *self.findings.entry(*code).or_default() += count;
        }
    }

    pub fn pairs(&self) -> u64 {
        self.aligned + self.failed
    }
}

/// Units on each side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCounts {
    pub en: u64,
    pub es: u64,
}

/// `summary.json`: what a run (or a shard of it) did. Every count adds up over shards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Marks the file as resalign's and names the layout of the output: `resalign-batch/1`.
    pub format: String,
    /// `K/N` when the run did one shard of the pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    pub pairs_found: u64,
    pub aligned: u64,
    pub failed: u64,
    pub unpaired: u64,
    pub units: UnitCounts,
    pub links: BTreeMap<LinkKind, BTreeMap<String, u64>>,
    pub findings: BTreeMap<FindingCode, u64>,
    /// Findings left out of the output because the baseline given to the run has them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub findings_in_baseline: u64,
    /// Input bytes read, both languages.
    pub bytes: u64,
    /// Wall time of the run (left out with `--no-timings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// Worker threads (left out with `--no-timings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threads: Option<usize>,
}

/// The `format` value of summaries and journals this version writes.
pub const OUTPUT_FORMAT: &str = "resalign-batch/1";

/// How long the run took and on how many threads, when the output records it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunTime {
    pub elapsed: Duration,
    pub threads: usize,
}

impl Summary {
    pub fn new(
        pairs_found: u64,
        unpaired: u64,
        tally: &Tally,
        shard: Option<String>,
        time: Option<RunTime>,
    ) -> Summary {
        Summary {
            format: OUTPUT_FORMAT.to_string(),
            shard,
            pairs_found,
            aligned: tally.aligned,
            failed: tally.failed,
            unpaired,
            units: UnitCounts {
                en: tally.units_en,
                es: tally.units_es,
            },
            links: tally.links.clone(),
            findings: tally.findings.clone(),
            findings_in_baseline: tally.known_findings,
            bytes: tally.bytes,
            seconds: time.map(|time| round(time.elapsed.as_secs_f64(), 1000.0)),
            threads: time.map(|time| time.threads),
        }
    }

    fn link_count(&self, kind: LinkKind) -> u64 {
        self.links
            .get(&kind)
            .map_or(0, |shapes| shapes.values().sum())
    }
}

/// The closing paragraph a run prints.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let findings: u64 = self.findings.values().sum();
        write!(
            f,
            "{} pairs found: {} aligned, {} failed; {} files unpaired. {} English and {} Spanish \
             units, {} paragraph links, {} footnote links, {findings} findings{}. {:.1} MB read",
            self.pairs_found,
            self.aligned,
            self.failed,
            self.unpaired,
            self.units.en,
            self.units.es,
            self.link_count(LinkKind::Unit),
            self.link_count(LinkKind::Footnote),
            match self.findings_in_baseline {
                0 => String::new(),
                known => format!(" ({known} more in the baseline)"),
            },
            self.bytes as f64 / 1e6,
        )?;
        if let Some(seconds) = self.seconds {
            let rate = if seconds > 0.0 {
                self.bytes as f64 / 1e6 / seconds
            } else {
                0.0
            };
            write!(f, " in {seconds:.2} s ({rate:.1} MB/s)")?;
        }
        f.write_str(".")
    }
}

fn is_zero(count: &u64) -> bool {
    *count == 0
}

/// `value` rounded to `1 / scale`: lines stay short and timings do not pretend to nanoseconds.
pub(crate) fn round(value: f64, scale: f64) -> f64 {
    (value * scale).round() / scale
}
