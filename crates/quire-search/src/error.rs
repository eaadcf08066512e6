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
    /// The index could not be opened for a reason that is not a known
    /// schema change or a garbled meta file (too many open files, permission
    /// denied…); it is left as it is, so trying again later can succeed.
    #[error("cannot open the search index in {path} (left as it is): {source}")]
    Open {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    /// The index was opened read-only and cannot be written.
    #[error("the search index in {0} is read-only")]
    ReadOnly(PathBuf),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
