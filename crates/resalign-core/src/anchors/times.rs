//! Clock times: EN `from 3 to 6 p.m.` and ES `de las 15.00 a las 18.00 horas` both name 15:00
//! and 18:00.

use crate::model::Language;

use super::cursor::Cursor;

const ENGLISH_JOINERS: [&str; 5] = [" to ", " and ", " – ", "–", "-"];
const SPANISH_JOINERS: [&str; 8] = [" a las ", " y las ", " a ", " y ", " al ", " – ", "–", "-"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Meridiem {
    Morning,
    Afternoon,
}

/// A time of day as printed.
#[derive(Clone, Copy, Debug)]
struct Clock {
    hour: u8,
    minute: u8,
    meridiem: Option<Meridiem>,
}

/// Times at a cursor standing on the first hour's digits, each keyed `HH:MM` on a 24-hour
/// clock. English times need `a.m.` or `p.m.` after the last of them, Spanish ones `horas`.
pub(super) fn read_times(language: Language, cursor: &mut Cursor) -> Option<Vec<String>> {
    let start = *cursor;
    let mut clocks = vec![eat_clock(language, cursor)?];
    loop {
        let mut probe = *cursor;
        let joiners: &[&str] = match language {
            Language::En => &ENGLISH_JOINERS,
            Language::Es => &SPANISH_JOINERS,
        };
        if !probe.eat_any(joiners) {
            break;
        }
        let Some(clock) = eat_clock(language, &mut probe) else {
            break;
        };
        clocks.push(clock);
        *cursor = probe;
    }
    let closed = match language {
        Language::En => clocks.last().is_some_and(|clock| clock.meridiem.is_some()),
        Language::Es => cursor.eat_blank_then_word("horas"),
    };
    if !closed {
        *cursor = start;
        return None;
    }
    let mut later = None;
    for clock in clocks.iter_mut().rev() {
        match clock.meridiem {
            Some(meridiem) => later = Some(meridiem),
            None => clock.meridiem = later,
        }
    }
    Some(clocks.iter().map(key).collect())
}

/// `10`, `9.30`, `9:30` and, in English, ` a.m.` or ` p.m.`. Spanish times are printed with
/// minutes (`15.00`).
fn eat_clock(language: Language, cursor: &mut Cursor) -> Option<Clock> {
    let start = *cursor;
    let clock = read_clock(language, cursor);
    if clock.is_none() {
        *cursor = start;
    }
    clock
}

fn read_clock(language: Language, cursor: &mut Cursor) -> Option<Clock> {
    let hour: u8 = cursor
        .eat_digits()
        .filter(|digits| digits.len() <= 2)?
        .parse()
        .ok()?;
    let minute = eat_minutes(cursor);
    let meridiem = match language {
        Language::En => eat_meridiem(cursor),
        Language::Es => None,
    };
    let valid = match language {
        Language::En => hour <= 12 || meridiem.is_none(),
        Language::Es => minute.is_some(),
    };
    (valid && hour <= 24).then_some(Clock {
        hour,
        minute: minute.unwrap_or(0),
        meridiem,
    })
}

fn eat_minutes(cursor: &mut Cursor) -> Option<u8> {
    let start = *cursor;
    let minute = (cursor.eat(".") || cursor.eat(":"))
        .then(|| cursor.eat_digits_exactly(2))
        .flatten()
        .and_then(|digits| digits.parse::<u8>().ok())
        .filter(|minute| *minute < 60);
    if minute.is_none() {
        *cursor = start;
    }
    minute
}

fn eat_meridiem(cursor: &mut Cursor) -> Option<Meridiem> {
    let start = *cursor;
    if cursor.eat_blank() {
        if cursor.eat("a.m.") {
            return Some(Meridiem::Morning);
        }
        if cursor.eat("p.m.") {
            return Some(Meridiem::Afternoon);
        }
    }
    *cursor = start;
    None
}

fn key(clock: &Clock) -> String {
    let hour = match (clock.meridiem, clock.hour) {
        (Some(Meridiem::Afternoon), hour) if hour < 12 => hour + 12,
        (Some(Meridiem::Morning), 12) => 0,
        (_, hour) => hour,
    };
    format!("{hour:02}:{:02}", clock.minute)
}
