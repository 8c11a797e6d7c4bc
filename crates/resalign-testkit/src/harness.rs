//! The `main` of a test binary whose tests need what a machine may lack (the corpus, the
//! official PDFs, Chromium, a Python package, LibreOffice, pdftotext, Spark): each test names its
//! [`Requirement`]s, and one whose requirement is absent is reported `ignored` with the reason,
//! so that the summary tells a skip from a pass:
//!
//! ```text
//! test corpus_pairs_stream_into_one_memory ... ignored (no AKN4UN corpus at /work/shared/corpus/unxml; the README says where to get it)
//! test result: ok. 10 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.41s
//! ```
//!
//! Where the absence must not go unseen it is a failure instead, as before: the corpus and the
//! official PDFs under `RESALIGN_REQUIRE_CORPUS=1`, the programs and Python packages when `CI`
//! is set (`.ci/run` sets both). `RESALIGN_TEST_ABSENT=corpus,chromium` (names from
//! [`Requirement::name`], or `all`) takes requirements as absent even where they are present,
//! to see what a bare machine sees.
//!
//! Built on libtest-mimic, so the command line is libtest's: `cargo test NAME`, `--exact`,
//! `--skip`, `--list`, `--ignored` (also the tests this machine ignores; they fail, since what
//! they need is absent), `--include-ignored`, `--test-threads` (and `RUST_TEST_THREADS`),
//! `--format`. Unlike libtest it does not capture what a test prints.
//!
//! # Converting a test binary
//!
//! 1. In the crate's `Cargo.toml`, declare the binary with `harness = false` (for
//!    `tests/batch/main.rs` the name is `batch`), and give the crate `resalign-testkit` as a
//!    dev-dependency if it lacks it:
//!    ```toml
//!    [[test]]
//!    name = "text_roundtrip"
//!    harness = false
//!    ```
//! 2. Drop each `#[test]` (inside `proptest!` too: the macro then makes a plain function). A body
//!    stays a plain function returning `()` or `Result<(), E: Debug>`; a `#[test]` left in such
//!    a binary would silently never run, which `tests/harness.rs` of this crate catches.
//! 3. A body does not look for what it needs: it takes the folder from
//!    [`corpus_dir`](crate::corpus::corpus_dir) or [`realpdf_dir`](crate::corpus::realpdf_dir),
//!    and a helper that runs a tool gives its result or an error, never a skip.
//! 4. End the file with the list of its tests, each with what it needs. The macro writes
//!    `main`, naming each test by its path as libtest would (`corpus::the_corpus_has_429_pairs`,
//!    in a binary of modules whose test functions are `pub(crate)`):
//!    ```text
//!    resalign_testkit::test_main! {
//!        fixture_paragraphs_open_with_the_expected_phrase,
//!        corpus_coverage_and_agreement => [Corpus],
//!        html_report_in_the_browser => [Corpus, Chromium],
//!    }
//!    ```
//! 5. A requirement the list lacks (say `tesseract`) is a new [`Requirement`] variant: how to
//!    find it, what to say when it is missing, and which setting demands it.
//!
//! Generated tests (one per fixture file) use [`Harness`] itself: `harness.test(name, body)`
//! takes any closure, and `.ignore(reason)` ignores a test wherever it runs, as libtest's
//! attribute does.

use std::fmt::Debug;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::OnceLock;

use libtest_mimic::{Arguments, Completion, Failed, Trial};

use crate::browser;
use crate::corpus::{corpus_dir, realpdf_dir};

/// What a test may need that a machine may lack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Requirement {
    /// The AKN4UN corpus at `../shared/corpus/unxml` ([`corpus_dir`]).
    Corpus,
    /// The official resolution PDFs at `../shared/realpdf` ([`realpdf_dir`]).
    RealPdfs,
    /// A headless Chromium ([`browser::chromium`]).
    Chromium,
    /// `python3`, with its standard library (the csv module).
    Python,
    /// Python's Translate Toolkit, a real TMX and XLIFF 2.0 reader.
    TranslateToolkit,
    /// Python's openpyxl, a real XLSX reader.
    Openpyxl,
    /// LibreOffice's `soffice`, which typesets documents.
    LibreOffice,
    /// Poppler's `pdftotext`, which makes the text a translator copies out of a PDF.
    Pdftotext,
    /// A Java runtime and pyspark, for Spark's local mode.
    Spark,
}

/// The setting that makes a requirement's absence a failure rather than an ignored test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demand {
    /// `RESALIGN_REQUIRE_CORPUS=1`: the shared data must be there.
    RequireCorpus,
    /// `CI` set: the programs `.ci/run` installs must be there.
    Ci,
}

impl Demand {
    /// Whether the environment sets it.
    pub fn in_force(self) -> bool {
        match self {
            Demand::RequireCorpus => std::env::var("RESALIGN_REQUIRE_CORPUS").as_deref() == Ok("1"),
            Demand::Ci => std::env::var_os("CI").is_some(),
        }
    }

    fn setting(self) -> &'static str {
        match self {
            Demand::RequireCorpus => "RESALIGN_REQUIRE_CORPUS=1",
            Demand::Ci => "CI",
        }
    }
}

/// The variable that takes requirements as absent, to try what a bare machine sees.
const TAKEN_AS_ABSENT: &str = "RESALIGN_TEST_ABSENT";

impl Requirement {
    pub const ALL: [Requirement; 9] = [
        Requirement::Corpus,
        Requirement::RealPdfs,
        Requirement::Chromium,
        Requirement::Python,
        Requirement::TranslateToolkit,
        Requirement::Openpyxl,
        Requirement::LibreOffice,
        Requirement::Pdftotext,
        Requirement::Spark,
    ];

    /// Its name in `RESALIGN_TEST_ABSENT`.
    pub fn name(self) -> &'static str {
        match self {
            Requirement::Corpus => "corpus",
            Requirement::RealPdfs => "realpdf",
            Requirement::Chromium => "chromium",
            Requirement::Python => "python",
            Requirement::TranslateToolkit => "translate-toolkit",
            Requirement::Openpyxl => "openpyxl",
            Requirement::LibreOffice => "libreoffice",
            Requirement::Pdftotext => "pdftotext",
            Requirement::Spark => "spark",
        }
    }

    /// The setting under which its absence fails the test.
    pub fn demand(self) -> Demand {
        match self {
            Requirement::Corpus | Requirement::RealPdfs => Demand::RequireCorpus,
            _ => Demand::Ci,
        }
    }

    /// Whether it is here, or what is missing and how to get it. This looks afresh each time;
    /// the harness asks once per test binary.
    pub fn check(self) -> Result<(), String> {
        let found = match self {
            Requirement::Corpus => corpus_dir().is_dir(),
            Requirement::RealPdfs => realpdf_dir().is_dir(),
            Requirement::Chromium => browser::chromium().is_ok(),
            Requirement::Python => python_imports("csv"),
            Requirement::TranslateToolkit => {
                python_imports("translate.storage.tmx, translate.storage.xliff2")
            }
            Requirement::Openpyxl => python_imports("openpyxl"),
            Requirement::LibreOffice => runs("soffice", "--version"),
            Requirement::Pdftotext => runs("pdftotext", "-v"),
            Requirement::Spark => runs("java", "-version") && python_imports("pyspark"),
        };
        if found { Ok(()) } else { Err(self.missing()) }
    }

    fn missing(self) -> String {
        match self {
            Requirement::Corpus => format!(
                "no AKN4UN corpus at {}; the README says where to get it",
                tidy(&corpus_dir()).display()
            ),
            Requirement::RealPdfs => {
                format!("no official PDFs at {}", tidy(&realpdf_dir()).display())
            }
            Requirement::Chromium => {
                "no Chromium (apt-get install chromium, or RESALIGN_CHROMIUM=PROGRAM)".to_owned()
            }
            Requirement::Python => "no python3 (apt-get install python3)".to_owned(),
            Requirement::TranslateToolkit => "no Translate Toolkit \
                 (python3 -m pip install 'translate-toolkit==3.20.4')"
                .to_owned(),
            Requirement::Openpyxl => {
                "no openpyxl (python3 -m pip install 'openpyxl==3.1.5')".to_owned()
            }
            Requirement::LibreOffice => {
                "no LibreOffice (apt-get install libreoffice-writer-nogui)".to_owned()
            }
            Requirement::Pdftotext => "no pdftotext (apt-get install poppler-utils)".to_owned(),
            Requirement::Spark => "no Java runtime or no pyspark (apt-get install \
                 default-jre-headless; python3 -m pip install 'pyspark==4.3.0')"
                .to_owned(),
        }
    }

    /// [`check`](Self::check), done once per binary, unless `RESALIGN_TEST_ABSENT` names it.
    fn presence(self) -> &'static Result<(), Absence> {
        static PRESENCE: [OnceLock<Result<(), Absence>>; Requirement::ALL.len()] =
            [const { OnceLock::new() }; Requirement::ALL.len()];
        PRESENCE[self as usize].get_or_init(|| match taken_as_absent() {
            Ok(absent) if absent.contains(&self) => Err(Absence::Taken),
            _ => self.check().map_err(Absence::Missing),
        })
    }
}

/// Why a requirement counts as absent.
#[derive(Debug)]
enum Absence {
    /// `RESALIGN_TEST_ABSENT` names it.
    Taken,
    /// It is not here: what is missing and how to get it.
    Missing(String),
}

/// What is absent of a test's requirements, in a sentence: what `RESALIGN_TEST_ABSENT` takes as
/// absent said once, then what is missing here.
fn absences(absent: &[(Requirement, &Absence)]) -> String {
    let taken: Vec<&str> = absent
        .iter()
        .filter(|(_, absence)| matches!(absence, Absence::Taken))
        .map(|(requirement, _)| requirement.name())
        .collect();
    let mut parts = Vec::with_capacity(absent.len());
    if !taken.is_empty() {
        parts.push(format!(
            "{TAKEN_AS_ABSENT} takes {} as absent",
            taken.join(", ")
        ));
    }
    parts.extend(absent.iter().filter_map(|(_, absence)| match absence {
        Absence::Taken => None,
        Absence::Missing(missing) => Some(missing.clone()),
    }));
    parts.join("; ")
}

/// The requirements `RESALIGN_TEST_ABSENT` names, or what is wrong with its value.
fn taken_as_absent() -> &'static Result<Vec<Requirement>, String> {
    static ABSENT: OnceLock<Result<Vec<Requirement>, String>> = OnceLock::new();
    ABSENT.get_or_init(|| {
        let Some(value) = std::env::var_os(TAKEN_AS_ABSENT) else {
            return Ok(Vec::new());
        };
        let value = value.to_string_lossy();
        value
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .try_fold(Vec::new(), |mut absent, name| {
                if name == "all" {
                    absent.extend(Requirement::ALL);
                    return Ok(absent);
                }
                let requirement = Requirement::ALL
                    .into_iter()
                    .find(|requirement| requirement.name() == name)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Requirement::ALL.map(Requirement::name).into();
                        format!(
                            "{TAKEN_AS_ABSENT}={value}: no requirement `{name}` (there are {}, and all)",
                            names.join(", ")
                        )
                    })?;
                absent.push(requirement);
                Ok(absent)
            })
    })
}

fn runs(program: &str, argument: &str) -> bool {
    Command::new(program)
        .arg(argument)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn python_imports(modules: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// `path` without its `..` steps, as a reader would write it (the folder need not exist).
fn tidy(path: &Path) -> PathBuf {
    let mut tidied = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                tidied.pop();
            }
            Component::CurDir => {}
            other => tidied.push(other),
        }
    }
    tidied
}

/// What a test body returns: nothing, or a `Result` whose error fails the test.
pub trait TestOutcome {
    fn into_result(self) -> Result<(), Failed>;
}

impl TestOutcome for () {
    fn into_result(self) -> Result<(), Failed> {
        Ok(())
    }
}

impl<E: Debug> TestOutcome for Result<(), E> {
    fn into_result(self) -> Result<(), Failed> {
        // As libtest reports a test's `Err`: the error's Debug form (anyhow's, with its causes).
        self.map_err(|error| format!("Error: {error:?}").into())
    }
}

type Body = Box<dyn FnOnce() -> Result<(), Failed> + Send>;

/// One test of a [`Harness`]: its name, body, requirements and any declared ignore.
pub struct Test {
    name: String,
    body: Body,
    needs: Vec<Requirement>,
    ignore: Option<&'static str>,
}

impl Test {
    /// The test runs only where `requirement` is present.
    pub fn needs(&mut self, requirement: Requirement) -> &mut Test {
        self.needs.push(requirement);
        self
    }

    /// Ignored wherever it is, as libtest's `ignore` attribute with a reason; `--ignored` runs it.
    pub fn ignore(&mut self, reason: &'static str) -> &mut Test {
        self.ignore = Some(reason);
        self
    }
}

/// The tests of one binary, run as libtest would run them.
#[derive(Default)]
pub struct Harness {
    tests: Vec<Test>,
}

impl Harness {
    pub fn new() -> Harness {
        Harness::default()
    }

    /// Adds a test named `name` (as `cargo test NAME` filters it) running `body`.
    pub fn test<R: TestOutcome>(
        &mut self,
        name: impl Into<String>,
        body: impl FnOnce() -> R + Send + 'static,
    ) -> &mut Test {
        self.tests.push(Test {
            name: name.into(),
            body: Box::new(move || body().into_result()),
            needs: Vec::new(),
            ignore: None,
        });
        let last = self.tests.len() - 1;
        &mut self.tests[last]
    }

    /// Runs the tests the command line selects and gives the exit status libtest would.
    pub fn run(self) -> ExitCode {
        if let Err(problem) = taken_as_absent() {
            eprintln!("error: {problem}");
            return ExitCode::FAILURE;
        }
        let mut arguments = Arguments::from_args();
        if arguments.test_threads.is_none() {
            arguments.test_threads = std::env::var("RUST_TEST_THREADS")
                .ok()
                .and_then(|threads| threads.parse().ok());
        }
        let asked_for_ignored = arguments.ignored || arguments.include_ignored;
        let trials = self
            .tests
            .into_iter()
            .map(|test| {
                // `--ignored` selects by the ignored flag, so it must know now what is absent.
                // Otherwise the flag changes nothing but hides the reason, which the trial
                // gives when it runs, looking only then for what it needs.
                let selected_as_ignored = arguments.ignored
                    && (test.ignore.is_some()
                        || test.needs.iter().any(|requirement| {
                            requirement.presence().is_err() && !requirement.demand().in_force()
                        }));
                trial(test, asked_for_ignored).with_ignored_flag(selected_as_ignored)
            })
            .collect();
        libtest_mimic::run(&arguments, trials).exit_code()
    }
}

/// The libtest-mimic trial of `test`: it first looks for what the test needs.
fn trial(test: Test, asked_for_ignored: bool) -> Trial {
    let Test {
        name,
        body,
        needs,
        ignore,
    } = test;
    Trial::ignorable_test(name, move || {
        if let (Some(reason), false) = (ignore, asked_for_ignored) {
            return Ok(Completion::ignored_with(reason));
        }
        // Every absence is named at once, so that one run tells all that is to be installed.
        let mut demanded = Vec::new();
        let mut absent = Vec::new();
        for requirement in needs {
            let Err(absence) = requirement.presence() else {
                continue;
            };
            let demand = requirement.demand();
            if demand.in_force() {
                demanded.push(format!(
                    "{}, and {} makes that a failure",
                    absences(&[(requirement, absence)]),
                    demand.setting()
                ));
            } else {
                absent.push((requirement, absence));
            }
        }
        if !demanded.is_empty() {
            return Err(demanded.join("; ").into());
        }
        if !absent.is_empty() {
            let reason = absences(&absent);
            if asked_for_ignored {
                return Err(format!("{reason} (run as an ignored test)").into());
            }
            return Ok(Completion::ignored_with(reason));
        }
        body().map(|()| Completion::Completed)
    })
}

/// Writes a test binary's `main`: its tests, each by its path (named as libtest names it),
/// optionally with `=> [Requirement, ...]`. See the module's guide in `harness.rs`.
#[macro_export]
macro_rules! test_main {
    ($($test:path $(=> [$($needs:ident),* $(,)?])?),* $(,)?) => {
        fn main() -> ::std::process::ExitCode {
            let mut harness = $crate::harness::Harness::new();
            $(
                harness
                    .test(stringify!($test), $test)
                    $($(.needs($crate::harness::Requirement::$needs))*)?;
            )*
            harness.run()
        }
    };
}
