//! Dates in English and Spanish UN style: `30 July 2010` = `30 de julio de 2010`; lists and
//! ranges (`27 and 28 September 2017` = `los días 27 y 28 de septiembre de 2017`, `from 30
//! November to 2 December 2015` = `del 30 de noviembre al 2 de diciembre de 2015`), read as the
//! single days they name; months with a year (`March and September 2017`).

use crate::model::{Date, Language};
use crate::span::TextRange;

use super::cursor::Cursor;

/// An older Spanish spelling of September.
const SETIEMBRE: &str = "setiembre";

/// What may join two days or two dates of one expression, longest first.
const ENGLISH_JOINERS: [&str; 13] = [
    ", and on ",
    ", and ",
    ", to ",
    " and on ",
    " and from ",
    " and ",
    " to ",
    " – ",
    "–",
    "-",
    "\u{2212}",
    "\u{2011}",
    ", ",
];
const SPANISH_JOINERS: [&str; 13] = [
    " y el ",
    " y del ",
    " al ",
    " a ",
    " y ",
    " hasta el ",
    " – ",
    "–",
    "-",
    "\u{2212}",
    "\u{2011}",
    ", ",
    " e ",
];

/// Weekdays, which may stand between a joiner and the next day (`and Friday, 4 February`,
/// `y el viernes 4 de febrero`).
const ENGLISH_WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const SPANISH_WEEKDAYS: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// A day, a month or a month of a year, as far as the text tells, and where it was printed: the
/// days, month and year that name it (`27 and 28 September 2017` for both days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct CalendarDate {
    pub year: Option<u16>,
    pub month: u8,
    pub day: Option<u8>,
    pub printed: TextRange,
}

impl CalendarDate {
    /// `2010-07-30`; `2017-03` for a month of a year; `--07-30` for a day without a year.
    pub(super) fn key(&self) -> String {
        match (self.year, self.day) {
            (Some(year), Some(day)) => format!("{year:04}-{:02}-{day:02}", self.month),
            (Some(year), None) => format!("{year:04}-{:02}", self.month),
            (None, Some(day)) => format!("--{:02}-{day:02}", self.month),
            (None, None) => format!("--{:02}", self.month),
        }
    }
}

/// Whether a date anchor's key (`2020-02-31`, `--04-31`) names a day its month does not have.
/// A day without a year may be 29 February.
pub(crate) fn is_impossible(key: &str) -> bool {
    let parts: Vec<&str> = key.trim_start_matches('-').split('-').collect();
    let number = |part: Option<&&str>| part.and_then(|part| part.parse::<u16>().ok());
    let (year, month, day) = match parts.as_slice() {
        [_, _, _] => (
            number(parts.first()),
            number(parts.get(1)),
            number(parts.get(2)),
        ),
        [_, _] if key.starts_with("--") => {
            (Some(2000), number(parts.first()), number(parts.get(1)))
        }
        _ => return false,
    };
    match (year, month, day) {
        (Some(year), Some(month), Some(day)) => {
            let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
                return true;
            };
            Date::new(year, month, day).is_none()
        }
        _ => false,
    }
}

/// The month names a trigger automaton should look for.
pub(super) fn month_names(language: Language) -> impl Iterator<Item = &'static str> {
    let (names, extra): (&[&str], &[&str]) = match language {
        Language::En => (Date::month_names(Language::En), &[]),
        Language::Es => (Date::month_names(Language::Es), &[SETIEMBRE]),
    };
    names.iter().chain(extra).copied()
}

/// Days with a month, at a cursor standing on the first day's digits: one or more dates.
pub(super) fn read_days(language: Language, cursor: &mut Cursor) -> Option<Vec<CalendarDate>> {
    let mut dates = Vec::new();
    let mut end = *cursor;
    loop {
        let mut probe = end;
        if !dates.is_empty() && !eat_joiner(language, &mut probe) {
            break;
        }
        let Some(group) = read_day_group(language, &mut probe) else {
            break;
        };
        dates.extend(group);
        end = probe;
    }
    if dates.is_empty() {
        return None;
    }
    lend_years_backwards(&mut dates);
    *cursor = end;
    Some(dates)
}

/// Months with a year, at a cursor standing on the first month: `March and September 2017`;
/// also the American `October 11, 2022` that English texts quote.
pub(super) fn read_months(language: Language, cursor: &mut Cursor) -> Option<Vec<CalendarDate>> {
    let mut end = *cursor;
    let first = eat_month_name(language, &mut end)?;
    if language == Language::En
        && let Some(date) = eat_day_and_year(first, cursor.pos(), &mut end)
    {
        *cursor = end;
        return Some(vec![date]);
    }
    let mut months = vec![first];
    loop {
        let mut probe = end;
        if !eat_joiner(language, &mut probe) {
            break;
        }
        let Some(month) = eat_month_name(language, &mut probe) else {
            break;
        };
        months.push(month);
        end = probe;
    }
    let year = eat_year(language, &mut end)?;
    let printed = TextRange::new(cursor.pos(), end.pos());
    *cursor = end;
    Some(
        months
            .into_iter()
            .map(|month| CalendarDate {
                year: Some(year),
                month,
                day: None,
                printed,
            })
            .collect(),
    )
}

/// ` 11, 2022` after a month name printed from `start`.
fn eat_day_and_year(month: u8, start: usize, cursor: &mut Cursor) -> Option<CalendarDate> {
    let month_end = *cursor;
    let date = cursor
        .eat_blank()
        .then(|| eat_day(Language::En, cursor))
        .flatten()
        .filter(|_| cursor.eat(", "))
        .and_then(|day| {
            let year = cursor.eat_digits_exactly(4)?.parse().ok()?;
            Some(CalendarDate {
                year: Some(year),
                month,
                day: Some(day),
                printed: TextRange::new(start, cursor.pos()),
            })
        });
    if date.is_none() {
        *cursor = month_end;
    }
    date
}

/// The first full date (day, month and year) in `text`, with the range of the expression that
/// names it: `18 October 2013`, `19 de diciembre de 2017`, `1o de enero de 2016`.
pub(crate) fn first_date(language: Language, text: &str) -> Option<(Date, TextRange)> {
    let bytes = text.as_bytes();
    let mut starts = (0..bytes.len()).filter(|&index| {
        let here = bytes.get(index).is_some_and(u8::is_ascii_digit);
        let after_digit = index
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_some_and(u8::is_ascii_digit);
        here && !after_digit
    });
    starts.find_map(|start| {
        let mut cursor = Cursor::new(text, start);
        let dates = read_days(language, &mut cursor)?;
        dates.iter().find_map(|date| {
            let full = Date::new(date.year?, date.month, date.day?)?;
            Some((full, date.printed))
        })
    })
}

/// `27 and 28 September 2017`, `15 to 19 October`: days sharing one month and maybe a year.
fn read_day_group(language: Language, cursor: &mut Cursor) -> Option<Vec<CalendarDate>> {
    let start = *cursor;
    let mut days = vec![eat_day(language, cursor)?];
    loop {
        let mut probe = *cursor;
        if !eat_joiner(language, &mut probe) {
            break;
        }
        let Some(day) = eat_day(language, &mut probe) else {
            break;
        };
        days.push(day);
        *cursor = probe;
    }
    let Some((month, style)) = eat_day_month_in_any_style(language, cursor) else {
        *cursor = start;
        return None;
    };
    let year = eat_year(style, cursor);
    let printed = TextRange::new(start.pos(), cursor.pos());
    Some(
        days.into_iter()
            .map(|day| CalendarDate {
                year,
                month,
                day: Some(day),
                printed,
            })
            .collect(),
    )
}

/// A day of the month in figures, with the ordinal ending some texts give the first day
/// (`1st`, `1º`, `1o`, `1.º`, `1er`).
fn eat_day(language: Language, cursor: &mut Cursor) -> Option<u8> {
    let start = *cursor;
    let day = cursor
        .eat_digits()
        .filter(|digits| digits.len() <= 2)
        .and_then(|digits| digits.parse::<u8>().ok())
        .filter(|day| (1..=31).contains(day));
    let Some(day) = day else {
        *cursor = start;
        return None;
    };
    let endings: &[&str] = match language {
        Language::En => &["st", "nd", "rd", "th"],
        Language::Es => &["º", "°", ".º", "o", "er", ".er"],
    };
    for ending in endings {
        let mut probe = *cursor;
        if probe.eat(ending) && probe.at_word_end() {
            *cursor = probe;
            break;
        }
    }
    Some(day)
}

/// The month after a day, and the language whose style the date follows: Spanish texts quote
/// English titles (`Incheon, Republic of Korea, 19-22 May 2015`).
fn eat_day_month_in_any_style(language: Language, cursor: &mut Cursor) -> Option<(u8, Language)> {
    if let Some(month) = eat_day_month(language, cursor) {
        return Some((month, language));
    }
    match language {
        Language::Es => eat_day_month(Language::En, cursor).map(|month| (month, Language::En)),
        Language::En => None,
    }
}

/// The month after a day: EN ` July`, ES ` de julio` (or ` julio`, a slip that does not
/// change the date).
fn eat_day_month(language: Language, cursor: &mut Cursor) -> Option<u8> {
    let start = *cursor;
    let linked = match language {
        Language::En => cursor.eat_blank(),
        Language::Es => cursor.eat_spaced_word("de") || cursor.eat_blank(),
    };
    match linked.then(|| eat_month_name(language, cursor)).flatten() {
        Some(month) => Some(month),
        None => {
            *cursor = start;
            None
        }
    }
}

/// A month name: capitalized in English (`May`, not the verb `may`), either case in Spanish.
fn eat_month_name(language: Language, cursor: &mut Cursor) -> Option<u8> {
    let found = match language {
        Language::En => Date::month_names(Language::En)
            .iter()
            .position(|name| cursor.eat_exact_word(name)),
        Language::Es => Date::month_names(Language::Es)
            .iter()
            .position(|name| cursor.eat_word(name))
            .or_else(|| cursor.eat_word(SETIEMBRE).then_some(8)),
    };
    found.and_then(|index| u8::try_from(index + 1).ok())
}

/// The year after a month: EN ` 2010`, ES ` de 2010` (or ` del 2010`, or ` 2010`, a slip that
/// does not change the date).
fn eat_year(language: Language, cursor: &mut Cursor) -> Option<u16> {
    let start = *cursor;
    let linked = match language {
        Language::En => cursor.eat_blank(),
        Language::Es => {
            cursor.eat_spaced_word("de") || cursor.eat_spaced_word("del") || cursor.eat_blank()
        }
    };
    let year = linked
        .then(|| cursor.eat_digits_exactly(4))
        .flatten()
        .filter(|_| cursor.at_word_end() && !cursor.rest().starts_with('/'))
        .and_then(|digits| digits.parse().ok());
    if year.is_none() {
        *cursor = start;
    }
    year
}

fn eat_joiner(language: Language, cursor: &mut Cursor) -> bool {
    let (joiners, weekdays, after_weekday): (&[&str], &[&str], &str) = match language {
        Language::En => (&ENGLISH_JOINERS, &ENGLISH_WEEKDAYS, ", "),
        Language::Es => (&SPANISH_JOINERS, &SPANISH_WEEKDAYS, " "),
    };
    if !cursor.eat_any(joiners) {
        return false;
    }
    let before_weekday = *cursor;
    if !(cursor.eat_any(weekdays) && cursor.eat(after_weekday)) {
        *cursor = before_weekday;
    }
    true
}

/// `from 30 November to 2 December 2015`: a date without a year takes the year of the next
/// date of the same expression.
fn lend_years_backwards(dates: &mut [CalendarDate]) {
    let mut later_year = None;
    for date in dates.iter_mut().rev() {
        match date.year {
            Some(year) => later_year = Some(year),
            None => date.year = later_year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_date;
    use crate::model::{Date, Language};
    use crate::span::TextRange;

    #[test]
    fn first_full_date() {
        let cases = [
            (
                Language::En,
                "Distr.: General 18 October 2013",
                Some((2013, 10, 18, 16, 31)),
            ),
            (
                Language::En,
                "on 30 July and 18 October 2013",
                Some((2013, 7, 30, 3, 10)),
            ),
            (Language::En, "resolution 64/293 of 30 July", None),
            (
                Language::Es,
                "19 de diciembre de 2017",
                Some((2017, 12, 19, 0, 23)),
            ),
            (
                Language::Es,
                "el 1o de enero de 2016",
                Some((2016, 1, 1, 3, 22)),
            ),
            (
                Language::Es,
                "el 31 de junio de 2016 y el 2 de julio de 2016",
                Some((2016, 7, 2, 28, 46)),
            ),
            (Language::Es, "de 30 de julio", None),
        ];
        for (language, text, expected) in cases {
            let expected = expected.map(|(year, month, day, start, end)| {
                (
                    Date::new(year, month, day).unwrap(),
                    TextRange::new(start, end),
                )
            });
            assert_eq!(first_date(language, text), expected, "{text:?}");
        }
    }
}
