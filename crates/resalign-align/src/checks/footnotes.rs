//! Footnotes: the calls each aligned paragraph makes, footnotes without counterpart, and
//! footnote texts whose citations differ ("Footnote 4: English cites vol. 2225, Spanish
//! vol. 2252").

use std::collections::HashMap;

use resalign_core::{Footnote, FootnoteCall, Language, Severity, TextRange, Unit};

use super::citations::VOLUME_NOTE;
use super::compare::{Delta, Target, Text, compare, only_volume_differs};
use super::context::{LinkUnits, Pair, footnote_side, units_side};
use super::conventions::Conventions;
use super::naming::where_both;
use super::vocabulary::{language_name, other_language, shown};
use crate::findings::{Finding, FindingCode, Mark, MarkTarget, Side};

/// Which Spanish footnote each English footnote corresponds to, from the alignment.
pub(crate) struct FootnoteMap {
    en_to_es: HashMap<u32, Option<u32>>,
    es_to_en: HashMap<u32, Option<u32>>,
}

/// What a call's footnote corresponds to on the other side.
enum Counterpart {
    Number(u32),
    /// The footnote has no counterpart; that is reported once, for the footnote.
    None,
}

impl FootnoteMap {
    pub fn new(pair: &Pair) -> FootnoteMap {
        let mut en_to_es = HashMap::new();
        let mut es_to_en = HashMap::new();
        for link in &pair.alignment.footnote_links {
            if let Some(en) = link.en {
                en_to_es.insert(en, link.es);
            }
            if let Some(es) = link.es {
                es_to_en.insert(es, link.en);
            }
        }
        FootnoteMap { en_to_es, es_to_en }
    }

    /// The number a call to `number` should have on the other side; a footnote the alignment
    /// does not know keeps its number.
    fn counterpart(&self, language: Language, number: u32) -> Counterpart {
        let map = match language {
            Language::En => &self.en_to_es,
            Language::Es => &self.es_to_en,
        };
        match map.get(&number) {
            Some(Some(other)) => Counterpart::Number(*other),
            Some(None) => Counterpart::None,
            None => Counterpart::Number(number),
        }
    }
}

/// A call on one side whose footnote is not called from the other side's paragraphs.
struct LonelyCall<'a> {
    language: Language,
    unit: &'a Unit,
    call: FootnoteCall,
}

/// Compares the footnote calls of a link's paragraphs.
pub(crate) fn check_calls(map: &FootnoteMap, units: &LinkUnits, out: &mut Vec<Finding>) {
    if units.en.is_empty() || units.es.is_empty() {
        return;
    }
    let mut lonely = lonely_calls_in(map, Language::En, &units.en, &units.es);
    lonely.extend(lonely_calls_in(map, Language::Es, &units.es, &units.en));
    if lonely.is_empty() {
        return;
    }
    let (mut en, mut es) = (units_side(&units.en), units_side(&units.es));
    let mut parts = Vec::new();
    for call in &lonely {
        let mark = Mark {
            target: MarkTarget::Unit(call.unit.id.clone()),
            range: TextRange::new(call.call.offset, call.call.offset),
        };
        match call.language {
            Language::En => en.marks.push(mark),
            Language::Es => es.marks.push(mark),
        }
        parts.push(format!(
            "the {} text calls footnote {} and the {} text does not",
            language_name(call.language),
            call.call.number,
            language_name(other_language(call.language))
        ));
    }
    out.push(Finding {
        code: FindingCode::FootnoteCallsDiffer,
        severity: Severity::Warning,
        message: format!(
            "Footnote calls differ: {} ({})",
            parts.join("; "),
            where_both(&units.en, &units.es)
        ),
        en,
        es,
        members: Vec::new(),
    });
}

/// The calls of `own` whose footnote `other` does not call: the number each should have on the
/// other side, and the call.
pub(crate) fn lonely_calls(
    map: &FootnoteMap,
    language: Language,
    own: &[&Unit],
    other: &[&Unit],
) -> Vec<(u32, FootnoteCall)> {
    lonely_calls_in(map, language, own, other)
        .into_iter()
        .map(|lonely| {
            let expected = match map.counterpart(language, lonely.call.number) {
                Counterpart::Number(expected) => expected,
                Counterpart::None => lonely.call.number,
            };
            (expected, lonely.call)
        })
        .collect()
}

fn lonely_calls_in<'a>(
    map: &FootnoteMap,
    language: Language,
    own: &[&'a Unit],
    other: &[&'a Unit],
) -> Vec<LonelyCall<'a>> {
    let called_there: Vec<u32> = other
        .iter()
        .flat_map(|unit| unit.footnote_calls.iter().map(|call| call.number))
        .collect();
    let mut seen = Vec::new();
    let mut lonely = Vec::new();
    for unit in own {
        for call in &unit.footnote_calls {
            if seen.contains(&call.number) {
                continue;
            }
            seen.push(call.number);
            if let Counterpart::Number(expected) = map.counterpart(language, call.number)
                && !called_there.contains(&expected)
            {
                lonely.push(LonelyCall {
                    language,
                    unit,
                    call: *call,
                });
            }
        }
    }
    lonely
}

/// Footnotes without counterpart and footnote texts whose citations differ.
pub(crate) fn check_footnotes(pair: &Pair, conventions: &Conventions, out: &mut Vec<Finding>) {
    for link in &pair.alignment.footnote_links {
        let en = link.en.and_then(|number| pair.en.footnote(number));
        let es = link.es.and_then(|number| pair.es.footnote(number));
        match (en, es) {
            (Some(en), Some(es)) => compare_texts(conventions, en, es, out),
            (Some(footnote), None) => out.push(without_counterpart(Language::En, footnote)),
            (None, Some(footnote)) => out.push(without_counterpart(Language::Es, footnote)),
            (None, None) => {}
        }
    }
}

fn without_counterpart(language: Language, footnote: &Footnote) -> Finding {
    let side = footnote_side(footnote);
    let (en, es) = match language {
        Language::En => (side, Side::default()),
        Language::Es => (Side::default(), side),
    };
    Finding {
        code: FindingCode::FootnoteDiffers,
        severity: Severity::Error,
        message: format!(
            "Footnote {} of the {} text has no {} counterpart",
            footnote.number,
            language_name(language),
            language_name(other_language(language))
        ),
        en,
        es,
        members: Vec::new(),
    }
}

/// How the note that a language version was reissued opens: it dates that version's reissue,
/// which the other version need not share.
const REISSUE_NOTES: &[&str] = &[
    "reissued for technical reasons",
    "publicado nuevamente por razones técnicas",
    "reeditado por razones técnicas",
];

fn is_reissue_note(footnote: &Footnote) -> bool {
    let text = footnote.text.trim_start_matches(['*', ' ']).to_lowercase();
    REISSUE_NOTES.iter().any(|note| text.starts_with(note))
}

fn compare_texts(conventions: &Conventions, en: &Footnote, es: &Footnote, out: &mut Vec<Finding>) {
    if is_reissue_note(en) || is_reissue_note(es) {
        return;
    }
    let name = if en.number == es.number {
        format!("Footnote {}", en.number)
    } else {
        format!("Footnote {} (Spanish footnote {})", en.number, es.number)
    };
    for delta in compare(conventions, &[footnote_text(en)], &[footnote_text(es)]) {
        out.push(delta_finding(&name, en, es, delta));
    }
}

/// One difference between the citations of two footnotes.
fn delta_finding(name: &str, en: &Footnote, es: &Footnote, delta: Delta) -> Finding {
    let (mut en_side, mut es_side) = (footnote_side(en), footnote_side(es));
    let (severity, message) = match delta {
        Delta::Differs {
            en: en_anchor,
            es: es_anchor,
        } => {
            en_side.marks.push(en_anchor.mark());
            es_side.marks.push(es_anchor.mark());
            let (severity, why) = if only_volume_differs(&en_anchor, &es_anchor) {
                (Severity::Info, VOLUME_NOTE)
            } else {
                (Severity::Error, "")
            };
            let message = format!(
                "{name}: English cites {}, Spanish {}{why}",
                shown(&en_anchor),
                shown(&es_anchor)
            );
            (severity, message)
        }
        Delta::OnlyIn {
            language,
            occurrence,
        }
        | Delta::CorrigendumOnlyIn {
            language,
            occurrence,
        } => {
            match language {
                Language::En => en_side.marks.push(occurrence.mark()),
                Language::Es => es_side.marks.push(occurrence.mark()),
            }
            let (severity, why) = match delta {
                Delta::CorrigendumOnlyIn { .. } => (
                    Severity::Info,
                    "; corrigenda do not always concern every language version",
                ),
                _ => (Severity::Warning, ""),
            };
            let message = format!(
                "{name}: {} cites {}, the {} text does not{why}",
                language_name(language),
                shown(&occurrence),
                language_name(other_language(language))
            );
            (severity, message)
        }
    };
    Finding {
        code: FindingCode::FootnoteDiffers,
        severity,
        message,
        en: en_side,
        es: es_side,
        members: Vec::new(),
    }
}

fn footnote_text(footnote: &Footnote) -> Text<'_> {
    Text {
        target: Target::Footnote(footnote.number),
        text: &footnote.text,
        anchors: &footnote.anchors,
        number: None,
    }
}
