//! The band of cells the alignment path may use: a corridor around a guide line drawn through
//! sure points (items that share a unique number or a unique anchor), wide enough for the path
//! to leave the guide where the guide is wrong.

/// The search may fill this many cells per item of both sequences and per cell of the band's
/// width: enough for every pair of the AKN4UN corpus, while a pair whose lengths differ with
/// nothing unique to guide the search gets a narrower band rather than an area.
const CELLS_PER_ITEM_AND_WIDTH: usize = 3;
/// ...and never fewer than this many (a megabyte of the table), so that any pair of ordinary
/// length is searched in full.
const MIN_CELLS: usize = 1 << 20;

/// How many cells the search for the best path may fill: in proportion to the items of both
/// sequences, so that memory and time stay linear whatever the documents hold. A corridor of
/// `half_width` with no widening always fits.
pub(crate) fn cell_budget(en_len: usize, es_len: usize, half_width: usize) -> usize {
    let full_width = half_width.saturating_mul(2).saturating_add(1);
    let items = en_len.saturating_add(es_len).saturating_add(2);
    CELLS_PER_ITEM_AND_WIDTH
        .saturating_mul(full_width)
        .saturating_mul(items)
        .max(MIN_CELLS)
}

/// A band cut down to its budget: how many cells it holds, and how many the corridor the guide
/// asked for would have held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Narrowing {
    pub cells: usize,
    pub wanted: usize,
}

/// For each English position `0..=en_len`, the inclusive range of Spanish positions allowed.
#[derive(Clone, Debug)]
pub(crate) struct Band {
    rows: Vec<(usize, usize)>,
    offsets: Vec<usize>,
    es_len: usize,
}

impl Band {
    /// Every cell: for short sequences, or when nothing guides the path.
    pub(crate) fn full(en_len: usize, es_len: usize) -> Band {
        Band::from_rows(vec![(0, es_len); en_len + 1], es_len)
    }

    /// A corridor through `points` (English and Spanish positions of items believed to match,
    /// in any order), `half_width` cells on each side of the guide, widened where the sequences
    /// gain or lose items between two points, but to no more than `max_cells` cells in all:
    /// past that the widening is cut to what fits, and the narrowing says how many cells the
    /// full corridor would have held.
    pub(crate) fn around(
        en_len: usize,
        es_len: usize,
        points: &[(usize, usize)],
        half_width: usize,
        max_cells: usize,
    ) -> (Band, Option<Narrowing>) {
        if en_len.min(es_len) <= 2 * half_width + 1 {
            return (Band::full(en_len, es_len), None);
        }
        let guide = monotone_chain(points, en_len, es_len);
        let corridor = |slack_limit: usize| {
            connected(
                corridor_rows(&guide, en_len, es_len, half_width, slack_limit),
                es_len,
            )
        };
        let wide = corridor(usize::MAX);
        let wanted = cell_count(&wide);
        if wanted <= max_cells {
            return (Band::from_rows(wide, es_len), None);
        }
        // Cells only grow with the slack allowed: the largest limit that fits, by bisection.
        let (mut fits, mut too_wide) = (0, largest_slack(&guide));
        while too_wide - fits > 1 {
            let middle = fits + (too_wide - fits) / 2;
            if cell_count(&corridor(middle)) <= max_cells {
                fits = middle;
            } else {
                too_wide = middle;
            }
        }
        let band = Band::from_rows(corridor(fits), es_len);
        let narrowing = Narrowing {
            cells: band.cells(),
            wanted,
        };
        (band, Some(narrowing))
    }

    fn from_rows(rows: Vec<(usize, usize)>, es_len: usize) -> Band {
        let mut offsets = Vec::with_capacity(rows.len() + 1);
        let mut total = 0;
        for &(lo, hi) in &rows {
            offsets.push(total);
            total += hi + 1 - lo;
        }
        offsets.push(total);
        Band {
            rows,
            offsets,
            es_len,
        }
    }

    pub(crate) fn en_len(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    pub(crate) fn es_len(&self) -> usize {
        self.es_len
    }

    pub(crate) fn row(&self, en: usize) -> Option<(usize, usize)> {
        self.rows.get(en).copied()
    }

    pub(crate) fn cells(&self) -> usize {
        self.offsets.last().copied().unwrap_or(0)
    }

    /// The cell's place in a flat table, when the cell is in the band.
    pub(crate) fn index(&self, en: usize, es: usize) -> Option<usize> {
        let (lo, hi) = self.row(en)?;
        (lo..=hi)
            .contains(&es)
            .then(|| self.offsets.get(en).map(|offset| offset + es - lo))
            .flatten()
    }
}

/// The rows of a corridor along `guide`: `half_width` on each side of it, plus what the
/// sequences gain or lose between two of its points, up to `slack_limit`.
fn corridor_rows(
    guide: &[(usize, usize)],
    en_len: usize,
    es_len: usize,
    half_width: usize,
    slack_limit: usize,
) -> Vec<(usize, usize)> {
    let mut rows: Vec<Option<(usize, usize)>> = vec![None; en_len + 1];
    for segment in guide.windows(2) {
        let &[(en_from, es_from), (en_to, es_to)] = segment else {
            continue;
        };
        let width = half_width.saturating_add(segment_slack(segment).min(slack_limit));
        for (en, row) in rows.iter_mut().enumerate().take(en_to + 1).skip(en_from) {
            let progress = if en_to == en_from {
                0.0
            } else {
                (en - en_from) as f64 / (en_to - en_from) as f64
            };
            let centre = es_from as f64 + progress * (es_to - es_from) as f64;
            let centre = centre.round() as usize;
            let span = (
                centre.saturating_sub(width),
                centre.saturating_add(width).saturating_add(1).min(es_len),
            );
            // A guide point's row belongs to the segments on both sides of it: it keeps the
            // widening of each, or a path that the one before allowed could not get through.
            *row = Some(row.map_or(span, |(lo, hi)| (lo.min(span.0), hi.max(span.1))));
        }
    }
    rows.into_iter()
        .map(|row| row.unwrap_or((0, es_len)))
        .collect()
}

/// How many items one side gains or loses between two points of the guide.
fn segment_slack(segment: &[(usize, usize)]) -> usize {
    match segment {
        &[(en_from, es_from), (en_to, es_to)] => (en_to - en_from).abs_diff(es_to - es_from),
        _ => 0,
    }
}

fn largest_slack(guide: &[(usize, usize)]) -> usize {
    guide.windows(2).map(segment_slack).max().unwrap_or(0)
}

fn cell_count(rows: &[(usize, usize)]) -> usize {
    rows.iter()
        .map(|&(lo, hi)| hi + 1 - lo)
        .fold(0, usize::saturating_add)
}

/// The longest chain of points increasing on both sides, from the origin to the far corner.
fn monotone_chain(points: &[(usize, usize)], en_len: usize, es_len: usize) -> Vec<(usize, usize)> {
    let mut sorted: Vec<(usize, usize)> = points
        .iter()
        .copied()
        .filter(|&(en, es)| en < en_len && es < es_len)
        .collect();
    // Equal English positions sorted by descending Spanish position, so that a strictly
    // increasing subsequence takes at most one of them.
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    sorted.dedup();
    let chain = longest_increasing(&sorted);
    let mut guide = Vec::with_capacity(chain.len() + 2);
    guide.push((0, 0));
    guide.extend(chain);
    guide.push((en_len, es_len));
    guide
}

/// Longest subsequence strictly increasing in the Spanish position (patience sorting).
fn longest_increasing(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; points.len()];
    for (index, &(_, es)) in points.iter().enumerate() {
        let place = tails.partition_point(|&tail| points.get(tail).is_some_and(|p| p.1 < es));
        if let Some(slot) = previous.get_mut(index) {
            *slot = place
                .checked_sub(1)
                .and_then(|before| tails.get(before).copied());
        }
        match tails.get_mut(place) {
            Some(tail) => *tail = index,
            None => tails.push(index),
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut cursor = tails.last().copied();
    while let Some(index) = cursor {
        if let Some(&point) = points.get(index) {
            chain.push(point);
        }
        cursor = previous.get(index).copied().flatten();
    }
    chain.reverse();
    chain
}

/// Makes the rows a connected staircase: lower and upper bounds never decrease, the first row
/// starts at the origin and the last reaches the far corner.
fn connected(mut rows: Vec<(usize, usize)>, es_len: usize) -> Vec<(usize, usize)> {
    let mut highest = 0;
    for row in rows.iter_mut() {
        highest = highest.max(row.1);
        row.1 = highest;
    }
    let mut lowest = es_len;
    for row in rows.iter_mut().rev() {
        lowest = lowest.min(row.0);
        row.0 = lowest;
    }
    if let Some(first) = rows.first_mut() {
        first.0 = 0;
    }
    // A row must start where the previous one could still step from.
    let mut previous_high = 0;
    for row in rows.iter_mut() {
        row.0 = row.0.min(previous_high);
        previous_high = row.1;
    }
    if let Some(last) = rows.last_mut() {
        last.1 = es_len;
    }
    rows
}
