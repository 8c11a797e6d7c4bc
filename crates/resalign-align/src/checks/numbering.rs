//! Operative numbers and item labels of aligned paragraphs. Differences that run over
//! consecutive paragraphs are one finding, and a difference a structural change explains (the
//! Spanish renumbered after a paragraph dropped, added, split or merged) is none: that change is
//! reported already.

use resalign_core::{LabelValue, Language, Severity, Unit};

use super::context::{LinkUnits, Pair, units_side};
use super::naming::{capitalize, describe, where_both};
use crate::findings::{Finding, FindingCode};

/// How the numbers of two aligned paragraphs relate, for grouping consecutive differences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relation {
    /// Spanish number minus English number.
    Offset(i64),
    /// Numbered in one language only: the other printed no number.
    NumberedOnlyIn(Language),
}

/// What the numbering of the links so far leads us to expect.
#[derive(Default)]
pub(crate) struct Numbering {
    /// Numbered Spanish paragraphs minus numbered English ones over the links that are not 1-1.
    structural_offset: i64,
    run: Option<Run>,
    /// The finding the last link's difference was added to, when it continued a run.
    grown: Option<usize>,
}

/// Consecutive paragraphs whose numbers relate the same way.
struct Run {
    relation: Relation,
    /// Where the run's finding is in the output, and its message before the run grew.
    finding: usize,
    message: String,
    followers: usize,
}

impl Numbering {
    /// Takes note of a link that is not 1-1, after which the Spanish may be renumbered.
    pub fn account_for(&mut self, units: &LinkUnits) {
        let numbered = |side: &[&Unit]| {
            side.iter()
                .filter(|unit| paragraph_number(unit).is_some())
                .count() as i64
        };
        self.structural_offset += numbered(&units.es) - numbered(&units.en);
    }

    /// Whether two paragraphs so related need no finding of their own: they agree, the
    /// difference follows from the structure, or it continues the open run.
    fn absorbs(&mut self, relation: Relation, out: &mut [Finding]) -> bool {
        if relation == Relation::Offset(0) || relation == Relation::Offset(self.structural_offset) {
            self.run = None;
            return true;
        }
        let Some(run) = self.run.as_mut().filter(|run| run.relation == relation) else {
            return false;
        };
        run.followers += 1;
        self.grown = Some(run.finding);
        if let Some(finding) = out.get_mut(run.finding) {
            let plural = if run.followers == 1 { "" } else { "s" };
            finding.message = format!(
                "{}; the same goes for the next {} numbered paragraph{plural}",
                run.message, run.followers
            );
        }
        true
    }

    /// The finding (its index in the output) that the last checked link's difference was added
    /// to, when it continued a run of differences rather than getting a finding of its own.
    pub fn grown(&self) -> Option<usize> {
        self.grown
    }

    fn open_run(&mut self, relation: Relation, finding: usize, message: &str) {
        self.run = Some(Run {
            relation,
            finding,
            message: message.to_string(),
            followers: 0,
        });
    }
}

/// The number of a numbered paragraph (not of an item).
fn paragraph_number(unit: &Unit) -> Option<u32> {
    match unit.label.as_ref().map(|label| &label.value) {
        Some(LabelValue::Number(number)) if unit.parent.is_none() => Some(*number),
        _ => None,
    }
}

/// How two paragraphs' numbers relate, when at least one is a numbered paragraph.
fn relation(en: &Unit, es: &Unit) -> Option<Relation> {
    match (paragraph_number(en), paragraph_number(es)) {
        (Some(en_number), Some(es_number)) => Some(Relation::Offset(
            i64::from(es_number) - i64::from(en_number),
        )),
        (Some(_), None) if es.label.is_none() => Some(Relation::NumberedOnlyIn(Language::En)),
        (None, Some(_)) if en.label.is_none() => Some(Relation::NumberedOnlyIn(Language::Es)),
        _ => None,
    }
}

/// Operative numbers and item labels of two aligned units of the same kind.
pub(crate) fn check_numbering(
    pair: &Pair,
    en: &Unit,
    es: &Unit,
    numbering: &mut Numbering,
    out: &mut Vec<Finding>,
) {
    numbering.grown = None;
    let relation = relation(en, es);
    if let Some(relation) = relation
        && numbering.absorbs(relation, out)
    {
        return;
    }
    let location = where_both(&[en], &[es]);
    let printed_in_text = |label: &resalign_core::Label, unit: &Unit| {
        let number = match &label.value {
            LabelValue::Number(number) => number.to_string(),
            _ => label.printed.trim().to_string(),
        };
        unit.text
            .trim_start()
            .strip_prefix(number.as_str())
            .map(|rest| rest.strip_prefix('.').unwrap_or(rest))
            .is_some_and(|rest| rest.starts_with(' '))
    };
    // A number printed on one side only is a layout slip more often than a translation error:
    // the text is all there.
    let (severity, message) = match (&en.label, &es.label) {
        (Some(en_label), Some(es_label)) if same_label(&en_label.value, &es_label.value) => return,
        (Some(en_label), Some(es_label)) => (
            Severity::Error,
            format!(
                "Numbering differs: English {} (“{}”), Spanish {} (“{}”) ({location})",
                describe(pair.en, en),
                en_label.printed,
                describe(pair.es, es),
                es_label.printed,
            ),
        ),
        // A number the other side printed at the start of its text, where a converter did
        // not take it for a label.
        (Some(label), None) if printed_in_text(label, es) => return,
        (None, Some(label)) if printed_in_text(label, en) => return,
        (Some(label), None) => (
            Severity::Warning,
            format!(
                "{} is numbered “{}” in the English text; the Spanish paragraph has no number \
                 ({location})",
                capitalize(&describe(pair.en, en)),
                label.printed,
            ),
        ),
        (None, Some(label)) => (
            Severity::Warning,
            format!(
                "{} is numbered “{}” in the Spanish text; the English paragraph has no number \
                 ({location})",
                capitalize(&describe(pair.es, es)),
                label.printed,
            ),
        ),
        (None, None) => return,
    };
    if let Some(relation) = relation {
        numbering.open_run(relation, out.len(), &message);
    }
    out.push(Finding {
        code: FindingCode::NumberingDiffers,
        severity,
        message,
        en: units_side(&[en]),
        es: units_side(&[es]),
        members: Vec::new(),
    });
}

/// Labels count the same item: `(c)` and `c)`, or a letter printed in another case.
fn same_label(en: &LabelValue, es: &LabelValue) -> bool {
    match (en, es) {
        (LabelValue::Letter(en), LabelValue::Letter(es)) => en.eq_ignore_ascii_case(es),
        _ => en == es,
    }
}
