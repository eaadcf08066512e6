//! quire-engine: the Quire library.
//!
//! A library is a folder holding `library.sqlite3`. [`Library`] opens it,
//! imports files (splitting competition files into essays, dropping page
//! furniture, linking near-copies) and answers queries; [`render`] turns a
//! stored Markdown body into HTML safe for the reader. Nothing here knows
//! about Tauri or the command line.

pub mod bibliography;
mod citations;
mod error;
pub mod guard;
pub mod import;
pub mod insights;
mod library;
mod lists;
mod model;
pub mod render;
pub mod review;
mod sample;
pub mod search;
mod store;
mod styles;
pub mod themes;
pub mod words;
mod works;
mod works_view;
#[cfg(test)]
mod write_tests;
pub mod zotero;

pub use error::{Error, Result};
pub use import::{CollectionHint, FileFilter, FileFormat, ParsedDoc, ParsedFile};
pub use library::{ImportOptions, Library};
pub use lists::{Importance, ListItem, ListSummary, ListView, Placement, Purpose};
pub use model::{
    Collection, DocFilter, DocRow, DocSummary, Document, ImportFailure, ImportReport,
    ImportWarning, ImportedFile, Kind, LimitFlag, Progress,
};
pub use store::OpenOptions;
pub use styles::StyleSummary;
pub use works::{CitedBy, Work};
pub use works_view::{WorkRow, WorksFilter, WorksPage};
