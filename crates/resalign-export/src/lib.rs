//! Writes an aligned English/Spanish resolution pair for the people and tools that use it: a JSON
//! report, TSV, TMX 1.4b for translation memories, XLIFF 2.0 for bilingual review, a side-by-side
//! HTML report, the findings as CSV and an Excel workbook for spreadsheets, and the terminal view
//! of the findings.

pub mod csv;
mod error;
pub mod html;
pub mod report;
pub mod terminal;
pub mod tmx;
pub mod tsv;
pub mod xliff;
pub mod xlsx;
mod xml;

pub use error::{Error, ErrorKind};
