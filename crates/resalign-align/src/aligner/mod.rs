//! The paragraph aligner: a monotone alignment of the two documents' units (1-1, 1-0, 0-1, 2-1,
//! 1-2) that scores candidate links from numbering, shared anchors and numbers, length,
//! vocabulary, unit kind and opening phrase, searched by dynamic programming in a band around
//! the units that surely match; then the footnotes, and a verdict on whether the two documents
//! are the same resolution at all.

mod band;
mod confidence;
mod dp;
mod evidence;
mod features;
mod footnotes;
mod guide;
mod numbering;
mod scan;
mod scoring;
mod verdict;

use resalign_core::{Diagnostic, DiagnosticCode, Document, Language, Severity, UnitId};

use crate::alignment::{Alignment, Evidence, Link, PairVerdict};
use crate::error::{Error, ErrorKind};

use band::{Band, Narrowing, cell_budget};
use confidence::{link_confidence, skip_confidence};
use dp::{Move, Step, best_path};
use evidence::{content_evidence, structure_evidence};
use features::PairFeatures;
use footnotes::{CallPairs, FootnoteAligner};
use scoring::{LengthModel, UnitScorer};

/// Spanish over English length in characters, the median over the paragraphs of the AKN4UN
/// corpus.
const EXPECTED_LENGTH_RATIO: f64 = 1.13;
/// How far, in units, the path may stray from the guide through the sure matches.
const BAND_HALF_WIDTH: usize = 10;
/// Spanish units within this distance of a unit without counterpart are the ones it could have
/// matched instead.
const ALTERNATIVES: usize = 2;
/// Links between documents that are not one resolution are never more sure than this.
const DIFFERENT_RESOLUTIONS_MAX_SCORE: f64 = 0.5;

/// Aligns English and Spanish documents.
///
/// ```
/// use resalign_align::Aligner;
///
/// let mut aligner = Aligner::new();
/// aligner.expected_length_ratio(1.2).band_half_width(20);
/// ```
#[derive(Clone, Debug)]
pub struct Aligner {
    expected_ratio: f64,
    band_half_width: usize,
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner {
            expected_ratio: EXPECTED_LENGTH_RATIO,
            band_half_width: BAND_HALF_WIDTH,
        }
    }
}

impl Aligner {
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// The Spanish/English length ratio (in characters) of a paragraph and its translation.
    /// Ratios that are not positive finite numbers are ignored.
    pub fn expected_length_ratio(&mut self, ratio: f64) -> &mut Aligner {
        if ratio.is_finite() && ratio > 0.0 {
            self.expected_ratio = ratio;
        }
        self
    }

    /// How many units the alignment may stray from the path that units with the same number or
    /// the same rare citation suggest. Wider is slower and rarely better.
    pub fn band_half_width(&mut self, units: usize) -> &mut Aligner {
        self.band_half_width = units.max(1);
        self
    }

    /// Aligns the units and footnotes of `en` with those of `es`. Fails only when the documents
    /// are not in English and Spanish.
    pub fn align(&self, en: &Document, es: &Document) -> Result<Alignment, Error> {
        expect_language(en, Language::En)?;
        expect_language(es, Language::Es)?;
        let features = PairFeatures::new(en, es);
        let scorer = UnitScorer::new(&features, self.expected_ratio);
        let (en_len, es_len) = (en.units.len(), es.units.len());
        let (band, narrowing) = Band::around(
            en_len,
            es_len,
            &guide::sure_unit_points(&features),
            self.band_half_width,
            cell_budget(en_len, es_len, self.band_half_width),
        );
        let mut diagnostics: Vec<Diagnostic> = narrowing
            .map(|narrowing| narrowed(Items::Paragraphs, en_len, es_len, narrowing))
            .into_iter()
            .collect();
        let steps = best_path(&band, |mv, i, j| scorer.score(mv, i, j));
        let mut links: Vec<Link> = steps
            .iter()
            .map(|step| self.unit_link(en, es, &features, &scorer, step))
            .collect();
        let calls = CallPairs::new(en, es, &steps);
        let (mut footnote_links, footnote_narrowing) = FootnoteAligner {
            en,
            es,
            features: &features,
            calls: &calls,
            en_callers: footnotes::callers(en),
            es_callers: footnotes::callers(es),
            length: LengthModel::new(self.expected_ratio),
            expected_ratio: self.expected_ratio,
        }
        .align();
        diagnostics.extend(footnote_narrowing.map(|narrowing| {
            narrowed(
                Items::Footnotes,
                en.footnotes.len(),
                es.footnotes.len(),
                narrowing,
            )
        }));
        let verdict = verdict::judge(en, es, &links);
        if matches!(verdict, PairVerdict::DifferentResolutions { .. }) {
            for link in &mut links {
                link.score = link.score.min(DIFFERENT_RESOLUTIONS_MAX_SCORE);
            }
            for link in &mut footnote_links {
                link.score = link.score.min(DIFFERENT_RESOLUTIONS_MAX_SCORE);
            }
        }
        Ok(Alignment {
            verdict,
            links,
            footnote_links,
            diagnostics,
        })
    }

    fn unit_link(
        &self,
        en: &Document,
        es: &Document,
        features: &PairFeatures<'_>,
        scorer: &UnitScorer<'_>,
        step: &Step,
    ) -> Link {
        let en_ids = unit_ids(en, step.en, step.mv.en());
        let es_ids = unit_ids(es, step.es, step.mv.es());
        let parts = scorer.breakdown(step.mv, step.en, step.es);
        let (Some(parts), Some(en_unit), Some(es_unit), Some(en_structure), Some(es_structure)) = (
            parts,
            en.units.get(step.en),
            es.units.get(step.es),
            features.en.structure.get(step.en),
            features.es.structure.get(step.es),
        ) else {
            return Link {
                en: en_ids,
                es: es_ids,
                score: skip_confidence(best_alternative(scorer, step, en, es)),
                evidence: vec![Evidence::NoCounterpart],
            };
        };
        let mut evidence = structure_evidence(en_unit, es_unit, en_structure, es_structure);
        let en_content = features.en.text(step.en, step.mv.en());
        let es_content = features.es.text(step.es, step.mv.es());
        if let (Some(en_content), Some(es_content)) = (en_content, es_content) {
            evidence.extend(content_evidence(
                features,
                en_content,
                es_content,
                self.expected_ratio,
            ));
        }
        Link {
            en: en_ids,
            es: es_ids,
            score: link_confidence(parts.evidence()),
            evidence,
        }
    }
}

/// Aligns with default settings.
pub fn align(en: &Document, es: &Document) -> Result<Alignment, Error> {
    Aligner::new().align(en, es)
}

/// What a narrowed search was over.
#[derive(Clone, Copy)]
enum Items {
    Paragraphs,
    Footnotes,
}

/// Says that the search for the best path was cut to its budget, and what that may cost.
fn narrowed(items: Items, en_len: usize, es_len: usize, narrowing: Narrowing) -> Diagnostic {
    let items = match items {
        Items::Paragraphs => "paragraphs",
        Items::Footnotes => "footnotes",
    };
    Diagnostic::new(
        DiagnosticCode::AlignmentNarrowed,
        Severity::Warning,
        format!(
            "The English text has {en_len} {items} and the Spanish text {es_len}, with too few \
             of them unique to both texts to guide the alignment: it was searched in {} cells \
             instead of the {} the difference in length asks for, so {items} far from where \
             their counterparts stand may be linked wrongly",
            narrowing.cells, narrowing.wanted
        ),
    )
}

fn expect_language(document: &Document, expected: Language) -> Result<(), Error> {
    if document.language == expected {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::WrongLanguage {
            expected,
            found: document.language,
        }))
    }
}

fn unit_ids(document: &Document, start: usize, count: usize) -> Vec<UnitId> {
    document
        .units
        .iter()
        .skip(start)
        .take(count)
        .map(|unit| unit.id.clone())
        .collect()
}

/// How much better than leaving the unit without counterpart the best alternative near it
/// would score: a 1-1 link with a unit near where it stands on the other side, or joining it to
/// the link before or after it as a 2-1 or 1-2 link.
fn best_alternative(
    scorer: &UnitScorer<'_>,
    step: &Step,
    en: &Document,
    es: &Document,
) -> Option<f64> {
    let window = |centre: usize, len: usize| {
        centre.saturating_sub(ALTERNATIVES)..(centre + ALTERNATIVES).min(len)
    };
    let evidence =
        |mv: Move, i: usize, j: usize| scorer.breakdown(mv, i, j).map(|parts| parts.evidence());
    let (i, j) = (step.en, step.es);
    let one_to_one: Vec<(usize, usize)> = match step.mv {
        Move::EnOnly => window(j, es.units.len()).map(|es| (i, es)).collect(),
        _ => window(i, en.units.len()).map(|en| (en, j)).collect(),
    };
    let merge_gains = merge_alternatives(step)
        .into_iter()
        .filter_map(|alternative| {
            let (mi, mj) = alternative.start;
            let (ri, rj) = alternative.replaces;
            let merged = scorer.breakdown(alternative.mv, mi, mj)?.total();
            let replaced = evidence(Move::OneOne, ri, rj)? + scoring::UNIT_SKIP;
            Some(merged - replaced)
        });
    one_to_one
        .into_iter()
        .filter_map(|(en, es)| evidence(Move::OneOne, en, es))
        .chain(merge_gains)
        .reduce(f64::max)
}

/// A 2-1 or 1-2 link that would take a unit without counterpart into a neighbouring 1-1 link.
struct MergeAlternative {
    mv: Move,
    /// Where the merged link would start.
    start: (usize, usize),
    /// The 1-1 link it would replace, with the unit's own skip.
    replaces: (usize, usize),
}

fn merge_alternatives(step: &Step) -> Vec<MergeAlternative> {
    let (i, j) = (step.en, step.es);
    let (mv, after) = match step.mv {
        Move::EnOnly => (Move::TwoOne, (i + 1, j)),
        _ => (Move::OneTwo, (i, j + 1)),
    };
    let mut alternatives = vec![MergeAlternative {
        mv,
        start: (i, j),
        replaces: after,
    }];
    if let (Some(before_i), Some(before_j)) = (i.checked_sub(1), j.checked_sub(1)) {
        alternatives.push(MergeAlternative {
            mv,
            start: (before_i, before_j),
            replaces: (before_i, before_j),
        });
    }
    alternatives
}
