//! Listing, reading and importing documents: a few lines each over
//! `quire_api::library`. Commands are `async` so Tauri runs them off the
//! main thread: a long import holding the library lock must not freeze the window.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use quire_api::library::ImportOptions;
use quire_api::wire::{
    Collection, CollectionsAs, DocFilter, DocRow, ImportReport, ReaderDoc, ZoteroReport,
};
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

/// The flag the Cancel button of the import progress view sets; an import
/// clears it as it starts and stops before its next file once it is set.
#[derive(Default)]
pub struct ImportCancel(Arc<AtomicBool>);

/// Imports files on a blocking worker, sending `import-progress` events
/// (`Progress`: counts, the file being read, the file just finished with
/// its outcome, time left) before each file and at the end. Per-file
/// failures are in the report's `errors` and `files`. Only files the person
/// picked or dropped on this window are read.
#[tauri::command]
pub async fn import_files(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    paths: Vec<PathBuf>,
    collection: Option<String>,
) -> CommandResult<ImportReport> {
    grants.take(window.label(), Access::Read, &paths)?;
    let cancel = start_cancellable(&app);
    blocking(move || {
        let state = app.state::<Mutex<Library>>();
        let mut library = lock(&state);
        // A closed window cannot receive progress; the import goes on regardless.
        let mut progress = |p| drop(app.emit("import-progress", &p));
        let options = ImportOptions {
            collection: collection.as_deref(),
            globs: &[],
            cancel: Some(&cancel),
        };
        quire_api::library::import(&mut library, &paths, options, &mut progress)
    })
    .await
}

/// Imports the Zotero library in a folder the person picked, with the same
/// `import-progress` events and Cancel as [`import_files`].
#[tauri::command]
pub async fn import_zotero(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    dir: PathBuf,
    collections_as: CollectionsAs,
) -> CommandResult<ZoteroReport> {
    grants.take_one(window.label(), Access::Read, &dir)?;
    let cancel = start_cancellable(&app);
    blocking(move || {
        let state = app.state::<Mutex<Library>>();
        let mut library = lock(&state);
        let mut progress = |p| drop(app.emit("import-progress", &p));
        quire_api::zotero::import(
            &mut library,
            &dir,
            collections_as,
            Some(&cancel),
            &mut progress,
        )
    })
    .await
}

/// Asks the running import to stop before its next file (or batch of
/// Zotero items); what it has stored stays.
#[tauri::command]
pub async fn cancel_import(cancel: State<'_, ImportCancel>) -> CommandResult<()> {
    cancel.0.store(true, Ordering::Relaxed);
    Ok(())
}

/// The cancel flag, cleared for an import about to start.
fn start_cancellable(app: &AppHandle) -> Arc<AtomicBool> {
    let flag = Arc::clone(&app.state::<ImportCancel>().0);
    flag.store(false, Ordering::Relaxed);
    flag
}
