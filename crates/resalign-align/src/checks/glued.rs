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

/// `unit` with the digits of call `number` taken off the end of one of its anchors, when what
/// is left reads as a citation the other language makes (`74/912` → `74/91` and call 2).
fn take_call_apart(unit: &Unit, language: Language, number: u32, cited: &[&str]) -> Option<Unit> {
    let digits = number.to_string();
    unit.anchors.iter().find_map(|anchor| {
        let printed = unit.text.get(anchor.range.start..anchor.range.end)?;
        if printed.len() <= digits.len()
            || !printed.ends_with(&digits)
            || cited.contains(&anchor.key.as_str())
        {
            return None;
        }
        let cut = anchor.range.end - digits.len();
        let mut text = unit.text.clone();
        text.replace_range(cut..anchor.range.end, "");
        let mut calls: Vec<FootnoteCall> = unit
            .footnote_calls
            .iter()
            .map(|call| FootnoteCall {
                number: call.number,
                offset: if call.offset >= anchor.range.end {
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
        let reads_as_cited = anchors.iter().any(|found| {
            found.range.start == anchor.range.start && cited.contains(&found.key.as_str())
        });
        reads_as_cited.then(|| Unit {
            text,
            footnote_calls: calls,
            anchors,
            ..unit.clone()
        })
    })
}
