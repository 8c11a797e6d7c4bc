//! The batch index page: the totals per finding code, one row per pair in natural order with
//! its title, status, counts and codes, linking to each pair's report by a relative link that
//! survives spaces and parentheses in file names, and the unpaired files with their reason.

mod html_fixture;

use std::collections::BTreeMap;

use anyhow::{Context, Result, ensure};

use html_fixture::{load_fixture, markup_problems, one_block_per_line, without_constants};
use resalign_align::FindingCode;
use resalign_export::html::{
    FindingCounts, IndexPage, IndexRow, PairStatus, UnpairedRow, natural_order,
};

fn batch_rows() -> Result<Vec<IndexRow>> {
    let faults = load_fixture("faults")?;
    let findings = faults.findings.as_deref().unwrap_or_default();
    let mut fault_codes = BTreeMap::new();
    for finding in findings {
        *fault_codes.entry(finding.code).or_insert(0) += 1;
    }
    Ok(vec![
        IndexRow {
            pair_id: "GA/75_100".to_owned(),
            title: Some(
                "Cooperation between the United Nations and the Council of Europe".to_owned(),
            ),
            en_symbol: Some("A/RES/75/100".to_owned()),
            es_symbol: Some("A/RES/75/100".to_owned()),
            status: PairStatus::Checked(FindingCounts::default()),
            codes: BTreeMap::new(),
            report: Some("pairs/GA/75_100.html".to_owned()),
        },
        IndexRow {
            pair_id: "GA/75_333".to_owned(),
            title: None,
            en_symbol: Some("A/RES/75/333".to_owned()),
            es_symbol: None,
            status: PairStatus::Failed {
                reason: "75_333_S.xml: the file is empty".to_owned(),
            },
            codes: BTreeMap::new(),
            report: None,
        },
        IndexRow {
            pair_id: "GA/75_9".to_owned(),
            title: Some("Sustainable fisheries".to_owned()),
            en_symbol: Some("A/RES/75/9".to_owned()),
            es_symbol: Some("A/RES/75/9".to_owned()),
            status: PairStatus::Checked(FindingCounts {
                errors: 0,
                warnings: 2,
                info: 1,
            }),
            codes: BTreeMap::from([(FindingCode::Punctuation, 2), (FindingCode::LengthRatio, 1)]),
            report: Some("pairs/GA/75_9.html".to_owned()),
        },
        IndexRow {
            pair_id: "SC/S_RES_2618 (2022)".to_owned(),
            title: Some("The situation in Somalia".to_owned()),
            en_symbol: Some("S/RES/2618 (2022)".to_owned()),
            es_symbol: Some("S/RES/2618 (2022)".to_owned()),
            status: PairStatus::Checked(FindingCounts::of(findings)),
            codes: fault_codes,
            report: Some("pairs/SC/S_RES_2618 (2022).html".to_owned()),
        },
    ])
}

#[test]
fn index_page_lists_every_pair_in_natural_order_with_titles_codes_and_unpaired_files() -> Result<()>
{
    let rows = batch_rows()?;
    let unpaired = [UnpairedRow {
        path: "GA/75session/English/75_400_E.xml".to_owned(),
        reason: "English file without a Spanish counterpart".to_owned(),
    }];
    let mut page = Vec::new();
    IndexPage::new(&rows)
        .title("GA 75th session")
        .unpaired(&unpaired)
        .write(&mut page)?;
    let page = String::from_utf8(page)?;
    let problems = markup_problems(&page);
    ensure!(problems.is_empty(), "{problems:#?}");
    ensure!(page.matches("<tr class=\"pair").count() == rows.len());
    ensure!(page.contains("4 pairs: 3 checked, 1 failed; 1 with errors. 1 file unpaired."));
    ensure!(page.contains("href=\"pairs/SC/S_RES_2618%20%282022%29.html\""));
    // `75_9` before `75_100` before `75_333`, whatever order the rows came in.
    let position = |id: &str| page.find(&format!(">{id}</th>")).context(id.to_owned());
    ensure!(position("GA/75_9")? < position("GA/75_100")?);
    ensure!(position("GA/75_100")? < position("GA/75_333")?);
    ensure!(page.contains("Sustainable fisheries"), "titles are listed");
    ensure!(page.contains("punctuation ×2"), "codes are listed per pair");
    ensure!(
        page.contains("data-code=\"punctuation\">Closing punctuation</a>"),
        "the totals name each code"
    );
    ensure!(
        page.contains("75_400_E.xml</th><td>English file without a Spanish counterpart"),
        "the unpaired file is listed with its reason"
    );
    insta::assert_snapshot!(one_block_per_line(&without_constants(&page)));
    // Kept beside the browser test's pages for a person to open.
    let artifacts =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/html-report");
    std::fs::create_dir_all(&artifacts)?;
    std::fs::write(artifacts.join("index.html"), &page)?;
    Ok(())
}

#[test]
fn natural_order_compares_numbers_by_value() {
    let mut ids = vec![
        "75_10", "75_1", "75_2", "75_010", "A/RES/9", "A/RES/10", "75_1a", "75_",
    ];
    ids.sort_by(|a, b| natural_order(a, b));
    assert_eq!(
        ids,
        [
            "75_", "75_1", "75_1a", "75_2", "75_010", "75_10", "A/RES/9", "A/RES/10"
        ]
    );
}
