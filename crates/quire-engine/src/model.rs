//! The values the engine hands out. Their serde shapes are contracts: the CLI
//! prints them as JSON and the desktop app receives them over IPC, so field
//! names change only by addition.

use serde::Serialize;

/// What a document is: an entry written by a student, or material read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Essay,
    Source,
}

impl Kind {
    /// The spelling stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Essay => "essay",
            Kind::Source => "source",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "essay" => Some(Kind::Essay),
            "source" => Some(Kind::Source),
            _ => None,
        }
    }
}

/// One document as the CLI reports it: exactly
/// `{"id","kind","title","author","affiliation","word_count","duplicate_of"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary {
    pub id: i64,
    pub kind: Kind,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub word_count: u32,
    /// The original this document is a near-copy of, if any.
    pub duplicate_of: Option<i64>,
}

/// A collection's word limit that a document breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LimitFlag {
    Under,
    Over,
}

/// A row of the app's library view: the summary plus what the view shows.
#[derive(Debug, Clone, Serialize)]
pub struct DocRow {
    #[serde(flatten)]
    pub summary: DocSummary,
    pub collection_id: Option<i64>,
    pub collection: Option<String>,
    pub year: Option<i32>,
    /// File name the document was imported from.
    pub origin: String,
    /// Set only for original essays whose collection has word limits they break.
    pub limit_flag: Option<LimitFlag>,
}

/// Which documents `Library::documents` returns; `Default` means all.
#[derive(Debug, Clone, Default)]
pub struct DocFilter {
    pub kind: Option<Kind>,
    pub collection_id: Option<i64>,
}

/// One stored document in full (`quire show --json`).
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    #[serde(flatten)]
    pub summary: DocSummary,
    pub collection_id: Option<i64>,
    pub collection: Option<String>,
    pub year: Option<i32>,
    pub origin: String,
    pub content_hash: String,
    pub limit_flag: Option<LimitFlag>,
    /// Markdown; page furniture and the reference list are not in it.
    pub body: String,
    /// Raw reference-list entries, in the order the author gave them.
    pub references: Vec<String>,
    /// Documents recorded as near-copies of this one.
    pub duplicates: Vec<i64>,
}

/// A group of documents such as a competition, with its word limits.
#[derive(Debug, Clone, Serialize)]
pub struct Collection {
    pub id: i64,
    pub title: String,
    pub prompt: Option<String>,
    pub year: Option<i32>,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    /// Documents in it, not counting near-copies of other documents.
    pub documents: usize,
}

/// What an import did: one summary per document, one failure per bad file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub imported: Vec<DocSummary>,
    pub errors: Vec<ImportFailure>,
    /// Files imported with a caveat, such as "stored; search index will be
    /// rebuilt". Left out of the JSON when empty, so the report's
    /// contract keeps its two keys in the usual case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ImportWarning>,
    /// Every file read, in order, with what came of it.
    pub files: Vec<ImportedFile>,
    /// The import was cancelled: files after the last one listed were not
    /// read. Left out of the JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

/// One file of an import: its format, the documents it holds (new or
/// already stored), the work its metadata made, its caveats, or why it
/// was refused.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedFile {
    pub path: String,
    /// `None` for a file whose type Quire does not read.
    pub format: Option<crate::import::FileFormat>,
    pub documents: Vec<i64>,
    pub work: Option<i64>,
    pub warnings: Vec<String>,
    /// Why nothing of the file was stored; `None` when it was.
    pub error: Option<String>,
}

/// A file whose documents were stored, and what the user should know.
#[derive(Debug, Clone, Serialize)]
pub struct ImportWarning {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportFailure {
    pub path: String,
    pub message: String,
}

/// Reported before each file is read and once when all are done.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// The file about to be read; empty once all are done.
    pub current: String,
    /// The file just finished, with its outcome; `None` before the first.
    pub finished: Option<ImportedFile>,
    /// Files stored and files refused so far.
    pub imported: usize,
    pub failed: usize,
    /// Time since the import began.
    pub elapsed_ms: u64,
    /// Time left at the pace so far (bytes read per second, so one large
    /// PDF among small essays does not skew it); `None` until a file is done.
    pub remaining_ms: Option<u64>,
}
