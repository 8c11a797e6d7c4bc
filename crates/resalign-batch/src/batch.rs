//! [`Batch`]: the settings of a run, and the ordered stream of results every output is built on.

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Instant;

use resalign_align::{Aligner, Baseline, Checker, Triage};
use resalign_core::Parser;

use crate::error::Error;
use crate::pairs::PairInput;
use crate::process::{PairResult, PairWork};
use crate::records::Timings;
use crate::summary::RunTime;
use crate::workers::{OrderedMap, thread_pool};

/// Files larger than this are failed pairs rather than read: no resolution comes near it.
const DEFAULT_MAX_FILE_BYTES: u64 = 64 << 20;
/// Pairs in flight per worker thread: enough that a long pair does not leave the other threads
/// idle while its successors wait in the reorder buffer.
const WINDOW_PER_THREAD: usize = 8;

/// Aligns many pairs on all cores.
///
/// ```no_run
/// use resalign_batch::{Batch, PairFinder};
///
/// let found = PairFinder::new().find("corpus".as_ref())?;
/// for result in Batch::new().results(found.pairs)? {
///     println!("{}: {:?}", result.id, result.elapsed);
/// }
/// # Ok::<(), resalign_batch::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Batch {
    threads: Option<NonZeroUsize>,
    window: Option<NonZeroUsize>,
    pub(crate) timings: Timings,
    work: PairWork,
    /// Names the baseline given to [`Batch::baseline`], if any, by its entries.
    baseline_fingerprint: String,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            threads: None,
            window: None,
            timings: Timings::Record,
            work: PairWork {
                parser: Parser::new(),
                aligner: Aligner::new(),
                checker: Checker::new(),
                triage: Triage::new(),
                baseline: None,
                max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            },
            baseline_fingerprint: "no baseline".to_owned(),
        }
    }
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Worker threads; all cores by default. Results are the same on any number.
    pub fn threads(&mut self, threads: NonZeroUsize) -> &mut Batch {
        self.threads = Some(threads);
        self
    }

    /// The most pairs in flight at once, aligned or waiting to be handed out in order; it bounds
    /// the memory a run takes. Eight per thread by default.
    pub fn window(&mut self, pairs: NonZeroUsize) -> &mut Batch {
        self.window = Some(pairs);
        self
    }

    /// Whether output lines record times.
    pub fn timings(&mut self, timings: Timings) -> &mut Batch {
        self.timings = timings;
        self
    }

    /// The parser for both sides (format and language are detected by default).
    pub fn parser(&mut self, parser: Parser) -> &mut Batch {
        self.work.parser = parser;
        self
    }

    pub fn aligner(&mut self, aligner: Aligner) -> &mut Batch {
        self.work.aligner = aligner;
        self
    }

    pub fn checker(&mut self, checker: Checker) -> &mut Batch {
        self.work.checker = checker;
        self
    }

    /// Which findings the outputs show, and at what severity: applied to the checker's findings
    /// before anything is written or counted.
    pub fn triage(&mut self, triage: Triage) -> &mut Batch {
        self.work.triage = triage;
        self
    }

    /// Findings already judged, for the whole corpus (each entry names its pair): those are left
    /// out of the outputs, and counted in [`crate::Summary::findings_in_baseline`].
    pub fn baseline(&mut self, baseline: &Baseline) -> &mut Batch {
        self.work.baseline = Some(Arc::new(baseline.index()));
        let entries: String = baseline
            .entries
            .iter()
            .map(|entry| format!("{entry:?}\n"))
            .collect();
        self.baseline_fingerprint = format!(
            "baseline of {} entries, {:016x}",
            baseline.entries.len(),
            crate::pairs::id_hash(&entries)
        );
        self
    }

    /// Files larger than this fail their pair instead of being read (64 MiB by default).
    pub fn max_file_bytes(&mut self, bytes: u64) -> &mut Batch {
        self.work.max_file_bytes = bytes;
        self
    }

    /// The results of `pairs`, in their order, computed on the worker threads. Pairs are taken
    /// from the iterator, on a thread of its own, as the window has room for them, so it may be
    /// a stream; each result is yielded as soon as it and those before it are done, however
    /// long the next pair takes to come.
    pub fn results<I>(&self, pairs: I) -> Result<Results, Error>
    where
        I: IntoIterator<Item = PairInput>,
        I::IntoIter: Send + 'static,
    {
        let work = self.work.clone();
        Ok(Results {
            inner: self.ordered(pairs.into_iter(), move |pair| work.process(pair))?,
        })
    }

    /// Maps `work` over `inputs` on the worker threads, yielding results in input order.
    pub(crate) fn ordered<I, T>(
        &self,
        inputs: I,
        work: impl Fn(I::Item) -> T + Send + Sync + 'static,
    ) -> Result<OrderedMap<T>, Error>
    where
        I: Iterator + Send + 'static,
        I::Item: Send + 'static,
        T: Send + 'static,
    {
        let pool = thread_pool(self.threads)?;
        let window = self.window.unwrap_or_else(|| {
            NonZeroUsize::new(pool.current_num_threads() * WINDOW_PER_THREAD)
                .unwrap_or(NonZeroUsize::MIN)
        });
        OrderedMap::new(inputs, pool, window, Arc::new(work))
    }

    /// What decides which findings the outputs show, for the journal: a resumed run must show
    /// them the same way.
    pub(crate) fn findings_setup(&self) -> String {
        let checker = format!("{:?}", self.work.checker);
        format!(
            "checker {:016x}; {:?}; {}",
            crate::pairs::id_hash(&checker),
            self.work.triage,
            self.baseline_fingerprint
        )
    }

    pub(crate) fn pair_work(&self) -> PairWork {
        self.work.clone()
    }

    /// How long a run that started at `started` took, when timings are recorded.
    pub(crate) fn run_time(&self, started: Instant) -> Option<RunTime> {
        match self.timings {
            Timings::Record => Some(RunTime {
                elapsed: started.elapsed(),
                threads: self.thread_count(),
            }),
            Timings::Omit => None,
        }
    }

    /// The number of worker threads a run uses.
    pub fn thread_count(&self) -> usize {
        self.threads
            .map(NonZeroUsize::get)
            .unwrap_or_else(rayon::current_num_threads)
    }
}

/// The results of a batch, in the order of its pairs.
pub struct Results {
    inner: OrderedMap<PairResult>,
}

impl Iterator for Results {
    type Item = PairResult;

    fn next(&mut self) -> Option<PairResult> {
        self.inner.next()
    }
}
