//! The text front-end on documents it has never seen: every English and Spanish resolution of the
//! AKN4UN corpus is rendered as seed-shaped markdown and as `pdftotext` output (page breaks,
//! footnotes dropped in, paragraphs cut, running heads, hyphenation, glued calls) and parsed
//! back; the units must come back with the ids, kinds and texts the XML gave, vote records
//! included. Needs the corpus: without it the tests are reported ignored, and fail under
//! `RESALIGN_REQUIRE_CORPUS=1`.

use resalign::Parser;
use resalign_testkit::corpus::{corpus_dir, xml_files_under};
use resalign_testkit::exact::{Comparison, Tally};
use resalign_testkit::{Renderer, Shape};

fn round_trip(shape: Shape) -> Tally {
    let root = corpus_dir();
    let mut tally = Tally::new(Comparison::EXACT);
    for (seed, path) in xml_files_under(&root).iter().enumerate() {
        // The misfiled French and Chinese files are refused; the corpus test covers that.
        let Ok(original) = Parser::new().parse_path(path) else {
            continue;
        };
        let rendering = Renderer::new()
            .shape(shape)
            .seed(seed as u64)
            .render(&original);
        let reparsed = Parser::new()
            .parse_str(&rendering.text)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        tally.add(&path.display().to_string(), &original, &reparsed);
    }
    eprintln!("{shape:?}: {}", tally.summary());
    tally
}

fn markdown_renderings_of_the_corpus_parse_back() {
    let tally = round_trip(Shape::Markdown);
    assert!(tally.reaches(982), "below 98.2% of units");
    assert!(
        tally.documents_exact * 100 >= tally.documents * 93,
        "below 93% of documents"
    );
    vote_records_parse_back(&tally);
}

fn plain_text_renderings_of_the_corpus_parse_back() {
    let tally = round_trip(Shape::PlainText);
    assert!(tally.reaches(968), "below 96.8% of units");
    assert!(
        tally.documents_exact * 100 >= tally.documents * 84,
        "below 84% of documents"
    );
    vote_records_parse_back(&tally);
}

/// The vote records of the Human Rights Council resolutions, printed as the UN prints them
/// (under the closing lines, each list under its label), come back as the unit the XML gave.
fn vote_records_parse_back(tally: &Tally) {
    assert!(
        tally.votes >= 70,
        "only {} vote records in the XML",
        tally.votes
    );
    assert!(
        tally.votes_exact * 100 >= tally.votes * 98,
        "{} of {} vote records back",
        tally.votes_exact,
        tally.votes
    );
}

resalign_testkit::test_main! {
    markdown_renderings_of_the_corpus_parse_back => [Corpus],
    plain_text_renderings_of_the_corpus_parse_back => [Corpus],
}
