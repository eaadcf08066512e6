//! Listing, reading and importing documents.

use std::path::PathBuf;
use std::sync::Mutex;

use quire_engine::{Collection, DocFilter, DocRow, Document, ImportReport, Kind, Library};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, State, Window};

use super::{blocking, guarded, lock, CommandError, CommandResult};
use crate::grants::{Access, Grants};

/// The library view's filter, as the UI sends it: `{kind: "essay"|"source"|null, collection_id}`.
#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    kind: Option<String>,
    collection_id: Option<i64>,
}

impl TryFrom<Filter> for DocFilter {
    type Error = CommandError;

    fn try_from(filter: Filter) -> Result<Self, Self::Error> {
        let kind = match filter.kind.as_deref() {
            None => None,
            Some(name) => Some(
                Kind::parse(name)
                    .ok_or_else(|| CommandError::new(format!("unknown kind {name:?}")))?,
            ),
        };
        Ok(DocFilter {
            kind,
            collection_id: filter.collection_id,
        })
    }
}

// Commands are `async` so Tauri runs them off the main thread: a long import
// holding the library lock must not freeze the window.

#[tauri::command]
pub async fn list_documents(
    library: State<'_, Mutex<Library>>,
    filter: Option<Filter>,
) -> CommandResult<Vec<DocRow>> {
    guarded(|| {
        let filter = DocFilter::try_from(filter.unwrap_or_default())?;
        Ok(lock(&library).documents(&filter)?)
    })
}

#[tauri::command]
pub async fn list_collections(
    library: State<'_, Mutex<Library>>,
) -> CommandResult<Vec<Collection>> {
    guarded(|| Ok(lock(&library).collections()?))
}

/// A document as the reader shows it: the engine's document, its body as
/// sanitised HTML with each citation in a `span.cite`, and the word limits
/// of its collection.
#[derive(Debug, Serialize)]
pub struct ReaderDoc {
    #[serde(flatten)]
    document: Document,
    html: String,
    min_words: Option<u32>,
    max_words: Option<u32>,
}

#[tauri::command]
pub async fn get_document(library: State<'_, Mutex<Library>>, id: i64) -> CommandResult<ReaderDoc> {
    guarded(|| {
        let library = lock(&library);
        let document = library.document(id)?;
        let collection = match document.collection_id {
            Some(cid) => library.collections()?.into_iter().find(|c| c.id == cid),
            None => None,
        };
        Ok(ReaderDoc {
            // Rendered through the engine, which catches a panic at this document.
            html: library.document_html(id)?,
            min_words: collection.as_ref().and_then(|c| c.min_words),
            max_words: collection.as_ref().and_then(|c| c.max_words),
            document,
        })
    })
}

/// Imports files on a blocking worker, sending `import-progress` events
/// (`{done, total, current}`) as each file is read. Per-file failures are in
/// the report's `errors`; the command itself fails only if the worker dies.
/// Only files the person picked or dropped on this window are read.
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
        Ok(
            library.import_files(&paths, collection.as_deref(), &mut |progress| {
                // A closed window cannot receive progress; the import goes on regardless.
                let _ = app.emit("import-progress", &progress);
            }),
        )
    })
    .await
}
