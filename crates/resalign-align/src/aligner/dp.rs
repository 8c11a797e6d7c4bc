//! A monotone alignment of two sequences by dynamic programming inside a band: the best-scoring
//! path of 1-1, 1-0, 0-1, 2-1 and 1-2 moves from the start of both sequences to their ends.

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
pub(crate) fn best_path(
    band: &Band,
    mut score: impl FnMut(Move, usize, usize) -> Option<f64>,
) -> Vec<Step> {
    let table = fill(band, &mut score);
    trace_back(band, &table)
}

/// The best score reaching each cell of the band, and the move that reached it.
struct Table {
    best: Vec<f64>,
    came_by: Vec<Option<Move>>,
}

fn fill(band: &Band, score: &mut impl FnMut(Move, usize, usize) -> Option<f64>) -> Table {
    let cells = band.cells();
    let mut table = Table {
        best: vec![f64::NEG_INFINITY; cells],
        came_by: vec![None; cells],
    };
    if let Some(origin) = band.index(0, 0).and_then(|cell| table.best.get_mut(cell)) {
        *origin = 0.0;
    }
    for en in 0..=band.en_len() {
        let Some((lo, hi)) = band.row(en) else {
            continue;
        };
        for es in lo..=hi {
            let Some(cell) = band.index(en, es) else {
                continue;
            };
            if let Some((best, mv)) = best_move(band, &table, score, en, es)
                && let (Some(slot), Some(came_by)) =
                    (table.best.get_mut(cell), table.came_by.get_mut(cell))
            {
                *slot = best;
                *came_by = Some(mv);
            }
        }
    }
    table
}

/// The best way into cell `(en, es)` from the cells already filled, if any.
fn best_move(
    band: &Band,
    table: &Table,
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
        let Some(&reached) = band
            .index(from_en, from_es)
            .and_then(|from| table.best.get(from))
        else {
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

fn trace_back(band: &Band, table: &Table) -> Vec<Step> {
    let mut steps = Vec::new();
    let (mut en, mut es) = (band.en_len(), band.es_len());
    while en > 0 || es > 0 {
        let mv = band
            .index(en, es)
            .and_then(|cell| table.came_by.get(cell).copied().flatten())
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
