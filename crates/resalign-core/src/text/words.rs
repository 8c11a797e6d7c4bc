//! The words a document uses, as the evidence for mending what a conversion broke: words
//! hyphenated at a line end (a compound keeps its hyphen, a word broken into syllables does
//! not), spaces `pdftotext` set inside words (`re port`), and hyphens it dropped when it joined a
//! line to the next.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::SourceFormat;

/// The words and hyphenated compounds of one document, in lower case.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    /// Words written without a hyphen, and how often.
    words: HashMap<String, usize>,
    /// Hyphenated compounds, and how often.
    compounds: HashMap<String, usize>,
    /// Compounds by their letters with one hyphen dropped (`secretarygeneral`,
    /// `wholeof-government`), as `pdftotext` prints them when it joins a line broken there.
    dropped: HashMap<String, String>,
}

/// How two lines join where the first ends with a hyphen or a dash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Join {
    /// With a space: the lines' words are apart (`short-` / `and long-term`).
    Space,
    /// Directly, the hyphen kept: a compound (`non-` / `communicable`), a range (`2021–` / `2026`).
    Direct,
    /// Directly, the hyphen dropped: a word broken into syllables (`coordina-` / `tion`).
    DropHyphen,
    /// Directly, without the space Word justified before the hyphen (`capacity -` / `building`).
    CloseUp,
}

/// Prefixes English always writes with a hyphen; a line-end break after one keeps it (`non-` /
/// `governmental`) unless the document writes the joined word elsewhere.
const HYPHENATED_PREFIXES: &[&str] = &[
    "non", "self", "socio", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety",
];

/// Words English often joins to another with a hyphen (`high-level`, `cost-effective`): a break
/// after one keeps the hyphen when the rest is a word of the document too.
const COMPOUND_HEADS: &[&str] = &[
    "cross",
    "well",
    "long",
    "short",
    "high",
    "low",
    "large",
    "small",
    "full",
    "cost",
    "decision",
    "peace",
    "follow",
    "first",
    "second",
    "third",
    "gender",
    "capacity",
    "country",
    "community",
    "evidence",
    "human",
    "people",
    "rights",
    "results",
    "risk",
    "women",
    "youth",
    "child",
];

/// Words after which a hyphen at a line end is suspended (`short-` / `and long-term`).
const CONJUNCTIONS: &[&str] = &["and", "or", "nor", "to", "y", "e", "o", "u", "ni", "a"];

impl Vocabulary {
    /// The words of `source`, leaving out the pieces of words broken at line ends.
    pub fn of(source: &str) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        let mut after_break = false;
        for line in source.lines() {
            let mut tokens = line.split_whitespace().peekable();
            if after_break {
                tokens.next();
            }
            after_break = false;
            while let Some(token) = tokens.next() {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let last = tokens.peek().is_none();
                if word.ends_with('-') || word.starts_with('-') {
                    after_break = last;
                    continue;
                }
                let word = word.to_lowercase();
                if word.contains('-') {
                    if word.split('-').all(|part| !part.is_empty()) {
                        vocabulary.add_compound(word);
                    }
                } else if word.chars().all(char::is_alphabetic) && !word.is_empty() {
                    *vocabulary.words.entry(word).or_default() += 1;
                }
            }
        }
        vocabulary
    }

    fn add_compound(&mut self, compound: String) {
        for (at, _) in compound.match_indices('-') {
            let dropped = format!("{}{}", &compound[..at], &compound[at + 1..]);
            self.dropped
                .entry(dropped)
                .or_insert_with(|| compound.clone());
        }
        *self.compounds.entry(compound).or_default() += 1;
    }

    pub fn has_word(&self, word: &str) -> bool {
        self.word_count(word) > 0
    }

    fn word_count(&self, word: &str) -> usize {
        self.words.get(&word.to_lowercase()).copied().unwrap_or(0)
    }

    pub fn has_compound(&self, head: &str, tail: &str) -> bool {
        self.compounds
            .contains_key(&format!("{head}-{tail}").to_lowercase())
    }

    /// How a line ending in `before` joins the next line, `after`.
    pub fn join(&self, before: &str, after: &str, format: SourceFormat) -> Join {
        if let Some(rest) = before.strip_suffix(['–', '—']) {
            // A range (`2021–` / `2026`) closes up; a dash between words keeps its space.
            let range = rest.ends_with(|c: char| c.is_ascii_digit())
                && after.starts_with(|c: char| c.is_ascii_digit());
            return if range { Join::Direct } else { Join::Space };
        }
        let Some(rest) = before.strip_suffix('-') else {
            return Join::Space;
        };
        let head = rest
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let tail = after
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if format == SourceFormat::Markdown {
            // Markdown from converters breaks words only into syllables.
            let starts_lower = tail.chars().next().is_some_and(char::is_lowercase);
            return if !head.is_empty() && starts_lower {
                Join::DropHyphen
            } else {
                Join::Space
            };
        }
        if head.is_empty() {
            return if rest.ends_with(' ') && rest.trim_end().ends_with(char::is_alphanumeric) {
                Join::CloseUp
            } else {
                Join::Space
            };
        }
        if tail.is_empty() {
            return if after.starts_with(|c: char| c.is_ascii_digit()) {
                Join::Direct
            } else {
                Join::Space
            };
        }
        if CONJUNCTIONS.contains(&tail) && after[tail.len()..].starts_with(' ') {
            return Join::Space;
        }
        if self.has_compound(head, tail) {
            return Join::Direct;
        }
        if self.has_word(&format!("{head}{tail}")) {
            return Join::DropHyphen;
        }
        let lower = head.to_lowercase();
        let tail_is_word = tail.chars().count() >= 3 && self.has_word(tail);
        let keeps = tail.starts_with(char::is_uppercase)
            || head.chars().all(|c| c.is_ascii_digit())
            || HYPHENATED_PREFIXES.contains(&lower.as_str())
            || (COMPOUND_HEADS.contains(&lower.as_str()) && tail_is_word)
            || (head.chars().count() >= 3 && self.has_word(head) && tail_is_word);
        if keeps {
            Join::Direct
        } else {
            Join::DropHyphen
        }
    }
}

/// What mends the lines of one document: the vocabulary, and for plain text without layout,
/// where the lines a dehyphenating conversion joined are.
pub(super) struct Mending<'v> {
    pub vocabulary: &'v Vocabulary,
    pub format: SourceFormat,
    /// Reading-order `pdftotext` output, which drops the hyphen of a line broken after one and
    /// joins the two lines: the width most lines reach, to find the joins.
    pub joined_lines: Option<usize>,
}

/// Number words that English joins with a hyphen to the next (`twenty-first`).
const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

impl Mending<'_> {
    pub fn join(&self, before: &str, after: &str) -> Join {
        self.vocabulary.join(before, after, self.format)
    }

    /// One line with the hyphens a dehyphenating conversion dropped put back: where the
    /// document writes the compound elsewhere (`SecretaryGeneral`), and, where the line is one
    /// the conversion joined, at the join when the words say so (`subSaharan`, `fiftysixth`,
    /// `capacity building` for `capacity -` / `building`).
    pub fn line<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let Some(width) = self.joined_lines else {
            return Cow::Borrowed(text);
        };
        let joined = text.chars().count() * 20 > width * 21;
        let mut mended = String::new();
        let mut last = 0;
        let mut previous_word: Option<(usize, &str)> = None;
        for (start, word) in word_spans(text) {
            let column = text[..start].chars().count();
            let at_join = joined
                && column * 10 <= width * 11
                && (column + word.chars().count()) * 10 >= width * 8;
            let replacement = self
                .restored(word, at_join)
                .map(|compound| (start, compound))
                .or_else(|| {
                    let (previous_start, previous) = previous_word?;
                    let spaced = &text[previous_start..start + word.len()];
                    let gap = &spaced[previous.len()..spaced.len() - word.len()];
                    (at_join && gap == " " && self.vocabulary.has_compound(previous, word))
                        .then(|| (previous_start, format!("{previous}-{word}")))
                });
            if let Some((from, compound)) = replacement
                && from >= last
            {
                mended.push_str(&text[last..from]);
                mended.push_str(&compound);
                last = start + word.len();
            }
            previous_word = Some((start, word));
        }
        if last == 0 {
            return Cow::Borrowed(text);
        }
        mended.push_str(&text[last..]);
        Cow::Owned(mended)
    }

    /// The compound a glued word stands for, keeping the word's capitals.
    fn restored(&self, word: &str, at_join: bool) -> Option<String> {
        if word.chars().count() < 5 {
            return None;
        }
        let lower = word.to_lowercase();
        let glued = self.vocabulary.word_count(&lower);
        // The document writes the compound more often than the glued word.
        if let Some(compound) = self.vocabulary.dropped.get(&lower)
            && self
                .vocabulary
                .compounds
                .get(compound)
                .copied()
                .unwrap_or(0)
                > glued
        {
            return Some(with_case_of(word, compound));
        }
        if !at_join || glued > 1 {
            return None;
        }
        // `subSaharan`, `SecretaryGeneral`, `ONUMujeres`: a capital followed by a lower-case
        // letter, after at least two letters.
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        for pair in chars.windows(3) {
            let [(_, a), (at, b), (_, c)] = [pair[0], pair[1], pair[2]];
            if at >= 2 && a.is_alphabetic() && b.is_uppercase() && c.is_lowercase() {
                return Some(format!("{}-{}", &word[..at], &word[at..]));
            }
        }
        let prefix = HYPHENATED_PREFIXES
            .iter()
            .chain(COMPOUND_HEADS)
            .filter(|prefix| lower.starts_with(**prefix) && lower.len() > prefix.len() + 2)
            .max_by_key(|prefix| prefix.len())?;
        let rest = &lower[prefix.len()..];
        let tens = TENS.contains(prefix);
        (tens || (rest.chars().count() >= 3 && self.vocabulary.has_word(rest)))
            .then(|| format!("{}-{}", &word[..prefix.len()], &word[prefix.len()..]))
    }
}

/// The words of a line (runs of letters), with their byte offsets.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                spans.push((from, &text[from..index]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        spans.push((from, &text[from..]));
    }
    spans.into_iter()
}

/// `compound` (lower case) with the capitals of `word`, its letters without the hyphens.
fn with_case_of(word: &str, compound: &str) -> String {
    let mut letters = word.chars();
    compound
        .chars()
        .map(|c| match c {
            '-' => '-',
            _ => letters.next().unwrap_or(c),
        })
        .collect()
}
