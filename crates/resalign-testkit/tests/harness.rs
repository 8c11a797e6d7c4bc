//! The test harness as a newcomer meets it: this binary starts itself again as a binary of
//! example tests (`RESALIGN_HARNESS_EXAMPLES` set), with requirements absent or present,
//! demanded or not, and reads the lines and the summary it prints. And no test binary on the
//! harness (`harness = false`) keeps a `#[test]`, which would silently never run there.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};

use anyhow::{Context, Result, ensure};
use resalign_testkit::harness::{Harness, Requirement};

/// Set when this binary runs as the example binary.
const EXAMPLES: &str = "RESALIGN_HARNESS_EXAMPLES";

fn main() -> ExitCode {
    if std::env::var_os(EXAMPLES).is_some() {
        return examples().run();
    }
    let mut harness = Harness::new();
    harness.test(
        "absent_requirements_are_ignored_with_their_reasons",
        absent_requirements_are_ignored_with_their_reasons,
    );
    harness.test(
        "demanded_requirements_fail_when_absent",
        demanded_requirements_fail_when_absent,
    );
    harness.test(
        "present_requirements_run_their_tests",
        present_requirements_run_their_tests,
    );
    harness.test(
        "ignored_lists_and_runs_what_is_ignored_here",
        ignored_lists_and_runs_what_is_ignored_here,
    );
    harness.test(
        "filters_select_tests_and_a_failing_body_fails",
        filters_select_tests_and_a_failing_body_fails,
    );
    harness.test(
        "an_unknown_name_in_resalign_test_absent_is_an_error",
        an_unknown_name_in_resalign_test_absent_is_an_error,
    );
    harness.test(
        "no_harness_binary_keeps_a_test_attribute",
        no_harness_binary_keeps_a_test_attribute,
    );
    harness.run()
}

/// The example binary: each body says that it ran.
fn examples() -> Harness {
    let mut harness = Harness::new();
    harness.test("plain", || eprintln!("plain ran"));
    harness
        .test("reads_the_corpus", || eprintln!("corpus test ran"))
        .needs(Requirement::Corpus);
    harness
        .test("drives_chromium", || eprintln!("chromium test ran"))
        .needs(Requirement::Chromium);
    harness
        .test("reads_the_corpus_in_chromium", || {
            eprintln!("both test ran")
        })
        .needs(Requirement::Corpus)
        .needs(Requirement::Chromium);
    harness
        .test("declared_ignored", || eprintln!("declared test ran"))
        .ignore("waits for a fix");
    harness.test("fails", || -> Result<()> {
        anyhow::bail!("failed on purpose")
    });
    harness
}

/// What the example binary makes of `arguments` in an environment without CI or
/// `RESALIGN_REQUIRE_CORPUS`, with the variables in `environment` set. On two threads, a test's
/// line is printed once it is done, after what it printed.
fn run_examples(arguments: &[&str], environment: &[(&str, &str)]) -> Result<Run> {
    let mut command = Command::new(std::env::current_exe()?);
    for variable in [
        "CI",
        "RESALIGN_REQUIRE_CORPUS",
        "RESALIGN_TEST_ABSENT",
        "RUST_TEST_THREADS",
    ] {
        command.env_remove(variable);
    }
    command
        .env(EXAMPLES, "1")
        .envs(environment.iter().copied())
        .args(arguments)
        .args(["--test-threads", "2", "--color", "never"]);
    Run::of(command.output().context("the example binary")?)
}

/// A `PATH` with no programs on it: no Chromium, no Python.
const NO_PROGRAMS: (&str, &str) = ("PATH", "/nonexistent");

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn of(output: Output) -> Result<Run> {
        Ok(Run {
            status: output.status.code(),
            stdout: String::from_utf8(output.stdout)?,
            stderr: String::from_utf8(output.stderr)?,
        })
    }

    /// The lines printed, without the padding after test names.
    fn lines(&self) -> impl Iterator<Item = String> {
        self.stdout
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    fn says(&self, line: &str) -> Result<()> {
        ensure!(
            self.lines().any(|printed| printed == line),
            "no line `{line}` in:\n{}{}",
            self.stdout,
            self.stderr
        );
        Ok(())
    }

    /// Whether the run printed `text`: a status line on stdout, or what a test body printed,
    /// which goes to stderr so that it never lands inside another test's status line.
    fn prints(&self, text: &str) -> bool {
        self.lines().any(|line| line.contains(text)) || self.stderr.contains(text)
    }
}

fn summary(passed: usize, failed: usize, ignored: usize, filtered: usize) -> String {
    let result = if failed == 0 { "ok" } else { "FAILED" };
    format!(
        "test result: {result}. {passed} passed; {failed} failed; {ignored} ignored; 0 measured; \
         {filtered} filtered out"
    )
}

fn absent_requirements_are_ignored_with_their_reasons() -> Result<()> {
    let run = run_examples(
        &["--skip", "fails"],
        &[("RESALIGN_TEST_ABSENT", "corpus"), NO_PROGRAMS],
    )?;
    ensure!(run.status == Some(0), "{}{}", run.stdout, run.stderr);
    run.says("test plain ... ok")?;
    run.says("test reads_the_corpus ... ignored (RESALIGN_TEST_ABSENT takes corpus as absent)")?;
    run.says(
        "test drives_chromium ... ignored (no Chromium (apt-get install chromium, or \
         RESALIGN_CHROMIUM=PROGRAM))",
    )?;
    run.says(
        "test reads_the_corpus_in_chromium ... ignored (RESALIGN_TEST_ABSENT takes corpus as \
         absent; no Chromium (apt-get install chromium, or RESALIGN_CHROMIUM=PROGRAM))",
    )?;
    run.says("test declared_ignored ... ignored (waits for a fix)")?;
    ensure!(run.prints("plain ran"));
    ensure!(!run.prints("corpus test ran") && !run.prints("chromium test ran"));
    ensure!(!run.prints("both test ran") && !run.prints("declared test ran"));
    ensure!(run.prints(&summary(1, 0, 4, 1)), "{}", run.stdout);

    // What the variable takes as absent is said once, however many of a test's requirements.
    let bare = run_examples(&["--skip", "fails"], &[("RESALIGN_TEST_ABSENT", "all")])?;
    bare.says(
        "test reads_the_corpus_in_chromium ... ignored (RESALIGN_TEST_ABSENT takes corpus, \
         chromium as absent)",
    )?;
    ensure!(bare.prints(&summary(1, 0, 4, 1)), "{}", bare.stdout);
    Ok(())
}

fn demanded_requirements_fail_when_absent() -> Result<()> {
    let run = run_examples(
        &["--skip", "fails"],
        &[
            ("RESALIGN_TEST_ABSENT", "corpus"),
            ("RESALIGN_REQUIRE_CORPUS", "1"),
            ("CI", "true"),
            NO_PROGRAMS,
        ],
    )?;
    ensure!(run.status == Some(101), "{}{}", run.stdout, run.stderr);
    run.says("test reads_the_corpus ... FAILED")?;
    run.says("test drives_chromium ... FAILED")?;
    ensure!(run.prints(
        "RESALIGN_TEST_ABSENT takes corpus as absent, and RESALIGN_REQUIRE_CORPUS=1 makes that a \
         failure"
    ));
    ensure!(run.prints("RESALIGN_CHROMIUM=PROGRAM), and CI makes that a failure"));
    ensure!(run.prints(&summary(1, 3, 1, 1)), "{}", run.stdout);

    // Each setting demands its own requirements only.
    let ci_alone = run_examples(
        &["--skip", "fails"],
        &[
            ("RESALIGN_TEST_ABSENT", "corpus"),
            ("CI", "true"),
            NO_PROGRAMS,
        ],
    )?;
    ci_alone
        .says("test reads_the_corpus ... ignored (RESALIGN_TEST_ABSENT takes corpus as absent)")?;
    ci_alone.says("test drives_chromium ... FAILED")?;
    ci_alone.says("test reads_the_corpus_in_chromium ... FAILED")?;
    Ok(())
}

fn present_requirements_run_their_tests() -> Result<()> {
    let run = run_examples(&["--skip", "fails"], &[])?;
    for (requirement, test, ran, missing) in [
        (
            Requirement::Corpus,
            "reads_the_corpus",
            "corpus test ran",
            "no AKN4UN corpus at ",
        ),
        (
            Requirement::Chromium,
            "drives_chromium",
            "chromium test ran",
            "no Chromium",
        ),
    ] {
        if requirement.check().is_ok() {
            run.says(&format!("test {test} ... ok"))?;
            ensure!(run.prints(ran), "{}", run.stdout);
        } else {
            ensure!(
                run.prints(&format!("test {test} ... ignored ({missing}")),
                "{}",
                run.stdout
            );
            ensure!(!run.prints(ran));
        }
    }
    ensure!(run.status == Some(0), "{}{}", run.stdout, run.stderr);
    Ok(())
}

fn ignored_lists_and_runs_what_is_ignored_here() -> Result<()> {
    let absent = [("RESALIGN_TEST_ABSENT", "corpus"), NO_PROGRAMS];
    let listed = run_examples(&["--list", "--ignored"], &absent)?;
    ensure!(
        listed.stdout.lines().collect::<Vec<_>>()
            == [
                "reads_the_corpus: test",
                "drives_chromium: test",
                "reads_the_corpus_in_chromium: test",
                "declared_ignored: test"
            ],
        "{}",
        listed.stdout
    );
    let everything = run_examples(&["--list"], &absent)?;
    ensure!(
        everything.stdout.lines().count() == 6,
        "{}",
        everything.stdout
    );

    // Asked for, an ignored test runs: the declared one passes, the others fail, for what they
    // need is not here.
    let ignored = run_examples(&["--ignored"], &absent)?;
    ensure!(ignored.status == Some(101));
    ignored.says("test declared_ignored ... ok")?;
    ignored.says("test reads_the_corpus ... FAILED")?;
    ensure!(ignored.prints("RESALIGN_TEST_ABSENT takes corpus as absent (run as an ignored test)"));
    ensure!(ignored.prints(&summary(1, 3, 0, 2)), "{}", ignored.stdout);

    let included = run_examples(&["--include-ignored", "--skip", "fails"], &absent)?;
    ensure!(included.prints("plain ran") && included.prints("declared test ran"));
    ensure!(included.prints(&summary(2, 3, 0, 1)), "{}", included.stdout);
    Ok(())
}

fn filters_select_tests_and_a_failing_body_fails() -> Result<()> {
    let plain = run_examples(&["plain", "--exact"], &[])?;
    ensure!(plain.status == Some(0));
    ensure!(plain.prints(&summary(1, 0, 0, 5)), "{}", plain.stdout);

    let failing = run_examples(&["fail"], &[])?;
    ensure!(failing.status == Some(101));
    failing.says("test fails ... FAILED")?;
    failing.says("Error: failed on purpose")?;
    ensure!(failing.prints(&summary(0, 1, 0, 5)), "{}", failing.stdout);
    Ok(())
}

fn an_unknown_name_in_resalign_test_absent_is_an_error() -> Result<()> {
    let run = run_examples(&[], &[("RESALIGN_TEST_ABSENT", "corpus,corpse")])?;
    ensure!(run.status == Some(1), "{}{}", run.stdout, run.stderr);
    ensure!(
        run.stderr
            .contains("no requirement `corpse` (there are corpus, realpdf, chromium"),
        "{}",
        run.stderr
    );
    ensure!(!run.prints("plain ran"));
    Ok(())
}

fn no_harness_binary_keeps_a_test_attribute() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()?;
    let mut packages = vec![root.clone()];
    for entry in std::fs::read_dir(root.join("crates"))? {
        packages.push(entry?.path());
    }
    let mut binaries = Vec::new();
    for package in packages {
        binaries.extend(harness_binaries(&package)?);
    }
    let this = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/harness.rs")
        .canonicalize()?;
    ensure!(
        binaries.contains(&this),
        "this binary is not among {binaries:?}"
    );
    let mut kept = Vec::new();
    for binary in &binaries {
        for file in module_files(binary)? {
            let text = std::fs::read_to_string(&file)?;
            for (index, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("#[test]") {
                    kept.push(format!("{}:{}", file.display(), index + 1));
                }
            }
        }
    }
    ensure!(
        kept.is_empty(),
        "`#[test]` never runs in a binary with `harness = false`; list the test in its \
         `test_main!` instead: {kept:#?}"
    );
    Ok(())
}

/// The root source files of the package's `[[test]]` binaries that declare `harness = false`.
fn harness_binaries(package: &Path) -> Result<Vec<PathBuf>> {
    let manifest = package.join("Cargo.toml");
    let Ok(text) = std::fs::read_to_string(&manifest) else {
        return Ok(Vec::new());
    };
    let manifest: toml::Table = text.parse()?;
    let Some(tests) = manifest.get("test").and_then(toml::Value::as_array) else {
        return Ok(Vec::new());
    };
    let mut roots = Vec::new();
    for test in tests {
        if test.get("harness").and_then(toml::Value::as_bool) != Some(false) {
            continue;
        }
        let name = test
            .get("name")
            .and_then(toml::Value::as_str)
            .context("a [[test]] without a name")?;
        let root = match test.get("path").and_then(toml::Value::as_str) {
            Some(path) => package.join(path),
            None if package.join(format!("tests/{name}.rs")).is_file() => {
                package.join(format!("tests/{name}.rs"))
            }
            None => package.join(format!("tests/{name}/main.rs")),
        };
        ensure!(root.is_file(), "{} is not there", root.display());
        roots.push(root);
    }
    Ok(roots)
}

/// `root` and the files of the modules it declares (`mod name;`), theirs in turn.
fn module_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![(root.to_path_buf(), true)];
    while let Some((file, owns_folder)) = pending.pop() {
        let text = std::fs::read_to_string(&file)?;
        let folder = match (file.parent(), owns_folder) {
            (Some(parent), true) => parent.to_path_buf(),
            (Some(parent), false) => parent.join(file.file_stem().unwrap_or_default()),
            (None, _) => PathBuf::new(),
        };
        for line in text.lines() {
            let line = line.trim();
            let Some(name) = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("pub(crate) mod "))
                .or_else(|| line.strip_prefix("mod "))
                .and_then(|rest| rest.strip_suffix(';'))
            else {
                continue;
            };
            let flat = folder.join(format!("{name}.rs"));
            if flat.is_file() {
                pending.push((flat, false));
            } else {
                pending.push((folder.join(name).join("mod.rs"), true));
            }
        }
        files.push(file);
    }
    Ok(files)
}
