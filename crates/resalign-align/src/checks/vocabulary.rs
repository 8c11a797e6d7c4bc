//! The words findings use for languages and anchor kinds, and how serious a missing anchor is.

use resalign_core::{AnchorKind, Language, Severity};

pub(crate) fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::Es => "Spanish",
    }
}

pub(crate) fn other_language(language: Language) -> Language {
    match language {
        Language::En => Language::Es,
        Language::Es => Language::En,
    }
}

/// What a translator calls an anchor of this kind, in lower case.
pub(crate) fn anchor_noun(kind: AnchorKind) -> &'static str {
    match kind {
        AnchorKind::FootnoteCall => "footnote call",
        _ => "citation",
    }
}

/// How serious it is that an anchor of this kind is on one side only.
pub(crate) fn missing_severity(kind: AnchorKind) -> Severity {
    match kind {
        AnchorKind::FootnoteCall => Severity::Warning,
        _ => Severity::Warning,
    }
}
