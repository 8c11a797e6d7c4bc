//! Which findings a command shows: the project file `resalign.toml` (in the current folder, or
//! given with `--config`), the command line's `--min-severity`, `--skip`, `--only` and
//! `--baseline`, and the baseline files themselves. The rules live in `resalign-align`
//! ([`Triage`], [`Baseline`]); this module reads and writes the files.
//!
//! `resalign.toml`:
//!
//! ```toml
//! min-severity = "warning"          # info, warning or error
//! skip = ["length-ratio"]           # codes never shown
//! only = []                         # when not empty, the only codes shown
//! baseline = "resalign-baseline.toml"   # relative to this file
//!
//! [severity]                        # the team's severity for a code
//! punctuation = "info"
//!
//! [[equivalence]]                   # a citation the team's languages print differently
//! kind = "symbol-element"
//! en = "Recommendation"
//! es = "Recomendación"
//! ```
//!
//! The command line wins: `--min-severity` and `--only` replace the file's, `--skip` adds to
//! its list, `--baseline` replaces its baseline, and `--no-config` ignores the file.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use resalign_align::{
    BASELINE_VERSION, Baseline, Checker, Convention, Conventions, FindingCode, Triage,
};
use resalign_core::Severity;
use serde::Deserialize;

use crate::output::{Output, Overwrite};

/// The project file looked for in the current folder.
pub const CONFIG_FILE: &str = "resalign.toml";

/// The options that choose the findings shown, shared by `align`, `check` and `batch`.
#[derive(Args, Debug)]
pub struct FindingArgs {
    /// Leave out findings below this severity (after the severities of resalign.toml).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    min_severity: Option<SeverityArg>,

    /// Leave out findings with this code; repeat for more (`--skip punctuation --skip
    /// length-ratio`).
    #[arg(long, value_name = "CODE", value_parser = parse_code)]
    skip: Vec<FindingCode>,

    /// Show only findings with this code; repeat for more.
    #[arg(long, value_name = "CODE", value_parser = parse_code)]
    only: Vec<FindingCode>,

    /// Leave out the findings recorded in this baseline (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Project settings: severities per code, --min-severity, --skip, --only, the baseline
    /// [default: ./resalign.toml when there is one].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,

    /// Do not read ./resalign.toml.
    #[arg(long)]
    no_config: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SeverityArg {
    Info,
    Warning,
    Error,
}

impl From<SeverityArg> for Severity {
    fn from(severity: SeverityArg) -> Severity {
        match severity {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

fn parse_code(name: &str) -> Result<FindingCode, String> {
    name.parse().map_err(|_: String| {
        let codes: Vec<&str> = FindingCode::ALL.iter().map(|code| code.name()).collect();
        format!("unknown finding code; the codes are {}", codes.join(", "))
    })
}

/// `resalign.toml`. A key this version does not know is an error, so a typing mistake is not
/// silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    min_severity: Option<Severity>,
    #[serde(default)]
    skip: Vec<FindingCode>,
    #[serde(default)]
    only: Vec<FindingCode>,
    baseline: Option<PathBuf>,
    #[serde(default)]
    severity: BTreeMap<FindingCode, Severity>,
    /// The team's own citation conventions, added to those resalign ships.
    #[serde(default)]
    equivalence: Vec<Convention>,
}

/// What a command shows of the findings, from the project file and the command line.
#[derive(Debug, Default)]
pub struct FindingSettings {
    /// The checks, with the team's equivalences.
    pub checker: Checker,
    pub triage: Triage,
    /// The baseline to leave out, and the file it was read from.
    pub baseline: Option<(PathBuf, Baseline)>,
}

impl FindingArgs {
    /// The settings, reading the project file and the baseline it or the command line names.
    /// `ignore_baseline` is for `--write-baseline`, which records every finding shown.
    pub fn settings(&self, ignore_baseline: bool) -> anyhow::Result<FindingSettings> {
        let (config, config_dir) = self.config()?;
        let mut triage = Triage::new();
        for (code, severity) in &config.severity {
            triage.severity(*code, *severity);
        }
        if let Some(severity) = self
            .min_severity
            .map(Severity::from)
            .or(config.min_severity)
        {
            triage.min_severity(severity);
        }
        for code in config.skip.iter().chain(&self.skip) {
            triage.skip(*code);
        }
        let only = if self.only.is_empty() {
            &config.only
        } else {
            &self.only
        };
        for code in only {
            triage.only(*code);
        }
        let baseline_path = match (&self.baseline, &config.baseline) {
            (Some(path), _) => Some(path.clone()),
            (None, Some(path)) => Some(config_dir.join(path)),
            (None, None) => None,
        };
        let baseline = match baseline_path {
            Some(path) if !ignore_baseline => {
                let baseline = read_baseline(&path)?;
                Some((path, baseline))
            }
            _ => None,
        };
        let mut conventions = Conventions::builtin();
        for convention in config.equivalence {
            conventions.add(convention);
        }
        let mut checker = Checker::new();
        checker.conventions(conventions);
        Ok(FindingSettings {
            checker,
            triage,
            baseline,
        })
    }

    /// The project file and the folder its relative paths start from.
    fn config(&self) -> anyhow::Result<(ConfigFile, PathBuf)> {
        let path = match &self.config {
            Some(path) => path.clone(),
            None if self.no_config => return Ok((ConfigFile::default(), PathBuf::from("."))),
            None => {
                let path = PathBuf::from(CONFIG_FILE);
                if !path.is_file() {
                    return Ok((ConfigFile::default(), PathBuf::from(".")));
                }
                path
            }
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the settings file {}", path.display()))?;
        let config: ConfigFile = toml::from_str(&text).map_err(|error| {
            anyhow::anyhow!("{}: {}", path.display(), error.to_string().trim_end())
        })?;
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok((config, folder))
    }
}

/// Reads a baseline file, refusing one written by a newer resalign.
pub fn read_baseline(path: &Path) -> anyhow::Result<Baseline> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read the baseline {} (write one with --write-baseline)",
            path.display()
        )
    })?;
    let baseline: Baseline = toml::from_str(&text)
        .map_err(|error| anyhow::anyhow!("{}: {}", path.display(), error.to_string().trim_end()))?;
    if baseline.version > BASELINE_VERSION {
        bail!(
            "{}: baseline version {} was written by a newer resalign; this one reads version {}",
            path.display(),
            baseline.version,
            BASELINE_VERSION
        );
    }
    Ok(baseline)
}

/// Writes a baseline whole, keeping the reasons a team wrote in the file it replaces.
pub fn write_baseline(
    path: &Path,
    mut baseline: Baseline,
    overwrite: Overwrite,
) -> anyhow::Result<usize> {
    if overwrite == Overwrite::Allow && path.is_file() {
        baseline.keep_reasons(&read_baseline(path)?);
    }
    let body = toml::to_string(&baseline)
        .with_context(|| format!("cannot write the baseline {}", path.display()))?;
    let mut text = String::new();
    for line in BASELINE_HEADER.lines() {
        let _ = writeln!(text, "# {line}");
    }
    text.push('\n');
    text.push_str(&body);
    Output::new(Some(path.to_path_buf()), overwrite).write_with(|out| {
        out.write_all(text.as_bytes())?;
        Ok(())
    })?;
    Ok(baseline.entries.len())
}

const BASELINE_HEADER: &str = "\
resalign baseline: findings a reviser has judged \"not an error\". `resalign check --baseline`
(and `batch --baseline`, or `baseline = ...` in resalign.toml) leaves them out and reports only
new ones. A finding is recognised by code, en and es (unit ids, fn.N for footnotes) and the
anchors' text; message is for reading only. Delete an entry to see its finding again; add
reason = \"...\" to say why it was accepted (kept when the baseline is written again).";
