//! xliff export (being written).
