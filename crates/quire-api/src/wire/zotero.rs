//! A Zotero import: what the person chose and what came of it
//! (`quire import --zotero DIR --json`, and the app's Zotero import).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What Zotero collections become in Quire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CollectionsAs {
    /// Collections of works (`--collections-as collections`, the default).
    Collections,
    /// Reading lists (`--collections-as lists`).
    Lists,
}

impl From<CollectionsAs> for quire_engine::zotero::CollectionsAs {
    fn from(c: CollectionsAs) -> Self {
        match c {
            CollectionsAs::Collections => Self::Collections,
            CollectionsAs::Lists => Self::Lists,
        }
    }
}

/// What a Zotero import did. Counts are of regular items: notes,
/// attachments and the trash are not works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ZoteroReport {
    /// Items read.
    pub items: usize,
    /// Items that became new works.
    pub created: usize,
    /// Items linked to a work the library already held (same DOI, or the
    /// same first author, year and title).
    pub matched: usize,
    /// Items changed in Zotero since the last import, and updated.
    pub updated: usize,
    /// Items unchanged since the last import.
    pub unchanged: usize,
    /// Works corrected in Quire whose correction was kept over Zotero's.
    pub kept_edits: usize,
    /// Collections or reading lists filled, by name ("Parent / Child").
    pub collections: Vec<String>,
    /// Source documents holding attachments' indexed text.
    pub documents: Vec<i64>,
    /// Tags on the imported works.
    pub tags: usize,
    /// What was left out or read in part, one line each.
    pub skipped: Vec<String>,
    /// The import was cancelled; the items before it were stored.
    pub cancelled: bool,
}

impl From<quire_engine::zotero::ZoteroReport> for ZoteroReport {
    fn from(r: quire_engine::zotero::ZoteroReport) -> Self {
        Self {
            items: r.items,
            created: r.created,
            matched: r.matched,
            updated: r.updated,
            unchanged: r.unchanged,
            kept_edits: r.kept_edits,
            collections: r.collections,
            documents: r.documents,
            tags: r.tags,
            skipped: r.skipped,
            cancelled: r.cancelled,
        }
    }
}
