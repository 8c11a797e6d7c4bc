//! Opening phrases of preambular and operative paragraphs in English and Spanish, grouped into
//! language-independent classes (`Recalling also` and `Recordando también` are both `recall`,
//! `Deeply concerned` and `Profundamente preocupada` are both `concerned`).
//!
//! The phrases come from `data/openings.tsv`, compiled in: heads (`Requests`, `Acoge`), the
//! modifiers around them (`Also`, `también`, `Strongly`), the attitudes and objects that belong to
//! the phrase (`with appreciation`, `con beneplácito`, `its deep concern`, `su solicitud`) and
//! the families of classes that translators render with one another's phrases.

use std::collections::{HashMap, HashSet};
use std::fmt;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct WordId(u32);

/// Multi-word entries looked up word by word from the start of a text.
struct Trie<V> {
    edges: HashMap<(u32, WordId), u32>,
    values: Vec<Option<V>>,
    has_children: Vec<bool>,
}

impl<V: Copy> Trie<V> {
    const ROOT: u32 = 0;

    fn new() -> Trie<V> {
        Trie {
            edges: HashMap::new(),
            values: vec![None],
            has_children: vec![false],
        }
    }

    fn insert(&mut self, words: &[WordId], value: V) -> Result<(), String> {
        let mut node = Trie::<V>::ROOT;
        for &word in words {
            node = match self.edges.get(&(node, word)) {
                Some(&child) => child,
                None => {
                    let child = u32::try_from(self.values.len())
                        .map_err(|_| "too many entries".to_string())?;
                    self.values.push(None);
                    self.has_children.push(false);
                    self.edges.insert((node, word), child);
                    if let Some(flag) = self.has_children.get_mut(node as usize) {
                        *flag = true;
                    }
                    child
                }
            };
        }
        match self.values.get_mut(node as usize) {
            Some(slot @ None) => {
                *slot = Some(value);
                Ok(())
            }
            _ => Err("an entry is listed twice".to_string()),
        }
    }

    fn child(&self, node: u32, word: WordId) -> Option<u32> {
        self.edges.get(&(node, word)).copied()
    }

    fn value(&self, node: u32) -> Option<V> {
        self.values.get(node as usize).copied().flatten()
    }

    fn has_children(&self, node: u32) -> bool {
        self.has_children.get(node as usize).copied().unwrap_or(false)
    }
}

/// The phrases of one language.
struct Grammar {
    words: HashMap<Box<str>, WordId>,
    heads: Trie<PhraseClass>,
    leads: Trie<()>,
    tails: Trie<()>,
    nouns: Trie<Option<Category>>,
    adjectives: HashSet<WordId>,
    prepositions: HashSet<WordId>,
    possessives: HashSet<WordId>,
    conjunctions: HashSet<WordId>,
    refinements: HashMap<(PhraseClass, Category), PhraseClass>,
    refinable: HashSet<PhraseClass>,
}

impl Grammar {
    fn new() -> Grammar {
        Grammar {
            words: HashMap::new(),
            heads: Trie::new(),
            leads: Trie::new(),
            tails: Trie::new(),
            nouns: Trie::new(),
            adjectives: HashSet::new(),
            prepositions: HashSet::new(),
            possessives: HashSet::new(),
            conjunctions: HashSet::new(),
            refinements: HashMap::new(),
            refinable: HashSet::new(),
        }
    }

    /// The end and class of the phrase at `start`: leads, a head and its tails, then more heads
    /// joined by a conjunction (`Welcomes and encourages`), which keep the first head's class.
    fn read_phrase(&self, text: &str, start: usize) -> Option<(usize, PhraseClass)> {
        let (head_end, head_class) = self.read_head(text, start)?;
        let (mut end, class) = self.read_tails(text, head_end, head_class);
        for _ in 1..MAX_HEADS {
            let Some(after_conjunction) = self.read_word_in(&self.conjunctions, text, end) else {
                break;
            };
            let Some((next_end, next_class)) = self.read_head(text, after_conjunction) else {
                break;
            };
            end = self.read_tails(text, next_end, next_class).0;
        }
        Some((end, class))
    }

    /// A head after any number of leads (`Also requests`, `Sigue profundamente preocupada`).
    /// When a word could be both, reading it as a lead is preferred if a head follows.
    fn read_head(&self, text: &str, start: usize) -> Option<(usize, PhraseClass)> {
        let mut position = start;
        let mut found = None;
        for _ in 0..=MAX_LEADS {
            if let Some(head) = self.longest_head(text, position) {
                found = Some(head);
            }
            match self.longest(&self.leads, text, position) {
                Some((after_lead, ())) => position = after_lead,
                None => break,
            }
        }
        found
    }

    /// Modifiers, attitudes and objects after a head, in any order; an object can refine the
    /// class (`Expresses` + `its deep concern`).
    fn read_tails(&self, text: &str, start: usize, class: PhraseClass) -> (usize, PhraseClass) {
        let mut end = start;
        let mut class = class;
        for _ in 0..MAX_TAILS {
            if let Some((after, ())) = self.longest(&self.tails, text, end) {
                end = after;
            } else if let Some(after) = self.read_attitude(text, end) {
                end = after;
            } else if let Some((after, category)) = self.read_object(text, end, class) {
                end = after;
                if let Some(refined) = category.and_then(|c| self.refinements.get(&(class, c))) {
                    class = *refined;
                }
            } else {
                break;
            }
        }
        (end, class)
    }

    /// `with appreciation`, `con beneplácito`, `with deep concern`.
    fn read_attitude(&self, text: &str, start: usize) -> Option<usize> {
        let after_preposition = self.read_word_in(&self.prepositions, text, start)?;
        self.read_nominal(text, after_preposition)
            .map(|(end, _)| end)
    }

    /// `its request`, `su profunda preocupación`; after a head whose class an object refines,
    /// also a bare one (`Expresses deep concern`, `Expresa preocupación`).
    fn read_object(
        &self,
        text: &str,
        start: usize,
        class: PhraseClass,
    ) -> Option<(usize, Option<Category>)> {
        match self.read_word_in(&self.possessives, text, start) {
            Some(after_possessive) => self.read_nominal(text, after_possessive),
            None if self.refinable.contains(&class) => self.read_nominal(text, start),
            None => None,
        }
    }

    /// Adjectives, a noun and adjectives after it (Spanish puts them there), possibly
    /// coordinated (`its gratitude and support`, `su persistente y profunda preocupación`). The
    /// category is the first noun's.
    fn read_nominal(&self, text: &str, start: usize) -> Option<(usize, Option<Category>)> {
        let after_adjectives = self.read_adjectives(text, start);
        let (after_noun, category) = self.longest(&self.nouns, text, after_adjectives)?;
        let mut end = self.read_adjectives(text, after_noun);
        if let Some(after_conjunction) = self.read_word_in(&self.conjunctions, text, end) {
            let after_adjectives = self.read_adjectives(text, after_conjunction);
            if let Some((after_noun, _)) = self.longest(&self.nouns, text, after_adjectives) {
                end = self.read_adjectives(text, after_noun);
            }
        }
        Some((end, category))
    }

    /// Adjectives, possibly joined by a conjunction when another adjective follows.
    fn read_adjectives(&self, text: &str, start: usize) -> usize {
        let mut end = start;
        for _ in 0..MAX_TAILS {
            if let Some(after) = self.read_word_in(&self.adjectives, text, end) {
                end = after;
                continue;
            }
            let joined = self
                .read_word_in(&self.conjunctions, text, end)
                .and_then(|after| self.read_word_in(&self.adjectives, text, after));
            match joined {
                Some(after) if end > start => end = after,
                _ => break,
            }
        }
        end
    }

    /// The end of the next word if it is one of `set`.
    fn read_word_in(&self, set: &HashSet<WordId>, text: &str, start: usize) -> Option<usize> {
        let word = next_word(text, start)?;
        let id = self.word_id(text.get(word.start..word.end)?)?;
        set.contains(&id).then_some(word.end)
    }

    /// The longest entry of `trie` at `start`.
    fn longest<V: Copy>(&self, trie: &Trie<V>, text: &str, start: usize) -> Option<(usize, V)> {
        self.walk(trie, text, start, Interruptions::Refused)
    }

    /// The longest head at `start`; a tail may interrupt a multi-word head (`Calls once again
    /// upon`, `Toma también nota`).
    fn longest_head(&self, text: &str, start: usize) -> Option<(usize, PhraseClass)> {
        self.walk(&self.heads, text, start, Interruptions::Tails)
    }

    fn walk<V: Copy>(
        &self,
        trie: &Trie<V>,
        text: &str,
        start: usize,
        interruptions: Interruptions,
    ) -> Option<(usize, V)> {
        let mut node = Trie::<V>::ROOT;
        let mut position = start;
        let mut best = None;
        loop {
            let next = self.step(trie, node, text, position).or_else(|| {
                if interruptions == Interruptions::Refused || !trie.has_children(node) {
                    return None;
                }
                let (after_tail, ()) = self.longest(&self.tails, text, position)?;
                self.step(trie, node, text, after_tail)
            });
            let Some((child, end)) = next else {
                break;
            };
            node = child;
            position = end;
            if let Some(value) = trie.value(node) {
                best = Some((position, value));
            }
        }
        best
    }

    /// The child of `node` for the next word and the end of that word.
    fn step<V: Copy>(
        &self,
        trie: &Trie<V>,
        node: u32,
        text: &str,
        position: usize,
    ) -> Option<(u32, usize)> {
        let word = next_word(text, position)?;
        let id = self.word_id(text.get(word.start..word.end)?)?;
        trie.child(node, id).map(|child| (child, word.end))
    }

    fn word_id(&self, word: &str) -> Option<WordId> {
        let mut buffer = [0u8; MAX_WORD_BYTES];
        let folded = fold(word, &mut buffer)?;
        self.words.get(folded).copied()
    }

    fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = WordId(self.words.len() as u32);
        self.words.insert(word.into(), id);
        id
    }
}

/// Whether a tail may interrupt the words of an entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Interruptions {
    Refused,
    Tails,
}

/// A word's byte range in the text.
struct WordRange {
    start: usize,
    end: usize,
}

/// The word after `position`, past whitespace; none at punctuation or the end of the text, since
/// a phrase never runs across punctuation (`Notes, in this regard,`).
fn next_word(text: &str, position: usize) -> Option<WordRange> {
    let rest = text.get(position..)?;
    let trimmed = rest.trim_start();
    let start = position + (rest.len() - trimmed.len());
    let word_len = trimmed
        .find(|c: char| !is_word_char(c))
        .unwrap_or(trimmed.len());
    (word_len > 0).then_some(WordRange {
        start,
        end: start + word_len,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The word in lower case with hyphens unified, written into `buffer`; none when it does not
/// fit, as no word of the lexicon is that long.
fn fold<'b>(word: &str, buffer: &'b mut [u8; MAX_WORD_BYTES]) -> Option<&'b str> {
    let mut len = 0;
    for c in word.chars() {
        let c = if matches!(c, '\u{2010}' | '\u{2011}') {
            '-'
        } else {
            c
        };
        for lower in c.to_lowercase() {
            let slot = buffer.get_mut(len..len + lower.len_utf8())?;
            len += lower.encode_utf8(slot).len();
        }
    }
    std::str::from_utf8(buffer.get(..len)?).ok()
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
            return Err(format!("line {line_number}: expected 4 tab-separated columns"));
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
        match rule.kind {
            "refine" => return self.add_refinement(rule),
            "family" => return self.add_family(rule),
            _ => {}
        }
        let value = self.value_of(rule)?;
        let grammar = self.grammar_mut(rule.language)?;
        for form in expand_forms(rule.forms)? {
            let words: Vec<WordId> = form.split(' ').map(|word| grammar.intern(word)).collect();
            let single = match words.as_slice() {
                [word] => Some(*word),
                _ => None,
            };
            let set = match rule.kind {
                "adjective" => Some(&mut grammar.adjectives),
                "with" => Some(&mut grammar.prepositions),
                "own" => Some(&mut grammar.possessives),
                "and" => Some(&mut grammar.conjunctions),
                _ => None,
            };
            let inserted = match (set, value) {
                (Some(set), _) => single
                    .map(|word| {
                        set.insert(word);
                    })
                    .ok_or_else(|| format!("`{form}` must be one word")),
                (None, Value::Class(class)) => grammar.heads.insert(&words, class),
                (None, Value::Category(category)) => grammar.nouns.insert(&words, category),
                (None, Value::Modifier) if rule.kind == "lead" => grammar.leads.insert(&words, ()),
                (None, Value::Modifier) => grammar.tails.insert(&words, ()),
            };
            inserted.map_err(|error| format!("`{form}`: {error}"))?;
        }
        Ok(())
    }

    /// What the value column means for this kind of rule.
    fn value_of(&mut self, rule: &Rule<'static>) -> Result<Value, String> {
        match rule.kind {
            "head" => Ok(Value::Class(self.class(rule.value))),
            "noun" => Ok(Value::Category(self.category(rule.value))),
            "lead" | "tail" | "adjective" | "with" | "own" | "and" => Ok(Value::Modifier),
            other => Err(format!("unknown kind `{other}`")),
        }
    }

    fn add_refinement(&mut self, rule: &Rule<'static>) -> Result<(), String> {
        let Some((head, category)) = rule.forms.split_once(" + ") else {
            return Err("expected `class + category`".to_string());
        };
        let head = self.known_class(head)?;
        let category = self.category(category).ok_or("a refinement needs a category")?;
        let refined = self.class(rule.value);
        for grammar in [&mut self.english, &mut self.spanish] {
            let grammar = grammar.get_or_insert_with(Grammar::new);
            grammar.refinements.insert((head, category), refined);
            grammar.refinable.insert(head);
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

#[derive(Clone, Copy)]
enum Value {
    Class(PhraseClass),
    Category(Option<Category>),
    Modifier,
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
