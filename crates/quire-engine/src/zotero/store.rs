//! A read Zotero library into the store.
//!
//! Items become works matched by Zotero key: the first import links each
//! item to the work Quire already holds for it (same DOI, or first author,
//! year and title; a work made from an essay's reference list) or makes a
//! new one; later imports update the work when the item changed in Zotero
//! (its version moved), unless a person corrected the work in Quire, and
//! never add a second work. Tags are kept as Zotero has them. Collections
//! become Quire collections of works or reading lists, named by their path
//! ("Practice / Relationships"). Attachments' indexed text becomes source
//! documents whose work is the item.
//!
//! Items are written in batches of [`BATCH`], each one transaction, so a
//! cancelled import keeps every batch before it and nothing of the batch it
//! stopped at; a second import finishes the job.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::read::{self, ZoteroCollection, ZoteroItem};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::Progress;
use crate::{import, works};

/// Items per transaction.
const BATCH: usize = 200;

/// What Zotero collections become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CollectionsAs {
    /// Quire collections holding the works (the default).
    Collections,
    /// Reading lists of the works, in Zotero's order.
    Lists,
}

/// What a Zotero import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ZoteroReport {
    /// Regular items read (notes, attachments and the trash left out).
    pub items: usize,
    /// Items that became new works.
    pub created: usize,
    /// Items linked to a work Quire already held (from a reference list
    /// or another import), whose details Zotero's replaced.
    pub matched: usize,
    /// Items changed in Zotero since the last import, and updated.
    pub updated: usize,
    /// Items unchanged since the last import.
    pub unchanged: usize,
    /// Works a person corrected in Quire, whose correction was kept over
    /// Zotero's changed details.
    pub kept_edits: usize,
    /// The Quire collections or reading lists filled, by name.
    pub collections: Vec<String>,
    /// Source documents holding attachments' text (new or already stored).
    pub documents: Vec<i64>,
    /// Tags now on the imported works.
    pub tags: usize,
    /// Things left out or read only in part, one line each.
    pub skipped: Vec<String>,
    /// Cancelled before the end: the batches before were stored.
    pub cancelled: bool,
}

/// How one item was stored.
enum Outcome {
    Created,
    Matched,
    Updated,
    Unchanged,
    KeptEdit,
}

impl Library {
    /// Import the Zotero library in `dir` (its data directory, or its
    /// `zotero.sqlite`). `progress` hears before each batch and at the end;
    /// `cancel` stops before the next batch.
    pub fn import_zotero(
        &mut self,
        dir: &Path,
        how: CollectionsAs,
        cancel: Option<&AtomicBool>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ZoteroReport> {
        let shown = dir.display().to_string();
        let library = read::read(dir).map_err(|e| Error::import(&shown, e.to_string()))?;
        // Works from essays' reference lists are made lazily; make them
        // now, so an item an essay cites is matched to its work.
        self.link_works()?;
        let paths = collection_paths(&library.collections);
        let mut report = ZoteroReport {
            items: library.items.len(),
            skipped: library.skipped,
            ..ZoteroReport::default()
        };
        let started = Instant::now();
        let total = library.items.len();
        let mut filled: Vec<String> = Vec::new();
        for (n, batch) in library.items.chunks(BATCH).enumerate() {
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                report.cancelled = true;
                break;
            }
            let done = n * BATCH;
            progress(step(done, total, batch[0].csl.title.as_deref(), started));
            let outcomes = self.write(|tx| {
                batch
                    .iter()
                    .map(|item| store_item(tx, item, &paths, how, &mut filled))
                    .collect::<Result<Vec<_>>>()
            })?;
            for ((work, outcome), item) in outcomes.into_iter().zip(batch) {
                match outcome {
                    Outcome::Created => report.created += 1,
                    Outcome::Matched => report.matched += 1,
                    Outcome::Updated => report.updated += 1,
                    Outcome::Unchanged => report.unchanged += 1,
                    Outcome::KeptEdit => report.kept_edits += 1,
                }
                for text in &item.fulltext {
                    let origin = format!("Zotero {}: {}", text.attachment_key, text.title);
                    match self.store_fulltext(&origin, &text.text, work) {
                        Ok(ids) => report.documents.extend(ids),
                        Err(e) => report.skipped.push(format!("{origin}: {e}")),
                    }
                }
            }
        }
        progress(step(total, total, None, started));
        report.documents.sort_unstable();
        report.documents.dedup();
        filled.sort();
        filled.dedup();
        report.collections = filled;
        report.tags = self.conn().query_row(
            "SELECT count(*) FROM work_tags t JOIN zotero_items z ON z.work_id = t.work_id",
            [],
            |r| r.get::<_, i64>(0),
        )? as usize;
        Ok(report)
    }

    /// An attachment's indexed text as source documents of `work`; already
    /// stored (the same text) it is found, not added again.
    fn store_fulltext(&mut self, origin: &str, text: &str, work: i64) -> Result<Vec<i64>> {
        let mut file = import::parse("fulltext.txt", text.as_bytes())
            .map_err(|message| Error::import(origin, message))?;
        for doc in &mut file.docs {
            doc.kind = crate::model::Kind::Source;
        }
        let stored = self.store_file(origin, file, None, Some(work))?;
        Ok(stored.summaries.iter().map(|s| s.id).collect())
    }
}

fn step(done: usize, total: usize, current: Option<&str>, started: Instant) -> Progress {
    let elapsed = started.elapsed();
    let remaining_ms = (done > 0)
        .then(|| (elapsed.as_secs_f64() * 1000.0 * (total - done) as f64 / done as f64) as u64);
    Progress {
        done,
        total,
        current: current.unwrap_or_default().to_owned(),
        finished: None,
        imported: done,
        failed: 0,
        elapsed_ms: elapsed.as_millis() as u64,
        remaining_ms,
    }
}

/// Each collection's name with its parents': "Practice / Relationships".
/// `read` has already cut parent loops, and the walk is capped too.
fn collection_paths(collections: &[ZoteroCollection]) -> HashMap<String, String> {
    let by_key: HashMap<&str, &ZoteroCollection> =
        collections.iter().map(|c| (c.key.as_str(), c)).collect();
    let mut out = HashMap::new();
    for c in collections {
        let mut names = vec![c.name.trim().to_owned()];
        let mut parent = c.parent.as_deref();
        while let Some(p) = parent.and_then(|k| by_key.get(k)) {
            if names.len() >= 16 {
                break;
            }
            names.push(p.name.trim().to_owned());
            parent = p.parent.as_deref();
        }
        names.reverse();
        out.insert(c.key.clone(), names.join(" / "));
    }
    out
}

/// One item, in the batch's transaction: its work, tags and collections.
fn store_item(
    tx: &Connection,
    item: &ZoteroItem,
    paths: &HashMap<String, String>,
    how: CollectionsAs,
    filled: &mut Vec<String>,
) -> Result<(i64, Outcome)> {
    let known: Option<(i64, i64)> = tx
        .query_row(
            "SELECT work_id, version FROM zotero_items WHERE zotero_key = ?1",
            [&item.key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (work, outcome) = match known {
        Some((work, version)) if version == item.version => (work, Outcome::Unchanged),
        Some((work, _)) => match works::refresh_csl(tx, work, &item.csl)? {
            true => (work, Outcome::Updated),
            false => (work, Outcome::KeptEdit),
        },
        None => match works::matching_work(tx, &item.csl)? {
            Some(work) => {
                works::refresh_csl(tx, work, &item.csl)?;
                (work, Outcome::Matched)
            }
            None => (works::insert_imported(tx, &item.csl)?, Outcome::Created),
        },
    };
    tx.execute(
        "INSERT INTO zotero_items (zotero_key, work_id, version) VALUES (?1, ?2, ?3)
         ON CONFLICT (zotero_key) DO UPDATE SET work_id = excluded.work_id, version = excluded.version",
        params![item.key, work, item.version],
    )?;
    tx.execute("DELETE FROM work_tags WHERE work_id = ?1", [work])?;
    for tag in &item.tags {
        tx.execute(
            "INSERT OR IGNORE INTO work_tags (work_id, tag) VALUES (?1, ?2)",
            params![work, tag],
        )?;
    }
    for key in &item.collections {
        let Some(name) = paths.get(key).filter(|n| !n.is_empty()) else {
            continue;
        };
        match how {
            CollectionsAs::Collections => {
                tx.execute(
                    "INSERT INTO collections (title) VALUES (?1) ON CONFLICT (title) DO NOTHING",
                    [name],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO collection_works (collection_id, work_id)
                     SELECT id, ?2 FROM collections WHERE title = ?1",
                    params![name, work],
                )?;
            }
            CollectionsAs::Lists => {
                tx.execute(
                    "INSERT INTO lists (name, purpose) VALUES (?1, 'reading') ON CONFLICT (name) DO NOTHING",
                    [name],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO list_items (list_id, work_id, position)
                     SELECT id, ?2, (SELECT coalesce(max(position), 0) + 1 FROM list_items i WHERE i.list_id = lists.id)
                     FROM lists WHERE name = ?1",
                    params![name, work],
                )?;
            }
        }
        filled.push(name.clone());
    }
    Ok((work, outcome))
}
