//! The words the report uses for codes, severities, languages, link shapes and dates.

use std::borrow::Cow;

use resalign_align::{FindingCode, LinkShape};
use resalign_core::{Language, Severity};

/// Most severe first, the order the report lists and counts them in.
pub const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// A short title a reviser reads at a glance.
pub fn code_title(code: FindingCode) -> &'static str {
    match code {
        FindingCode::DifferentResolutions => "Different resolutions",
        FindingCode::MissingInSpanish => "Missing in Spanish",
        FindingCode::MissingInEnglish => "Missing in English",
        FindingCode::SplitInSpanish => "Split in Spanish",
        FindingCode::MergedInSpanish => "Merged in Spanish",
        FindingCode::BoundariesDiffer => "Paragraph boundaries differ",
        FindingCode::NumberingDiffers => "Numbering differs",
        FindingCode::AnchorMissing => "Citation missing",
        FindingCode::AnchorDiffers => "Citation differs",
        FindingCode::NumberMismatch => "Numbers differ",
        FindingCode::FootnoteCallsDiffer => "Footnote calls differ",
        FindingCode::FootnoteDiffers => "Footnote differs",
        FindingCode::KindDiffers => "Preambular/operative differs",
        FindingCode::Punctuation => "Closing punctuation",
        FindingCode::LengthRatio => "Unusual length",
        FindingCode::MetadataDiffers => "Document data differs",
        FindingCode::AlignmentNarrowed => "Alignment searched within a budget",
        _ => code.name(),
    }
}

pub fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::Es => "Spanish",
    }
}

/// What a link of this shape is, when it is not one paragraph to one.
pub fn shape_name(shape: LinkShape) -> Option<&'static str> {
    match (shape.en, shape.es) {
        (1, 1) => None,
        (_, 0) => Some("no Spanish counterpart"),
        (0, _) => Some("no English counterpart"),
        (1, _) => Some("split in Spanish"),
        (_, 1) => Some("merged in Spanish"),
        _ => Some("boundaries differ"),
    }
}

/// `1 finding`, `3 findings`.
pub fn count(number: usize, singular: &str, plural: &str) -> String {
    if number == 1 {
        format!("1 {singular}")
    } else {
        format!("{number} {plural}")
    }
}

/// Spanish ordinals as the official documents print them: `53ª sesión plenaria`, where the
/// AKN4UN markup has lost the superscript and writes `53a`. Only a number followed by a single
/// `a` or `o` and the end of the word is changed.
pub fn printed_ordinals(text: &str) -> String {
    let words: Vec<Cow<'_, str>> = text
        .split(' ')
        .map(|word| {
            let digits = word.trim_end_matches(['a', 'o']);
            let ordinal = word.len() == digits.len() + 1
                && !digits.is_empty()
                && digits.bytes().all(|byte| byte.is_ascii_digit());
            match word.as_bytes().last() {
                Some(b'a') if ordinal => Cow::Owned(format!("{digits}ª")),
                Some(b'o') if ordinal => Cow::Owned(format!("{digits}º")),
                _ => Cow::Borrowed(word),
            }
        })
        .collect();
    words.join(" ")
}
