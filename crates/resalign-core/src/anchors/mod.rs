//! Citation anchors: what must survive translation unchanged (resolution numbers, document
//! symbols, dates, treaty references, numbers, footnote calls), each with a key that is the same
//! in English and Spanish.
//!
//! One pass of an Aho-Corasick automaton finds the places where an anchor may start (a digit, a
//! month name, a number word, a cue word such as `resolution` or `vol.`); a small grammar at
//! each place reads the whole anchor, and whatever it covers is not read again, so the `2010`
//! of a date or the `64` of `64/293` is never also a number of its own.

mod citations;
mod cursor;
mod dates;
mod numbers;
mod resolutions;
mod symbols;
mod times;
mod words;

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::{Deserialize, Serialize};

use crate::model::{FootnoteCall, Language};
use crate::span::TextRange;

use citations::Cue;
use cursor::Cursor;
use numbers::Quantity;
use symbols::SlashedKind;

pub(crate) use dates::{first_date, is_impossible as is_impossible_date};
pub(crate) use symbols::document_symbols;
pub(crate) use words::ordinal_value;

/// One anchor found in a unit's or footnote's clean text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    pub kind: AnchorKind,
    /// Language-independent: `64/293`, `E/2013/30/Corr.1`, `2010-07-30`, `39574`.
    pub key: String,
    /// Where it stands in the clean text.
    pub range: TextRange,
}

/// The kinds of anchors. New kinds may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AnchorKind {
    /// A footnote call. Key: the footnote number (`3`). Its range is empty, at the call.
    FootnoteCall,
    /// A resolution or decision number. Key: the number as printed, the parts single-spaced:
    /// `64/293`, `2013/41`, `31/16 A` (one anchor per letter of `A and B`), `S-8/1`,
    /// `ES-10/2`, `1373 (2001)`, `3363 (XXX)`, `217 A (III)`, `1/CP.21`, `C-SS-4/DEC.3`; after
    /// a cue word only, `63.22` for a World Health Assembly resolution (without `WHA`, which
    /// versions drop) and `1701` for a Security Council resolution cited without its year
    /// (which a check may relate to `1701 (2006)`).
    Resolution,
    /// A document symbol. Key: the symbol (`A/72/440`, `CTOC/COP/WG.4/2011/8`,
    /// `S/RES/2532 (2020)`); an elliptic corrigendum is a symbol of its own
    /// (`E/2013/30 and Corr.1` gives `E/2013/30` and `E/2013/30/Corr.1`).
    Symbol,
    /// A date. Key: ISO 8601 `2010-07-30`; `2017-03` for a month of a year; `--07-30` for a day
    /// without a year. Lists and ranges give one anchor per day they print, so `27 and 28
    /// September 2017` and `los días 27 y 28 de septiembre de 2017` give the same two keys.
    Date,
    /// A time of day. Key: `HH:MM` on a 24-hour clock (`3 p.m.` = `15.00 horas` = `15:00`).
    Time,
    /// A United Nations Treaty Series reference. Key: `volumes:numbers`, lists joined by
    /// commas and ranges by a dash: `2225:39574`, `2225,2237:39574`, `75:970-973`; a page
    /// instead of a registration number gives `1978:p1197`.
    TreatySeries,
    /// An Official Records supplement number. Key: `10`, `53A`.
    Supplement,
    /// A Sustainable Development Goal target. Key: `5.2`, `3.b`.
    Target,
    /// A percentage. Key: the number as for [`AnchorKind::Number`] (`0.7` for `0.7 per cent`
    /// and `0,7 %`).
    Percentage,
    /// Any other number, in figures or words, cardinal or ordinal (Spanish writes small
    /// ordinals in words where English uses figures and the reverse). Key: canonical decimal
    /// digits without separators or trailing zeros: `1500.5` (`1,500.5` = `1.500,5`), `72`
    /// (`seventy-second` = `septuagésimo segundo` = `72nd`), `1500000000` (`1.5 billion` =
    /// `1.500 millones`); a label of several points (`3.8.1`) as printed. `one`/`un`/`una`
    /// count only before `hundred`, `million`... since they are mostly articles and pronouns.
    Number,
}

/// All anchors of one text, in text order.
pub fn extract(language: Language, text: &str, calls: &[FootnoteCall]) -> Vec<Anchor> {
    let mut scanner = Scanner {
        language,
        text,
        anchors: Vec::new(),
        read_up_to: 0,
    };
    scanner.run();
    let mut anchors = scanner.anchors;
    anchors.extend(calls.iter().map(|call| Anchor {
        kind: AnchorKind::FootnoteCall,
        key: call.number.to_string(),
        range: TextRange::new(call.offset, call.offset),
    }));
    anchors.sort_by_key(|anchor| (anchor.range.start, anchor.range.end));
    anchors
}

/// Where an anchor may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trigger {
    Digit,
    Month,
    NumberWord,
    Cue(Cue),
}

struct TriggerTable {
    automaton: AhoCorasick,
    triggers: Vec<Trigger>,
}

impl TriggerTable {
    fn new(language: Language) -> TriggerTable {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut triggers = Vec::new();
        let digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        let mut add = |pattern: &'static str, trigger: Trigger| {
            patterns.push(pattern);
            triggers.push(trigger);
        };
        digits
            .into_iter()
            .for_each(|digit| add(digit, Trigger::Digit));
        dates::month_names(language).for_each(|month| add(month, Trigger::Month));
        for (cue, meaning) in citations::cue_words(language) {
            add(cue, Trigger::Cue(*meaning));
        }
        // Sorted, so that the automaton is the same from one run to the next.
        let mut number_words: Vec<&'static str> = words::opening_words(language).collect();
        number_words.sort_unstable();
        number_words
            .into_iter()
            .for_each(|word| add(word, Trigger::NumberWord));
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("static trigger patterns");
        TriggerTable {
            automaton,
            triggers,
        }
    }
}

static ENGLISH_TRIGGERS: LazyLock<TriggerTable> = LazyLock::new(|| TriggerTable::new(Language::En));
static SPANISH_TRIGGERS: LazyLock<TriggerTable> = LazyLock::new(|| TriggerTable::new(Language::Es));

/// Reads the anchors of one text, trigger by trigger.
struct Scanner<'a> {
    language: Language,
    text: &'a str,
    anchors: Vec<Anchor>,
    /// The end of the last anchor read: triggers before it are part of it.
    read_up_to: usize,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let table: &TriggerTable = match self.language {
            Language::En => &ENGLISH_TRIGGERS,
            Language::Es => &SPANISH_TRIGGERS,
        };
        for found in table.automaton.find_iter(self.text) {
            if found.start() < self.read_up_to {
                continue;
            }
            let Some(trigger) = table.triggers.get(found.pattern().as_usize()) else {
                continue;
            };
            let (start, end) = (found.start(), found.end());
            match *trigger {
                Trigger::Digit => self.at_digit(start),
                _ if !self.stands_alone(start, end) => {}
                Trigger::Month => self.at_month(start),
                Trigger::NumberWord => self.at_number_word(start),
                Trigger::Cue(cue) => self.at_cue(cue, start, end),
            }
        }
    }

    /// Whether a word found by the automaton is a whole word, not part of a longer one.
    fn stands_alone(&self, start: usize, end: usize) -> bool {
        let before = Cursor::new(self.text, start).prev_char();
        let after = Cursor::new(self.text, end);
        !before.is_some_and(char::is_alphanumeric) && after.at_word_end()
    }

    fn push(&mut self, kind: AnchorKind, key: String, range: TextRange) {
        self.read_up_to = self.read_up_to.max(range.end);
        self.anchors.push(Anchor { kind, key, range });
    }

    fn at_digit(&mut self, start: usize) {
        if let Some(run) = symbols::slash_run(self.text, start)
            && run.start >= self.read_up_to
        {
            self.at_slash_run(run);
            return;
        }
        let mut cursor = Cursor::new(self.text, start);
        if self.glued_to_word(&cursor) {
            self.skip_word(cursor);
            return;
        }
        if let Some(dates) = dates::read_days(self.language, &mut cursor) {
            self.push_dates(dates, cursor.pos());
            return;
        }
        if let Some(times) = times::read_times(self.language, &mut cursor) {
            let range = TextRange::new(start, cursor.pos());
            for time in times {
                self.push(AnchorKind::Time, time, range);
            }
            return;
        }
        if let Some(resolutions) = resolutions::read_with_session(&mut cursor) {
            for (key, range) in resolutions {
                self.push(AnchorKind::Resolution, key, range);
            }
            return;
        }
        match numbers::read_figure_in_range(self.language, &mut cursor) {
            Some(figure) => {
                let kind = match figure.quantity {
                    Quantity::Plain => AnchorKind::Number,
                    Quantity::Percentage => AnchorKind::Percentage,
                };
                self.push(kind, figure.key(), TextRange::new(start, cursor.pos()));
            }
            None => self.skip_word(cursor),
        }
    }

    /// Pushes dates, each at the days, month and year that print it; the whole expression up
    /// to `end` is read.
    fn push_dates(&mut self, dates: Vec<dates::CalendarDate>, end: usize) {
        for date in dates {
            self.push(AnchorKind::Date, date.key(), date.printed);
        }
        self.read_up_to = self.read_up_to.max(end);
    }

    fn at_slash_run(&mut self, run: TextRange) {
        let slashed = symbols::read_slashed(self.text, run);
        let kind = match slashed.what {
            SlashedKind::Symbol => AnchorKind::Symbol,
            SlashedKind::Resolution => AnchorKind::Resolution,
            SlashedKind::Other => {
                self.read_up_to = self.read_up_to.max(slashed.end);
                return;
            }
        };
        for (key, range) in slashed.citations {
            self.push(kind, key, range);
        }
        self.read_up_to = self.read_up_to.max(slashed.end);
    }

    /// Digits glued to a name (`COVID-19`, `WHA63`, `CO2`) are part of it; they do not count.
    /// A lower-case prefix joined by a hyphen does not make a name (`post-2015`), and the groups
    /// of countries `G20`, `G-77` count, since the other language may say `Group of 20`.
    fn glued_to_word(&self, cursor: &Cursor) -> bool {
        let before_digits = self.text.get(..cursor.pos()).unwrap_or("");
        let group_of_countries = before_digits
            .strip_suffix("G")
            .or_else(|| before_digits.strip_suffix("G-"))
            .is_some_and(|head| !head.ends_with(char::is_alphanumeric));
        if group_of_countries {
            return false;
        }
        let mut before = before_digits.chars().rev();
        match before.next() {
            Some(c) if c.is_alphabetic() => true,
            Some('.') => before.next().is_some_and(char::is_alphabetic),
            Some('-' | '\u{2010}' | '\u{2011}') => {
                let mut word = before.take_while(|c| c.is_alphabetic()).peekable();
                word.peek().is_some() && word.any(char::is_uppercase)
            }
            _ => false,
        }
    }

    /// Passes over the rest of a word that holds digits, so none of them is read again.
    fn skip_word(&mut self, mut cursor: Cursor) {
        while cursor.eat_digits().is_some()
            || cursor.eat_letters().is_some()
            || eat_inner_point(&mut cursor)
        {}
        self.read_up_to = self.read_up_to.max(cursor.pos());
    }

    fn at_month(&mut self, start: usize) {
        let mut cursor = Cursor::new(self.text, start);
        if let Some(months) = dates::read_months(self.language, &mut cursor) {
            self.push_dates(months, cursor.pos());
        }
    }

    fn at_number_word(&mut self, start: usize) {
        let mut cursor = Cursor::new(self.text, start);
        let reading = words::Reading::Running;
        let Some(number) = words::read_number_words(self.language, &mut cursor, reading) else {
            return;
        };
        let kind = if numbers::eat_percent(self.language, &mut cursor) {
            AnchorKind::Percentage
        } else {
            AnchorKind::Number
        };
        let range = TextRange::new(start, cursor.pos());
        self.push(kind, number.value.to_string(), range);
    }

    fn at_cue(&mut self, cue: Cue, start: usize, end: usize) {
        let mut cursor = Cursor::new(self.text, end);
        match cue {
            Cue::Volume => {
                if let Some(key) = citations::read_treaty_series(&mut cursor) {
                    self.push(
                        AnchorKind::TreatySeries,
                        key,
                        TextRange::new(start, cursor.pos()),
                    );
                }
            }
            Cue::Supplement => {
                if let Some(key) = citations::read_supplement(&mut cursor) {
                    self.push(
                        AnchorKind::Supplement,
                        key,
                        TextRange::new(start, cursor.pos()),
                    );
                }
            }
            Cue::Target => {
                for (key, range) in citations::read_targets(&mut cursor) {
                    self.push(AnchorKind::Target, key, range);
                }
            }
            Cue::Resolution => {
                for (key, range) in resolutions::read_after_cue(self.language, &mut cursor) {
                    self.push(AnchorKind::Resolution, key, range);
                }
            }
            Cue::Century => {
                if let Some(century) = citations::read_century(&mut cursor) {
                    let range = TextRange::new(start, cursor.pos());
                    self.push(AnchorKind::Number, century.to_string(), range);
                }
            }
        }
    }
}

/// A point between two digits or letters of a word (`63.22` in `WHA63.22`).
fn eat_inner_point(cursor: &mut Cursor) -> bool {
    let start = *cursor;
    if cursor.eat(".")
        && cursor
            .peek()
            .is_some_and(|byte| byte.is_ascii_alphanumeric())
    {
        return true;
    }
    *cursor = start;
    false
}
