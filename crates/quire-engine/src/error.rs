//! The engine's error type: one enum, so callers (CLI, app) can tell a bad
//! input file from a broken library without parsing messages.

use std::path::PathBuf;

/// Everything the engine can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file or folder failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The SQLite store reported an error.
    #[error("library database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The store could not be brought to the current schema.
    #[error("library schema migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file could not be imported; `path` names it so the user knows which.
    #[error("{path}: {message}")]
    Import { path: String, message: String },
    /// No document or collection with that id.
    #[error("not found: {0}")]
    NotFound(String),
    /// The search index could not be opened, written or read.
    #[error("search index: {0}")]
    Search(#[from] quire_search::Error),
    /// A style could not be loaded or works could not be formatted.
    #[error("{0}")]
    Format(#[from] quire_format::Error),
    /// The engine panicked on this input; the panic was caught at the file or
    /// document it was working on (see `guard`), so only that one failed.
    #[error("internal error: {0}")]
    Internal(String),
    /// A value stored in the library no longer reads (a damaged or
    /// hand-edited database); `what` names the row, e.g. "work 12".
    #[error("library database: {what} is corrupt: {detail}")]
    Corrupt { what: String, detail: String },
    /// A request the engine cannot carry out as given (e.g. a theme without a name).
    #[error("{0}")]
    Invalid(String),
    /// The folder holds no library, and the caller did not ask to create one
    /// (a mistyped `--library` must not silently start an empty library).
    #[error("no library at {}", .0.display())]
    NoLibrary(PathBuf),
    /// The library was opened read-only (its folder or files cannot be
    /// written, or the caller asked), and this would change it.
    #[error("the library in {} is read-only", .0.display())]
    ReadOnly(PathBuf),
    /// A read-only library made by an older Quire: it cannot be updated to
    /// this version's schema where it is.
    #[error(
        "the library in {} is read-only and was made by an older Quire; open it once where it can be written to update it",
        .0.display()
    )]
    NeedsMigration(PathBuf),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn corrupt(what: impl Into<String>, detail: impl std::fmt::Display) -> Self {
        Error::Corrupt {
            what: what.into(),
            detail: detail.to_string(),
        }
    }

    pub(crate) fn import(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Import {
            path: path.into(),
            message: message.into(),
        }
    }
}
