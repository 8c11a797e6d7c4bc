//! Where the AKN4UN corpus the `corpus` and `evaluate` examples read comes from, for the error a
//! fresh clone without it gets.

use std::path::Path;

/// The error for a corpus folder that is not there: where the corpus comes from and how to get
/// a copy.
pub fn missing_corpus(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "no corpus at {}.\n\
         The AKN4UN corpus is the UN's public UNxml repositories on GitHub, one per body: \
         UNxml/GAresolutions, UNxml/ECOSOCresolutions, UNxml/SCresolutions and \
         UNxml/HRCresolutions. Get a copy with\n\
         \n    mkdir -p corpus/unxml\n    \
         for body in GA ECOSOC SC HRC; do\n        \
         git clone --depth 1 https://github.com/UNxml/${{body}}resolutions corpus/unxml/$body\n    \
         done\n\n\
         and give its folder: cargo run --release --example NAME -- corpus/unxml",
        path.display()
    )
}
