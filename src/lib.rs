//! resalign: parse, align and check English and Spanish United Nations resolutions.
//!
//! This facade re-exports the workspace's library crates so that a program depends on one
//! crate: the document model and the parser at the top level ([`Parser`], [`Document`]), then
//! [`align`] (the aligner, the checks, and what a reviser chooses to see of them), [`export`]
//! (JSON, TSV, TMX, XLIFF, HTML, CSV, XLSX, terminal) and [`batch`] (whole corpora on all cores).
//!
//! # A pair, from files to a translation memory
//!
//! ```
//! use resalign::Parser;
//! use resalign::Severity;
//! use resalign::align::{Baseline, FindingCode, Triage, align, check};
//! use resalign::export::report::Report;
//! use resalign::export::tmx::TmxWriter;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Parse. Format (markdown, pdftotext output, AKN4UN XML) and language are detected; text the
//! // parser finds odd gives diagnostics on the document, never an error.
//! let parser = Parser::new();
//! let en = parser.parse_path("data/E_RES_2013_41.en.md")?;
//! let es = parser.parse_path("data/E_RES_2013_41.es.md")?;
//! let symbol = en.metadata.symbol.as_ref().map(|symbol| symbol.value.as_str());
//! assert_eq!(symbol, Some("E/RES/2013/41"));
//!
//! // Align. Every unit of both documents is in exactly one link; the Spanish copy merged
//! // operative paragraphs 12 and 13 into one.
//! let alignment = align(&en, &es)?;
//! let merge = alignment.links.iter().find(|link| link.en.len() == 2);
//! assert_eq!(merge.map(|link| link.es.len()), Some(1));
//!
//! // Check, and keep what the team wants to see: here every code but one.
//! let mut triage = Triage::new();
//! triage.min_severity(Severity::Warning).skip(FindingCode::LengthRatio);
//! let findings = triage.apply(check(&en, &es, &alignment));
//! assert_eq!(findings.len(), 5);
//! assert!(findings.iter().any(|finding| finding.message.contains("64/239")));
//!
//! // Export: the JSON report, and a memory whose suspect units say why.
//! let mut json = Vec::new();
//! Report::checked(&en, &es, &alignment, &findings).write_json(&mut json)?;
//! let mut tmx = TmxWriter::new(Vec::new())?;
//! tmx.add_checked_pair(&en, &es, &alignment, &findings)?;
//! let memory = String::from_utf8(tmx.finish()?)?;
//! assert!(memory.contains(r#"<prop type="x-resalign-findings">anchor-differs</prop>"#));
//!
//! // A reviser accepts these findings once; on the next run only new ones are reported.
//! let mut baseline = Baseline::new();
//! for finding in &findings {
//!     baseline.accept(None, finding, &en, &es);
//! }
//! let sorted = baseline.index().sort(None, findings, &en, &es);
//! assert!(sorted.new.is_empty() && sorted.known.len() == 5);
//! # Ok(())
//! # }
//! ```
//!
//! # A corpus
//!
//! [`batch`] finds the pairs of a folder tree (or reads a manifest), and aligns and checks them
//! on all cores; results come in pair order whatever the number of threads.
//!
//! ```
//! use resalign::batch::{Batch, Outcome, PairFinder};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // `data/` holds the demo pair in four forms (`E_RES_2013_41.en.md` and `.es.md`, `.xml`,
//! // `.pdf`, `.docx`) and two unpaired seeds.
//! let found = PairFinder::new().find("data".as_ref())?;
//! assert_eq!(found.pairs.len(), 4);
//! for result in Batch::new().results(found.pairs)? {
//!     match result.outcome {
//!         Outcome::Aligned(pair) => assert_eq!(pair.findings.len(), 5, "{}", result.id),
//!         Outcome::Failed(failure) => panic!("{}: {failure}", result.id),
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! `Batch::write_dir` writes the JSON Lines, TMX, CSV and HTML outputs of `resalign batch`
//! resumably; `Batch::stream` serves a pipe.

pub use resalign_core::*;

pub use resalign_align as align;
pub use resalign_batch as batch;
pub use resalign_export as export;

/// The README's Rust examples are compiled and run as doctests, so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
