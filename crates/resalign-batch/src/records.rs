//! The JSON lines a batch writes for each pair: one per link (`links.jsonl`), one per finding
//! (`findings.jsonl`), one for the pair itself (`documents.jsonl`), and optionally its TMX
//! translation units. Everything is serialized on the worker that aligned the pair, so that
//! writing it out is a copy.
//!
//! Link and finding lines are `resalign-export`'s [`LinkRecord`] and [`FindingRecord`] with the
//! pair id in front. No line depends on timing except the `seconds` of a document line, which
//! [`Timings::Omit`] leaves out: the same corpus gives the same bytes on any number of threads.

use std::path::{Path, PathBuf};

use resalign_align::PairVerdict;
use resalign_core::Document;
use resalign_export::report::{DocumentSummary, FindingRecord, LinkRecord, SeverityCounts};
use serde::Serialize;

use crate::error::Error;
use crate::html::{render_page, write_page};
use crate::output::Csv;
use crate::pairs::{PairedBy, path_text};
use crate::process::{AlignedPair, Failure, Outcome, PairResult, Stage};
use crate::progress::PairStatus;
use crate::summary::{Tally, round};
use resalign_export::csv::findings_csv_rows;
use resalign_export::tmx::TmxFragments;

/// Whether output lines record how long things took.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Timings {
    #[default]
    Record,
    /// Leave times out, so that outputs can be compared byte for byte.
    Omit,
}

/// Where the lines go: to files of their own, or to one stream whose lines say what they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineStyle {
    Files,
    /// Every line carries `"record": "link" | "finding" | "document"`.
    Tagged,
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
enum RecordKind {
    Link,
    Finding,
    Document,
}

/// How a worker renders a pair.
#[derive(Clone, Debug)]
pub(crate) struct Rendering {
    pub style: LineStyle,
    pub timings: Timings,
    /// Set when the output has a TMX file.
    pub tmx: Option<TmxFragments>,
    pub csv: Csv,
    /// The folder of the HTML view, when the output has one: each aligned pair's page is
    /// written there by the worker that aligned it.
    pub pages: Option<PathBuf>,
}

/// One pair's output, ready to write.
#[derive(Debug)]
pub(crate) struct RenderedPair {
    pub id: String,
    pub links: Vec<u8>,
    pub findings: Vec<u8>,
    pub document: Vec<u8>,
    pub tmx: Vec<u8>,
    /// The pair's rows of `findings.csv`, when the output has it.
    pub csv: Vec<u8>,
    pub tally: Tally,
}

impl RenderedPair {
    pub(crate) fn status(&self) -> PairStatus {
        if self.tally.failed > 0 {
            PairStatus::Failed
        } else {
            PairStatus::Aligned
        }
    }
}

impl Rendering {
    fn tag(&self, kind: RecordKind) -> Option<RecordKind> {
        match self.style {
            LineStyle::Files => None,
            LineStyle::Tagged => Some(kind),
        }
    }

    /// Renders a result. A pair whose records cannot be made (an alignment naming a unit its
    /// document lacks) is rendered as failed rather than stopping the run.
    pub(crate) fn render(&self, mut result: PairResult) -> Result<RenderedPair, Error> {
        let mut rendered = RenderedPair {
            id: result.id.clone(),
            links: Vec::new(),
            findings: Vec::new(),
            document: Vec::new(),
            tmx: Vec::new(),
            csv: Vec::new(),
            tally: Tally::default(),
        };
        if let Outcome::Aligned(pair) = &result.outcome
            && let Err((stage, reason)) = self.render_aligned(&result.id, pair, &mut rendered)
        {
            rendered.links.clear();
            rendered.findings.clear();
            rendered.tmx.clear();
            rendered.csv.clear();
            result.outcome = Outcome::Failed(Failure {
                stage,
                side: None,
                file: None,
                reason,
            });
        }
        rendered.tally = Tally::of(&result);
        let line = DocumentLine::of(&result, self.tag(RecordKind::Document), self.timings);
        write_line(&mut rendered.document, &line)?;
        Ok(rendered)
    }

    fn render_aligned(
        &self,
        id: &str,
        pair: &AlignedPair,
        rendered: &mut RenderedPair,
    ) -> Result<(), (Stage, String)> {
        let internal = |error: String| (Stage::Internal, error);
        let links = LinkRecord::all(&pair.en, &pair.es, &pair.alignment)
            .map_err(|error| internal(error.to_string()))?;
        for link in links {
            let line = PairLine {
                record: self.tag(RecordKind::Link),
                pair: id,
                line: link,
            };
            write_line(&mut rendered.links, &line).map_err(|error| internal(error.to_string()))?;
        }
        for finding in FindingRecord::all(&pair.findings, &pair.en, &pair.es) {
            let line = PairLine {
                record: self.tag(RecordKind::Finding),
                pair: id,
                line: finding,
            };
            write_line(&mut rendered.findings, &line)
                .map_err(|error| internal(error.to_string()))?;
        }
        if let Some(tmx) = &self.tmx {
            rendered.tmx = crate::tmx::pair_units(tmx, pair).map_err(internal)?;
        }
        if self.csv == Csv::Write {
            rendered.csv = findings_csv_rows(id, &pair.en, &pair.es, &pair.findings)
                .map_err(|error| internal(error.to_string()))?;
        }
        if let Some(pages) = &self.pages {
            let page = render_page(pair).map_err(internal)?;
            // A page that cannot be written (a link in the way, a full disk) fails its pair,
            // not the run.
            write_page(pages, id, &page).map_err(|error| (Stage::Output, error.to_string()))?;
        }
        Ok(())
    }
}

fn write_line(out: &mut Vec<u8>, line: &impl Serialize) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, line)?;
    out.push(b'\n');
    Ok(())
}

/// A record of `resalign-export` with the pair it belongs to in front.
#[derive(Serialize)]
struct PairLine<'a, T: Serialize> {
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<RecordKind>,
    pair: &'a str,
    #[serde(flatten)]
    line: T,
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    Aligned,
    Failed,
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Verdict {
    SameResolution,
    DifferentResolutions,
}

/// A document line: one per pair, aligned or not.
#[derive(Serialize)]
struct DocumentLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<RecordKind>,
    pair: &'a str,
    status: Status,
    paired_by: PairedBy,
    en: SideLine,
    es: SideLine,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<Verdict>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    verdict_reasons: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    footnote_links: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finding_severities: Option<SeverityCounts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a Failure>,
    bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconds: Option<f64>,
}

/// One side of a document line: the file, and what the document says when it was parsed.
#[derive(Serialize)]
struct SideLine {
    path: Option<String>,
    #[serde(flatten)]
    document: Option<DocumentSummary>,
}

impl SideLine {
    fn new(path: Option<&Path>, document: Option<&Document>) -> SideLine {
        SideLine {
            path: path.map(|path| path_text(path).into_owned()),
            document: document.map(DocumentSummary::of),
        }
    }
}

impl<'a> DocumentLine<'a> {
    fn of(
        result: &'a PairResult,
        record: Option<RecordKind>,
        timings: Timings,
    ) -> DocumentLine<'a> {
        let aligned = match &result.outcome {
            Outcome::Aligned(pair) => Some(pair.as_ref()),
            Outcome::Failed(_) => None,
        };
        let (verdict, verdict_reasons): (_, &[String]) =
            match aligned.map(|pair| &pair.alignment.verdict) {
                Some(PairVerdict::SameResolution) => (Some(Verdict::SameResolution), &[]),
                Some(PairVerdict::DifferentResolutions { reasons }) => {
                    (Some(Verdict::DifferentResolutions), reasons)
                }
                None => (None, &[]),
            };
        DocumentLine {
            record,
            pair: &result.id,
            status: match aligned {
                Some(_) => Status::Aligned,
                None => Status::Failed,
            },
            paired_by: result.paired_by,
            en: SideLine::new(result.en_path.as_deref(), aligned.map(|pair| &pair.en)),
            es: SideLine::new(result.es_path.as_deref(), aligned.map(|pair| &pair.es)),
            verdict,
            verdict_reasons,
            links: aligned.map(|pair| pair.alignment.links.len()),
            footnote_links: aligned.map(|pair| pair.alignment.footnote_links.len()),
            findings: aligned.map(|pair| pair.findings.len()),
            finding_severities: aligned.map(|pair| SeverityCounts::of(&pair.findings)),
            error: match &result.outcome {
                Outcome::Failed(failure) => Some(failure),
                Outcome::Aligned(_) => None,
            },
            bytes: result.bytes,
            seconds: match timings {
                Timings::Record => Some(round(result.elapsed.as_secs_f64(), 10_000.0)),
                Timings::Omit => None,
            },
        }
    }
}
