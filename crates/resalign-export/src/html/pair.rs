//! The side-by-side report of one English/Spanish pair: a builder for its options, and the page
//! skeleton its parts are written into.

use std::io::{BufWriter, Write};

use resalign_align::{Alignment, Finding};
use resalign_core::Document;

use super::header;
use super::layout::Layout;
use super::markup::Markup;
use super::parallel;
use super::{FILTER_SCRIPT, STYLE_SHEET};
use crate::Error;

/// Whether the page carries the small script that filters the text to rows with findings. The
/// page reads fully either way; without the script the filter control is not shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FilterScript {
    #[default]
    Include,
    Omit,
}

/// Whether the pair was checked: a report of an alignment alone says so instead of claiming
/// there is nothing to find.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Checks<'a> {
    NotRun,
    Ran(&'a [Finding]),
}

/// Options that shape the page but not what it reports.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub title: Option<String>,
    pub script: FilterScript,
    /// Links scoring below this show their score.
    pub low_score: f64,
}

/// The score below which a link's score is shown: under it the aligner was unsure enough that
/// a reviser should look twice.
pub const DEFAULT_LOW_SCORE: f64 = 0.75;

/// A self-contained HTML page (inline style, no network) showing an English and a Spanish
/// resolution side by side, one row per alignment link, with the findings marked.
///
/// ```no_run
/// # fn demo(en: &resalign_core::Document, es: &resalign_core::Document,
/// #         alignment: &resalign_align::Alignment, findings: &[resalign_align::Finding],
/// #         out: &mut std::fs::File) -> Result<(), resalign_export::Error> {
/// use resalign_export::html::PairReport;
/// PairReport::new(en, es, alignment)
///     .findings(findings)
///     .title("E/RES/2013/41")
///     .write(out)
/// # }
/// ```
pub struct PairReport<'a> {
    en: &'a Document,
    es: &'a Document,
    alignment: &'a Alignment,
    checks: Checks<'a>,
    settings: Settings,
}

impl<'a> PairReport<'a> {
    /// A report of the alignment alone; add the checks' findings with [`PairReport::findings`].
    pub fn new(en: &'a Document, es: &'a Document, alignment: &'a Alignment) -> Self {
        PairReport {
            en,
            es,
            alignment,
            checks: Checks::NotRun,
            settings: Settings {
                title: None,
                script: FilterScript::default(),
                low_score: DEFAULT_LOW_SCORE,
            },
        }
    }

    /// The findings of `resalign_align::check` on this pair; an empty slice means the checks
    /// ran and found nothing.
    pub fn findings(&mut self, findings: &'a [Finding]) -> &mut Self {
        self.checks = Checks::Ran(findings);
        self
    }

    /// The page title; by default the documents' symbols.
    pub fn title(&mut self, title: impl Into<String>) -> &mut Self {
        self.settings.title = Some(title.into());
        self
    }

    pub fn filter_script(&mut self, script: FilterScript) -> &mut Self {
        self.settings.script = script;
        self
    }

    /// Links scoring below `threshold` show their score (default [`DEFAULT_LOW_SCORE`]).
    pub fn low_score_below(&mut self, threshold: f64) -> &mut Self {
        self.settings.low_score = threshold;
        self
    }

    /// Writes the whole page.
    pub fn write(&self, out: &mut impl Write) -> Result<(), Error> {
        let findings = match self.checks {
            Checks::Ran(findings) => findings,
            Checks::NotRun => &[],
        };
        let layout = Layout::new(self.en, self.es, self.alignment, findings);
        let title = self
            .settings
            .title
            .clone()
            .unwrap_or_else(|| header::default_title(self.en, self.es));
        let mut markup = Markup::new(BufWriter::new(out));
        markup.constant("<!DOCTYPE html>\n")?;
        markup.open("html", &[("lang", "en")])?;
        write_head(&mut markup, &title)?;
        markup.open("body", &[])?;
        markup.newline()?;
        header::write(&mut markup, &layout, self.checks, &self.settings, &title)?;
        parallel::write(&mut markup, &layout, &self.settings)?;
        if self.settings.script == FilterScript::Include {
            markup.open("script", &[])?;
            markup.constant(FILTER_SCRIPT)?;
            markup.close("script")?;
            markup.newline()?;
        }
        markup.close("body")?;
        markup.close("html")?;
        markup.newline()?;
        markup.into_inner().flush()?;
        Ok(())
    }
}

/// The document head shared by the pair report and the index page.
pub(crate) fn write_head<W: Write>(markup: &mut Markup<W>, title: &str) -> std::io::Result<()> {
    markup.open("head", &[])?;
    markup.open("meta", &[("charset", "utf-8")])?;
    markup.open(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    )?;
    markup.element("title", &[], title)?;
    markup.open("style", &[])?;
    markup.constant(STYLE_SHEET)?;
    markup.close("style")?;
    markup.close("head")?;
    markup.newline()
}
