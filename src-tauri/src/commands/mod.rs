//! Tauri commands, one module per area of the app.

pub mod audit;
pub mod library;
pub mod lists;
pub mod search;
pub mod works;

use std::sync::{Mutex, MutexGuard, PoisonError};

use quire_engine::Library;
use serde::Serialize;

/// What a failed command sends to the UI: `{ "message": "..." }`.
#[derive(Debug, Serialize)]
pub struct CommandError {
    message: String,
}

impl CommandError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl From<quire_engine::Error> for CommandError {
    fn from(err: quire_engine::Error) -> Self {
        Self::new(chain(&err))
    }
}

/// The error and its causes on one line, without repeating a cause the
/// message already quotes.
fn chain(err: &dyn std::error::Error) -> String {
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

pub type CommandResult<T> = Result<T, CommandError>;

/// Locks the library. A panic in an earlier command cannot leave the store
/// half-written (every write is a transaction), so a poisoned lock is taken over.
pub fn lock(library: &Mutex<Library>) -> MutexGuard<'_, Library> {
    library.lock().unwrap_or_else(PoisonError::into_inner)
}
