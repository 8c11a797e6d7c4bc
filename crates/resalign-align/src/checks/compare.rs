//! Compares the anchors of two texts (a link's paragraphs, or a pair of footnotes) and pairs what
//! differs: an anchor changed on one side (`64/293` against `64/239`) is one difference naming
//! both values, not two anchors missing.

use std::borrow::Cow;

use resalign_core::{Anchor, AnchorKind, Language, TextRange, UnitId};

use super::conventions::{Conventions, contains_number};
use super::vocabulary::{is_number, other_language};
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
    /// The paragraph number the text was printed under, taken out of the text.
    pub number: Option<u32>,
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

/// Every difference between the anchors of the two sides, in text order.
pub(crate) fn compare<'a>(
    conventions: &Conventions,
    en_texts: &[Text<'a>],
    es_texts: &[Text<'a>],
) -> Vec<Delta<'a>> {
    let unnumbered = |texts: &[Text]| texts.first().is_some_and(|text| text.number.is_none());
    let numbers = [
        paragraph_numbers(en_texts, unnumbered(es_texts)),
        paragraph_numbers(es_texts, unnumbered(en_texts)),
    ];
    let en = occurrences(en_texts);
    let es = occurrences(es_texts);
    if en.is_empty() && es.is_empty() {
        return Vec::new();
    }
    let keys = [
        conventional_keys(conventions, en_texts, &en),
        conventional_keys(conventions, es_texts, &es),
    ];
    let mut table = Table::new(&en, &es, &keys);
    table.absorb_paragraph_numbers(&numbers);
    table.absorb_other_readings();
    table.absorb_conventions(conventions, [en_texts, es_texts]);
    let mut deltas = Vec::new();
    table.pair_near_misses(&mut deltas);
    table.pair_with_surplus(&mut deltas);
    table.pair_opposite_surpluses(&mut deltas);
    table.pair_sole_values(&mut deltas);
    table.unpaired(&mut deltas);
    deltas.retain(worth_reporting);
    deltas.retain(|delta| !printed_untranslated(delta, en_texts, es_texts));
    deltas.sort_by_key(Delta::sort_key);
    deltas
}

/// A changed value whose English form the Spanish text prints as it is: an English title the
/// translation kept (`la iniciativa 1 Million by 2021`), read by the Spanish rules as something
/// else.
fn printed_untranslated(delta: &Delta, en_texts: &[Text], es_texts: &[Text]) -> bool {
    let Delta::Differs { en, .. } = delta else {
        return false;
    };
    let printed = en.printed.to_lowercase();
    let has_word = printed
        .split(|c: char| !c.is_alphabetic())
        .any(|word| word.chars().count() >= 3);
    has_word
        && es_texts
            .iter()
            .any(|text| text.text.to_lowercase().contains(&printed))
        && !en_texts.is_empty()
}

/// The anchors of a side that are compared; footnote calls are compared on their own. (The
/// extractor never reads a number inside a citation, such as the `64` of `64/293`, as a number
/// of its own.)
fn occurrences<'a>(texts: &[Text<'a>]) -> Vec<Occurrence<'a>> {
    let mut found = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        for anchor in text.anchors {
            if anchor.kind == AnchorKind::FootnoteCall {
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

/// The keys under which the occurrences are compared: a symbol with its translated elements
/// in English (`IOC/A-32/Decisions` for `IOC/A-32/Decisiones`), a resolution number with the
/// prefix a stray space set apart put back (`ES-10/17` for `ES- 10/17`).
fn conventional_keys<'a>(
    conventions: &Conventions,
    texts: &[Text],
    occurrences: &[Occurrence<'a>],
) -> Vec<Cow<'a, str>> {
    occurrences
        .iter()
        .map(|occurrence| {
            let anchor = occurrence.anchor;
            let key = anchor.key.as_str();
            let text = texts
                .get(occurrence.position.0)
                .map_or("", |text| text.text);
            let changed = match anchor.kind {
                AnchorKind::Symbol => conventions.canonical_symbol(key),
                AnchorKind::Resolution => text
                    .get(..anchor.range.start)
                    .and_then(|before| conventions.rejoined_prefix(key, before)),
                _ => None,
            };
            changed.map_or(Cow::Borrowed(key), Cow::Owned)
        })
        .collect()
}

/// Two Treaty Series references to one treaty (the same registration number) in different
/// volumes: a treaty printed over several volumes is cited by either (`vol. 1833, No. 31363`
/// and `vol. 1834, núm. 31363` for the Law of the Sea Convention).
pub(crate) fn only_volume_differs(en: &Occurrence, es: &Occurrence) -> bool {
    let registration = |occurrence: &Occurrence| {
        (occurrence.anchor.kind == AnchorKind::TreatySeries)
            .then(|| {
                occurrence
                    .anchor
                    .key
                    .split_once(':')
                    .map(|(_, number)| number.to_string())
            })
            .flatten()
    };
    registration(en).is_some_and(|number| Some(number) == registration(es))
}

/// The paragraph numbers of a side's texts after the first, as anchor keys: the numbers a text
/// run together from them on the other side would still print; and the first one's, when the
/// other side's first text has none (its number was left in its text).
fn paragraph_numbers(texts: &[Text], with_first: bool) -> Vec<String> {
    texts
        .iter()
        .skip(usize::from(!with_first))
        .filter_map(|text| text.number)
        .map(|number| number.to_string())
        .collect()
}

fn printed<'a>(text: &'a str, anchor: &'a Anchor) -> &'a str {
    text.get(anchor.range.start..anchor.range.end)
        .map(str::trim)
        .filter(|printed| !printed.is_empty())
        .unwrap_or(&anchor.key)
}

/// Differences a reviser can act on. A number on one side only is reported when printed in
/// figures and above 9: words and single digits come and go with the wording (`the two` for
/// `ambos`, `infants` for `niños menores de 1 año`). Values printed alike on both sides
/// (`23.001`) differ only in how the extractor read them.
fn worth_reporting(delta: &Delta) -> bool {
    match delta {
        Delta::Differs { en, es } => en.printed != es.printed,
        Delta::OnlyIn { occurrence, .. } => {
            occurrence.anchor.kind != AnchorKind::Number
                || (in_figures(occurrence) && occurrence.anchor.key.len() > 1)
        }
        Delta::CorrigendumOnlyIn { .. } => true,
    }
}

pub(crate) fn in_figures(occurrence: &Occurrence) -> bool {
    occurrence.printed.starts_with(|c: char| c.is_ascii_digit())
}

/// Where a distinct anchor value stands in the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// Not accounted for yet.
    Open,
    /// Accounted for by a difference that was reported.
    Paired,
    /// The other side has the same value read another way; nothing to report.
    Absorbed,
}

/// One distinct anchor value and where it occurs on each side.
struct Tally<'a> {
    kind: AnchorKind,
    key: &'a str,
    /// Indices into the side's occurrences.
    en: Vec<usize>,
    es: Vec<usize>,
    status: Status,
    /// Occurrences beyond the other side's count already used to pair a changed value.
    surplus_used: usize,
}

impl Tally<'_> {
    /// The side this value occurs on, when it occurs on one side only.
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

    fn is_open_in(&self, language: Language) -> bool {
        self.status == Status::Open && self.only_in() == Some(language)
    }
}

/// The distinct anchor values of both sides, and the occurrences they index.
struct Table<'o, 'a> {
    tallies: Vec<Tally<'o>>,
    en: &'o [Occurrence<'a>],
    es: &'o [Occurrence<'a>],
}

impl<'o, 'a> Table<'o, 'a> {
    fn new(
        en: &'o [Occurrence<'a>],
        es: &'o [Occurrence<'a>],
        keys: &'o [Vec<Cow<'a, str>>; 2],
    ) -> Table<'o, 'a> {
        let mut tallies: Vec<Tally<'o>> = Vec::new();
        for (language, side, keys) in [(Language::En, en, &keys[0]), (Language::Es, es, &keys[1])] {
            for (index, occurrence) in side.iter().enumerate() {
                let key: &'o str = keys
                    .get(index)
                    .map_or(occurrence.anchor.key.as_str(), |key| key);
                let kind = occurrence.anchor.kind;
                let position = tallies
                    .iter()
                    .position(|tally| tally.kind == kind && tally.key == key)
                    .unwrap_or_else(|| {
                        tallies.push(Tally {
                            kind,
                            key,
                            en: Vec::new(),
                            es: Vec::new(),
                            status: Status::Open,
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
        Table { tallies, en, es }
    }

    fn open(&self, language: Language) -> Vec<usize> {
        (0..self.tallies.len())
            .filter(|&index| self.tallies[index].is_open_in(language))
            .collect()
    }

    /// Values one side printed in a form the other side's extraction read differently: a
    /// number that is part of a citation on the other side (`from 17 to 20 October` read as a
    /// number and a date, `del 17 al 20 de octubre` as two dates; `resolution 2529(2020)` as two
    /// numbers), a Security Council resolution cited without its year, a day without its year.
    fn absorb_other_readings(&mut self) {
        self.absorb_lonely_pairs();
        self.absorb_into_surplus();
    }

    /// A number on one side that is the number of a paragraph on the other: where two
    /// paragraphs were run together, the second one's number stays in the text (`... ley. 13.
    /// Invita ...`) while the other language has it as a label.
    fn absorb_paragraph_numbers(&mut self, numbers: &[Vec<String>; 2]) {
        let [en_numbers, es_numbers] = numbers;
        for (language, theirs) in [(Language::En, es_numbers), (Language::Es, en_numbers)] {
            for index in self.open(language) {
                let tally = &mut self.tallies[index];
                if tally.kind == AnchorKind::Number
                    && theirs.iter().any(|number| number == tally.key)
                {
                    tally.status = Status::Absorbed;
                }
            }
        }
    }

    /// Values a citation convention accounts for: a resolution one side cites where the other
    /// names the body set up by it (`resolución 1540 (2004)` and `the 1540 Committee`), and a
    /// number one side words in a phrase the other words its own way (`post-2020`, `posterior a
    /// 2020`); and a number in figures that the other side prints too, read another way there
    /// (`1.5°C` against `1,5 ºC`, `COVID-19` against `COVID 19`).
    fn absorb_conventions(&mut self, conventions: &Conventions, texts: [&[Text]; 2]) {
        let joined = |texts: &[Text]| {
            texts
                .iter()
                .map(|text| text.text)
                .collect::<Vec<_>>()
                .join("\n")
        };
        let [en_text, es_text] = [joined(texts[0]), joined(texts[1])];
        for language in [Language::En, Language::Es] {
            let other_text = match language {
                Language::En => &es_text,
                Language::Es => &en_text,
            };
            for lonely in self.open(language) {
                let tally = &self.tallies[lonely];
                let explained = self.names_body(conventions, tally, language, other_text)
                    || (tally.kind == AnchorKind::Number
                        && (conventions.phrases_number(
                            tally.key,
                            other_text,
                            language == Language::Es,
                        ) || self.printed_alike(tally, language, other_text)));
                if explained {
                    self.tallies[lonely].status = Status::Absorbed;
                }
            }
        }
    }

    /// A resolution (or its bare serial number) a body is named after, where the other side
    /// names that body or cites the resolution.
    fn names_body(
        &self,
        conventions: &Conventions,
        tally: &Tally,
        language: Language,
        other_text: &str,
    ) -> bool {
        if !matches!(tally.kind, AnchorKind::Resolution | AnchorKind::Number) {
            return false;
        }
        let Some(serial) = serial_number(tally.key) else {
            return false;
        };
        if !conventions.is_naming_resolution(serial) {
            return false;
        }
        let other = other_language(language);
        let other_cites = |kind: AnchorKind| {
            self.tallies.iter().any(|candidate| {
                candidate.kind == kind
                    && !candidate.occurrences(other).is_empty()
                    && serial_number(candidate.key) == Some(serial)
            })
        };
        match tally.kind {
            // A resolution the other side cites too is compared as any other.
            AnchorKind::Resolution => {
                !other_cites(AnchorKind::Resolution)
                    && conventions.names_body_of(serial, other_text)
            }
            _ => {
                other_cites(AnchorKind::Resolution) || conventions.names_body_of(serial, other_text)
            }
        }
    }

    /// A number in figures whose digits the other side prints glued to a word or sign, where its
    /// extraction could not read them (`1.5°C`, `COVID-19`).
    fn printed_alike(&self, tally: &Tally, language: Language, other_text: &str) -> bool {
        let side = match language {
            Language::En => self.en,
            Language::Es => self.es,
        };
        let Some(occurrence) = tally
            .occurrences(language)
            .first()
            .and_then(|&i| side.get(i))
        else {
            return false;
        };
        in_figures(occurrence) && contains_glued_number(other_text, occurrence.printed)
    }

    fn absorb_lonely_pairs(&mut self) {
        let es_lonely = self.open(Language::Es);
        for en_index in self.open(Language::En) {
            for &es_index in &es_lonely {
                let (en, es) = (&self.tallies[en_index], &self.tallies[es_index]);
                if can_absorb(en) && can_absorb(es) && same_reading(en, es) {
                    self.tallies[en_index].status = Status::Absorbed;
                    self.tallies[es_index].status = Status::Absorbed;
                }
            }
        }
    }

    /// A lone value may also be another reading of a value both sides have, cited more often on
    /// the other side (`resolution 1701` twice against `resolución 1701 (2006)` three times);
    /// and a lone citation may have been read as a number both sides have, but one side more
    /// often (`del 5 al 7 de junio` read as `5` and a date, next to a `5` of its own).
    fn absorb_into_surplus(&mut self) {
        for language in [Language::En, Language::Es] {
            let other = other_language(language);
            for lonely in self.open(language) {
                let lonely_tally = &self.tallies[lonely];
                let reading = self.tallies.iter().position(|candidate| {
                    let surplus = candidate.occurrences(other).len()
                        > candidate.occurrences(language).len() + candidate.surplus_used;
                    surplus && same_reading(lonely_tally, candidate)
                });
                let Some(reading) = reading else { continue };
                self.tallies[lonely].status = Status::Absorbed;
                self.tallies[reading].surplus_used += 1;
            }
        }
    }

    /// A value on each side that differs by a typo: one digit changed or transposed, or one
    /// component (the month of a date, the number after a slash) changed.
    fn pair_near_misses(&mut self, deltas: &mut Vec<Delta<'a>>) {
        for en_index in self.open(Language::En) {
            let partner = self.open(Language::Es).into_iter().find(|&es_index| {
                let (a, b) = (&self.tallies[en_index], &self.tallies[es_index]);
                a.kind == b.kind && near_miss(a.key, b.key)
            });
            if let Some(es_index) = partner {
                self.push_differs(en_index, es_index, deltas);
            }
        }
    }

    /// A value on one side only that looks like a changed copy of a value the other side cites
    /// more often: the Spanish wrote `64/239` once where the English cites `64/293` twice.
    fn pair_with_surplus(&mut self, deltas: &mut Vec<Delta<'a>>) {
        for language in [Language::Es, Language::En] {
            let other = other_language(language);
            for lonely in self.open(language) {
                let Some(source) = self.surplus_source(lonely, language) else {
                    continue;
                };
                let tally = &mut self.tallies[source];
                let spare = tally
                    .occurrences(other)
                    .get(tally.occurrences(language).len() + tally.surplus_used)
                    .copied();
                tally.surplus_used += 1;
                let lonely_tally = &mut self.tallies[lonely];
                lonely_tally.status = Status::Paired;
                let lonely = lonely_tally.occurrences(language).first().copied();
                let (en_index, es_index) = match language {
                    Language::Es => (spare, lonely),
                    Language::En => (lonely, spare),
                };
                if let (Some(en), Some(es)) = (
                    en_index.and_then(|index| self.en.get(index)),
                    es_index.and_then(|index| self.es.get(index)),
                ) {
                    deltas.push(Delta::Differs { en: *en, es: *es });
                }
            }
        }
    }

    /// Two values both sides cite, one more often in English and the other more often in
    /// Spanish, one slip apart: one copy was changed (`for 2020 ... for 2021 ... for 2020`
    /// against `de 2021 ... de 2021 ... de 2020`).
    fn pair_opposite_surpluses(&mut self, deltas: &mut Vec<Delta<'a>>) {
        let spare = |tally: &Tally, language: Language| {
            let theirs = tally.occurrences(other_language(language)).len();
            theirs > 0 && tally.occurrences(language).len() > theirs + tally.surplus_used
        };
        for en_index in 0..self.tallies.len() {
            if !spare(&self.tallies[en_index], Language::En) {
                continue;
            }
            let partner = (0..self.tallies.len()).find(|&es_index| {
                let (en, es) = (&self.tallies[en_index], &self.tallies[es_index]);
                spare(es, Language::Es) && en.kind == es.kind && near_miss(en.key, es.key)
            });
            let Some(es_index) = partner else { continue };
            let en_spare = self.spare_occurrence(en_index, Language::En);
            let es_spare = self.spare_occurrence(es_index, Language::Es);
            self.tallies[en_index].surplus_used += 1;
            self.tallies[es_index].surplus_used += 1;
            if let (Some(en), Some(es)) = (en_spare, es_spare) {
                deltas.push(Delta::Differs { en, es });
            }
        }
    }

    /// The first occurrence on `language`'s side beyond what the other side matches.
    fn spare_occurrence(&self, index: usize, language: Language) -> Option<Occurrence<'a>> {
        let tally = &self.tallies[index];
        let other = other_language(language);
        let position = tally.occurrences(other).len() + tally.surplus_used;
        let occurrence = *tally.occurrences(language).get(position)?;
        match language {
            Language::En => self.en.get(occurrence).copied(),
            Language::Es => self.es.get(occurrence).copied(),
        }
    }

    /// A value both sides cite, more often on the other side than on `language`'s, and one slip
    /// away from the lonely value.
    fn surplus_source(&self, lonely: usize, language: Language) -> Option<usize> {
        let other = other_language(language);
        let lonely = &self.tallies[lonely];
        self.tallies.iter().position(|candidate| {
            let own = candidate.occurrences(language).len();
            let theirs = candidate.occurrences(other).len();
            own > 0
                && theirs > own + candidate.surplus_used
                && candidate.kind == lonely.kind
                && near_miss(candidate.key, lonely.key)
        })
    }

    /// One value left of a kind on each side: whatever their keys, they are the one anchor the
    /// two texts disagree on. Numbers in words are left alone: `two` against `primera` is more
    /// often a rewording than one number changed.
    fn pair_sole_values(&mut self, deltas: &mut Vec<Delta<'a>>) {
        let en_open = self.open(Language::En);
        let es_open = self.open(Language::Es);
        let of_kind = |indices: &[usize], kind: AnchorKind| -> Vec<usize> {
            indices
                .iter()
                .copied()
                .filter(|&index| self.tallies[index].kind == kind)
                .collect()
        };
        let mut sole_pairs = Vec::new();
        for &en_index in &en_open {
            let kind = self.tallies[en_index].kind;
            if let ([_], [es_index]) = (
                of_kind(&en_open, kind).as_slice(),
                of_kind(&es_open, kind).as_slice(),
            ) && (!is_number(kind)
                || (self.written_in_figures(en_index) && self.written_in_figures(*es_index)))
            {
                sole_pairs.push((en_index, *es_index));
            }
        }
        for (en_index, es_index) in sole_pairs {
            self.push_differs(en_index, es_index, deltas);
        }
    }

    fn written_in_figures(&self, index: usize) -> bool {
        let tally = &self.tallies[index];
        let en = tally.en.first().and_then(|&i| self.en.get(i));
        let es = tally.es.first().and_then(|&i| self.es.get(i));
        en.or(es).is_some_and(in_figures)
    }

    fn unpaired(&self, deltas: &mut Vec<Delta<'a>>) {
        for language in [Language::En, Language::Es] {
            let side = match language {
                Language::En => self.en,
                Language::Es => self.es,
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
                let occurrence = *occurrence;
                deltas.push(if self.corrects_a_cited_document(tally) {
                    Delta::CorrigendumOnlyIn {
                        language,
                        occurrence,
                    }
                } else {
                    Delta::OnlyIn {
                        language,
                        occurrence,
                    }
                });
            }
        }
    }

    /// `E/2005/23/Corr.1` when `E/2005/23` is cited too.
    fn corrects_a_cited_document(&self, tally: &Tally) -> bool {
        if tally.kind != AnchorKind::Symbol {
            return false;
        }
        let Some((corrected, _)) = tally.key.rsplit_once("/Corr.") else {
            return false;
        };
        self.tallies
            .iter()
            .any(|other| other.kind == tally.kind && other.key == corrected)
    }

    fn push_differs(&mut self, en_index: usize, es_index: usize, deltas: &mut Vec<Delta<'a>>) {
        self.tallies[en_index].status = Status::Paired;
        self.tallies[es_index].status = Status::Paired;
        let en = self.tallies[en_index]
            .en
            .first()
            .and_then(|&i| self.en.get(i));
        let es = self.tallies[es_index]
            .es
            .first()
            .and_then(|&i| self.es.get(i));
        if let (Some(en), Some(es)) = (en, es) {
            deltas.push(Delta::Differs { en: *en, es: *es });
        }
    }
}

/// Whether `text` prints `number` glued to a letter or sign before or after it.
fn contains_glued_number(text: &str, number: &str) -> bool {
    let glue = |c: Option<char>| {
        c.is_some_and(|c| !c.is_whitespace() && !c.is_ascii_digit() && !",.;:()/".contains(c))
    };
    contains_number(text, number)
        && text.match_indices(number).any(|(at, _)| {
            glue(text[..at].chars().next_back()) || glue(text[at + number.len()..].chars().next())
        })
}

/// The serial number a resolution key or a number starts with: `1267` in `1267 (1999)`.
fn serial_number(key: &str) -> Option<u32> {
    let digits: &str = &key[..key.find(|c: char| !c.is_ascii_digit()).unwrap_or(key.len())];
    let rest = &key[digits.len()..];
    (rest.is_empty() || rest.starts_with(" ("))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A number is one reading of one citation; a citation may have been read as several numbers
/// (`2529` and `2020` for `2529 (2020)`).
fn can_absorb(tally: &Tally) -> bool {
    tally.status == Status::Open || (tally.status == Status::Absorbed && !is_number(tally.kind))
}

/// Two values, one on each side, that are the same anchor read two ways.
fn same_reading(a: &Tally, b: &Tally) -> bool {
    match (is_number(a.kind), is_number(b.kind)) {
        (false, true) => {
            a.kind != AnchorKind::Percentage
                && b.kind == AnchorKind::Number
                && has_component(a.key, b.key)
        }
        (true, false) => same_reading(b, a),
        (true, true) => false,
        (false, false) if a.kind == b.kind => same_citation(a.kind, a.key, b.key),
        (false, false) => false,
    }
}

/// Whether a citation's key has `number` among its numeric parts (`2016-10-17` has `17`,
/// `2529 (2020)` has `2529` and `2020`).
fn has_component(key: &str, number: &str) -> bool {
    let number = number.trim_start_matches('0');
    !number.is_empty()
        && key
            .split(|c: char| !c.is_ascii_digit())
            .any(|part| part.trim_start_matches('0') == number)
}

/// The same citation with a part left out on one side: a Security Council resolution without
/// its year (`1701` and `1701 (2006)`), a date without its year (`--06-01` and `2023-06-01`).
fn same_citation(kind: AnchorKind, a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match kind {
        AnchorKind::Resolution => long
            .strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(" (")),
        AnchorKind::Date => short
            .strip_prefix("--")
            .is_some_and(|day| long.len() == 10 && long.ends_with(day)),
        _ => false,
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
