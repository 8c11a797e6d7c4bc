//! Builds small PDFs from page descriptions, so that every rule of the PDF reader is pinned by a
//! fixture a person can read (`fixtures/pdf/*.page`, see its README) rather than by an opaque
//! binary file.
//!
//! A description is a list of lines: `page` starts a page (US letter); `at X Y SIZE: TEXT` draws a
//! line of text whose baseline is Y points from the top of the page and which starts X points
//! from its left edge, and `at X Y SIZE WIDTH: TEXT` one justified to that width (by word
//! spacing, as a word processor does); `rule X0 X1 Y` draws a horizontal rule. In TEXT, `*...*` is italic,
//! `**...**` bold, `^...^` raised and smaller (a superscript), and `{N}` moves the next glyph as
//! a `TJ` adjustment of N thousandths of an em does (negative numbers move right); `\*` is an
//! asterisk. The fonts are
//! Times in WinAnsi encoding with widths written into the file: half an em a glyph, a quarter
//! for a space.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

pub const PAGE_WIDTH: f32 = 612.0;
pub const PAGE_HEIGHT: f32 = 792.0;

/// The PDF a description describes, as bytes.
pub fn build(description: &str) -> Vec<u8> {
    to_bytes(build_document(description))
}

pub fn to_bytes(mut document: Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).expect("a PDF in memory");
    bytes
}

/// The PDF a description describes, as a lopdf document a test may change further.
pub fn build_document(description: &str) -> Document {
    let mut pages: Vec<Vec<u8>> = Vec::new();
    for line in description.lines() {
        let line = line.trim_end();
        if line == "page" {
            pages.push(Vec::new());
        } else if let Some(rest) = line.strip_prefix("at ") {
            let (place, text) = rest.split_once(": ").unwrap_or((rest, ""));
            let numbers: Vec<f32> = place
                .split_whitespace()
                .map(|number| number.parse().expect("at X Y SIZE"))
                .collect();
            let page = current(&mut pages);
            page.extend(text_line(
                numbers[0],
                numbers[1],
                numbers[2],
                numbers.get(3).copied(),
                text,
            ));
        } else if let Some(rest) = line.strip_prefix("rule ") {
            let numbers: Vec<f32> = rest
                .split_whitespace()
                .map(|number| number.parse().expect("rule X0 X1 Y"))
                .collect();
            let y = PAGE_HEIGHT - numbers[2];
            let page = current(&mut pages);
            page.extend(
                format!(
                    "{} {} {} 0.5 re f\n",
                    numbers[0],
                    y,
                    numbers[1] - numbers[0]
                )
                .bytes(),
            );
        }
    }
    document(pages)
}

fn current(pages: &mut Vec<Vec<u8>>) -> &mut Vec<u8> {
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    pages.last_mut().expect("a page")
}

/// The content stream operators that draw one line.
fn text_line(x: f32, y: f32, size: f32, justified: Option<f32>, text: &str) -> Vec<u8> {
    let word_spacing = justified.map_or(0.0, |width| {
        let (natural, spaces) = natural_width(size, text);
        if spaces == 0 {
            0.0
        } else {
            (width - natural) / spaces as f32
        }
    });
    let mut out = format!("BT {word_spacing} Tw 1 0 0 1 {x} {} Tm\n", PAGE_HEIGHT - y).into_bytes();
    let mut font = "F1";
    let mut raised = false;
    let mut run: Vec<u8> = Vec::new();
    let mut chars = text.chars().peekable();
    let flush = |out: &mut Vec<u8>, run: &mut Vec<u8>, font: &str, raised: bool| {
        if run.is_empty() {
            return;
        }
        let (font_size, rise) = if raised {
            (size * 0.58, size * 0.33)
        } else {
            (size, 0.0)
        };
        out.extend(format!("/{font} {font_size} Tf {rise} Ts [").bytes());
        out.append(run);
        out.extend(b"] TJ\n");
    };
    while let Some(c) = chars.next() {
        let c = match c {
            '\\' => match chars.next() {
                Some(escaped) => {
                    push_glyph(&mut run, escaped);
                    continue;
                }
                None => break,
            },
            c => c,
        };
        match c {
            '*' => {
                flush(&mut out, &mut run, font, raised);
                if chars.peek() == Some(&'*') {
                    chars.next();
                    font = if font == "F3" { "F1" } else { "F3" };
                } else {
                    font = if font == "F2" { "F1" } else { "F2" };
                }
            }
            '^' => {
                flush(&mut out, &mut run, font, raised);
                raised = !raised;
            }
            '{' => {
                let number: String = chars.by_ref().take_while(|&c| c != '}').collect();
                run.extend(format!(" {number} ").bytes());
            }
            _ => push_glyph(&mut run, c),
        }
    }
    flush(&mut out, &mut run, font, raised);
    out.extend(b"ET\n");
    out
}

/// How wide the line sets without justification, and how many spaces it has.
fn natural_width(size: f32, text: &str) -> (f32, usize) {
    let mut width = 0.0;
    let mut spaces = 0;
    let mut raised = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let font_size = if raised { size * 0.58 } else { size };
        match c {
            '\\' => {
                chars.next();
                width += 0.5 * font_size;
            }
            '*' => {}
            '^' => raised = !raised,
            '{' => {
                let number: String = chars.by_ref().take_while(|&c| c != '}').collect();
                width -= number.trim().parse::<f32>().unwrap_or(0.0) / 1000.0 * font_size;
            }
            ' ' => {
                width += 0.25 * font_size;
                spaces += 1;
            }
            _ => width += 0.5 * font_size,
        }
    }
    (width, spaces)
}

fn push_glyph(run: &mut Vec<u8>, c: char) {
    run.push(b'(');
    let byte = win_ansi(c);
    if matches!(byte, b'(' | b')' | b'\\') {
        run.push(b'\\');
    }
    run.push(byte);
    run.push(b')');
}

fn win_ansi(c: char) -> u8 {
    match c {
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '–' => 0x96,
        '—' => 0x97,
        c if (c as u32) < 0x100 => c as u8,
        _ => b'?',
    }
}

fn font(base: &str) -> Dictionary {
    let widths: Vec<Object> = (32..=255)
        .map(|code| Object::Integer(if code == 32 { 250 } else { 500 }))
        .collect();
    dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => Object::Name(base.as_bytes().to_vec()),
        "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 32,
        "LastChar" => 255,
        "Widths" => widths,
    }
}

fn document(pages: Vec<Vec<u8>>) -> Document {
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let fonts = dictionary! {
        "F1" => document.add_object(font("Times-Roman")),
        "F2" => document.add_object(font("Times-Italic")),
        "F3" => document.add_object(font("Times-Bold")),
    };
    let resources = document.add_object(dictionary! { "Font" => fonts });
    let kids: Vec<Object> = pages
        .into_iter()
        .map(|content| {
            let contents = document.add_object(Stream::new(Dictionary::new(), content));
            document
                .add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
                    "Contents" => contents,
                    "Resources" => resources,
                })
                .into()
        })
        .collect();
    let count = kids.len() as i64;
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog);
    document
}
