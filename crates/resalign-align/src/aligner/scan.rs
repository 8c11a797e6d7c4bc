//! One pass over a clean text that yields what the aligner compares across languages without
//! a dictionary: a bit signature of word stems (English and Spanish share many Latin stems:
//! `international`/`internacional`, `resolution`/`resolución`) and the runs of digits that no
//! anchor already covers.
//!
//! The pass reads bytes, not characters: every text of both documents goes through it, and
//! only the two-byte UTF-8 sequences of accented Latin letters need decoding.

use resalign_core::TextRange;

/// A 256-bit set of hashed four-letter word stems.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Signature([u64; 4]);

impl Signature {
    pub(crate) const BITS: u32 = 256;

    fn insert(&mut self, stem: u32) {
        let bit = (u64::from(stem).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
        if let Some(word) = self.0.get_mut(bit / 64) {
            *word |= 1 << (bit % 64);
        }
    }

    pub(crate) fn union(self, other: Signature) -> Signature {
        let [a, b, c, d] = self.0;
        let [e, f, g, h] = other.0;
        Signature([a | e, b | f, c | g, d | h])
    }

    /// The stems of `self` that `other` lacks.
    pub(crate) fn without(self, other: Signature) -> Signature {
        let [a, b, c, d] = self.0;
        let [e, f, g, h] = other.0;
        Signature([a & !e, b & !f, c & !g, d & !h])
    }

    pub(crate) fn len(self) -> u32 {
        self.0.iter().map(|word| word.count_ones()).sum()
    }

    pub(crate) fn shared(self, other: Signature) -> u32 {
        self.0
            .iter()
            .zip(other.0)
            .map(|(a, b)| (a & b).count_ones())
            .sum()
    }
}

/// What one scan of a text found.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scan {
    pub signature: Signature,
    /// Length in characters, which unlike bytes does not count accents twice.
    pub chars: u32,
    /// Byte ranges of digit runs of two digits or more outside every anchor.
    pub numbers: Vec<TextRange>,
}

/// Stems are the first four letters of words of at least four letters, accents folded, so that
/// short function words (`the`, `las`, `and`) stay out and inflected forms share a stem.
const STEM_LETTERS: usize = 4;

/// The lead byte of the two-byte UTF-8 sequences of U+00C0..U+00FF (`À`..`ÿ`).
const LATIN1_LEAD: u8 = 0xC3;

/// Byte classes for the scan: a letter's stem code (1 to 26), or one of these.
const OTHER: u8 = 0;
const DIGIT: u8 = 32;
const LATIN1: u8 = 64;

static CLASSES: [u8; 256] = {
    let mut classes = [OTHER; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        classes[byte] = if b.is_ascii_lowercase() {
            b - b'a' + 1
        } else if b.is_ascii_uppercase() {
            b - b'A' + 1
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b == LATIN1_LEAD {
            LATIN1
        } else {
            OTHER
        };
        byte += 1;
    }
    classes
};

#[inline(always)]
fn class(bytes: &[u8], offset: usize) -> Option<u8> {
    bytes.get(offset).map(|&byte| CLASSES[usize::from(byte)])
}

/// Scans `text`; `anchors` are the ranges of the text's anchors.
pub(crate) fn scan(text: &str, anchors: impl Iterator<Item = TextRange>) -> Scan {
    let bytes = text.as_bytes();
    let mut found = Scan {
        chars: count_chars(bytes),
        ..Scan::default()
    };
    let mut covered = Covered::new(anchors);
    let mut offset = 0;
    while let Some(class) = class(bytes, offset) {
        match class {
            OTHER => offset += 1,
            DIGIT => {
                let digits = bytes
                    .get(offset..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|byte| byte.is_ascii_digit())
                    .count();
                push_number(&mut found.numbers, offset, offset + digits, &mut covered);
                offset += digits;
            }
            _ => match letter_at(bytes, offset) {
                Some((code, width)) => {
                    offset = read_word(bytes, offset + width, code, &mut found.signature);
                }
                None => offset += 1,
            },
        }
    }
    found
}

/// Reads the rest of a word whose first letter has stem code `first`, adds its stem, and
/// returns where the word ends. Past the stem, letters are only skipped.
fn read_word(bytes: &[u8], mut offset: usize, first: u8, signature: &mut Signature) -> usize {
    let mut stem = u32::from(first);
    let mut letters = 1;
    while letters < STEM_LETTERS {
        let Some((code, width)) = letter_at(bytes, offset) else {
            return offset;
        };
        stem = stem << 5 | u32::from(code);
        letters += 1;
        offset += width;
    }
    signature.insert(stem);
    while let Some((_, width)) = letter_at(bytes, offset) {
        offset += width;
    }
    offset
}

/// The stem code (1 to 26) of the letter at `offset`, accents folded, and its width in bytes.
#[inline(always)]
fn letter_at(bytes: &[u8], offset: usize) -> Option<(u8, usize)> {
    match class(bytes, offset)? {
        code @ 1..=26 => Some((code, 1)),
        LATIN1 => {
            let second = *bytes.get(offset + 1)?;
            fold_latin1(second).map(|letter| (letter - b'a' + 1, 2))
        }
        _ => None,
    }
}

/// Characters are the bytes that do not continue a UTF-8 sequence.
fn count_chars(bytes: &[u8]) -> u32 {
    let continuation = bytes.iter().filter(|&&byte| byte & 0xC0 == 0x80).count();
    u32::try_from(bytes.len() - continuation).unwrap_or(u32::MAX)
}

/// Single digits are left out: both languages often spell them as words, and in different ways.
fn push_number(numbers: &mut Vec<TextRange>, start: usize, end: usize, covered: &mut Covered) {
    if end - start >= 2 && !covered.covers(start, end) {
        numbers.push(TextRange::new(start, end));
    }
}

/// Whether a stretch lies inside an anchor, asked for stretches in text order: one pass over the
/// anchors sorted by start, however many numbers and anchors a text has.
struct Covered {
    /// Non-empty anchors as `(start, end)`, by start.
    anchors: Vec<(usize, usize)>,
    next: usize,
    /// The furthest end of the anchors that start before the last stretch asked about.
    reach: Option<usize>,
}

impl Covered {
    fn new(anchors: impl Iterator<Item = TextRange>) -> Covered {
        let mut anchors: Vec<(usize, usize)> = anchors
            .filter(|anchor| !anchor.is_empty())
            .map(|anchor| (anchor.start, anchor.end))
            .collect();
        anchors.sort_unstable();
        Covered {
            anchors,
            next: 0,
            reach: None,
        }
    }

    /// `start..end` inside an anchor; `start` never goes back between calls.
    fn covers(&mut self, start: usize, end: usize) -> bool {
        while let Some(&(anchor_start, anchor_end)) = self.anchors.get(self.next)
            && anchor_start <= start
        {
            self.reach = Some(self.reach.map_or(anchor_end, |reach| reach.max(anchor_end)));
            self.next += 1;
        }
        self.reach.is_some_and(|reach| end <= reach)
    }
}

/// The second byte of a `0xC3` sequence folded to its lower-case ASCII base letter (`á`, `Á`
/// to `a`, `ñ` to `n`); `None` for the signs and letters without one (`×`, `ß`, `æ`).
fn fold_latin1(second: u8) -> Option<u8> {
    // U+00C0 + (second - 0x80): 0x80..=0x9F upper case, 0xA0..=0xBF lower case, same layout.
    let folded = match second & !0x20 {
        0x80..=0x85 => b'a',
        0x87 => b'c',
        0x88..=0x8B => b'e',
        0x8C..=0x8F => b'i',
        0x91 => b'n',
        0x92..=0x96 | 0x98 => b'o',
        0x99..=0x9C => b'u',
        0x9D => b'y',
        _ => return None,
    };
    (0x80..=0xBF).contains(&second).then_some(folded)
}
