//! Citation conventions: forms the English and the Spanish version of a resolution print
//! differently by rule, which the checks therefore do not report. The built-in ones are data
//! (`data/conventions.tsv`), found in the corpus of official translations; a caller adds its
//! own.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// The conventions shipped with resalign, one entry a line.
const BUILTIN: &str = include_str!("../../data/conventions.tsv");

static BUILTIN_CONVENTIONS: LazyLock<Conventions> =
    LazyLock::new(|| Conventions::parse(BUILTIN).unwrap_or_default());

/// One citation convention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Convention {
    /// An element of a document symbol that each language translates: `Decisions` in
    /// `IOC/A-32/Decisions` is `Decisiones` in `IOC/A-32/Decisiones`.
    SymbolElement { en: String, es: String },
    /// A body named after the resolutions that set it up, printed as their serial numbers
    /// (`1267/1989/2253`, `1540`): where one language names the body, the other may cite the
    /// resolutions themselves (`las resoluciones 1267 (1999), 1989 (2011) y 2253 (2015)`).
    NamedByResolutions { resolutions: Vec<u32> },
    /// A phrase around a number that each language words its own way, `{n}` standing for the
    /// number: `post-{n}` and `posterior a {n}`.
    NumberPhrase { en: String, es: String },
    /// A prefix of resolution numbers that is sometimes printed apart from the number
    /// (`ES- 10/17` for `ES-10/17`).
    SpacedPrefix { prefix: String },
}

/// The citation conventions the checks read.
///
/// [`Conventions::builtin`] gives those resalign ships (the default of
/// [`Checker`](crate::Checker)); [`Conventions::add`] adds a team's own, and
/// [`Conventions::parse`] reads them in the format of the built-in data file: one entry a
/// line, fields separated by tabs, `#` starting a comment.
///
/// ```
/// use resalign_align::{Checker, Convention, Conventions};
///
/// let mut conventions = Conventions::builtin();
/// conventions.add(Convention::SymbolElement {
///     en: "Recommendation".into(),
///     es: "Recomendación".into(),
/// });
/// conventions.extend(Conventions::parse("number-phrase\tpre-{n}\tprevio a {n}\n")?);
/// let mut checker = Checker::new();
/// checker.conventions(conventions);
/// # Ok::<(), resalign_align::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conventions {
    entries: Vec<Convention>,
}

impl Conventions {
    /// No conventions at all: every difference is reported.
    pub fn new() -> Conventions {
        Conventions::default()
    }

    /// The conventions resalign ships, found in the corpus of official translations.
    pub fn builtin() -> Conventions {
        BUILTIN_CONVENTIONS.clone()
    }

    /// Reads conventions, one a line: `symbol-element EN ES`, `named-by-resolutions N/N/N`,
    /// `number-phrase EN ES` (with `{n}` in both), `spaced-prefix PREFIX`, fields separated by
    /// tabs. Blank lines and lines starting with `#` are skipped.
    pub fn parse(text: &str) -> Result<Conventions, Error> {
        let mut conventions = Conventions::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let convention = parse_line(line).map_err(|reason| {
                Error::new(ErrorKind::Conventions {
                    line: index + 1,
                    reason,
                })
            })?;
            conventions.add(convention);
        }
        Ok(conventions)
    }

    /// Adds one convention.
    pub fn add(&mut self, convention: Convention) -> &mut Conventions {
        if !self.entries.contains(&convention) {
            self.entries.push(convention);
        }
        self
    }

    /// Adds every convention of `other`.
    pub fn extend(&mut self, other: Conventions) -> &mut Conventions {
        for convention in other.entries {
            self.add(convention);
        }
        self
    }

    /// The conventions, in the order they were added.
    pub fn entries(&self) -> &[Convention] {
        &self.entries
    }

    /// A symbol key with every translated element in its English form, so that
    /// `IOC/A-32/Decisiones` and `IOC/A-32/Decisions` compare equal.
    pub(crate) fn canonical_symbol(&self, key: &str) -> Option<String> {
        let mut changed = false;
        let elements: Vec<&str> = key
            .split('/')
            .map(|element| {
                let english = self.entries.iter().find_map(|entry| match entry {
                    Convention::SymbolElement { en, es } if es == element => Some(en.as_str()),
                    _ => None,
                });
                changed |= english.is_some();
                english.unwrap_or(element)
            })
            .collect();
        changed.then(|| elements.join("/"))
    }

    /// A resolution number printed after a prefix set apart from it (`ES- 10/17`), with the
    /// prefix put back: `ES-10/17`. `before` is the text just before the number.
    pub(crate) fn rejoined_prefix(&self, key: &str, before: &str) -> Option<String> {
        let before = before.trim_end();
        self.entries.iter().find_map(|entry| match entry {
            Convention::SpacedPrefix { prefix }
                if before.ends_with(prefix.as_str()) && !key.starts_with(prefix.as_str()) =>
            {
                let start = before.len() - prefix.len();
                let glued_to_word = before[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                (!glued_to_word).then(|| format!("{prefix}{key}"))
            }
            _ => None,
        })
    }

    /// Whether a text names a body after the resolution with this serial number (`1267` in
    /// `the 1267/1989/2253 Committee`), or cites the resolutions a body is named after.
    pub(crate) fn names_body_of(&self, serial: u32, text: &str) -> bool {
        self.entries.iter().any(|entry| match entry {
            Convention::NamedByResolutions { resolutions } if resolutions.contains(&serial) => {
                contains_number(text, &name_of(resolutions))
            }
            _ => false,
        })
    }

    /// Whether `serial` is one of the resolutions a body is named after.
    pub(crate) fn is_naming_resolution(&self, serial: u32) -> bool {
        self.entries.iter().any(|entry| {
            matches!(entry, Convention::NamedByResolutions { resolutions } if resolutions.contains(&serial))
        })
    }

    /// Whether the other language's text words `number` in one of its phrases (`posterior a
    /// 2020` for a `2020` the English text has, or `post-2020` for the Spanish one).
    pub(crate) fn phrases_number(&self, number: &str, other_text: &str, other_is_en: bool) -> bool {
        self.entries.iter().any(|entry| match entry {
            Convention::NumberPhrase { en, es } => {
                let pattern = if other_is_en { en } else { es };
                contains_phrase(other_text, &pattern.replace("{n}", number))
            }
            _ => false,
        })
    }
}

fn parse_line(line: &str) -> Result<Convention, String> {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    let expect = |count: usize| {
        if fields.len() == count && fields.iter().all(|field| !field.is_empty()) {
            Ok(())
        } else {
            Err(format!(
                "`{}` takes {} tab-separated field{}, found {}",
                fields.first().copied().unwrap_or_default(),
                count - 1,
                if count == 2 { "" } else { "s" },
                fields.len().saturating_sub(1)
            ))
        }
    };
    match fields.first().copied().unwrap_or_default() {
        "symbol-element" => {
            expect(3)?;
            Ok(Convention::SymbolElement {
                en: fields[1].to_string(),
                es: fields[2].to_string(),
            })
        }
        "named-by-resolutions" => {
            expect(2)?;
            let resolutions = fields[1]
                .split('/')
                .map(|serial| serial.parse::<u32>())
                .collect::<Result<Vec<u32>, _>>()
                .map_err(|_| format!("`{}` is not serial numbers joined by `/`", fields[1]))?;
            Ok(Convention::NamedByResolutions { resolutions })
        }
        "number-phrase" => {
            expect(3)?;
            if !fields[1].contains("{n}") || !fields[2].contains("{n}") {
                return Err("both phrases of a number-phrase need `{n}`".to_string());
            }
            Ok(Convention::NumberPhrase {
                en: fields[1].to_string(),
                es: fields[2].to_string(),
            })
        }
        "spaced-prefix" => {
            expect(2)?;
            Ok(Convention::SpacedPrefix {
                prefix: fields[1].to_string(),
            })
        }
        other => Err(format!(
            "unknown convention `{other}` (symbol-element, named-by-resolutions, number-phrase, \
             spaced-prefix)"
        )),
    }
}

/// `1267/1989/2253`.
fn name_of(resolutions: &[u32]) -> String {
    resolutions
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `text` has `number` with no digit or `/` right before or after it.
pub(crate) fn contains_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        let free = |c: Option<char>| !c.is_some_and(|c| c.is_ascii_digit() || c == '/');
        free(before) && free(after)
    })
}

/// Whether `text` has `phrase`, ignoring case, hyphens and spaces (`post-2020` is `post2020`
/// where a line break took the hyphen), not inside a longer number.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let squeezed = |text: &str| -> String {
        text.chars()
            .filter(|c| *c != '-' && !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    contains_number(&squeezed(text), &squeezed(phrase))
}
