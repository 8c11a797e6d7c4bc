//! The corpus TMX (`corpus.tmx`), built from `resalign-export`'s [`TmxWriter`] so that it is the
//! same TMX `resalign` writes for one pair: the prologue once, then each pair's translation
//! units, rendered on the worker that aligned the pair and appended in pair order, then the
//! closing tags. Rendering units apart is what lets the file be written by many threads and
//! resumed after an interruption.
//!
//! `TmxWriter` writes whole documents only, so a pair's units are cut out of a one-pair
//! document between the prologue and the closing tags, which are checked to be exactly those
//! of an empty document.

use resalign_export::tmx::TmxWriter;

use crate::error::{Error, ErrorKind};
use crate::process::AlignedPair;

const BODY_OPEN: &[u8] = b"<body>";

/// The fixed parts of the TMX document, and the pair units to place between them.
#[derive(Clone, Debug)]
pub(crate) struct TmxParts {
    /// Everything up to and including `<body>`.
    prologue: Vec<u8>,
    /// What follows `<body>` in a document without units: `</body>` and the rest.
    empty_tail: Vec<u8>,
    /// What follows the last unit: `</body>` on a line of its own, and the rest.
    closing: Vec<u8>,
}

impl TmxParts {
    pub(crate) fn new() -> Result<TmxParts, Error> {
        let empty = TmxWriter::new(Vec::new())
            .and_then(TmxWriter::finish)
            .map_err(tmx_error)?;
        let open = empty
            .windows(BODY_OPEN.len())
            .position(|window| window == BODY_OPEN)
            .ok_or_else(|| tmx_error("the TMX writer wrote no <body>"))?;
        let line_start = empty[..open]
            .iter()
            .rposition(|byte| *byte == b'\n')
            .map_or(0, |at| at + 1);
        let body_start = open + BODY_OPEN.len();
        let empty_tail = empty[body_start..].to_vec();
        // An indenting writer may put `</body>` on a line of its own even in an empty document;
        // otherwise it does so only after units, with the indent of `<body>`.
        let closing = if empty_tail.starts_with(b"\n") {
            empty_tail.clone()
        } else {
            [b"\n", &empty[line_start..open], empty_tail.as_slice()].concat()
        };
        Ok(TmxParts {
            prologue: empty[..body_start].to_vec(),
            empty_tail,
            closing,
        })
    }

    pub(crate) fn prologue(&self) -> &[u8] {
        &self.prologue
    }

    pub(crate) fn closing(&self) -> &[u8] {
        &self.closing
    }

    /// The translation units of one pair.
    pub(crate) fn units(&self, pair: &AlignedPair) -> Result<Vec<u8>, String> {
        let mut writer = TmxWriter::new(Vec::new()).map_err(|error| error.to_string())?;
        writer
            .add_pair(&pair.en, &pair.es, &pair.alignment)
            .map_err(|error| error.to_string())?;
        let document = writer.finish().map_err(|error| error.to_string())?;
        let body = document
            .strip_prefix(self.prologue.as_slice())
            .ok_or("the TMX writer's prologue changed from one pair to the next")?;
        if body == self.empty_tail.as_slice() {
            return Ok(Vec::new());
        }
        body.strip_suffix(self.closing.as_slice())
            .map(<[u8]>::to_vec)
            .ok_or_else(|| "the TMX writer closed a document in an unexpected way".to_string())
    }
}

fn tmx_error(error: impl ToString) -> Error {
    Error::new(ErrorKind::Serialize(format!(
        "cannot prepare the TMX file: {}",
        error.to_string()
    )))
}
