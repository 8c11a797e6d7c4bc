//! The index page of a batch run: one row per pair with its status and finding counts, linking
//! to each pair's report.

use std::io::{BufWriter, Write};

use resalign_align::Finding;
use resalign_core::Severity;

use super::markup::{Markup, relative_href};
use super::pair::write_head;
use crate::Error;

/// What the batch tells about one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexRow {
    /// How the batch names the pair (`75_239`, a file stem).
    pub pair_id: String,
    pub en_symbol: Option<String>,
    pub es_symbol: Option<String>,
    pub status: PairStatus,
    /// The pair's report, relative to the index page (`pairs/75_239.html`).
    pub report: Option<String>,
}

/// Whether the pair could be read, aligned and checked.
#[derive(Clone, Debug, PartialEq)]
pub enum PairStatus {
    Checked(FindingCounts),
    /// Reading, aligning or checking failed; the reason is shown as written.
    Failed {
        reason: String,
    },
}

/// Findings of a pair by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindingCounts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl FindingCounts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = FindingCounts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }
}

/// The index page over a batch's pair reports.
pub struct IndexPage<'a> {
    rows: &'a [IndexRow],
    title: String,
}

impl<'a> IndexPage<'a> {
    pub fn new(rows: &'a [IndexRow]) -> Self {
        IndexPage {
            rows,
            title: "resalign batch report".to_owned(),
        }
    }

    pub fn title(&mut self, title: impl Into<String>) -> &mut Self {
        self.title = title.into();
        self
    }

    pub fn write(&self, out: &mut impl Write) -> Result<(), Error> {
        let mut markup = Markup::new(BufWriter::new(out));
        markup.constant("<!DOCTYPE html>\n")?;
        markup.open("html", &[("lang", "en")])?;
        write_head(&mut markup, &self.title)?;
        markup.open("body", &[("class", "index")])?;
        markup.open("header", &[("class", "top")])?;
        markup.element("p", &[("class", "kicker")], "resalign · batch")?;
        markup.element("h1", &[], &self.title)?;
        markup.element("p", &[("class", "counts")], &self.summary())?;
        markup.close("header")?;
        markup.newline()?;
        self.write_table(&mut markup)?;
        markup.close("body")?;
        markup.close("html")?;
        markup.newline()?;
        markup.into_inner().flush()?;
        Ok(())
    }

    /// `120 pairs: 118 checked, 2 failed; 31 with errors.`
    fn summary(&self) -> String {
        let failed = self
            .rows
            .iter()
            .filter(|row| matches!(row.status, PairStatus::Failed { .. }))
            .count();
        let with_errors = self
            .rows
            .iter()
            .filter(|row| matches!(&row.status, PairStatus::Checked(counts) if counts.errors > 0))
            .count();
        format!(
            "{} pairs: {} checked, {failed} failed; {with_errors} with errors.",
            self.rows.len(),
            self.rows.len() - failed
        )
    }

    fn write_table<W: Write>(&self, markup: &mut Markup<W>) -> std::io::Result<()> {
        markup.open("table", &[("class", "index-table")])?;
        markup.open("thead", &[])?;
        markup.open("tr", &[])?;
        // Counts are right-aligned under right-aligned headings.
        let headings = [
            ("Pair", "text"),
            ("English", "text"),
            ("Spanish", "text"),
            ("Status", "text"),
            ("Errors", "count"),
            ("Warnings", "count"),
            ("Info", "count"),
            ("Report", "text"),
        ];
        for (heading, class) in headings {
            markup.element("th", &[("scope", "col"), ("class", class)], heading)?;
        }
        markup.close("tr")?;
        markup.close("thead")?;
        markup.open("tbody", &[])?;
        for row in self.rows {
            write_row(markup, row)?;
        }
        markup.close("tbody")?;
        markup.close("table")?;
        markup.newline()
    }
}

fn write_row<W: Write>(markup: &mut Markup<W>, row: &IndexRow) -> std::io::Result<()> {
    let class = match &row.status {
        PairStatus::Failed { .. } => "pair failed",
        PairStatus::Checked(counts) if counts.errors > 0 => "pair has-findings sev-error",
        PairStatus::Checked(counts) if counts.warnings > 0 => "pair has-findings sev-warning",
        PairStatus::Checked(_) => "pair clean",
    };
    markup.open("tr", &[("class", class)])?;
    markup.element("th", &[("scope", "row")], &row.pair_id)?;
    let symbol = |symbol: &Option<String>| symbol.clone().unwrap_or_default();
    markup.element("td", &[("lang", "en")], &symbol(&row.en_symbol))?;
    markup.element("td", &[("lang", "es")], &symbol(&row.es_symbol))?;
    match &row.status {
        PairStatus::Checked(counts) => {
            markup.element("td", &[("class", "status")], "checked")?;
            for number in [counts.errors, counts.warnings, counts.info] {
                let class = if number == 0 { "count zero" } else { "count" };
                markup.element("td", &[("class", class)], &number.to_string())?;
            }
        }
        PairStatus::Failed { reason } => {
            markup.open("td", &[("class", "status")])?;
            markup.element("span", &[("class", "sev sev-error")], "failed")?;
            markup.close("td")?;
            markup.element("td", &[("class", "reason"), ("colspan", "3")], reason)?;
        }
    }
    markup.open("td", &[])?;
    if let Some(report) = &row.report {
        markup.element("a", &[("href", &relative_href(report))], "report")?;
    }
    markup.close("td")?;
    markup.close("tr")?;
    markup.newline()
}
