//! Paragraph labels at the start of a text (`5.`, `(a)`, `a)`, `(ii)`) and roman numerals.

/// A label read at the start of a paragraph, before deciding whether letters are roman.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RawLabel {
    Number(u32),
    /// Letters as printed (`a`, `aa`, `ii`, `V`, `A`): a letter item or a roman item, which only
    /// the neighbouring labels can tell.
    Alpha(String),
    /// A dash or bullet (`–`, `•`).
    Bullet,
}

/// Which label forms to accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LabelSyntax {
    /// A label inside running text: `12.`, `(a)`, `a)`, `(iv)`, `iv)`, `–`, `•`, followed by a
    /// blank, or `a.`, `iv.` followed by a blank and a word.
    Running,
    /// The content of a markup `<num>` element, which may also be `A.`, `IV.`, `a.`, `–`, `•`.
    Markup,
}

/// A label found at the start of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LeadingLabel {
    pub raw: RawLabel,
    /// The label as printed, without the blanks after it.
    pub printed_len: usize,
    /// Bytes to drop from the text: the label and the blanks after it.
    pub consumed: usize,
}

/// Reads a label at the start of `text` (see [`LabelSyntax`]). A label must be followed by a
/// blank or the end of the text: `1.5 per cent` or `a)b` are not labels.
pub(crate) fn leading_label(text: &str, syntax: LabelSyntax) -> Option<LeadingLabel> {
    let (raw, printed_len) = label_token(text, syntax)?;
    let rest = &text[printed_len..];
    let blanks = rest.len() - rest.trim_start().len();
    if blanks == 0 && !rest.is_empty() {
        return None;
    }
    Some(LeadingLabel {
        raw,
        printed_len,
        consumed: printed_len + blanks,
    })
}

fn label_token(text: &str, syntax: LabelSyntax) -> Option<(RawLabel, usize)> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if first.is_ascii_digit() {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        let dotted = bytes.get(digits) == Some(&b'.');
        // Markup may print `<num>15</num>` without the full stop.
        let bare = syntax == LabelSyntax::Markup && digits == bytes.len();
        if digits > 3 || !(dotted || bare) {
            return None;
        }
        return Some((
            RawLabel::Number(text[..digits].parse().ok()?),
            digits + usize::from(dotted),
        ));
    }
    // Dashes and bullets; a hyphen only in markup, where it cannot be a word broken at a line end.
    let bullets: &[&str] = match syntax {
        LabelSyntax::Markup => &["–", "•", "-", "—", "·"],
        LabelSyntax::Running => &["–", "•", "—"],
    };
    if let Some(bullet) = bullets.iter().find(|bullet| text.starts_with(**bullet)) {
        return Some((RawLabel::Bullet, bullet.len()));
    }
    let open = usize::from(first == b'(');
    let letters = bytes[open..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if letters == 0 || letters > 6 {
        return None;
    }
    let word = &text[open..open + letters];
    let closer = *bytes.get(open + letters)?;
    let well_formed = match (open, closer, syntax) {
        (1, b')', _) | (0, b')', _) => word.bytes().all(|b| b.is_ascii_lowercase()),
        (0, b'.', LabelSyntax::Markup) => true,
        // Third-degree items `a.`, `ii.` in running text, when a word follows (`p. 5` is a page).
        (0, b'.', LabelSyntax::Running) => {
            word.bytes().all(|b| b.is_ascii_lowercase())
                && text[letters + 1..]
                    .strip_prefix(' ')
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_alphabetic)
        }
        _ => false,
    };
    let lower = word.to_ascii_lowercase();
    let case_consistent = word == lower || word == word.to_ascii_uppercase();
    if !well_formed
        || !case_consistent
        || (!is_letter_label(&lower) && roman_value(&lower).is_none())
    {
        return None;
    }
    Some((RawLabel::Alpha(word.to_string()), open + letters + 1))
}

/// `a`..`z` and doubled letters `aa`, `bb` (the UN continues with those after `z`).
pub(crate) fn is_letter_label(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first.is_ascii_lowercase() => chars.all(|c| c == first),
        _ => false,
    }
}

/// Position of a letter label in its sequence: `a` = 1, `z` = 26, `aa` = 27.
pub(crate) fn letter_index(word: &str) -> Option<u32> {
    if !is_letter_label(word) {
        return None;
    }
    let first = u32::from(word.as_bytes()[0] - b'a') + 1;
    Some((word.len() as u32 - 1) * 26 + first)
}

/// The value of a lower-case roman numeral in canonical form (`iv`, not `iiii`), up to 399.
pub(crate) fn roman_value(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 9 {
        return None;
    }
    let digit = |c: u8| -> Option<i64> {
        match c {
            b'i' => Some(1),
            b'v' => Some(5),
            b'x' => Some(10),
            b'l' => Some(50),
            b'c' => Some(100),
            _ => None,
        }
    };
    let values: Option<Vec<i64>> = word.bytes().map(digit).collect();
    let values = values?;
    let total: i64 = values
        .iter()
        .enumerate()
        .map(|(index, &value)| match values.get(index + 1) {
            Some(&next) if next > value => -value,
            _ => value,
        })
        .sum();
    let total = u32::try_from(total).ok()?;
    // Accept only the canonical spelling, so `iiii` or `vx` are not numerals.
    (total > 0 && to_roman(total) == word).then_some(total)
}

/// Lower-case canonical roman numeral for 1..=399.
pub(crate) fn to_roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (step, numeral) in TABLE {
        while value >= step {
            out.push_str(numeral);
            value -= step;
        }
    }
    out
}
