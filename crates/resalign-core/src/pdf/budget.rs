//! The bound on what one PDF may make the reader hold: the bytes its streams decode to and the
//! glyphs its pages draw, so that a small crafted file cannot take gigabytes or hours.

/// Far more than any resolution needs: the verbose content streams Word writes come to about
/// 50 KB a page, so a 100-page resolution decodes to some 5 MB.
pub(super) const LIMIT: usize = 64_000_000;

/// What one glyph costs the budget: about its size in memory.
pub(super) const GLYPH_COST: usize = 32;

#[derive(Debug)]
pub(super) struct Budget {
    used: usize,
}

/// The document went past [`LIMIT`].
#[derive(Debug)]
pub(super) struct OverBudget;

impl Budget {
    pub(super) fn new() -> Budget {
        Budget { used: 0 }
    }

    pub(super) fn remaining(&self) -> usize {
        LIMIT.saturating_sub(self.used)
    }

    pub(super) fn charge(&mut self, bytes: usize) -> Result<(), OverBudget> {
        self.used = self.used.saturating_add(bytes);
        if self.used > LIMIT {
            Err(OverBudget)
        } else {
            Ok(())
        }
    }
}
