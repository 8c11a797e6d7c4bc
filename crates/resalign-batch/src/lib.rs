//! Aligns whole corpora of English/Spanish UN resolutions: finds the pairs in a directory tree
//! (or a manifest, or a pipe), parses, aligns and checks every pair on all cores, and streams
//! the results in a fixed order, so the output is the same byte for byte on any number of
//! threads and memory stays bounded however large the corpus. A pair that cannot be read or
//! parsed becomes a failed record; the run goes on.
//!
//! - [`PairFinder`] and [`read_manifest`] give a [`PairSet`]; [`Shard`] takes a stable share.
//! - [`Batch::results`] is an iterator over [`PairResult`]s in pair order.
//! - [`Batch::write_dir`] writes `links.jsonl`, `findings.jsonl`, `documents.jsonl`,
//!   `unpaired.jsonl` and `summary.json` to an [`OutputDir`], resumably, and optionally
//!   `corpus.tmx`, `findings.csv` and an HTML report per pair with an index page.
//! - [`Batch::triage`] and [`Batch::baseline`] choose the findings every output shows.
//! - [`Batch::stream`] reads pair lines and writes result lines, for pipes.
//!
//! ```no_run
//! use resalign_batch::{Batch, Outcome, PairFinder};
//!
//! let found = PairFinder::new().find("corpus/unxml".as_ref())?;
//! for result in Batch::new().results(found.pairs)? {
//!     match result.outcome {
//!         Outcome::Aligned(pair) => println!("{}: {} findings", result.id, pair.findings.len()),
//!         Outcome::Failed(failure) => eprintln!("{}: {failure}", result.id),
//!     }
//! }
//! # Ok::<(), resalign_batch::Error>(())
//! ```

mod batch;
mod error;
mod files;
mod html;
mod output;
mod pairs;
mod process;
mod progress;
mod records;
mod stream;
mod summary;
mod tmx;
mod workers;

pub use batch::{Batch, Results};
pub use error::{Error, ErrorKind, OutputState};
pub use html::Html;
pub use output::{Csv, Existing, OutputDir, Tmx};
pub use pairs::{
    NamedLanguage, PairFinder, PairInput, PairLineError, PairSet, PairedBy, Shard, Source,
    Unpaired, UnpairedReason, parse_pair_line, path_text, read_manifest, tsv_field,
};
pub use process::{AlignedPair, Failure, Outcome, PairResult, Stage};
pub use progress::{PairStatus, Progress, Silent, TerminalProgress};
pub use records::Timings;
pub use summary::{LinkKind, OUTPUT_FORMAT, RunTime, Summary, Tally, UnitCounts};
