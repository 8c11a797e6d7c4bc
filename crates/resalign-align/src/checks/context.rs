//! One aligned pair as the checks see it: both documents, the alignment, and the units each
//! link names.

use std::collections::HashMap;

use resalign_core::{Document, Footnote, Language, Unit, UnitId};

use crate::alignment::{Alignment, Link};
use crate::findings::Side;

/// Both documents of a pair with their units indexed by id.
pub(crate) struct Pair<'a> {
    pub en: &'a Document,
    pub es: &'a Document,
    pub alignment: &'a Alignment,
    en_units: HashMap<&'a str, &'a Unit>,
    es_units: HashMap<&'a str, &'a Unit>,
}

impl<'a> Pair<'a> {
    pub fn new(en: &'a Document, es: &'a Document, alignment: &'a Alignment) -> Pair<'a> {
        Pair {
            en,
            es,
            alignment,
            en_units: index_units(en),
            es_units: index_units(es),
        }
    }

    /// The units a link names on one side, skipping ids the document does not have.
    fn units(&self, language: Language, ids: &[UnitId]) -> Vec<&'a Unit> {
        let index = match language {
            Language::En => &self.en_units,
            Language::Es => &self.es_units,
        };
        ids.iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .collect()
    }

    /// Both sides of a link, resolved to units.
    pub fn link_units(&self, link: &Link) -> LinkUnits<'a> {
        LinkUnits {
            en: self.units(Language::En, &link.en),
            es: self.units(Language::Es, &link.es),
        }
    }
}

/// Where units taken into a link go: before or after its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Before,
    After,
}

/// The units of one link on each side.
#[derive(Clone, Default)]
pub(crate) struct LinkUnits<'a> {
    pub en: Vec<&'a Unit>,
    pub es: Vec<&'a Unit>,
}

impl<'a> LinkUnits<'a> {
    /// Takes in another link's units on both sides.
    pub fn absorb(&mut self, other: LinkUnits<'a>, place: Place) {
        for (own, theirs) in [(&mut self.en, other.en), (&mut self.es, other.es)] {
            match place {
                Place::After => own.extend(theirs),
                Place::Before => {
                    own.splice(0..0, theirs);
                }
            }
        }
    }

    /// The single unit on each side of a 1-1 link.
    pub fn one_to_one(&self) -> Option<(&'a Unit, &'a Unit)> {
        match (self.en.as_slice(), self.es.as_slice()) {
            ([en], [es]) => Some((en, es)),
            _ => None,
        }
    }
}

fn index_units(document: &Document) -> HashMap<&str, &Unit> {
    document
        .units
        .iter()
        .map(|unit| (unit.id.as_str(), unit))
        .collect()
}

/// The side of a finding that points at these units.
pub(crate) fn units_side(units: &[&Unit]) -> Side {
    Side {
        units: units.iter().map(|unit| unit.id.clone()).collect(),
        spans: units
            .iter()
            .flat_map(|unit| unit.spans.iter().copied())
            .collect(),
        ..Side::default()
    }
}

/// The side of a finding that points at one footnote.
pub(crate) fn footnote_side(footnote: &Footnote) -> Side {
    Side {
        footnotes: vec![footnote.number],
        spans: footnote.spans.clone(),
        ..Side::default()
    }
}
