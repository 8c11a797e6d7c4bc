//! Renderings of hand-written documents: snapshots of both shapes in both languages,
//! determinism, and read-back of every unit, call and footnote from where the rendering says
//! they went, across many seeds and page sizes.

mod common;

use std::collections::BTreeSet;

use resalign_testkit::{MarkdownStyle, MetadataField, Rendering, Shape, Style};
use serde::Serialize;

use common::{check_read_back, fixture, fixtures, render, render_with};

const SHAPES: [Shape; 2] = [Shape::Markdown, Shape::PlainText];

/// What a snapshot shows besides the text.
#[derive(Serialize)]
struct Summary<'a> {
    style: Style,
    pages: usize,
    cuts: &'a [resalign_testkit::Cut],
    metadata: &'a [MetadataField],
    risks: &'a [resalign_testkit::Risk],
}

fn summary(rendering: &Rendering) -> Summary<'_> {
    Summary {
        style: rendering.style,
        pages: rendering.pages.len(),
        cuts: &rendering.cuts,
        metadata: &rendering.metadata,
        risks: &rendering.risks,
    }
}

fn shape_name(shape: Shape) -> &'static str {
    match shape {
        Shape::Markdown => "markdown",
        Shape::PlainText => "plain",
    }
}

#[test]
fn fixtures_render_as_snapshotted() {
    for (stem, document) in fixtures() {
        for shape in SHAPES {
            let rendering = render(&document, shape, 1, 1800);
            let name = format!("{stem}.{}", shape_name(shape));
            insta::assert_snapshot!(format!("{name}.text"), rendering.text);
            insta::assert_json_snapshot!(format!("{name}.summary"), summary(&rendering));
        }
    }
}

#[test]
fn seed_styles_reproduce_the_seed_documents_shape() {
    let cases = [
        ("en_ecosoc_2013_41", MarkdownStyle::english_seed()),
        ("es_ga_72_195", MarkdownStyle::spanish_seed()),
    ];
    for (stem, style) in cases {
        let rendering = render_with(&fixture(stem), Style::Markdown(style), 4, 2200);
        insta::assert_snapshot!(format!("{stem}.seed-style"), rendering.text);
    }
}

#[test]
fn a_seed_always_gives_the_same_rendering_and_seeds_vary_it() {
    for (stem, document) in fixtures() {
        for shape in SHAPES {
            let texts: BTreeSet<String> = (0..12)
                .map(|seed| {
                    let first = render(&document, shape, seed, 1500);
                    let again = render(&document, shape, seed, 1500);
                    assert_eq!(first.text, again.text, "{stem} {shape:?} seed {seed}");
                    assert_eq!(first.units, again.units);
                    first.text
                })
                .collect();
            assert!(
                texts.len() >= 10,
                "{stem} {shape:?}: only {} distinct renderings",
                texts.len()
            );
        }
    }
}

#[test]
fn every_unit_call_and_footnote_reads_back_across_seeds() {
    for (stem, document) in fixtures() {
        for shape in SHAPES {
            for page_chars in [900, 1500, 3000] {
                for seed in 0..48 {
                    let rendering = render(&document, shape, seed, page_chars);
                    let label = format!("{stem} {shape:?} {page_chars} seed {seed}");
                    check_read_back(&label, &document, &rendering);
                }
            }
        }
    }
}

#[test]
fn small_pages_cut_paragraphs_in_both_shapes() {
    for shape in SHAPES {
        for stem in ["en_ecosoc_2013_41", "es_ga_72_195"] {
            let document = fixture(stem);
            let cuts: usize = (0..16)
                .map(|seed| render(&document, shape, seed, 900).cuts.len())
                .sum();
            assert!(
                cuts >= 8,
                "{stem} {shape:?}: only {cuts} cuts in 16 renderings"
            );
        }
    }
}

#[test]
fn metadata_fields_are_stated_where_the_text_states_them() {
    let document = fixture("en_ecosoc_2013_41");
    for shape in SHAPES {
        for seed in 0..16 {
            let rendering = render(&document, shape, seed, 3000);
            let flat = rendering
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let fields: BTreeSet<MetadataField> = rendering.metadata.iter().copied().collect();
            let expect = |field, needle: &str| {
                assert_eq!(
                    fields.contains(&field),
                    flat.contains(needle),
                    "{shape:?} seed {seed}: {field:?} / {needle:?}"
                );
            };
            expect(MetadataField::Session, "Substantive session of 2013");
            expect(MetadataField::AgendaItem, "Agenda item 14 (c)");
            expect(MetadataField::DistributionDate, "18 October 2013");
            expect(MetadataField::Symbol, "E/RES/2013/41");
            assert!(
                fields.contains(&MetadataField::Title) && fields.contains(&MetadataField::Closing)
            );
            assert!(flat.contains("47th plenary meeting"));
        }
    }
}
