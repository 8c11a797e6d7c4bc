//! Hard wrapping as a typesetter does it: lines of about a fixed width, long words sometimes
//! hyphenated, and no line that starts with something a reader would take for a label.

use crate::inline::{Token, hyphenation_points};
use crate::lookalike::safe_line_start;
use crate::rng::Rng;
use crate::style::Hyphenation;

/// A piece of a wrapped line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fragment {
    /// The paragraph's label, which opens its first line.
    Label,
    Word(usize),
    /// The first `len` bytes of a word, printed with a hyphen at the line end.
    Head(usize, usize),
    /// The rest of a hyphenated word, from byte `from`.
    Tail(usize, usize),
}

pub(crate) type Line = Vec<Fragment>;

/// How far back a break may move to avoid a line start that looks like a label.
const LOOKBACK: usize = 3;

pub(crate) struct Wrapper<'a> {
    pub label: Option<&'a str>,
    pub tokens: &'a [Token],
    pub width: usize,
    pub hyphenation: Hyphenation,
}

impl Wrapper<'_> {
    pub(crate) fn wrap(&self, rng: &mut Rng) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut line: Line = Vec::new();
        if self.label.is_some() {
            line.push(Fragment::Label);
        }
        for index in 0..self.tokens.len() {
            let length = self.line_length(&line);
            let word = char_count(&self.tokens[index].text);
            let only_label = matches!(line.as_slice(), [Fragment::Label]);
            if line.is_empty() || only_label || length + 1 + word <= self.width {
                line.push(Fragment::Word(index));
                continue;
            }
            if let Some(head) = self.hyphenate(index, self.width.saturating_sub(length + 2), rng) {
                line.push(Fragment::Head(index, head));
                lines.push(std::mem::take(&mut line));
                line.push(Fragment::Tail(index, head));
                continue;
            }
            match self.break_position(&line, index) {
                Some(position) => {
                    let carried = line.split_off(position);
                    lines.push(std::mem::replace(&mut line, carried));
                    line.push(Fragment::Word(index));
                }
                None => line.push(Fragment::Word(index)),
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Where in `line` the next line may start so that `next` (not yet placed) follows on it:
    /// before `next` itself, or a few words earlier when `next` cannot open a line.
    fn break_position(&self, line: &Line, next: usize) -> Option<usize> {
        if self.may_start_line(next) {
            return Some(line.len());
        }
        (1..line.len())
            .rev()
            .take(LOOKBACK)
            .find(|&position| match line[position] {
                Fragment::Word(index) => self.may_start_line(index),
                _ => false,
            })
    }

    /// A word may open a line when it does not look like structure and the word before it does
    /// not end with a hyphen (a reader would join `gender-` and `and` into one word).
    fn may_start_line(&self, index: usize) -> bool {
        let follows_hyphen = index
            .checked_sub(1)
            .is_some_and(|previous| self.tokens[previous].text.ends_with('-'));
        safe_line_start(&self.tokens[index].text) && !follows_hyphen
    }

    /// The byte length of a hyphenated head of the word that fits in `room` columns.
    fn hyphenate(&self, index: usize, room: usize, rng: &mut Rng) -> Option<usize> {
        let token = &self.tokens[index];
        let percent = match self.hyphenation {
            Hyphenation::Frequent => 70,
            Hyphenation::Rare => 15,
        };
        if !token.bare || !rng.chance(percent) {
            return None;
        }
        hyphenation_points(&token.text)
            .into_iter()
            .rev()
            .find(|&head| char_count(&token.text[..head]) <= room)
    }

    fn line_length(&self, line: &Line) -> usize {
        let words: usize = line
            .iter()
            .map(|fragment| self.fragment_length(fragment))
            .sum();
        words + line.len().saturating_sub(1)
    }

    fn fragment_length(&self, fragment: &Fragment) -> usize {
        match fragment {
            Fragment::Label => self.label.map_or(0, char_count),
            Fragment::Word(index) => char_count(&self.tokens[*index].text),
            Fragment::Head(index, len) => char_count(&self.tokens[*index].text[..*len]) + 1,
            Fragment::Tail(index, from) => char_count(&self.tokens[*index].text[*from..]),
        }
    }
}

pub(crate) fn char_count(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::tokenize;
    use crate::style::CallStyle;

    fn printed(wrapper: &Wrapper<'_>, lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|line| {
                line.iter()
                    .map(|fragment| match fragment {
                        Fragment::Label => wrapper.label.unwrap_or_default().to_string(),
                        Fragment::Word(index) => wrapper.tokens[*index].text.clone(),
                        Fragment::Head(index, len) => {
                            format!("{}-", &wrapper.tokens[*index].text[..*len])
                        }
                        Fragment::Tail(index, from) => {
                            wrapper.tokens[*index].text[*from..].to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn no_wrapped_line_starts_like_a_label() {
        let text = "Recalling paragraphs 12. and (a) of the text, and recognizing 2013 efforts, a) b) c) among coordination arrangements";
        let tokens = tokenize(text, Vec::new(), CallStyle::Inline);
        for width in 10..40 {
            let wrapper = Wrapper {
                label: Some("(b)"),
                tokens: &tokens,
                width,
                hyphenation: Hyphenation::Frequent,
            };
            let lines = printed(&wrapper, &wrapper.wrap(&mut Rng::new(width as u64, 0)));
            assert!(lines[0].starts_with("(b) "));
            for line in &lines[1..] {
                let first = line.split(' ').next().unwrap_or_default();
                assert!(safe_line_start(first), "width {width}: line {line:?}");
            }
            let rejoined = lines.iter().fold(String::new(), |mut joined, line| {
                if joined.ends_with('-') {
                    joined.pop();
                } else if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(line);
                joined
            });
            assert_eq!(rejoined, format!("(b) {text}"));
        }
    }
}
