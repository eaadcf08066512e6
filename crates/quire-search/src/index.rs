//! Opening, writing and committing the index.
//!
//! The index is derived data, but deleting it is never the answer to an
//! error we do not understand: a transient failure (too many open files,
//! permission denied, another process writing) is returned as a typed error
//! and the folder is left alone. Only two cases are recognised as "this
//! index cannot be used, build it again": it was written by a Quire with
//! another schema or analysis (the marker file beside it differs, or
//! tantivy's own schema differs), or its `meta.json` is not even JSON.

mod read_only;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Schema};
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::doc::IndexDoc;
use crate::error::{Error, Result};
use crate::schema::{self, Fields};
use read_only::ReadOnlyDirectory;

/// Memory the writer may use before flushing a segment.
const WRITER_BUDGET: usize = 64 * 1024 * 1024;

/// tantivy's file naming the committed segments.
const META_FILE: &str = "meta.json";

/// Written beside tantivy's files: what this Quire builds. When it differs,
/// the index was built by another version and is rebuilt from SQLite.
const MARKER_FILE: &str = "quire-index.json";

/// Bumped when the analysis changes while the schema stays the same (a new
/// tokenizer filter), so indexes built the old way are rebuilt.
const ANALYSIS_VERSION: u32 = 1;

/// How long a writer waits, by default, for another process to finish
/// writing before giving up with [`Error::Locked`]. Imports hold the lock
/// for one file at a time, so even thirty at once take turns well inside it.
const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(60);

/// How often a garbled `meta.json` is read again before it counts as
/// corrupt rather than half-written by someone else.
const META_RETRIES: u32 = 3;

/// A full-text index kept in one folder. Readers see commits made by other
/// processes shortly after they land (tantivy watches the folder).
///
/// Writes are buffered until [`Index::commit`], which records a *generation*
/// number in the commit payload. The engine bumps its own generation in
/// SQLite before committing the index with the same number, so after a crash
/// between the two commits `generation()` differs and the engine rebuilds.
pub struct Index {
    dir: PathBuf,
    pub(crate) index: tantivy::Index,
    pub(crate) reader: IndexReader,
    writer: Option<IndexWriter>,
    pub(crate) fields: Fields,
    read_only: bool,
    lock_wait: Duration,
}

/// What an index folder holds, as far as opening it goes.
enum Found {
    Usable(tantivy::Index),
    /// No index yet (or not a complete one).
    Missing,
    /// Built by another version, or its meta file is garbage: rebuild.
    Outdated,
}

impl Index {
    /// Open the index in `dir` for reading and writing, creating it if
    /// needed. An index of another schema or analysis, or with a garbled
    /// meta file, is wiped: its generation then reads 0 and the engine
    /// rebuilds it. Any other failure is an error and leaves the folder as
    /// it is. Two processes creating the same index at once must be kept
    /// apart by the caller (the engine holds its database's write lock).
    pub fn open(dir: &Path) -> Result<Index> {
        // Another process committing at this moment deletes the segment
        // files its last commit replaced; an open that read the old
        // meta.json then misses a file. Reading again sees the new commit.
        let mut attempt = 0;
        loop {
            match Index::open_once(dir) {
                Err(e) if attempt < VANISHED_RETRIES && file_vanished(&e) => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(20 * u64::from(attempt)));
                }
                other => return other,
            }
        }
    }

    fn open_once(dir: &Path) -> Result<Index> {
        let io = |source| Error::Io {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = Fields::build();
        let index = match inspect(dir, &schema)? {
            Found::Usable(index) => index,
            Found::Missing => create(dir, &schema)?,
            Found::Outdated => {
                std::fs::remove_dir_all(dir).map_err(io)?;
                std::fs::create_dir_all(dir).map_err(io)?;
                create(dir, &schema)?
            }
        };
        if read_marker(dir).as_deref() != Some(marker(&schema).as_str()) {
            write_marker(dir, &marker(&schema)).map_err(io)?;
        }
        Index::with(dir, index, fields, false)
    }

    /// Open the index in `dir` without creating, locking or writing
    /// anything there. `None` when there is no usable index (none yet, or
    /// one [`Index::open`] would rebuild): the caller can build one with
    /// [`Index::in_memory`] instead.
    pub fn open_read_only(dir: &Path) -> Result<Option<Index>> {
        let (schema, fields) = Fields::build();
        if read_marker(dir).is_some_and(|m| m != marker(&schema)) {
            return Ok(None);
        }
        match inspect_with(dir, &schema, |d| {
            tantivy::Index::open(ReadOnlyDirectory(MmapDirectory::open(d)?))
        })? {
            Found::Usable(index) => Index::with(dir, index, fields, true).map(Some),
            Found::Missing | Found::Outdated => Ok(None),
        }
    }

    /// An empty index in memory, written like one on disk: for a library
    /// whose folder cannot be written and whose index is missing or behind.
    /// `label` is the folder it stands in for, used in messages.
    pub fn in_memory(label: &Path) -> Result<Index> {
        let (schema, fields) = Fields::build();
        let index = tantivy::Index::create_in_ram(schema);
        Index::with(label, index, fields, false)
    }

    fn with(dir: &Path, index: tantivy::Index, fields: Fields, read_only: bool) -> Result<Index> {
        index
            .tokenizers()
            .register(schema::ANALYZER, schema::english());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Index {
            dir: dir.to_path_buf(),
            index,
            reader,
            writer: None,
            fields,
            read_only,
            lock_wait: DEFAULT_LOCK_WAIT,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// True when opened with [`Index::open_read_only`]: every write fails
    /// with [`Error::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a write waits for another process's writer to finish.
    pub fn lock_wait(&self) -> Duration {
        self.lock_wait
    }

    pub fn set_lock_wait(&mut self, wait: Duration) {
        self.lock_wait = wait;
    }

    /// The generation of the last commit; 0 for a new or wiped index.
    pub fn generation(&self) -> Result<u64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Payload>(p).ok())
            .map_or(0, |p| p.generation))
    }

    /// Take the folder's write lock now, waiting up to the lock wait for
    /// another process to release it. Writes and [`Index::commit`] use it;
    /// [`Index::abandon`] gives it back without committing.
    pub fn begin_write(&mut self) -> Result<()> {
        if self.writer.is_none() {
            self.writer = Some(self.new_writer()?);
            // Searches now see whatever was committed before the lock was ours.
            self.reader.reload()?;
        }
        Ok(())
    }

    /// Drop pending writes and release the write lock, if held.
    pub fn abandon(&mut self) {
        self.writer = None;
    }

    /// Replace (or add) a document's entries. Visible after [`Index::commit`].
    pub fn replace_document(&mut self, doc: &IndexDoc) -> Result<()> {
        let fields = self.fields;
        let w = self.writer()?;
        w.delete_term(Term::from_field_i64(fields.doc_id, doc.id));
        for entry in doc.entries(&fields) {
            w.add_document(entry)?;
        }
        Ok(())
    }

    /// Remove a document's entries. Visible after [`Index::commit`].
    pub fn delete_document(&mut self, id: i64) -> Result<()> {
        let field = self.fields.doc_id;
        self.writer()?.delete_term(Term::from_field_i64(field, id));
        Ok(())
    }

    /// Remove everything (for a rebuild). Visible after [`Index::commit`].
    pub fn clear(&mut self) -> Result<()> {
        self.writer()?.delete_all_documents()?;
        Ok(())
    }

    /// Make pending writes durable and visible, tagged with `generation`.
    pub fn commit(&mut self, generation: u64) -> Result<()> {
        let payload = serde_json::to_string(&Payload { generation })
            .expect("a struct of one integer serialises");
        let mut w = match self.writer.take() {
            Some(w) => w,
            None => self.new_writer()?,
        };
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        // Reload while the lock is still ours: once it is released another
        // process may commit and delete the segments this commit made
        // before our reader has opened them (a "file does not exist" that
        // 1 in 50 of four-fold thirty-process import races hit).
        self.reader.reload()?;
        // Let the merges this commit started finish before the folder's
        // lock is released (when the writer goes), so another Quire process
        // (the CLI beside the app) writes in turn. A writer merely dropped
        // abandons its merges: every import then left two more segments
        // that were never merged (200 after 10,000 essays imported 100 to a
        // file, and a theme heat map 20 times slower than on 4), and a
        // merge still running after the lock was released could delete
        // files under the next process's writer.
        w.wait_merging_threads()?;
        Ok(())
    }

    /// Whether a document has entries in the committed index.
    pub fn contains(&self, id: i64) -> Result<bool> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(
            Term::from_field_i64(self.fields.doc_id, id),
            IndexRecordOption::Basic,
        );
        Ok(searcher.search(&q, &tantivy::collector::Count)? > 0)
    }

    /// Number of committed documents (heads), not entries.
    pub fn num_documents(&self) -> Result<usize> {
        let searcher = self.reader.searcher();
        let mut n = 0;
        for seg in searcher.segment_readers() {
            let para = seg.fast_fields().u64("paragraph")?;
            n += seg
                .doc_ids_alive()
                .filter(|&d| para.first(d).is_none())
                .count();
        }
        Ok(n)
    }

    /// The writer, created on first write and dropped at commit: it holds
    /// the folder's lock, which readers never need.
    fn writer(&mut self) -> Result<&mut IndexWriter> {
        let writer = match self.writer.take() {
            Some(w) => w,
            None => self.new_writer()?,
        };
        Ok(self.writer.insert(writer))
    }

    /// A writer, waiting with growing pauses while another process holds
    /// the lock (tantivy's own lock attempt does not wait).
    fn new_writer(&self) -> Result<IndexWriter> {
        if self.read_only {
            return Err(Error::ReadOnly(self.dir.clone()));
        }
        let deadline = Instant::now() + self.lock_wait;
        let mut pause = Duration::from_millis(2);
        loop {
            match self.index.writer::<TantivyDocument>(WRITER_BUDGET) {
                Ok(w) => return Ok(w),
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return Err(Error::Locked(self.dir.clone()));
                    }
                    std::thread::sleep(pause.min(deadline - now));
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(TantivyError::LockFailure(..)) => return Err(Error::Locked(self.dir.clone())),
                Err(e) => return Err(e.into()),
            }
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    generation: u64,
}

/// What the marker file says for this build: the analysis version and the
/// schema, so any change to either is noticed.
fn marker(schema: &Schema) -> String {
    serde_json::json!({ "analysis": ANALYSIS_VERSION, "schema": schema }).to_string()
}

/// Write the marker whole or not at all (a temporary file renamed over
/// it). Another process opening the index reads the marker without a lock,
/// and a half-written one differs from its own: it would take the index
/// for outdated and wipe it under everyone's feet, which is how 1 in 60
/// runs of thirty concurrent first imports lost one.
fn write_marker(dir: &Path, marker: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(marker.as_bytes())?;
    file.persist(dir.join(MARKER_FILE))
        .map(drop)
        .map_err(|e| e.error)
}

fn read_marker(dir: &Path) -> Option<String> {
    std::fs::read_to_string(dir.join(MARKER_FILE)).ok()
}

/// Look at the folder for a read-write open.
fn inspect(dir: &Path, schema: &Schema) -> Result<Found> {
    if read_marker(dir).is_some_and(|m| m != marker(schema)) {
        return Ok(Found::Outdated);
    }
    inspect_with(dir, schema, |d| {
        tantivy::Index::open(MmapDirectory::open(d)?)
    })
}

/// Open the index in `dir` with `open`, telling a missing or recognisably
/// outdated index from an error to report.
fn inspect_with(
    dir: &Path,
    schema: &Schema,
    open: impl Fn(&Path) -> tantivy::Result<tantivy::Index>,
) -> Result<Found> {
    let opened = |source| Error::Open {
        path: dir.to_path_buf(),
        source,
    };
    let meta = dir.join(META_FILE);
    let mut attempt = 0;
    loop {
        match meta.try_exists() {
            Ok(false) => return Ok(Found::Missing),
            Ok(true) => {}
            Err(e) => return Err(opened(TantivyError::IoError(e.into()))),
        }
        match open(dir) {
            Ok(index) if index.schema() == *schema => return Ok(Found::Usable(index)),
            Ok(_) => return Ok(Found::Outdated),
            Err(TantivyError::SchemaError(_) | TantivyError::IncompatibleIndex(_)) => {
                return Ok(Found::Outdated)
            }
            Err(e) => {
                if !meta_is_garbage(&meta) {
                    return Err(opened(e));
                }
                // Someone may be writing it this very moment: look again
                // before calling it corrupt.
                attempt += 1;
                if attempt > META_RETRIES {
                    return Ok(Found::Outdated);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// How often [`Index::open`] reads the index again after a file vanished.
const VANISHED_RETRIES: u32 = 10;

/// True when `e` is a file of the index missing: a segment another
/// process's commit deleted between our reading meta.json and the file.
/// tantivy reports it as an I/O error or an open-read error wrapped in its
/// own error types, so the chain is matched by what it says.
fn file_vanished(e: &Error) -> bool {
    let text = format!("{e:?}");
    text.contains("NotFound") || text.contains("FileDoesNotExist")
}

/// True when `meta.json` can be read but is not JSON: the one corruption
/// recognised as such (an unreadable file is an I/O error, not garbage).
fn meta_is_garbage(meta: &Path) -> bool {
    std::fs::read(meta)
        .is_ok_and(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).is_err())
}

fn create(dir: &Path, schema: &Schema) -> Result<tantivy::Index> {
    let mmap = MmapDirectory::open(dir).map_err(|e| Error::Tantivy(e.into()))?;
    Ok(tantivy::Index::create(
        mmap,
        schema.clone(),
        tantivy::IndexSettings::default(),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: i64, text: &str) -> IndexDoc {
        IndexDoc {
            id,
            kind: "essay".into(),
            title: format!("Doc {id}"),
            author: None,
            affiliation: None,
            collection: None,
            year: None,
            paragraphs: vec![text.into()],
            references: Vec::new(),
        }
    }

    fn with_one_doc(dir: &Path) {
        let mut index = Index::open(dir).unwrap();
        index
            .replace_document(&doc(1, "relationship-based practice"))
            .unwrap();
        index.commit(7).unwrap();
    }

    /// One commit per imported file must not leave one more segment each
    /// time: the commit waits for the merges it started.
    #[test]
    fn many_commits_keep_few_segments() {
        let tmp = tempfile::tempdir().unwrap();
        let mut index = Index::open(tmp.path()).unwrap();
        for id in 1..=60 {
            index
                .replace_document(&doc(id, "relationship-based practice"))
                .unwrap();
            index.commit(id as u64).unwrap();
        }
        let segments = index.reader.searcher().segment_readers().len();
        // 9 when the merges finish; 17 when the writer was just dropped.
        assert!(segments <= 12, "{segments} segments after 60 commits");
        assert_eq!(index.num_documents().unwrap(), 60);
    }

    #[test]
    fn reopening_keeps_the_index_and_writes_the_marker() {
        let tmp = tempfile::tempdir().unwrap();
        with_one_doc(tmp.path());
        assert!(tmp.path().join(MARKER_FILE).is_file());
        let index = Index::open(tmp.path()).unwrap();
        assert_eq!(index.generation().unwrap(), 7);
        assert!(index.contains(1).unwrap());
    }

    #[test]
    fn a_changed_marker_is_a_recognised_schema_change() {
        let tmp = tempfile::tempdir().unwrap();
        with_one_doc(tmp.path());
        std::fs::write(tmp.path().join(MARKER_FILE), "{\"analysis\":0}").unwrap();
        assert!(Index::open_read_only(tmp.path()).unwrap().is_none());
        let index = Index::open(tmp.path()).unwrap();
        assert_eq!(
            index.generation().unwrap(),
            0,
            "wiped, so the engine rebuilds"
        );
        assert!(!index.contains(1).unwrap());
    }

    #[test]
    fn garbage_meta_is_rebuilt() {
        let tmp = tempfile::tempdir().unwrap();
        with_one_doc(tmp.path());
        std::fs::write(tmp.path().join(META_FILE), b"\0\0garbage").unwrap();
        let index = Index::open(tmp.path()).unwrap();
        assert_eq!(index.generation().unwrap(), 0);
    }

    #[test]
    fn an_unrecognised_error_leaves_the_index_alone() {
        let tmp = tempfile::tempdir().unwrap();
        with_one_doc(tmp.path());
        // Valid JSON that tantivy cannot use stands for any failure we do
        // not recognise (a missing segment, a half-finished copy).
        std::fs::write(tmp.path().join(META_FILE), b"{\"segments\": 3}").unwrap();
        let before: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        let err = Index::open(tmp.path()).err().expect("an error, not a wipe");
        assert!(matches!(err, Error::Open { .. }), "{err}");
        let after: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(before.len(), after.len(), "nothing deleted");
        assert_eq!(
            std::fs::read(tmp.path().join(META_FILE)).unwrap(),
            b"{\"segments\": 3}"
        );
    }

    #[test]
    fn read_only_open_reads_and_refuses_writes() {
        let tmp = tempfile::tempdir().unwrap();
        with_one_doc(tmp.path());
        let before: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let mut index = Index::open_read_only(tmp.path()).unwrap().expect("usable");
        assert!(index.is_read_only());
        assert_eq!(index.generation().unwrap(), 7);
        assert!(index.contains(1).unwrap());
        assert!(matches!(index.delete_document(1), Err(Error::ReadOnly(_))));
        let mut after: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let mut before = before;
        before.sort();
        after.sort();
        assert_eq!(before, after, "a read-only open creates no file");
        assert!(Index::open_read_only(&tmp.path().join("none"))
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_writer_waits_for_another_then_gives_up() {
        let tmp = tempfile::tempdir().unwrap();
        with_one_doc(tmp.path());
        let mut first = Index::open(tmp.path()).unwrap();
        first.begin_write().unwrap();
        let mut second = Index::open(tmp.path()).unwrap();
        second.set_lock_wait(Duration::from_millis(100));
        assert!(matches!(second.begin_write(), Err(Error::Locked(_))));
        // Released by a commit (or abandon), the lock is taken at once.
        first.abandon();
        second.begin_write().unwrap();
        second.replace_document(&doc(2, "co-production")).unwrap();
        second.commit(8).unwrap();
        assert!(second.contains(2).unwrap());
    }

    #[test]
    fn in_memory_index_is_writable() {
        let mut index = Index::in_memory(Path::new("/nowhere")).unwrap();
        index.replace_document(&doc(3, "poverty-aware")).unwrap();
        index.commit(1).unwrap();
        assert_eq!(index.num_documents().unwrap(), 1);
    }
}
