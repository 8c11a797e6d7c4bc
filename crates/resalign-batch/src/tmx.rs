//! The corpus TMX (`corpus.tmx`): `resalign-export`'s TMX in fragments, so that each pair's
//! translation units are rendered on the worker that aligned the pair and appended in pair order
//! between the prologue and the epilogue. That is what lets many threads write one file and an
//! interrupted run resume it.

use resalign_export::tmx::{FlaggedUnits, TmxFragments, TmxWriterBuilder};

use crate::error::{Error, ErrorKind};
use crate::process::AlignedPair;

/// The TMX pieces with the default settings (`en`, `es`, pairs judged different resolutions
/// left out), and units with findings marked or left out.
pub(crate) fn fragments(flagged: FlaggedUnits) -> Result<TmxFragments, Error> {
    let mut builder = TmxWriterBuilder::new();
    builder.flagged_units(flagged);
    builder.fragments().map_err(|error| {
        Error::new(ErrorKind::Serialize(format!(
            "cannot prepare the TMX file: {error}"
        )))
    })
}

/// The translation units of one pair.
pub(crate) fn pair_units(fragments: &TmxFragments, pair: &AlignedPair) -> Result<Vec<u8>, String> {
    fragments
        .units(&pair.en, &pair.es, &pair.alignment, &pair.findings)
        .map(|(units, _)| units)
        .map_err(|error| error.to_string())
}
