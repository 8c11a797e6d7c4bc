//! The batch index page: one row per pair with its status and finding counts, linking to each
//! pair's report by a relative link that survives spaces and parentheses in file names.

mod html_fixture;

use anyhow::{Result, ensure};

use html_fixture::{load_fixture, markup_problems, one_block_per_line, without_constants};
use resalign_export::html::{FindingCounts, IndexPage, IndexRow, PairStatus};

fn batch_rows() -> Result<Vec<IndexRow>> {
    let faults = load_fixture("faults")?;
    let findings = faults.findings.as_deref().unwrap_or_default();
    Ok(vec![
        IndexRow {
            pair_id: "E_RES_2013_41".to_owned(),
            en_symbol: Some("E/RES/2013/41".to_owned()),
            es_symbol: Some("E/RES/2013/41".to_owned()),
            status: PairStatus::Checked(FindingCounts::of(findings)),
            report: Some("pairs/E_RES_2013_41.html".to_owned()),
        },
        IndexRow {
            pair_id: "S_RES_2618 (2022)".to_owned(),
            en_symbol: Some("S/RES/2618 (2022)".to_owned()),
            es_symbol: Some("S/RES/2618 (2022)".to_owned()),
            status: PairStatus::Checked(FindingCounts {
                errors: 0,
                warnings: 2,
                info: 1,
            }),
            report: Some("pairs/S_RES_2618 (2022).html".to_owned()),
        },
        IndexRow {
            pair_id: "75_100".to_owned(),
            en_symbol: Some("A/RES/75/100".to_owned()),
            es_symbol: Some("A/RES/75/100".to_owned()),
            status: PairStatus::Checked(FindingCounts::default()),
            report: Some("pairs/75_100.html".to_owned()),
        },
        IndexRow {
            pair_id: "75_333".to_owned(),
            en_symbol: Some("A/RES/75/333".to_owned()),
            es_symbol: None,
            status: PairStatus::Failed {
                reason: "no Spanish file for 75_333_E.xml".to_owned(),
            },
            report: None,
        },
    ])
}

#[test]
fn index_page_lists_every_pair_with_its_counts() -> Result<()> {
    let rows = batch_rows()?;
    let counts = FindingCounts::of(
        load_fixture("faults")?
            .findings
            .as_deref()
            .unwrap_or_default(),
    );
    ensure!(
        counts
            == FindingCounts {
                errors: 5,
                warnings: 1,
                info: 1
            },
        "counted {counts:?}"
    );
    let mut page = Vec::new();
    IndexPage::new(&rows)
        .title("GA 75th session")
        .write(&mut page)?;
    let page = String::from_utf8(page)?;
    let problems = markup_problems(&page);
    ensure!(problems.is_empty(), "{problems:#?}");
    ensure!(page.matches("<tr class=\"pair").count() == rows.len());
    ensure!(page.contains("4 pairs: 3 checked, 1 failed; 1 with errors."));
    ensure!(page.contains("href=\"pairs/S_RES_2618%20%282022%29.html\""));
    insta::assert_snapshot!(one_block_per_line(&without_constants(&page)));
    // Kept beside the browser test's pages for a person to open.
    let artifacts =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/html-report");
    std::fs::create_dir_all(&artifacts)?;
    std::fs::write(artifacts.join("index.html"), &page)?;
    Ok(())
}
