//! The end of the outline the PDF and DOCX snapshot tests share: footnotes, diagnostics and the
//! source text the front-end wrote.

use std::fmt::Write;

use resalign_core::Document;

/// `footnotes:`, `diagnostics:` and `source:` sections, each line as the snapshots hold it.
pub fn footnotes_diagnostics_and_source(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\nfootnotes:");
    for footnote in &document.footnotes {
        let _ = writeln!(out, "  {}: {}", footnote.number, footnote.text);
    }
    let _ = writeln!(out, "\ndiagnostics:");
    for diagnostic in &document.diagnostics {
        let _ = writeln!(
            out,
            "  {} {:?}: {}",
            diagnostic.severity, diagnostic.code, diagnostic.message
        );
    }
    let _ = writeln!(out, "\nsource:\n{}", document.source);
    out
}
