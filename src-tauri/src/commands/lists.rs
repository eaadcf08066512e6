//! Reference and reading lists: building them (sections, order, importance,
//! notes), choosing a style, and formatting them for preview, copy and
//! export. Each command is a few lines over `quire_api::lists`; formatting
//! runs on the blocking pool without holding the library.

use std::path::PathBuf;
use std::sync::Mutex;

use quire_api::lists::Place;
use quire_api::wire::{FormattedList, ListExportFormat, ListShow, ListSummary};
use quire_engine::Library;
use tauri::{State, Window};

use super::{blocking, guarded, lock, CommandResult};
use crate::grants::{Access, Grants};

#[tauri::command]
pub async fn list_lists(library: State<'_, Mutex<Library>>) -> CommandResult<Vec<ListSummary>> {
    guarded(|| quire_api::lists::all(&lock(&library)))
}

#[tauri::command]
pub async fn create_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    purpose: String,
) -> CommandResult<ListSummary> {
    guarded(|| quire_api::lists::create(&mut lock(&library), &name, &purpose))
}

#[tauri::command]
pub async fn delete_list(library: State<'_, Mutex<Library>>, name: String) -> CommandResult<()> {
    guarded(|| quire_api::lists::delete(&mut lock(&library), &name))
}

/// A list's items in its author's order, and the list formatted in its style.
#[tauri::command]
pub async fn show_list(
    library: State<'_, Mutex<Library>>,
    name: String,
) -> CommandResult<ListShow> {
    let pending = guarded(|| quire_api::lists::show(&lock(&library), &name))?;
    blocking(move || pending.run()).await
}

#[tauri::command]
pub async fn add_to_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_ids: Vec<i64>,
    section: Option<String>,
    importance: Option<String>,
    note: Option<String>,
) -> CommandResult<()> {
    let place = Place {
        section,
        importance,
        note,
    };
    guarded(|| quire_api::lists::add(&mut lock(&library), &name, &work_ids, &place))
}

/// Adds the works an essay's reference list cites; returns how many.
#[tauri::command]
pub async fn add_document_to_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    document_id: i64,
) -> CommandResult<usize> {
    guarded(|| quire_api::lists::add_document(&mut lock(&library), &name, document_id))
}

/// Moves an item to `index` within `section` (None: the unsectioned items at the top).
#[tauri::command]
pub async fn move_list_item(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_id: i64,
    index: usize,
    section: Option<String>,
) -> CommandResult<()> {
    guarded(|| {
        quire_api::lists::move_item(
            &mut lock(&library),
            &name,
            work_id,
            section.as_deref(),
            index,
        )
    })
}

/// Sets an item's importance and note; None (or an empty note) clears them.
#[tauri::command]
pub async fn update_list_item(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_id: i64,
    importance: Option<String>,
    note: Option<String>,
) -> CommandResult<()> {
    guarded(|| {
        let mut library = lock(&library);
        quire_api::lists::update_item(
            &mut library,
            &name,
            work_id,
            importance.as_deref(),
            note.as_deref(),
        )
    })
}

#[tauri::command]
pub async fn remove_from_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_id: i64,
) -> CommandResult<()> {
    guarded(|| quire_api::lists::remove(&mut lock(&library), &name, work_id))
}

/// A bundled or imported style's name, or a `.csl` file the person just picked.
#[tauri::command]
pub async fn set_list_style(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    name: String,
    style: String,
) -> CommandResult<ListSummary> {
    guarded(|| {
        let mut library = lock(&library);
        super::styles::allow_new(&library, &grants, window.label(), &style)?;
        quire_api::lists::set_style(&mut library, &name, &style)
    })
}

/// An essay's reference list, each entry matched to its work, in a style.
#[tauri::command]
pub async fn format_document(
    library: State<'_, Mutex<Library>>,
    document_id: i64,
    style: Option<String>,
) -> CommandResult<FormattedList> {
    let pending = guarded(|| {
        quire_api::lists::format_document(&mut lock(&library), document_id, style.as_deref())
    })?;
    blocking(move || pending.run()).await
}

/// Writes the list to `path` (chosen in a save dialog) as `html`,
/// `markdown`, `text`, `bibtex`, `ris` or `csl-json`.
#[tauri::command]
pub async fn export_list(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    name: String,
    format: ListExportFormat,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    let pending = guarded(|| quire_api::lists::export(&lock(&library), &name, format, path))?;
    blocking(move || pending.run()).await
}
