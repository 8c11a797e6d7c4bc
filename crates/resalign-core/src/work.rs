//! Counts of the work the pipeline's inner loops do, so that tests can check that an input of a
//! given size costs work in proportion to it (ids probed, XML elements scanned, alignment cells
//! filled, units indexed) without timing anything. Counting happens only with the `work-counters` feature;
//! without it every call compiles to nothing.

/// A kind of inner-loop step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Work {
    /// Candidate ids tried while making unit ids unique (`op.1`, `op.1~2`, ...).
    IdProbes,
    /// Open XML elements looked at to match an end tag.
    XmlStackSteps,
    /// Cells of the alignment's dynamic programme filled.
    AlignmentCells,
    /// Units put into an index by id (`Document::unit_index`), which writers build to look
    /// units up.
    UnitsIndexed,
}

/// The work counted on this thread by [`counted`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    counts: [u64; 4],
}

impl Counts {
    pub fn get(&self, work: Work) -> u64 {
        self.counts.get(work as usize).copied().unwrap_or(0)
    }
}

#[cfg(feature = "work-counters")]
thread_local! {
    static COUNTS: std::cell::Cell<Counts> = const { std::cell::Cell::new(Counts { counts: [0; 4] }) };
}

/// Adds `amount` steps of `work` to this thread's count.
#[inline]
pub fn add(work: Work, amount: usize) {
    #[cfg(feature = "work-counters")]
    COUNTS.with(|counts| {
        let mut current = counts.get();
        if let Some(slot) = current.counts.get_mut(work as usize) {
            *slot = slot.saturating_add(amount as u64);
        }
        counts.set(current);
    });
    #[cfg(not(feature = "work-counters"))]
    let _ = (work, amount);
}

/// Runs `task` and returns what it did on this thread. Without the `work-counters` feature the
/// counts are all zero.
pub fn counted<R>(task: impl FnOnce() -> R) -> (R, Counts) {
    #[cfg(feature = "work-counters")]
    {
        let before = COUNTS.with(|counts| counts.replace(Counts::default()));
        let result = task();
        let during = COUNTS.with(|counts| counts.replace(before));
        (result, during)
    }
    #[cfg(not(feature = "work-counters"))]
    (task(), Counts::default())
}
