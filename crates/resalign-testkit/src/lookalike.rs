//! What a reader takes for structure at the start of a line: labels, bullets, footnote numbers,
//! markdown markers. A wrapped line or a page-break continuation must not start with any of
//! these, or a perfect parser would see a paragraph that is not there.

/// Whether a line may start with `token` without looking like the start of something else.
pub(crate) fn safe_line_start(token: &str) -> bool {
    let Some(first) = token.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() || is_superscript_digit(first) {
        // `12.` is a label; any leading number can pass for a footnote number or page number.
        return false;
    }
    if matches!(
        first,
        '(' | '[' | '*' | '#' | '>' | '|' | '<' | '_' | '+' | '='
    ) {
        return false;
    }
    if is_bullet(token) || looks_like_label(token) {
        return false;
    }
    true
}

/// `(a)`, `a)`, `(iv)`, `iv)`, `A.`, `IV.`, `a.`: what the label reader could take for a label
/// if it stood at the start of a line. Errs on the side of caution (`vol.` counts).
pub(crate) fn looks_like_label(token: &str) -> bool {
    let bytes = token.as_bytes();
    let open = usize::from(bytes.first() == Some(&b'('));
    let letters = bytes[open..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if bytes.first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    if letters == 0 || letters > 6 {
        return false;
    }
    match bytes.get(open + letters) {
        Some(b')') => true,
        Some(b'.') => letters <= 4 && open == 0 && open + letters + 1 == bytes.len(),
        _ => false,
    }
}

fn is_bullet(token: &str) -> bool {
    ["–", "—", "-", "•", "·", "▪"]
        .iter()
        .any(|bullet| token.starts_with(bullet))
}

pub(crate) fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// A page-break continuation must read as one: it starts in lower case, or the text before the
/// break has no closing punctuation (the merge rule a parser can apply).
pub(crate) fn reads_as_continuation(
    previous_clean_last: Option<char>,
    next_clean_first: Option<char>,
) -> bool {
    let lower = next_clean_first.is_some_and(char::is_lowercase);
    let open_ended = previous_clean_last.is_some_and(|c| !matches!(c, ',' | ';' | ':' | '.'));
    lower || open_ended
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_that_pass_for_structure_are_refused() {
        for token in [
            "12.",
            "(a)",
            "a)",
            "(iv)",
            "iv)",
            "A.",
            "IV.",
            "–",
            "-",
            "2013",
            "¹⁴",
            "*Urges*",
            "[on",
            "<sup>2</sup>",
            "#",
            "",
        ] {
            assert!(!safe_line_start(token), "{token:?} should not start a line");
        }
        for token in [
            "relevant",
            "Transnacional³",
            "“Strengthening",
            "United",
            "A/RES/72/195",
            "de",
            "Corr.1",
        ] {
            assert!(safe_line_start(token), "{token:?} may start a line");
        }
    }

    #[test]
    fn continuations_need_lower_case_or_an_open_end() {
        assert!(reads_as_continuation(Some(','), Some('t')));
        assert!(reads_as_continuation(Some('a'), Some('T')));
        assert!(!reads_as_continuation(Some(','), Some('T')));
        assert!(!reads_as_continuation(Some(';'), Some('“')));
    }
}
