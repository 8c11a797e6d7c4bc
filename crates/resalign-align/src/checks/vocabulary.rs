//! The words findings use for languages and anchor kinds, and how serious a missing anchor is.

use resalign_core::{AnchorKind, Language, Severity};

use super::compare::Occurrence;
use super::naming::plain;

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
        AnchorKind::Resolution => "resolution number",
        AnchorKind::Symbol => "document symbol",
        AnchorKind::Date => "date",
        AnchorKind::TreatySeries => "Treaty Series reference",
        AnchorKind::Supplement => "Official Records supplement number",
        AnchorKind::Target => "Sustainable Development Goal target",
        AnchorKind::Percentage => "percentage",
        AnchorKind::Number => "number",
        _ => "citation",
    }
}

/// The kinds of anchors whose values count something rather than cite something.
pub(crate) fn is_number(kind: AnchorKind) -> bool {
    matches!(kind, AnchorKind::Number | AnchorKind::Percentage)
}

/// How serious it is that an anchor of this kind is on one side only.
pub(crate) fn missing_severity(kind: AnchorKind) -> Severity {
    match kind {
        AnchorKind::Resolution | AnchorKind::Symbol | AnchorKind::TreatySeries => Severity::Error,
        _ => Severity::Warning,
    }
}

/// An anchor as a message quotes it: as printed, but a document symbol in full, since an
/// elliptic corrigendum prints only `Corr.1`.
pub(crate) fn shown(occurrence: &Occurrence) -> String {
    match occurrence.anchor.kind {
        AnchorKind::Symbol => occurrence.anchor.key.clone(),
        _ => plain(occurrence.printed),
    }
}
