//! terminal export (being written).
