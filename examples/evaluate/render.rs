//! The text input of the evaluation: a document rendered by `resalign-testkit` as seed-shaped
//! markdown or `pdftotext`-shaped text and parsed back by the text front-end. The gold and the
//! faults, known on the XML's units, follow to the units the text front-end read, through the
//! places the rendering says each unit went.

use std::collections::BTreeSet;

use anyhow::Result;
use resalign_core::{Document, Parser, Span};
use resalign_testkit::{Renderer, Shape};

use crate::gold::Gold;
use crate::perturb::Fault;

/// A document read back from its rendering, and for each unit read back the units of the
/// rendered document whose text it holds.
pub struct ReadBack {
    pub document: Document,
    owners: Vec<BTreeSet<usize>>,
}

impl ReadBack {
    /// The units read back that hold text of the rendered units `positions`.
    fn holding(&self, positions: &[usize]) -> Vec<usize> {
        self.owners
            .iter()
            .enumerate()
            .filter(|(_, owners)| positions.iter().any(|p| owners.contains(p)))
            .map(|(position, _)| position)
            .collect()
    }
}

/// Renders `document` in `shape` and parses the text back.
pub fn read_back(document: &Document, shape: Shape, seed: u64) -> Result<ReadBack> {
    let rendering = Renderer::new().shape(shape).seed(seed).render(document);
    let mut parser = Parser::new();
    parser.language(document.language).format(shape.format());
    let parsed = parser.parse_str(&rendering.text)?;
    // Pieces of rendered units, in text order, with the unit they belong to.
    let mut pieces: Vec<(Span, usize)> = rendering
        .units
        .iter()
        .filter_map(|placement| {
            let position = document
                .units
                .iter()
                .position(|unit| unit.id == placement.id)?;
            Some(placement.pieces.iter().map(move |&piece| (piece, position)))
        })
        .flatten()
        .collect();
    pieces.sort_by_key(|(piece, _)| piece.start);
    let owners = parsed
        .units
        .iter()
        .map(|unit| {
            unit.spans
                .iter()
                .flat_map(|span| overlapping(&pieces, *span))
                .collect()
        })
        .collect();
    Ok(ReadBack {
        document: parsed,
        owners,
    })
}

/// The rendered units whose pieces overlap `span`.
fn overlapping(pieces: &[(Span, usize)], span: Span) -> Vec<usize> {
    let first = pieces.partition_point(|(piece, _)| piece.end <= span.start);
    pieces
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|(piece, _)| piece.start < span.end)
        .map(|&(_, position)| position)
        .collect()
}

/// The gold on the units read back: two units belong together when units they hold text of
/// do. A unit is judged when it holds text of exactly one rendered unit, that one is judged,
/// and at most one other unit read back holds text of it: where the text front-end read
/// several units as one, or one unit (a table) as three or more, the truth is a link of a shape
/// no paragraph aligner makes, and says more about the parse than about the alignment.
pub fn follow_gold(gold: &Gold, en: &ReadBack, es: &ReadBack) -> Gold {
    let judged = |owners: &BTreeSet<usize>, side: &ReadBack, covered: &[bool]| {
        let (Some(&owner), 1) = (owners.first(), owners.len()) else {
            return false;
        };
        let pieces = side.owners.iter().filter(|o| o.contains(&owner)).count();
        pieces <= 2 && covered.get(owner).copied().unwrap_or(false)
    };
    let mut links = BTreeSet::new();
    for (e, en_owners) in en.owners.iter().enumerate() {
        for (s, es_owners) in es.owners.iter().enumerate() {
            let linked = en_owners
                .iter()
                .any(|a| es_owners.iter().any(|b| gold.links.contains(&(*a, *b))));
            if linked {
                links.insert((e, s));
            }
        }
    }
    Gold {
        links,
        en_covered: en
            .owners
            .iter()
            .map(|o| judged(o, en, &gold.en_covered))
            .collect(),
        es_covered: es
            .owners
            .iter()
            .map(|o| judged(o, es, &gold.es_covered))
            .collect(),
        markup: gold.markup,
        footnotes: gold.footnotes.clone(),
        en_notes: gold.en_notes.clone(),
        es_notes: gold.es_notes.clone(),
    }
}

/// The faults on the units read back.
pub fn follow_faults(faults: &[Fault], en: &ReadBack, es: &ReadBack) -> Vec<Fault> {
    faults
        .iter()
        .map(|fault| Fault {
            en: en.holding(&fault.en),
            es: es.holding(&fault.es),
            ..fault.clone()
        })
        .collect()
}
