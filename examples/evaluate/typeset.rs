//! The typeset forms of the evaluation: each pair typeset the UN's way (`resalign-testkit`'s
//! driver of `../shared/tools/typeset_akn.py`) and read back as the PDF, the Word document,
//! `pdftotext` or `pdftotext -layout` text, through `Parser::parse_path` like any user file.
//! Faults go into a copy of the Spanish XML (a paragraph removed, an anchor altered), which is
//! typeset in its turn. The gold and the faults, known on the XML's units, follow to the units
//! read back by their ids, which the parser gives the same in every format; footnote numbers
//! follow as printed (LibreOffice numbers footnotes 1, 2, 3 in the order of their first call).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use resalign_core::{AnchorKind, Document, Parser};
use resalign_testkit::typeset::{Form, Typesetter};

use crate::gold::Gold;
use crate::pairing::FilePair;
use crate::perturb::{Fault, FaultKind, shuffle};
use crate::rng::Rng;
use crate::{Loaded, Presented};

/// One fault of each kind per this many judged units, and at least one (as `perturb.rs`).
const UNITS_PER_FAULT: usize = 60;

/// Typesets pairs and reads one form of them back.
pub struct Typeset {
    pub form: Form,
    typesetter: Typesetter,
    /// Where the perturbed Spanish XML copies are written before typesetting.
    scratch: PathBuf,
}

impl Typeset {
    pub fn new(form: Form, corpus: &Path, cache: &Path) -> Result<Typeset> {
        let missing = Typesetter::missing_programs();
        if !missing.is_empty() {
            bail!(
                "typesetting needs {missing:?} (Debian: libreoffice-writer-nogui, poppler-utils, fonts-liberation)"
            );
        }
        let scratch = cache.join("perturbed");
        std::fs::create_dir_all(&scratch)
            .with_context(|| format!("creating {}", scratch.display()))?;
        Ok(Typeset {
            form,
            typesetter: Typesetter::beside_corpus(corpus, cache),
            scratch,
        })
    }

    /// Typesets every file of `pairs` at once (LibreOffice starts once per batch).
    pub fn prepare(&self, pairs: &[FilePair]) -> Result<()> {
        let sources: Vec<PathBuf> = pairs
            .iter()
            .flat_map(|pair| [pair.en.clone(), pair.es.clone()])
            .collect();
        self.typesetter.typeset(&sources)?;
        Ok(())
    }

    /// The form of one XML file, parsed.
    fn read(&self, xml: &Path) -> Result<Document> {
        let typeset = self.typesetter.typeset(&[xml.to_path_buf()])?;
        let path = typeset
            .first()
            .map(|typeset| typeset.path(self.form))
            .context("typeset")?;
        Ok(Parser::new().parse_path(&path)?)
    }

    /// The pair as typeset, with the gold of its XML.
    pub fn untouched(&self, pair: &FilePair, loaded: &Loaded, gold: &Gold) -> Result<Presented> {
        let en = self.read(&pair.en)?;
        let es = self.read(&pair.es)?;
        Ok(Presented {
            gold: follow(gold, (&loaded.en, &en), (&loaded.es, &es)),
            faults: Vec::new(),
            en,
            es,
        })
    }

    /// The pair with faults put in a copy of the Spanish XML, typeset.
    pub fn perturbed(
        &self,
        pair: &FilePair,
        loaded: &Loaded,
        gold: &Gold,
        rng: &mut Rng,
    ) -> Result<Presented> {
        let (xml, edits) = perturbed_xml(&loaded.es, gold, rng);
        let stem = pair
            .es
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let copy = self.scratch.join(format!("{stem}.perturbed.xml"));
        std::fs::write(&copy, xml).with_context(|| format!("writing {}", copy.display()))?;
        let es_xml = Parser::new().parse_path(&copy)?;
        let xml_gold = Gold::from_eids(&loaded.en, &es_xml);
        let faults = xml_faults(&edits, &loaded.es, &es_xml, gold);
        let en = self.read(&pair.en)?;
        let es = self.read(&copy)?;
        let en_map = by_id(&loaded.en, &en);
        let es_map = by_id(&es_xml, &es);
        let faults = faults
            .into_iter()
            .filter_map(|fault| {
                Some(Fault {
                    en: map_all(&fault.en, &en_map)?,
                    es: map_all(&fault.es, &es_map)?,
                    ..fault
                })
            })
            .collect();
        Ok(Presented {
            gold: follow(&xml_gold, (&loaded.en, &en), (&es_xml, &es)),
            faults,
            en,
            es,
        })
    }
}

/// A fault put in the Spanish XML: a unit (by position in the Spanish XML document) removed, or
/// one of its anchors altered.
#[derive(Clone, Copy, Debug)]
struct Edit {
    position: usize,
    kind: FaultKind,
    anchor: Option<AnchorKind>,
}

/// The Spanish XML with units removed and anchors altered, and the edits. Units with exactly
/// one gold counterpart are edited, never two side by side; a unit's bytes in the XML are its
/// whole element, so that removing them leaves well-formed markup.
fn perturbed_xml(es: &Document, gold: &Gold, rng: &mut Rng) -> (String, Vec<Edit>) {
    let mut counterparts: BTreeMap<usize, usize> = BTreeMap::new();
    for &(_, s) in &gold.links {
        *counterparts.entry(s).or_default() += 1;
    }
    let mut order: Vec<usize> = (0..es.units.len())
        .filter(|position| counterparts.get(position) == Some(&1))
        .collect();
    shuffle(rng, &mut order);
    let per_kind = 1 + gold.covered_units().1 / UNITS_PER_FAULT;
    let mut taken: BTreeSet<usize> = BTreeSet::new();
    let mut edits = Vec::new();
    for kind in [FaultKind::AnchorAltered, FaultKind::Removed] {
        let mut placed = 0;
        for &position in &order {
            if placed == per_kind {
                break;
            }
            let free = (position.saturating_sub(1)..=position + 1).all(|p| !taken.contains(&p));
            let nested = es
                .units
                .iter()
                .any(|unit| unit.parent.as_ref() == Some(&es.units[position].id));
            let anchor = alteration(es, position);
            let fits = !nested
                && match kind {
                    FaultKind::AnchorAltered => anchor.is_some(),
                    _ => true,
                };
            let marked = es.units[position].eid.is_some();
            if free && fits && marked && single_span(es, position) {
                taken.insert(position);
                edits.push(Edit {
                    position,
                    kind,
                    anchor: anchor.map(|(_, _, kind)| kind),
                });
                placed += 1;
            }
        }
    }
    // Edit from the end so that earlier byte offsets hold.
    let mut changes: Vec<(std::ops::Range<usize>, String)> = edits
        .iter()
        .filter_map(|edit| match edit.kind {
            FaultKind::Removed => {
                let eid = es.units[edit.position].eid.as_deref()?;
                Some((element_range(&es.source, eid)?, String::new()))
            }
            _ => {
                alteration(es, edit.position).map(|(at, digit, _)| (at..at + 1, digit.to_string()))
            }
        })
        .collect();
    changes.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut xml = es.source.clone();
    for (range, replacement) in changes {
        xml.replace_range(range, &replacement);
    }
    (xml, edits)
}

/// The bytes of the element that carries `eId="eid"`, from its start tag to its end tag.
fn element_range(xml: &str, eid: &str) -> Option<std::ops::Range<usize>> {
    let attribute = xml.find(&format!("eId=\"{eid}\""))?;
    let start = xml[..attribute].rfind('<')?;
    let name: String = xml[start + 1..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == ':')
        .collect();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let next_open = xml[at..].find(&open).map(|offset| at + offset);
        let next_close = xml[at..].find(&close).map(|offset| at + offset)?;
        match next_open {
            Some(opening) if opening < next_close => {
                let after = xml.as_bytes().get(opening + open.len()).copied();
                if matches!(after, Some(b' ' | b'>' | b'\n' | b'\r' | b'\t')) {
                    depth += 1;
                }
                at = opening + open.len();
            }
            _ => {
                depth = depth.checked_sub(1)?;
                at = next_close + close.len();
                if depth == 0 {
                    return Some(start..at);
                }
            }
        }
    }
}

fn single_span(es: &Document, position: usize) -> bool {
    es.units[position].spans.len() == 1
}

/// Where in the XML the last digit of a unit's first citation anchor is, the digit it becomes,
/// and the anchor's kind: the anchor is found in the unit's bytes as its text prints it.
fn alteration(es: &Document, position: usize) -> Option<(usize, char, AnchorKind)> {
    let unit = &es.units[position];
    let span = *unit.spans.first()?;
    let bytes = es.source.get(span.start..span.end)?;
    unit.anchors
        .iter()
        .filter(|anchor| anchor.kind != AnchorKind::FootnoteCall)
        .find_map(|anchor| {
            let text = unit.text.get(anchor.range.start..anchor.range.end)?;
            let digit = text.bytes().rposition(|byte| byte.is_ascii_digit())?;
            let found = in_text(bytes, text)?;
            let at = span.start + found + digit;
            let old = es.source.as_bytes()[at];
            let new = if old == b'9' {
                '0'
            } else {
                char::from(old + 1)
            };
            Some((at, new, anchor.kind))
        })
}

/// Where `needle` first stands in the text of `markup`: not inside a tag, not in a footnote.
fn in_text(markup: &str, needle: &str) -> Option<usize> {
    markup.match_indices(needle).map(|(at, _)| at).find(|&at| {
        let before = &markup[..at];
        let in_tag = before.rfind('<') > before.rfind('>');
        let in_note = before.rfind("<authorialNote") > before.rfind("</authorialNote>");
        !in_tag && !in_note
    })
}

/// The faults of the edits on the units of the perturbed Spanish XML: a removed unit's English
/// counterparts, an altered unit's counterparts and its new position.
fn xml_faults(edits: &[Edit], es: &Document, es_xml: &Document, gold: &Gold) -> Vec<Fault> {
    let by_eid: HashMap<&str, usize> = es_xml
        .units
        .iter()
        .enumerate()
        .filter_map(|(position, unit)| unit.eid.as_deref().map(|eid| (eid, position)))
        .collect();
    edits
        .iter()
        .filter_map(|edit| {
            let en: Vec<usize> = gold
                .links
                .iter()
                .filter(|(_, s)| *s == edit.position)
                .map(|&(e, _)| e)
                .collect();
            let es_positions = match edit.kind {
                FaultKind::Removed => Vec::new(),
                _ => vec![*by_eid.get(es.units[edit.position].eid.as_deref()?)?],
            };
            Some(Fault {
                kind: edit.kind,
                en,
                es: es_positions,
                anchor: edit.anchor,
                footnote: None,
            })
        })
        .collect()
}

/// For each unit of `from`, the position of the unit of `to` with its id, when it has one.
fn by_id(from: &Document, to: &Document) -> Vec<Option<usize>> {
    let positions: HashMap<&str, usize> = to
        .units
        .iter()
        .enumerate()
        .map(|(position, unit)| (unit.id.as_str(), position))
        .collect();
    from.units
        .iter()
        .map(|unit| positions.get(unit.id.as_str()).copied())
        .collect()
}

fn map_all(positions: &[usize], map: &[Option<usize>]) -> Option<Vec<usize>> {
    positions
        .iter()
        .map(|&position| map.get(position).copied().flatten())
        .collect()
}

/// The number each footnote of `document` is printed with: 1, 2, 3 in the order of first calls.
fn printed_numbers(document: &Document) -> HashMap<u32, u32> {
    let mut printed = HashMap::new();
    for call in document.units.iter().flat_map(|unit| &unit.footnote_calls) {
        let next = printed.len() as u32 + 1;
        printed.entry(call.number).or_insert(next);
    }
    printed
}

/// The gold of an XML pair on the units read back: units linked by id; a unit read back is
/// judged when the XML unit of its id is.
fn follow(gold: &Gold, en: (&Document, &Document), es: (&Document, &Document)) -> Gold {
    let (en_map, es_map) = (by_id(en.0, en.1), by_id(es.0, es.1));
    let mut en_covered = vec![false; en.1.units.len()];
    let mut es_covered = vec![false; es.1.units.len()];
    let mut links = BTreeSet::new();
    for &(e, s) in &gold.links {
        if let (Some(Some(a)), Some(Some(b))) = (en_map.get(e), es_map.get(s)) {
            links.insert((*a, *b));
            en_covered[*a] = gold.en_covered.get(e).copied().unwrap_or(false);
            es_covered[*b] = gold.es_covered.get(s).copied().unwrap_or(false);
        }
    }
    let (en_printed, es_printed) = (printed_numbers(en.0), printed_numbers(es.0));
    let printed =
        |numbers: &HashMap<u32, u32>, number: u32| numbers.get(&number).copied().unwrap_or(number);
    Gold {
        links,
        en_covered,
        es_covered,
        markup: gold.markup,
        footnotes: gold
            .footnotes
            .iter()
            .map(|&(e, s)| (printed(&en_printed, e), printed(&es_printed, s)))
            .collect(),
        en_notes: gold
            .en_notes
            .iter()
            .map(|&n| printed(&en_printed, n))
            .collect(),
        es_notes: gold
            .es_notes
            .iter()
            .map(|&n| printed(&es_printed, n))
            .collect(),
    }
}
