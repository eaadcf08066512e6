//! Search and themes: the search palette's queries, the themes page's saved
//! searches and suggestions, and a document's key terms. A few lines each
//! over `quire_api::search`.

use std::sync::Mutex;

use quire_api::search::Query;
use quire_api::wire::{CitedWork, KeyTerm, SearchResults, ThemeReport, ThemeSummary};
use quire_engine::Library;
use tauri::State;

use super::{guarded, lock, CommandResult};

/// Runs a search (`{text, kind, collection, affiliation, year, limit}`);
/// bad syntax comes back in `ignored`, never as an error.
#[tauri::command]
pub async fn search(
    library: State<'_, Mutex<Library>>,
    query: Query,
) -> CommandResult<SearchResults> {
    guarded(|| quire_api::search::search(&lock(&library), query))
}

#[tauri::command]
pub async fn list_themes(library: State<'_, Mutex<Library>>) -> CommandResult<Vec<ThemeSummary>> {
    guarded(|| quire_api::search::themes(&lock(&library)))
}

#[tauri::command]
pub async fn show_theme(
    library: State<'_, Mutex<Library>>,
    name: String,
) -> CommandResult<ThemeReport> {
    guarded(|| quire_api::search::theme(&mut lock(&library), &name))
}

/// The works cited by the paragraphs a query finds.
#[tauri::command]
pub async fn works_cited_where(
    library: State<'_, Mutex<Library>>,
    query: String,
) -> CommandResult<Vec<CitedWork>> {
    guarded(|| quire_api::search::works_cited_where(&mut lock(&library), &query))
}

/// Saves a theme (or changes the one of that name) and returns the themes.
#[tauri::command]
pub async fn add_theme(
    library: State<'_, Mutex<Library>>,
    name: String,
    query: String,
    colour: Option<String>,
) -> CommandResult<Vec<ThemeSummary>> {
    guarded(|| quire_api::search::add_theme(&mut lock(&library), &name, &query, colour.as_deref()))
}

/// Deletes a theme and returns the themes that are left.
#[tauri::command]
pub async fn delete_theme(
    library: State<'_, Mutex<Library>>,
    name: String,
) -> CommandResult<Vec<ThemeSummary>> {
    guarded(|| quire_api::search::delete_theme(&mut lock(&library), &name))
}

#[tauri::command]
pub async fn suggested_themes(
    library: State<'_, Mutex<Library>>,
    n: usize,
) -> CommandResult<Vec<KeyTerm>> {
    guarded(|| quire_api::search::suggested_themes(&lock(&library), n))
}

#[tauri::command]
pub async fn key_terms(
    library: State<'_, Mutex<Library>>,
    doc: i64,
    n: usize,
) -> CommandResult<Vec<KeyTerm>> {
    guarded(|| quire_api::search::key_terms(&lock(&library), doc, n))
}
