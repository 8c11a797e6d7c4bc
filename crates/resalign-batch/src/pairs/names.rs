//! What a file's name and folders say about its language: the UN's language letters
//! (`75_100_E.xml`, `A_HRC_RES_54_10S.xml`), language codes (`name.en.txt`, `name_es.md`) and
//! language folders (`English/`, `Spanish/`, `es/`).

use std::fmt;

use serde::{Serialize, Serializer};

/// A language a file name or folder can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NamedLanguage {
    English,
    Spanish,
    French,
    Chinese,
    Arabic,
    Russian,
}

impl NamedLanguage {
    pub fn name(self) -> &'static str {
        match self {
            NamedLanguage::English => "English",
            NamedLanguage::Spanish => "Spanish",
            NamedLanguage::French => "French",
            NamedLanguage::Chinese => "Chinese",
            NamedLanguage::Arabic => "Arabic",
            NamedLanguage::Russian => "Russian",
        }
    }

    /// The letter UN document file names end with: `E` for English, `S` for Spanish.
    fn from_un_letter(letter: char) -> Option<NamedLanguage> {
        Some(match letter {
            'E' => NamedLanguage::English,
            'S' => NamedLanguage::Spanish,
            'F' => NamedLanguage::French,
            'C' => NamedLanguage::Chinese,
            'A' => NamedLanguage::Arabic,
            'R' => NamedLanguage::Russian,
            _ => return None,
        })
    }

    /// ISO 639 codes and names, as file names and folders use them.
    fn from_word(word: &str) -> Option<NamedLanguage> {
        Some(match word.to_lowercase().as_str() {
            "en" | "eng" | "english" | "ingles" | "inglés" => NamedLanguage::English,
            "es" | "spa" | "spanish" | "espanol" | "español" => NamedLanguage::Spanish,
            "fr" | "fra" | "fre" | "french" | "francais" | "français" => NamedLanguage::French,
            "zh" | "zho" | "chi" | "chinese" => NamedLanguage::Chinese,
            "ar" | "ara" | "arabic" => NamedLanguage::Arabic,
            "ru" | "rus" | "russian" => NamedLanguage::Russian,
            _ => return None,
        })
    }
}

impl fmt::Display for NamedLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for NamedLanguage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A file stem split into the name shared by its language versions and the language it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StemLanguage<'a> {
    pub shared: &'a str,
    pub language: NamedLanguage,
}

/// Separators between a name and its language code or letter. A space is not one: in
/// `75_290 A_E` the `A` is part of the resolution number.
const SEPARATORS: [char; 3] = ['_', '-', '.'];

/// Reads the language a file stem ends with, and the rest of the stem:
/// `75_100_E`, `A_HRC_RES_54_10E`, `S_RES_2618 (2022)-2201005E`, `name.en`, `name_es`.
pub fn language_of_stem(stem: &str) -> Option<StemLanguage<'_>> {
    let (before, token) = match stem.rfind(SEPARATORS) {
        Some(at) => (&stem[..at], &stem[at + 1..]),
        None => ("", stem),
    };
    if !before.is_empty() {
        let from_token = match token.len() {
            1 => token.chars().next().and_then(NamedLanguage::from_un_letter),
            _ => NamedLanguage::from_word(token),
        };
        if let Some(language) = from_token {
            return Some(StemLanguage {
                shared: before,
                language,
            });
        }
    }
    un_letter_after_digit(stem)
}

/// A UN language letter glued to the job number or resolution number: `...-2110515E`, `54_10S`.
fn un_letter_after_digit(stem: &str) -> Option<StemLanguage<'_>> {
    let mut chars = stem.chars().rev();
    let letter = chars.next()?;
    let before = chars.next()?;
    if !before.is_ascii_digit() {
        return None;
    }
    let language = NamedLanguage::from_un_letter(letter)?;
    Some(StemLanguage {
        shared: &stem[..stem.len() - letter.len_utf8()],
        language,
    })
}

/// The language a folder name or a language code stands for: `English`, `Spanish`, `es`, `fra`.
pub fn language_named(name: &str) -> Option<NamedLanguage> {
    NamedLanguage::from_word(name)
}
