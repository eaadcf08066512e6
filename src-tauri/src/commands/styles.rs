//! Citation styles: the picker's list (bundled, then those imported into
//! the library), importing a `.csl` file the person picked, removing one,
//! and which styles the page may name.
//!
//! A style is a bundled or imported style's name, or the path of a `.csl`
//! file, and loading one by path reads that path; so a path from the page
//! is taken only when the person picked it (see [`crate::grants`]) or a
//! list already uses it (picked when it was set, or set with the CLI).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use quire_api::wire::StyleSummary;
use quire_engine::Library;
use tauri::{AppHandle, Manager, State, Window};

use super::{blocking, guarded, lock, CommandResult};
use crate::grants::{Access, Grants};

/// Every style a list can use: bundled first, then the library's own.
#[tauri::command]
pub async fn list_styles(library: State<'_, Mutex<Library>>) -> CommandResult<Vec<StyleSummary>> {
    guarded(|| quire_api::styles::list(&lock(&library)))
}

/// Imports the `.csl` file the person just picked (the grant is used up);
/// the engine checks it in the citation processor first, which can take seconds.
#[tauri::command]
pub async fn import_style(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    path: PathBuf,
) -> CommandResult<StyleSummary> {
    grants.take_one(window.label(), Access::Read, &path)?;
    blocking(move || quire_api::styles::import(&mut lock(&app.state::<Mutex<Library>>()), &path))
        .await
}

/// Removes an imported style; the engine refuses a bundled style or one a list uses.
#[tauri::command]
pub async fn remove_style(library: State<'_, Mutex<Library>>, name: String) -> CommandResult<()> {
    guarded(|| quire_api::styles::remove(&mut lock(&library), &name))
}

/// Allows a list's new style: one the page may name anyway
/// ([`quire_api::styles::known`]), or a `.csl` file this window's person
/// just picked (the grant is used up).
pub fn allow_new(
    library: &Library,
    grants: &Grants,
    window: &str,
    style: &str,
) -> CommandResult<()> {
    if quire_api::styles::known(library, style)? {
        return Ok(());
    }
    grants.take_one(window, Access::Read, Path::new(style))
}
