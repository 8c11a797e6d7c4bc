//! The worker threads, and the ordered parallel map the whole batch runs on: work items are
//! spread over a rayon pool, and their results come back in input order with at most a window
//! of them in flight, so a batch streams its results in a fixed order, holding a bounded number
//! of pairs in memory however large the corpus.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

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
type Outcome<T> = (usize, std::thread::Result<T>);

/// Maps `work` over `inputs` on a pool and yields the results in input order.
///
/// Inputs are pulled lazily on the consumer's thread, at most `window` ahead of the next result
/// to yield; a result that finishes early waits in a reorder buffer of at most `window` entries.
/// A panic in `work` is raised again on the consumer's thread when its result is due.
pub(crate) struct OrderedMap<I: Iterator, T> {
    inputs: std::iter::Fuse<I>,
    pool: Arc<ThreadPool>,
    work: Work<I::Item, T>,
    sender: Sender<Outcome<T>>,
    receiver: Receiver<Outcome<T>>,
    finished: BTreeMap<usize, std::thread::Result<T>>,
    issued: usize,
    next: usize,
    window: usize,
}

impl<I, T> OrderedMap<I, T>
where
    I: Iterator,
    I::Item: Send + 'static,
    T: Send + 'static,
{
    pub(crate) fn new(
        inputs: I,
        pool: Arc<ThreadPool>,
        window: NonZeroUsize,
        work: Work<I::Item, T>,
    ) -> Self {
        let (sender, receiver) = channel();
        OrderedMap {
            inputs: inputs.fuse(),
            pool,
            work,
            sender,
            receiver,
            finished: BTreeMap::new(),
            issued: 0,
            next: 0,
            window: window.get(),
        }
    }

    /// Starts work on inputs until the window is full or the inputs run out.
    fn fill_window(&mut self) {
        while self.issued < self.next + self.window {
            let Some(input) = self.inputs.next() else {
                return;
            };
            let index = self.issued;
            let work = Arc::clone(&self.work);
            let sender = self.sender.clone();
            self.pool.spawn(move || {
                let result = panic::catch_unwind(AssertUnwindSafe(|| work(input)));
                // The consumer may have stopped early; its result is then of no use to anyone.
                let _ = sender.send((index, result));
            });
            self.issued += 1;
        }
    }
}

impl<I, T> Iterator for OrderedMap<I, T>
where
    I: Iterator,
    I::Item: Send + 'static,
    T: Send + 'static,
{
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.fill_window();
        loop {
            if let Some(result) = self.finished.remove(&self.next) {
                self.next += 1;
                return Some(result.unwrap_or_else(|payload| panic::resume_unwind(payload)));
            }
            if self.next == self.issued {
                return None;
            }
            // The map holds a sender itself, so the channel cannot close while work is out.
            let (index, result) = self.receiver.recv().ok()?;
            self.finished.insert(index, result);
        }
    }
}
