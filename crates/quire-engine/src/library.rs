//! `Library`: one library folder and its database.
//!
//! Each file is imported in its own transaction: a file either adds all its
//! documents, references and duplicate links, or nothing. Documents are
//! identified by a hash of their content, so importing a file again finds
//! the documents already there and adds none.
//!
//! Every change to a library goes through [`Library::write`] (or
//! [`Library::write_documents`] when documents change): one IMMEDIATE
//! transaction, the index generation bumped with it, one commit, then the
//! index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::import::dedupe::{self, Shingles, CANDIDATE_SHARE, MAX_CANDIDATES, THRESHOLD};
use crate::import::{self, CollectionHint, ParsedDoc, ParsedFile};
use crate::model::{
    Collection, DocFilter, DocRow, DocSummary, Document, ImportFailure, ImportReport,
    ImportWarning, ImportedFile, Kind, LimitFlag, Progress,
};
use crate::store::{index_sync, OpenOptions};
use crate::{citations, guard, sample, search, store, works};

/// An open library.
pub struct Library {
    conn: Connection,
    dir: PathBuf,
    /// Whether every stored document has its near-duplicate sketch (those
    /// stored before the sketches existed get one on the first import).
    sketched: bool,
    /// The full-text index in `index/`, kept in step by `search.rs`.
    index: quire_search::Index,
    /// Opened read-only: the folder cannot be written, or the caller asked.
    read_only: bool,
    /// Caveats on what was stored (the index could not follow, a summary
    /// could not be re-read), with why; the import report takes them.
    import_notes: Vec<ImportWarning>,
}

/// What the body of a [`Library::write_documents`] did: its value and the
/// documents it changed, which the index follows after the commit.
pub(crate) struct Written<T> {
    pub value: T,
    /// Documents added or whose indexed text changed: (re)indexed.
    pub stored: Vec<i64>,
    /// Documents deleted: taken out of the index.
    pub deleted: Vec<i64>,
}

/// A committed [`Library::write_documents`]: the body's value, and when
/// the index could not follow the commit, the note to report
/// ([`index_sync::INDEX_BEHIND`]). The change is stored either way; the
/// index is rebuilt by the next write of documents or the next open.
pub(crate) struct Committed<T> {
    pub value: T,
    pub index_note: Option<String>,
}

/// Columns read for a `DocRow`, in `row_from` order.
const ROW_COLUMNS: &str =
    "d.id, d.kind, d.title, d.author, d.affiliation, d.word_count, dup.duplicate_of,
     d.collection_id, c.title, d.year, d.origin, c.min_words, c.max_words
     FROM documents d
     LEFT JOIN duplicates dup ON dup.document_id = d.id
     LEFT JOIN collections c ON c.id = d.collection_id";

impl Library {
    /// `$QUIRE_LIBRARY` if set, else the OS data folder's `quire`.
    pub fn default_dir() -> PathBuf {
        match std::env::var_os("QUIRE_LIBRARY") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("quire"),
        }
    }

    /// Open the library in `dir`, creating the folder and database if
    /// needed (the desktop app's first launch; tests). A folder that cannot
    /// be written is opened read-only.
    pub fn open(dir: &Path) -> Result<Library> {
        Library::open_with(
            dir,
            OpenOptions {
                create: true,
                read_only: false,
            },
        )
    }

    /// Open the library in `dir` as `options` say: without `create`, a
    /// folder with no library is [`Error::NoLibrary`]; a library that
    /// cannot be written (or `read_only`) is opened read-only, and changing
    /// it fails with [`Error::ReadOnly`]. If another process is writing the
    /// search index, opening waits a little for it, then reads the index as
    /// it is.
    pub fn open_with(dir: &Path, options: OpenOptions) -> Result<Library> {
        let store::Opened {
            mut conn,
            read_only,
        } = store::open(dir, options)?;
        let index = index_sync::open(&mut conn, dir, read_only)?;
        let mut library = Library {
            conn,
            dir: dir.to_owned(),
            sketched: false,
            index,
            read_only,
            import_notes: Vec::new(),
        };
        index_sync::catch_up(&mut library)?;
        Ok(library)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True when the library was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The database, for engine modules that keep their own tables.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Change the library: `change` runs inside one IMMEDIATE transaction
    /// (begun through [`store::write`], so a read-only library is refused
    /// with [`Error::ReadOnly`] before anything runs), which is committed
    /// once when it returns `Ok` and rolled back when it returns an error
    /// or panics. For changes that leave the documents' indexed text alone
    /// (audits, corrections, works, lists, themes, styles, caches); those
    /// that do not go through [`Library::write_documents`].
    ///
    /// `change` gets the transaction only, not the library: whatever it
    /// calls takes `&Connection` (a `&Transaction` derefs to one) and never
    /// opens a transaction of its own.
    pub(crate) fn write<T>(
        &mut self,
        change: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let committed = self.transact(false, |tx| {
            change(tx).map(|value| Written {
                value,
                stored: Vec::new(),
                deleted: Vec::new(),
            })
        })?;
        Ok(committed.value)
    }

    /// [`Library::write`] for changes to documents. The index lock is taken
    /// first (writers take it before SQLite's, so processes update the
    /// index in commit order); when `change` reports documents stored or
    /// deleted, the index generation is bumped in the same transaction and,
    /// after the one commit, the index follows. An index that cannot follow
    /// does not undo or fail the write: it is returned as
    /// [`Committed::index_note`] and the index is rebuilt by the next write
    /// of documents or open, which find it behind.
    pub(crate) fn write_documents<T>(
        &mut self,
        change: impl FnOnce(&Transaction<'_>) -> Result<Written<T>>,
    ) -> Result<Committed<T>> {
        self.transact(true, change)
    }

    /// The one implementation of [`Library::write`] and
    /// [`Library::write_documents`].
    fn transact<T>(
        &mut self,
        documents: bool,
        change: impl FnOnce(&Transaction<'_>) -> Result<Written<T>>,
    ) -> Result<Committed<T>> {
        if self.read_only {
            return Err(Error::ReadOnly(self.dir.clone()));
        }
        let index_ready = documents.then(|| self.index.begin_write());
        let conn = &mut self.conn;
        // The transaction rolls back as a panic unwinds through it; the
        // index lock is let go before the panic goes on to `guard::catch`.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let tx = store::write(conn)?;
            let written = change(&tx)?;
            let changed = !(written.stored.is_empty() && written.deleted.is_empty());
            let generation = match changed {
                true => Some(search::bump_generation(&tx)?),
                false => None,
            };
            tx.commit()?;
            Ok((written, generation))
        }));
        let outcome: Result<(Written<T>, Option<u64>)> = match outcome {
            Ok(outcome) => outcome,
            Err(panic) => {
                self.index.abandon();
                std::panic::resume_unwind(panic);
            }
        };
        match (outcome, index_ready) {
            (Ok((written, Some(generation))), Some(ready)) => {
                let note = index_sync::after_commit(
                    self,
                    ready,
                    &written.stored,
                    &written.deleted,
                    generation,
                );
                Ok(Committed {
                    value: written.value,
                    index_note: note,
                })
            }
            (Ok((written, _)), ready) => {
                if ready.is_some() {
                    self.index.abandon();
                }
                Ok(Committed {
                    value: written.value,
                    index_note: None,
                })
            }
            (Err(e), ready) => {
                if ready.is_some() {
                    self.index.abandon();
                }
                Err(e)
            }
        }
    }

    /// The search index, for `search.rs` and `themes.rs`.
    pub(crate) fn index(&self) -> &quire_search::Index {
        &self.index
    }

    pub(crate) fn index_mut(&mut self) -> &mut quire_search::Index {
        &mut self.index
    }

    /// The database and the search index, borrowed together for updates.
    pub(crate) fn conn_and_index(&mut self) -> (&Connection, &mut quire_search::Index) {
        (&self.conn, &mut self.index)
    }

    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Import the sample library built into the binary. Idempotent.
    pub fn import_sample(&mut self) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        for (name, text) in sample::FILES {
            report
                .imported
                .extend(self.import_bytes(name, text.as_bytes(), None)?);
        }
        self.refresh(&mut report.imported);
        report.warnings = std::mem::take(&mut self.import_notes);
        self.ensure_sample_round()?;
        Ok(report)
    }

    /// Import files, and the files Quire reads inside folders (those
    /// `options.filter` lets through). A bad file is reported in `errors`
    /// and leaves nothing behind; the others are imported. `collection`
    /// names a collection to put every document in; a file not
    /// recognisable as essays is then taken to be one entry (an essay),
    /// since that is what a competition holds.
    ///
    /// `progress` hears before each file and once at the end. When
    /// `options.cancel` is set the import stops before the next file: each
    /// file is its own transaction, so what was fully imported stays and
    /// nothing is half-written.
    pub fn import_files(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions<'_>,
        progress: &mut dyn FnMut(Progress),
    ) -> ImportReport {
        let paths = import::expand_folders(paths, options.filter.as_ref());
        let sizes: Vec<u64> = paths
            .iter()
            .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
            .collect();
        let total_bytes = sizes.iter().sum::<u64>().max(1);
        let started = std::time::Instant::now();
        let mut pace = Pace::default();
        let mut report = ImportReport::default();
        for (done, path) in paths.iter().enumerate() {
            if options.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                report.cancelled = true;
                break;
            }
            let shown = path.display().to_string();
            progress(pace.progress(done, paths.len(), &shown, started, total_bytes, &report));
            let name = path
                .file_name()
                .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
            // A panic on one file fails that file only; its transaction
            // rolls back as the panic unwinds through it.
            let result = guard::catch(|| {
                import::read_file(path)
                    .and_then(|file| self.store_file(&name, file, options.collection, None))
            })
            .unwrap_or_else(|panic| Err(internal_import_error(&shown, &name, &panic)));
            let format = import::FileFormat::of(&name);
            let file = match result {
                Ok(stored) => {
                    let file = ImportedFile {
                        path: shown,
                        format: Some(stored.format),
                        documents: stored.summaries.iter().map(|s| s.id).collect(),
                        work: stored.work,
                        warnings: stored.warnings,
                        error: None,
                    };
                    report.imported.extend(stored.summaries);
                    file
                }
                Err(e) => {
                    let message = match e {
                        Error::Import { message, .. } => message,
                        e => e.to_string(),
                    };
                    report.errors.push(ImportFailure {
                        path: shown.clone(),
                        message: message.clone(),
                    });
                    ImportedFile {
                        path: shown,
                        format,
                        documents: Vec::new(),
                        work: None,
                        warnings: import::refusal_warnings(&message),
                        error: Some(message),
                    }
                }
            };
            pace.bytes += sizes[done];
            pace.last = Some(file.clone());
            report.files.push(file);
        }
        let done = report.files.len();
        progress(pace.progress(done, paths.len(), "", started, total_bytes, &report));
        self.refresh(&mut report.imported);
        report.warnings = std::mem::take(&mut self.import_notes);
        report
    }

    /// Re-read summaries after a batch: a later file can make an earlier
    /// document a near-copy (the blog post, once the essay it reproduces
    /// arrives), and the report should say so. A summary that cannot be
    /// re-read keeps its state at import, and the report says that too.
    fn refresh(&mut self, summaries: &mut [DocSummary]) {
        for s in summaries {
            match summary(&self.conn, s.id) {
                Ok(now) => *s = now,
                Err(e) => self.import_notes.push(ImportWarning {
                    path: format!("document {} ({})", s.id, s.title),
                    message: format!(
                        "stored; its summary could not be re-read after the batch ({e}), so a near-copy found later may not show here"
                    ),
                }),
            }
        }
    }

    /// Import one file's bytes (e.g. dropped into the app); `name` is its file
    /// name, whose extension decides the format.
    pub fn import_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        collection: Option<&str>,
    ) -> Result<Vec<DocSummary>> {
        guard::catch(|| {
            let file =
                import::parse(name, bytes).map_err(|message| Error::import(name, message))?;
            Ok(self.store_file(name, file, collection, None)?.summaries)
        })
        .unwrap_or_else(|panic| Err(internal_import_error(name, name, &panic)))
    }

    /// Store one file's documents, and the work its metadata describes,
    /// in one write (see [`Library::write_documents`]); an index that
    /// cannot follow leaves a note in the report, not an error. The first
    /// import after opening also gives every stored document without a
    /// sketch one (libraries made before sketches existed), in the same
    /// transaction.
    /// `known_work` is the work the file is already known to be (a Zotero
    /// item's attachment); without one, the file's own metadata makes it.
    pub(crate) fn store_file(
        &mut self,
        origin: &str,
        file: ParsedFile,
        collection: Option<&str>,
        known_work: Option<i64>,
    ) -> Result<StoredFile> {
        let ParsedFile {
            format,
            docs,
            work,
            warnings,
        } = file;
        let sketched = self.sketched;
        let committed = self.write_documents(|tx| {
            if !sketched {
                sketch_stored(tx)?;
            }
            let work = match known_work {
                Some(id) => Some(id),
                None => work.map(|csl| works::work_for_file(tx, &csl)).transpose()?,
            };
            let written = commit_docs(tx, origin, docs, collection, work)?;
            Ok(Written {
                value: StoredFile {
                    format,
                    summaries: written.value,
                    work,
                    warnings,
                },
                stored: written.stored,
                deleted: written.deleted,
            })
        })?;
        self.sketched = true;
        if let Some(message) = committed.index_note {
            self.import_notes.push(ImportWarning {
                path: origin.to_owned(),
                message,
            });
        }
        Ok(committed.value)
    }

    /// One stored document's body as safe HTML with its citations marked,
    /// as the reader shows it; a panic while rendering is caught here and
    /// reported as this document's internal error.
    pub fn document_html(&self, id: i64) -> Result<String> {
        let body: String = self
            .conn
            .query_row("SELECT body FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("document {id}")))?;
        let marks = self.citation_marks(id)?;
        guard::catch(|| crate::render::markdown_with_citations(&body, &marks))
            .map_err(|panic| Error::Internal(format!("could not render document {id}: {panic}")))
    }

    /// Documents for the library view, oldest first.
    pub fn documents(&self, filter: &DocFilter) -> Result<Vec<DocRow>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} WHERE (?1 IS NULL OR d.kind = ?1) AND (?2 IS NULL OR d.collection_id = ?2) ORDER BY d.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            params![filter.kind.map(Kind::as_str), filter.collection_id],
            row_from,
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One document in full.
    /// The work document `id` is (made from its file's metadata, or the
    /// Zotero item whose attachment text it holds); `None` when it is none.
    pub fn document_work(&self, id: i64) -> Result<Option<i64>> {
        self.conn
            .query_row("SELECT work_id FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("document {id}")))
    }

    pub fn document(&self, id: i64) -> Result<Document> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {ROW_COLUMNS} WHERE d.id = ?1"),
                [id],
                row_from,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("document {id}")))?;
        let (body, content_hash): (String, String) = self.conn.query_row(
            "SELECT body, content_hash FROM documents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let references = column_list(
            &self.conn,
            "SELECT raw FROM doc_references WHERE document_id = ?1 ORDER BY position",
            id,
        )?;
        let duplicates = column_list(
            &self.conn,
            "SELECT document_id FROM duplicates WHERE duplicate_of = ?1 ORDER BY document_id",
            id,
        )?;
        Ok(Document {
            summary: row.summary,
            collection_id: row.collection_id,
            collection: row.collection,
            year: row.year,
            origin: row.origin,
            content_hash,
            limit_flag: row.limit_flag,
            body,
            references,
            duplicates,
        })
    }

    /// All collections with their document counts (near-copies not counted).
    pub fn collections(&self) -> Result<Vec<Collection>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.title, c.prompt, c.year, c.min_words, c.max_words,
                    (SELECT count(*) FROM documents d WHERE d.collection_id = c.id
                       AND NOT EXISTS (SELECT 1 FROM duplicates x WHERE x.document_id = d.id))
             FROM collections c ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Collection {
                id: r.get(0)?,
                title: r.get(1)?,
                prompt: r.get(2)?,
                year: r.get(3)?,
                min_words: r.get(4)?,
                max_words: r.get(5)?,
                documents: r.get::<_, i64>(6)?.try_into().unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Audit document `id` again (citations against its reference list,
    /// using any corrected parses) and store the result: its citations and
    /// issues are replaced together or not at all. A panic in the audit is
    /// caught and reported as this document's.
    pub fn audit(&mut self, id: i64) -> Result<quire_cite::EssayAudit> {
        guard::catch(|| self.write(|tx| citations::audit_stored(tx, id)))
            .unwrap_or_else(|panic| Err(audit_panicked(id, &panic)))
    }

    /// The citations of document `id` from its last audit, as spans of its
    /// body for [`crate::render::markdown_with_citations`].
    pub fn citation_marks(&self, id: i64) -> Result<Vec<crate::render::CiteMark>> {
        citations::marks(&self.conn, id)
    }

    /// Keep the user's correction of a parsed reference entry and return
    /// the document's audit redone with it. In one transaction: the
    /// correction is stored, the entry is linked afresh to the work the
    /// corrected fields name (unless a person pinned its link), and the
    /// document is audited again; a failure anywhere leaves none of it.
    pub fn correct_reference(
        &mut self,
        id: i64,
        position: usize,
        item: &quire_csl::CslItem,
    ) -> Result<quire_cite::EssayAudit> {
        guard::catch(|| {
            self.write(|tx| {
                let exists: Option<i64> = tx
                    .query_row(
                        "SELECT 1 FROM doc_references WHERE document_id = ?1 AND position = ?2",
                        params![id, position as i64],
                        |r| r.get(0),
                    )
                    .optional()?;
                if exists.is_none() {
                    return Err(Error::NotFound(format!(
                        "reference {position} of document {id}"
                    )));
                }
                citations::correct_reference(tx, id, position, item)?;
                works::relink(tx, id, position as i64)?;
                works::link_unlinked(tx)?;
                citations::audit_stored(tx, id)
            })
        })
        .unwrap_or_else(|panic| Err(audit_panicked(id, &panic)))
    }

    /// Delete a document with its references and duplicate links.
    /// The document is gone once SQLite commits; if the index cannot follow
    /// at once that is logged and it is rebuilt by the next write of
    /// documents or open.
    pub fn delete_document(&mut self, id: i64) -> Result<()> {
        let committed = self.write_documents(|tx| {
            if tx.execute("DELETE FROM documents WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound(format!("document {id}")));
            }
            Ok(Written {
                value: (),
                stored: Vec::new(),
                deleted: vec![id],
            })
        })?;
        if let Some(note) = committed.index_note {
            eprintln!("quire: document {id} deleted; {note}");
        }
        Ok(())
    }
}

/// What [`Library::import_files`] needs besides the paths.
#[derive(Default)]
pub struct ImportOptions<'a> {
    /// Put every document in this collection (created when new).
    pub collection: Option<&'a str>,
    /// Which files inside folders to read (`--glob`); files named
    /// directly are always read.
    pub filter: Option<import::FileFilter>,
    /// Set (by another thread, a Cancel button or Ctrl-C) to stop before
    /// the next file.
    pub cancel: Option<&'a AtomicBool>,
}

/// One file's documents as stored, for its entry in the report.
pub(crate) struct StoredFile {
    pub format: import::FileFormat,
    pub summaries: Vec<DocSummary>,
    pub work: Option<i64>,
    pub warnings: Vec<String>,
}

/// How far an import has got, for [`Progress`].
#[derive(Default)]
struct Pace {
    /// Bytes of the files done.
    bytes: u64,
    last: Option<ImportedFile>,
}

impl Pace {
    fn progress(
        &self,
        done: usize,
        total: usize,
        current: &str,
        started: std::time::Instant,
        total_bytes: u64,
        report: &ImportReport,
    ) -> Progress {
        let elapsed = started.elapsed();
        let remaining_ms = (self.bytes > 0).then(|| {
            let left = total_bytes.saturating_sub(self.bytes) as f64;
            (elapsed.as_secs_f64() * 1000.0 * left / self.bytes as f64) as u64
        });
        Progress {
            done,
            total,
            current: current.to_owned(),
            finished: self.last.clone(),
            // Every file read is in `files`, every refused one in `errors`.
            imported: report.files.len() - report.errors.len(),
            failed: report.errors.len(),
            elapsed_ms: elapsed.as_millis() as u64,
            remaining_ms: if done == total { Some(0) } else { remaining_ms },
        }
    }
}

/// The report for an audit that panicked.
fn audit_panicked(id: i64, panic: &str) -> Error {
    Error::Internal(format!("could not audit document {id}: {panic}"))
}

/// The transaction of [`Library::store_file`]: the summaries, with the
/// new documents to index (none when the file added nothing new).
fn commit_docs(
    tx: &Transaction,
    origin: &str,
    mut docs: Vec<ParsedDoc>,
    collection: Option<&str>,
    work: Option<i64>,
) -> Result<Written<Vec<DocSummary>>> {
    if collection.is_some() && docs.len() == 1 {
        docs[0].kind = Kind::Essay;
    }
    let mut ids = Vec::with_capacity(docs.len());
    let mut fresh = Vec::new();
    for doc in &docs {
        let hash = content_hash(doc);
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM documents WHERE content_hash = ?1",
                [&hash],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            if let Some(work) = work {
                tx.execute(
                    "UPDATE documents SET work_id = ?2 WHERE id = ?1 AND work_id IS NULL",
                    params![id, work],
                )?;
            }
            ids.push(id);
            continue;
        }
        let collection_id = match (collection, &doc.collection) {
            (Some(title), hint) => Some(collection_id(tx, title, hint.as_ref())?),
            (None, Some(hint)) => Some(collection_id(tx, &hint.title, Some(hint))?),
            (None, None) => None,
        };
        let id = insert_doc(tx, doc, origin, &hash, collection_id, work)?;
        ids.push(id);
        fresh.push((id, doc));
    }
    #[cfg(any(test, feature = "fault-injection"))]
    if docs.iter().any(|d| d.body.contains(guard::PANIC_MARKER)) {
        panic!("fault injection: {}", guard::PANIC_MARKER);
    }
    // Each new document is compared with those before it in the file
    // too: its sketch is stored only after it has been compared.
    for (id, doc) in &fresh {
        let shingles = Shingles::of(&doc.body);
        link_duplicates(tx, *id, doc.kind, &shingles)?;
        store_sketch(tx, *id, &shingles)?;
    }
    let summaries = ids
        .iter()
        .map(|&id| summary(tx, id))
        .collect::<Result<Vec<_>>>()?;
    Ok(Written {
        value: summaries,
        stored: fresh.iter().map(|(id, _)| *id).collect(),
        deleted: Vec::new(),
    })
}

/// Give every stored document without a sketch one (libraries made before
/// sketches existed), one document at a time so memory stays that of the
/// largest document.
fn sketch_stored(tx: &Transaction) -> Result<()> {
    let missing: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT id FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM doc_signatures g WHERE g.document_id = d.id)",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in missing {
        let body: String = tx.query_row("SELECT body FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
        store_sketch(tx, id, &Shingles::of(&body))?;
    }
    Ok(())
}

/// The report for a file whose import panicked.
fn internal_import_error(shown: &str, name: &str, panic: &str) -> Error {
    Error::import(
        shown,
        format!("could not import {name} (internal error: {panic})"),
    )
}

/// sha256 over what makes a document itself: kind, title, author, body and
/// references. The file name is left out, so a renamed copy is the same.
fn content_hash(doc: &ParsedDoc) -> String {
    let mut h = Sha256::new();
    for part in [
        doc.kind.as_str(),
        &doc.title,
        doc.author.as_deref().unwrap_or(""),
        &doc.body,
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    for r in &doc.references {
        h.update(r.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
}

/// The id of the collection titled `title`, created if missing; limits the
/// file states fill in what the collection does not have yet.
fn collection_id(tx: &Transaction, title: &str, hint: Option<&CollectionHint>) -> Result<i64> {
    let (prompt, year, min, max) = hint.map_or((None, None, None, None), |h| {
        (h.prompt.as_deref(), h.year, h.min_words, h.max_words)
    });
    tx.execute(
        "INSERT INTO collections (title, prompt, year, min_words, max_words) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(title) DO UPDATE SET prompt = coalesce(prompt, excluded.prompt),
             year = coalesce(year, excluded.year), min_words = coalesce(min_words, excluded.min_words),
             max_words = coalesce(max_words, excluded.max_words)",
        params![title, prompt, year, min, max],
    )?;
    Ok(tx.query_row(
        "SELECT id FROM collections WHERE title = ?1",
        [title],
        |r| r.get(0),
    )?)
}

fn insert_doc(
    tx: &Transaction,
    doc: &ParsedDoc,
    origin: &str,
    hash: &str,
    collection_id: Option<i64>,
    work: Option<i64>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO documents (kind, title, author, affiliation, year, body, word_count, origin, content_hash, collection_id, work_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            doc.kind.as_str(),
            doc.title,
            doc.author,
            doc.affiliation,
            doc.year,
            doc.body,
            doc.word_count,
            origin,
            hash,
            collection_id,
            work
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut stmt =
        tx.prepare("INSERT INTO doc_references (document_id, position, raw) VALUES (?1, ?2, ?3)")?;
    for (position, raw) in doc.references.iter().enumerate() {
        stmt.execute(params![id, position as i64, raw])?;
    }
    citations::audit_document(tx, id, &doc.body, &doc.references)?;
    Ok(id)
}

/// Store a document's near-duplicate sketch (`import::dedupe`). A text too
/// short to be judged gets only its signature row, so it is not sketched again.
fn store_sketch(tx: &Transaction, id: i64, shingles: &Shingles) -> Result<()> {
    let sketch = if shingles.judged() {
        shingles.sketch()
    } else {
        Vec::new()
    };
    tx.execute(
        "INSERT OR REPLACE INTO doc_signatures (document_id, shingles, samples) VALUES (?1, ?2, ?3)",
        params![id, shingles.len() as i64, sketch.len() as i64],
    )?;
    let mut stmt =
        tx.prepare("INSERT OR IGNORE INTO doc_sketch (document_id, hash) VALUES (?1, ?2)")?;
    for hash in sketch {
        stmt.execute(params![id, hash])?;
    }
    Ok(())
}

/// Documents whose sketches suggest they share most of the shorter text
/// with `shingles`, best estimate first: found through the hash index, so
/// the cost is that of the postings of this document's sketch, not of the
/// library.
fn candidates(tx: &Transaction, id: i64, shingles: &Shingles) -> Result<Vec<i64>> {
    let sketch = shingles.sketch();
    let mut shared: HashMap<i64, usize> = HashMap::new();
    let mut stmt = tx.prepare_cached("SELECT document_id FROM doc_sketch WHERE hash = ?1")?;
    for hash in &sketch {
        let rows = stmt.query_map([hash], |r| r.get::<_, i64>(0))?;
        for other in rows {
            let other = other?;
            if other != id {
                *shared.entry(other).or_default() += 1;
            }
        }
    }
    let mut size =
        tx.prepare_cached("SELECT samples FROM doc_signatures WHERE document_id = ?1")?;
    let mut found = Vec::new();
    for (other, n) in shared {
        let samples: i64 = size.query_row([other], |r| r.get(0))?;
        let estimate = dedupe::estimate(n, sketch.len(), samples.try_into().unwrap_or(0));
        if let Some(e) = estimate.filter(|&e| e >= CANDIDATE_SHARE) {
            found.push((other, e));
        }
    }
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    found.truncate(MAX_CANDIDATES);
    Ok(found.into_iter().map(|(other, _)| other).collect())
}

/// Compare a new document with the stored ones its sketch points to and
/// record a near-copy. The original is the essay when an essay meets a
/// source (a blog post reproduces an essay, not the other way round), else
/// the older document; a document that already copies another is never
/// made an original.
fn link_duplicates(tx: &Transaction, id: i64, kind: Kind, shingles: &Shingles) -> Result<()> {
    if !shingles.judged() {
        return Ok(());
    }
    let mut best: Option<(i64, Kind, f64)> = None;
    for other in candidates(tx, id, shingles)? {
        let (other_kind, body): (String, String) = tx.query_row(
            "SELECT kind, body FROM documents WHERE id = ?1",
            [other],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let other_sh = Shingles::of(&body);
        if let Some(sim) = shingles.containment(&other_sh).filter(|&s| s >= THRESHOLD) {
            // Ties go to the older document, as the order of import would.
            if best.is_none_or(|(b_id, _, b)| sim > b || (sim == b && other < b_id)) {
                let other_kind = Kind::parse(&other_kind).unwrap_or(Kind::Source);
                best = Some((other, other_kind, sim));
            }
        }
    }
    let Some((other, other_kind, sim)) = best else {
        return Ok(());
    };
    let other_is_copy: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM duplicates WHERE document_id = ?1)",
        [other],
        |r| r.get(0),
    )?;
    let (copy, original) = if kind == Kind::Essay && other_kind == Kind::Source && !other_is_copy {
        (other, id)
    } else {
        let root: i64 = tx
            .query_row(
                "SELECT duplicate_of FROM duplicates WHERE document_id = ?1",
                [other],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(other);
        (id, root)
    };
    tx.execute(
        "INSERT OR REPLACE INTO duplicates (document_id, duplicate_of, similarity) VALUES (?1, ?2, ?3)",
        params![copy, original, sim],
    )?;
    // Copies of the new copy now point at its original.
    tx.execute(
        "UPDATE duplicates SET duplicate_of = ?1 WHERE duplicate_of = ?2",
        params![original, copy],
    )?;
    Ok(())
}

fn summary(conn: &Connection, id: i64) -> Result<DocSummary> {
    Ok(conn
        .query_row(
            &format!("SELECT {ROW_COLUMNS} WHERE d.id = ?1"),
            [id],
            row_from,
        )?
        .summary)
}

fn row_from(r: &Row) -> rusqlite::Result<DocRow> {
    let kind: String = r.get(1)?;
    let kind = Kind::parse(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            1,
            rusqlite::types::Type::Text,
            format!("unknown kind {kind}").into(),
        )
    })?;
    let word_count: u32 = r.get(5)?;
    let duplicate_of: Option<i64> = r.get(6)?;
    let (min, max): (Option<u32>, Option<u32>) = (r.get(11)?, r.get(12)?);
    let limit_flag = match (kind, duplicate_of) {
        (Kind::Essay, None) if min.is_some_and(|m| word_count < m) => Some(LimitFlag::Under),
        (Kind::Essay, None) if max.is_some_and(|m| word_count > m) => Some(LimitFlag::Over),
        _ => None,
    };
    Ok(DocRow {
        summary: DocSummary {
            id: r.get(0)?,
            kind,
            title: r.get(2)?,
            author: r.get(3)?,
            affiliation: r.get(4)?,
            word_count,
            duplicate_of,
        },
        collection_id: r.get(7)?,
        collection: r.get(8)?,
        year: r.get(9)?,
        origin: r.get(10)?,
        limit_flag,
    })
}

fn column_list<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
    id: i64,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}
