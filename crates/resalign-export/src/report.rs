//! report export (being written).
