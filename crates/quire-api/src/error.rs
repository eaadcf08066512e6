//! What a failed use case tells its caller: a kind from a closed set, so the
//! app can show each sensibly (a missing item refreshes the view, a
//! read-only library shows its banner, an internal error asks for a report),
//! and a message for a person. Engine errors are mapped here, once.

use serde::Serialize;

/// The kinds of failure the app and the CLI tell apart. A closed set: the
/// UI has one way of showing each (`ui/src/errors.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The request cannot be carried out as given (an unknown style or
    /// format, an empty name, a work merged with itself): the person can
    /// change what they asked.
    Invalid,
    /// The document, work, list, theme or style named is not in the library
    /// (perhaps deleted in another window or process).
    NotFound,
    /// The library is read-only; nothing can be changed in it here.
    ReadOnly,
    /// A file or folder could not be read or written; the message names it.
    Io,
    /// The library's database or search index failed (a broken or locked
    /// file, a schema this version cannot read).
    Library,
    /// A bug: the engine panicked on this input or broke an invariant. The
    /// rest of the library is intact.
    Internal,
}

/// A failed use case: `{ "kind": "...", "message": "..." }` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    /// A file that could not be read or written, named.
    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Self::new(ErrorKind::Io, format!("{}: {err}", path.display()))
    }
}

impl From<quire_engine::Error> for ApiError {
    fn from(err: quire_engine::Error) -> Self {
        use quire_engine::Error as E;
        let kind = match &err {
            E::NotFound(_) => ErrorKind::NotFound,
            E::Invalid(_) | E::Format(_) | E::Import { .. } => ErrorKind::Invalid,
            E::ReadOnly(_) | E::NeedsMigration(_) => ErrorKind::ReadOnly,
            E::Io { .. } => ErrorKind::Io,
            E::Internal(_) => ErrorKind::Internal,
            // The database, the index, a missing library folder or a migration.
            _ => ErrorKind::Library,
        };
        Self::new(kind, chain(&err))
    }
}

impl From<quire_format::Error> for ApiError {
    fn from(err: quire_format::Error) -> Self {
        Self::new(ErrorKind::Invalid, chain(&err))
    }
}

/// The error and its causes on one line, without repeating a cause the
/// message already quotes.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message = format!("{message}: {text}");
        }
        source = cause.source();
    }
    message
}
