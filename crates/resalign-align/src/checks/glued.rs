//! Footnote calls that converted text ran into a number: `pdftotext` prints the superscript of
//! `resolution 74/91²` as `74/912`. Where one language calls a footnote that the other does
//! not call, and the other has a number ending in that footnote's digits which, without them,
//! reads as a citation the first language makes, the other language is read that way before
//! its citations and calls are compared: neither the citation nor the call differs.

use resalign_core::{FootnoteCall, Language, Unit, anchors};

use super::context::LinkUnits;
use super::footnotes::{FootnoteMap, lonely_calls};

/// A link's units with calls run into numbers taken apart; `None` where a unit needed no
/// repair.
pub(crate) struct Repaired {
    en: Vec<Option<Unit>>,
    es: Vec<Option<Unit>>,
}

impl Repaired {
    /// The link's units, repaired ones in place of the originals.
    pub fn units<'b>(&'b self, original: &LinkUnits<'b>) -> LinkUnits<'b> {
        let pick = |repaired: &'b [Option<Unit>], units: &[&'b Unit]| -> Vec<&'b Unit> {
            units
                .iter()
                .zip(repaired)
                .map(|(unit, repaired)| repaired.as_ref().unwrap_or(unit))
                .collect()
        };
        LinkUnits {
            en: pick(&self.en, &original.en),
            es: pick(&self.es, &original.es),
        }
    }
}

/// The repairs a link needs, if any.
pub(crate) fn repair(map: &FootnoteMap, units: &LinkUnits) -> Option<Repaired> {
    if units.en.is_empty() || units.es.is_empty() {
        return None;
    }
    let mut repaired = Repaired {
        en: vec![None; units.en.len()],
        es: vec![None; units.es.len()],
    };
    let mut any = false;
    for (language, own, other) in [
        (Language::En, &units.en, &units.es),
        (Language::Es, &units.es, &units.en),
    ] {
        let cited: Vec<&str> = own
            .iter()
            .flat_map(|unit| unit.anchors.iter().map(|anchor| anchor.key.as_str()))
            .collect();
        let slots = match language {
            Language::En => &mut repaired.es,
            Language::Es => &mut repaired.en,
        };
        for (number, _) in lonely_calls(map, language, own, other) {
            for (slot, unit) in slots.iter_mut().zip(other.iter()) {
                let current = slot.as_ref().unwrap_or(unit);
                if let Some(fixed) =
                    take_call_apart(current, other_language(language), number, &cited)
                {
                    *slot = Some(fixed);
                    any = true;
                    break;
                }
            }
        }
    }
    any.then_some(repaired)
}

fn other_language(language: Language) -> Language {
    match language {
        Language::En => Language::Es,
        Language::Es => Language::En,
    }
}

/// `unit` with the digits of call `number` taken off the end of a run of digits, when what is
/// left reads as a citation the other language makes (`74/912` → `74/91` and call 2). The run
/// may be an anchor's end or digits no anchor took (`71/12335`, too long for a resolution).
fn take_call_apart(unit: &Unit, language: Language, number: u32, cited: &[&str]) -> Option<Unit> {
    let digits = number.to_string();
    digit_run_ends(&unit.text)
        .into_iter()
        .find_map(|(start, end)| {
            // A call follows the number it was run into: the run must end the number.
            let rest = &unit.text[end..];
            let mut after = rest.chars();
            let ends_number = match (after.next(), after.next()) {
                (Some('/'), _) => false,
                (Some('.' | ','), Some(next)) => !next.is_ascii_digit(),
                _ => true,
            };
            if end - start <= digits.len()
                || !unit.text[start..end].ends_with(&digits)
                || !ends_number
            {
                return None;
            }
            let cut = end - digits.len();
            let already_cited = unit
                .anchors
                .iter()
                .any(|anchor| anchor.range.end == end && cited.contains(&anchor.key.as_str()));
            if already_cited {
                return None;
            }
            let mut text = unit.text.clone();
            text.replace_range(cut..end, "");
            let mut calls: Vec<FootnoteCall> = unit
                .footnote_calls
                .iter()
                .map(|call| FootnoteCall {
                    number: call.number,
                    offset: if call.offset >= end {
                        call.offset - digits.len()
                    } else {
                        call.offset
                    },
                })
                .collect();
            calls.push(FootnoteCall {
                number,
                offset: cut,
            });
            calls.sort_by_key(|call| call.offset);
            let anchors = anchors::extract(language, &text, &calls);
            let reads_as_cited = anchors
                .iter()
                .any(|found| found.range.end == cut && cited.contains(&found.key.as_str()));
            reads_as_cited.then(|| Unit {
                text,
                footnote_calls: calls,
                anchors,
                ..unit.clone()
            })
        })
}

/// Where each run of ASCII digits of a text starts and ends.
fn digit_run_ends(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                runs.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    runs
}
