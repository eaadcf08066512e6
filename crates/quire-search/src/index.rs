//! Opening, writing and committing the index.

use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Schema};
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::doc::IndexDoc;
use crate::error::{Error, Result};
use crate::schema::{self, Fields};

/// Memory the writer may use before flushing a segment.
const WRITER_BUDGET: usize = 64 * 1024 * 1024;

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
}

impl Index {
    /// Open the index in `dir`, creating it if needed. An index written with
    /// another schema (an older Quire) is wiped: it is derived data, and its
    /// generation then reads 0 so the engine rebuilds it.
    pub fn open(dir: &Path) -> Result<Index> {
        let io = |source| Error::Io {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = Fields::build();
        let index = match open_or_create(dir, &schema) {
            Ok(i) if i.schema() == schema => i,
            _ => {
                std::fs::remove_dir_all(dir).map_err(io)?;
                std::fs::create_dir_all(dir).map_err(io)?;
                open_or_create(dir, &schema)?
            }
        };
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
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
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
        // Dropping the writer releases the folder's lock, so another Quire
        // process (the CLI beside the app) can write in turn.
        drop(w);
        self.reader.reload()?;
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
        if self.writer.is_none() {
            self.writer = Some(self.new_writer()?);
        }
        Ok(self.writer.as_mut().expect("writer was just set"))
    }

    fn new_writer(&self) -> Result<IndexWriter> {
        self.index
            .writer::<TantivyDocument>(WRITER_BUDGET)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::Locked(self.dir.clone()),
                e => e.into(),
            })
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    generation: u64,
}

fn open_or_create(dir: &Path, schema: &Schema) -> Result<tantivy::Index> {
    let mmap = MmapDirectory::open(dir).map_err(|e| Error::Tantivy(e.into()))?;
    Ok(tantivy::Index::open_or_create(mmap, schema.clone())?)
}
