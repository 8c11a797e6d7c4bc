//! Vote records (`[Adopted by a recorded vote of 32 to 13, with 2 abstentions. ... In favour:
//! Algeria, ... Against: ... Abstaining: ...]`): the counts each language states, and how many
//! countries each of its lists names. The lists themselves are translated country names, so
//! only their length is compared.

use resalign_core::{Language, Severity, Unit};

use super::context::units_side;
use crate::findings::{Finding, FindingCode};

/// The sides of a vote, in the order the record states their counts.
const SIDES: [&str; 3] = ["in favour", "against", "abstaining"];

/// The labels that open each list, by side, in each language (lower case, with the colon).
const LABELS: [(Language, [&[&str]; 3]); 2] = [
    (
        Language::En,
        [
            &["in favour:", "in favor:"],
            &["against:"],
            &["abstaining:", "abstentions:"],
        ],
    ),
    (
        Language::Es,
        [
            &["votos a favor:", "a favor:"],
            &["votos en contra:", "en contra:"],
            &["abstenciones:"],
        ],
    ),
];

/// The words a record states each count after (in favour, against) or before (abstaining):
/// `vote of 32 to 13, with 2 abstentions`, `por 32 votos contra 13 y 2 abstenciones`.
const COUNT_WORDS: [(Language, [CountWord; 3]); 2] = [
    (
        Language::En,
        [
            CountWord::After("vote of"),
            CountWord::After(" to "),
            CountWord::Before("abstention"),
        ],
    ),
    (
        Language::Es,
        [
            CountWord::After(" por "),
            CountWord::After(" contra "),
            CountWord::Before("abstenci"),
        ],
    ),
];

/// Where a count stands against the word that says which it is.
#[derive(Clone, Copy)]
enum CountWord {
    After(&'static str),
    Before(&'static str),
}

/// Conjunctions that join the last two names of a list.
const CONJUNCTIONS: [(Language, &[&str]); 2] =
    [(Language::En, &[" and "]), (Language::Es, &[" y ", " e "])];

/// What one language's record says.
#[derive(Debug, Default, PartialEq)]
struct Record {
    /// The counts stated before the lists, in the order of [`SIDES`].
    counts: Vec<u32>,
    /// How many countries each list names, when the record prints the list.
    listed: [Option<usize>; 3],
}

/// Compares the vote records of two aligned vote units.
pub(crate) fn check_votes(en: &Unit, es: &Unit, out: &mut Vec<Finding>) {
    let en_record = read(Language::En, &en.text);
    let es_record = read(Language::Es, &es.text);
    let finding = |severity: Severity, message: String| Finding {
        code: FindingCode::VoteDiffers,
        severity,
        message: format!("{message} ({})", en.id),
        en: units_side(&[en]),
        es: units_side(&[es]),
        members: Vec::new(),
    };
    if !en_record.counts.is_empty()
        && !es_record.counts.is_empty()
        && en_record.counts != es_record.counts
    {
        out.push(finding(
            Severity::Error,
            format!(
                "Vote counts differ: English {}; Spanish {}",
                counts(&en_record.counts),
                counts(&es_record.counts)
            ),
        ));
    }
    for (side, name) in SIDES.iter().enumerate() {
        if let (Some(en_listed), Some(es_listed)) = (en_record.listed[side], es_record.listed[side])
            && en_listed != es_listed
        {
            out.push(finding(
                Severity::Error,
                format!(
                    "The list of countries {name} differs: {en_listed} in the English text, \
                     {es_listed} in the Spanish text"
                ),
            ));
        }
    }
    for (language, record) in [(Language::En, &en_record), (Language::Es, &es_record)] {
        for (side, name) in SIDES.iter().enumerate() {
            let (Some(&stated), Some(listed)) = (record.counts.get(side), record.listed[side])
            else {
                continue;
            };
            if usize::try_from(stated).ok() != Some(listed) {
                let language = match language {
                    Language::En => "English",
                    Language::Es => "Spanish",
                };
                out.push(finding(
                    Severity::Warning,
                    format!(
                        "The {language} text counts {stated} {name} but lists {listed} countries"
                    ),
                ));
            }
        }
    }
}

/// `32 in favour, 13 against, 2 abstaining`.
fn counts(counts: &[u32]) -> String {
    counts
        .iter()
        .zip(SIDES)
        .map(|(count, side)| format!("{count} {side}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn read(language: Language, text: &str) -> Record {
    let lower = text.to_lowercase();
    let labels = LABELS
        .iter()
        .find(|(own, _)| *own == language)
        .map(|(_, labels)| *labels)
        .unwrap_or_default();
    // Where each side's list starts: the end of its label, and where the label starts.
    let mut starts: Vec<(usize, usize, usize)> = Vec::new();
    for (side, forms) in labels.iter().enumerate() {
        let found = forms
            .iter()
            .filter_map(|form| lower.find(form).map(|at| (at, at + form.len())))
            .min();
        if let Some((at, end)) = found {
            starts.push((at, end, side));
        }
    }
    starts.sort_unstable();
    let first_label = starts.first().map_or(lower.len(), |&(at, _, _)| at);
    let mut record = Record {
        counts: stated_counts(language, &lower[..first_label]),
        ..Record::default()
    };
    for (index, &(_, end, side)) in starts.iter().enumerate() {
        let stop = starts
            .get(index + 1)
            .map_or(lower.len(), |&(next, _, _)| next);
        if let Some(list) = lower.get(end..stop) {
            record.listed[side] = Some(countries(language, list));
        }
    }
    record
}

/// The counts the record's opening sentence states, in favour, against and abstaining, each
/// read next to the word that says which it is, so that text a converter dropped into the
/// sentence (a footnote from the foot of the page) is not read as a count. Empty when a count
/// cannot be read (`Adopted without a vote`).
fn stated_counts(language: Language, opening: &str) -> Vec<u32> {
    let words = COUNT_WORDS
        .iter()
        .find(|(own, _)| *own == language)
        .map(|(_, words)| *words);
    let Some(words) = words else {
        return Vec::new();
    };
    let mut counts = Vec::with_capacity(words.len());
    for word in words {
        let count = match word {
            CountWord::After(word) => opening
                .find(word)
                .and_then(|at| first_number(&opening[at + word.len()..])),
            CountWord::Before(word) => opening
                .find(word)
                .and_then(|at| last_number(&opening[..at])),
        };
        match count {
            Some(count) => counts.push(count),
            // No abstention stated is none.
            None if matches!(word, CountWord::Before(_)) && counts.len() == 2 => counts.push(0),
            None => return Vec::new(),
        }
    }
    counts
}

/// The number a text opens with, after blanks.
fn first_number(text: &str) -> Option<u32> {
    let text = text.trim_start();
    let digits = &text[..text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len())];
    digits.parse().ok()
}

/// The number a text ends with, before blanks.
fn last_number(text: &str) -> Option<u32> {
    let text = text.trim_end();
    let start = text
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |at| at + 1);
    text[start..].parse().ok()
}

/// How many countries a list names: `Algeria, Argentina and Viet Nam` names three. Only the
/// last item can hold the conjunction that ends the list; a name with a conjunction of its own
/// (`Trinidad and Tobago`) counts one more only when it is the whole list, on both sides alike.
fn countries(language: Language, list: &str) -> usize {
    let list = list.trim().trim_end_matches([']', '.', ' ', ';']);
    if list.is_empty() || list == "none" || list == "ninguno" {
        return 0;
    }
    let items: Vec<&str> = list.split(',').map(str::trim).collect();
    let conjunctions = CONJUNCTIONS
        .iter()
        .find(|(own, _)| *own == language)
        .map_or(&[][..], |(_, words)| *words);
    let last_joins_two = items.last().is_some_and(|last| {
        let padded = format!(" {last} ");
        conjunctions.iter().any(|word| padded.contains(word))
    });
    items.len() + usize::from(last_joins_two)
}
