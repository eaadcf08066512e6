//! Listing, reading and importing documents: a few lines each over
//! `quire_api::library`. Commands are `async` so Tauri runs them off the
//! main thread: a long import holding the library lock must not freeze the window.

use std::path::PathBuf;
use std::sync::Mutex;

use quire_api::wire::{Collection, DocFilter, DocRow, ImportReport, ReaderDoc};
use quire_engine::Library;
use tauri::{AppHandle, Emitter, Manager, State, Window};

use super::{blocking, guarded, lock, CommandResult};
use crate::grants::{Access, Grants};

/// The library view's rows, narrowed by `{kind: "essay"|"source"|null, collection_id}`.
#[tauri::command]
pub async fn list_documents(
    library: State<'_, Mutex<Library>>,
    filter: Option<DocFilter>,
) -> CommandResult<Vec<DocRow>> {
    guarded(|| quire_api::library::documents(&lock(&library), filter.unwrap_or_default()))
}

#[tauri::command]
pub async fn list_collections(
    library: State<'_, Mutex<Library>>,
) -> CommandResult<Vec<Collection>> {
    guarded(|| quire_api::library::collections(&lock(&library)))
}

/// A document as the reader shows it (sanitised HTML, paragraph anchors, word limits).
#[tauri::command]
pub async fn get_document(library: State<'_, Mutex<Library>>, id: i64) -> CommandResult<ReaderDoc> {
    guarded(|| quire_api::library::reader(&lock(&library), id))
}

/// Imports files on a blocking worker, sending `import-progress` events
/// (`{done, total, current}`) as each file is read. Per-file failures are in
/// the report's `errors`. Only files the person picked or dropped on this window are read.
#[tauri::command]
pub async fn import_files(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    paths: Vec<PathBuf>,
    collection: Option<String>,
) -> CommandResult<ImportReport> {
    grants.take(window.label(), Access::Read, &paths)?;
    blocking(move || {
        let state = app.state::<Mutex<Library>>();
        let mut library = lock(&state);
        // A closed window cannot receive progress; the import goes on regardless.
        let mut progress = |p| drop(app.emit("import-progress", &p));
        Ok(quire_api::library::import(
            &mut library,
            &paths,
            collection.as_deref(),
            &mut progress,
        ))
    })
    .await
}
