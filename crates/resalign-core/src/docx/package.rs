//! The ZIP package of a Word document: refuses what is not one (and says what it is instead), a
//! macro-enabled document, encrypted entries and decompression bombs, and finds the parts through
//! the package's relationships and content types rather than by their usual names, which Word and
//! LibreOffice do not always give.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use zip::ZipArchive;
use zip::result::ZipError;

use crate::error::{Error, ErrorKind};
use crate::model::SourceFormat;

/// More entries than any Word document has (one with many images has a few hundred).
const MAX_ENTRIES: usize = 10_000;
/// What all the parts read may decompress to, in bytes: a hundred times the largest resolution.
pub(super) const MAX_DECOMPRESSED: u64 = 100_000_000;

const MAIN_DOCUMENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const MAIN_TEMPLATE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml";
const MACRO_DOCUMENT: &str = "application/vnd.ms-word.document.macroEnabled.main+xml";
const MACRO_TEMPLATE: &str = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml";

/// The parts the reader uses, as text.
pub(super) struct Parts {
    pub document: String,
    pub footnotes: Option<String>,
    pub styles: Option<String>,
    pub numbering: Option<String>,
    pub settings: Option<String>,
}

/// Opens the package and reads its parts.
pub(super) fn read_parts(bytes: &[u8]) -> Result<Parts, Error> {
    let mut package = Package::open(bytes)?;
    let main = package.main_part()?;
    let related = package.relationships_of(&main)?;
    let mut part = |kind: &str| -> Result<Option<String>, Error> {
        match related
            .iter()
            .find(|(relationship, _)| relationship == kind)
        {
            Some((_, name)) => package.read_text(name),
            None => Ok(None),
        }
    };
    let footnotes = part("footnotes")?;
    let styles = part("styles")?;
    let numbering = part("numbering")?;
    // The settings only say where footnote numbers start.
    let settings = match footnotes {
        Some(_) => part("settings")?,
        None => None,
    };
    let document = package.read_text(&main)?.ok_or_else(|| {
        malformed(format!(
            "the package names `{main}` as its document, and holds no such part"
        ))
    })?;
    Ok(Parts {
        document,
        footnotes,
        styles,
        numbering,
        settings,
    })
}

fn malformed(reason: String) -> Error {
    Error::new(ErrorKind::Malformed {
        format: SourceFormat::Docx,
        reason,
    })
}

struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes decompressed so far, against [`MAX_DECOMPRESSED`].
    decompressed: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Package<'a>, Error> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
            malformed(match error {
                ZipError::InvalidArchive(_) => {
                    "the ZIP archive is truncated or corrupt (its central directory cannot be read)"
                        .to_string()
                }
                ZipError::UnsupportedArchive(what) => {
                    format!("the ZIP archive uses a feature resalign does not read ({what})")
                }
                other => format!("the ZIP archive cannot be read ({other})"),
            })
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(malformed(format!(
                "the ZIP archive holds {} entries, far more than any Word document",
                archive.len()
            )));
        }
        Ok(Package {
            archive,
            decompressed: 0,
        })
    }

    /// The main document part, through the package relationship `officeDocument` and the
    /// content type the package gives it.
    fn main_part(&mut self) -> Result<String, Error> {
        let Some(content_types) = self.read_text("[Content_Types].xml")? else {
            return Err(self.not_office());
        };
        let types = ContentTypes::read(&content_types);
        let main = match self.read_text("_rels/.rels")? {
            Some(rels) => relationships(&rels, "")
                .into_iter()
                .find(|(kind, _)| kind == "officeDocument")
                .map(|(_, target)| target),
            None => None,
        };
        // A package without relationships may still name its document by content type.
        let main = main.or_else(|| {
            types
                .overrides
                .iter()
                .find(|(_, content_type)| is_word_main(content_type))
                .map(|(name, _)| name.clone())
        });
        let Some(main) = main else {
            return Err(self.not_office());
        };
        let content_type = types.of(&main).unwrap_or_default();
        if content_type == MACRO_DOCUMENT || content_type == MACRO_TEMPLATE {
            return Err(Error::new(ErrorKind::MacroEnabled));
        }
        if !is_word_main(&content_type) {
            return Err(malformed(format!(
                "this Office file is {}, not a Word document",
                office_kind(&content_type)
            )));
        }
        Ok(main)
    }

    /// The parts a part relates to, by relationship kind (`footnotes`, `styles`).
    fn relationships_of(&mut self, part: &str) -> Result<Vec<(String, String)>, Error> {
        let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if folder.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{folder}/_rels/{file}.rels")
        };
        Ok(self
            .read_text(&rels_name)?
            .map(|rels| relationships(&rels, folder))
            .unwrap_or_default())
    }

    /// What a ZIP archive that is no Office package holds, for the message.
    fn not_office(&mut self) -> Error {
        if let Ok(Some(mimetype)) = self.read_text("mimetype") {
            let mimetype = mimetype.trim();
            let what = match mimetype {
                "application/vnd.oasis.opendocument.text" => {
                    "an OpenDocument text (.odt), not a Word document; save it as .docx".to_string()
                }
                "application/epub+zip" => "an EPUB book, not a Word document".to_string(),
                other if other.starts_with("application/vnd.oasis.opendocument.") => format!(
                    "an OpenDocument file ({}), not a Word document",
                    &other["application/vnd.oasis.opendocument.".len()..]
                ),
                other => format!("a ZIP archive of type `{other}`, not a Word document"),
            };
            return malformed(format!("this is {what}"));
        }
        let names: Vec<String> = self
            .archive
            .file_names()
            .take(4)
            .filter_map(Result::ok)
            .map(Cow::into_owned)
            .collect();
        let listed = match names.len() {
            0 => "no files".to_string(),
            _ if self.archive.len() > names.len() => format!("{}…", names.join(", ")),
            _ => names.join(", "),
        };
        malformed(format!(
            "this is a ZIP archive ({} entries: {listed}) with no Word document in it",
            self.archive.len()
        ))
    }

    /// A part's text; `None` when the package has no such part. Part names are matched without
    /// regard to case, as the packaging conventions say.
    fn read_text(&mut self, name: &str) -> Result<Option<String>, Error> {
        let index = match self.archive.index_for_name(name) {
            Some(index) => Some(index),
            None => self
                .archive
                .file_names()
                .position(|entry| entry.is_ok_and(|entry| entry.eq_ignore_ascii_case(name))),
        };
        let Some(index) = index else {
            return Ok(None);
        };
        let remaining = MAX_DECOMPRESSED.saturating_sub(self.decompressed);
        let mut entry = self
            .archive
            .by_index(index)
            .map_err(|error| entry_error(name, error))?;
        if entry.encrypted() {
            return Err(Error::new(ErrorKind::Encrypted {
                format: SourceFormat::Docx,
            }));
        }
        // The declared size may lie; it only sizes the first allocation.
        let mut bytes = Vec::with_capacity(entry.size().min(remaining).min(1 << 24) as usize);
        (&mut entry)
            .take(remaining + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| malformed(format!("the part `{name}` is corrupt ({error})")))?;
        self.decompressed += bytes.len() as u64;
        if bytes.len() as u64 > remaining {
            return Err(Error::new(ErrorKind::TooLarge {
                format: SourceFormat::Docx,
                limit: MAX_DECOMPRESSED,
            }));
        }
        Ok(Some(decode(bytes)))
    }
}

fn entry_error(name: &str, error: ZipError) -> Error {
    match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => {
            Error::new(ErrorKind::Encrypted {
                format: SourceFormat::Docx,
            })
        }
        ZipError::UnsupportedArchive(what) => malformed(format!(
            "the part `{name}` is stored in a way resalign does not read ({what})"
        )),
        other => malformed(format!("the part `{name}` cannot be read ({other})")),
    }
}

/// XML parts are UTF-8 or UTF-16 with a byte order mark; a bad byte becomes U+FFFD rather than
/// losing the document.
fn decode(bytes: Vec<u8>) -> String {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units = bytes.chunks_exact(2).map(|pair| from([pair[0], pair[1]]));
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..'\u{feff}'.len_utf8());
                }
                text
            }
            Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
        },
    }
}

fn is_word_main(content_type: &str) -> bool {
    content_type == MAIN_DOCUMENT || content_type == MAIN_TEMPLATE
}

/// How a message names an Office package by its main content type.
fn office_kind(content_type: &str) -> String {
    if content_type.contains("spreadsheetml") || content_type.contains("ms-excel") {
        "an Excel workbook".to_string()
    } else if content_type.contains("presentationml") || content_type.contains("ms-powerpoint") {
        "a PowerPoint presentation".to_string()
    } else if content_type.is_empty() {
        "a package whose main part has no content type".to_string()
    } else {
        format!("a package of type `{content_type}`")
    }
}

/// `[Content_Types].xml`: content types by extension and by part.
#[derive(Default)]
struct ContentTypes {
    defaults: Vec<(String, String)>,
    overrides: Vec<(String, String)>,
}

impl ContentTypes {
    fn read(xml: &str) -> ContentTypes {
        let mut types = ContentTypes::default();
        for element in elements(xml) {
            let content_type = attribute(&element, "ContentType").unwrap_or_default();
            match element.local_name().as_ref() {
                "Default" => {
                    if let Some(extension) = attribute(&element, "Extension") {
                        types
                            .defaults
                            .push((extension.to_ascii_lowercase(), content_type));
                    }
                }
                "Override" => {
                    if let Some(part) = attribute(&element, "PartName") {
                        types.overrides.push((part_name("", &part), content_type));
                    }
                }
                _ => {}
            }
        }
        types
    }

    fn of(&self, part: &str) -> Option<String> {
        let overridden = self
            .overrides
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(part));
        if let Some((_, content_type)) = overridden {
            return Some(content_type.clone());
        }
        let extension = part.rsplit_once('.')?.1.to_ascii_lowercase();
        self.defaults
            .iter()
            .find(|(name, _)| *name == extension)
            .map(|(_, content_type)| content_type.clone())
    }
}

/// A relationships part: `(kind, target part)` for each internal relationship, the kind being
/// the last segment of its type (`officeDocument`, `footnotes`), which transitional and strict
/// documents share.
fn relationships(xml: &str, folder: &str) -> Vec<(String, String)> {
    elements(xml)
        .filter(|element| element.local_name().as_ref() == "Relationship")
        .filter(|element| attribute(element, "TargetMode").is_none_or(|mode| mode != "External"))
        .filter_map(|element| {
            let kind = attribute(&element, "Type")?;
            let target = attribute(&element, "Target")?;
            let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
            Some((kind, part_name(folder, &target)))
        })
        .collect()
}

/// Every start or empty element of a small XML part, in order; reading stops at the first error.
fn elements(xml: &str) -> impl Iterator<Item = BytesStart<'_>> {
    let mut reader = Reader::from_str(xml);
    std::iter::from_fn(move || {
        loop {
            match reader.read_event() {
                Ok(Event::Start(element) | Event::Empty(element)) => return Some(element),
                Ok(Event::Eof) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    })
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == name)
        .and_then(|attribute| attribute.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(Cow::into_owned)
}

/// The ZIP entry name of a relationship target: relative to the source part's folder unless it
/// starts with `/`, `.` and `..` segments resolved, `%20` escapes decoded.
fn part_name(folder: &str, target: &str) -> String {
    let target = percent_decoded(target);
    let mut segments: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => folder
            .split('/')
            .filter(|segment| !segment.is_empty())
            .collect(),
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    segments.join("/")
}

fn percent_decoded(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}
