//! Errors of the search index.

use std::path::PathBuf;

/// What can go wrong opening, writing or reading the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot use the search index folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index folder {0} is in use by another Quire process")]
    Locked(PathBuf),
    #[cfg(feature = "bench")]
    #[error("FTS5 baseline: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
