//! The AKN4UN elements the reader acts on, recognised by local name (namespace prefixes such as
//! `akn4un:` are ignored), and the few attributes it reads from them.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;

/// An element by what the reader does with it; everything else is [`Tag::Other`] and only its
/// text counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tag {
    Meta,
    FrbrWork,
    FrbrExpression,
    FrbrLanguage,
    FrbrAuthor,
    FrbrDate,
    CoverPage,
    Preface,
    Preamble,
    MainBody,
    Conclusions,
    Attachment,
    Component,
    EmbeddedStructure,
    Formula,
    Container,
    /// `container name="table"`: a wrapper whose table is the unit.
    TableContainer,
    /// `list`, `sublist`, `blockList`: one level of items.
    List,
    /// `intro`, `listIntroduction`: the words before a list's items.
    Intro,
    Item,
    Point,
    Paragraph,
    Section,
    Content,
    Num,
    /// `wrapUp`, `alinea`: words after a list's items, continuing the paragraph.
    WrapUp,
    Subheading,
    Heading,
    CrossHeading,
    Table,
    Row,
    Cell,
    P,
    LineBreak,
    Span,
    Emphasis,
    Sup,
    AuthorialNote,
    DocNumber,
    DocTitle,
    DocAuthority,
    DocDate,
    Session,
    Inline,
    Location,
    /// `vote`: the record of how the resolution was adopted, in the conclusions.
    Vote,
    /// `outcome`: the record's sentence, and inside it each list of countries with its label.
    Outcome,
    Other,
}

impl Tag {
    pub(super) fn of(element: &BytesStart<'_>) -> Tag {
        match element.local_name().as_ref() {
            // The most frequent elements first: string patterns are tried in order.
            "p" => Tag::P,
            "span" if has_class(element, "italic") => Tag::Emphasis,
            "span" => Tag::Span,
            "content" => Tag::Content,
            "paragraph" => Tag::Paragraph,
            "num" => Tag::Num,
            "container" if attribute(element, "name").as_deref() == Some("table") => {
                Tag::TableContainer
            }
            "container" => Tag::Container,
            "authorialNote" => Tag::AuthorialNote,
            "inline" => Tag::Inline,
            "a" | "organization" | "keyword" | "TLCTerm" | "TLCRole" => Tag::Other,
            "meta" => Tag::Meta,
            "FRBRWork" => Tag::FrbrWork,
            "FRBRExpression" => Tag::FrbrExpression,
            "FRBRlanguage" => Tag::FrbrLanguage,
            "FRBRauthor" => Tag::FrbrAuthor,
            "FRBRdate" => Tag::FrbrDate,
            "coverPage" => Tag::CoverPage,
            "preface" => Tag::Preface,
            "preamble" => Tag::Preamble,
            "mainBody" | "body" => Tag::MainBody,
            "conclusions" => Tag::Conclusions,
            "attachment" => Tag::Attachment,
            "component" => Tag::Component,
            "embeddedStructure" => Tag::EmbeddedStructure,
            "formula" => Tag::Formula,
            "list" | "sublist" | "blockList" => Tag::List,
            "intro" | "listIntroduction" => Tag::Intro,
            "item" => Tag::Item,
            "point" | "subparagraph" => Tag::Point,
            "section" => Tag::Section,
            "wrapUp" | "alinea" => Tag::WrapUp,
            "subheading" => Tag::Subheading,
            "heading" => Tag::Heading,
            "crossHeading" => Tag::CrossHeading,
            "table" => Tag::Table,
            "tr" => Tag::Row,
            "td" | "th" => Tag::Cell,
            "tblock" | "li" => Tag::P,
            "eol" | "br" => Tag::LineBreak,
            "i" | "em" => Tag::Emphasis,
            "sup" => Tag::Sup,
            "docNumber" => Tag::DocNumber,
            "docTitle" => Tag::DocTitle,
            "docAuthority" => Tag::DocAuthority,
            "docDate" | "date" => Tag::DocDate,
            "session" => Tag::Session,
            "location" => Tag::Location,
            "vote" => Tag::Vote,
            "outcome" => Tag::Outcome,
            _ => Tag::Other,
        }
    }

    /// Elements whose `eId` names a unit (a `content` or `p` is named after its paragraph).
    pub(super) fn names_units(self) -> bool {
        matches!(
            self,
            Tag::Container
                | Tag::Item
                | Tag::Point
                | Tag::Paragraph
                | Tag::Section
                | Tag::WrapUp
                | Tag::CrossHeading
                | Tag::Table
                | Tag::TableContainer
                | Tag::AuthorialNote
                | Tag::Vote
        )
    }

    /// Elements that carry a `num` for the text inside them.
    pub(super) fn is_numbered(self) -> bool {
        matches!(self, Tag::Paragraph | Tag::Point | Tag::Item | Tag::Section)
    }
}

/// An attribute's value, entities decoded; the raw value when decoding fails.
pub(super) fn attribute<'a>(element: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    let found = element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == name)?;
    match found.normalized_value(XmlVersion::Implicit1_0) {
        Ok(value) => Some(value),
        Err(_) => Some(Cow::Owned(found.value.into_owned())),
    }
}

/// An attribute's value borrowed from the source when it needs no decoding.
pub(super) fn source_attribute<'a>(
    source: &'a str,
    element: &BytesStart<'_>,
    name: &str,
) -> Option<Cow<'a, str>> {
    Some(match attribute(element, name)? {
        Cow::Borrowed(value) => match within(source, value) {
            Some(value) => Cow::Borrowed(value),
            None => Cow::Owned(value.to_string()),
        },
        Cow::Owned(value) => Cow::Owned(value),
    })
}

/// `part` as a slice of `source` with the source's lifetime, when it is one.
fn within<'a>(source: &'a str, part: &str) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    source
        .get(start..start.checked_add(part.len())?)
        .filter(|slice| slice.as_ptr() == part.as_ptr())
}

fn has_class(element: &BytesStart<'_>, class: &str) -> bool {
    attribute(element, "class").is_some_and(|value| value.split_whitespace().any(|c| c == class))
}

/// `class="H1"`, `H23`, `HCh`, `HChG`: the UN's heading styles.
pub(super) fn has_heading_class(element: &BytesStart<'_>) -> bool {
    attribute(element, "class").is_some_and(|class| {
        let rest = class.strip_prefix('H').unwrap_or("");
        rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("Ch")
    })
}
