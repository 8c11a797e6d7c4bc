//! Numbers written in words, cardinal or ordinal, in English and Spanish: `seventy-second` and
//! `septuagésimo segundo` are both 72, `two` and `dos` both 2, `one hundred and fiftieth` 150.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::Language;

use super::cursor::Cursor;
use super::numbers;

/// Whether a word counts (`two`) or orders (`second`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Form {
    Cardinal,
    Ordinal,
}

/// How a word combines with the words before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Adds its value: `seventy` + `two`.
    Addend,
    /// Multiplies what comes before it: `two` × `hundred`.
    Multiplier,
}

/// Whether a word is a number on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    Alone,
    /// `one`, `un`, `una` are mostly pronouns and articles: a number only before a multiplier
    /// (`one hundred`, `un millón`).
    BeforeMultiplier,
    /// `first`, `primer` are mostly idioms (`first responders`, `primera línea` for
    /// "front line", `en primer lugar`): a number only at the end of a compound
    /// (`twenty-first`) or when a whole text is read as an ordinal.
    InCompound,
}

/// How much of a text a number in words is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    /// Running text, where idiomatic words do not count on their own.
    Running,
    /// A text that is nothing but the number (a session name, a meeting).
    Whole,
}

#[derive(Clone, Copy, Debug)]
struct NumberWord {
    value: u64,
    role: Role,
    form: Form,
    standing: Standing,
}

/// A number read from words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct WordNumber {
    pub value: u64,
    pub form: Form,
}

const ENGLISH_CARDINALS: [(&str, u64); 39] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    // Periods and anniversaries that the other language may name with a word of its own
    // (`five-year` = `quinquenal`, `fiftieth anniversary` = `cincuentenario`).
    ("biannual", 2),
    ("biannually", 2),
    ("biennial", 2),
    ("biennially", 2),
    ("triennial", 3),
    ("quadrennial", 4),
    ("quinquennial", 5),
    ("decennial", 10),
    ("centenary", 100),
    ("centennial", 100),
    ("bicentenary", 200),
    ("bicentennial", 200),
];

const ENGLISH_ORDINALS: [(&str, u64); 28] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
];

const ENGLISH_MULTIPLIERS: [(&str, u64); 5] = [
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
    ("thousandth", 1_000),
];

const SPANISH_CARDINALS: [(&str, u64); 72] = [
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("trece", 13),
    ("catorce", 14),
    ("quince", 15),
    ("dieciséis", 16),
    ("diecisiete", 17),
    ("dieciocho", 18),
    ("diecinueve", 19),
    ("veinte", 20),
    ("veintiuno", 21),
    ("veintiún", 21),
    ("veintiuna", 21),
    ("veintidós", 22),
    ("veintitrés", 23),
    ("veinticuatro", 24),
    ("veinticinco", 25),
    ("veintiséis", 26),
    ("veintisiete", 27),
    ("veintiocho", 28),
    ("veintinueve", 29),
    ("treinta", 30),
    ("cuarenta", 40),
    ("cincuenta", 50),
    ("sesenta", 60),
    ("setenta", 70),
    ("ochenta", 80),
    ("noventa", 90),
    ("cien", 100),
    ("ciento", 100),
    ("doscientos", 200),
    ("doscientas", 200),
    ("trescientos", 300),
    ("trescientas", 300),
    ("cuatrocientos", 400),
    ("cuatrocientas", 400),
    ("quinientos", 500),
    ("quinientas", 500),
    ("seiscientos", 600),
    ("seiscientas", 600),
    ("setecientos", 700),
    ("setecientas", 700),
    ("ochocientos", 800),
    ("ochocientas", 800),
    ("novecientos", 900),
    ("novecientas", 900),
    // Periods and anniversaries named with a word of their own (`quinquenal` = `five-year`).
    ("bianual", 2),
    ("bienal", 2),
    ("bienales", 2),
    ("trienal", 3),
    ("trienales", 3),
    ("cuatrienal", 4),
    ("cuadrienal", 4),
    ("cuadrienales", 4),
    ("quinquenal", 5),
    ("quinquenales", 5),
    ("sexenal", 6),
    ("decenal", 10),
    ("decenales", 10),
    ("cincuentenario", 50),
    ("centenario", 100),
    ("bicentenario", 200),
    ("biestatal", 2),
];

/// Spanish ordinal stems; each takes `-o`, `-a`, `-os`, `-as`.
const SPANISH_ORDINAL_STEMS: [(&str, u64); 31] = [
    ("primer", 1),
    ("segund", 2),
    ("tercer", 3),
    ("cuart", 4),
    ("quint", 5),
    ("sext", 6),
    ("séptim", 7),
    ("sétim", 7),
    ("octav", 8),
    ("noven", 9),
    ("décim", 10),
    ("undécim", 11),
    ("duodécim", 12),
    ("decimoprimer", 11),
    ("decimosegund", 12),
    ("decimotercer", 13),
    ("decimocuart", 14),
    ("decimoquint", 15),
    ("decimosext", 16),
    ("decimoséptim", 17),
    ("decimoctav", 18),
    ("decimonoven", 19),
    ("vigésim", 20),
    ("trigésim", 30),
    ("cuadragésim", 40),
    ("quincuagésim", 50),
    ("sexagésim", 60),
    ("septuagésim", 70),
    ("octogésim", 80),
    ("nonagésim", 90),
    ("centésim", 100),
];

/// Spanish ordinals that drop their ending before a masculine noun (`primer período`).
const SPANISH_SHORT_ORDINALS: [(&str, u64); 3] =
    [("primer", 1), ("tercer", 3), ("decimotercer", 13)];

const SPANISH_MULTIPLIERS: [(&str, u64); 5] = [
    ("mil", 1_000),
    ("millón", 1_000_000),
    ("millones", 1_000_000),
    ("billón", 1_000_000_000_000),
    ("billones", 1_000_000_000_000),
];

type Lexicon = HashMap<String, NumberWord>;

fn word(value: u64, role: Role, form: Form, standing: Standing) -> NumberWord {
    NumberWord {
        value,
        role,
        form,
        standing,
    }
}

static ENGLISH: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::new();
    let alone = Standing::Alone;
    for (text, value) in ENGLISH_CARDINALS {
        let role = if text == "hundred" {
            Role::Multiplier
        } else {
            Role::Addend
        };
        lexicon.insert(text.into(), word(value, role, Form::Cardinal, alone));
    }
    for (text, value) in ENGLISH_ORDINALS {
        let role = if text == "hundredth" {
            Role::Multiplier
        } else {
            Role::Addend
        };
        lexicon.insert(
            text.into(),
            word(value, role, Form::Ordinal, standing_of(value)),
        );
    }
    for (text, value) in ENGLISH_MULTIPLIERS {
        let form = if text.ends_with("th") {
            Form::Ordinal
        } else {
            Form::Cardinal
        };
        lexicon.insert(text.into(), word(value, Role::Multiplier, form, alone));
    }
    let one = word(1, Role::Addend, Form::Cardinal, Standing::BeforeMultiplier);
    lexicon.insert("one".into(), one);
    lexicon
});

static SPANISH: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::new();
    let alone = Standing::Alone;
    for (text, value) in SPANISH_CARDINALS {
        lexicon.insert(
            text.into(),
            word(value, Role::Addend, Form::Cardinal, alone),
        );
    }
    for (stem, value) in SPANISH_ORDINAL_STEMS {
        for ending in ["o", "a", "os", "as"] {
            let ordinal = word(value, Role::Addend, Form::Ordinal, standing_of(value));
            lexicon.insert(format!("{stem}{ending}"), ordinal);
        }
    }
    for (text, value) in SPANISH_SHORT_ORDINALS {
        let ordinal = word(value, Role::Addend, Form::Ordinal, standing_of(value));
        lexicon.insert(text.into(), ordinal);
    }
    for (text, value) in SPANISH_MULTIPLIERS {
        let multiplier = word(value, Role::Multiplier, Form::Cardinal, alone);
        lexicon.insert(text.into(), multiplier);
    }
    for text in ["un", "uno", "una"] {
        let article = word(1, Role::Addend, Form::Cardinal, Standing::BeforeMultiplier);
        lexicon.insert(text.into(), article);
    }
    lexicon
});

/// Ordinals of one are idioms more often than numbers.
fn standing_of(ordinal: u64) -> Standing {
    if ordinal == 1 {
        Standing::InCompound
    } else {
        Standing::Alone
    }
}

fn lexicon(language: Language) -> &'static Lexicon {
    match language {
        Language::En => &ENGLISH,
        Language::Es => &SPANISH,
    }
}

/// The words that can open a number, for the trigger automaton (multipliers only follow).
pub(super) fn opening_words(language: Language) -> impl Iterator<Item = &'static str> {
    lexicon(language)
        .iter()
        .filter(|(_, word)| word.role == Role::Addend && word.standing != Standing::InCompound)
        .map(|(text, _)| text.as_str())
}

fn lookup(language: Language, letters: &str) -> Option<NumberWord> {
    let table = lexicon(language);
    match table.get(letters) {
        Some(word) => Some(*word),
        None => table.get(&letters.to_lowercase()).copied(),
    }
}

/// The running total of a number being read word by word.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    /// What the groups closed by `thousand`, `million`... add up to.
    total: u64,
    /// The group being read.
    current: u64,
    /// The last multiplier of a thousand or more.
    last_large: u64,
    words: usize,
    ordinal: bool,
    multiplied: bool,
}

impl Tally {
    fn value(&self) -> Option<u64> {
        self.total.checked_add(self.current)
    }

    /// Adds a word's value, if it can follow what was read (`seventy` then `two`, not `two`
    /// then `three`).
    fn add(&mut self, value: u64) -> bool {
        let fits = match (self.words, self.current) {
            (0, _) => true,
            (_, 0) => self.total > 0 && value < self.last_large,
            (_, current) => value < lowest_power_of_ten(current),
        };
        if fits {
            self.current += value;
        }
        fits
    }

    fn multiply(&mut self, multiplier: u64) -> bool {
        if self.words == 0 {
            return false;
        }
        self.multiplied = true;
        if multiplier < 1_000 {
            return match self.current.max(1).checked_mul(multiplier) {
                Some(product) => {
                    self.current = product;
                    true
                }
                None => false,
            };
        }
        let product = if self.current == 0 && multiplier > self.last_large {
            // `mil millones`: the multiplier applies to the thousands already read.
            self.total.max(1).checked_mul(multiplier)
        } else {
            self.current
                .max(1)
                .checked_mul(multiplier)
                .and_then(|group| group.checked_add(self.total))
        };
        match product {
            Some(total) => {
                self.total = total;
                self.current = 0;
                self.last_large = multiplier;
                true
            }
            None => false,
        }
    }
}

/// `70` → 10, `100` → 100, `120` → 10: what a following word must stay below.
fn lowest_power_of_ten(value: u64) -> u64 {
    let mut power = 1;
    while value.is_multiple_of(power * 10) && power < 1_000_000_000_000 {
        power *= 10;
    }
    power
}

/// Reads a number in words at the cursor, which stands at the start of a word.
pub(super) fn read_number_words(
    language: Language,
    cursor: &mut Cursor,
    reading: Reading,
) -> Option<WordNumber> {
    let mut tally = Tally::default();
    let mut end = *cursor;
    let mut first_standing = Standing::Alone;
    loop {
        let mut probe = end;
        if tally.words > 0 && !eat_joiner(language, &mut probe, &tally) {
            break;
        }
        let Some(word) = probe
            .eat_letters()
            .and_then(|letters| lookup(language, letters))
        else {
            break;
        };
        let follows_ordinal = match language {
            Language::En => tally.ordinal,
            Language::Es => tally.ordinal && word.form == Form::Cardinal,
        };
        if follows_ordinal {
            break;
        }
        let accepted = match word.role {
            Role::Addend => tally.add(word.value),
            Role::Multiplier => tally.multiply(word.value),
        };
        if !accepted {
            break;
        }
        if tally.words == 0 {
            first_standing = word.standing;
        }
        tally.words += 1;
        tally.ordinal |= word.form == Form::Ordinal;
        end = probe;
    }
    if reading == Reading::Running && in_other_use(language, cursor, &end, &tally) {
        return None;
    }
    let stands = match first_standing {
        Standing::Alone => true,
        Standing::BeforeMultiplier => tally.multiplied,
        Standing::InCompound => reading == Reading::Whole,
    };
    if tally.words == 0 || !stands {
        return None;
    }
    *cursor = end;
    let form = if tally.ordinal {
        Form::Ordinal
    } else {
        Form::Cardinal
    };
    Some(WordNumber {
        value: tally.value()?,
        form,
    })
}

/// Number words used for something else: the verb `to second` (staff), and fractions
/// (`one third`, `una tercera parte`, `un cuarto de`), which the other language often says
/// without an ordinal (`un tercio`, `one quarter`).
fn in_other_use(language: Language, start: &Cursor, end: &Cursor, tally: &Tally) -> bool {
    let word = start.text().get(start.pos()..end.pos()).unwrap_or("");
    let fraction_like = tally.words == 1 && tally.ordinal && tally.current >= 3;
    match language {
        Language::En => {
            let after_one_hyphen = start.text().get(..start.pos()).is_some_and(|before| {
                before.len() >= 4
                    && before
                        .get(before.len() - 4..)
                        .is_some_and(|tail| tail.eq_ignore_ascii_case("one-"))
            });
            (word.eq_ignore_ascii_case("second") && start.follows_word("to"))
                || (fraction_like && (start.follows_word("one") || after_one_hyphen))
        }
        Language::Es => {
            let counted = ["un", "una", "dos", "tres", "cuatro"]
                .into_iter()
                .any(|count| start.follows_word(count));
            let mut after = *end;
            let followed_by_part = after.eat_blank_then_word("parte")
                || after.eat_blank_then_word("partes")
                || after.eat_blank_then_word("de");
            fraction_like && counted && followed_by_part
        }
    }
}

/// What may stand between two words of one number: EN `twenty-five`, `hundred and fifty`;
/// ES `treinta y cinco`; a blank in both.
fn eat_joiner(language: Language, cursor: &mut Cursor, tally: &Tally) -> bool {
    match language {
        Language::En => {
            cursor.eat_any(&["-", "\u{2011}", "\u{2010}"])
                || (tally.multiplied && cursor.eat_spaced_word("and"))
                || cursor.eat_blank()
        }
        Language::Es => {
            let tens =
                tally.current.is_multiple_of(10) && (30..100).contains(&(tally.current % 100));
            (tens && cursor.eat_spaced_word("y")) || cursor.eat_blank()
        }
    }
}

/// The value of a text that is wholly an ordinal, in words or figures: `Seventy-second`,
/// `septuagésimo segundo`, `47th`, `73ª`, `primer`. Case does not matter.
pub(crate) fn ordinal_value(language: Language, text: &str) -> Option<u32> {
    let lower = text.trim().to_lowercase();
    let mut cursor = Cursor::new(&lower, 0);
    let value = if lower.starts_with(|c: char| c.is_ascii_digit()) {
        numbers::read_ordinal_figure(language, &mut cursor)?
    } else {
        let number = read_number_words(language, &mut cursor, Reading::Whole)?;
        (number.form == Form::Ordinal).then_some(number.value)?
    };
    if !cursor.at_end() {
        return None;
    }
    u32::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::ordinal_value;
    use crate::model::Language::{En, Es};

    #[test]
    fn ordinals_in_words_and_figures() {
        let cases = [
            (En, "Seventy-second", Some(72)),
            (En, "sixtieth", Some(60)),
            (En, "twenty-third", Some(23)),
            (En, "One hundred and fiftieth", Some(150)),
            (En, "47th", Some(47)),
            (En, "1st", Some(1)),
            (En, "seventy-two", None),
            (En, "47", None),
            (En, "second session", None),
            (Es, "septuagésimo segundo", Some(72)),
            (Es, "Septuagésima segunda", Some(72)),
            (Es, "sexagésimo tercer", Some(63)),
            (Es, "Trigésimo", Some(30)),
            (Es, "primer", Some(1)),
            (Es, "decimotercer", Some(13)),
            (Es, "73ª", Some(73)),
            (Es, "73.ª", Some(73)),
            (Es, "47º", Some(47)),
            (Es, "73er", Some(73)),
            (Es, "19o", Some(19)),
            (Es, "dos", None),
            (Es, "", None),
        ];
        for (language, text, expected) in cases {
            assert_eq!(
                ordinal_value(language, text),
                expected,
                "{language} {text:?}"
            );
        }
    }
}
