//! Text that looks like markup stays text: documents, findings, titles and batch rows carrying
//! `<script>`, `&amp;`, quotes and `]]>` give pages whose tags are all the report's own.

mod html_fixture;

use std::collections::BTreeMap;

use anyhow::{Result, ensure};
use proptest::prelude::*;

use html_fixture::{load_fixture, markup_problems, render, start_tags};
use resalign_align::FindingCode;
use resalign_export::html::{IndexPage, IndexRow, PairStatus, UnpairedRow, escape};

/// Every attribute the pages use; an attribute from the input (`onerror`, `onmouseover`) would
/// be a new one.
const KNOWN_ATTRIBUTES: [&str; 25] = [
    "class",
    "id",
    "href",
    "title",
    "lang",
    "charset",
    "name",
    "content",
    "scope",
    "colspan",
    "role",
    "hidden",
    "type",
    "checked",
    "value",
    "placeholder",
    "aria-sort",
    "data-code",
    "data-codes",
    "data-column",
    "data-findings",
    "data-key",
    "data-severity",
    "data-sort",
    "data-status",
];

/// Every element the pages use; an element from the input (`img`, `b`, `a` with a
/// `javascript:` link) would be a new one or an extra one.
const KNOWN_ELEMENTS: [&str; 47] = [
    "html", "head", "meta", "title", "style", "body", "header", "nav", "section", "main", "h1",
    "h2", "h3", "p", "a", "span", "em", "mark", "sup", "code", "strong", "ul", "ol", "li", "dl",
    "dt", "dd", "div", "table", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
    "br", "label", "input", "script", "select", "option", "output", "kbd", "form", "button",
];

#[test]
fn hostile_pair_gives_only_the_reports_own_markup() -> Result<()> {
    let pair = load_fixture("hostile")?;
    let page = render(&pair, |report| {
        report.title("</title><script>alert('title')</script> & \"quotes\" ]]>");
    })?;
    let problems = markup_problems(&page);
    ensure!(problems.is_empty(), "{problems:#?}");
    ensure_only_known_markup(&page)?;
    ensure!(
        page.matches("<script").count() == 1,
        "a script from the input"
    );
    ensure!(
        page.matches("<style").count() == 1,
        "a style sheet from the input"
    );
    ensure!(
        page.contains(
            "<title>&lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; \
             &amp; &quot;quotes&quot; ]]&gt;</title>"
        ),
        "the title is not escaped as expected"
    );
    // `&amp;` in the input is text, not a reference: it must come out as `&amp;amp;`.
    ensure!(page.contains("&amp;amp; &amp;lt;not a tag&amp;gt; ]]&gt;"));
    ensure!(!page.contains("href=\"javascript"), "a link from the input");
    Ok(())
}

#[test]
fn hostile_index_rows_give_only_the_pages_own_markup() -> Result<()> {
    let rows = vec![
        IndexRow {
            pair_id: "<img src=x onerror=alert(1)>".to_owned(),
            title: Some("<script>alert('title')</script>".to_owned()),
            en_symbol: Some("A/RES/\"75\"/1 & ]]>".to_owned()),
            es_symbol: None,
            status: PairStatus::Failed {
                reason: "cannot read `</td><script>alert(1)</script>`".to_owned(),
            },
            codes: BTreeMap::new(),
            report: Some("javascript:alert(1)".to_owned()),
        },
        IndexRow {
            pair_id: "ok".to_owned(),
            title: None,
            en_symbol: None,
            es_symbol: None,
            status: PairStatus::Checked(Default::default()),
            codes: BTreeMap::from([(FindingCode::AnchorDiffers, 1)]),
            report: Some("\" onclick=\"alert(1)".to_owned()),
        },
    ];
    let unpaired = [UnpairedRow {
        path: "en/<iframe src=x>.md".to_owned(),
        reason: "\"><script>alert(1)</script>".to_owned(),
    }];
    let mut page = Vec::new();
    IndexPage::new(&rows)
        .title("<b>batch</b>")
        .unpaired(&unpaired)
        .write(&mut page)?;
    let page = String::from_utf8(page)?;
    let problems = markup_problems(&page);
    ensure!(problems.is_empty(), "{problems:#?}");
    ensure_only_known_markup(&page)?;
    ensure!(
        page.matches("<script").count() == 1,
        "a script from the input"
    );
    ensure!(
        page.contains("href=\"javascript%3Aalert%281%29\""),
        "scheme not neutralised"
    );
    ensure!(page.contains("href=\"%22%20onclick%3D%22alert%281%29\""));
    Ok(())
}

/// Every tag's name is one the report writes, and so is every attribute name; nothing else
/// stands in a tag.
fn ensure_only_known_markup(page: &str) -> Result<()> {
    for tag in start_tags(page) {
        ensure!(
            KNOWN_ELEMENTS.contains(&tag.name),
            "unknown element <{}>",
            tag.name
        );
        for (attribute, _) in &tag.attributes {
            ensure!(
                KNOWN_ATTRIBUTES.contains(attribute),
                "unknown attribute {attribute}"
            );
        }
        ensure!(
            tag.stray.is_empty(),
            "stray {:?} in <{}>",
            tag.stray,
            tag.name
        );
    }
    Ok(())
}

proptest! {
    /// Escaped text holds no character that could end a text run or a quoted attribute, and
    /// reads back as the text it came from.
    #[test]
    fn escaped_text_reads_back_unchanged(text in "(\\PC|[<>&\"'])*") {
        let escaped = escape(&text);
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        let read_back = escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        prop_assert_eq!(read_back, text);
    }
}
