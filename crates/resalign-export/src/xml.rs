//! What the XML exports (TMX and XLIFF) share: the language tags they carry, the symbol that
//! names a pair, and text made safe for XML 1.0.

use resalign_core::{Document, Language};

use crate::error::{Error, ErrorKind};

/// The language tags of a bilingual file: `en` and `es` unless a caller sets variants
/// (`en-US`, `es-ES`, `es-419`).
#[derive(Clone, Debug)]
pub(crate) struct LanguageTags {
    pub english: String,
    pub spanish: String,
}

impl Default for LanguageTags {
    fn default() -> Self {
        LanguageTags {
            english: Language::En.code().to_owned(),
            spanish: Language::Es.code().to_owned(),
        }
    }
}

impl LanguageTags {
    /// The tags, if each is a well-formed tag of its language; checked before anything is
    /// written, so a bad tag never leaves half a file.
    pub fn checked(&self) -> Result<LanguageTags, Error> {
        Ok(LanguageTags {
            english: checked_language_tag(Language::En, &self.english)?,
            spanish: checked_language_tag(Language::Es, &self.spanish)?,
        })
    }
}

/// The symbol that names the pair: the English document's, else the Spanish one's.
pub(crate) fn pair_symbol<'d>(en: &'d Document, es: &'d Document) -> Option<&'d str> {
    en.metadata
        .symbol
        .as_ref()
        .or(es.metadata.symbol.as_ref())
        .map(|symbol| symbol.value.as_str())
}

/// `tag` if it is a well-formed language tag whose primary subtag is `language`'s code:
/// `es`, `es-ES`, `es-419`, `es-Latn-MX`.
fn checked_language_tag(language: Language, tag: &str) -> Result<String, Error> {
    let mut subtags = tag.split('-');
    let primary_fits = subtags
        .next()
        .is_some_and(|primary| primary.eq_ignore_ascii_case(language.code()));
    let rest_fits = subtags.all(|subtag| {
        (1..=8).contains(&subtag.len()) && subtag.bytes().all(|byte| byte.is_ascii_alphanumeric())
    });
    if primary_fits && rest_fits {
        Ok(tag.to_owned())
    } else {
        Err(Error::new(ErrorKind::LanguageTag {
            language,
            tag: tag.to_owned(),
        }))
    }
}

/// The text with every character XML 1.0 forbids replaced by U+FFFD: a control character
/// left by a PDF conversion must not make the whole file unreadable.
pub(crate) fn xml_text(text: &str) -> String {
    text.chars()
        .map(|character| {
            if is_xml_char(character) {
                character
            } else {
                char::REPLACEMENT_CHARACTER
            }
        })
        .collect()
}

fn is_xml_char(character: char) -> bool {
    matches!(character, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
