//! The worker threads, and the ordered parallel map the whole batch runs on: work items are
//! read on a thread of their own and spread over a rayon pool, and their results come back in
//! input order, each as soon as it and those before it are done, with at most a window of them
//! in flight, so a batch streams its results in a fixed order, holding a bounded number of pairs
//! in memory however large the corpus, and a pipe gets each answer without waiting for more
//! input.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread;

use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::error::{Error, ErrorKind};

/// A pool of `threads` worker threads, or as many as there are cores.
pub(crate) fn thread_pool(threads: Option<NonZeroUsize>) -> Result<ThreadPool, Error> {
    ThreadPoolBuilder::new()
        .num_threads(threads.map_or(0, NonZeroUsize::get))
        .thread_name(|index| format!("resalign-batch-{index}"))
        .build()
        .map_err(|error| Error::new(ErrorKind::ThreadPool(error.to_string())))
}

type Work<I, T> = Arc<dyn Fn(I) -> T + Send + Sync>;
type Outcome<T> = (usize, thread::Result<T>);

/// Maps `work` over `inputs` on a pool and yields the results in input order.
///
/// Inputs are read on a thread of their own, which takes a slot of the window before it reads
/// each one, so at most `window` items are ever read and not yet yielded; a result that
/// finishes early waits in the reorder buffer, which so never holds more than `window` entries.
/// The next result is yielded as soon as it is done, whether or not more input has come. A
/// panic in `work`, or in the inputs, is raised again on the consumer's thread when its result
/// is due. Dropping the map stops the reader once it next wakes.
pub(crate) struct OrderedMap<T> {
    outcomes: Receiver<Outcome<T>>,
    /// One token for each item read and not yet yielded; taking one back frees its slot.
    slots: Receiver<()>,
    finished: BTreeMap<usize, thread::Result<T>>,
    next: usize,
}

impl<T: Send + 'static> OrderedMap<T> {
    pub(crate) fn new<I>(
        inputs: I,
        pool: ThreadPool,
        window: NonZeroUsize,
        work: Work<I::Item, T>,
    ) -> Result<Self, Error>
    where
        I: Iterator + Send + 'static,
        I::Item: Send + 'static,
    {
        let (outcome_sender, outcomes) = channel();
        let (slot_sender, slots) = sync_channel(window.get());
        thread::Builder::new()
            .name("resalign-batch-input".to_owned())
            .spawn(move || issue(inputs, &pool, &work, &slot_sender, &outcome_sender))
            .map_err(|error| Error::new(ErrorKind::ThreadPool(error.to_string())))?;
        Ok(OrderedMap {
            outcomes,
            slots,
            finished: BTreeMap::new(),
            next: 0,
        })
    }
}

/// The reader's loop: takes a slot, reads an input, hands it to the pool, until the inputs run
/// out, one of them panics, or the consumer is gone.
fn issue<I, T>(
    mut inputs: I,
    pool: &ThreadPool,
    work: &Work<I::Item, T>,
    slots: &SyncSender<()>,
    outcomes: &Sender<Outcome<T>>,
) where
    I: Iterator,
    I::Item: Send + 'static,
    T: Send + 'static,
{
    for index in 0.. {
        // Blocks while the window is full; fails once the consumer has been dropped.
        if slots.send(()).is_err() {
            return;
        }
        let input = match panic::catch_unwind(AssertUnwindSafe(|| inputs.next())) {
            Ok(Some(input)) => input,
            Ok(None) => return,
            Err(payload) => {
                let _ = outcomes.send((index, Err(payload)));
                return;
            }
        };
        let work = Arc::clone(work);
        let outcomes = outcomes.clone();
        pool.spawn(move || {
            let result = panic::catch_unwind(AssertUnwindSafe(|| work(input)));
            // The consumer may have stopped early; its result is then of no use to anyone.
            let _ = outcomes.send((index, result));
        });
    }
}

impl<T> Iterator for OrderedMap<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(result) = self.finished.remove(&self.next) {
                self.next += 1;
                // Every item read took a token first, so there is one to take back.
                let _ = self.slots.try_recv();
                return Some(result.unwrap_or_else(|payload| panic::resume_unwind(payload)));
            }
            // The channel closes once the reader has stopped and every item it handed out has
            // reported, and all that was sent before is received first.
            let (index, result) = self.outcomes.recv().ok()?;
            self.finished.insert(index, result);
        }
    }
}
