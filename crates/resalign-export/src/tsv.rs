//! tsv export (being written).
