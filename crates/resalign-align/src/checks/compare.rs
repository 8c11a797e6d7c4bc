//! Compares the anchors of two texts (a link's paragraphs, or a pair of footnotes) and pairs what
//! differs: an anchor changed on one side (`64/293` against `64/239`) is one difference naming
//! both values, not two anchors missing.

use resalign_core::{Anchor, AnchorKind, Language, TextRange, UnitId};

use crate::findings::{Mark, MarkTarget};

/// Where a text's anchors live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    Unit(&'a UnitId),
    Footnote(u32),
}

impl Target<'_> {
    pub fn mark(self, range: TextRange) -> Mark {
        let target = match self {
            Target::Unit(id) => MarkTarget::Unit(id.clone()),
            Target::Footnote(number) => MarkTarget::Footnote(number),
        };
        Mark { target, range }
    }
}

/// One text whose anchors take part in a comparison.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Text<'a> {
    pub target: Target<'a>,
    pub text: &'a str,
    pub anchors: &'a [Anchor],
}

/// One anchor in one text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Occurrence<'a> {
    pub target: Target<'a>,
    pub anchor: &'a Anchor,
    /// The anchor as printed in the text, or its key when the range does not fit the text.
    pub printed: &'a str,
    /// Index of the text in its side of the comparison, then offset in that text.
    position: (usize, usize),
}

impl Occurrence<'_> {
    pub fn mark(&self) -> Mark {
        self.target.mark(self.anchor.range)
    }
}

/// How the anchors of the two sides differ.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Delta<'a> {
    /// The same anchor with a different value on each side.
    Differs {
        en: Occurrence<'a>,
        es: Occurrence<'a>,
    },
    /// An anchor on one side with nothing like it on the other.
    OnlyIn {
        language: Language,
        occurrence: Occurrence<'a>,
    },
    /// A corrigendum cited on one side only, next to the document it corrects: corrigenda do
    /// not always concern every language version.
    CorrigendumOnlyIn {
        language: Language,
        occurrence: Occurrence<'a>,
    },
}

impl Delta<'_> {
    fn sort_key(&self) -> ((usize, usize), Language) {
        match self {
            Delta::Differs { en, .. } => (en.position, Language::En),
            Delta::OnlyIn {
                language,
                occurrence,
            }
            | Delta::CorrigendumOnlyIn {
                language,
                occurrence,
            } => (occurrence.position, *language),
        }
    }
}

/// The kinds of anchors whose values count something rather than cite something.
pub(crate) fn is_number(kind: AnchorKind) -> bool {
    match kind {
        AnchorKind::FootnoteCall => false,
        _ => false,
    }
}

/// The kinds whose keys are document symbols, where corrigenda appear.
fn is_symbol(kind: AnchorKind) -> bool {
    match kind {
        AnchorKind::FootnoteCall => false,
        _ => false,
    }
}

/// Every difference between the anchors of the two sides, in text order.
pub(crate) fn compare<'a>(en: &[Text<'a>], es: &[Text<'a>]) -> Vec<Delta<'a>> {
    let en = occurrences(en);
    let es = occurrences(es);
    if en.is_empty() && es.is_empty() {
        return Vec::new();
    }
    let mut tallies = Tallies::new(&en, &es);
    let mut deltas = Vec::new();
    tallies.pair_near_misses(&en, &es, &mut deltas);
    tallies.pair_with_surplus(&en, &es, &mut deltas);
    tallies.pair_sole_candidates(&en, &es, &mut deltas);
    tallies.unpaired(&en, &es, &mut deltas);
    deltas.sort_by_key(Delta::sort_key);
    deltas
}

/// The anchors of a side that are compared: footnote calls are compared on their own, and a
/// number inside a citation (`64` in `64/293`) is part of that citation.
fn occurrences<'a>(texts: &[Text<'a>]) -> Vec<Occurrence<'a>> {
    let mut found = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        for anchor in text.anchors {
            if anchor.kind == AnchorKind::FootnoteCall
                || (is_number(anchor.kind) && inside_citation(anchor, text.anchors))
            {
                continue;
            }
            found.push(Occurrence {
                target: text.target,
                anchor,
                printed: printed(text.text, anchor),
                position: (index, anchor.range.start),
            });
        }
    }
    found
}

fn inside_citation(number: &Anchor, anchors: &[Anchor]) -> bool {
    anchors.iter().any(|other| {
        !is_number(other.kind)
            && other.kind != AnchorKind::FootnoteCall
            && other.range.start <= number.range.start
            && number.range.end <= other.range.end
    })
}

fn printed<'a>(text: &'a str, anchor: &'a Anchor) -> &'a str {
    text.get(anchor.range.start..anchor.range.end)
        .map(str::trim)
        .filter(|printed| !printed.is_empty())
        .unwrap_or(&anchor.key)
}

/// One distinct anchor value and where it occurs on each side.
struct Tally<'a> {
    kind: AnchorKind,
    key: &'a str,
    /// Indices into the side's occurrences.
    en: Vec<usize>,
    es: Vec<usize>,
    /// Set once a difference accounts for this value.
    paired: bool,
    /// Occurrences beyond the other side's count already used to pair a changed value.
    surplus_used: usize,
}

impl Tally<'_> {
    fn only_in(&self) -> Option<Language> {
        match (self.en.is_empty(), self.es.is_empty()) {
            (false, true) => Some(Language::En),
            (true, false) => Some(Language::Es),
            _ => None,
        }
    }

    fn occurrences(&self, language: Language) -> &[usize] {
        match language {
            Language::En => &self.en,
            Language::Es => &self.es,
        }
    }
}

struct Tallies<'a> {
    tallies: Vec<Tally<'a>>,
}

impl<'a> Tallies<'a> {
    fn new(en: &[Occurrence<'a>], es: &[Occurrence<'a>]) -> Tallies<'a> {
        let mut tallies: Vec<Tally<'a>> = Vec::new();
        for (language, side) in [(Language::En, en), (Language::Es, es)] {
            for (index, occurrence) in side.iter().enumerate() {
                let key = occurrence.anchor.key.as_str();
                let kind = occurrence.anchor.kind;
                let position = tallies
                    .iter()
                    .position(|tally| tally.kind == kind && tally.key == key);
                let position = position.unwrap_or_else(|| {
                    tallies.push(Tally {
                        kind,
                        key,
                        en: Vec::new(),
                        es: Vec::new(),
                        paired: false,
                        surplus_used: 0,
                    });
                    tallies.len() - 1
                });
                let tally = &mut tallies[position];
                match language {
                    Language::En => tally.en.push(index),
                    Language::Es => tally.es.push(index),
                }
            }
        }
        Tallies { tallies }
    }

    fn open(&self, language: Language) -> Vec<usize> {
        (0..self.tallies.len())
            .filter(|&index| {
                let tally = &self.tallies[index];
                !tally.paired && tally.only_in() == Some(language)
            })
            .collect()
    }

    /// A value on each side that differs by a typo: one digit changed or transposed, or one
    /// component (the month of a date, the number after a slash) changed.
    fn pair_near_misses(
        &mut self,
        en: &[Occurrence<'a>],
        es: &[Occurrence<'a>],
        deltas: &mut Vec<Delta<'a>>,
    ) {
        for en_index in self.open(Language::En) {
            let partner = self.open(Language::Es).into_iter().find(|&es_index| {
                let (a, b) = (&self.tallies[en_index], &self.tallies[es_index]);
                a.kind == b.kind && near_miss(a.key, b.key)
            });
            if let Some(es_index) = partner {
                self.push_differs(en_index, es_index, en, es, deltas);
            }
        }
    }

    /// A value on one side only that looks like a changed copy of a value the other side cites
    /// more often: the Spanish wrote `64/239` once where the English cites `64/293` twice.
    fn pair_with_surplus(
        &mut self,
        en: &[Occurrence<'a>],
        es: &[Occurrence<'a>],
        deltas: &mut Vec<Delta<'a>>,
    ) {
        for language in [Language::Es, Language::En] {
            let other = other_language(language);
            for lonely in self.open(language) {
                let source = (0..self.tallies.len()).find(|&index| {
                    let candidate = &self.tallies[index];
                    let (own, theirs) = (
                        candidate.occurrences(language).len(),
                        candidate.occurrences(other).len(),
                    );
                    own > 0
                        && theirs > own + candidate.surplus_used
                        && candidate.kind == self.tallies[lonely].kind
                        && near_miss(candidate.key, self.tallies[lonely].key)
                });
                let Some(source) = source else { continue };
                let tally = &mut self.tallies[source];
                let spare = tally.occurrences(language).len() + tally.surplus_used;
                let spare_occurrence = tally.occurrences(other).get(spare).copied();
                tally.surplus_used += 1;
                let lonely_occurrence = self.tallies[lonely].occurrences(language).first().copied();
                self.tallies[lonely].paired = true;
                if let (Some(spare), Some(lonely)) = (spare_occurrence, lonely_occurrence) {
                    let (en_index, es_index) = match language {
                        Language::Es => (spare, lonely),
                        Language::En => (lonely, spare),
                    };
                    if let (Some(en), Some(es)) = (en.get(en_index), es.get(es_index)) {
                        deltas.push(Delta::Differs { en: *en, es: *es });
                    }
                }
            }
        }
    }

    /// One value left of a kind on each side: whatever their keys, they are the one anchor the
    /// two texts disagree on.
    fn pair_sole_candidates(
        &mut self,
        en: &[Occurrence<'a>],
        es: &[Occurrence<'a>],
        deltas: &mut Vec<Delta<'a>>,
    ) {
        let en_open = self.open(Language::En);
        let es_open = self.open(Language::Es);
        for &en_index in &en_open {
            let kind = self.tallies[en_index].kind;
            let same_kind = |indices: &[usize]| -> Vec<usize> {
                indices
                    .iter()
                    .copied()
                    .filter(|&index| self.tallies[index].kind == kind)
                    .collect()
            };
            if let ([_], [es_index]) = (
                same_kind(&en_open).as_slice(),
                same_kind(&es_open).as_slice(),
            ) {
                self.push_differs(en_index, *es_index, en, es, deltas);
            }
        }
    }

    fn unpaired(&self, en: &[Occurrence<'a>], es: &[Occurrence<'a>], deltas: &mut Vec<Delta<'a>>) {
        for language in [Language::En, Language::Es] {
            let side = match language {
                Language::En => en,
                Language::Es => es,
            };
            for index in self.open(language) {
                let tally = &self.tallies[index];
                let Some(occurrence) = tally
                    .occurrences(language)
                    .first()
                    .and_then(|&first| side.get(first))
                else {
                    continue;
                };
                let delta = if self.corrects_a_cited_document(tally) {
                    Delta::CorrigendumOnlyIn {
                        language,
                        occurrence: *occurrence,
                    }
                } else {
                    Delta::OnlyIn {
                        language,
                        occurrence: *occurrence,
                    }
                };
                deltas.push(delta);
            }
        }
    }

    /// `E/2005/23/Corr.1` when `E/2005/23` is cited too.
    fn corrects_a_cited_document(&self, tally: &Tally) -> bool {
        if !is_symbol(tally.kind) {
            return false;
        }
        let Some((corrected, _)) = tally.key.rsplit_once("/Corr.") else {
            return false;
        };
        self.tallies
            .iter()
            .any(|other| other.kind == tally.kind && other.key == corrected)
    }

    fn push_differs(
        &mut self,
        en_index: usize,
        es_index: usize,
        en: &[Occurrence<'a>],
        es: &[Occurrence<'a>],
        deltas: &mut Vec<Delta<'a>>,
    ) {
        self.tallies[en_index].paired = true;
        self.tallies[es_index].paired = true;
        let en_occurrence = self.tallies[en_index].en.first().and_then(|&i| en.get(i));
        let es_occurrence = self.tallies[es_index].es.first().and_then(|&i| es.get(i));
        if let (Some(en), Some(es)) = (en_occurrence, es_occurrence) {
            deltas.push(Delta::Differs { en: *en, es: *es });
        }
    }
}

fn other_language(language: Language) -> Language {
    match language {
        Language::En => Language::Es,
        Language::Es => Language::En,
    }
}

/// Keys one slip apart: a character changed, added, dropped or two neighbours swapped
/// (`64/293`, `64/239`), or one component changed (`2010-07-30`, `2010-06-30`).
pub(crate) fn near_miss(a: &str, b: &str) -> bool {
    a != b && (strsim::osa_distance(a, b) <= 1 || one_component_differs(a, b))
}

fn one_component_differs(a: &str, b: &str) -> bool {
    let (a, b) = (components(a), components(b));
    a.len() > 1 && a.len() == b.len() && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

fn components(key: &str) -> Vec<&str> {
    key.split(|c: char| !c.is_alphanumeric()).collect()
}
