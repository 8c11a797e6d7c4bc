//! `styles.xml`: what paragraph and character styles say about italics, bold, hidden text,
//! superscripts, headings and numbering, each style resolved through the styles it is based on.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::markup::{Ns, Pass, Raised, RunProperties, Token, attribute, number_attribute};

/// The numbering a paragraph or a style asks for (`w:numPr`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct NumberingRef {
    /// `None` when only the level was given; 0 removes the numbering a style gave.
    pub num_id: Option<u32>,
    pub level: Option<u8>,
}

impl NumberingRef {
    pub(super) fn read(&mut self, name: &str, element: &BytesStart<'_>) {
        let value = number_attribute(element, "val");
        match name {
            "numId" => self.num_id = value.and_then(|value| u32::try_from(value).ok()),
            "ilvl" => self.level = value.and_then(|value| u8::try_from(value).ok()),
            _ => {}
        }
    }

    pub(super) fn over(self, base: Option<NumberingRef>) -> NumberingRef {
        let base = base.unwrap_or_default();
        NumberingRef {
            num_id: self.num_id.or(base.num_id),
            level: self.level.or(base.level),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Family {
    #[default]
    Paragraph,
    Character,
    Numbering,
    Other,
}

/// One `w:style` as written.
#[derive(Debug)]
struct Style {
    family: Family,
    name: String,
    based_on: Option<String>,
    run: RunProperties,
    numbering: Option<NumberingRef>,
    outline_level: Option<u8>,
}

/// A style with what it inherits folded in.
#[derive(Clone, Debug, Default)]
pub(super) struct Resolved {
    family: Family,
    pub run: RunProperties,
    pub numbering: Option<NumberingRef>,
    /// A heading style: an outline level, a built-in heading or title, or one of the UN's
    /// heading styles (`H1`, `H23`, `HCh`, written `_ H_1_G` and so on).
    pub heading: bool,
    /// The character style of footnote references (`footnote reference` in Word, `Footnote
    /// Characters` or `Footnote Anchor` in LibreOffice).
    pub footnote_reference: bool,
}

/// The document's styles.
#[derive(Debug, Default)]
pub(super) struct Styles {
    resolved: HashMap<String, Resolved>,
    default_paragraph: Resolved,
    default_character: Resolved,
    /// The document defaults (`w:docDefaults`).
    defaults: RunProperties,
}

/// A run's look once its paragraph style, character style and direct formatting are combined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Look {
    pub italic: bool,
    pub bold: bool,
    pub hidden: bool,
    pub superscript: bool,
    /// In the character style of footnote references: a superscript number in it is a call.
    pub reference: bool,
}

/// Styles inherit through at most this many `basedOn` links (Word allows nine levels of
/// nesting in practice); a longer chain is a cycle.
const MAX_INHERITANCE: usize = 32;

impl Styles {
    pub(super) fn read(xml: &str) -> Styles {
        let Written {
            styles: written,
            defaults,
            default_paragraph,
            default_character,
        } = read_written(xml);
        let mut styles = Styles {
            defaults,
            ..Styles::default()
        };
        for id in written.keys() {
            styles.resolved.insert(id.clone(), resolve(id, &written));
        }
        let resolved = |id: Option<String>| {
            id.and_then(|id| styles.resolved.get(&id).cloned())
                .unwrap_or_default()
        };
        // LibreOffice marks no paragraph style as the default; Word's is `Normal`.
        styles.default_paragraph =
            resolved(default_paragraph.or_else(|| Some("Normal".to_string())));
        styles.default_character = resolved(default_character);
        styles
    }

    /// A paragraph style by id; the default paragraph style when the id is unknown or absent.
    pub(super) fn paragraph(&self, id: Option<&str>) -> &Resolved {
        id.and_then(|id| self.styled(id, Family::Paragraph))
            .unwrap_or(&self.default_paragraph)
    }

    /// A character style by id.
    pub(super) fn character(&self, id: &str) -> Option<&Resolved> {
        self.styled(id, Family::Character)
    }

    fn styled(&self, id: &str, family: Family) -> Option<&Resolved> {
        self.resolved.get(id).filter(|style| style.family == family)
    }

    /// The numbering a numbering style (`w:numStyleLink`) stands for.
    pub(super) fn numbering_style(&self, id: &str) -> Option<NumberingRef> {
        self.styled(id, Family::Numbering)
            .and_then(|style| style.numbering)
    }

    /// How a run prints. Direct formatting wins; italics and bold are toggles, so that a
    /// character style's italics in an italic paragraph style print upright, as in Word.
    pub(super) fn look(
        &self,
        paragraph: &Resolved,
        character: Option<&Resolved>,
        direct: &RunProperties,
    ) -> Look {
        let character_style = character.unwrap_or(&self.default_character);
        let character = &character_style.run;
        let paragraph = &paragraph.run;
        let toggle =
            |direct: Option<bool>, from_paragraph, from_character, default: Option<bool>| {
                direct.unwrap_or(match (from_paragraph, from_character) {
                    (Some(a), Some(b)) => a != b,
                    (Some(value), None) | (None, Some(value)) => value,
                    (None, None) => default.unwrap_or(false),
                })
            };
        let raised = direct
            .raised
            .or(character.raised)
            .or(paragraph.raised)
            .or(self.defaults.raised);
        Look {
            italic: toggle(
                direct.italic,
                paragraph.italic,
                character.italic,
                self.defaults.italic,
            ),
            bold: toggle(
                direct.bold,
                paragraph.bold,
                character.bold,
                self.defaults.bold,
            ),
            hidden: direct
                .hidden
                .or(character.hidden)
                .or(paragraph.hidden)
                .or(self.defaults.hidden)
                .unwrap_or(false),
            superscript: raised == Some(Raised::Superscript),
            reference: character_style.footnote_reference,
        }
    }
}

/// Where the pass over `styles.xml` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Outside,
    Style,
    StyleRun,
    StyleParagraph,
    StyleNumbering,
    DefaultRun,
}

/// The part as written: its styles by id, the document defaults and the default styles.
#[derive(Default)]
struct Written {
    styles: HashMap<String, Style>,
    defaults: RunProperties,
    default_paragraph: Option<String>,
    default_character: Option<String>,
}

fn read_written(xml: &str) -> Written {
    let mut written = Written::default();
    let mut pass = Pass::new(xml);
    let mut current: Option<(String, Style)> = None;
    let mut place = Place::Outside;
    let mut in_defaults = false;
    // Inside a record of an earlier state (`w:rPrChange`): depth of nesting.
    let mut shadow = 0usize;
    loop {
        let (element, is_empty) = match pass.next_token() {
            Token::Start(ns, element) => {
                let local = element.local_name();
                let name = local.as_ref();
                // Latent styles (hundreds in a Word document) and table styles' conditional
                // formats say nothing the reader uses.
                let unused = ns == Ns::Word && matches!(name, "latentStyles" | "tblStylePr");
                if shadow > 0 || super::markup::is_shadow(ns, name) || unused {
                    shadow += 1;
                    continue;
                }
                if ns != Ns::Word {
                    continue;
                }
                (element, false)
            }
            Token::Empty(ns, element) => {
                if shadow > 0 || ns != Ns::Word {
                    continue;
                }
                (element, true)
            }
            Token::End(ns, element) => {
                if shadow > 0 {
                    shadow -= 1;
                    continue;
                }
                if ns != Ns::Word {
                    continue;
                }
                place = match (element.local_name().as_ref(), place) {
                    ("style", _) => {
                        if let Some((id, style)) = current.take() {
                            written.styles.entry(id).or_insert(style);
                        }
                        Place::Outside
                    }
                    ("rPr", Place::StyleRun) | ("pPr", Place::StyleParagraph) => Place::Style,
                    ("numPr", Place::StyleNumbering) => Place::StyleParagraph,
                    ("rPr", Place::DefaultRun) => Place::Outside,
                    ("docDefaults", _) => {
                        in_defaults = false;
                        Place::Outside
                    }
                    (_, place) => place,
                };
                continue;
            }
            Token::Text(_) => continue,
            Token::Eof | Token::Broken(_) => break,
        };
        let local = element.local_name();
        let name = local.as_ref();
        match (place, name) {
            (Place::Outside, "docDefaults") => in_defaults = true,
            (Place::Outside, "rPr") if in_defaults && !is_empty => place = Place::DefaultRun,
            (Place::DefaultRun, _) => written.defaults.read(name, &element),
            (Place::Outside, "style") => {
                let id = attribute(&element, "styleId").map(|id| id.into_owned());
                let family = match attribute(&element, "type").as_deref() {
                    Some("paragraph") | None => Family::Paragraph,
                    Some("character") => Family::Character,
                    Some("numbering") => Family::Numbering,
                    Some(_) => Family::Other,
                };
                let is_default = attribute(&element, "default")
                    .is_some_and(|value| matches!(&*value, "1" | "true" | "on"));
                if is_default {
                    let slot = match family {
                        Family::Paragraph => &mut written.default_paragraph,
                        Family::Character => &mut written.default_character,
                        Family::Numbering | Family::Other => &mut None,
                    };
                    if slot.is_none() {
                        *slot = id.clone();
                    }
                }
                if let (Some(id), false) = (id, is_empty) {
                    current = Some((
                        id,
                        Style {
                            family,
                            name: String::new(),
                            based_on: None,
                            run: RunProperties::default(),
                            numbering: None,
                            outline_level: None,
                        },
                    ));
                    place = Place::Style;
                }
            }
            (Place::Style, _) => {
                let Some((_, style)) = current.as_mut() else {
                    continue;
                };
                let value = || attribute(&element, "val").map(|value| value.into_owned());
                match name {
                    "name" => style.name = value().unwrap_or_default(),
                    "basedOn" => style.based_on = value(),
                    "rPr" if !is_empty => place = Place::StyleRun,
                    "pPr" if !is_empty => place = Place::StyleParagraph,
                    _ => {}
                }
            }
            (Place::StyleRun, _) => {
                if let Some((_, style)) = current.as_mut() {
                    style.run.read(name, &element);
                }
            }
            (Place::StyleParagraph, "numPr") => {
                if let Some((_, style)) = current.as_mut() {
                    style.numbering = Some(NumberingRef::default());
                }
                if !is_empty {
                    place = Place::StyleNumbering;
                }
            }
            (Place::StyleParagraph, "outlineLvl") => {
                if let Some((_, style)) = current.as_mut() {
                    style.outline_level = number_attribute(&element, "val")
                        .and_then(|level| u8::try_from(level).ok());
                }
            }
            (Place::StyleNumbering, _) => {
                if let Some(numbering) = current
                    .as_mut()
                    .and_then(|(_, style)| style.numbering.as_mut())
                {
                    numbering.read(name, &element);
                }
            }
            _ => {}
        }
    }
    written
}

/// A style with everything it inherits.
fn resolve(id: &str, written: &HashMap<String, Style>) -> Resolved {
    let mut chain = Vec::new();
    let mut next = Some(id);
    while let Some(id) = next {
        let Some(style) = written.get(id) else {
            break;
        };
        if chain.len() >= MAX_INHERITANCE {
            break;
        }
        chain.push(style);
        next = style.based_on.as_deref();
    }
    let mut resolved = Resolved {
        family: chain
            .first()
            .map_or(Family::Paragraph, |style| style.family),
        ..Resolved::default()
    };
    let mut outline_level = None;
    for style in chain.iter().rev() {
        resolved.run = style.run.over(&resolved.run);
        if let Some(numbering) = style.numbering {
            resolved.numbering = Some(numbering.over(resolved.numbering));
        }
        outline_level = style.outline_level.or(outline_level);
    }
    resolved.footnote_reference = chain
        .first()
        .is_some_and(|style| is_footnote_reference_name(&style.name));
    resolved.heading = outline_level.is_some_and(|level| level < 9)
        || chain
            .first()
            .is_some_and(|style| is_heading_name(&style.name));
    resolved
}

/// `heading 2`, `Title`, and the UN's `_ H_1_G`, `_ H_23_G`, `_ H _Ch_G`.
fn is_heading_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower == "title" || lower == "subtitle" {
        return true;
    }
    if let Some(level) = lower.strip_prefix("heading ") {
        return level.chars().all(|c| c.is_ascii_digit()) && !level.is_empty();
    }
    let compact: String = name.chars().filter(|c| !matches!(c, ' ' | '_')).collect();
    compact.strip_prefix('H').is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("Ch")
    }) && compact.ends_with('G')
}

/// `footnote reference`, `Footnote Characters`, `Footnote Anchor`.
fn is_footnote_reference_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("footnote")
        && ["reference", "character", "anchor"]
            .iter()
            .any(|kind| lower.contains(kind))
}
