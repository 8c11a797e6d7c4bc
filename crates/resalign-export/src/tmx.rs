//! tmx export (being written).
