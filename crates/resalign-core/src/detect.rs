//! Guessing the input format and the language from the text itself.

use crate::diagnostics::{Diagnostic, DiagnosticCode, Severity};
use crate::error::{Error, ErrorKind};
use crate::model::{Language, SourceFormat};

/// AKN4UN XML when it looks like XML; markdown when markdown markup shows; plain text otherwise.
pub(crate) fn detect_format(text: &str) -> SourceFormat {
    if looks_like_xml(text.trim_start()) {
        return SourceFormat::AknXml;
    }
    let markdown_lines = text
        .lines()
        .filter(|line| is_markdown_signal(line.trim_start()))
        .count();
    if markdown_lines > 0 && !text.contains('\u{c}') {
        SourceFormat::Markdown
    } else {
        SourceFormat::PlainText
    }
}

/// An XML declaration, a comment or a document type declaration first, or the AKN root with
/// or without a namespace prefix (`<akomaNtoso`, `<akn:akomaNtoso`).
fn looks_like_xml(head: &str) -> bool {
    const OPENINGS: [&str; 3] = ["<?xml", "<!--", "<!doctype"];
    let opens_with = |opening: &str| {
        head.get(..opening.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(opening))
    };
    if OPENINGS.into_iter().any(opens_with) {
        return true;
    }
    let Some(name) = head.strip_prefix('<') else {
        return false;
    };
    let name = name
        .split(|character: char| character.is_whitespace() || matches!(character, '>' | '/'))
        .next()
        .unwrap_or_default();
    name.rsplit(':').next() == Some("akomaNtoso")
}

fn is_markdown_signal(line: &str) -> bool {
    line.starts_with("# ")
        || line.starts_with("## ")
        || line.starts_with("### ")
        || line.contains("<sup>")
        || line.contains("**")
        || line == "---"
        || opens_emphasis(line)
}

/// `*Recalling* ...` or `1. *Urges* ...`, not a barcode such as `*1922333*`.
fn opens_emphasis(line: &str) -> bool {
    let after_label = line
        .split_once(". ")
        .filter(|(label, _)| label.bytes().all(|b| b.is_ascii_digit()))
        .map_or(line, |(_, rest)| rest);
    after_label
        .strip_prefix('*')
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// Function words that only one language uses much.
const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "its", "that", "for", "with", "on", "by", "which", "is",
];
const SPANISH: &[&str] = &[
    "de", "la", "el", "los", "las", "y", "del", "que", "en", "para", "por", "su", "sus",
];
const FRENCH: &[&str] = &["les", "des", "et", "du", "le", "aux", "une", "dans", "sur"];

/// How many words are enough to tell the language: a masthead and a few paragraphs.
const SAMPLE_WORDS: usize = 800;

/// English or Spanish by counting function words; a weak margin adds a diagnostic. Text that is
/// mostly French is refused rather than misread.
pub(crate) fn detect_language(text: &str) -> Result<(Language, Vec<Diagnostic>), Error> {
    let (mut english, mut spanish, mut french) = (0usize, 0usize, 0usize);
    const LONGEST_FUNCTION_WORD: usize = 5;
    let is_letter = |byte: &u8| byte.is_ascii_alphabetic() || *byte >= 0x80;
    let words = text
        .as_bytes()
        .split(|byte| !is_letter(byte))
        .filter(|word| !word.is_empty())
        .take(SAMPLE_WORDS);
    for word in words {
        if word.len() > LONGEST_FUNCTION_WORD || !word.is_ascii() {
            continue;
        }
        // Function words are short and ASCII: fold them in a stack buffer, no allocation.
        let mut buffer = [0u8; LONGEST_FUNCTION_WORD];
        let folded = &mut buffer[..word.len()];
        folded.copy_from_slice(word);
        folded.make_ascii_lowercase();
        let Ok(word) = std::str::from_utf8(folded) else {
            continue;
        };
        english += usize::from(ENGLISH.contains(&word));
        spanish += usize::from(SPANISH.contains(&word));
        french += usize::from(FRENCH.contains(&word));
    }
    if french > english.max(spanish) && french >= 10 {
        return Err(Error::new(ErrorKind::UnsupportedLanguage {
            found: "fr".to_string(),
        }));
    }
    let language = if english >= spanish {
        Language::En
    } else {
        Language::Es
    };
    let (winner, loser) = (english.max(spanish), english.min(spanish));
    let mut diagnostics = Vec::new();
    if winner < 5 || winner < loser * 2 {
        diagnostics.push(Diagnostic::new(
            DiagnosticCode::LanguageUncertain,
            Severity::Warning,
            format!(
                "language guessed as {language} from few clues ({english} English and {spanish} \
                 Spanish function words); set it explicitly if this is wrong"
            ),
        ));
    }
    Ok((language, diagnostics))
}
