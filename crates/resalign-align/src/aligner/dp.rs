//! A monotone alignment of two sequences by dynamic programming inside a band: the best-scoring
//! path of 1-1, 1-0, 0-1, 2-1 and 1-2 moves from the start of both sequences to their ends.

use resalign_core::work::{self, Work};

use super::band::Band;

/// One step of an alignment path: how many items of each sequence it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Move {
    /// An English item without counterpart.
    EnOnly,
    /// A Spanish item without counterpart.
    EsOnly,
    OneOne,
    /// Two English items as one Spanish item.
    TwoOne,
    /// One English item as two Spanish items.
    OneTwo,
}

impl Move {
    /// Every move, in the order ties are broken (the first wins).
    pub(crate) const ALL: [Move; 5] = [
        Move::OneOne,
        Move::EnOnly,
        Move::EsOnly,
        Move::TwoOne,
        Move::OneTwo,
    ];

    pub(crate) fn en(self) -> usize {
        match self {
            Move::EsOnly => 0,
            Move::EnOnly | Move::OneOne | Move::OneTwo => 1,
            Move::TwoOne => 2,
        }
    }

    pub(crate) fn es(self) -> usize {
        match self {
            Move::EnOnly => 0,
            Move::EsOnly | Move::OneOne | Move::TwoOne => 1,
            Move::OneTwo => 2,
        }
    }
}

/// A move taken at a place: it covers English items `en..en + mv.en()` and Spanish items
/// `es..es + mv.es()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    pub mv: Move,
    pub en: usize,
    pub es: usize,
}

/// The path with the highest total score through `band`. `score(mv, en, es)` scores the move
/// that starts at English item `en` and Spanish item `es`, or says it is not allowed.
///
/// Memory is one byte per cell of the band (the move that reached it) plus the scores of the
/// last three rows, since no move reaches further back.
pub(crate) fn best_path(
    band: &Band,
    mut score: impl FnMut(Move, usize, usize) -> Option<f64>,
) -> Vec<Step> {
    let came_by = fill(band, &mut score);
    trace_back(band, &came_by)
}

/// Rows of a move's reach back: a 2-1 move comes from two rows up.
const ROWS_KEPT: usize = 3;

/// The best score reaching each cell of the last rows filled, by English position modulo
/// [`ROWS_KEPT`], each indexed from the row's first Spanish position.
struct RecentRows {
    rows: [Vec<f64>; ROWS_KEPT],
}

impl RecentRows {
    fn reached(&self, band: &Band, en: usize, es: usize) -> Option<f64> {
        let (lo, _) = band.row(en)?;
        let row = self.rows.get(en % ROWS_KEPT)?;
        es.checked_sub(lo).and_then(|at| row.get(at)).copied()
    }

    /// Clears the row of `en` for `width` cells.
    fn start(&mut self, en: usize, width: usize) {
        if let Some(row) = self.rows.get_mut(en % ROWS_KEPT) {
            row.clear();
            row.resize(width, f64::NEG_INFINITY);
        }
    }

    fn set(&mut self, band: &Band, en: usize, es: usize, value: f64) {
        let Some((lo, _)) = band.row(en) else {
            return;
        };
        if let Some(slot) = self
            .rows
            .get_mut(en % ROWS_KEPT)
            .and_then(|row| es.checked_sub(lo).and_then(|at| row.get_mut(at)))
        {
            *slot = value;
        }
    }
}

/// The move that reached each cell of the band, in the band's flat order.
fn fill(
    band: &Band,
    score: &mut impl FnMut(Move, usize, usize) -> Option<f64>,
) -> Vec<Option<Move>> {
    let mut came_by = vec![None; band.cells()];
    let mut recent = RecentRows {
        rows: [Vec::new(), Vec::new(), Vec::new()],
    };
    for en in 0..=band.en_len() {
        let Some((lo, hi)) = band.row(en) else {
            continue;
        };
        recent.start(en, hi + 1 - lo);
        work::add(Work::AlignmentCells, hi + 1 - lo);
        for es in lo..=hi {
            if (en, es) == (0, 0) {
                recent.set(band, 0, 0, 0.0);
                continue;
            }
            if let Some((best, mv)) = best_move(band, &recent, score, en, es) {
                recent.set(band, en, es, best);
                if let Some(slot) = band.index(en, es).and_then(|cell| came_by.get_mut(cell)) {
                    *slot = Some(mv);
                }
            }
        }
    }
    came_by
}

/// The best way into cell `(en, es)` from the cells already filled, if any.
fn best_move(
    band: &Band,
    recent: &RecentRows,
    score: &mut impl FnMut(Move, usize, usize) -> Option<f64>,
    en: usize,
    es: usize,
) -> Option<(f64, Move)> {
    let mut best: Option<(f64, Move)> = None;
    for mv in Move::ALL {
        let (Some(from_en), Some(from_es)) = (en.checked_sub(mv.en()), es.checked_sub(mv.es()))
        else {
            continue;
        };
        let Some(reached) = recent.reached(band, from_en, from_es) else {
            continue;
        };
        if reached == f64::NEG_INFINITY {
            continue;
        }
        let Some(gain) = score(mv, from_en, from_es) else {
            continue;
        };
        if best.is_none_or(|(value, _)| reached + gain > value) {
            best = Some((reached + gain, mv));
        }
    }
    best
}

fn trace_back(band: &Band, came_by: &[Option<Move>]) -> Vec<Step> {
    let mut steps = Vec::new();
    let (mut en, mut es) = (band.en_len(), band.es_len());
    while en > 0 || es > 0 {
        let mv = band
            .index(en, es)
            .and_then(|cell| came_by.get(cell).copied().flatten())
            // The band always holds a path of single skips; fall back to one if none was
            // recorded so that every item still appears once.
            .unwrap_or(if en > 0 { Move::EnOnly } else { Move::EsOnly });
        en -= mv.en().min(en);
        es -= mv.es().min(es);
        steps.push(Step { mv, en, es });
    }
    steps.reverse();
    steps
}
