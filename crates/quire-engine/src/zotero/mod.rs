//! Importing a Zotero library from its data directory: `read` opens a copy
//! of `zotero.sqlite` read-only and maps its items to CSL-JSON the way
//! Zotero's own export does (`fields`); `store` turns them into works,
//! keyed by Zotero key so a second import updates instead of duplicating,
//! with their tags, their collections (as Quire collections of works or as
//! reading lists) and their attachments' indexed text as source documents.

mod fields;
mod read;
#[cfg(test)]
mod read_tests;
mod store;
#[cfg(test)]
mod tests;

pub use read::{ZoteroError, KNOWN_USERDATA_VERSION};
pub use store::{CollectionsAs, ZoteroReport};
