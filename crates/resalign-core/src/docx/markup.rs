//! Reading WordprocessingML parts: elements known by namespace and local name, whatever prefix
//! the writer bound (transitional or strict), entities resolved, and the properties that runs
//! share with styles.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesEnd, BytesRef, BytesStart, Event};
use quick_xml::name::Prefix;
use quick_xml::reader::Reader;

/// The namespaces whose elements the reader acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ns {
    /// WordprocessingML, transitional or strict.
    Word,
    /// Markup compatibility: `mc:AlternateContent`, `mc:Choice`, `mc:Fallback`.
    Compatibility,
    /// Office math, whose `m:t` is text.
    Math,
    Other,
}

fn namespace(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::Word,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Compatibility,
        "http://schemas.openxmlformats.org/officeDocument/2006/math"
        | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::Math,
        _ => Ns::Other,
    }
}

/// One step of a pass over a part.
pub(super) enum Token<'i> {
    Start(Ns, BytesStart<'i>),
    /// An element without content (`<w:tab/>`): no `End` follows.
    Empty(Ns, BytesStart<'i>),
    End(Ns, BytesEnd<'i>),
    Text(Cow<'i, str>),
    /// The part ends, or stops being well formed at this byte offset.
    Eof,
    Broken(u64),
}

/// A prefix bound to a namespace by the element at `depth` (the default namespace has the
/// empty prefix).
struct Binding {
    prefix: String,
    ns: Ns,
    depth: usize,
}

/// A namespace-aware pass over one XML part. Writers declare their namespaces on the root
/// element and use one prefix for WordprocessingML throughout, so the bindings in scope are
/// kept here and the binding last used is tried first: much cheaper than resolving every
/// name in general.
pub(super) struct Pass<'i> {
    reader: Reader<&'i [u8]>,
    bindings: Vec<Binding>,
    /// The namespace of each open element, for its end tag.
    open: Vec<Ns>,
    depth: usize,
    /// The binding that resolved the last name.
    last: Option<usize>,
}

impl<'i> Pass<'i> {
    pub(super) fn new(xml: &'i str) -> Pass<'i> {
        Pass {
            reader: Reader::from_str(xml),
            bindings: Vec::new(),
            open: Vec::new(),
            depth: 0,
            last: None,
        }
    }

    pub(super) fn next_token(&mut self) -> Token<'i> {
        loop {
            let before = self.reader.buffer_position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(_) => return Token::Broken(before),
            };
            return match event {
                Event::Start(element) => {
                    self.depth += 1;
                    self.declare(&element);
                    let ns = self.resolve(element.name().prefix());
                    self.open.push(ns);
                    Token::Start(ns, element)
                }
                Event::Empty(element) => {
                    self.depth += 1;
                    self.declare(&element);
                    let ns = self.resolve(element.name().prefix());
                    self.leave();
                    Token::Empty(ns, element)
                }
                Event::End(element) => {
                    let ns = self.open.pop().unwrap_or(Ns::Other);
                    self.leave();
                    Token::End(ns, element)
                }
                Event::Text(text) => match text.xml10_content() {
                    Cow::Borrowed(text) => Token::Text(Cow::Borrowed(text)),
                    Cow::Owned(text) => Token::Text(Cow::Owned(text)),
                },
                Event::CData(data) => Token::Text(Cow::Owned(data.xml10_content().into_owned())),
                Event::GeneralRef(reference) => match entity(&reference) {
                    Some(text) => Token::Text(Cow::Owned(text)),
                    None => continue,
                },
                Event::Eof => Token::Eof,
                _ => continue,
            };
        }
    }

    /// The namespaces an element declares (`xmlns`, `xmlns:w`).
    fn declare(&mut self, element: &BytesStart<'_>) {
        let raw = element.attributes_raw().as_bytes();
        let declares = memchr::memchr_iter(b'x', raw)
            .any(|at| raw.get(at + 1..at + 5) == Some(b"mlns".as_slice()));
        if !declares {
            return;
        }
        for attribute in element.attributes().with_checks(false).flatten() {
            let prefix = match attribute.key.as_ref().strip_prefix("xmlns") {
                Some("") => "",
                Some(rest) => match rest.strip_prefix(':') {
                    Some(prefix) => prefix,
                    None => continue,
                },
                None => continue,
            };
            self.bindings.push(Binding {
                prefix: prefix.to_string(),
                ns: namespace(&attribute.value),
                depth: self.depth,
            });
            self.last = None;
        }
    }

    /// Leaves an element: the bindings it declared go out of scope.
    fn leave(&mut self) {
        while self
            .bindings
            .last()
            .is_some_and(|binding| binding.depth >= self.depth)
        {
            self.bindings.pop();
            self.last = None;
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn resolve(&mut self, prefix: Option<Prefix<'_>>) -> Ns {
        let prefix = prefix.map_or("", |prefix| prefix.into_inner());
        if let Some(binding) = self.last.and_then(|index| self.bindings.get(index))
            && binding.prefix == prefix
        {
            return binding.ns;
        }
        match self
            .bindings
            .iter()
            .rposition(|binding| binding.prefix == prefix)
        {
            Some(index) => {
                self.last = Some(index);
                self.bindings[index].ns
            }
            None => Ns::Other,
        }
    }
}

/// The five XML entities and character references; an unknown entity is left out.
fn entity(reference: &BytesRef<'_>) -> Option<String> {
    if reference.is_char_ref() {
        return reference
            .resolve_char_ref()
            .ok()
            .flatten()
            .map(String::from);
    }
    let text = match &**reference {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    };
    Some(text.to_string())
}

/// An attribute by local name (`w:val` is `val`), entities decoded.
pub(super) fn attribute<'a>(element: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    let found = element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == name)?;
    found.normalized_value(XmlVersion::Implicit1_0).ok()
}

/// An on/off property: `<w:i/>` and `<w:i w:val="true"/>` are on, `w:val="0"`, `false` or
/// `off` off.
pub(super) fn is_on(element: &BytesStart<'_>) -> bool {
    attribute(element, "val").is_none_or(|value| !matches!(&*value, "0" | "false" | "off"))
}

pub(super) fn number_attribute(element: &BytesStart<'_>, name: &str) -> Option<i64> {
    attribute(element, name)?.trim().parse().ok()
}

/// Vertical position of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Raised {
    Baseline,
    Superscript,
    Subscript,
}

/// The run properties the reader uses, each unset unless the markup sets it: direct formatting
/// of a run, or what a style says.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RunProperties {
    pub italic: Option<bool>,
    pub bold: Option<bool>,
    pub hidden: Option<bool>,
    pub raised: Option<Raised>,
    /// Of a paragraph mark: the mark was deleted with changes tracked.
    pub deleted: bool,
}

impl RunProperties {
    /// Reads one child of `w:rPr`.
    pub(super) fn read(&mut self, name: &str, element: &BytesStart<'_>) {
        match name {
            "i" => self.italic = Some(is_on(element)),
            "b" => self.bold = Some(is_on(element)),
            "vanish" | "specVanish" => self.hidden = Some(is_on(element)),
            "vertAlign" => {
                self.raised = Some(match attribute(element, "val").as_deref() {
                    Some("superscript") => Raised::Superscript,
                    Some("subscript") => Raised::Subscript,
                    _ => Raised::Baseline,
                });
            }
            "del" | "moveFrom" => self.deleted = true,
            _ => {}
        }
    }

    /// These properties over `base`: what is set here wins.
    pub(super) fn over(&self, base: &RunProperties) -> RunProperties {
        RunProperties {
            italic: self.italic.or(base.italic),
            bold: self.bold.or(base.bold),
            hidden: self.hidden.or(base.hidden),
            raised: self.raised.or(base.raised),
            deleted: self.deleted || base.deleted,
        }
    }
}

/// Elements whose content records what the document was before a tracked change, or what a
/// reader that does not understand the primary markup should show: never what prints.
pub(super) fn is_shadow(ns: Ns, name: &str) -> bool {
    match ns {
        Ns::Word => matches!(
            name,
            "rPrChange"
                | "pPrChange"
                | "sectPrChange"
                | "tblPrChange"
                | "tblPrExChange"
                | "trPrChange"
                | "tcPrChange"
                | "tblGridChange"
                | "numberingChange"
        ),
        Ns::Compatibility => name == "Fallback",
        Ns::Math | Ns::Other => false,
    }
}
