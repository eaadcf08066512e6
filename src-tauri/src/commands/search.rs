//! Search and themes (issue 4): the search palette's queries, the themes
//! page's saved searches and suggestions, and a document's key terms.

use std::sync::Mutex;

use quire_engine::search::{KeyTerm, SearchQuery, SearchResults};
use quire_engine::themes::{ThemeReport, ThemeSummary, ThemeWork};
use quire_engine::Library;
use serde::Deserialize;
use tauri::State;

use super::{guarded, lock, CommandResult};

/// Most hits one search returns: the palette shows a screenful, and a
/// bigger page only makes every keystroke slower.
const MAX_LIMIT: usize = 100;
const DEFAULT_LIMIT: usize = 20;

/// A search as the UI sends it: the typed text and the facet filters the
/// user picked (`{text, kind, collection, affiliation, year, limit}`).
#[derive(Debug, Default, Deserialize)]
pub struct SearchArgs {
    #[serde(default)]
    text: String,
    kind: Option<String>,
    collection: Option<String>,
    affiliation: Option<String>,
    year: Option<i32>,
    limit: Option<usize>,
}

impl From<SearchArgs> for SearchQuery {
    fn from(args: SearchArgs) -> Self {
        SearchQuery {
            text: args.text,
            kind: args.kind,
            collection: args.collection,
            affiliation: args.affiliation,
            year: args.year,
            limit: args.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
        }
    }
}

/// Runs a search; bad syntax comes back in `ignored`, never as an error.
#[tauri::command]
pub async fn search(
    library: State<'_, Mutex<Library>>,
    query: SearchArgs,
) -> CommandResult<SearchResults> {
    guarded(|| Ok(lock(&library).search(&query.into())?))
}

#[tauri::command]
pub async fn list_themes(library: State<'_, Mutex<Library>>) -> CommandResult<Vec<ThemeSummary>> {
    guarded(|| Ok(lock(&library).themes()?))
}

#[tauri::command]
pub async fn show_theme(
    library: State<'_, Mutex<Library>>,
    name: String,
) -> CommandResult<ThemeReport> {
    guarded(|| Ok(lock(&library).theme(&name)?))
}

/// The works cited by the paragraphs a query finds: "add what these
/// results cite to a list".
#[tauri::command]
pub async fn works_cited_where(
    library: State<'_, Mutex<Library>>,
    query: String,
) -> CommandResult<Vec<ThemeWork>> {
    guarded(|| Ok(lock(&library).works_cited_where(&query)?))
}

/// Saves a theme (or changes the one of that name) and returns the themes
/// as the page lists them, so it redraws from one answer.
#[tauri::command]
pub async fn add_theme(
    library: State<'_, Mutex<Library>>,
    name: String,
    query: String,
    colour: Option<String>,
) -> CommandResult<Vec<ThemeSummary>> {
    guarded(|| {
        let mut library = lock(&library);
        library.add_theme(&name, &query, colour.as_deref())?;
        Ok(library.themes()?)
    })
}

/// Deletes a theme and returns the themes that are left.
#[tauri::command]
pub async fn delete_theme(
    library: State<'_, Mutex<Library>>,
    name: String,
) -> CommandResult<Vec<ThemeSummary>> {
    guarded(|| {
        let mut library = lock(&library);
        library.delete_theme(&name)?;
        Ok(library.themes()?)
    })
}

#[tauri::command]
pub async fn suggested_themes(
    library: State<'_, Mutex<Library>>,
    n: usize,
) -> CommandResult<Vec<KeyTerm>> {
    guarded(|| Ok(lock(&library).suggested_themes(n.min(MAX_LIMIT))?))
}

#[tauri::command]
pub async fn key_terms(
    library: State<'_, Mutex<Library>>,
    doc: i64,
    n: usize,
) -> CommandResult<Vec<KeyTerm>> {
    guarded(|| Ok(lock(&library).key_terms(doc, n.min(MAX_LIMIT))?))
}
