//! The file dialogs, opened from Rust so that every path a command uses was
//! chosen by the person, never named by the page (see [`crate::grants`]).
//!
//! The page asks for a dialog by purpose; what the person picks is granted to
//! its window and handed back for the page to show and pass on.

use std::path::PathBuf;

use serde::Deserialize;
use tauri::{AppHandle, Manager, State, Window};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use crate::commands::{blocking, CommandError, CommandResult};
use crate::grants::{Access, Grants};
use crate::test_hooks::TestHooks;

/// What the files are picked for, which sets the dialog's title and filter.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// Essays and sources to import: `.txt`, `.md`, `.docx`, `.odt`,
    /// `.pdf`, saved web pages.
    Documents,
    /// A Zotero data directory (a folder).
    Zotero,
    /// BibTeX, RIS or CSL-JSON files of works.
    Works,
    /// One `.csl` style file to import into the library.
    Style,
    /// A rubric file (JSON) to save as a template.
    Rubric,
    /// A marker's marks file (JSON) to import into a round.
    Marks,
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Purpose::Documents => "Import essays and sources",
            Purpose::Zotero => "Import a Zotero library: choose its data directory",
            Purpose::Works => "Import works",
            Purpose::Style => "Import a CSL style",
            Purpose::Rubric => "Import a rubric",
            Purpose::Marks => "Import a marker's marks",
        }
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Purpose::Documents => (
                "Essays and sources",
                &[
                    "txt", "md", "markdown", "docx", "odt", "fodt", "pdf", "html", "htm",
                ],
            ),
            Purpose::Zotero => ("Zotero data directory", &[]),
            Purpose::Works => ("BibTeX, RIS, CSL-JSON", &["bib", "bibtex", "ris", "json"]),
            Purpose::Style => ("CSL style", &["csl"]),
            Purpose::Rubric => ("Rubric (JSON)", &["json"]),
            Purpose::Marks => ("Marks file (JSON)", &["json"]),
        }
    }

    fn multiple(self) -> bool {
        matches!(self, Purpose::Documents | Purpose::Works)
    }
}

/// Opens an open-file dialog; the paths picked (none when cancelled) are
/// granted for reading to the calling window.
#[tauri::command]
pub async fn pick_files(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    purpose: Purpose,
) -> CommandResult<Vec<PathBuf>> {
    let window_label = window.label().to_string();
    let picked = blocking(move || {
        if let Some(paths) = app.state::<TestHooks>().picked() {
            return Ok(paths);
        }
        let (name, extensions) = purpose.filter();
        let mut dialog = dialog(&app, &window).set_title(purpose.title());
        if !extensions.is_empty() {
            dialog = dialog.add_filter(name, extensions);
        }
        let chosen = if matches!(purpose, Purpose::Zotero) {
            dialog.blocking_pick_folder().into_iter().collect()
        } else if purpose.multiple() {
            dialog.blocking_pick_files().unwrap_or_default()
        } else {
            dialog.blocking_pick_file().into_iter().collect()
        };
        local_paths(chosen)
    })
    .await?;
    grants.grant(&window_label, Access::Read, picked.iter().cloned());
    Ok(picked)
}

/// Opens a save dialog for a `format` file named after `base_name`; the path
/// chosen (None when cancelled) is granted for writing to the calling window.
#[tauri::command]
pub async fn pick_save_path(
    app: AppHandle,
    window: Window,
    grants: State<'_, Grants>,
    base_name: String,
    format: String,
) -> CommandResult<Option<PathBuf>> {
    let (extension, label) = save_filter(&format)
        .ok_or_else(|| CommandError::invalid(format!("unknown export format {format:?}")))?;
    let window_label = window.label().to_string();
    let chosen = blocking(move || match app.state::<TestHooks>().picked() {
        Some(paths) => Ok(paths.into_iter().next()),
        None => {
            let file = dialog(&app, &window)
                .set_title(format!("Export as {label}"))
                .set_file_name(format!("{}.{extension}", safe_file_stem(&base_name)))
                .add_filter(label, &[extension])
                .blocking_save_file();
            Ok(local_paths(file.into_iter().collect())?.into_iter().next())
        }
    })
    .await?;
    grants.grant(&window_label, Access::Write, chosen.clone());
    Ok(chosen)
}

fn dialog(app: &AppHandle, window: &Window) -> FileDialogBuilder<tauri::Wry> {
    app.dialog().file().set_parent(window)
}

/// Dialogs on desktop return file paths; a URL (mobile content URIs) is refused.
fn local_paths(chosen: Vec<FilePath>) -> CommandResult<Vec<PathBuf>> {
    chosen
        .into_iter()
        .map(|file| {
            file.into_path()
                .map_err(|err| CommandError::invalid(format!("not a local file: {err}")))
        })
        .collect()
}

/// The extension and filter label of an export format.
fn save_filter(format: &str) -> Option<(&'static str, &'static str)> {
    Some(match format {
        "html" => ("html", "HTML"),
        "svg" => ("svg", "SVG image"),
        "png" => ("png", "PNG image"),
        "markdown" => ("md", "Markdown"),
        "text" => ("txt", "Plain text"),
        "bibtex" => ("bib", "BibTeX"),
        "ris" => ("ris", "RIS"),
        "csl-json" => ("json", "CSL-JSON"),
        "csv" => ("csv", "CSV"),
        "json" => ("json", "JSON"),
        _ => return None,
    })
}

/// A list's name as a file name: no separators or characters Windows refuses.
fn safe_file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    match stem.trim() {
        "" => "references".to_string(),
        trimmed => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_name_becomes_a_safe_file_name() {
        assert_eq!(safe_file_stem("Inequality reading"), "Inequality reading");
        assert_eq!(safe_file_stem("../../.bashrc"), ".. .. .bashrc");
        assert_eq!(safe_file_stem(" / "), "references");
    }

    #[test]
    fn every_export_format_has_a_save_filter() {
        for format in [
            "html", "markdown", "text", "bibtex", "ris", "csl-json", "csv", "json",
        ] {
            assert!(save_filter(format).is_some(), "{format}");
        }
        assert!(save_filter("exe").is_none());
    }
}
