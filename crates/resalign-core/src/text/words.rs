//! The words a document uses, as the evidence for mending what a conversion broke: words
//! hyphenated at a line end (a compound keeps its hyphen, a word broken into syllables does
//! not), spaces `pdftotext` set inside words (`re port`), and hyphens it dropped when it joined a
//! line to the next.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::layout::Cleaned;
use crate::model::{Date, Language, SourceFormat};

/// The longest compound remembered (`non-governmental-organization-led` is 33 bytes), and
/// the most hyphens it may have.
const COMPOUND_BYTES: usize = 80;
const COMPOUND_HYPHENS: usize = 6;

/// The words and hyphenated compounds of one document, in lower case.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    /// Words written without a hyphen, and how often.
    words: HashMap<String, usize>,
    /// Hyphenated compounds, and how often.
    compounds: HashMap<String, usize>,
    /// How often a token stands next to another that it makes a word of the document with
    /// (`Confere nce`): pieces of a word `pdftotext` cut, where they never stand elsewhere.
    pieces: HashMap<String, usize>,
    /// How often two such tokens stand side by side.
    pairs: HashMap<(String, String), usize>,
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
            let mut previous: Option<&str> = None;
            while let Some(token) = tokens.next() {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let last = tokens.peek().is_none();
                // `high -quality`: Word justified a space in before the hyphen.
                if let (Some(head), Some(tail)) = (previous, word.strip_prefix('-'))
                    && !tail.is_empty()
                    && !tail.contains('-')
                {
                    vocabulary.add_compound(format!("{head}-{tail}").to_lowercase());
                }
                previous = word
                    .chars()
                    .all(char::is_alphanumeric)
                    .then_some(word)
                    .filter(|word| !word.is_empty());
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
        vocabulary.count_pieces(source);
        vocabulary
    }

    fn count_pieces(&mut self, source: &str) {
        let letters = |word: &str| !word.is_empty() && word.chars().all(char::is_alphabetic);
        for line in source.lines() {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            for pair in tokens.windows(2) {
                let (a, b) = (
                    pair[0],
                    pair[1].trim_end_matches(|c: char| !c.is_alphabetic()),
                );
                if letters(a) && letters(b) {
                    let pair = (a.to_lowercase(), b.to_lowercase());
                    *self.pairs.entry(pair).or_default() += 1;
                    if self.has_word(&format!("{a}{b}")) {
                        *self.pieces.entry(a.to_lowercase()).or_default() += 1;
                        *self.pieces.entry(b.to_lowercase()).or_default() += 1;
                    }
                }
            }
        }
    }

    /// How often `a b` stands in the document.
    pub fn pair_count(&self, a: &str, b: &str) -> usize {
        self.pairs
            .get(&(a.to_lowercase(), b.to_lowercase()))
            .copied()
            .unwrap_or(0)
    }

    /// Whether `part` stands somewhere as a word, not only beside a piece it completes.
    pub fn stands_alone(&self, part: &str) -> bool {
        let lower = part.to_lowercase();
        self.word_count(&lower) > self.pieces.get(&lower).copied().unwrap_or(0)
    }

    fn add_compound(&mut self, compound: String) {
        // Each hyphen gives a copy of the whole word: a token of thousands of hyphenated pieces
        // (a rule of dashes and letters) would take memory in the square of its length, and no
        // compound a conversion breaks is that long.
        if compound.len() > COMPOUND_BYTES || compound.matches('-').count() > COMPOUND_HYPHENS {
            return;
        }
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

    pub fn word_count(&self, word: &str) -> usize {
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
    pub language: Language,
    /// Reading-order `pdftotext` output, which drops the hyphen of a line broken after one and
    /// joins the two lines: the width most lines reach, to find the joins.
    pub joined_lines: Option<usize>,
}

/// The column (in characters) of byte offsets of a line asked in increasing order, counted
/// once: counting from the line's start for every word would be quadratic in a long line.
struct Columns<'t> {
    text: &'t str,
    byte: usize,
    column: usize,
}

impl<'t> Columns<'t> {
    fn new(text: &'t str) -> Columns<'t> {
        Columns {
            text,
            byte: 0,
            column: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            return self.text.get(..byte).map_or(0, |head| head.chars().count());
        }
        self.column += self
            .text
            .get(self.byte..byte)
            .map_or(0, |piece| piece.chars().count());
        self.byte = byte;
        self.column
    }
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
    /// `capacity building` for `capacity -` / `building` when the document writes
    /// `capacity-building`).
    pub fn line<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let Some(width) = self.joined_lines else {
            return Cow::Borrowed(text);
        };
        let joined = text.chars().count() * 20 > width * 21;
        let mut mended = String::new();
        let mut last = 0;
        let mut previous_word: Option<(usize, &str)> = None;
        let mut columns = Columns::new(text);
        for (start, word) in word_spans(text) {
            let column = columns.at(start);
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
        let mended = if last == 0 {
            Cow::Borrowed(text)
        } else {
            mended.push_str(&text[last..]);
            Cow::Owned(mended)
        };
        match self.numbered_compounds(&mended, width) {
            Some(restored) => Cow::Owned(restored),
            None => mended,
        }
    }

    /// The line with the hyphen put back in compounds of letters and figures that the
    /// conversion joined at the line break (`COVID19`, `ES10/15` where the document writes
    /// `COVID-19`, `ES-10/15`); `None` when there is none.
    fn numbered_compounds(&self, text: &str, width: usize) -> Option<String> {
        if text.chars().count() * 20 <= width * 21 {
            return None;
        }
        let mut mended = String::new();
        let mut last = 0;
        let mut columns = Columns::new(text);
        for (start, token) in spaced_tokens(text) {
            let core = token.trim_matches(|c: char| !c.is_alphanumeric());
            let start = start + token.find(core).unwrap_or(0);
            let column = columns.at(start);
            let at_join =
                column * 10 <= width * 11 && (column + core.chars().count()) * 10 >= width * 8;
            let mixed =
                core.chars().any(|c| c.is_ascii_digit()) && core.chars().any(char::is_alphabetic);
            let Some(compound) = self.vocabulary.dropped.get(&core.to_lowercase()) else {
                continue;
            };
            if at_join && mixed {
                mended.push_str(&text[last..start]);
                mended.push_str(&with_case_of(core, compound));
                last = start + core.len();
            }
        }
        (last > 0).then(|| {
            mended.push_str(&text[last..]);
            mended
        })
    }

    /// The compound a glued word stands for, keeping the word's capitals.
    fn restored(&self, word: &str, at_join: bool) -> Option<String> {
        if word.chars().count() < 5 {
            return None;
        }
        let lower = word.to_lowercase();
        let glued = self.vocabulary.word_count(&lower);
        // The document writes the compound more often than the glued word, or, where the
        // conversion joined two lines, writes it and never writes the glued word elsewhere.
        if let Some(compound) = self.vocabulary.dropped.get(&lower) {
            let written = self
                .vocabulary
                .compounds
                .get(compound)
                .copied()
                .unwrap_or(0);
            if written > glued || (at_join && written > 0 && glued <= 1) {
                return Some(with_case_of(word, compound));
            }
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

impl Mending<'_> {
    /// Mends the spacing `pdftotext` gets wrong in Word documents, whose justified lines it
    /// reads word by word: a space inside a word (`Confere nce`, `re port`) where the document
    /// writes the whole word elsewhere and a part is no word of it; a space before a hyphen
    /// (`UN -SPIDER`); a space inside quotation marks (`Countries ”`); a year cut in two after a
    /// month (`October 20 20`). Call offsets move with the text.
    pub fn spacing(&self, cleaned: Cleaned) -> Cleaned {
        let language = self.language;
        if self.format != SourceFormat::PlainText || !cleaned.text.contains(' ') {
            return cleaned;
        }
        let text = &cleaned.text;
        let mut dropped: Vec<usize> = Vec::new();
        let bytes = text.as_bytes();
        let tokens: Vec<(usize, &str)> = spaced_tokens(text);
        for (index, pair) in tokens.windows(2).enumerate() {
            let ((a_start, a), (b_start, b)) = (pair[0], pair[1]);
            let space = a_start + a.len();
            if b_start != space + 1 || bytes[space] != b' ' {
                continue;
            }
            if self.joins_across_space(a, b, &tokens[..index], language) {
                dropped.push(space);
            }
        }
        dropped.sort_unstable();
        dropped.dedup();
        if dropped.is_empty() {
            return cleaned;
        }
        remove_bytes(cleaned, &dropped)
    }

    fn joins_across_space(
        &self,
        a: &str,
        b: &str,
        before: &[(usize, &str)],
        language: Language,
    ) -> bool {
        // `UN -SPIDER`, `seventy -fifth`: a hyphen never has a space before it alone.
        if let Some(rest) = b.strip_prefix('-')
            && rest.starts_with(char::is_alphanumeric)
            && a.ends_with(char::is_alphanumeric)
        {
            return true;
        }
        if b.starts_with(['”', '’']) && a.ends_with(|c: char| c.is_alphanumeric() || c == '.') {
            return true;
        }
        if a == "“" || a == "‘" {
            return b.starts_with(char::is_alphanumeric);
        }
        if let Some(year) = split_year(a, b, before, language) {
            return year;
        }
        let letters = |word: &str| !word.is_empty() && word.chars().all(char::is_alphabetic);
        let (head, tail) = (a, b.trim_end_matches([',', '.', ';', ':']));
        if !letters(head) || !letters(tail) || tail.starts_with(char::is_uppercase) {
            return false;
        }
        let vocabulary = self.vocabulary;
        // Neither part may stand as a word anywhere else (`bien es` is two words, whatever
        // `bienes` is).
        let alone = |part: &str| vocabulary.stands_alone(part) || is_short_word(part, language);
        // A tail of a letter or two that is no word (`treat ed`) is a piece whatever the head.
        let fragment = tail.chars().count() <= 2 && !is_short_word(tail, language);
        let pieces = fragment || (!alone(head) && !alone(tail));
        // A short piece (`nce`, `ty`) is evidence enough; two long ones (`road map`) need the
        // whole word to be common in the document.
        let short_piece = head.chars().count().min(tail.chars().count()) <= 3;
        let whole = vocabulary.word_count(&format!("{head}{tail}"));
        // A spelling the document keeps (`road map` beside `roadmap`) is no cut.
        if whole > 0 {
            return pieces && (short_piece || whole >= 3) && vocabulary.pair_count(head, tail) <= 1;
        }
        // A word the document writes only here, cut before an ending that English words take
        // and no English word is (`peopl e`, `treat ed`, `universali ty`).
        const ENDINGS: &[&str] = &["e", "ed", "ty", "ng", "ly", "d", "s"];
        let after_vowel = head.ends_with(['a', 'e', 'i', 'o', 'u']);
        language == Language::En
            && ENDINGS.contains(&tail)
            && (tail.len() > 1 || tail == "e" || after_vowel)
            && head.chars().count() >= 4
            && head.chars().all(|c| c.is_lowercase())
            && vocabulary.word_count(head) <= 1
            && vocabulary.pair_count(head, tail) <= 1
    }
}

/// The words of one or two letters a language has: anything else that short is a piece of a
/// word (Latin phrases included: `per se`, `ad hoc`).
fn is_short_word(word: &str, language: Language) -> bool {
    const LATIN: &[&str] = &["se", "et", "al", "de", "vs"];
    const ENGLISH: &[&str] = &[
        "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it",
        "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "ok",
    ];
    const SPANISH: &[&str] = &[
        "a", "e", "o", "u", "y", "al", "da", "de", "dé", "di", "el", "él", "en", "es", "fe", "ha",
        "he", "la", "le", "lo", "me", "mi", "mí", "ni", "no", "os", "se", "sé", "si", "sí", "su",
        "te", "té", "ti", "tu", "tú", "un", "va", "ve", "vi", "ya", "yo",
    ];
    let lower = word.to_lowercase();
    let words = match language {
        Language::En => ENGLISH,
        Language::Es => SPANISH,
    };
    words.contains(&lower.as_str()) || LATIN.contains(&lower.as_str())
}

/// The blank-separated tokens of a text, with their byte offsets.
fn spaced_tokens(text: &str) -> Vec<(usize, &str)> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        match (c == ' ', start) {
            (false, None) => start = Some(index),
            (true, Some(from)) => {
                tokens.push((from, &text[from..index]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        tokens.push((from, &text[from..]));
    }
    tokens
}

/// `October 20 20`, `octubre de 20 20`: two halves of a year after a month. `None` when the
/// tokens are not two-digit numbers.
fn split_year(
    a: &str,
    b: &str,
    tokens_before: &[(usize, &str)],
    language: Language,
) -> Option<bool> {
    let two_digits = |token: &str| token.len() == 2 && token.bytes().all(|b| b.is_ascii_digit());
    let b_digits = b.trim_end_matches(|c: char| !c.is_ascii_digit());
    if !two_digits(a) || !two_digits(b_digits) {
        return None;
    }
    let before: Vec<&str> = tokens_before
        .iter()
        .rev()
        .take(2)
        .map(|(_, t)| *t)
        .collect();
    let is_month = |word: &str| {
        Date::month_names(language)
            .iter()
            .any(|month| month.eq_ignore_ascii_case(word.trim_end_matches(',')))
    };
    let after_month = before.first().is_some_and(|word| is_month(word))
        || (before.first() == Some(&"de") && before.get(1).is_some_and(|word| is_month(word)));
    let century = matches!(a, "19" | "20" | "21");
    Some(after_month && century)
}

/// The text without the bytes at `offsets` (single spaces), calls and the emphasis end moved.
fn remove_bytes(cleaned: Cleaned, offsets: &[usize]) -> Cleaned {
    let shift = |offset: usize| offset - offsets.partition_point(|&at| at < offset);
    let mut text = String::with_capacity(cleaned.text.len());
    let mut last = 0;
    for &at in offsets {
        text.push_str(&cleaned.text[last..at]);
        last = at + 1;
    }
    text.push_str(&cleaned.text[last..]);
    Cleaned {
        text,
        calls: cleaned
            .calls
            .into_iter()
            .map(|mut call| {
                call.offset = shift(call.offset);
                call
            })
            .collect(),
        lead_emphasis: cleaned.lead_emphasis.map(shift),
    }
}
