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

use quire_engine::{Library, StyleSummary};
use quire_format::Style;
use tauri::{AppHandle, Manager, State, Window};

use super::works::DEFAULT_STYLE;
use super::{blocking, guarded, lock, CommandError, CommandResult};
use crate::grants::{Access, Grants};

/// Every style a list can use: bundled first, then the library's own.
#[tauri::command]
pub async fn list_styles(library: State<'_, Mutex<Library>>) -> CommandResult<Vec<StyleSummary>> {
    guarded(|| Ok(lock(&library).styles()?))
}

/// Imports the `.csl` file the person just picked (the grant is used up)
/// into the library, and returns it as [`list_styles`] lists it. The engine
/// checks it in the citation processor first, which can take seconds.
#[tauri::command]
pub async fn import_style(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    path: PathBuf,
) -> CommandResult<StyleSummary> {
    grants.take_one(window.label(), Access::Read, &path)?;
    blocking(move || {
        let state = app.state::<Mutex<Library>>();
        let mut library = lock(&state);
        Ok(library.import_style(&path)?)
    })
    .await
}

/// Removes an imported style; the engine refuses a bundled style or one a list uses.
#[tauri::command]
pub async fn remove_style(library: State<'_, Mutex<Library>>, name: String) -> CommandResult<()> {
    guarded(|| Ok(lock(&library).remove_style(&name)?))
}

/// The style the page or a list names, through the library (bundled,
/// imported, or a list's `.csl` file); the default when none is named.
pub fn load(library: &Library, style: Option<&str>) -> CommandResult<Style> {
    Ok(library.style(style.unwrap_or(DEFAULT_STYLE))?)
}

/// Whether the page may use `style` without a new pick: a bundled or
/// imported style's name, or a style a list of the library already uses.
pub fn known(library: &Library, style: &str) -> CommandResult<bool> {
    let wanted = style.trim().to_lowercase();
    if library.styles()?.iter().any(|s| s.name == wanted) {
        return Ok(true);
    }
    Ok(library.lists()?.iter().any(|list| list.style == style))
}

/// Refuses a style the page named for a preview unless it is [`known`].
pub fn check_preview(library: &Library, style: Option<&str>) -> CommandResult<()> {
    match style {
        Some(style) if !known(library, style)? => Err(CommandError::new(format!(
            "unknown style {style:?}: choose a bundled style, import one, or load a .csl file for a list"
        ))),
        _ => Ok(()),
    }
}

/// Allows a list's new style: [`known`], or a `.csl` file this window's
/// person just picked (the grant is used up).
pub fn check_new(
    library: &Library,
    grants: &Grants,
    window: &str,
    style: &str,
) -> CommandResult<()> {
    if known(library, style)? {
        return Ok(());
    }
    grants.take_one(window, Access::Read, Path::new(style))
}
