//! Full-text search: the tantivy index in `<library>/index/`, kept in step
//! with SQLite, which stays the truth.
//!
//! Every change to the documents bumps `index_generation` in the `meta`
//! table in the same SQLite transaction; the index is then updated and
//! committed tagged with that number. If the process dies between the two
//! commits, the numbers differ at the next [`Library::open`], which rebuilds
//! the index from SQLite before anything reads it.

use quire_search::{Index, IndexDoc};
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::library::Library;

pub use quire_search::{
    FacetCount, Facets, Hit, KeyTerm, Query as SearchQuery, SearchResults, SnippetPart,
};

/// The index folder inside a library folder.
pub const INDEX_DIR: &str = "index";
const GENERATION_KEY: &str = "index_generation";

/// A document's paragraphs as the index numbers them: the Markdown body's
/// blocks between blank lines, with their byte ranges in the body. A hit's
/// `paragraph` is an index into this list, so the reader can open a document
/// at the paragraph.
pub fn paragraphs(body: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut end = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push((s..end, body[s..end].trim()));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
        if !blank {
            end = offset;
        }
    }
    if let Some(s) = start {
        out.push((s..end, body[s..end].trim()));
    }
    out
}

/// Which of `paras` (from [`paragraphs`]) the body's byte `at` falls in:
/// the last paragraph starting at or before it, `None` before the first.
/// A citation always starts inside one (its text is not blank).
pub fn paragraph_at<T>(paras: &[(std::ops::Range<usize>, T)], at: usize) -> Option<usize> {
    paras
        .partition_point(|(range, _)| range.start <= at)
        .checked_sub(1)
}

/// The generation the index must carry to be current.
pub(crate) fn generation(conn: &Connection) -> Result<u64> {
    let g: Option<i64> = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?1",
            [GENERATION_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(g.unwrap_or(0).try_into().unwrap_or(0))
}

/// Record, inside the caller's transaction, that the documents changed.
pub(crate) fn bump_generation(conn: &Connection) -> Result<u64> {
    let g: i64 = conn.query_row(
        "INSERT INTO meta (key, value) VALUES (?1, '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
         RETURNING CAST(value AS INTEGER)",
        [GENERATION_KEY],
        |r| r.get(0),
    )?;
    Ok(g.try_into().unwrap_or(0))
}

/// Index everything in SQLite afresh.
fn rebuild(conn: &Connection, index: &mut Index, generation: u64) -> Result<usize> {
    index.clear()?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM documents ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        index.replace_document(&index_doc(conn, id)?)?;
    }
    index.commit(generation)?;
    Ok(ids.len())
}

/// A stored document as the index takes it.
fn index_doc(conn: &Connection, id: i64) -> Result<IndexDoc> {
    let mut doc = conn.query_row(
        "SELECT d.kind, d.title, d.author, d.affiliation, c.title, coalesce(d.year, c.year), d.body
         FROM documents d LEFT JOIN collections c ON c.id = d.collection_id WHERE d.id = ?1",
        [id],
        |r| {
            let body: String = r.get(6)?;
            Ok(IndexDoc {
                id,
                kind: r.get(0)?,
                title: r.get(1)?,
                author: r.get(2)?,
                affiliation: r.get(3)?,
                collection: r.get(4)?,
                year: r.get(5)?,
                paragraphs: paragraphs(&body)
                    .into_iter()
                    .map(|(_, p)| p.to_string())
                    .collect(),
                references: Vec::new(),
            })
        },
    )?;
    doc.references = conn
        .prepare("SELECT raw FROM doc_references WHERE document_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(doc)
}

impl Library {
    /// Search documents and paragraphs. Bad syntax is not an error: the
    /// results say what was ignored.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        Ok(self.index().search(query)?)
    }

    /// Rebuild the search index from the database; returns the number of
    /// documents indexed.
    pub fn reindex(&mut self) -> Result<usize> {
        let generation = generation(self.conn())?;
        let (conn, index) = self.conn_and_index();
        rebuild(conn, index, generation)
    }

    /// The words most particular to one document.
    pub fn key_terms(&self, doc: i64, n: usize) -> Result<Vec<KeyTerm>> {
        Ok(self.index().key_terms(doc, n)?)
    }

    /// Words that mark themes across the library: one-click new themes.
    pub fn suggested_themes(&self, n: usize) -> Result<Vec<KeyTerm>> {
        Ok(self.index().library_key_terms(n)?)
    }

    /// Bring the index up to date after documents were stored or deleted
    /// in a transaction that bumped the generation to `generation`.
    pub(crate) fn index_changes(
        &mut self,
        stored: &[i64],
        deleted: &[i64],
        generation: u64,
    ) -> Result<()> {
        let (conn, index) = self.conn_and_index();
        for &id in deleted {
            index.delete_document(id)?;
        }
        for &id in stored {
            index.replace_document(&index_doc(conn, id)?)?;
        }
        index.commit(generation)?;
        Ok(())
    }
}
