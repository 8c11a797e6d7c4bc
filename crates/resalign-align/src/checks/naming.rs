//! Names for paragraphs the way a translator cites them: "operative paragraph 7",
//! "subparagraph (b) of operative paragraph 2", "preambular paragraph 3".

use std::cell::RefCell;
use std::collections::HashMap;

use resalign_core::{Document, LabelValue, Unit, UnitKind};

/// How many words of a paragraph quote it when it has no number to be named by.
const QUOTED_WORDS: usize = 6;

/// A lower-case name for the unit, to be placed inside a sentence.
pub(crate) fn describe(document: &Document, unit: &Unit) -> String {
    let number = match unit.label.as_ref().map(|label| &label.value) {
        Some(LabelValue::Number(number)) => Some(*number),
        _ => None,
    };
    match (unit.kind, number) {
        (UnitKind::Operative, Some(number)) => format!("operative paragraph {number}"),
        (UnitKind::AnnexParagraph, Some(number)) => format!("paragraph {number} of the annex"),
        (UnitKind::Preambular, _) => format!(
            "preambular paragraph {}",
            ordinal_among(document, unit, UnitKind::Preambular)
        ),
        (UnitKind::Table, _) => format!("table {}", ordinal_among(document, unit, UnitKind::Table)),
        (UnitKind::Heading, _) => format!("the heading {}", quote(&unit.text)),
        (UnitKind::Subparagraph, _) => describe_item(document, unit),
        _ => format!("the paragraph {}", quote(&unit.text)),
    }
}

/// The unit's name with a capital, to open a sentence.
pub(crate) fn describe_capitalized(document: &Document, unit: &Unit) -> String {
    capitalize(&describe(document, unit))
}

/// Several units named together: "operative paragraphs 4 and 5", "preambular paragraph 3 and
/// the heading “Mandate”".
pub(crate) fn describe_all(document: &Document, units: &[&Unit]) -> String {
    let names: Vec<String> = units.iter().map(|unit| describe(document, unit)).collect();
    if let Some(grouped) = group_numbered(&names) {
        return grouped;
    }
    join_list(&names)
}

/// `operative paragraph 4`, `operative paragraph 5` as `operative paragraphs 4 and 5`.
fn group_numbered(names: &[String]) -> Option<String> {
    let split = |name: &str| {
        let (kind, number) = name.rsplit_once(' ')?;
        let is_number = number.chars().all(|c| c.is_ascii_digit());
        (kind.ends_with("paragraph") && is_number).then_some((kind.to_string(), number.to_string()))
    };
    let parts: Vec<(String, String)> = names
        .iter()
        .map(|name| split(name))
        .collect::<Option<_>>()?;
    let (kind, _) = parts.first()?;
    if parts.len() < 2 || parts.iter().any(|(other, _)| other != kind) {
        return None;
    }
    let numbers: Vec<String> = parts.iter().map(|(_, number)| number.clone()).collect();
    Some(format!("{kind}s {}", join_list(&numbers)))
}

/// `a`, `a and b`, `a, b and c`.
fn join_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The ids of units, for the parenthesis that ends a message: `op.3` or `op.3, op.4`.
pub(crate) fn ids(units: &[&Unit]) -> String {
    units
        .iter()
        .map(|unit| unit.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a finding sits when both sides are named: `op.3`, or `en op.3 / es op.4` when the ids
/// differ.
pub(crate) fn where_both(en: &[&Unit], es: &[&Unit]) -> String {
    let en_ids = ids(en);
    let es_ids = ids(es);
    if en_ids == es_ids {
        en_ids
    } else {
        format!("en {en_ids} / es {es_ids}")
    }
}

/// A value as printed, with every run of blanks (no-break and thin spaces included) made one
/// space, for quoting in a message.
pub(crate) fn plain(printed: &str) -> String {
    printed.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `subparagraph (b) of operative paragraph 2`, `item (ii) of subparagraph (b) of ...`.
fn describe_item(document: &Document, unit: &Unit) -> String {
    let own = match &unit.label {
        Some(label) => match &label.value {
            LabelValue::Letter(_) => format!("subparagraph ({})", bare(&label.printed)),
            LabelValue::Roman(_) => format!("item ({})", bare(&label.printed)),
            LabelValue::Number(number) => format!("item {number}"),
            LabelValue::Bullet => format!("the item {}", quote(&unit.text)),
        },
        None => format!("the item {}", quote(&unit.text)),
    };
    match parent_of(document, unit) {
        Some(parent) => format!("{own} of {}", describe(document, parent)),
        None => own,
    }
}

/// 1-based position of the unit among the document's units of one kind.
fn ordinal_among(document: &Document, unit: &Unit, kind: UnitKind) -> usize {
    if let Some(ordinal) = with_named(document, |named| named.ordinal(unit)) {
        return ordinal;
    }
    document
        .units
        .iter()
        .filter(|other| other.kind == kind)
        .position(|other| other.id == unit.id)
        .map_or(0, |index| index + 1)
}

/// A unit's parent, looked up by id.
fn parent_of<'d>(document: &'d Document, unit: &Unit) -> Option<&'d Unit> {
    let parent = unit.parent.as_ref()?;
    match with_named(document, |named| named.position(parent.as_str())) {
        Some(position) => position.and_then(|index| document.units.get(index)),
        None => document.unit(parent.as_str()),
    }
}

/// What naming needs of a document, computed once per check run: each unit's position by id,
/// and its place among the units of its kind. Without it a pair with thousands of findings
/// would scan the document for each.
struct Named {
    /// The document's address, valid while the run borrows it.
    document: usize,
    positions: HashMap<String, usize>,
    ordinals: Vec<usize>,
}

impl Named {
    fn new(document: &Document) -> Named {
        let mut seen: HashMap<UnitKind, usize> = HashMap::new();
        let ordinals = document
            .units
            .iter()
            .map(|unit| {
                let count = seen.entry(unit.kind).or_default();
                *count += 1;
                *count
            })
            .collect();
        let mut positions = HashMap::with_capacity(document.units.len());
        for (index, unit) in document.units.iter().enumerate() {
            positions
                .entry(unit.id.as_str().to_string())
                .or_insert(index);
        }
        Named {
            document: std::ptr::from_ref(document) as usize,
            positions,
            ordinals,
        }
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    fn ordinal(&self, unit: &Unit) -> usize {
        self.position(unit.id.as_str())
            .and_then(|index| self.ordinals.get(index).copied())
            .unwrap_or(0)
    }
}

thread_local! {
    static NAMED: RefCell<Vec<Named>> = const { RefCell::new(Vec::new()) };
}

/// Runs `check` with both documents' names computed once.
pub(crate) fn naming_both<R>(en: &Document, es: &Document, check: impl FnOnce() -> R) -> R {
    /// Forgets the documents when the run ends, even by a panic.
    struct Forget(usize);
    impl Drop for Forget {
        fn drop(&mut self) {
            NAMED.with(|named| named.borrow_mut().truncate(self.0));
        }
    }
    let depth = NAMED.with(|named| {
        let mut named = named.borrow_mut();
        let depth = named.len();
        named.push(Named::new(en));
        named.push(Named::new(es));
        depth
    });
    let _forget = Forget(depth);
    check()
}

/// `read` of the names of `document`, when a run computed them.
fn with_named<R>(document: &Document, read: impl FnOnce(&Named) -> R) -> Option<R> {
    let address = std::ptr::from_ref(document) as usize;
    NAMED.with(|named| {
        named
            .borrow()
            .iter()
            .rev()
            .find(|named| named.document == address)
            .map(read)
    })
}

/// The first words of a text in quotation marks: “Decides to include in…”.
fn quote(text: &str) -> String {
    let mut words = text.split_whitespace();
    let opening: Vec<&str> = words.by_ref().take(QUOTED_WORDS).collect();
    let ellipsis = if words.next().is_some() { "…" } else { "" };
    format!("“{}{ellipsis}”", opening.join(" "))
}

/// A label without its brackets and stop, so that English `(b)` and Spanish `b)` read alike.
fn bare(printed: &str) -> &str {
    printed.trim_matches(|c: char| matches!(c, '(' | ')' | '.') || c.is_whitespace())
}
