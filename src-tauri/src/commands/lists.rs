//! Reference and reading lists: building them (sections, order, importance,
//! notes), choosing a style, and formatting them for preview, copy and export.

use std::path::PathBuf;
use std::sync::Mutex;

use quire_csl::CslItem;
use quire_engine::bibliography::{format_list, format_works, FormattedList};
use quire_engine::{Importance, Library, ListItem, ListSummary, ListView, Placement, Purpose};
use quire_format::escape_html;
use serde::Serialize;
use tauri::{State, Window};

use super::works::{interchange, write};
use super::{guarded, lock, styles, CommandError, CommandResult};
use crate::grants::{Access, Grants};

#[tauri::command]
pub async fn list_lists(library: State<'_, Mutex<Library>>) -> CommandResult<Vec<ListSummary>> {
    guarded(|| Ok(lock(&library).lists()?))
}

#[tauri::command]
pub async fn create_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    purpose: String,
) -> CommandResult<ListSummary> {
    guarded(|| {
        let purpose: Purpose = purpose.parse()?;
        Ok(lock(&library).create_list(&name, purpose)?)
    })
}

#[tauri::command]
pub async fn delete_list(library: State<'_, Mutex<Library>>, name: String) -> CommandResult<()> {
    guarded(|| Ok(lock(&library).delete_list(&name)?))
}

/// A list's items in the order its author chose, and the list formatted in its style.
#[derive(Debug, Serialize)]
pub struct ListShow {
    list: ListView,
    preview: FormattedList,
    /// Why the list's own style did not load (a moved `.csl` file); the preview then uses the default.
    style_error: Option<String>,
}

#[tauri::command]
pub async fn show_list(
    library: State<'_, Mutex<Library>>,
    name: String,
) -> CommandResult<ListShow> {
    guarded(|| {
        // Formatting can take a while (a new style is compiled first): the
        // library is not held for it.
        let (list, style, style_error) = {
            let library = lock(&library);
            let list = library.list(&name)?;
            match styles::load(&library, Some(list.style.as_str())) {
                Ok(style) => (list, style, None),
                Err(err) => {
                    let style = styles::load(&library, None)?;
                    (list, style, Some(err.message().to_string()))
                }
            }
        };
        let preview = format_list(&list, &style)?;
        Ok(ListShow {
            list,
            preview,
            style_error,
        })
    })
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
    guarded(|| {
        let importance = importance.map(|i| i.parse::<Importance>()).transpose()?;
        let placement = Placement {
            section: section.as_deref(),
            importance,
            note: note.as_deref(),
        };
        Ok(lock(&library).add_to_list(&name, &work_ids, placement)?)
    })
}

/// Adds the works an essay's reference list cites; returns how many.
#[tauri::command]
pub async fn add_document_to_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    document_id: i64,
) -> CommandResult<usize> {
    guarded(|| {
        let mut library = lock(&library);
        let ids: Vec<i64> = library
            .document_works(document_id)?
            .iter()
            .map(|w| w.id)
            .collect();
        library.add_to_list(&name, &ids, Placement::default())?;
        Ok(ids.len())
    })
}

/// Moves an item to `index` (0-based, in display order) within `section`
/// (None: the unsectioned items at the top), for drag and drop and Alt+arrows.
#[tauri::command]
pub async fn move_list_item(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_id: i64,
    index: usize,
    section: Option<String>,
) -> CommandResult<()> {
    guarded(|| {
        let mut library = lock(&library);
        let item = find_item(&library, &name, work_id)?;
        if item.section != section {
            replace_item(
                &mut library,
                &name,
                &item,
                section.as_deref(),
                item.importance,
                item.note.as_deref(),
            )?;
        }
        Ok(library.move_list_item(&name, work_id, index)?)
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
        let importance = importance.map(|i| i.parse::<Importance>()).transpose()?;
        let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let mut library = lock(&library);
        let items = library.list(&name)?.items;
        let index = items
            .iter()
            .position(|i| i.work_id == work_id)
            .ok_or_else(|| CommandError::new(format!("work {work_id} is not in list `{name}`")))?;
        replace_item(
            &mut library,
            &name,
            &items[index],
            items[index].section.as_deref(),
            importance,
            note,
        )?;
        Ok(library.move_list_item(&name, work_id, index)?)
    })
}

#[tauri::command]
pub async fn remove_from_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_id: i64,
) -> CommandResult<()> {
    guarded(|| Ok(lock(&library).remove_from_list(&name, work_id)?))
}

/// A bundled or imported style's name, or the path of a `.csl` file the
/// person picked; refused when it does not load.
#[tauri::command]
pub async fn set_list_style(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    name: String,
    style: String,
) -> CommandResult<()> {
    guarded(|| {
        let mut library = lock(&library);
        styles::check_new(&library, &grants, window.label(), &style)?;
        Ok(library.set_list_style(&name, &style)?)
    })
}

/// An essay's reference list, each entry matched to its work, in a style.
#[tauri::command]
pub async fn format_document(
    library: State<'_, Mutex<Library>>,
    document_id: i64,
    style: Option<String>,
) -> CommandResult<FormattedList> {
    guarded(|| {
        let (style, works) = {
            let mut library = lock(&library);
            styles::check_preview(&library, style.as_deref())?;
            let style = styles::load(&library, style.as_deref())?;
            (style, library.document_works(document_id)?)
        };
        let items: Vec<CslItem> = works.iter().map(|w| w.csl.clone()).collect();
        let ids: Vec<i64> = works.iter().map(|w| w.id).collect();
        Ok(format_works(&items, &ids, &style)?)
    })
}

/// Writes the list to `path` as `html`, `markdown`, `text`, `bibtex`, `ris`
/// or `csl-json`; the person must have chosen `path` in a save dialog.
#[tauri::command]
pub async fn export_list(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    name: String,
    format: String,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| {
        let (list, style) = {
            let library = lock(&library);
            let list = library.list(&name)?;
            let style = styles::load(&library, Some(list.style.as_str()));
            (list, style)
        };
        let items: Vec<CslItem> = list.items.iter().map(|i| i.csl.clone()).collect();
        if let Some(out) = interchange(&items, &format) {
            return write(&path, &out);
        }
        let f = format_list(&list, &style?)?;
        let out = match format.as_str() {
        "html" => format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{}</body>\n</html>\n",
            f.html,
            title = escape_html(&list.name)
        ),
        "markdown" => format!("# {}\n\n{}", list.name, f.markdown),
        "text" => format!("{}\n\n{}", list.name, f.text),
        _ => return Err(CommandError::new(format!("unknown export format {format:?}"))),
    };
        write(&path, &out)
    })
}

fn find_item(library: &Library, name: &str, work_id: i64) -> CommandResult<ListItem> {
    library
        .list(name)?
        .items
        .into_iter()
        .find(|i| i.work_id == work_id)
        .ok_or_else(|| CommandError::new(format!("work {work_id} is not in list `{name}`")))
}

/// Puts an item back with a new section, importance and note. The engine's
/// add only fills in placement, so clearing a field means adding afresh.
fn replace_item(
    library: &mut Library,
    name: &str,
    item: &ListItem,
    section: Option<&str>,
    importance: Option<Importance>,
    note: Option<&str>,
) -> CommandResult<()> {
    library.remove_from_list(name, item.work_id)?;
    library.add_to_list(
        name,
        &[item.work_id],
        Placement {
            section,
            importance,
            note,
        },
    )?;
    Ok(())
}
