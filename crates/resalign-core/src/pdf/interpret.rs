//! Runs a page's content stream through the text state machine and keeps what layout analysis
//! needs: every glyph with its position, size and font style, and the horizontal rules (the
//! short one above the footnotes).
//!
//! Coordinates are turned into reading space once: points from the top left corner of the page
//! as it is displayed (its `Rotate` applied), y growing downwards.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::budget::{Budget, GLYPH_COST, OverBudget};
use super::fonts::{Font, FontStyle};
use super::lexer::{Lexer, Operand};
use super::objects;

/// A drawn glyph, in reading space.
#[derive(Clone, Copy, Debug)]
pub(super) struct Glyph {
    /// Where it starts and where its advance ends.
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    /// The font size as drawn (text matrix and transformations applied).
    pub size: f32,
    pub style: FontStyle,
    /// Its text in [`Page::text`].
    pub start: u32,
    pub end: u32,
}

/// A horizontal line or a thin filled rectangle.
#[derive(Clone, Copy, Debug)]
pub(super) struct Rule {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
}

/// What a page draws.
#[derive(Debug, Default)]
pub(super) struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub rules: Vec<Rule>,
}

impl Page {
    pub(super) fn glyph_text(&self, glyph: &Glyph) -> &str {
        &self.text[glyph.start as usize..glyph.end as usize]
    }
}

/// Fonts are shared by the pages of a document and read once.
#[derive(Default)]
pub(super) struct FontCache {
    fonts: HashMap<FontKey, Rc<Font>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    /// A font dictionary written into a resource dictionary, by its address (stable while the
    /// document lives).
    Inline(usize),
}

/// Forms nest no deeper than this; deeper nesting is a loop or junk.
const MAX_FORM_DEPTH: usize = 12;

/// Thinner than this, a filled rectangle is a rule.
const RULE_THICKNESS: f32 = 2.5;
/// Shorter than this, a line is a mark, not a rule.
const RULE_MIN_LENGTH: f32 = 8.0;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Matrix {
    a: f32,
    b: f32,
    c: f32,
    d: f32,
    e: f32,
    f: f32,
}

impl Matrix {
    const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    fn translation(x: f32, y: f32) -> Matrix {
        Matrix {
            e: x,
            f: y,
            ..Matrix::IDENTITY
        }
    }

    fn from_operands(operands: &[Operand]) -> Option<Matrix> {
        let [a, b, c, d, e, f] = operands else {
            return None;
        };
        Some(Matrix {
            a: a.number()?,
            b: b.number()?,
            c: c.number()?,
            d: d.number()?,
            e: e.number()?,
            f: f.number()?,
        })
    }

    fn from_objects(document: &Document, items: &[Object]) -> Option<Matrix> {
        let numbers: Vec<f32> = items
            .iter()
            .map(|item| objects::number(document, item))
            .collect::<Option<_>>()?;
        let [a, b, c, d, e, f] = numbers.as_slice() else {
            return None;
        };
        Some(Matrix {
            a: *a,
            b: *b,
            c: *c,
            d: *d,
            e: *e,
            f: *f,
        })
    }

    /// `self` applied first, then `then`.
    fn then(&self, then: &Matrix) -> Matrix {
        Matrix {
            a: self.a * then.a + self.b * then.c,
            b: self.a * then.b + self.b * then.d,
            c: self.c * then.a + self.d * then.c,
            d: self.c * then.b + self.d * then.d,
            e: self.e * then.a + self.f * then.c + then.e,
            f: self.e * then.b + self.f * then.d + then.f,
        }
    }

    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    fn apply_vector(&self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y, self.b * x + self.d * y)
    }
}

#[derive(Clone)]
struct TextState {
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    text: TextState,
}

/// The page box and rotation, as a matrix from default user space to reading space.
fn page_matrix(document: &Document, page: &Dictionary) -> (Matrix, f32, f32) {
    let inherited = |key: &[u8]| inherited_entry(document, page, key);
    let page_box = inherited(b"CropBox")
        .or_else(|| inherited(b"MediaBox"))
        .and_then(|object| object.as_array().ok())
        .and_then(|items| {
            let numbers: Vec<f32> = items
                .iter()
                .map(|item| objects::number(document, item))
                .collect::<Option<_>>()?;
            match numbers.as_slice() {
                [x0, y0, x1, y1] => Some((x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1))),
                _ => None,
            }
        })
        .unwrap_or((0.0, 0.0, 612.0, 792.0));
    let (x0, y0, x1, y1) = page_box;
    let rotation = inherited(b"Rotate")
        .and_then(|object| objects::number(document, object))
        .map_or(0, |degrees| (degrees as i64).rem_euclid(360));
    let (width, height) = (x1 - x0, y1 - y0);
    let m = |a, b, c, d, e, f| Matrix { a, b, c, d, e, f };
    match rotation {
        90 => (m(0.0, 1.0, 1.0, 0.0, -y0, -x0), height, width),
        180 => (m(-1.0, 0.0, 0.0, 1.0, x1, -y0), width, height),
        270 => (m(0.0, -1.0, -1.0, 0.0, y1, x1), height, width),
        _ => (m(1.0, 0.0, 0.0, -1.0, -x0, y1), width, height),
    }
}

/// A page attribute that may sit on the page or on one of its ancestors in the page tree.
fn inherited_entry<'a>(
    document: &'a Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(found) = objects::get(document, node, key) {
            return Some(found);
        }
        node = objects::dict(document, node, b"Parent")?;
    }
    None
}

/// Runs one page.
pub(super) fn run_page(
    document: &Document,
    page_id: ObjectId,
    fonts: &mut FontCache,
    budget: &mut Budget,
) -> Result<Page, OverBudget> {
    let Ok(page_dict) = document.get_dictionary(page_id) else {
        return Ok(Page::default());
    };
    let (page_matrix, width, height) = page_matrix(document, page_dict);
    let content = match document.get_page_content_with_limit(page_id, budget.remaining()) {
        Ok(content) => content,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(OverBudget);
        }
        Err(_) => Vec::new(),
    };
    budget.charge(content.len())?;
    let resources =
        inherited_entry(document, page_dict, b"Resources").and_then(|object| object.as_dict().ok());
    let mut machine = Machine {
        document,
        fonts,
        budget,
        page: Page {
            width,
            height,
            ..Page::default()
        },
        page_matrix,
        forms: Vec::new(),
    };
    machine.run(
        &content,
        resources,
        GraphicsState {
            ctm: Matrix::IDENTITY,
            text: TextState::default(),
        },
    )?;
    Ok(machine.page)
}

struct Machine<'a> {
    document: &'a Document,
    fonts: &'a mut FontCache,
    budget: &'a mut Budget,
    page: Page,
    page_matrix: Matrix,
    /// The forms being run, to refuse one that draws itself.
    forms: Vec<ObjectId>,
}

/// The path being built, in reading space: the bounding box of each subpath, which is all a
/// rule needs.
#[derive(Default)]
struct Path {
    boxes: Vec<Bounds>,
    open: Option<Bounds>,
}

#[derive(Clone, Copy)]
struct Bounds {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Bounds {
    fn point((x, y): (f32, f32)) -> Bounds {
        Bounds {
            x0: x,
            y0: y,
            x1: x,
            y1: y,
        }
    }

    fn extend(&mut self, (x, y): (f32, f32)) {
        self.x0 = self.x0.min(x);
        self.x1 = self.x1.max(x);
        self.y0 = self.y0.min(y);
        self.y1 = self.y1.max(y);
    }
}

impl Path {
    fn move_to(&mut self, point: (f32, f32)) {
        self.boxes.extend(self.open.take());
        self.open = Some(Bounds::point(point));
    }

    fn line_to(&mut self, point: (f32, f32)) {
        match self.open.as_mut() {
            Some(bounds) => bounds.extend(point),
            None => self.open = Some(Bounds::point(point)),
        }
    }

    fn rectangle(&mut self, corner: (f32, f32), opposite: (f32, f32)) {
        self.boxes.extend(self.open.take());
        let mut bounds = Bounds::point(corner);
        bounds.extend(opposite);
        self.boxes.push(bounds);
    }

    fn subpaths(&self) -> impl Iterator<Item = &Bounds> {
        self.boxes.iter().chain(self.open.iter())
    }
}

impl Machine<'_> {
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        initial: GraphicsState,
    ) -> Result<(), OverBudget> {
        let mut state = initial;
        let mut stack: Vec<GraphicsState> = Vec::new();
        let mut text_matrix = Matrix::IDENTITY;
        let mut line_matrix = Matrix::IDENTITY;
        let mut path = Path::default();
        let mut lexer = Lexer::new(content);
        while let Some((operator, operands)) = lexer.next_operation() {
            let number = |index: usize| operands.get(index).and_then(Operand::number);
            match operator {
                // Unbalanced `q`s are junk past a depth no producer needs.
                b"q" if stack.len() < 256 => stack.push(state.clone()),
                b"Q" => {
                    if let Some(saved) = stack.pop() {
                        state = saved;
                    }
                }
                b"cm" => {
                    if let Some(matrix) = Matrix::from_operands(operands) {
                        state.ctm = matrix.then(&state.ctm);
                    }
                }
                b"BT" => {
                    text_matrix = Matrix::IDENTITY;
                    line_matrix = Matrix::IDENTITY;
                }
                b"Tf" => {
                    if let [Operand::Name(name), size] = operands {
                        state.text.font = self.font(resources, name)?;
                        state.text.size = size.number().unwrap_or(0.0);
                    }
                }
                b"Tc" => state.text.char_spacing = number(0).unwrap_or(0.0),
                b"Tw" => state.text.word_spacing = number(0).unwrap_or(0.0),
                b"Tz" => state.text.horizontal_scale = number(0).unwrap_or(100.0) / 100.0,
                b"TL" => state.text.leading = number(0).unwrap_or(0.0),
                b"Ts" => state.text.rise = number(0).unwrap_or(0.0),
                b"Td" | b"TD" => {
                    if let (Some(x), Some(y)) = (number(0), number(1)) {
                        if operator == b"TD" {
                            state.text.leading = -y;
                        }
                        line_matrix = Matrix::translation(x, y).then(&line_matrix);
                        text_matrix = line_matrix;
                    }
                }
                b"Tm" => {
                    if let Some(matrix) = Matrix::from_operands(operands) {
                        line_matrix = matrix;
                        text_matrix = matrix;
                    }
                }
                b"T*" => {
                    line_matrix = Matrix::translation(0.0, -state.text.leading).then(&line_matrix);
                    text_matrix = line_matrix;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if operator == b"\"" {
                        state.text.word_spacing = number(0).unwrap_or(state.text.word_spacing);
                        state.text.char_spacing = number(1).unwrap_or(state.text.char_spacing);
                    }
                    if matches!(operator, b"'" | b"\"") {
                        line_matrix =
                            Matrix::translation(0.0, -state.text.leading).then(&line_matrix);
                        text_matrix = line_matrix;
                    }
                    match operands.last() {
                        Some(Operand::String(bytes)) => {
                            self.show(bytes, &state, &mut text_matrix)?;
                        }
                        Some(Operand::Array(items)) if operator == b"TJ" => {
                            for item in items {
                                match item {
                                    Operand::String(bytes) => {
                                        self.show(bytes, &state, &mut text_matrix)?;
                                    }
                                    Operand::Number(adjustment) => {
                                        let text = &state.text;
                                        let shift = -adjustment / 1000.0
                                            * text.size
                                            * text.horizontal_scale;
                                        text_matrix =
                                            Matrix::translation(shift, 0.0).then(&text_matrix);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                b"Do" => {
                    if let [Operand::Name(name)] = operands {
                        self.form(resources, name, &state)?;
                    }
                }
                b"re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) =
                        (number(0), number(1), number(2), number(3))
                    {
                        let device = state.ctm.then(&self.page_matrix);
                        path.rectangle(device.apply(x, y), device.apply(x + w, y + h));
                    }
                }
                b"m" | b"l" | b"c" | b"v" | b"y" => {
                    let device = state.ctm.then(&self.page_matrix);
                    let points = operands.chunks_exact(2).filter_map(|pair| {
                        Some(device.apply(pair[0].number()?, pair[1].number()?))
                    });
                    for (index, point) in points.enumerate() {
                        if operator == b"m" && index == 0 {
                            path.move_to(point);
                        } else {
                            path.line_to(point);
                        }
                    }
                }
                b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"S" | b"s" => {
                    self.keep_rules(&path);
                    path = Path::default();
                }
                b"n" => path = Path::default(),
                _ => {}
            }
        }
        Ok(())
    }

    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
    ) -> Result<Option<Rc<Font>>, OverBudget> {
        let document = self.document;
        let Some(entry) = resources
            .and_then(|resources| objects::dict(document, resources, b"Font"))
            .and_then(|fonts| fonts.get(name).ok())
        else {
            return Ok(None);
        };
        let (key, dict) = match entry {
            Object::Reference(id) => match objects::resolve(document, entry) {
                Some(Object::Dictionary(dict)) => (FontKey::Object(*id), dict),
                _ => return Ok(None),
            },
            Object::Dictionary(dict) => (FontKey::Inline(std::ptr::from_ref(dict) as usize), dict),
            _ => return Ok(None),
        };
        if let Some(font) = self.fonts.fonts.get(&key) {
            return Ok(Some(Rc::clone(font)));
        }
        let font = Rc::new(Font::load(document, dict, self.budget)?);
        self.fonts.fonts.insert(key, Rc::clone(&font));
        Ok(Some(font))
    }

    /// Shows a string: one glyph per code, each moving the text matrix on.
    fn show(
        &mut self,
        bytes: &[u8],
        state: &GraphicsState,
        text_matrix: &mut Matrix,
    ) -> Result<(), OverBudget> {
        let text = &state.text;
        let Some(font) = text.font.as_ref() else {
            return Ok(());
        };
        for code in font.codes(bytes) {
            let start = self.page.text.len();
            if !font.push_text(code, &mut self.page.text) {
                self.page.text.push(char::REPLACEMENT_CHARACTER);
            }
            normalize_glyph_text(&mut self.page.text, start);
            let advance = font.advance(code, &self.page.text[start..]);
            let word_spacing = if font.is_word_space(code) {
                text.word_spacing
            } else {
                0.0
            };
            let shift =
                (advance * text.size + text.char_spacing + word_spacing) * text.horizontal_scale;
            let device = text_matrix.then(&state.ctm).then(&self.page_matrix);
            let (x0, baseline) = device.apply(0.0, text.rise);
            let (x1, end_y) = device.apply(shift, text.rise);
            let (up_x, up_y) = device.apply_vector(0.0, text.size);
            let size = up_x.hypot(up_y);
            let upright = (end_y - baseline).abs() <= 0.05 * size.max(1.0) && up_y < 0.0;
            let on_page = x0 > -size
                && x0 < self.page.width + size
                && baseline > -size
                && baseline < self.page.height + size;
            if upright && on_page && size >= 1.0 && x1 >= x0 {
                self.budget.charge(GLYPH_COST)?;
                self.page.glyphs.push(Glyph {
                    x0,
                    x1,
                    baseline,
                    size,
                    style: font.style,
                    start: start as u32,
                    end: self.page.text.len() as u32,
                });
            } else {
                self.page.text.truncate(start);
            }
            *text_matrix = Matrix::translation(shift, 0.0).then(text_matrix);
        }
        Ok(())
    }

    /// `Do` on a form XObject runs its content with its own resources; images are skipped.
    fn form(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        state: &GraphicsState,
    ) -> Result<(), OverBudget> {
        let document = self.document;
        let Some(Object::Reference(id)) = resources
            .and_then(|resources| objects::dict(document, resources, b"XObject"))
            .and_then(|xobjects| xobjects.get(name).ok())
        else {
            return Ok(());
        };
        let Ok(stream) = document.get_object(*id).and_then(Object::as_stream) else {
            return Ok(());
        };
        if objects::name(document, &stream.dict, b"Subtype") != Some(b"Form")
            || self.forms.contains(id)
            || self.forms.len() >= MAX_FORM_DEPTH
        {
            return Ok(());
        }
        let content = objects::decoded(stream, self.budget)?;
        let matrix = objects::array(document, &stream.dict, b"Matrix")
            .and_then(|items| Matrix::from_objects(document, items))
            .unwrap_or(Matrix::IDENTITY);
        let form_resources = objects::dict(document, &stream.dict, b"Resources").or(resources);
        let initial = GraphicsState {
            ctm: matrix.then(&state.ctm),
            text: state.text.clone(),
        };
        self.forms.push(*id);
        let result = self.run(&content, form_resources, initial);
        self.forms.pop();
        result
    }

    /// Keeps the painted subpaths that are thin and long: rules, whether filled as rectangles
    /// or stroked as lines.
    fn keep_rules(&mut self, path: &Path) {
        for bounds in path.subpaths() {
            if bounds.y1 - bounds.y0 <= RULE_THICKNESS && bounds.x1 - bounds.x0 >= RULE_MIN_LENGTH {
                self.page.rules.push(Rule {
                    x0: bounds.x0,
                    x1: bounds.x1,
                    y: (bounds.y0 + bounds.y1) / 2.0,
                });
            }
        }
    }
}

/// Ligatures as their letters, a tab as a space: the text a reader means. A no-break space stays
/// one: it holds `13 December` together as the text of the resolution does.
fn normalize_glyph_text(text: &mut String, start: usize) {
    let glyph = &text[start..];
    let replacement = match glyph {
        "\u{fb00}" => "ff",
        "\u{fb01}" => "fi",
        "\u{fb02}" => "fl",
        "\u{fb03}" => "ffi",
        "\u{fb04}" => "ffl",
        "\u{fb05}" | "\u{fb06}" => "st",
        "\t" => " ",
        _ if glyph.chars().any(char::is_control) => "",
        _ => return,
    };
    text.truncate(start);
    text.push_str(replacement);
}
