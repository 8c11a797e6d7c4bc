//! The stack of open elements, with what the walker asks of it kept up to date as elements open
//! and close: the innermost element of each kind that matters, and where each tag name is open.
//! Every question is then answered in constant time, so deeply nested or badly broken markup
//! costs time in proportion to its length.

use std::collections::HashMap;

use super::Frame;
use super::tags::Tag;
use crate::assemble::Part;
use crate::work::{self, Work};

/// The open elements, outermost first.
#[derive(Debug, Default)]
pub(super) struct OpenElements<'a> {
    frames: Vec<Frame<'a>>,
    /// For each frame, what the frames up to it add up to.
    contexts: Vec<Context>,
    /// Stack indices of the open elements of each name, innermost last.
    by_name: HashMap<&'a str, Vec<usize>>,
}

/// What the frames from the outermost to one frame add up to. "In the body" means from the
/// innermost element that starts a body of its own (a `mainBody`, the `preamble`, an embedded
/// draft), or from the outermost element when there is none.
#[derive(Clone, Copy, Debug, Default)]
struct Context {
    /// `list` elements in the body.
    lists: usize,
    /// The innermost numbered element in the body.
    numbered: Option<usize>,
    /// The tag of the innermost paragraph, point, item or wrap-up in the body.
    nearest_item: Option<Tag>,
    /// The outermost paragraph in the body.
    top_paragraph: Option<usize>,
    /// The innermost element with an `eId`.
    eid: Option<usize>,
    /// The part the innermost element that decides one puts the text in.
    part: Option<Part>,
}

impl Context {
    fn with(mut self, frame: &Frame<'_>, index: usize) -> Context {
        let tag = frame.tag;
        if matches!(tag, Tag::MainBody | Tag::Preamble | Tag::EmbeddedStructure) {
            self = Context {
                eid: self.eid,
                part: self.part,
                ..Context::default()
            };
        }
        if tag == Tag::List {
            self.lists += 1;
        }
        if tag.is_numbered() {
            self.numbered = Some(index);
        }
        if matches!(tag, Tag::Paragraph | Tag::Point | Tag::Item | Tag::WrapUp) {
            self.nearest_item = Some(tag);
        }
        if tag == Tag::Paragraph && self.top_paragraph.is_none() {
            self.top_paragraph = Some(index);
        }
        if frame.eid.is_some() {
            self.eid = Some(index);
        }
        match tag {
            Tag::Container | Tag::Preamble | Tag::CrossHeading => self.part = Some(Part::Preamble),
            Tag::MainBody | Tag::Paragraph | Tag::Point => self.part = Some(Part::Operative),
            _ => {}
        }
        self
    }
}

impl<'a> OpenElements<'a> {
    pub(super) fn push(&mut self, frame: Frame<'a>) {
        let index = self.frames.len();
        let context = self.top_context().with(&frame, index);
        self.by_name.entry(frame.name).or_default().push(index);
        self.contexts.push(context);
        self.frames.push(frame);
    }

    pub(super) fn pop(&mut self) -> Option<Frame<'a>> {
        let frame = self.frames.pop()?;
        self.contexts.pop();
        if let Some(open) = self.by_name.get_mut(frame.name) {
            open.pop();
        }
        Some(frame)
    }

    pub(super) fn len(&self) -> usize {
        self.frames.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    pub(super) fn last(&self) -> Option<&Frame<'a>> {
        self.frames.last()
    }

    pub(super) fn get(&self, index: usize) -> Option<&Frame<'a>> {
        self.frames.get(index)
    }

    pub(super) fn get_mut(&mut self, index: usize) -> Option<&mut Frame<'a>> {
        self.frames.get_mut(index)
    }

    /// The innermost open element written with this name.
    pub(super) fn innermost_named(&self, name: &str) -> Option<usize> {
        work::add(Work::XmlStackSteps, 1);
        self.by_name.get(name).and_then(|open| open.last().copied())
    }

    /// The names of the open elements from `index` on, outermost first.
    pub(super) fn names_from(&self, index: usize) -> impl ExactSizeIterator<Item = &'a str> + '_ {
        self.frames
            .get(index..)
            .unwrap_or_default()
            .iter()
            .map(|frame| frame.name)
    }

    fn top_context(&self) -> Context {
        work::add(Work::XmlStackSteps, 1);
        self.contexts.last().copied().unwrap_or_default()
    }

    /// `list` elements around the text, in its body.
    pub(super) fn lists(&self) -> usize {
        self.top_context().lists
    }

    /// The numbered element (paragraph, point, item, section) the text belongs to, not looking
    /// past the start of its body.
    pub(super) fn numbered_ancestor(&self) -> Option<usize> {
        self.top_context().numbered
    }

    /// Whether the text sits in an item, or after a list's items, rather than directly in a
    /// paragraph of its body.
    pub(super) fn in_item(&self) -> bool {
        self.top_context()
            .nearest_item
            .is_some_and(|tag| tag != Tag::Paragraph)
    }

    /// The outermost paragraph of the text's body.
    pub(super) fn top_paragraph(&self) -> Option<usize> {
        self.top_context().top_paragraph
    }

    /// The innermost open element with an `eId`.
    pub(super) fn innermost_with_eid(&self) -> Option<&Frame<'a>> {
        self.top_context()
            .eid
            .and_then(|index| self.frames.get(index))
    }

    /// The part of the resolution the open elements put text in.
    pub(super) fn part(&self) -> Part {
        self.top_context().part.unwrap_or(Part::Operative)
    }
}
