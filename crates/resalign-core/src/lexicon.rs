//! Opening phrases of preambular and operative paragraphs in English and Spanish, grouped into
//! language-independent classes (`Recalling also` and `Recordando también` are both `recall`,
//! `Deeply concerned` and `Profundamente preocupada` are both `concerned`).
//!
//! The phrases come from `data/openings.tsv`, compiled in: heads (`Requests`, `Acoge`), the
//! modifiers around them (`Also`, `también`, `Strongly`), the attitudes and objects that belong to
//! the phrase (`with appreciation`, `con beneplácito`, `its deep concern`, `su solicitud`) and
//! the families of classes that translators render with one another's phrases.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::model::Language;

/// The class of an opening phrase, named by its English lemma (`recall`, `take-note`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhraseClass(u16);

impl PhraseClass {
    /// The class name: the English lemma, lower case, words joined by `-`.
    pub fn name(self) -> &'static str {
        LEXICON.class_info(self).name
    }

    /// The class with this name.
    pub fn from_name(name: &str) -> Option<PhraseClass> {
        LEXICON.class_named.get(name).copied()
    }

    /// Every class the lexicon knows, in the order of the data file.
    pub fn all() -> impl Iterator<Item = PhraseClass> {
        (0..LEXICON.classes.len()).filter_map(|index| u16::try_from(index).ok().map(PhraseClass))
    }

    /// The family of classes translators render with one another's phrases (`Stresses` may
    /// become `Subraya`, the phrase of `Underlines`); a class outside any family is its own.
    pub fn family(self) -> &'static str {
        LEXICON.class_info(self).family
    }

    /// Whether a translator may render one class with the other's phrase: the same class, or
    /// classes of one family. Weaker evidence of a match than equal classes.
    pub fn is_related(self, other: PhraseClass) -> bool {
        self == other || self.family() == other.family()
    }
}

impl fmt::Debug for PhraseClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhraseClass({})", self.name())
    }
}

impl fmt::Display for PhraseClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An opening phrase found at the start of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opening {
    /// Byte offset where the phrase starts: 0 unless the text opens with a stray quote or space.
    pub start: usize,
    /// Byte length of the opening counted from the start of the text, so `text[..len]` ends with
    /// the phrase and `text[start..len]` is the phrase itself.
    pub len: usize,
    pub class: PhraseClass,
}

impl Opening {
    /// The phrase in the text it was found in.
    pub fn phrase(self, text: &str) -> &str {
        text.get(self.start..self.len).unwrap_or_default()
    }
}

/// The opening phrase at the start of `text`, a paragraph's clean text: the longest phrase the
/// lexicon can read there, ending before the first word that is not part of it (`Takes note`
/// of, `Toma nota` de) or at punctuation. The first letter may be lower case.
pub fn opening_phrase(language: Language, text: &str) -> Option<Opening> {
    let grammar = LEXICON.grammar(language);
    let start = text.len() - text.trim_start_matches(is_stray).len();
    let (end, class) = grammar.read_phrase(text, start)?;
    Some(Opening {
        start,
        len: end,
        class,
    })
}

/// What a paragraph may open with before its phrase: spaces and quotes left over from
/// conversion or from a quoted passage.
fn is_stray(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„')
}

const DATA: &str = include_str!("../data/openings.tsv");

/// The table is compiled in, so a malformed line is a bug in this crate that every use shows
/// at once, not something an input can cause.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(DATA).unwrap_or_else(|error| panic!("data/openings.tsv: {error}"))
});

/// Caps on repetition, so that a text made of modifiers costs no more than a real phrase.
const MAX_LEADS: usize = 6;
const MAX_TAILS: usize = 8;
const MAX_HEADS: usize = 4;
/// Most words an opening can have; the words after it are never read.
const MAX_PHRASE_WORDS: usize = 24;
/// Longest word the lexicon has, in bytes once folded to lower case, with room to spare.
const MAX_WORD_BYTES: usize = 48;

struct ClassInfo {
    name: &'static str,
    family: &'static str,
}

struct Lexicon {
    classes: Vec<ClassInfo>,
    class_named: HashMap<&'static str, PhraseClass>,
    english: Grammar,
    spanish: Grammar,
}

impl Lexicon {
    fn class_info(&self, class: PhraseClass) -> &ClassInfo {
        const UNKNOWN: &ClassInfo = &ClassInfo {
            name: "",
            family: "",
        };
        self.classes.get(usize::from(class.0)).unwrap_or(UNKNOWN)
    }

    fn grammar(&self, language: Language) -> &Grammar {
        match language {
            Language::En => &self.english,
            Language::Es => &self.spanish,
        }
    }
}

/// The category of the noun in an attitude or object (`concern`, `appreciation`), which can
/// refine the class of the head (`Expresses concern` is `express-concern`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Category(u8);

/// A word of the lexicon, folded to lower case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct WordId(u32);

/// What a single word can be besides part of a head or modifier, as bits.
#[derive(Clone, Copy, Default)]
struct Roles(u8);

impl Roles {
    const ADJECTIVE: Roles = Roles(1);
    const PREPOSITION: Roles = Roles(2);
    const POSSESSIVE: Roles = Roles(4);
    const CONJUNCTION: Roles = Roles(8);

    fn contains(self, role: Roles) -> bool {
        self.0 & role.0 != 0
    }
}

/// FxHash. Text is only ever looked up in the word table, never inserted, so the table cannot
/// be degraded by input and a fast hash serves better than SipHash.
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Words as their folded bytes.
type WordTable = HashMap<Box<[u8]>, WordId, BuildHasherDefault<WordHasher>>;

/// Multi-word entries looked up word by word.
struct Trie<V> {
    nodes: Vec<TrieNode<V>>,
}

struct TrieNode<V> {
    /// Sorted by word, for binary search.
    children: Vec<(WordId, u32)>,
    value: Option<V>,
}

impl<V: Copy> Trie<V> {
    const ROOT: u32 = 0;

    fn new() -> Trie<V> {
        Trie {
            nodes: vec![TrieNode {
                children: Vec::new(),
                value: None,
            }],
        }
    }

    fn insert(&mut self, words: &[WordId], value: V) -> Result<(), String> {
        let mut node = Trie::<V>::ROOT;
        for &word in words {
            node = match self.child(node, word) {
                Some(child) => child,
                None => self.add_child(node, word)?,
            };
        }
        match self.nodes.get_mut(node as usize) {
            Some(TrieNode {
                value: slot @ None, ..
            }) => {
                *slot = Some(value);
                Ok(())
            }
            _ => Err("an entry is listed twice".to_string()),
        }
    }

    fn add_child(&mut self, node: u32, word: WordId) -> Result<u32, String> {
        let child = u32::try_from(self.nodes.len()).map_err(|_| "too many entries".to_string())?;
        self.nodes.push(TrieNode {
            children: Vec::new(),
            value: None,
        });
        let children = &mut self
            .nodes
            .get_mut(node as usize)
            .ok_or("a node without a parent")?
            .children;
        let slot = children.partition_point(|&(other, _)| other < word);
        children.insert(slot, (word, child));
        Ok(child)
    }

    fn child(&self, node: u32, word: WordId) -> Option<u32> {
        let children = &self.nodes.get(node as usize)?.children;
        let slot = children
            .binary_search_by_key(&word, |&(other, _)| other)
            .ok()?;
        children.get(slot).map(|&(_, child)| child)
    }

    fn value(&self, node: u32) -> Option<V> {
        self.nodes.get(node as usize)?.value
    }

    fn has_children(&self, node: u32) -> bool {
        self.nodes
            .get(node as usize)
            .is_some_and(|node| !node.children.is_empty())
    }
}

/// The words an opening can be made of, read once at the start of a text: up to punctuation,
/// the first word the lexicon does not know, or [`MAX_PHRASE_WORDS`]. Positions in a phrase
/// are indexes into these words.
struct Words {
    ids: [WordId; MAX_PHRASE_WORDS],
    ends: [usize; MAX_PHRASE_WORDS],
    len: usize,
}

impl Words {
    fn read(grammar: &Grammar, text: &str, start: usize) -> Words {
        let mut words = Words {
            ids: [WordId::default(); MAX_PHRASE_WORDS],
            ends: [0; MAX_PHRASE_WORDS],
            len: 0,
        };
        let mut buffer = [0u8; MAX_WORD_BYTES];
        let mut position = start;
        for (id_slot, end_slot) in words.ids.iter_mut().zip(words.ends.iter_mut()) {
            let Some((end, folded)) = read_word(text, position, &mut buffer) else {
                break;
            };
            let Some(&id) = grammar.words.get(folded) else {
                break;
            };
            *id_slot = id;
            *end_slot = end;
            words.len += 1;
            position = end;
        }
        words
    }

    fn get(&self, index: usize) -> Option<WordId> {
        self.ids.get(..self.len)?.get(index).copied()
    }

    /// Byte offset in the text where the first `count` words end.
    fn end_of(&self, count: usize) -> Option<usize> {
        self.ends
            .get(..self.len)?
            .get(count.checked_sub(1)?)
            .copied()
    }
}

/// The phrases of one language.
struct Grammar {
    words: WordTable,
    roles: Vec<Roles>,
    heads: Trie<PhraseClass>,
    bases: Trie<PhraseClass>,
    leads: Trie<()>,
    auxiliaries: Trie<()>,
    tails: Trie<()>,
    nouns: Trie<Option<Category>>,
    /// Few, so a scan beats hashing.
    refinements: Vec<Refinement>,
}

/// A head class that an object of some category turns into another class.
struct Refinement {
    head: PhraseClass,
    category: Category,
    refined: PhraseClass,
}

impl Grammar {
    fn new() -> Grammar {
        Grammar {
            words: WordTable::default(),
            roles: Vec::new(),
            heads: Trie::new(),
            bases: Trie::new(),
            leads: Trie::new(),
            auxiliaries: Trie::new(),
            tails: Trie::new(),
            nouns: Trie::new(),
            refinements: Vec::new(),
        }
    }

    /// The end and class of the phrase at `start`: leads, a head and its tails, then more heads
    /// joined by a conjunction (`Welcomes and encourages`), which keep the first head's class.
    fn read_phrase(&self, text: &str, start: usize) -> Option<(usize, PhraseClass)> {
        let words = Words::read(self, text, start);
        let (head_end, head_class, forms) = self.read_head(&words, 0, Forms::Inflected)?;
        let (mut end, class) = self.read_tails(&words, head_end, head_class);
        for _ in 1..MAX_HEADS {
            let Some(after_conjunction) = self.read_role(&words, end, Roles::CONJUNCTION) else {
                break;
            };
            let Some((next_end, next_class, _)) = self.read_head(&words, after_conjunction, forms)
            else {
                break;
            };
            end = self.read_tails(&words, next_end, next_class).0;
        }
        Some((words.end_of(end)?, class))
    }

    /// A head after any number of leads (`Also requests`, `Sigue profundamente preocupada`)
    /// and at most one auxiliary, after which the head is a base form (`We also recognize`).
    /// When a word could be both a lead and a head, the lead is preferred if a head follows.
    fn read_head(
        &self,
        words: &Words,
        start: usize,
        forms: Forms,
    ) -> Option<(usize, PhraseClass, Forms)> {
        let mut position = start;
        let mut forms = forms;
        let mut found = None;
        for _ in 0..=MAX_LEADS {
            if let Some((end, class)) = self.longest_head(words, position, forms) {
                found = Some((end, class, forms));
            }
            if let Some((after_lead, ())) = self.longest(&self.leads, words, position) {
                position = after_lead;
            } else if forms == Forms::Inflected
                && let Some((after, ())) = self.longest(&self.auxiliaries, words, position)
            {
                position = after;
                forms = Forms::Base;
            } else {
                break;
            }
        }
        found
    }

    /// Modifiers, attitudes and objects after a head, in any order; an object can refine the
    /// class (`Expresses` + `its deep concern`).
    fn read_tails(&self, words: &Words, start: usize, class: PhraseClass) -> (usize, PhraseClass) {
        let mut end = start;
        let mut class = class;
        for _ in 0..MAX_TAILS {
            if let Some((after, ())) = self.longest(&self.tails, words, end) {
                end = after;
            } else if let Some(after) = self.read_attitude(words, end) {
                end = after;
            } else if let Some((after, category)) = self.read_object(words, end, class) {
                end = after;
                if let Some(refined) = category.and_then(|c| self.refine(class, c)) {
                    class = refined;
                }
            } else {
                break;
            }
        }
        (end, class)
    }

    /// `with appreciation`, `con beneplácito`, `with deep concern`.
    fn read_attitude(&self, words: &Words, start: usize) -> Option<usize> {
        let after_preposition = self.read_role(words, start, Roles::PREPOSITION)?;
        self.read_nominal(words, after_preposition)
            .map(|(end, _)| end)
    }

    /// `its request`, `su profunda preocupación`; after a head whose class an object refines,
    /// also a bare one (`Expresses deep concern`, `Expresa preocupación`).
    fn read_object(
        &self,
        words: &Words,
        start: usize,
        class: PhraseClass,
    ) -> Option<(usize, Option<Category>)> {
        match self.read_role(words, start, Roles::POSSESSIVE) {
            Some(after_possessive) => self.read_nominal(words, after_possessive),
            None if self.refinements.iter().any(|rule| rule.head == class) => {
                self.read_nominal(words, start)
            }
            None => None,
        }
    }

    /// Adjectives, a noun and adjectives after it (Spanish puts them there), possibly
    /// coordinated (`its gratitude and support`, `su persistente y profunda preocupación`). The
    /// category is the first noun's.
    fn read_nominal(&self, words: &Words, start: usize) -> Option<(usize, Option<Category>)> {
        let after_adjectives = self.read_adjectives(words, start);
        let (after_noun, category) = self.longest(&self.nouns, words, after_adjectives)?;
        let mut end = self.read_adjectives(words, after_noun);
        if let Some(after_conjunction) = self.read_role(words, end, Roles::CONJUNCTION) {
            let after_adjectives = self.read_adjectives(words, after_conjunction);
            if let Some((after_noun, _)) = self.longest(&self.nouns, words, after_adjectives) {
                end = self.read_adjectives(words, after_noun);
            }
        }
        Some((end, category))
    }

    /// Adjectives, possibly joined by a conjunction when another adjective follows.
    fn read_adjectives(&self, words: &Words, start: usize) -> usize {
        let mut end = start;
        for _ in 0..MAX_TAILS {
            if let Some(after) = self.read_role(words, end, Roles::ADJECTIVE) {
                end = after;
                continue;
            }
            let joined = self
                .read_role(words, end, Roles::CONJUNCTION)
                .and_then(|after| self.read_role(words, after, Roles::ADJECTIVE));
            match joined {
                Some(after) if end > start => end = after,
                _ => break,
            }
        }
        end
    }

    fn refine(&self, class: PhraseClass, category: Category) -> Option<PhraseClass> {
        self.refinements
            .iter()
            .find(|rule| rule.head == class && rule.category == category)
            .map(|rule| rule.refined)
    }

    /// The position after the word at `position` if that word can play `role`.
    fn read_role(&self, words: &Words, position: usize, role: Roles) -> Option<usize> {
        let id = words.get(position)?;
        let roles = self.roles.get(id.0 as usize).copied().unwrap_or_default();
        roles.contains(role).then_some(position + 1)
    }

    /// The longest entry of `trie` at `start`.
    fn longest<V: Copy>(&self, trie: &Trie<V>, words: &Words, start: usize) -> Option<(usize, V)> {
        self.walk(trie, words, start, Interruptions::Refused)
    }

    /// The longest head at `start`; a tail may interrupt a multi-word head (`Calls once again
    /// upon`, `Toma también nota`).
    fn longest_head(
        &self,
        words: &Words,
        start: usize,
        forms: Forms,
    ) -> Option<(usize, PhraseClass)> {
        let trie = match forms {
            Forms::Inflected => &self.heads,
            Forms::Base => &self.bases,
        };
        self.walk(trie, words, start, Interruptions::Tails)
    }

    fn walk<V: Copy>(
        &self,
        trie: &Trie<V>,
        words: &Words,
        start: usize,
        interruptions: Interruptions,
    ) -> Option<(usize, V)> {
        let mut node = Trie::<V>::ROOT;
        let mut position = start;
        let mut best = None;
        loop {
            let step = |at: usize| {
                let child = trie.child(node, words.get(at)?)?;
                Some((child, at + 1))
            };
            let next = step(position).or_else(|| {
                if interruptions == Interruptions::Refused || !trie.has_children(node) {
                    return None;
                }
                let (after_tail, ()) = self.longest(&self.tails, words, position)?;
                step(after_tail)
            });
            let Some((child, after)) = next else {
                break;
            };
            node = child;
            position = after;
            if let Some(value) = trie.value(node) {
                best = Some((position, value));
            }
        }
        best
    }

    fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.words.get(word.as_bytes()) {
            return id;
        }
        let id = WordId(self.words.len() as u32);
        self.words.insert(word.as_bytes().into(), id);
        self.roles.push(Roles::default());
        id
    }

    fn add(&mut self, entry: Entry, words: &[WordId]) -> Result<(), String> {
        match entry {
            Entry::Head(class) => self.heads.insert(words, class),
            Entry::Base(class) => self.bases.insert(words, class),
            Entry::Noun(category) => self.nouns.insert(words, category),
            Entry::Lead => self.leads.insert(words, ()),
            Entry::Auxiliary => self.auxiliaries.insert(words, ()),
            Entry::Tail => self.tails.insert(words, ()),
            Entry::Role(role) => {
                let [word] = words else {
                    return Err("must be one word".to_string());
                };
                let roles = self
                    .roles
                    .get_mut(word.0 as usize)
                    .ok_or("a word that was never interned")?;
                roles.0 |= role.0;
                Ok(())
            }
        }
    }
}

/// Which forms of a verb can be the head: a phrase opens with inflected forms, base forms
/// come only after an auxiliary.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Forms {
    Inflected,
    Base,
}

/// Whether a tail may interrupt the words of an entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Interruptions {
    Refused,
    Tails,
}

/// The word after `position`, past whitespace: where it ends, and its letters folded to lower
/// case (hyphens unified) in `buffer`. None at punctuation or the end of the text, since a
/// phrase never runs across punctuation (`Notes, in this regard,`), and for a word too long to
/// be in the lexicon.
fn read_word<'b>(
    text: &str,
    position: usize,
    buffer: &'b mut [u8; MAX_WORD_BYTES],
) -> Option<(usize, &'b [u8])> {
    let rest = text.get(position..)?;
    let mut len = 0;
    let mut end = rest.len();
    for (offset, c) in rest.char_indices() {
        if len == 0 && c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            end = offset;
            break;
        }
        len = push_folded(c, buffer, len)?;
    }
    Some((
        position + end,
        buffer.get(..len).filter(|word| !word.is_empty())?,
    ))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Writes `c` in lower case (a hyphen for the typographic ones) into `buffer` at `len`; the
/// new length, or none when the buffer is full.
fn push_folded(c: char, buffer: &mut [u8; MAX_WORD_BYTES], len: usize) -> Option<usize> {
    if c.is_ascii() {
        *buffer.get_mut(len)? = c.to_ascii_lowercase() as u8;
        return Some(len + 1);
    }
    if matches!(c, '\u{2010}' | '\u{2011}') {
        *buffer.get_mut(len)? = b'-';
        return Some(len + 1);
    }
    let mut len = len;
    for lower in c.to_lowercase() {
        let slot = buffer.get_mut(len..len + lower.len_utf8())?;
        len += lower.encode_utf8(slot).len();
    }
    Some(len)
}

// --- Reading the data file -------------------------------------------------------------------

/// One rule of the data file.
struct Rule<'d> {
    line: usize,
    kind: &'d str,
    language: &'d str,
    forms: &'d str,
    value: &'d str,
}

impl Lexicon {
    fn parse(data: &'static str) -> Result<Lexicon, String> {
        let mut builder = Builder::default();
        for rule in rules(data)? {
            builder
                .apply(&rule)
                .map_err(|error| format!("line {}: {error}", rule.line))?;
        }
        Ok(builder.finish())
    }
}

fn rules(data: &'static str) -> Result<Vec<Rule<'static>>, String> {
    let mut rules = Vec::new();
    for (index, line) in data.lines().enumerate() {
        let line_number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [kind, language, forms, value] = columns.as_slice() else {
            return Err(format!(
                "line {line_number}: expected 4 tab-separated columns"
            ));
        };
        rules.push(Rule {
            line: line_number,
            kind,
            language,
            forms,
            value,
        });
    }
    Ok(rules)
}

#[derive(Default)]
struct Builder {
    classes: Vec<ClassInfo>,
    class_named: HashMap<&'static str, PhraseClass>,
    categories: HashMap<&'static str, Category>,
    english: Option<Grammar>,
    spanish: Option<Grammar>,
}

impl Builder {
    fn apply(&mut self, rule: &Rule<'static>) -> Result<(), String> {
        let entry = match rule.kind {
            "head" => Entry::Head(self.class(rule.value)),
            "base" => Entry::Base(self.class(rule.value)),
            "noun" => Entry::Noun(self.category(rule.value)),
            "lead" => Entry::Lead,
            "auxiliary" => Entry::Auxiliary,
            "tail" => Entry::Tail,
            "with" => Entry::Role(Roles::PREPOSITION),
            "own" => Entry::Role(Roles::POSSESSIVE),
            "adjective" => Entry::Role(Roles::ADJECTIVE),
            "and" => Entry::Role(Roles::CONJUNCTION),
            "refine" => return self.add_refinement(rule),
            "family" => return self.add_family(rule),
            other => return Err(format!("unknown kind `{other}`")),
        };
        let grammar = self.grammar_mut(rule.language)?;
        for form in expand_forms(rule.forms)? {
            if form.split(' ').any(|word| word.len() > MAX_WORD_BYTES) {
                return Err(format!("`{form}` has a word longer than MAX_WORD_BYTES"));
            }
            let words: Vec<WordId> = form.split(' ').map(|word| grammar.intern(word)).collect();
            grammar
                .add(entry, &words)
                .map_err(|error| format!("`{form}`: {error}"))?;
        }
        Ok(())
    }

    fn add_refinement(&mut self, rule: &Rule<'static>) -> Result<(), String> {
        let Some((head, category)) = rule.forms.split_once(" + ") else {
            return Err("expected `class + category`".to_string());
        };
        let head = self.known_class(head)?;
        let category = self
            .category(category)
            .ok_or("a refinement needs a category")?;
        let refined = self.class(rule.value);
        for grammar in [&mut self.english, &mut self.spanish] {
            let grammar = grammar.get_or_insert_with(Grammar::new);
            grammar.refinements.push(Refinement {
                head,
                category,
                refined,
            });
        }
        Ok(())
    }

    fn add_family(&mut self, rule: &Rule<'static>) -> Result<(), String> {
        for name in rule.forms.split(" | ") {
            let class = self.known_class(name)?;
            if let Some(info) = self.classes.get_mut(usize::from(class.0)) {
                info.family = rule.value;
            }
        }
        Ok(())
    }

    fn grammar_mut(&mut self, language: &str) -> Result<&mut Grammar, String> {
        let slot = match language {
            "en" => &mut self.english,
            "es" => &mut self.spanish,
            other => return Err(format!("unknown language `{other}`")),
        };
        Ok(slot.get_or_insert_with(Grammar::new))
    }

    fn class(&mut self, name: &'static str) -> PhraseClass {
        if let Some(&class) = self.class_named.get(name) {
            return class;
        }
        let class = PhraseClass(self.classes.len() as u16);
        self.classes.push(ClassInfo { name, family: name });
        self.class_named.insert(name, class);
        class
    }

    fn known_class(&self, name: &str) -> Result<PhraseClass, String> {
        self.class_named
            .get(name)
            .copied()
            .ok_or_else(|| format!("unknown class `{name}`"))
    }

    fn category(&mut self, name: &'static str) -> Option<Category> {
        if name == "-" {
            return None;
        }
        let next = Category(self.categories.len() as u8);
        Some(*self.categories.entry(name).or_insert(next))
    }

    fn finish(self) -> Lexicon {
        Lexicon {
            classes: self.classes,
            class_named: self.class_named,
            english: self.english.unwrap_or_else(Grammar::new),
            spanish: self.spanish.unwrap_or_else(Grammar::new),
        }
    }
}

/// What a form of a rule adds to a grammar.
#[derive(Clone, Copy)]
enum Entry {
    Head(PhraseClass),
    Base(PhraseClass),
    Noun(Option<Category>),
    Lead,
    Auxiliary,
    Tail,
    Role(Roles),
}

/// The forms of a rule in lower case, each word ending `stem(a|o)` expanded to every ending.
fn expand_forms(forms: &str) -> Result<Vec<String>, String> {
    let mut expanded = Vec::new();
    for form in forms.split(" | ") {
        let mut variants = vec![String::new()];
        for word in form.split(' ') {
            let endings = word_endings(word)?;
            variants = variants
                .iter()
                .flat_map(|prefix| {
                    endings.iter().map(move |ending| {
                        let separator = if prefix.is_empty() { "" } else { " " };
                        format!("{prefix}{separator}{ending}")
                    })
                })
                .collect();
        }
        expanded.extend(variants.into_iter().map(|variant| variant.to_lowercase()));
    }
    Ok(expanded)
}

/// `Preocupad(a|o)` is `Preocupada` and `Preocupado`; a word without parentheses is itself.
fn word_endings(word: &str) -> Result<Vec<String>, String> {
    if word.is_empty() {
        return Err("empty word (check the spacing around `|`)".to_string());
    }
    let Some((stem, alternatives)) = word.split_once('(') else {
        return Ok(vec![word.to_string()]);
    };
    let alternatives = alternatives
        .strip_suffix(')')
        .ok_or_else(|| format!("unclosed endings in `{word}`"))?;
    Ok(alternatives
        .split('|')
        .map(|ending| format!("{stem}{ending}"))
        .collect())
}
