//! Documents and collections: the library view, the reader, imports.
//!
//! `DocSummary` is also the object of `quire list --json` (see
//! [`super::cli`]) and of an import report's `imported`; `Document` is
//! `quire show --json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a document is: an entry written by a student (`"essay"`), or
/// material read (`"source"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Written by a student: audited, counted against word limits.
    Essay,
    /// Material read: a paper, a chapter, a report.
    Source,
}

impl Kind {
    /// The name the JSON uses: `essay` or `source`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Essay => "essay",
            Kind::Source => "source",
        }
    }
}

impl From<quire_engine::Kind> for Kind {
    fn from(kind: quire_engine::Kind) -> Self {
        match kind {
            quire_engine::Kind::Essay => Kind::Essay,
            quire_engine::Kind::Source => Kind::Source,
        }
    }
}

impl From<Kind> for quire_engine::Kind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Essay => quire_engine::Kind::Essay,
            Kind::Source => quire_engine::Kind::Source,
        }
    }
}

/// Which of its collection's word limits an essay breaks: it has fewer
/// words than the minimum (`"under"`) or more than the maximum (`"over"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LimitFlag {
    /// Fewer words than the collection's minimum.
    Under,
    /// More words than the collection's maximum.
    Over,
}

impl From<quire_engine::LimitFlag> for LimitFlag {
    fn from(flag: quire_engine::LimitFlag) -> Self {
        match flag {
            quire_engine::LimitFlag::Under => LimitFlag::Under,
            quire_engine::LimitFlag::Over => LimitFlag::Over,
        }
    }
}

/// One document in brief: exactly the keys `id`, `kind`, `title`,
/// `author`, `affiliation`, `word_count`, `duplicate_of`. The object of
/// `quire list --json` and of an import report's `imported`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocSummary {
    /// The document's id in the library; stable for its lifetime.
    pub id: i64,
    /// Essay or source.
    pub kind: Kind,
    /// The title the file gave (or the first words, when it gave none).
    pub title: String,
    /// The author as the file names them; null when it does not.
    pub author: Option<String>,
    /// The author's school, university or organisation; null when not given.
    pub affiliation: Option<String>,
    /// Words in the body, without page furniture or the reference list.
    pub word_count: u32,
    /// The id of the document this one is a near-copy of; null for an original.
    pub duplicate_of: Option<i64>,
}

impl From<quire_engine::DocSummary> for DocSummary {
    fn from(s: quire_engine::DocSummary) -> Self {
        Self {
            id: s.id,
            kind: s.kind.into(),
            title: s.title,
            author: s.author,
            affiliation: s.affiliation,
            word_count: s.word_count,
            duplicate_of: s.duplicate_of,
        }
    }
}

/// A row of the library view: the document's summary (its keys inline)
/// and what the view shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocRow {
    /// The summary's keys, inline in the row.
    #[serde(flatten)]
    pub summary: DocSummary,
    /// The collection (competition) the document belongs to; null for none.
    pub collection_id: Option<i64>,
    /// That collection's title; null for none.
    pub collection: Option<String>,
    /// The year the file or its collection gives; null when unknown.
    pub year: Option<i32>,
    /// The name of the file the document was imported from.
    pub origin: String,
    /// Set only for an original essay whose collection has word limits it
    /// breaks; null otherwise.
    pub limit_flag: Option<LimitFlag>,
}

impl From<quire_engine::DocRow> for DocRow {
    fn from(r: quire_engine::DocRow) -> Self {
        Self {
            summary: r.summary.into(),
            collection_id: r.collection_id,
            collection: r.collection,
            year: r.year,
            origin: r.origin,
            limit_flag: r.limit_flag.map(Into::into),
        }
    }
}

/// One stored document in full (`quire show --json`): the summary's keys
/// inline, its body and its reference list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Document {
    /// The summary's keys, inline in the document.
    #[serde(flatten)]
    pub summary: DocSummary,
    /// The collection (competition) the document belongs to; null for none.
    pub collection_id: Option<i64>,
    /// That collection's title; null for none.
    pub collection: Option<String>,
    /// The year the file or its collection gives; null when unknown.
    pub year: Option<i32>,
    /// The name of the file the document was imported from.
    pub origin: String,
    /// A hash of the imported text, which tells exact copies apart.
    pub content_hash: String,
    /// Set only for an original essay whose collection has word limits it
    /// breaks; null otherwise.
    pub limit_flag: Option<LimitFlag>,
    /// The body as Markdown, without page furniture or the reference list.
    /// Not safe to insert as HTML: the reader inserts a `ReaderDoc`'s `html`.
    pub body: String,
    /// The raw reference-list entries, in the order the author gave them.
    pub references: Vec<String>,
    /// Ids of the documents recorded as near-copies of this one.
    pub duplicates: Vec<i64>,
}

impl From<quire_engine::Document> for Document {
    fn from(d: quire_engine::Document) -> Self {
        Self {
            summary: d.summary.into(),
            collection_id: d.collection_id,
            collection: d.collection,
            year: d.year,
            origin: d.origin,
            content_hash: d.content_hash,
            limit_flag: d.limit_flag.map(Into::into),
            body: d.body,
            references: d.references,
            duplicates: d.duplicates,
        }
    }
}

/// What the reader shows: the document (its keys inline), its body as
/// sanitised HTML, and its collection's word limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReaderDoc {
    /// The document's keys, inline.
    #[serde(flatten)]
    pub document: Document,
    /// The body rendered and sanitised by the engine, each citation in a
    /// `span.cite`: safe to insert as HTML.
    pub html: String,
    /// The collection's minimum word count; null when it has none (or the
    /// document is in no collection).
    pub min_words: Option<u32>,
    /// The collection's maximum word count; null when it has none.
    pub max_words: Option<u32>,
    /// The work the document is (from its PDF's or web page's metadata, or
    /// the Zotero item whose attachment it holds); null when none.
    pub work: Option<i64>,
}

/// A group of documents such as a competition, with its word limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Collection {
    /// The collection's id in the library.
    pub id: i64,
    /// Its title, e.g. the competition's name.
    pub title: String,
    /// The essay question or brief; null when the files gave none.
    pub prompt: Option<String>,
    /// The year it ran; null when unknown.
    pub year: Option<i32>,
    /// The minimum word count of its essays; null for none.
    pub min_words: Option<u32>,
    /// The maximum word count of its essays; null for none.
    pub max_words: Option<u32>,
    /// Documents in it, not counting near-copies of other documents.
    pub documents: usize,
}

impl From<quire_engine::Collection> for Collection {
    fn from(c: quire_engine::Collection) -> Self {
        Self {
            id: c.id,
            title: c.title,
            prompt: c.prompt,
            year: c.year,
            min_words: c.min_words,
            max_words: c.max_words,
            documents: c.documents,
        }
    }
}

/// A file that could not be imported, and why. Nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportFailure {
    /// The file as it was given.
    pub path: String,
    /// Why it was refused, for a person.
    pub message: String,
}

impl From<quire_engine::ImportFailure> for ImportFailure {
    fn from(f: quire_engine::ImportFailure) -> Self {
        Self {
            path: f.path,
            message: f.message,
        }
    }
}

/// A file whose documents were stored, with something the person should
/// know (e.g. that the search index will be rebuilt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportWarning {
    /// The file as it was given.
    pub path: String,
    /// The caveat, for a person.
    pub message: String,
}

impl From<quire_engine::ImportWarning> for ImportWarning {
    fn from(w: quire_engine::ImportWarning) -> Self {
        Self {
            path: w.path,
            message: w.message,
        }
    }
}

/// What an import did: one summary per document stored, one failure per
/// file refused, and the caveats of files stored with one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// Every document stored, in the order the files were read.
    pub imported: Vec<DocSummary>,
    /// Every file refused; the others were imported regardless.
    pub errors: Vec<ImportFailure>,
    /// Files stored with a caveat. The key is left out when there are none,
    /// so the report usually has just `imported` and `errors`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ImportWarning>,
    /// Every file read, in order, with its format, documents, work and
    /// caveats, whether it was stored or refused.
    #[serde(default)]
    pub files: Vec<ImportedFile>,
    /// Set when the import was cancelled: the files after the last one in
    /// `files` were not read. Left out when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(type = "boolean | undefined", optional)]
    pub cancelled: bool,
}

impl From<quire_engine::ImportReport> for ImportReport {
    fn from(r: quire_engine::ImportReport) -> Self {
        Self {
            imported: super::all(r.imported),
            errors: super::all(r.errors),
            warnings: super::all(r.warnings),
            files: super::all(r.files),
            cancelled: r.cancelled,
        }
    }
}

/// A file format Quire reads, as the import report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Text,
    Markdown,
    Docx,
    Odt,
    Pdf,
    Html,
}

impl From<quire_engine::FileFormat> for FileFormat {
    fn from(f: quire_engine::FileFormat) -> Self {
        use quire_engine::FileFormat as F;
        match f {
            F::Text => Self::Text,
            F::Markdown => Self::Markdown,
            F::Docx => Self::Docx,
            F::Odt => Self::Odt,
            F::Pdf => Self::Pdf,
            F::Html => Self::Html,
        }
    }
}

/// One file of an import and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportedFile {
    /// The file as it was given (or found inside a folder given).
    pub path: String,
    /// Its format by extension; null for a type Quire does not read.
    pub format: Option<FileFormat>,
    /// Ids of its documents, new or already in the library.
    pub documents: Vec<i64>,
    /// The id of the work made from the file's own metadata (a PDF's, a
    /// saved page's), or of the work it matched; null when none.
    pub work: Option<i64>,
    /// Caveats on the reading, e.g. `"no text layer"`,
    /// `"pages 3, 7 have no text layer"`; empty when clean.
    pub warnings: Vec<String>,
    /// Why nothing of the file was stored; null when it was.
    pub error: Option<String>,
}

impl From<quire_engine::ImportedFile> for ImportedFile {
    fn from(f: quire_engine::ImportedFile) -> Self {
        Self {
            path: f.path,
            format: f.format.map(Into::into),
            documents: f.documents,
            work: f.work,
            warnings: f.warnings,
            error: f.error,
        }
    }
}

/// An import's progress, sent as the `import-progress` event before each
/// file is read and once when all are done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Progress {
    /// Files read so far.
    pub done: usize,
    /// Files to read in all.
    pub total: usize,
    /// The file being read now (empty once all are done).
    pub current: String,
    /// The file just finished, with its outcome; null before the first.
    pub finished: Option<ImportedFile>,
    /// Files stored so far.
    pub imported: usize,
    /// Files refused so far.
    pub failed: usize,
    /// Milliseconds since the import began.
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    /// Milliseconds left at the pace so far (by bytes read); null until
    /// the first file is done.
    #[ts(type = "number | null")]
    pub remaining_ms: Option<u64>,
}

impl From<quire_engine::Progress> for Progress {
    fn from(p: quire_engine::Progress) -> Self {
        Self {
            done: p.done,
            total: p.total,
            current: p.current,
            finished: p.finished.map(Into::into),
            imported: p.imported,
            failed: p.failed,
            elapsed_ms: p.elapsed_ms,
            remaining_ms: p.remaining_ms,
        }
    }
}

/// Which documents the library view lists (an argument, sent by the UI):
/// a missing or null key does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocFilter {
    /// Only essays, or only sources.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub kind: Option<Kind>,
    /// Only the documents of this collection.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub collection_id: Option<i64>,
}

impl From<DocFilter> for quire_engine::DocFilter {
    fn from(f: DocFilter) -> Self {
        Self {
            kind: f.kind.map(Into::into),
            collection_id: f.collection_id,
        }
    }
}
