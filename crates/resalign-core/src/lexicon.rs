//! Opening phrases of preambular and operative paragraphs in English and Spanish, grouped into
//! language-independent classes (`Recalling` and `Recordando` are both class `recall`).

/// The class of an opening phrase, named by its English lemma.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhraseClass(&'static str);

impl PhraseClass {
    pub fn name(self) -> &'static str {
        self.0
    }
}

/// An opening phrase found at the start of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opening {
    /// Byte length of the phrase in the text.
    pub len: usize,
    pub class: PhraseClass,
}

use crate::model::Language;

const PHRASES: &[(Language, &str, &str)] = &[
    (Language::En, "Recalling", "recall"),
    (Language::Es, "Recordando", "recall"),
    (Language::En, "Requests", "request"),
    (Language::Es, "Solicita", "request"),
];

/// The longest known opening phrase at the start of `text`.
pub fn opening_phrase(language: Language, text: &str) -> Option<Opening> {
    PHRASES
        .iter()
        .filter(|(lang, phrase, _)| *lang == language && text.starts_with(phrase))
        .filter(|(_, phrase, _)| {
            text[phrase.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|(_, phrase, _)| phrase.len())
        .map(|(_, phrase, class)| Opening {
            len: phrase.len(),
            class: PhraseClass(class),
        })
}
