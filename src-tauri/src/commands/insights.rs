//! Insights: the numbers behind each chart, a chart's data as CSV, and the
//! chart images the page renders written to a file the person picked. A few
//! lines each over `quire_api::insights`.

use std::path::PathBuf;
use std::sync::Mutex;

use quire_api::wire::{
    ChartRequest, CitedPassage, Coverage, EssayAges, EssayInsights, MostCited, Network,
    NetworkFilter, SearchHit, ThemeMatrix,
};
use quire_engine::Library;
use tauri::{State, Window};

use super::{guarded, lock, CommandResult};
use crate::grants::{Access, Grants};

#[tauri::command]
pub async fn essay_insights(
    library: State<'_, Mutex<Library>>,
    id: i64,
) -> CommandResult<EssayInsights> {
    guarded(|| quire_api::insights::essay(&mut lock(&library), id))
}

/// A review entry's essay insights (its document found through the round).
#[tauri::command]
pub async fn entry_insights(
    library: State<'_, Mutex<Library>>,
    round: String,
    code: String,
) -> CommandResult<EssayInsights> {
    guarded(|| quire_api::review::entry_insights(&mut lock(&library), &round, &code))
}

#[tauri::command]
pub async fn most_cited(
    library: State<'_, Mutex<Library>>,
    collection: Option<String>,
    top: usize,
) -> CommandResult<Vec<MostCited>> {
    guarded(|| quire_api::insights::most_cited(&mut lock(&library), collection.as_deref(), top))
}

#[tauri::command]
pub async fn citation_network(
    library: State<'_, Mutex<Library>>,
    collection: Option<String>,
    filter: NetworkFilter,
) -> CommandResult<Network> {
    guarded(|| quire_api::insights::network(&mut lock(&library), collection.as_deref(), filter))
}

#[tauri::command]
pub async fn theme_matrix(
    library: State<'_, Mutex<Library>>,
    collection: Option<String>,
) -> CommandResult<ThemeMatrix> {
    guarded(|| quire_api::insights::themes(&lock(&library), collection.as_deref()))
}

/// A heat-map cell opened: the paragraphs of `document` a theme's query matches.
#[tauri::command]
pub async fn theme_cell(
    library: State<'_, Mutex<Library>>,
    query: String,
    document: i64,
) -> CommandResult<Vec<SearchHit>> {
    guarded(|| quire_api::insights::theme_cell(&lock(&library), &query, document))
}

#[tauri::command]
pub async fn reference_ages(
    library: State<'_, Mutex<Library>>,
    collection: Option<String>,
) -> CommandResult<Vec<EssayAges>> {
    guarded(|| quire_api::insights::ages(&mut lock(&library), collection.as_deref()))
}

/// "Where is this cited": the paragraphs citing a work.
#[tauri::command]
pub async fn work_passages(
    library: State<'_, Mutex<Library>>,
    work: i64,
    collection: Option<String>,
) -> CommandResult<Vec<CitedPassage>> {
    guarded(|| quire_api::insights::passages(&mut lock(&library), work, collection.as_deref()))
}

#[tauri::command]
pub async fn list_coverage(
    library: State<'_, Mutex<Library>>,
    list: String,
    collection: Option<String>,
) -> CommandResult<Coverage> {
    guarded(|| quire_api::insights::coverage(&mut lock(&library), &list, collection.as_deref()))
}

/// Writes a chart's data as CSV to `path` (chosen in a save dialog).
#[tauri::command]
pub async fn chart_csv(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    request: ChartRequest,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| {
        let csv = quire_api::insights::csv(&mut lock(&library), &request)?;
        quire_api::files::write_atomic(&path, csv)
    })
}

/// Writes a chart image the page rendered (SVG text or PNG bytes) to `path`
/// (chosen in a save dialog).
#[tauri::command]
pub async fn save_chart(
    window: Window,
    grants: State<'_, Grants>,
    path: PathBuf,
    bytes: Vec<u8>,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| quire_api::files::write_atomic(&path, bytes))
}
