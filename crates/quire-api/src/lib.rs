//! Quire's application layer: every use case the desktop app and the `quire`
//! CLI offer, written once over `quire_engine::Library`.
//!
//! The two faces are thin: a Tauri command or a CLI verb parses its
//! arguments, calls one function here and sends or prints what it returns.
//! What crosses to the outside (IPC payloads, `--json` output) are the types
//! of [`wire`], documented and separate from the engine's structs, so the
//! engine can change its own types freely. Failures are [`ApiError`]s: a
//! closed set of kinds with a message for a person.

pub mod error;
pub mod wire;

pub use error::{ApiError, ApiResult};

pub mod audit;
mod csv;
pub mod files;
pub mod format;
pub mod formats;
pub mod insights;
pub mod library;
pub mod lists;
pub mod review;
pub mod search;
pub mod styles;
pub mod works;
pub mod zotero;
