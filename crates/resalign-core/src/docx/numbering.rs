//! `numbering.xml` and the paragraph numbers Word generates from it: each level's format and
//! text (`%1.`, `(%2)`, `%3)`), its start, the counters of lists that share a definition, restarts
//! of deeper levels, and instances that override a level's start.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::markup::{Ns, Pass, Token, attribute, number_attribute};
use super::styles::{NumberingRef, Styles};
use crate::label::to_roman;

const LEVELS: usize = 9;
/// Larger counters print in figures rather than as a run of `c`s.
const MAX_ROMAN: u32 = 399;

/// How a level prints its counter.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Format {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// `(1)`: the parentheses belong to the format.
    DecimalEnclosedParen,
    Bullet,
    /// Nothing: the level's text without a number.
    None,
}

impl Format {
    fn from_name(name: &str) -> Format {
        match name {
            "decimalZero" => Format::DecimalZero,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "decimalEnclosedParen" => Format::DecimalEnclosedParen,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // Ordinals, number words and East Asian counting print as figures here: no UN
            // resolution numbers its paragraphs so.
            _ => Format::Decimal,
        }
    }

    fn print(&self, value: u32) -> String {
        match self {
            Format::Decimal | Format::Bullet => value.to_string(),
            Format::DecimalZero => format!("{value:02}"),
            Format::DecimalEnclosedParen => format!("({value})"),
            Format::LowerLetter => letters(value),
            Format::UpperLetter => letters(value).to_ascii_uppercase(),
            Format::LowerRoman | Format::UpperRoman if value > MAX_ROMAN => value.to_string(),
            Format::LowerRoman => to_roman(value),
            Format::UpperRoman => to_roman(value).to_ascii_uppercase(),
            Format::None => String::new(),
        }
    }
}

/// Word's letters: `a`..`z`, then `aa`, `bb`: the UN's sequence too.
fn letters(value: u32) -> String {
    if value == 0 {
        return String::new();
    }
    let letter = char::from(b'a' + ((value - 1) % 26) as u8);
    let repeat = (value - 1) / 26 + 1;
    std::iter::repeat_n(letter, repeat.min(64) as usize).collect()
}

/// What follows a generated label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

#[derive(Clone, Debug)]
struct Level {
    start: u32,
    format: Format,
    text: String,
    /// Deeper levels restart after a level above this one (1-based); 0: never.
    restart: Option<u32>,
    /// Every placeholder in figures (`w:isLgl`).
    legal: bool,
    /// The paragraph style this level goes with.
    style: Option<String>,
    suffix: Suffix,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 0,
            format: Format::Decimal,
            text: String::new(),
            restart: None,
            legal: false,
            style: None,
            suffix: Suffix::Tab,
        }
    }
}

impl Level {
    fn read(&mut self, name: &str, element: &BytesStart<'_>) {
        let number = || {
            number_attribute(element, "val")
                .and_then(|value| u32::try_from(value).ok())
                .unwrap_or(0)
        };
        let text = || attribute(element, "val").map(|value| value.into_owned());
        match name {
            "start" => self.start = number(),
            "numFmt" => self.format = Format::from_name(&text().unwrap_or_default()),
            "lvlText" => self.text = text().unwrap_or_default(),
            "lvlRestart" => self.restart = Some(number()),
            "isLgl" => self.legal = super::markup::is_on(element),
            "pStyle" => self.style = text(),
            "suff" => {
                self.suffix = match text().as_deref() {
                    Some("space") => Suffix::Space,
                    Some("nothing") => Suffix::Nothing,
                    _ => Suffix::Tab,
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// The levels are those of a numbering style (`w:numStyleLink`).
    style_link: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Instance {
    abstract_id: u32,
    /// Per level: a new start, and a whole level that replaces the abstract one.
    start_overrides: [Option<u32>; LEVELS],
    level_overrides: [Option<Level>; LEVELS],
}

impl Instance {
    fn overrides_start(&self) -> bool {
        self.start_overrides.iter().any(Option::is_some)
            || self.level_overrides.iter().any(Option::is_some)
    }
}

/// Which counters a numbered paragraph advances: instances of one definition share counters
/// unless an instance restarts a level, which gives it counters of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum ListKey {
    Abstract(u32),
    Instance(u32),
}

/// The definitions, and the counters as the document is read in order.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    instances: HashMap<u32, Instance>,
    counters: HashMap<ListKey, [Option<u32>; LEVELS]>,
}

/// A generated paragraph number as it prints, and what follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Generated {
    pub label: String,
    pub suffix: Suffix,
}

/// Numbering styles link to other definitions at most this deep.
const MAX_STYLE_LINKS: usize = 4;

impl Numbering {
    pub(super) fn read(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut pass = Pass::new(xml);
        let mut abstract_num: Option<(u32, Abstract)> = None;
        let mut instance: Option<(u32, Instance)> = None;
        // The level being read: of the abstract definition, or of an instance's override.
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        let mut shadow = 0usize;
        loop {
            let (element, is_empty) = match pass.next_token() {
                Token::Start(ns, element) => {
                    if shadow > 0 || super::markup::is_shadow(ns, element.local_name().as_ref()) {
                        shadow += 1;
                        continue;
                    }
                    if ns != Ns::Word {
                        continue;
                    }
                    (element, false)
                }
                Token::Empty(Ns::Word, element) if shadow == 0 => (element, true),
                Token::End(ns, element) => {
                    if shadow > 0 {
                        shadow -= 1;
                        continue;
                    }
                    if ns != Ns::Word {
                        continue;
                    }
                    match element.local_name().as_ref() {
                        "lvl" => {
                            if let Some((index, read)) = level.take() {
                                match (override_level, instance.as_mut(), abstract_num.as_mut()) {
                                    (Some(_), Some((_, instance)), _) => {
                                        instance.level_overrides[index] = Some(read);
                                    }
                                    (None, _, Some((_, definition))) => {
                                        definition.levels[index] = Some(read);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        "lvlOverride" => override_level = None,
                        "abstractNum" => {
                            if let Some((id, definition)) = abstract_num.take() {
                                numbering.abstracts.entry(id).or_insert(definition);
                            }
                        }
                        "num" => {
                            if let Some((id, read)) = instance.take() {
                                numbering.instances.entry(id).or_insert(read);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Token::Eof | Token::Broken(_) => break,
                _ => continue,
            };
            let local = element.local_name();
            let name = local.as_ref();
            let id = |attribute_name: &str| {
                number_attribute(&element, attribute_name).and_then(|id| u32::try_from(id).ok())
            };
            let level_index = || {
                number_attribute(&element, "ilvl")
                    .and_then(|index| usize::try_from(index).ok())
                    .filter(|index| *index < LEVELS)
            };
            if let Some((_, read)) = level.as_mut() {
                read.read(name, &element);
                continue;
            }
            match name {
                "abstractNum" if !is_empty => {
                    abstract_num = id("abstractNumId").map(|id| (id, Abstract::default()));
                }
                "numStyleLink" => {
                    if let Some((_, definition)) = abstract_num.as_mut() {
                        definition.style_link =
                            attribute(&element, "val").map(|value| value.into_owned());
                    }
                }
                "num" if !is_empty => {
                    instance = id("numId").map(|id| (id, Instance::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, read)), Some(abstract_id)) = (instance.as_mut(), id("val")) {
                        read.abstract_id = abstract_id;
                    }
                }
                "lvlOverride" if !is_empty => override_level = level_index(),
                "startOverride" => {
                    if let (Some(index), Some((_, read))) = (override_level, instance.as_mut()) {
                        read.start_overrides[index] = Some(id("val").unwrap_or(0));
                    }
                }
                "lvl" if !is_empty => {
                    let index = level_index().or(override_level);
                    level = index.map(|index| (index, Level::default()));
                }
                _ => {}
            }
        }
        numbering
    }

    /// The number a paragraph prints, advancing the counters: `None` when the paragraph is not
    /// numbered (no instance, instance 0, a level that prints nothing).
    pub(super) fn next_label(
        &mut self,
        reference: NumberingRef,
        paragraph_style: Option<&str>,
        styles: &Styles,
    ) -> Option<Generated> {
        let num_id = reference.num_id.filter(|id| *id != 0)?;
        let instance = self.instances.get(&num_id)?.clone();
        let levels = self.levels(instance.abstract_id, styles)?;
        let level_index = reference
            .level
            .map(usize::from)
            .or_else(|| {
                levels.iter().position(|level| {
                    level
                        .as_ref()
                        .is_some_and(|level| level.style.as_deref() == paragraph_style)
                        && paragraph_style.is_some()
                })
            })
            .unwrap_or(0)
            .min(LEVELS - 1);
        let level_of = |index: usize| -> Level {
            instance.level_overrides[index]
                .clone()
                .or_else(|| levels[index].clone())
                .unwrap_or_default()
        };
        let start_of = |index: usize| {
            instance.start_overrides[index]
                .or_else(|| {
                    instance.level_overrides[index]
                        .as_ref()
                        .map(|level| level.start)
                })
                .unwrap_or_else(|| level_of(index).start)
        };
        let key = if instance.overrides_start() {
            ListKey::Instance(num_id)
        } else {
            ListKey::Abstract(instance.abstract_id)
        };
        let counters = self.counters.entry(key).or_default();
        let value =
            counters[level_index].map_or(start_of(level_index), |value| value.saturating_add(1));
        counters[level_index] = Some(value);
        for (deeper, counter) in counters.iter_mut().enumerate().skip(level_index + 1) {
            let restart_after = level_of(deeper).restart.unwrap_or(deeper as u32);
            if (level_index as u32) < restart_after {
                *counter = None;
            }
        }
        let level = level_of(level_index);
        let counters = *counters;
        let label = match level.format {
            Format::Bullet => bullet(&level.text),
            _ => placeholders(&level.text, |index| {
                let shown = level_of(index);
                let value = counters[index].unwrap_or_else(|| start_of(index));
                if level.legal && shown.format != Format::None {
                    Format::Decimal.print(value)
                } else {
                    shown.format.print(value)
                }
            }),
        };
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(Generated {
            label,
            suffix: level.suffix,
        })
    }

    /// An abstract definition's levels, following a numbering style to the definition it
    /// stands for.
    fn levels(&self, abstract_id: u32, styles: &Styles) -> Option<[Option<Level>; LEVELS]> {
        let mut definition = self.abstracts.get(&abstract_id)?;
        for _ in 0..MAX_STYLE_LINKS {
            let Some(link) = definition.style_link.as_deref() else {
                break;
            };
            let linked = styles
                .numbering_style(link)
                .and_then(|reference| reference.num_id)
                .and_then(|num_id| self.instances.get(&num_id))
                .and_then(|instance| self.abstracts.get(&instance.abstract_id));
            match linked {
                Some(linked) => definition = linked,
                None => break,
            }
        }
        Some(definition.levels.clone())
    }
}

/// `%1.%2` with each `%N` replaced by level N's printed counter.
fn placeholders(text: &str, value: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|next| next.to_digit(10))) {
            ('%', Some(digit @ 1..=9)) => {
                chars.next();
                out.push_str(&value(digit as usize - 1));
            }
            _ => out.push(c),
        }
    }
    out
}

/// A bullet as it prints: symbol fonts put their bullets in the private use area, and whatever
/// the font, a bullet is written `•` unless it is a dash.
fn bullet(text: &str) -> String {
    match text.trim() {
        dash @ ("–" | "—") => dash.to_string(),
        _ => "•".to_string(),
    }
}
