//! Pieces of hand-written test documents: texts with their footnote calls written `[^N]`, and
//! labels as printed. Test harnesses that build `Document`s from fixture files share them.

use resalign_core::{FootnoteCall, Label, LabelValue};

/// The text without its `[^N]` calls, and the calls at the offsets where they stood.
pub fn take_calls(marked: &str) -> Result<(String, Vec<FootnoteCall>), String> {
    let mut text = String::with_capacity(marked.len());
    let mut calls = Vec::new();
    let mut rest = marked;
    while let Some(start) = rest.find("[^") {
        text.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find(']')
            .ok_or_else(|| format!("unclosed footnote call in `{marked}`"))?;
        let number = after[..end]
            .parse()
            .map_err(|_| format!("bad footnote call in `{marked}`"))?;
        calls.push(FootnoteCall {
            number,
            offset: text.len(),
        });
        rest = &after[end + 1..];
    }
    text.push_str(rest);
    Ok((text, calls))
}

/// `7.`, `(a)`, `a)`, `(ii)`, `–` as the label a parser would give. Letters that read as a roman
/// numeral count as one only when longer than one letter or `i`, which is what fixtures need.
pub fn printed_label(printed: &str) -> Result<Label, String> {
    let bare = printed.trim_matches(|c: char| matches!(c, '(' | ')' | '.'));
    let value = if let Ok(number) = bare.parse() {
        LabelValue::Number(number)
    } else if let Some(value) = small_roman(bare) {
        LabelValue::Roman(value)
    } else if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_alphabetic()) {
        LabelValue::Letter(bare.to_string())
    } else if matches!(bare, "–" | "•" | "-") {
        LabelValue::Bullet
    } else {
        return Err(format!(
            "fixture label `{printed}` is not a number, letter, numeral or bullet"
        ));
    };
    Ok(Label {
        printed: printed.to_string(),
        value,
    })
}

fn small_roman(bare: &str) -> Option<u32> {
    const NUMERALS: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let position = NUMERALS.iter().position(|numeral| *numeral == bare)?;
    let value = u32::try_from(position).ok()? + 1;
    (bare.len() > 1 || bare == "i").then_some(value)
}
