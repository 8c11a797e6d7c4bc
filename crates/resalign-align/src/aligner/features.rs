//! Features of every unit and footnote, computed once per document so that scoring a candidate
//! link costs a few integer and float operations: lengths, word-stem signatures, interned anchor
//! and number tokens with their rarity weights, numbering keys and opening-phrase classes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use resalign_core::lexicon::{self, PhraseClass};
use resalign_core::{Anchor, AnchorKind, Document, Footnote, Language, Unit, UnitKind};

use super::numbering::numbering_keys;
use super::scan::{Signature, scan};
use super::scoring::length_variance;

/// What a token stands for, so that its key can be shown again as evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TokenKey<'a> {
    Anchor(AnchorKind, &'a str),
    /// A run of digits outside every anchor.
    Number(&'a str),
}

/// Interned tokens of both documents: equal keys get equal ids whatever the language.
#[derive(Debug, Default)]
pub(crate) struct Tokens<'a> {
    ids: HashMap<TokenKey<'a>, u32, BuildHasherDefault<FxHasher>>,
    keys: Vec<TokenKey<'a>>,
}

impl<'a> Tokens<'a> {
    fn intern(&mut self, key: TokenKey<'a>) -> u32 {
        let next = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        *self.ids.entry(key).or_insert_with(|| {
            self.keys.push(key);
            next
        })
    }

    pub(crate) fn key(&self, id: u32) -> Option<TokenKey<'a>> {
        self.keys.get(id as usize).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }
}

/// The multiply-rotate hash of the Rust compiler: interning hashes a few thousand short keys per
/// pair, where SipHash's resistance to flooding buys nothing. Lookups only, never iteration,
/// so results do not depend on it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The length and vocabulary of a text (a unit, two adjacent units, or a footnote).
#[derive(Clone, Debug, Default)]
pub(crate) struct Content {
    pub chars: u32,
    pub ln_chars: f64,
    /// The variance of the log length ratio of a translation of this text, and half its log:
    /// the length score needs both for every candidate counterpart.
    pub length_variance: f64,
    pub half_ln_length_variance: f64,
    pub signature: Signature,
    pub signature_len: u32,
    /// Sorted, distinct token ids: `pool[tokens.0..tokens.1]`.
    pub tokens: (u32, u32),
    /// What the tokens of this text cost a candidate counterpart that lacks them (see
    /// [`TokenWeights`]).
    pub missing_cost: f64,
}

impl Content {
    fn new(chars: u32, signature: Signature, tokens: (u32, u32)) -> Content {
        let length_variance = length_variance(chars);
        Content {
            chars,
            ln_chars: f64::from(chars.max(1)).ln(),
            length_variance,
            half_ln_length_variance: 0.5 * length_variance.ln(),
            signature,
            signature_len: signature.len(),
            tokens,
            missing_cost: 0.0,
        }
    }
}

/// How a unit is numbered and opens, which says where it belongs in the structure.
#[derive(Clone, Debug)]
pub(crate) struct Structure {
    pub kind: UnitKind,
    /// A hash of the unit's label path (`op.7.a` and `op.7.a)` give the same key); `None` for
    /// units without a label.
    pub numbering: Option<u64>,
    pub phrase: Option<PhraseClass>,
    pub calls: u32,
}

/// The units of one document as the aligner sees them.
#[derive(Debug, Default)]
pub(crate) struct UnitSide {
    pub content: Vec<Content>,
    pub structure: Vec<Structure>,
    /// `pairs[i]` is units `i` and `i + 1` read as one text.
    pub pairs: Vec<Content>,
}

impl UnitSide {
    /// The content of `count` units from `start`: one unit, or two read together.
    pub(crate) fn text(&self, start: usize, count: usize) -> Option<&Content> {
        match count {
            1 => self.content.get(start),
            2 => self.pairs.get(start),
            _ => None,
        }
    }
}

/// The footnotes of one document as the aligner sees them.
#[derive(Debug, Default)]
pub(crate) struct FootnoteSide {
    pub content: Vec<Content>,
}

/// All token ids of all texts of both documents, in one pool.
#[derive(Debug, Default)]
pub(crate) struct Pool {
    ids: Vec<u32>,
}

impl Pool {
    pub(crate) fn get(&self, range: (u32, u32)) -> &[u32] {
        self.ids
            .get(range.0 as usize..range.1 as usize)
            .unwrap_or_default()
    }

    /// Adds a text's tokens, sorted and without repeats, and returns their range.
    fn push(&mut self, ids: impl IntoIterator<Item = u32>) -> (u32, u32) {
        let start = self.ids.len();
        self.ids.extend(ids);
        let added = &mut self.ids[start..];
        added.sort_unstable();
        let mut distinct = 0;
        for index in 0..added.len() {
            if index == 0 || added[index] != added[distinct - 1] {
                added[distinct] = added[index];
                distinct += 1;
            }
        }
        self.ids.truncate(start + distinct);
        (to_u32(start), to_u32(self.ids.len()))
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// How much each token says: a token found in few texts of the two documents is strong
/// evidence for the two texts that share it.
#[derive(Debug, Default)]
pub(crate) struct TokenWeights {
    /// Added to a candidate link for each token both sides have (the token's own weight, plus
    /// the two missing costs that [`Content::missing_cost`] charged for it).
    pub shared_gain: Vec<f64>,
    /// What an English text's token costs a Spanish candidate that lacks it; zero when no
    /// Spanish text has the token, since then it tells nothing about where the text belongs.
    pub missing_en: Vec<f64>,
    pub missing_es: Vec<f64>,
}

/// What a shared anchor found in no other text of either side adds, and a shared number.
const ANCHOR_GAIN: f64 = 4.0;
const NUMBER_GAIN: f64 = 2.4;
/// What a token present on one side costs, as a share of its gain.
const MISSING_SHARE: f64 = 0.5;

impl TokenWeights {
    /// A token's gain falls with the square root of the number of texts that have it beyond
    /// one per side, whatever the size of the documents: a resolution number that two
    /// footnotes share says as much in a resolution with three footnotes as in one with three
    /// hundred.
    fn new(tokens: &Tokens<'_>, pool: &Pool, en: &[Content], es: &[Content]) -> TokenWeights {
        let count = tokens.len();
        let mut in_en = vec![0u32; count];
        let mut in_es = vec![0u32; count];
        for (texts, counts) in [(en, &mut in_en), (es, &mut in_es)] {
            for content in texts {
                for &id in pool.get(content.tokens) {
                    if let Some(slot) = counts.get_mut(id as usize) {
                        *slot += 1;
                    }
                }
            }
        }
        let mut weights = TokenWeights {
            shared_gain: Vec::with_capacity(count),
            missing_en: Vec::with_capacity(count),
            missing_es: Vec::with_capacity(count),
        };
        for (id, (&en_count, &es_count)) in in_en.iter().zip(&in_es).enumerate() {
            let found_in = f64::from(en_count + es_count).max(2.0);
            let base = match tokens.key(to_u32(id)) {
                Some(TokenKey::Anchor(..)) => ANCHOR_GAIN,
                _ => NUMBER_GAIN,
            };
            let gain = base * (2.0 / found_in).sqrt();
            let missing = gain * MISSING_SHARE;
            let missing_en = if es_count > 0 { missing } else { 0.0 };
            let missing_es = if en_count > 0 { missing } else { 0.0 };
            weights.missing_en.push(missing_en);
            weights.missing_es.push(missing_es);
            weights.shared_gain.push(gain + missing_en + missing_es);
        }
        weights
    }

    fn missing(&self, language: Language) -> &[f64] {
        match language {
            Language::En => &self.missing_en,
            Language::Es => &self.missing_es,
        }
    }

    fn charge(&self, language: Language, pool: &Pool, content: &mut Content) {
        let missing = self.missing(language);
        content.missing_cost = pool
            .get(content.tokens)
            .iter()
            .filter_map(|&id| missing.get(id as usize))
            .sum();
    }
}

/// Everything the aligner precomputes for a pair of documents.
#[derive(Debug)]
pub(crate) struct PairFeatures<'a> {
    pub tokens: Tokens<'a>,
    pub pool: Pool,
    pub en: UnitSide,
    pub es: UnitSide,
    pub unit_weights: TokenWeights,
    pub en_notes: FootnoteSide,
    pub es_notes: FootnoteSide,
    pub note_weights: TokenWeights,
}

impl<'a> PairFeatures<'a> {
    pub(crate) fn new(en: &'a Document, es: &'a Document) -> PairFeatures<'a> {
        let mut tokens = Tokens::default();
        let mut pool = Pool::default();
        let mut en_units = unit_side(en, &mut tokens, &mut pool);
        let mut es_units = unit_side(es, &mut tokens, &mut pool);
        let unit_weights = TokenWeights::new(&tokens, &pool, &en_units.content, &es_units.content);
        for (language, side) in [(Language::En, &mut en_units), (Language::Es, &mut es_units)] {
            for content in &mut side.content {
                unit_weights.charge(language, &pool, content);
            }
            side.pairs = adjacent_pairs(&side.content, &mut pool);
            for content in &mut side.pairs {
                unit_weights.charge(language, &pool, content);
            }
        }
        let mut en_notes = footnote_side(&en.footnotes, &mut tokens, &mut pool);
        let mut es_notes = footnote_side(&es.footnotes, &mut tokens, &mut pool);
        let note_weights = TokenWeights::new(&tokens, &pool, &en_notes.content, &es_notes.content);
        for (language, side) in [(Language::En, &mut en_notes), (Language::Es, &mut es_notes)] {
            for content in &mut side.content {
                note_weights.charge(language, &pool, content);
            }
        }
        PairFeatures {
            tokens,
            pool,
            en: en_units,
            es: es_units,
            unit_weights,
            en_notes,
            es_notes,
            note_weights,
        }
    }
}

fn unit_side<'a>(document: &'a Document, tokens: &mut Tokens<'a>, pool: &mut Pool) -> UnitSide {
    let numbering = numbering_keys(&document.units);
    let mut side = UnitSide::default();
    for (unit, numbering) in document.units.iter().zip(numbering) {
        side.content
            .push(content(&unit.text, &unit.anchors, tokens, pool));
        side.structure.push(Structure {
            kind: unit.kind,
            numbering,
            phrase: phrase_class(document.language, unit),
            calls: to_u32(unit.footnote_calls.len()),
        });
    }
    side
}

fn footnote_side<'a>(
    footnotes: &'a [Footnote],
    tokens: &mut Tokens<'a>,
    pool: &mut Pool,
) -> FootnoteSide {
    FootnoteSide {
        content: footnotes
            .iter()
            .map(|footnote| content(&footnote.text, &footnote.anchors, tokens, pool))
            .collect(),
    }
}

fn phrase_class(language: Language, unit: &Unit) -> Option<PhraseClass> {
    match unit.kind {
        UnitKind::Heading | UnitKind::Table => None,
        _ => lexicon::opening_phrase(language, &unit.text).map(|opening| opening.class),
    }
}

fn content<'a>(
    text: &'a str,
    anchors: &'a [Anchor],
    tokens: &mut Tokens<'a>,
    pool: &mut Pool,
) -> Content {
    let scanned = scan(text, anchors.iter().map(|anchor| anchor.range));
    let anchor_ids = anchors.iter().filter_map(|anchor| match anchor.kind {
        AnchorKind::FootnoteCall => None,
        // A number one extractor read as an anchor and the other left as bare digits is
        // still the same number.
        AnchorKind::Number => Some(TokenKey::Number(anchor.key.as_str())),
        kind => Some(TokenKey::Anchor(kind, anchor.key.as_str())),
    });
    let number_ids = scanned
        .numbers
        .iter()
        .filter_map(|range| text.get(range.start..range.end))
        .map(TokenKey::Number);
    let range = pool.push(anchor_ids.chain(number_ids).map(|key| tokens.intern(key)));
    Content::new(scanned.chars, scanned.signature, range)
}

fn adjacent_pairs(content: &[Content], pool: &mut Pool) -> Vec<Content> {
    content
        .windows(2)
        .filter_map(|window| {
            let [first, second] = window else {
                return None;
            };
            let ids: Vec<u32> = pool
                .get(first.tokens)
                .iter()
                .chain(pool.get(second.tokens))
                .copied()
                .collect();
            Some(Content::new(
                first.chars + second.chars,
                first.signature.union(second.signature),
                pool.push(ids),
            ))
        })
        .collect()
}
