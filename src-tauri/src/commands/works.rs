//! Works: the works view, a work's detail, editing, merging, splitting, and
//! moving works in and out of BibTeX, RIS and CSL-JSON files. Each command
//! is a few lines over `quire_api::works`.

use std::path::PathBuf;
use std::sync::Mutex;

use quire_api::wire::{InterchangeFormat, WorkDetail, WorkRow, WorksImport, WorksPage};
use quire_csl::CslItem;
use quire_engine::{Library, WorksFilter};
use tauri::{AppHandle, Manager, State, Window};

use super::{blocking, guarded, lock, CommandResult};
use crate::grants::{Access, Grants};

/// One page of the works matching `filter`, formatted in `style`; cheap
/// enough for every keystroke (the engine caches formatted entries).
#[tauri::command]
pub async fn list_works(
    library: State<'_, Mutex<Library>>,
    filter: Option<WorksFilter>,
    style: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
) -> CommandResult<WorksPage> {
    let filter = filter.unwrap_or_default();
    guarded(|| {
        quire_api::works::page(
            &mut lock(&library),
            &filter,
            style.as_deref(),
            offset.unwrap_or(0),
            limit,
        )
    })
}

#[tauri::command]
pub async fn get_work(
    library: State<'_, Mutex<Library>>,
    id: i64,
    style: Option<String>,
) -> CommandResult<WorkDetail> {
    guarded(|| quire_api::works::detail(&mut lock(&library), id, style.as_deref()))
}

#[tauri::command]
pub async fn update_work(
    library: State<'_, Mutex<Library>>,
    id: i64,
    csl: CslItem,
) -> CommandResult<WorkRow> {
    guarded(|| quire_api::works::update(&mut lock(&library), id, &csl))
}

/// Folds every work of `others` into `keep`, in one write.
#[tauri::command]
pub async fn merge_works(
    library: State<'_, Mutex<Library>>,
    keep: i64,
    others: Vec<i64>,
) -> CommandResult<WorkRow> {
    guarded(|| quire_api::works::merge(&mut lock(&library), keep, &others))
}

/// Gives one reference entry its own work; returns the new work's id.
#[tauri::command]
pub async fn split_work(
    library: State<'_, Mutex<Library>>,
    document_id: i64,
    position: i64,
) -> CommandResult<i64> {
    guarded(|| quire_api::works::split(&mut lock(&library), document_id, position))
}

/// Imports BibTeX, RIS and CSL-JSON files the person picked or dropped on this window.
#[tauri::command]
pub async fn import_works(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    paths: Vec<PathBuf>,
) -> CommandResult<WorksImport> {
    grants.take(window.label(), Access::Read, &paths)?;
    blocking(move || quire_api::works::import(&mut lock(&app.state::<Mutex<Library>>()), &paths))
        .await
}

/// Writes the works as `bibtex`, `ris` or `csl-json` to `path`, chosen in a save dialog.
#[tauri::command]
pub async fn export_works(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    ids: Vec<i64>,
    format: InterchangeFormat,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| quire_api::works::export(&lock(&library), &ids, format, &path))
}
