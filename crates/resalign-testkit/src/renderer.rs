//! The entry point: a builder that renders a [`Document`] in a shape, deterministically for a
//! seed.

use resalign_core::Document;

use crate::rendering::Rendering;
use crate::style::{Shape, Style};
use crate::{markdown, plain};

/// Renders documents as the text a PDF converter gives.
///
/// ```
/// use resalign_core::{Document, Language, Metadata, SourceFormat};
/// use resalign_testkit::{Renderer, Shape};
///
/// let document = Document {
///     language: Language::En,
///     format: SourceFormat::AknXml,
///     metadata: Metadata::default(),
///     units: Vec::new(),
///     footnotes: Vec::new(),
///     diagnostics: Vec::new(),
///     source: String::new(),
/// };
/// let rendering = Renderer::new().shape(Shape::PlainText).seed(7).render(&document);
/// assert!(rendering.text.starts_with("United Nations"));
/// ```
#[derive(Clone, Debug)]
pub struct Renderer {
    shape: Shape,
    seed: u64,
    page_chars: usize,
    style: Option<Style>,
}

impl Default for Renderer {
    fn default() -> Renderer {
        Renderer {
            shape: Shape::Markdown,
            seed: 0,
            page_chars: Renderer::DEFAULT_PAGE_CHARS,
            style: None,
        }
    }
}

impl Renderer {
    /// About what a printed resolution page holds.
    pub const DEFAULT_PAGE_CHARS: usize = 3000;

    pub fn new() -> Renderer {
        Renderer::default()
    }

    /// The shape to render; its choices are drawn from the seed unless [`Renderer::style`]
    /// fixes them.
    pub fn shape(&mut self, shape: Shape) -> &mut Renderer {
        self.shape = shape;
        self
    }

    /// Seeds every choice: the same seed renders the same document the same way.
    pub fn seed(&mut self, seed: u64) -> &mut Renderer {
        self.seed = seed;
        self
    }

    /// Characters of text per page (plain text counts lines of its line width).
    pub fn page_chars(&mut self, page_chars: usize) -> &mut Renderer {
        self.page_chars = page_chars.max(200);
        self
    }

    /// Fixes the typesetting choices (and so the shape) instead of drawing them; the seed still
    /// drives page breaks, hyphenation and the like.
    pub fn style(&mut self, style: Style) -> &mut Renderer {
        self.shape = style.shape();
        self.style = Some(style);
        self
    }

    /// The choices this renderer makes for `document`.
    pub fn style_for(&self, document: &Document) -> Style {
        self.style
            .unwrap_or_else(|| Style::draw(self.shape, document.language, self.seed))
    }

    pub fn render(&self, document: &Document) -> Rendering {
        match self.style_for(document) {
            Style::Markdown(style) => markdown::render(document, style, self.seed, self.page_chars),
            Style::PlainText(style) => plain::render(document, style, self.seed, self.page_chars),
        }
    }
}
