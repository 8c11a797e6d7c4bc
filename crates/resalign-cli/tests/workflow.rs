//! The reviser's day with `resalign check` and `align`: choosing the findings shown (severity,
//! codes, the team's `resalign.toml`), the baseline loop, the spreadsheets read back by Python's
//! csv module and openpyxl, the TMX props, and the small things a user meets (help, wording,
//! ordinals).

mod common;

use anyhow::{Context, Result, ensure};
use serde_json::Value;

use common::{Workspace, rows, spreadsheet, stderr, stdout};

const PAIR: [&str; 3] = ["check", "en.md", "es.md"];

fn check(workspace: &Workspace, extra: &[&str]) -> std::process::Output {
    let args: Vec<&str> = PAIR.iter().chain(extra).copied().collect();
    workspace.run(&args)
}

/// The `severity[code]` heads of the terminal report, in order.
fn heads(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            line.starts_with("error[") || line.starts_with("warning[") || line.starts_with("note[")
        })
        .map(|line| line.split(':').next().unwrap_or("").to_owned())
        .collect()
}

fn skip_only_and_min_severity_choose_what_is_shown_and_the_exit_status_follows() -> Result<()> {
    let workspace = Workspace::new()?;
    let all = check(&workspace, &[]);
    ensure!(all.status.code() == Some(1));
    ensure!(heads(&stdout(&all)).len() == 5, "{}", stdout(&all));

    let only = check(&workspace, &["--only", "anchor-differs"]);
    ensure!(only.status.code() == Some(1));
    ensure!(heads(&stdout(&only)) == ["error[anchor-differs]", "error[anchor-differs]"]);

    let skipped = check(
        &workspace,
        &[
            "--skip",
            "anchor-differs",
            "--skip",
            "footnote-differs",
            "--skip",
            "missing-in-spanish",
            "--skip",
            "merged-in-spanish",
        ],
    );
    ensure!(skipped.status.code() == Some(0), "{}", stdout(&skipped));
    ensure!(stdout(&skipped).contains("0 errors, 0 warnings, 0 notes"));

    // The team calls anchor findings warnings: they are shown as such, and leave the exit 0...
    workspace.write(
        "resalign.toml",
        "[severity]\nanchor-differs = \"warning\"\n",
    )?;
    let softened = check(&workspace, &["--only", "anchor-differs"]);
    ensure!(softened.status.code() == Some(0), "{}", stdout(&softened));
    ensure!(heads(&stdout(&softened)) == ["warning[anchor-differs]", "warning[anchor-differs]"]);
    // ...and --min-severity error hides them.
    let errors_only = check(&workspace, &["--min-severity", "error"]);
    ensure!(
        heads(&stdout(&errors_only))
            == [
                "error[missing-in-spanish]",
                "error[merged-in-spanish]",
                "error[footnote-differs]"
            ],
        "{}",
        stdout(&errors_only)
    );

    let unknown = check(&workspace, &["--skip", "anchor-diffrs"]);
    ensure!(unknown.status.code() == Some(2));
    ensure!(stderr(&unknown).contains("unknown finding code; the codes are different-resolutions"));
    Ok(())
}

fn the_triage_loop_reports_only_what_is_new() -> Result<()> {
    let workspace = Workspace::new()?;
    let recorded = check(&workspace, &["--write-baseline", "baseline.toml"]);
    ensure!(recorded.status.code() == Some(0), "{}", stderr(&recorded));
    ensure!(stderr(&recorded).contains("5 findings recorded in baseline.toml"));
    let baseline = workspace.read("baseline.toml")?;
    ensure!(baseline.starts_with("# resalign baseline"), "{baseline}");
    ensure!(baseline.matches("[[finding]]").count() == 5);
    ensure!(baseline.contains("en_anchors = [\"64/293\"]"), "{baseline}");
    ensure!(
        !baseline.contains("start"),
        "offsets are no part of a key: {baseline}"
    );

    let quiet = check(&workspace, &["--baseline", "baseline.toml"]);
    ensure!(quiet.status.code() == Some(0), "{}", stdout(&quiet));
    ensure!(
        stdout(&quiet).contains("0 errors, 0 warnings, 0 notes in 30 aligned paragraph pairs; 5 findings in the baseline not shown"),
        "{}",
        stdout(&quiet)
    );

    // A new fault, and a paragraph inserted above the accepted ones, which renumbers them.
    workspace.edit("es.md", "resolución 2008/33", "resolución 2008/38")?;
    workspace.edit(
        "en.md",
        "*Reiterating",
        "*Recalling* its resolution 2011/33 of 28 July 2011,\n\n*Reiterating",
    )?;
    workspace.edit(
        "es.md",
        "Reiterando",
        "Recordando su resolución 2011/33, de 28 de julio de 2011,\n\nReiterando",
    )?;
    let edited = check(&workspace, &["--baseline", "baseline.toml"]);
    ensure!(edited.status.code() == Some(1));
    let text = stdout(&edited);
    ensure!(heads(&text) == ["error[anchor-differs]"], "{text}");
    ensure!(
        text.contains("English 2008/33, Spanish 2008/38 (pre.5)"),
        "{text}"
    );
    ensure!(
        text.contains("5 findings in the baseline not shown"),
        "{text}"
    );

    // A baseline is not replaced by accident; when it is, the reasons written in it stay.
    let refused = check(&workspace, &["--write-baseline", "baseline.toml"]);
    ensure!(refused.status.code() == Some(2));
    ensure!(
        stderr(&refused).contains("already exists"),
        "{}",
        stderr(&refused)
    );
    let with_reason = baseline.replacen(
        "code = \"missing-in-spanish\"",
        "code = \"missing-in-spanish\"\nreason = \"deleted by the Committee\"",
        1,
    );
    workspace.write("baseline.toml", &with_reason)?;
    let rewritten = check(
        &workspace,
        &["--write-baseline", "baseline.toml", "--force"],
    );
    ensure!(rewritten.status.code() == Some(0), "{}", stderr(&rewritten));
    let again = workspace.read("baseline.toml")?;
    ensure!(again.matches("[[finding]]").count() == 6, "{again}");
    ensure!(
        again.contains("reason = \"deleted by the Committee\""),
        "{again}"
    );
    Ok(())
}

fn a_team_equivalence_silences_a_citation_its_languages_print_differently() -> Result<()> {
    let workspace = Workspace::new()?;
    workspace.edit(
        "en.md",
        "which constitutes an offence",
        "which constitutes an offence (see IOC/EC-55/Guidelines)",
    )?;
    workspace.edit(
        "es.md",
        "que constituye un delito",
        "que constituye un delito (véase IOC/EC-55/Directrices)",
    )?;
    let symbol_differs =
        "Document symbol differs: English IOC/EC-55/Guidelines, Spanish IOC/EC-55/Directrices";
    let unknown = check(&workspace, &[]);
    ensure!(
        stdout(&unknown).contains(symbol_differs),
        "{}",
        stdout(&unknown)
    );

    workspace.write(
        "resalign.toml",
        "[[equivalence]]\nkind = \"symbol-element\"\nen = \"Guidelines\"\nes = \"Directrices\"\n",
    )?;
    let known = check(&workspace, &[]);
    ensure!(!stdout(&known).contains("IOC/EC-55"), "{}", stdout(&known));
    // Everything else is still reported.
    ensure!(heads(&stdout(&known)).len() + 1 == heads(&stdout(&unknown)).len());

    workspace.write(
        "resalign.toml",
        "[[equivalence]]\nkind = \"symbol-elemnt\"\nen = \"Guidelines\"\nes = \"Directrices\"\n",
    )?;
    let mistyped = check(&workspace, &[]);
    ensure!(mistyped.status.code() == Some(2));
    ensure!(
        stderr(&mistyped).contains("resalign.toml") && stderr(&mistyped).contains("symbol-elemnt"),
        "{}",
        stderr(&mistyped)
    );
    Ok(())
}

fn a_team_shares_its_setup_in_resalign_toml() -> Result<()> {
    let workspace = Workspace::new()?;
    std::fs::create_dir(workspace.file("team"))?;
    let recorded = check(
        &workspace,
        &[
            "--only",
            "anchor-differs",
            "--write-baseline",
            "team/accepted.toml",
        ],
    );
    ensure!(recorded.status.code() == Some(0), "{}", stderr(&recorded));
    // The baseline is named relative to the settings file, wherever the command runs.
    workspace.write(
        "team/resalign.toml",
        "skip = [\"footnote-differs\"]\nbaseline = \"accepted.toml\"\n\n[severity]\nmerged-in-spanish = \"info\"\n",
    )?;
    let shared = check(&workspace, &["--config", "team/resalign.toml"]);
    let text = stdout(&shared);
    ensure!(
        heads(&text) == ["error[missing-in-spanish]", "note[merged-in-spanish]"],
        "{text}"
    );
    ensure!(
        text.contains("2 findings in the baseline not shown"),
        "{text}"
    );

    std::fs::copy(
        workspace.file("team/resalign.toml"),
        workspace.file("resalign.toml"),
    )?;
    std::fs::copy(
        workspace.file("team/accepted.toml"),
        workspace.file("accepted.toml"),
    )?;
    let found = check(&workspace, &[]);
    ensure!(
        stdout(&found) == text,
        "./resalign.toml is not read by default"
    );
    let ignored = check(&workspace, &["--no-config"]);
    ensure!(heads(&stdout(&ignored)).len() == 5, "{}", stdout(&ignored));

    workspace.write("resalign.toml", "min_severity = \"error\"\n")?;
    let typo = check(&workspace, &[]);
    ensure!(typo.status.code() == Some(2));
    let message = stderr(&typo);
    ensure!(
        message.contains("resalign.toml") && message.contains("unknown field `min_severity`"),
        "{message}"
    );
    Ok(())
}

fn csv_reads_back_in_pythons_csv_module_as_the_findings() -> Result<()> {
    let workspace = Workspace::new()?;
    let written = check(&workspace, &["--format", "csv", "-o", "findings.csv"]);
    ensure!(written.status.code() == Some(1), "{}", stderr(&written));
    let report: Value = serde_json::from_slice(&check(&workspace, &["--format", "json"]).stdout)?;
    let read = spreadsheet("csv", &workspace.file("findings.csv"))?;
    ensure!(read["bom"] == true, "no byte order mark for Excel");
    let rows = rows(&read["rows"]);
    ensure!(
        rows[0]
            == [
                "pair",
                "code",
                "severity",
                "en_units",
                "es_units",
                "en_excerpt",
                "es_excerpt",
                "message"
            ]
    );
    let findings = report["findings"].as_array().context("findings")?;
    ensure!(rows.len() == findings.len() + 1);
    for (row, finding) in rows[1..].iter().zip(findings) {
        ensure!(row[0] == "E/RES/2013/41");
        ensure!(
            row[1] == finding["code"]
                && row[2] == finding["severity"]
                && row[7] == finding["message"]
        );
    }
    let merged = rows
        .iter()
        .find(|row| row[1] == "merged-in-spanish")
        .context("merge row")?;
    ensure!(merged[3] == "op.12 op.13" && merged[4] == "op.12");
    // Two English units: a line each, inside one cell.
    ensure!(merged[5].lines().count() == 2, "{:?}", merged[5]);
    let anchor = rows
        .iter()
        .find(|row| row[1] == "anchor-differs")
        .context("anchor row")?;
    ensure!(
        anchor[5].contains("«64/293»") && anchor[6].contains("«64/239»"),
        "{anchor:?}"
    );
    Ok(())
}

fn xlsx_reads_back_in_openpyxl_with_the_differing_anchors_in_bold_red() -> Result<()> {
    let workspace = Workspace::new()?;
    let written = check(&workspace, &["--format", "xlsx", "-o", "review.xlsx"]);
    ensure!(written.status.code() == Some(1), "{}", stderr(&written));
    let read = spreadsheet("xlsx", &workspace.file("review.xlsx"))?;
    let findings = rows(&read["sheets"]["Findings"]);
    ensure!(findings.len() == 6, "{findings:?}");
    ensure!(findings[0][1] == "code" && findings[1][0] == "E/RES/2013/41");
    let paragraphs = rows(&read["sheets"]["Paragraphs"]);
    ensure!(
        paragraphs[0]
            == [
                "link", "shape", "score", "en_units", "English", "es_units", "Spanish", "findings"
            ]
    );
    // 31 paragraph links and 7 footnote links.
    ensure!(paragraphs.len() == 1 + 31 + 7, "{} rows", paragraphs.len());
    let merged = paragraphs
        .iter()
        .find(|row| row[3] == "op.12 op.13")
        .context("merge row")?;
    ensure!(merged[1] == "2-1" && merged[5] == "op.12" && merged[7] == "merged-in-spanish");
    ensure!(merged[4].starts_with("Acknowledges") && merged[6].starts_with("Reconoce"));
    let marked: Vec<String> = read["marked"]["Paragraphs"]
        .as_array()
        .context("marked")?
        .iter()
        .flat_map(|cell| cell[2].as_array().cloned().unwrap_or_default())
        .filter_map(|run| run.as_str().map(str::to_owned))
        .collect();
    for anchor in [
        "64/293",
        "64/239",
        "25 July 2008",
        "25 de junio de 2008",
        "vol. 2225, No. 39574",
    ] {
        ensure!(
            marked.iter().any(|run| run == anchor),
            "{anchor} is not bold red: {marked:?}"
        );
    }
    Ok(())
}

fn an_xlsx_workbook_is_not_written_to_a_terminal_nor_over_a_file() -> Result<()> {
    let workspace = Workspace::new()?;
    workspace.write("review.xlsx", "mine")?;
    let refused = check(&workspace, &["--format", "xlsx", "-o", "review.xlsx"]);
    ensure!(refused.status.code() == Some(2));
    ensure!(workspace.read("review.xlsx")? == "mine");
    Ok(())
}

fn tmx_units_with_findings_carry_their_codes_or_are_left_out() -> Result<()> {
    let workspace = Workspace::new()?;
    let marked = workspace.run(&["align", "en.md", "es.md", "--format", "tmx"]);
    ensure!(marked.status.code() == Some(0), "{}", stderr(&marked));
    let marked = stdout(&marked);
    let props = marked
        .matches("<prop type=\"x-resalign-findings\">")
        .count();
    ensure!(props == 4, "{props} units marked");
    ensure!(marked.contains("<prop type=\"x-resalign-findings\">merged-in-spanish</prop>"));
    let skipped = workspace.run(&[
        "align",
        "en.md",
        "es.md",
        "--format",
        "tmx",
        "--tmx-skip-findings",
    ]);
    let skipped = stdout(&skipped);
    ensure!(!skipped.contains("x-resalign-findings\">"));
    ensure!(skipped.matches("<tu>").count() + props == marked.matches("<tu>").count());
    ensure!(
        !skipped.contains("64/239"),
        "a wrong translation entered the memory"
    );
    // The team's filters decide what a unit is marked with.
    let filtered = workspace.run(&[
        "align",
        "en.md",
        "es.md",
        "--format",
        "tmx",
        "--skip",
        "anchor-differs",
    ]);
    ensure!(stdout(&filtered).matches("x-resalign-findings\">").count() == 2);
    Ok(())
}

fn help_describes_every_argument() -> Result<()> {
    let workspace = Workspace::new()?;
    let parse = stdout(&workspace.run(&["parse", "--help"]));
    ensure!(
        parse
            .contains("<FILE>\n          The resolution: markdown, pdftotext output or AKN4UN XML"),
        "{parse}"
    );
    let align = stdout(&workspace.run(&["align", "--help"]));
    ensure!(
        align.contains("--format <FORMAT>\n          What to write"),
        "{align}"
    );
    let check = stdout(&workspace.run(&["check", "--help"]));
    for option in [
        "--min-severity",
        "--skip <CODE>",
        "--only <CODE>",
        "--baseline <FILE>",
        "--write-baseline <FILE>",
        "--config <FILE>",
    ] {
        ensure!(check.contains(option), "check --help lacks {option}");
    }
    Ok(())
}

fn spanish_ordinals_and_the_based_on_wording_read_as_printed() -> Result<()> {
    let workspace = Workspace::new()?;
    // AKN4UN markup writes `53a sesión plenaria` where the document prints `53ª`.
    workspace.edit("es.md", "47ª sesión plenaria", "47a sesión plenaria")?;
    workspace.edit("es.md", "E/2013/30 y Corr.1", "E/2013/31 y Corr.1")?;
    let page = stdout(&check(&workspace, &["--format", "html"]));
    ensure!(page.contains("47ª sesión plenaria") && !page.contains("47a sesión"));
    let text = stdout(&check(&workspace, &[]));
    ensure!(
        text.contains(
            "The resolution is based on a different document: English E/2013/30, Spanish E/2013/31"
        ),
        "{text}"
    );
    Ok(())
}

resalign_testkit::test_main! {
    skip_only_and_min_severity_choose_what_is_shown_and_the_exit_status_follows,
    the_triage_loop_reports_only_what_is_new,
    a_team_equivalence_silences_a_citation_its_languages_print_differently,
    a_team_shares_its_setup_in_resalign_toml,
    csv_reads_back_in_pythons_csv_module_as_the_findings => [Python],
    xlsx_reads_back_in_openpyxl_with_the_differing_anchors_in_bold_red => [Openpyxl],
    an_xlsx_workbook_is_not_written_to_a_terminal_nor_over_a_file,
    tmx_units_with_findings_carry_their_codes_or_are_left_out,
    help_describes_every_argument,
    spanish_ordinals_and_the_based_on_wording_read_as_printed,
}
