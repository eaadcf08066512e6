//! Works: the deduplicated things reference lists cite, as the works view
//! lists, shows, edits, imports and exports them.
//!
//! A work's bibliographic data is a CSL-JSON item ([`CslItem`]), the
//! external standard, sent as it is.

use quire_csl::CslItem;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::library::ImportFailure;

/// One document citing a work, and how many of its reference entries do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitedBy {
    /// The citing document's id.
    pub document_id: i64,
    /// The citing document's title.
    pub title: String,
    /// The citing document's author; null when not known.
    pub author: Option<String>,
    /// How many of the document's reference entries are this work (usually 1).
    pub count: usize,
}

impl From<quire_engine::CitedBy> for CitedBy {
    fn from(c: quire_engine::CitedBy) -> Self {
        Self {
            document_id: c.document_id,
            title: c.title,
            author: c.author,
            count: c.count,
        }
    }
}

/// A work and the documents that cite it: the object of `quire works --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Work {
    /// The work's id in the library.
    pub id: i64,
    /// What the work is, as CSL-JSON: a person's edit when `edited`, else
    /// the parse of the first reference entry linked to it.
    pub csl: CslItem,
    /// True once a person has edited the CSL.
    pub edited: bool,
    /// The documents citing it, one entry per document.
    pub cited_by: Vec<CitedBy>,
}

impl From<quire_engine::Work> for Work {
    fn from(w: quire_engine::Work) -> Self {
        Self {
            id: w.id,
            csl: w.csl,
            edited: w.edited,
            cited_by: super::all(w.cited_by),
        }
    }
}

/// A work (its keys inline) with its bibliography entry and in-text
/// citation in the style the view previews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkRow {
    /// The work's keys, inline in the row.
    #[serde(flatten)]
    pub work: Work,
    /// The entry as HTML, sanitised by the engine: safe to insert. Without
    /// a numeric label.
    pub html: String,
    /// The entry as plain text.
    pub text: String,
    /// The in-text citation alone, e.g. "(Wilkinson and Pickett, 2010)";
    /// empty for numeric styles, where a work alone has no number.
    pub citation: String,
}

impl From<quire_engine::WorkRow> for WorkRow {
    fn from(r: quire_engine::WorkRow) -> Self {
        Self {
            work: r.work.into(),
            html: r.html,
            text: r.text,
            citation: r.citation,
        }
    }
}

/// One reference-list entry linked to a work, so a wrong match can be
/// split off (`split_work` with its `document_id` and `position`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkEntry {
    /// The document whose reference list holds the entry.
    pub document_id: i64,
    /// The entry's place in that list, from 0.
    pub position: i64,
    /// The entry as the author wrote it.
    pub raw: String,
}

/// A work as its detail pane shows it: the row (its keys inline) and the
/// reference entries linked to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkDetail {
    /// The row's keys, inline.
    #[serde(flatten)]
    pub row: WorkRow,
    /// Every reference entry linked to the work, by document.
    pub entries: Vec<WorkEntry>,
}

/// What the works view narrows by (an argument, sent by the UI); a missing
/// or null key does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorksFilter {
    /// Words of the formatted entry, or a work's `#id`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub query: Option<String>,
    /// A CSL item type: `book`, `article-journal`, ...
    #[serde(default)]
    #[ts(optional = nullable)]
    pub kind: Option<String>,
    /// Only works some document cites (true) or none does (false).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub cited: Option<bool>,
}

impl From<WorksFilter> for quire_engine::WorksFilter {
    fn from(f: WorksFilter) -> Self {
        Self {
            query: f.query,
            kind: f.kind,
            cited: f.cited,
        }
    }
}

impl From<quire_engine::WorksFilter> for WorksFilter {
    fn from(f: quire_engine::WorksFilter) -> Self {
        Self {
            query: f.query,
            kind: f.kind,
            cited: f.cited,
        }
    }
}

/// One page of the works matching a filter, most-cited first, and how many
/// match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorksPage {
    /// The page's works, formatted.
    pub rows: Vec<WorkRow>,
    /// How many works match the filter in all pages.
    pub total: usize,
}

impl From<quire_engine::WorksPage> for WorksPage {
    fn from(p: quire_engine::WorksPage) -> Self {
        Self {
            rows: super::all(p.rows),
            total: p.total,
        }
    }
}

/// What importing works from BibTeX, RIS or CSL-JSON files did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorksImport {
    /// The work id of every item read, in file order (an item matching a
    /// work already held gives that work's id).
    pub ids: Vec<i64>,
    /// Every file that could not be read; the others were imported.
    pub errors: Vec<ImportFailure>,
}

/// A file format works are exchanged in (an argument of exports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum InterchangeFormat {
    /// BibTeX (`.bib`).
    Bibtex,
    /// RIS (`.ris`).
    Ris,
    /// CSL-JSON (`.json`).
    CslJson,
}

impl InterchangeFormat {
    /// The name on the wire and on the command line: `bibtex`, `ris`, `csl-json`.
    pub fn as_str(self) -> &'static str {
        match self {
            InterchangeFormat::Bibtex => "bibtex",
            InterchangeFormat::Ris => "ris",
            InterchangeFormat::CslJson => "csl-json",
        }
    }
}
