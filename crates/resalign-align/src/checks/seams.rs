//! Traces a merge or a split leaves in the text itself, for when the aligner linked one half of
//! a merged or split paragraph and left the other half alone. A merge keeps the first
//! paragraph's closing mark inside the text (`...; Decide seguir...`) and ends as the second
//! paragraph did; a split leaves a tail that opens in lower case and ends as the whole did.

use resalign_core::Unit;

use super::punctuation::Closing;

/// Whether `joined` reads as `first` and `second` run together.
pub(crate) fn merge_seam(first: &Unit, second: &Unit, joined: &Unit) -> bool {
    let (first_closing, second_closing) = (Closing::of(&first.text), Closing::of(&second.text));
    // A comma followed by a capital is common inside a paragraph (before a name), so it counts
    // only where the closing marks of the two paragraphs differ as well.
    let distinct = first_closing != Closing::Comma || first_closing != second_closing;
    Closing::of(&joined.text) == second_closing
        && distinct
        && first_closing
            .mark()
            .is_some_and(|mark| has_inner_boundary(&joined.text, mark))
}

/// Whether `head` and `tail` read as one paragraph cut in two, `whole` being its counterpart.
pub(crate) fn split_seam(whole: &Unit, tail: &Unit) -> bool {
    tail.text
        .trim_start()
        .starts_with(|c: char| c.is_lowercase())
        && Closing::of(&tail.text) == Closing::of(&whole.text)
}

/// A closing mark inside the text followed by a blank and a capital: where one paragraph
/// ended and the next began.
fn has_inner_boundary(text: &str, mark: char) -> bool {
    let trimmed = text.trim_end();
    let inner = trimmed
        .char_indices()
        .last()
        .map_or(trimmed, |(last, _)| trimmed.get(..last).unwrap_or(trimmed));
    inner.match_indices(mark).any(|(at, _)| {
        let mut after = inner.get(at + mark.len_utf8()..).unwrap_or("").chars();
        after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase)
    })
}
