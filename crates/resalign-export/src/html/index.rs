//! The index page of a batch run: the totals per finding code, one row per pair (its title,
//! symbol, status, counts by severity and the codes of its findings) linking to each pair's
//! report, and the files that were left without a counterpart, with the reason.
//!
//! Pairs are listed in natural order (`75_2` before `75_10`). The page reads fully without
//! JavaScript; with it, a bar above the table filters by status, by code and by text, every
//! column heading sorts, and a code in the totals filters the table to that code. It stays
//! quick at ten thousand pairs: sort keys and search text are read once, and a sort moves the
//! rows while the table body is out of the page.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use resalign_align::{Finding, FindingCode};
use resalign_core::Severity;

use super::markup::{Markup, relative_href};
use super::pair::write_head;
use super::wording::{code_title, count};
use crate::Error;

/// Sorts, filters and counts the rows of the index table.
const INDEX_SCRIPT: &str = include_str!("index.js");

/// What the batch tells about one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexRow {
    /// How the batch names the pair (`GA/75session/75_239`).
    pub pair_id: String,
    /// The resolution's title, from the English document, else the Spanish one.
    pub title: Option<String>,
    pub en_symbol: Option<String>,
    pub es_symbol: Option<String>,
    pub status: PairStatus,
    /// The pair's findings by code.
    pub codes: BTreeMap<FindingCode, usize>,
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

/// A file of the corpus that is in no pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnpairedRow {
    pub path: String,
    /// Why, as a sentence: `English file without a Spanish counterpart`.
    pub reason: String,
}

/// The index page over a batch's pair reports.
pub struct IndexPage<'a> {
    rows: &'a [IndexRow],
    unpaired: &'a [UnpairedRow],
    title: String,
}

/// What a row's status is, for its class, the status filter and sorting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RowStatus {
    Clean,
    Info,
    Warnings,
    Errors,
    Failed,
}

impl RowStatus {
    fn of(status: &PairStatus) -> RowStatus {
        match status {
            PairStatus::Failed { .. } => RowStatus::Failed,
            PairStatus::Checked(counts) if counts.errors > 0 => RowStatus::Errors,
            PairStatus::Checked(counts) if counts.warnings > 0 => RowStatus::Warnings,
            PairStatus::Checked(counts) if counts.info > 0 => RowStatus::Info,
            PairStatus::Checked(_) => RowStatus::Clean,
        }
    }

    /// The value of the row's `data-status`, which the status filter matches.
    fn name(self) -> &'static str {
        match self {
            RowStatus::Clean => "clean",
            RowStatus::Info => "info",
            RowStatus::Warnings => "warnings",
            RowStatus::Errors => "errors",
            RowStatus::Failed => "failed",
        }
    }

    fn class(self) -> &'static str {
        match self {
            RowStatus::Failed => "pair failed",
            RowStatus::Errors => "pair has-findings sev-error",
            RowStatus::Warnings => "pair has-findings sev-warning",
            RowStatus::Info => "pair has-findings sev-info",
            RowStatus::Clean => "pair clean",
        }
    }
}

/// The options of the status filter: the value matched against rows, and its label.
const STATUS_OPTIONS: [(&str, &str); 6] = [
    ("", "all pairs"),
    ("errors", "with errors"),
    ("warnings", "with warnings, no errors"),
    ("findings", "with findings"),
    ("clean", "without findings"),
    ("failed", "failed"),
];

impl<'a> IndexPage<'a> {
    pub fn new(rows: &'a [IndexRow]) -> Self {
        IndexPage {
            rows,
            unpaired: &[],
            title: "resalign batch report".to_owned(),
        }
    }

    pub fn title(&mut self, title: impl Into<String>) -> &mut Self {
        self.title = title.into();
        self
    }

    /// The files of the corpus left without a counterpart, listed under the pairs.
    pub fn unpaired(&mut self, unpaired: &'a [UnpairedRow]) -> &mut Self {
        self.unpaired = unpaired;
        self
    }

    pub fn write(&self, out: &mut impl Write) -> Result<(), Error> {
        let mut ordered: Vec<&IndexRow> = self.rows.iter().collect();
        ordered.sort_by(|a, b| natural_order(&a.pair_id, &b.pair_id));
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
        let totals = self.code_totals();
        write_code_totals(&mut markup, &totals)?;
        write_filter_bar(&mut markup, &totals)?;
        write_table(&mut markup, &ordered)?;
        write_unpaired(&mut markup, self.unpaired)?;
        markup.open("script", &[])?;
        markup.constant(INDEX_SCRIPT)?;
        markup.close("script")?;
        markup.newline()?;
        markup.close("body")?;
        markup.close("html")?;
        markup.newline()?;
        markup.into_inner().flush()?;
        Ok(())
    }

    /// `120 pairs: 118 checked, 2 failed; 31 with errors. 4 files unpaired.`
    fn summary(&self) -> String {
        let failed = self
            .rows
            .iter()
            .filter(|row| matches!(row.status, PairStatus::Failed { .. }))
            .count();
        let with_errors = self
            .rows
            .iter()
            .filter(|row| RowStatus::of(&row.status) == RowStatus::Errors)
            .count();
        format!(
            "{} pairs: {} checked, {failed} failed; {with_errors} with errors. {} unpaired.",
            self.rows.len(),
            self.rows.len() - failed,
            count(self.unpaired.len(), "file", "files")
        )
    }

    /// Per code: the pairs that have it and its findings.
    fn code_totals(&self) -> BTreeMap<FindingCode, (usize, usize)> {
        let mut totals: BTreeMap<FindingCode, (usize, usize)> = BTreeMap::new();
        for row in self.rows {
            for (code, findings) in &row.codes {
                let total = totals.entry(*code).or_default();
                total.0 += 1;
                total.1 += findings;
            }
        }
        totals
    }
}

fn write_code_totals<W: Write>(
    markup: &mut Markup<W>,
    totals: &BTreeMap<FindingCode, (usize, usize)>,
) -> std::io::Result<()> {
    markup.open("section", &[("class", "code-totals"), ("id", "codes")])?;
    markup.element("h2", &[], "Findings by code")?;
    if totals.is_empty() {
        markup.element("p", &[("class", "quiet")], "No pair has findings.")?;
        markup.close("section")?;
        return markup.newline();
    }
    markup.open("table", &[("class", "summary")])?;
    markup.open("thead", &[])?;
    markup.open("tr", &[])?;
    for (heading, class) in [
        ("Finding", "text"),
        ("Pairs", "count"),
        ("Findings", "count"),
    ] {
        markup.element("th", &[("scope", "col"), ("class", class)], heading)?;
    }
    markup.close("tr")?;
    markup.close("thead")?;
    markup.open("tbody", &[])?;
    for (code, (pairs, findings)) in totals {
        markup.open("tr", &[])?;
        markup.open("th", &[("scope", "row")])?;
        markup.element(
            "a",
            &[
                ("href", "#pairs"),
                ("class", "code-link"),
                ("data-code", code.name()),
            ],
            code_title(*code),
        )?;
        markup.text(" ")?;
        markup.element("code", &[], code.name())?;
        markup.close("th")?;
        markup.element("td", &[("class", "count")], &pairs.to_string())?;
        markup.element("td", &[("class", "count")], &findings.to_string())?;
        markup.close("tr")?;
    }
    markup.close("tbody")?;
    markup.close("table")?;
    markup.close("section")?;
    markup.newline()
}

/// The filters, hidden until the script shows them.
fn write_filter_bar<W: Write>(
    markup: &mut Markup<W>,
    totals: &BTreeMap<FindingCode, (usize, usize)>,
) -> std::io::Result<()> {
    markup.open(
        "form",
        &[
            ("class", "filter index-filter"),
            ("id", "index-filter"),
            ("hidden", ""),
        ],
    )?;
    markup.open("label", &[])?;
    markup.text("Show ")?;
    markup.open("select", &[("id", "status-filter")])?;
    for (value, label) in STATUS_OPTIONS {
        markup.element("option", &[("value", value)], label)?;
    }
    markup.close("select")?;
    markup.close("label")?;
    markup.text(" ")?;
    markup.open("label", &[])?;
    markup.text("with code ")?;
    markup.open("select", &[("id", "code-filter")])?;
    markup.element("option", &[("value", "")], "any")?;
    for code in totals.keys() {
        markup.element("option", &[("value", code.name())], code.name())?;
    }
    markup.close("select")?;
    markup.close("label")?;
    markup.text(" ")?;
    markup.open("label", &[])?;
    markup.text("containing ")?;
    markup.open(
        "input",
        &[
            ("type", "search"),
            ("id", "text-filter"),
            ("placeholder", "pair, title or symbol"),
        ],
    )?;
    markup.close("label")?;
    markup.text(" ")?;
    markup.element("output", &[("id", "shown-count")], "")?;
    markup.close("form")?;
    markup.newline()
}

/// The columns: heading, class, and how the script sorts them.
const COLUMNS: [(&str, &str, &str); 9] = [
    ("Pair", "text", "key"),
    ("Title", "text", "text"),
    ("Symbol", "text", "text"),
    ("Status", "text", "key"),
    ("Errors", "count", "number"),
    ("Warnings", "count", "number"),
    ("Info", "count", "number"),
    ("Findings", "text", "text"),
    ("Report", "text", "text"),
];

fn write_table<W: Write>(markup: &mut Markup<W>, rows: &[&IndexRow]) -> std::io::Result<()> {
    markup.open("table", &[("class", "index-table"), ("id", "pairs")])?;
    markup.open("thead", &[])?;
    markup.open("tr", &[])?;
    for (column, (heading, class, sort)) in COLUMNS.iter().enumerate() {
        let column_number = column.to_string();
        let mut attributes = vec![("scope", "col"), ("class", *class)];
        if column == 0 {
            // The rows come in the natural order of their pair ids.
            attributes.push(("aria-sort", "ascending"));
        }
        markup.open("th", &attributes)?;
        markup.element(
            "button",
            &[
                ("type", "button"),
                ("class", "sort"),
                ("data-column", &column_number),
                ("data-sort", sort),
            ],
            heading,
        )?;
        markup.close("th")?;
    }
    markup.close("tr")?;
    markup.close("thead")?;
    markup.newline()?;
    markup.open("tbody", &[])?;
    for (rank, row) in rows.iter().enumerate() {
        write_row(markup, row, rank)?;
    }
    markup.close("tbody")?;
    markup.close("table")?;
    markup.newline()
}

fn write_row<W: Write>(markup: &mut Markup<W>, row: &IndexRow, rank: usize) -> std::io::Result<()> {
    let status = RowStatus::of(&row.status);
    let codes: Vec<&str> = row.codes.keys().map(|code| code.name()).collect();
    let codes = codes.join(" ");
    markup.open(
        "tr",
        &[
            ("class", status.class()),
            ("data-status", status.name()),
            ("data-codes", &codes),
        ],
    )?;
    markup.open("th", &[("scope", "row"), ("data-key", &rank.to_string())])?;
    markup.text(&row.pair_id)?;
    markup.close("th")?;
    markup.element(
        "td",
        &[("class", "title")],
        row.title.as_deref().unwrap_or(""),
    )?;
    markup.element("td", &[("class", "symbol")], &symbols(row))?;
    let status_key = (status as u8).to_string();
    match &row.status {
        PairStatus::Checked(counts) => {
            markup.element(
                "td",
                &[("class", "status"), ("data-key", &status_key)],
                "checked",
            )?;
            for number in [counts.errors, counts.warnings, counts.info] {
                let class = if number == 0 { "count zero" } else { "count" };
                markup.element("td", &[("class", class)], &number.to_string())?;
            }
            markup.open("td", &[("class", "codes")])?;
            write_codes(markup, &row.codes)?;
            markup.close("td")?;
        }
        PairStatus::Failed { reason } => {
            markup.open("td", &[("class", "status"), ("data-key", &status_key)])?;
            markup.element("span", &[("class", "sev sev-error")], "failed")?;
            markup.close("td")?;
            for _ in 0..3 {
                markup.element("td", &[("class", "count zero")], "")?;
            }
            markup.element("td", &[("class", "reason")], reason)?;
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

/// `anchor-differs ×2 punctuation`, each code with its title on hover.
fn write_codes<W: Write>(
    markup: &mut Markup<W>,
    codes: &BTreeMap<FindingCode, usize>,
) -> std::io::Result<()> {
    for (position, (code, findings)) in codes.iter().enumerate() {
        if position > 0 {
            markup.text(" ")?;
        }
        let label = match findings {
            1 => code.name().to_owned(),
            many => format!("{} ×{many}", code.name()),
        };
        markup.element(
            "span",
            &[("class", "code"), ("title", code_title(*code))],
            &label,
        )?;
    }
    Ok(())
}

/// The symbol, or both when the languages print different ones.
fn symbols(row: &IndexRow) -> String {
    match (&row.en_symbol, &row.es_symbol) {
        (Some(en), Some(es)) if en != es => format!("{en} (es: {es})"),
        (Some(symbol), _) | (None, Some(symbol)) => symbol.clone(),
        (None, None) => String::new(),
    }
}

fn write_unpaired<W: Write>(
    markup: &mut Markup<W>,
    unpaired: &[UnpairedRow],
) -> std::io::Result<()> {
    markup.open("section", &[("class", "unpaired"), ("id", "unpaired")])?;
    let heading = format!("Unpaired files ({})", unpaired.len());
    markup.element("h2", &[], &heading)?;
    if unpaired.is_empty() {
        markup.element("p", &[("class", "quiet")], "Every file found is in a pair.")?;
    } else {
        markup.open("table", &[("class", "index-table unpaired-table")])?;
        markup.open("thead", &[])?;
        markup.open("tr", &[])?;
        markup.element("th", &[("scope", "col")], "File")?;
        markup.element("th", &[("scope", "col")], "Why it is in no pair")?;
        markup.close("tr")?;
        markup.close("thead")?;
        markup.open("tbody", &[])?;
        for file in unpaired {
            markup.open("tr", &[])?;
            markup.element("th", &[("scope", "row")], &file.path)?;
            markup.element("td", &[], &file.reason)?;
            markup.close("tr")?;
            markup.newline()?;
        }
        markup.close("tbody")?;
        markup.close("table")?;
    }
    markup.close("section")?;
    markup.newline()
}

/// Natural order: runs of digits compare by their value, so `75_2` comes before `75_10`; the
/// rest compares as text. Ids equal but for leading zeros fall back to plain text order.
pub fn natural_order(a: &str, b: &str) -> Ordering {
    let (mut left, mut right) = (a, b);
    loop {
        match (left.chars().next(), right.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (x_digits, x_rest) = split_digits(left);
                let (y_digits, y_rest) = split_digits(right);
                let (x_value, y_value) = (
                    x_digits.trim_start_matches('0'),
                    y_digits.trim_start_matches('0'),
                );
                let by_value = x_value
                    .len()
                    .cmp(&y_value.len())
                    .then_with(|| x_value.cmp(y_value));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                (left, right) = (x_rest, y_rest);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                (left, right) = (&left[x.len_utf8()..], &right[y.len_utf8()..]);
            }
        }
    }
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text
        .find(|character: char| !character.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}
